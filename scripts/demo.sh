#!/usr/bin/env bash
# `make demo`: the main job on the embedded default, every step a papermill run notebook.
#  1. train a small masked DLM (MDLM recipe) on the bundled Shakespeare corpus  -> outputs/demo/
#  2. train the AR baseline on the same data (the offline reference LM)        -> outputs/ar_baseline/
#  3. sample from the DLM with the main samplers and draw the denoising        -> outputs/demo/sample/
#  4. evaluate: perplexity bound, generative perplexity and entropy per sampler -> outputs/demo/metrics.json
#     (ddpm_cache draws exactly ddpm's tokens, at a fraction of the network calls: it stands for both)
# Runs resume: interrupt it and run it again.
set -euo pipefail
cd "$(dirname "$0")/.."
PM=".venv/bin/papermill -k python3 --no-progress-bar --log-output"
export TQDM_MININTERVAL=${TQDM_MININTERVAL:-1}   # progress bars redraw once a second (each redraw is a notebook output)
STEPS=${DEMO_STEPS:-0}   # DEMO_STEPS=50 make demo: a quicker smoke run
t0=$(date +%s)
mkdir -p outputs/demo outputs/ar_baseline
$PM nbs/runs/train.ipynb outputs/demo/train.ipynb -p config configs/demo.yaml -p max_steps "$STEPS"
$PM nbs/runs/train.ipynb outputs/ar_baseline/train.ipynb -p config configs/ar_baseline.yaml -p max_steps "$STEPS"
if [ -f nbs/runs/sample.ipynb ]; then
  $PM nbs/runs/sample.ipynb outputs/demo/sample.ipynb -p checkpoint outputs/demo -p out_dir outputs/demo/sample
fi
if [ -f nbs/runs/evaluate.ipynb ]; then
  $PM nbs/runs/evaluate.ipynb outputs/demo/evaluate.ipynb -p checkpoint outputs/demo -p reference_model outputs/ar_baseline \
      -y 'sampler: [ddpm_cache, block, parallel]' -p steps 128 -p length 128 -p num_samples 16 -p out_dir outputs/demo
fi
echo "make demo took $(( $(date +%s) - t0 )) s; results in outputs/demo/"
