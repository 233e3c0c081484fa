import time, json
from dlm_nb.core import load_config
from dlm_nb.training import train
from dlm_nb.eval import evaluate_checkpoint, results_table
C = ['model.dim=64', 'model.n_layers=2', 'model.n_heads=4', 'data.seq_len=64', 'data.batch_size=16',
     'train.eval_batches=2', 'train.warmup_steps=20', 'train.log_every=50', 'train.max_steps=400', 'train.save_every=400', 'train.eval_every=400', 'train.lr=3e-3']
t = time.time()
print(train(load_config(overrides=C + ['run_dir=/tmp/demo_ar', 'process.name=ar', 'model.name=ar_transformer']), progress=False)['last_eval'], time.time() - t, flush=True)
print(train(load_config(overrides=C + ['run_dir=/tmp/demo_mdlm']), progress=False)['last_eval'], time.time() - t, flush=True)
r = evaluate_checkpoint('/tmp/demo_mdlm', metrics=('nelbo', 'gen_ppl', 'entropy'), samplers=('ddpm', 'ddpm_cache'), steps=64, num_samples=16, length=64,
                        reference_model='/tmp/demo_ar', out_dir='/tmp/demo_mdlm/eval', tasks=[{'name': 'arithmetic', 'n': 10}, {'name': 'arithmetic_choice', 'n': 10}])
for row in results_table(r):
    if row['metric'].split('/')[-1] in ('nelbo', 'gen_ppl', 'entropy', 'distinct_2', 'self_bleu') or row['metric'].startswith('task'): print(row)
print(time.time() - t)
