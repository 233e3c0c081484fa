#!/usr/bin/env bash
# README.md is nbs/index.ipynb, executed and rendered to markdown (nbdev_readme needs Quarto, absent here).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-README.md}
tmp=$(mktemp -d)
.venv/bin/jupyter nbconvert --to markdown --execute nbs/index.ipynb --output-dir "$tmp" --output README \
    --TagRemovePreprocessor.remove_cell_tags='["hide"]' --TemplateExporter.exclude_input_prompt=True >/dev/null 2>&1
sed -e 's/\r$//' "$tmp/README.md" | cat -s > "$out"
rm -rf "$tmp"
