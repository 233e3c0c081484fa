"Papermill end to end: the run notebooks execute on tiny settings and write what they promise."
import json, math, sys
from pathlib import Path
import pytest

from dlm_nb.training.distributed import run_bounded

DEADLINE = 900   # seconds a run notebook may take before it and its kernel are killed (tiny settings: 1-3 minutes)

ROOT = Path(__file__).resolve().parents[1]
# --execution-timeout: a cell still running after 10 minutes fails the notebook, naming the cell
PM = [sys.executable, '-m', 'papermill', '-k', 'python3', '--no-progress-bar', '--execution-timeout', '600']
TINY = ['model.dim=32', 'model.n_layers=1', 'model.n_heads=2', 'data.seq_len=32', 'data.batch_size=8',
        'data.max_docs=500', 'train.eval_batches=1', 'train.warmup_steps=2', 'train.log_every=1']

def papermill(nb, out, *params):
    args = [a for k, v in params for a in (('-y', f'{k}: {json.dumps(v)}') if isinstance(v, (list, dict)) else ('-p', k, str(v)))]
    return run_bounded([*PM, str(ROOT/'nbs'/'runs'/nb), str(out), *args], DEADLINE, cwd=ROOT)

@pytest.fixture(scope='module')
def trained(tmp_path_factory):
    d = tmp_path_factory.mktemp('run')
    r = run_bounded([*PM, str(ROOT/'nbs/runs/train.ipynb'), str(d/'train.ipynb'), '-p', 'config', '',
                        '-p', 'run_dir', str(d), '-p', 'max_steps', '4', '-y', f'overrides: {json.dumps(TINY + ["train.eval_every=4", "train.save_every=4"])}'],
                       DEADLINE, cwd=ROOT)
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

def test_train_notebook_two_ranks(tmp_path):
    "num_processes=2 forks the papermill kernel into two gloo ranks (accelerate.notebook_launcher) that stay in sync."
    r = run_bounded([*PM, str(ROOT/'nbs/runs/train.ipynb'), str(tmp_path/'train.ipynb'), '-p', 'config', '',
                        '-p', 'run_dir', str(tmp_path), '-p', 'max_steps', '2', '-p', 'num_processes', '2',
                        '-y', f'overrides: {json.dumps(TINY + ["train.eval_every=0", "train.save_every=2", "train.ema=0", "device=cpu"])}'],
                       DEADLINE, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-3000:]
    nb = json.loads((tmp_path/'train.ipynb').read_text())
    out = ''.join(o.get('text', '') if isinstance(o.get('text', ''), str) else ''.join(o['text'])
                  for c in nb['cells'] if c['cell_type'] == 'code' for o in c.get('outputs', []))
    assert "'rank': 0" in out and "'rank': 1" in out and "'world_size': 2" in out
    recs = [json.loads(l) for l in (tmp_path/'metrics.jsonl').read_text().splitlines()]
    assert recs[-1]['tokens'] == 2 * 2 * 8 * 32                  # 2 steps x 2 ranks x 8 rows x 32 tokens
    assert (tmp_path/'checkpoints/step_000002/model/model.safetensors').exists()

