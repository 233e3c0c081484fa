"Papermill end to end: the run notebooks execute on tiny settings and write what they promise."
import json, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
PM = [sys.executable, '-m', 'papermill', '-k', 'python3', '--no-progress-bar']
TINY = ['model.dim=32', 'model.n_layers=1', 'model.n_heads=2', 'data.seq_len=32', 'data.batch_size=8',
        'data.max_docs=500', 'train.eval_batches=1', 'train.warmup_steps=2', 'train.log_every=1']

def papermill(nb, out, *params):
    args = [a for k, v in params for a in (('-y', f'{k}: {json.dumps(v)}') if isinstance(v, (list, dict)) else ('-p', k, str(v)))]
    return subprocess.run([*PM, str(ROOT/'nbs'/'runs'/nb), str(out), *args], cwd=ROOT, capture_output=True, text=True)

@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    d = tmp_path_factory.mktemp('run')
    r = subprocess.run([*PM, str(ROOT/'nbs/runs/train.ipynb'), str(d/'train.ipynb'), '-p', 'config', '',
                        '-p', 'run_dir', str(d), '-p', 'max_steps', '4', '-y', f'overrides: {json.dumps(TINY + ["train.eval_every=4", "train.save_every=4"])}'],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    return d

def test_train_notebook_writes_run(trained):
    for f in ('train.ipynb', 'config.yaml', 'metrics.jsonl', 'loss.png', 'checkpoints/step_000004/model/model.safetensors',
              'checkpoints/step_000004/model/dlm_config.yaml'):
        assert (trained/f).exists(), f
    recs = [json.loads(l) for l in (trained/'metrics.jsonl').read_text().splitlines()]
    assert [r['step'] for r in recs if 'loss' in r] == [1, 2, 3, 4]

def test_unknown_parameter_fails_with_closest_name(tmp_path):
    r = papermill('train.ipynb', tmp_path/'x.ipynb', ('max_step', 3))
    assert r.returncode != 0 and "did you mean 'max_steps'" in (r.stdout + r.stderr)

def test_sample_notebook(trained, tmp_path):
    out = tmp_path/'s'
    r = papermill('sample.ipynb', tmp_path/'sample.ipynb', ('checkpoint', trained), ('steps', 8), ('length', 16),
                  ('num_samples', 3), ('batch_size', 2), ('out_dir', out), ('prompt', 'Who is'))
    assert r.returncode == 0, r.stderr[-3000:]
    rows = [json.loads(l) for l in (out/'samples.jsonl').read_text().splitlines()]
    assert len(rows) == 3 and all(x['text'].startswith('Who is') for x in rows)
    s = json.loads((out/'sampling.json').read_text())
    assert s['num_samples'] == 3 and s['tokens_per_s'] > 0 and len(s['lengths']) == 3
    for f in ('decode_order.png', 'tokens.png', 'tokens.html'): assert (out/f).exists(), f

def test_evaluate_notebook(trained, tmp_path):
    out = tmp_path/'e'
    r = papermill('evaluate.ipynb', tmp_path/'evaluate.ipynb', ('checkpoint', trained), ('steps', 4), ('length', 16),
                  ('num_samples', 2), ('n_val_batches', 1), ('n_t', 1), ('task_limit', 2), ('metrics', ['nelbo', 'entropy']),
                  ('tasks', ['arithmetic']), ('out_dir', out))
    assert r.returncode == 0, r.stderr[-3000:]
    m = json.loads((out/'metrics.json').read_text())
    nelbo = m['metrics']['nelbo']
    assert nelbo['value'] > 0 and 'protocol' in nelbo
