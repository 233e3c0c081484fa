#!/usr/bin/env python
"""Run notebooks in place so their outputs (figures, printed tables) are committed and read on GitHub,
in JupyterLab and on the docs site. Cells run as under `nbdev_test`: those flagged `slow`, `cuda` or
`multiproc` (settings.ini `tst_flags`), `#| eval: false` cells and `nbdev_export()` are skipped and keep
no output. Then `nbdev_clean` (outputs kept, execution counts and metadata dropped).

Usage: .venv/bin/python scripts/fill_outputs.py nbs/08_processes.masked.ipynb [more notebooks]
Keep what a notebook shows small: figures at dpi <= 80, printed tables of a few lines.
"""
from __future__ import annotations
import os, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT/'scripts'))
from docs import skipped  # noqa: E402  (the one rule for which cells run)

def fill(path: Path) -> int:
    from execnb.nbio import read_nb
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    from nbdev.config import get_config
    os.environ['IN_TEST'] = '1'
    skip = set(get_config().get('tst_flags', '').split())
    nb = read_nb(path)

    for c in nb.cells:
        if c.cell_type == 'code': c.outputs = []
    k = CaptureShell(path, mpl_format='png')
    rc = 0
    try:
        with working_directory(path.parent): k.run_all(nb, exc_stop=True, preproc=lambda c: skipped(c, skip))   # as the docs build
    except Exception:
        sys.stderr.write(k.prettytb(fname=path) + '\n'); rc = 1
    for c in nb.cells:
        for a in ('directives_', 'idx_', 'has_sd'): c.pop(a, None)
    if rc == 0: _merge_outputs(nb, path)
    return rc

def _merge_outputs(nb, path: Path):
    "Write the outputs into the file as it is now: a cell edited while the notebook ran keeps its (no) output."
    import json
    ran = {c.get('id'): (c.source, c.get('outputs', [])) for c in nb.cells if c.cell_type == 'code'}
    cur = json.loads(path.read_text())
    for c in cur['cells']:
        if c['cell_type'] != 'code': continue
        src, outs = ran.get(c.get('id'), (None, []))
        c['outputs'] = [dict(o) for o in outs] if src == ''.join(c['source']) else []
    path.write_text(json.dumps(cur, indent=1, ensure_ascii=False) + '\n')

if __name__ == '__main__':
    sys.path.insert(0, str(ROOT))
    paths = [Path(p).resolve() for p in sys.argv[1:]]
    bad = [p for p in paths if fill(p)]
    for p in paths: subprocess.run([str(Path(sys.executable).parent/'nbdev_clean'), '--fname', str(p)], cwd=ROOT, check=False)
    for p in paths: print(('FAILED (outputs not written) ' if p in bad else 'filled ') + str(p.relative_to(ROOT)),
                          f'{p.stat().st_size / 1e3:.0f} kB')
    sys.exit(1 if bad else 0)
