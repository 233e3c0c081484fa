import os
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault('HF_HUB_OFFLINE', '1'); os.environ.setdefault('HF_DATASETS_OFFLINE', '1')
os.environ.setdefault('TRANSFORMERS_OFFLINE', '1'); os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
os.environ.setdefault('DLM_NB_ROOT', str(ROOT))
os.environ.setdefault('DLM_RANK_TIMEOUT', '600')   # a hung rank in a run notebook fails its test (training.loop.notebook_train)