def test_latent_notebook(tmp_path):
    """latent.ipynb end to end on a tiny slice: extraction, denoiser (diffusers' U-Net), decoder, judge, latent-conditioned
    DiT, generation from the saved folders, MMDiT; every metric it promises."""
    out = tmp_path/'out'
    tiny = (('n_train', 200), ('n_val', 40), ('denoiser_steps', 20), ('sample_steps', 5), ('judge', tmp_path/'judge'),
            ('judge_steps', 3), ('mmdit_steps', 20), ('mmdit_sample_steps', 6), ('mmdit_dim', 32), ('ldit_steps', 20),
            ('ldit_dim', 32), ('ldit_layers', 1), ('n_generate', 4), ('denoiser', 'unet2d'), ('unet2d_channels', [16, 32]),
            ('invert_lines', 6), ('invert_samples', 2), ('invert_rounds', 1), ('out_dir', out))
    r = papermill('latent.ipynb', tmp_path/'latent.ipynb', ('decoder_steps', 20), *tiny)
    assert r.returncode == 0, r.stderr[-3000:]
    m = json.loads((out/'metrics.json').read_text())
    assert m['n_train'] == 200 and m['dim'] == 384
    for k in ('sampled', 'noise_diag_matched'): assert m['frechet_normalised'][k] > 0
    assert 0 <= m['decoder']['val_corpus_bleu4'] <= 1 and len(m['decoder']['val_bleu_precisions']) == 4
    assert m['decoder']['init'] == 'encoder' and m['decoder']['tie_head'] and (out/'decoder_init'/'config.json').exists()
    assert str((out/'decoder'/'config.yaml').read_text()).count('decoder_init') == 1   # trained from those weights (init_from)
    assert set(m['gen_ppl']) == {'judge', 'decoded_samples', 'decoded_reconstructions', 'real_lines', 'random_word_pieces'}
    assert all(v['value'] > 1 for k, v in m['gen_ppl'].items() if k != 'judge')
    inv = m['inversion']            # the encoder in the loop: each stage at least as close to the latent as the one before
    c = [inv[k]['roundtrip_cosine'] for k in ('greedy', 'reranked', 'searched')]
    s = [inv['sampled_latents'][k] for k in ('greedy', 'reranked', 'searched')]
    assert inv['lines'] == 6 and c[0] <= c[1] + 1e-5 and c[1] <= c[2] + 1e-5 and 0 < inv['ceiling_real_line_cosine'] <= 1, inv
    assert s[0] <= s[1] + 1e-5 and s[1] <= s[2] + 1e-5, inv
    assert inv['beams'] == 4 and inv['sampled_latents']['beam'] <= s[1] + 1e-5 and 0 <= inv['beam']['bleu4'] <= 1   # a candidate
    mm = m['mmdit']
    left = mm['latent_to_text']['masks_left_after_each_step']
    assert len(left) == 6 and left[-1] == 0 and left[0] < 24 and mm['latent_to_text']['steps_that_revealed_tokens'] >= 3
    assert -1 <= mm['text_to_latent']['cosine_to_true_latent'] <= 1 and mm['joint']['gen_ppl'] > 1
    ld = m['latent_dit']
    assert ld['mode'] == 'adaln' and all(math.isfinite(ld[k]) and ld[k] > 0 for k in ('val_nelbo_true_latent', 'val_nelbo_shuffled_latent'))
    assert 0 <= ld['latent_to_text_bleu4'] <= 1 and 0 <= ld['latent_to_text_token_accuracy'] <= 1
    g = m['generate_from_folders']
    assert g['equals_in_memory'] and g['n'] == 4 and g['sampler'] == 'vp_ddim'
    assert len((out/'generated.jsonl').read_text().splitlines()) == 4
    for f in ('projection.png', 'samples.txt', 'sampled_latents.npy', 'latents/train_data.json'): assert (out/f).exists(), f
    assert (tmp_path/'judge'/'checkpoints').is_dir()      # the judge was trained because the folder did not exist
    # the three models were trained by the library's trainer and saved; a second run resumes instead of retraining
    logged = lambda name: [json.loads(l)['step'] for l in (out/name/'metrics.jsonl').read_text().splitlines() if '"loss"' in l]
    for name in ('denoiser', 'decoder', 'ldit', 'mmdit'):
        assert (out/name/'loss.png').exists() and (out/name/'checkpoints'/'step_000020'/'model'/'model.safetensors').exists()
    before = {name: logged(name) for name in ('denoiser', 'decoder', 'ldit', 'mmdit')}
    assert before['decoder'] == list(range(1, 21))
    r = papermill('latent.ipynb', tmp_path/'latent2.ipynb', ('decoder_steps', 26), *tiny)
    assert r.returncode == 0, r.stderr[-3000:]
    for name in ('denoiser', 'ldit', 'mmdit'): assert logged(name) == before[name], name      # finished: not retrained
    assert logged('decoder') == list(range(1, 27))                    # resumed at 20, no step logged twice
    m2 = json.loads((out/'metrics.json').read_text())
    assert m2['frechet_normalised'] == m['frechet_normalised']       # sampled again from the same saved denoiser

def test_speed_accuracy_notebook(tmp_path):
    "Smoke mode (a tiny untrained model): every setting becomes one row of the JSON, NFE ordered as the settings imply."
    out = tmp_path/'sa'
    r = papermill('speed_accuracy.ipynb', tmp_path/'sa.ipynb', ('settings', 'block:steps=16,block_length=16;parallel:threshold=0.0,block_length=16,cache=null'),
                  ('limit', 2), ('gen_length', 16), ('out_dir', out))
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads((out/'speed_accuracy.json').read_text())
    rows = res['rows']
    assert [x['setting'] for x in rows] == ['block:steps=16,block_length=16', 'parallel:threshold=0.0,block_length=16,cache=None']
    assert rows[0]['nfe'] == 16 and rows[1]['nfe'] == 1          # one token per call vs everything at once (threshold 0)
    assert all(0 <= x['accuracy'] <= 1 and x['n'] == 2 and x['tokens_per_s'] > 0 for x in rows)
    assert res['protocol']['n_examples'] == 2 and (out/'speed_accuracy.png').exists()

