"The library is what the notebooks export, and the notebooks are clean (CI checks both change nothing)."
import shutil, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

def _copy(tmp):
    for name in ('settings.ini', 'setup.py', 'README.md'): shutil.copy(ROOT/name, tmp/name)
    shutil.copytree(ROOT/'nbs', tmp/'nbs', ignore=shutil.ignore_patterns('.ipynb_checkpoints', '_proc'))
    shutil.copytree(ROOT/'dlm_nb', tmp/'dlm_nb', ignore=shutil.ignore_patterns('__pycache__'))

def _snapshot(d):
    return {p.relative_to(d): p.read_bytes() for p in sorted(d.rglob('*')) if p.is_file() and '__pycache__' not in p.parts}

@pytest.fixture(scope='module')
def tree(tmp_path_factory):
    tmp = tmp_path_factory.mktemp('sync'); _copy(tmp); return tmp

def _changed_by(tree, cmd, sub):
    "Files under `tree/sub` that running `cmd` in `tree` changes."
    before = _snapshot(tree/sub)
    subprocess.run([str(BIN/cmd)], cwd=tree, check=True, capture_output=True)
    after = _snapshot(tree/sub)
    return sorted(str(k) for k in set(before) | set(after) if before.get(k) != after.get(k))

def test_library_in_sync(tree):
    changed = _changed_by(tree, 'nbdev_export', 'dlm_nb')
    assert not changed, f"nbdev_export changes {changed}: run nbdev_export and commit dlm_nb/"

def test_notebooks_clean(tree):
    changed = _changed_by(tree, 'nbdev_clean', 'nbs')
    assert not changed, f"nbdev_clean changes {changed}: run nbdev_clean and commit nbs/"

def test_papermill_tags_kept():
    "Every run notebook has exactly one cell tagged `parameters` (nbdev_clean keeps the tag)."
    import json
    for nb in sorted((ROOT/'nbs'/'runs').glob('*.ipynb')):
        cells = json.loads(nb.read_text())['cells']
        tagged = [c for c in cells if 'parameters' in c.get('metadata', {}).get('tags', [])]
        assert len(tagged) == 1, f"{nb.name}: {len(tagged)} cells tagged 'parameters'"

FLOORS = ['core', 'nn', 'contracts', 'data', 'streaming', 'latents', 'images', 'processes', 'testing', 'models', 'samplers', 'metrics',
          'training', 'eval', 'rl', 'viz', 'cli']   # the package's floors, bottom first (README "The house")

def _module_notebooks():
    "dotted module -> the notebook stem that exports it (its `default_exp`)."
    import re, json
    order = {}
    for nb in sorted((ROOT/'nbs').glob('[0-9]*.ipynb')):
        for c in json.loads(nb.read_text())['cells']:
            m = re.search(r'#\|\s*default_exp\s+(\S+)', ''.join(c['source']))
            if m: order[m.group(1)] = nb.stem; break
    return order

def _imports(mod):
    "The dlm_nb modules that `mod`'s file imports (relative imports resolved)."
    import ast
    path = ROOT/'dlm_nb'/(mod.replace('.', '/') + '.py')
    pkg = mod.split('.')[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level: base = pkg[:len(pkg) - (node.level - 1)] if node.level > 1 else pkg
            elif (node.module or '').startswith('dlm_nb'): base = []
            else: continue
            name = (node.module or '').removeprefix('dlm_nb.').removeprefix('dlm_nb')
            out.add('.'.join([*base, *([name] if name else [])]))
        elif isinstance(node, ast.Import):
            out |= {a.name.removeprefix('dlm_nb.') for a in node.names if a.name.startswith('dlm_nb.')}
    return out

def test_module_imports_acyclic():
    "A module imports only from lower notebooks' modules, and a package only from its own floor or lower ones."
    order = _module_notebooks()
    assert set(m.split('.')[0] for m in order) == set(FLOORS), "a package is missing from FLOORS (or FLOORS names one that is gone)"
    for mod, nb in order.items():
        for imp in _imports(mod):
            assert imp in order, f"dlm_nb.{mod} imports dlm_nb.{imp}, which no notebook exports"
            assert order[imp] < nb, f"dlm_nb.{mod} ({nb}) imports dlm_nb.{imp} ({order[imp]}): upward"
            lo, hi = FLOORS.index(imp.split('.')[0]), FLOORS.index(mod.split('.')[0])
            assert lo <= hi, f"package {mod.split('.')[0]} imports the higher package {imp.split('.')[0]}"

def test_notebooks_follow_floors():
    "Notebook numbers follow the floors: every notebook of a package comes after every one of a lower package."
    order = _module_notebooks()
    by_floor = sorted(order.items(), key=lambda kv: kv[1])
    floors = [FLOORS.index(m.split('.')[0]) for m, _ in by_floor]
    assert floors == sorted(floors), [m for m, _ in by_floor]

def test_readme_is_rendered_index(tmp_path):
    "README.md is nbs/index.ipynb rendered (`make readme`)."
    subprocess.run(['bash', str(ROOT/'scripts/readme.sh'), str(tmp_path/'README.md')], check=True, capture_output=True)
    assert (tmp_path/'README.md').read_text() == (ROOT/'README.md').read_text(), "README.md is stale: run `make readme`"
