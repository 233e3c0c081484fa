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

def test_module_imports_acyclic():
    "A module imports only from lower-numbered notebooks' modules (no cycles, no upward imports)."
    import re, json
    order = {}
    for nb in sorted((ROOT/'nbs').glob('[0-9]*.ipynb')):
        for c in json.loads(nb.read_text())['cells']:
            m = re.search(r'#\|\s*default_exp\s+(\S+)', ''.join(c['source']))
            if m: order[m.group(1)] = nb.stem; break
    for mod, nb in order.items():
        src = (ROOT/'dlm_nb'/f'{mod}.py').read_text()
        for imp in re.findall(r'^\s*from (?:dlm_nb)?\.(\w+) import', src, re.M):
            assert imp in order and order[imp] < nb, f"dlm_nb.{mod} ({nb}) imports dlm_nb.{imp} ({order.get(imp)})"

def test_readme_is_rendered_index(tmp_path):
    "README.md is nbs/index.ipynb rendered (`make readme`)."
    subprocess.run(['bash', str(ROOT/'scripts/readme.sh'), str(tmp_path/'README.md')], check=True, capture_output=True)
    assert (tmp_path/'README.md').read_text() == (ROOT/'README.md').read_text(), "README.md is stale: run `make readme`"