def test_papermill_sees_every_parameter():
    "papermill parses every parameter of every run notebook, with its type (--help-notebook lists them all; no warnings)."
    import papermill
    from dlm_nb.core import _assigned
    for nb in sorted((ROOT/'nbs'/'runs').glob('*.ipynb')):
        cell = next(c for c in json.loads(nb.read_text())['cells'] if 'parameters' in c['metadata'].get('tags', []))
        declared = _assigned(''.join(cell['source']))
        seen = papermill.inspect_notebook(str(nb))
        assert set(seen) == set(declared), (nb.name, set(declared) ^ set(seen))
        assert all(p['inferred_type_name'] not in ('None', None) for p in seen.values()), (nb.name, seen)

def test_overrides_as_one_string(tmp_path):
    "-p overrides 'a=1 b=2' (a string, what -p gives) is split like a shell line, and no parameter is reported unknown."
    r = papermill('train.ipynb', tmp_path/'t.ipynb', ('config', ''), ('run_dir', tmp_path/'run'), ('max_steps', 1),
                  ('overrides', ' '.join(TINY + ['train.eval_every=0', 'train.save_every=1'])))
    assert r.returncode == 0, r.stderr[-3000:]
    assert 'Passed unknown parameter' not in r.stderr, r.stderr[-2000:]
    import yaml
    cfg = yaml.safe_load((tmp_path/'run'/'config.yaml').read_text())
    assert cfg['model']['dim'] == 32 and cfg['data']['seq_len'] == 32

def test_rl_notebook(tmp_path):
    "Tiny settings: a 4-step fine-tuning, then 2 GRPO steps; the summary, the plot and held-out accuracy at steps 0 and 2 are written."
    out = tmp_path/'rl'
    r = papermill('rl.ipynb', tmp_path/'rl.ipynb', ('sft_steps', 4), ('sft_examples', 64), ('rl_steps', 2), ('out_dir', out),
                  ('sft_overrides', ['model.dim=32', 'model.n_layers=1', 'model.n_heads=2', 'data.batch_size=8']),
                  ('overrides', ['rl.group_size=2', 'rl.prompts_per_step=2', 'rl.eval_n=4', 'rl.eval_every=2', 'train.save_every=2',
                                 'rl.sampler_args={gen_length: 8, steps: 8, block_length: 8, threshold: 0.9}']))
    assert r.returncode == 0, r.stderr[-3000:]
    s = json.loads((out/'rl_summary.json').read_text())
    assert s['rl_steps'] == 2 and [step for step, _ in s['eval_accuracy']] == [0, 2] and (out/'rl.png').exists()
    assert (out/'grpo'/'checkpoints'/'step_000002'/'model'/'dlm_config.yaml').exists()

def test_images_notebook(tmp_path):
    "Tiny settings: the discrete digits variant trains 2 steps through the trainer, reloads from its folder and is scored beside an untrained twin."
    out = tmp_path/'images'
    r = papermill('images.ipynb', tmp_path/'images.ipynb', ('variants', ['digits_tokens']), ('steps', 2),
                  ('n_eval', 12), ('sample_steps', 3), ('out_dir', out),
                  ('overrides', ['model.dim=32', 'model.n_layers=1', 'model.n_heads=2', 'data.batch_size=8']))
    assert r.returncode == 0, r.stderr[-3000:]
    s = json.loads((out/'images_summary.json').read_text())
    assert set(s['variants']) == {'digits_tokens'}
    for v, rec in s['variants'].items():
        assert rec['steps'] == 2 and rec['trained']['n'] == 12
        for k in ('t2i_accuracy', 'i2t_accuracy', 'joint_agreement', 'fid_classifier'): assert k in rec['trained'] and k in rec['untrained']
        assert (out/v/'checkpoints'/'step_000002'/'model'/'dlm_config.yaml').exists() and (out/f'{v}_t2i.png').exists()
    assert (out/'images_metrics.png').exists()
