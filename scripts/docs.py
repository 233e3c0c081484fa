#!/usr/bin/env python
"""Build the docs site offline: nbdev-processed notebooks -> MkDocs Material + mkdocs-jupyter -> `site/`.

nbdev's own renderer (`nbdev_docs`) needs Quarto. This script keeps nbdev's notebook processing (title
cell to front matter, `#| hide` cells dropped, directives stripped, `show_doc` cells added for exported
names that lack one) and hands the processed notebooks to MkDocs instead of Quarto:

1. execute each notebook (as `nbdev_test` does: cells flagged `slow`/`cuda` and `nbdev_export()` are
   skipped) in its own process with a timeout, so figures and `show_doc` output are in the pages;
   executed notebooks are cached in `.cache/docs/exec/` keyed by the notebook and library sources;
2. run nbdev's processors (`nbdev.processors.FilterDefaults`, less the Quarto-only re-execution);
3. turn what only Quarto understands into plain notebook features (front matter -> title cell,
   `#| echo: false` -> a `remove_input` tag, exported source -> a collapsed "Source" block, links to
   the nbdev doc host -> relative links, live widgets -> a note: the static figure next to them stays);
4. write a generated mkdocs config that INHERITs `mkdocs.yml` and adds the nav, then `mkdocs build`.

MathJax is copied into the site (from $DLM_MATHJAX_DIR, the `jupyter_server_mathjax` package or
Debian's libjs-mathjax) so pages work with no network; without one the CDN address is used.

Usage: python scripts/docs.py [--no-exec] [--timeout S] [--workers N] [--out site] [--only GLOB]
"""
from __future__ import annotations
import argparse, fnmatch, hashlib, json, os, re, shutil, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NBS = ROOT/'nbs'
CACHE = ROOT/'.cache'/'docs'
VERSION = '5'  # bump to invalidate the execution cache when this script's execution changes
MATHJAX_CDN = 'https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.7/latest.js?config=TeX-AMS_CHTML-full,Safe'
WIDGET_NOTE = ('*An interactive widget is shown here when the notebook runs in JupyterLab (`make lab`); '
               'its static counterpart is the figure that follows.*')


EXTRA_CSS = """
/* exported source, collapsed like Quarto's code-fold */
details.dlm-source { margin: .4em 0 .8em; border-left: 3px solid var(--md-primary-fg-color); padding-left: .6em; }
details.dlm-source > summary { cursor: pointer; color: var(--md-default-fg-color--light); font-size: .75rem; }
details.dlm-source .highlight pre { font-size: .72rem; }
/* show_doc output: a little air around each API entry; its link to the source on the right */
a.dlm-srclink { float: right; font-size: .7rem; }
.jp-RenderedMarkdown h3 { margin-top: .6em; }
"""


def log(*a): print('[docs]', *a, flush=True)


# ---------------------------------------------------------------- which notebooks
def list_notebooks(only: str | None = None) -> list[tuple[Path, str]]:
    "(path, section): index first, then nbs/*.ipynb ('api'), then the notebooks of each sub-folder (runs, bench, ...)."
    out = []
    for p in sorted(NBS.glob('*.ipynb')):
        if not p.name.startswith(('_', '.')): out.append((p, 'api'))
    for d in sorted(q for q in NBS.iterdir() if q.is_dir() and not q.name.startswith(('_', '.'))):
        out += [(p, d.name) for p in sorted(d.glob('*.ipynb')) if not p.name.startswith(('_', '.'))]
    if only: out = [(p, s) for p, s in out if fnmatch.fnmatch(p.name, only) or p.name == 'index.ipynb']
    out.sort(key=lambda ps: (ps[0].name != 'index.ipynb', ps[1] != 'api', ps[1], ps[0].name))
    return out


SECTIONS = {'runs': 'Run notebooks (papermill)', 'bench': 'Benchmarks'}


def page_name(nb_path: Path) -> str:
    "The page's file stem, as nbdev names it (`00_core` -> `core`, `20_samplers.block` -> `samplers.block`)."
    from nbdev.frontmatter import _nbpath2html
    return _nbpath2html(Path(nb_path)).stem


# ---------------------------------------------------------------- 1. execution (one process per notebook)
def _lib_hash() -> str:
    h = hashlib.sha256(VERSION.encode())
    for p in sorted((ROOT/'dlm_nb').rglob('*.py')): h.update(p.name.encode()); h.update(p.read_bytes())
    for p in sorted((ROOT/'configs').rglob('*')) if (ROOT/'configs').exists() else []:
        if p.is_file(): h.update(p.name.encode()); h.update(p.read_bytes())
    return h.hexdigest()


def split_show_docs(nb):
    "A cell with several top-level `show_doc(...)` calls displays only the last: give each call its own cell."
    import ast
    from execnb.nbio import mk_cell
    cells = []
    for c in nb.cells:
        src = _src(c.get('source'))
        try: tree = ast.parse(src) if c.cell_type == 'code' and src.count('show_doc(') > 1 else None
        except SyntaxError: tree = None
        ends = [n.end_lineno for n in (tree.body if tree else []) if isinstance(n, ast.Expr)
                and isinstance(n.value, ast.Call) and getattr(n.value.func, 'id', '') == 'show_doc']
        if len(ends) < 2: cells.append(c); continue
        lines, start = src.splitlines(), 0
        head = [l for l in lines if l.lstrip().startswith('#|')]  # directives go with every piece
        for i, end in enumerate(ends):
            stop = len(lines) if i == len(ends) - 1 else end
            body = [l for l in lines[start:stop] if not l.lstrip().startswith('#|')]
            start = stop
            if any(l.strip() for l in body): cells.append(mk_cell('\n'.join(head + body)))
    nb.cells = cells
    for i, c in enumerate(cells): c.idx_ = i  # add_show_docs inserts at idx_+1


def cell_directives(src: str) -> dict:
    "The `#| name args` lines at the top of a cell's source, as {name: [args]}."
    out = {}
    for line in src.splitlines():
        if not line.strip(): continue
        if not line.startswith('#|'): break
        name, *args = line[2:].split()
        out[name] = args
    return out


def skipped(cell, skip: set) -> bool:
    "Whether `nbdev_test` leaves `cell` out: not code, `nbdev_export()`, `#| eval: false`, or a flag in `skip`."
    if cell.cell_type != 'code': return True
    if 'nbdev_export' + '(' in cell.source: return True
    d = cell_directives(cell.source)
    if d.get('eval:', [''])[0].lower() == 'false': return True
    return bool(skip & d.keys())


def exec_one(src: str, dst: str, flags: str = '') -> int:
    "Child process: add nbdev's auto `show_doc` cells, run the notebook like `nbdev_test`, write it to `dst`."
    from execnb.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    from nbdev.config import get_config
    from nbdev.process import NBProcessor
    from nbdev.processors import add_show_docs
    src = Path(src)
    os.environ['IN_TEST'] = '1'
    sys.path.insert(0, str(ROOT))  # as nbdev_test does (basepath), so a checkout without `pip install -e` works
    skip = set(get_config().get('tst_flags', '').split()) - set(flags.split())
    nb = read_nb(src)
    split_show_docs(nb)
    NBProcessor(nb=nb, procs=[add_show_docs], rm_directives=False).process()

    k = CaptureShell(src, mpl_format='retina')
    k.run('from nbdev.showdoc import show_doc')   # for the auto show_doc cells, in notebooks that never import it
    rc = 0
    try:
        with working_directory(src.parent): k.run_all(nb, exc_stop=True, preproc=lambda c: skipped(c, skip))
    except Exception:
        sys.stderr.write(k.prettytb(fname=src) + '\n'); rc = 1
    for c in nb.cells:
        for a in ('directives_', 'idx_', 'has_sd'): c.pop(a, None)
    write_nb(nb, dst)
    return rc


def cache_path(p: Path, flags: str, lib: str | None = None) -> Path:
    "Where the executed copy of notebook `p` (run with test `flags`) is cached: keyed by it, the flags and the library."
    key = hashlib.sha256(((lib or _lib_hash()) + flags).encode() + p.read_bytes()).hexdigest()[:16]
    return CACHE/'exec'/f'{p.stem}.{key}.ipynb'


def test_one(src: str, flags: str) -> int:
    """`scripts/nbtest.sh`: run one notebook as a test, exactly as the docs build executes it. A top-level notebook that
    passes goes into the execution cache, so the docs build that follows in `make test` renders it without running it
    again. Prints the seconds it took; a failure prints the traceback and returns 1."""
    import tempfile
    p, t0 = Path(src).resolve(), time.time()
    dst = cache_path(p, flags) if p.parent == NBS else None           # computed before running: what the build will ask
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)/p.name
        rc = exec_one(str(p), str(tmp), flags)
        if rc == 0 and dst is not None and tmp.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            for old in dst.parent.glob(f'{p.stem}.*.ipynb'): old.unlink()
            part = dst.with_name(dst.name + '.part'); shutil.copyfile(tmp, part); os.replace(part, dst)   # atomic
    print(f'{time.time() - t0:.0f} secs', flush=True)
    return rc


def execute_all(nbs: list[Path], timeout: int, workers: int, flags: str) -> dict[Path, Path]:
    "Executed copies of `nbs` (from the cache when nothing changed); a failed one falls back to the stored one."
    (CACHE/'exec').mkdir(parents=True, exist_ok=True)
    lib = _lib_hash()
    res: dict[Path, Path] = {}

    def _run(p: Path):
        dst = cache_path(p, flags, lib)
        if dst.exists(): return p, dst, 'cached', 0.0
        for old in (CACHE/'exec').glob(f'{p.stem}.*.ipynb'): old.unlink()
        tmp = dst.with_suffix('.tmp.ipynb'); t0 = time.time()
        cmd = [sys.executable, str(Path(__file__).resolve()), '_exec', str(p), str(tmp), flags]
        try:
            r = subprocess.run(cmd, cwd=p.parent, timeout=timeout, capture_output=True, text=True)
        except subprocess.TimeoutExpired:
            return p, p, f'TIMEOUT after {timeout}s: page shows the stored notebook', time.time() - t0
        if r.returncode == 0 and tmp.exists():
            tmp.replace(dst); return p, dst, 'executed', time.time() - t0
        err = (r.stderr or '').strip().splitlines()[-6:]
        if tmp.exists():  # executed up to the failing cell: show that, do not cache it
            return p, tmp, 'FAILED (page shows outputs up to the error):\n    ' + '\n    '.join(err), time.time() - t0
        return p, p, 'FAILED (page shows the stored notebook):\n    ' + '\n    '.join(err), time.time() - t0

    with ThreadPoolExecutor(max(1, workers)) as ex:
        for p, out, status, dt in ex.map(_run, nbs):
            res[p] = out
            log(f'exec {p.relative_to(NBS)}: {status}' + (f' ({dt:.0f}s)' if dt else ''))
    return res


# ---------------------------------------------------------------- 2+3. nbdev processing, then MkDocs-friendly
_re_dirline = re.compile(r'^\s*#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')


def _src(x) -> str: return ''.join(x) if isinstance(x, list) else (x or '')


def _highlight(code: str) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer
    return highlight(code, PythonLexer(), HtmlFormatter(cssclass='highlight'))


_re_srclink = re.compile(r'\[source\]\(([^)\s]+)\)\{[^}]*\}')


def _fix_links(text: str, doc_prefix: str) -> str:
    """Links nbdev's linkifier points at the doc host become relative page links, with the headings' slugs;
    show_doc's Quarto-only `[source](url){target=...}` becomes a plain HTML link."""
    text = _re_srclink.sub(r'<a class="dlm-srclink" href="\1" target="_blank">source</a>', text)
    if not doc_prefix: return text
    from mkdocs_jupyter.utils import slugify
    pat = re.compile(re.escape(doc_prefix) + r'([\w./-]+?\.html)(#[\w.\-]+)?')
    return pat.sub(lambda m: m.group(1) + ('#' + slugify(m.group(2)[1:]) if m.group(2) else ''), text)


def process_nb(executed: Path, orig: Path, doc_prefix: str) -> dict:
    "nbdev's processors, then what Quarto would have done, as plain notebook JSON."
    from execnb.nbio import read_nb
    from nbdev.processors import FilterDefaults, exec_show_docs, rm_export
    import yaml

    class DocsFilter(FilterDefaults):
        def base_procs(self):  # the notebook was executed already; exported cells are handled below
            return [p for p in super().base_procs() if p not in (exec_show_docs, rm_export)]

    nb = read_nb(executed)
    nb.path_ = str(orig)
    proc = DocsFilter().nb_proc(nb)
    proc.process()
    cells = []
    title, desc = orig.stem, ''
    for c in proc.nb.cells:
        d = getattr(c, 'directives_', {}) or {}
        src = _src(c.get('source'))
        if c.cell_type == 'raw' and src.lstrip().startswith('---'):
            fm = yaml.safe_load(src.strip().strip('-')) or {}
            title, desc = str(fm.get('title', title)), str(fm.get('description', '') or '')
            md = f'# {title}' + (f'\n\n> {desc}' if desc else '')
            cells.append({'cell_type': 'markdown', 'metadata': {}, 'source': md}); continue
        if c.cell_type == 'markdown':
            if src.startswith('<!-- WARNING: THIS FILE WAS AUTOGENERATED'): continue
            cells.append({'cell_type': 'markdown', 'metadata': {}, 'source': _fix_links(src, doc_prefix)}); continue
        if c.cell_type != 'code':
            cells.append({'cell_type': c.cell_type, 'metadata': {}, 'source': src}); continue
        if {'default_exp', 'hide'} & d.keys(): continue
        # leading quarto-style directives left in the source (echo/output/code-fold ...)
        lines, opts = src.splitlines(), {}
        while lines and _re_dirline.match(lines[0]):
            m = _re_dirline.match(lines[0]); opts[m.group(1)] = m.group(2).strip().strip('"\''); lines.pop(0)
        src = '\n'.join(lines).strip('\n')
        if str(opts.get('include', '')).lower() == 'false': continue
        if {'export', 'exporti', 'exports'} & d.keys():  # exported source: collapsed, like Quarto's code-fold
            summ = 'Exported source' if 'exporti' not in d else 'Internal source'
            cells.append({'cell_type': 'markdown', 'metadata': {},
                          'source': f'<details class="dlm-source"><summary>{summ}</summary>\n{_highlight(src)}</details>'})
            continue
        outputs = []
        for o in c.get('outputs', []):
            o = dict(o)
            if 'data' in o:
                data = dict(o['data'])
                if 'application/vnd.jupyter.widget-view+json' in data:
                    data = {'text/markdown': WIDGET_NOTE}
                if 'text/markdown' in data:
                    data['text/markdown'] = _fix_links(_src(data['text/markdown']), doc_prefix)
                    data.pop('text/plain', None)
                o['data'] = data
                o.setdefault('metadata', {})
            outputs.append(o)
        if str(opts.get('output', '')).lower() == 'false': outputs = []
        tags = ['remove_input'] if str(opts.get('echo', '')).lower() == 'false' else []
        if not src.strip() and not outputs: continue
        cells.append({'cell_type': 'code', 'metadata': {'tags': tags} if tags else {}, 'source': src,
                      'execution_count': None, 'outputs': outputs})
    meta = {k: v for k, v in dict(nb.metadata).items() if k in ('kernelspec', 'language_info')}
    meta.setdefault('kernelspec', {'display_name': 'Python 3', 'language': 'python', 'name': 'python3'})
    meta.setdefault('language_info', {'name': 'python'})
    return {'nbformat': 4, 'nbformat_minor': 5, 'metadata': meta, 'cells': cells, '_title': title}


def _index_from_readme(dst: Path):
    "No nbs/index.ipynb yet: the README is the landing page."
    readme = ROOT/'README.md'
    text = readme.read_text(encoding='utf-8') if readme.exists() else '# dlm_nb\n'
    dst.write_text(text, encoding='utf-8')


# ---------------------------------------------------------------- MathJax, shipped with the site
def find_mathjax() -> Path | None:
    cands = []
    if os.environ.get('DLM_MATHJAX_DIR'): cands.append(Path(os.environ['DLM_MATHJAX_DIR']))
    cands.append(Path('/usr/share/javascript/mathjax'))  # Debian's libjs-mathjax + fonts-mathjax: complete
    try:
        import jupyter_server_mathjax  # trimmed (STIX-Web fonts only)
        cands.append(Path(jupyter_server_mathjax.__file__).parent/'static')
    except ImportError: pass
    return next((c for c in cands if (c/'MathJax.js').exists()), None)


def mathjax_config(mj: Path) -> str:
    "The `?config=` list for this MathJax copy (the trimmed jupyter one has STIX-Web fonts only: say so)."
    name = next((n for n in ('TeX-AMS_CHTML-full', 'TeX-AMS-MML_HTMLorMML-full', 'TeX-AMS_HTML-full')
                 if (mj/'config'/f'{n}.js').exists()), 'TeX-AMS-MML_HTMLorMML')
    stix_only = not (mj/'fonts'/'HTML-CSS'/'TeX').exists() and (mj/'jax'/'output'/'HTML-CSS'/'fonts'/'STIX-Web').exists()
    return ('local/dlm_stix,' if stix_only else '') + f'{name},Safe'  # fonts first, before the output jax starts


MATHJAX_STIX = '''MathJax.Hub.Config({"HTML-CSS": {availableFonts: [], imageFont: null, preferredFont: null,
  webFont: "STIX-Web"}});
MathJax.Ajax.loadComplete("[MathJax]/config/local/dlm_stix.js");
'''


# ---------------------------------------------------------------- build
def build(args) -> int:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from nbdev.config import get_config
    import yaml
    cfg = get_config()
    doc_prefix = f"{cfg.doc_host.rstrip('/')}{cfg.doc_baseurl.rstrip('/')}/" if cfg.get('doc_host') else ''
    out = (ROOT/args.out).resolve()
    src_dir = CACHE/'src'
    if src_dir.exists(): shutil.rmtree(src_dir)
    src_dir.mkdir(parents=True)

    nbs = list_notebooks(args.only)
    api = [p for p, s in nbs if s == 'api']
    runs = [p for p, s in nbs if s != 'api']  # sub-folders: papermill notebooks, shown as written, not executed
    section = dict((p, s) for p, s in nbs)
    t0 = time.time()
    executed = {p: p for p in api + runs}
    if not args.no_exec: executed.update(execute_all(api, args.timeout, args.workers, args.flags))
    log(f'execution: {time.time() - t0:.0f}s')

    nav, sub_nav = [], {}
    for p in api + runs:
        name = page_name(p) if p.parent == NBS else f'{p.parent.name}_{p.stem}'
        nbj = process_nb(executed[p], p, doc_prefix)
        title = nbj.pop('_title')
        (src_dir/f'{name}.ipynb').write_text(json.dumps(nbj, indent=1), encoding='utf-8')
        short = title.split(':')[0].strip() if ':' in title and len(title) > 28 else title  # sidebar: 'Core', 'Data', ...
        entry = {('Home' if name == 'index' else short): f'{name}.ipynb'}
        (sub_nav.setdefault(section[p], []) if p in runs else nav).append(entry)
    if not (src_dir/'index.ipynb').exists():
        _index_from_readme(src_dir/'index.md'); nav.insert(0, {'Home': 'index.md'})
    (src_dir/'assets').mkdir(exist_ok=True)
    (src_dir/'assets'/'dlm_nb.css').write_text(EXTRA_CSS, encoding='utf-8')
    for sec, entries in sub_nav.items(): nav.append({SECTIONS.get(sec, sec.capitalize()): entries})
    for p in NBS.rglob('*'):  # images and other files the notebooks' markdown refers to
        if p.is_file() and p.suffix.lower() in {'.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp'} \
                and not any(part.startswith(('.', '_')) for part in p.relative_to(NBS).parts):
            (src_dir/p.relative_to(NBS)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, src_dir/p.relative_to(NBS))

    mj = find_mathjax()
    mj_url = f'assets/mathjax/MathJax.js?config={mathjax_config(mj)}' if mj else MATHJAX_CDN
    if not mj: log('WARNING: no MathJax found to ship (install jupyter-server-mathjax or libjs-mathjax); '
                   'math needs the network')
    base = yaml.safe_load((ROOT/'mkdocs.yml').read_text())
    plugins = []
    for pl in base.get('plugins', []):
        if isinstance(pl, dict) and 'mkdocs-jupyter' in pl:
            pl = {'mkdocs-jupyter': {**(pl['mkdocs-jupyter'] or {}), 'custom_mathjax_url': mj_url}}
        plugins.append(pl)
    gen = {'INHERIT': str(ROOT/'mkdocs.yml'), 'docs_dir': str(src_dir), 'site_dir': str(out), 'nav': nav,
           'plugins': plugins}
    (CACHE/'mkdocs.yml').write_text(yaml.safe_dump(gen, sort_keys=False), encoding='utf-8')
    if out.exists(): shutil.rmtree(out)
    cmd = [str(Path(sys.executable).parent/'mkdocs'), 'build', '-f', str(CACHE/'mkdocs.yml')] + \
          (['--strict'] if args.strict else []) + ['--quiet']
    r = subprocess.run(cmd, cwd=ROOT)
    if r.returncode: log('mkdocs build failed'); return r.returncode
    fix_toc_anchors(out)
    if mj:
        shutil.copytree(mj, out/'assets'/'mathjax', ignore=shutil.ignore_patterns(  # what CommonHTML output never loads
            '*.py', '__pycache__', 'unpacked', 'otf', 'eot', 'svg', 'png', 'imagefonts', 'SVG', '*.md'))
        (out/'assets'/'mathjax'/'config'/'local').mkdir(parents=True, exist_ok=True)
        (out/'assets'/'mathjax'/'config'/'local'/'dlm_stix.js').write_text(MATHJAX_STIX, encoding='utf-8')
    pages = sorted(q.name for q in out.glob('*.html') if q.name not in ('404.html',))
    log(f'site: {out} ({len(pages)} pages, {time.time() - t0:.0f}s)')
    return 0


_re_heading_id = re.compile(r'<h[1-6][^>]*\bid="([^"]+)"')
_re_id = re.compile(r'\bid="([^"]+)"')
_re_local_href = re.compile(r'href="#([^"]+)"')
_re_linkified = re.compile(r'<a href="([\w.-]+\.html)#([^"]+)">(<code>)')


def _subseq(small: list, big: list) -> bool:
    it = iter(big)
    return all(w in it for w in small)


def fix_toc_anchors(site: Path):
    """Repair two kinds of anchors the tools get wrong, after the build:

    - mkdocs-jupyter's table of contents drops `code` from heading slugs (`## The `block` process` is
      `#the-block-process` on the page, `#the-process` in the TOC): point such entries at the heading
      whose slug contains the TOC's words in order;
    - nbdev's linkifier links every backticked name in its index, also names without a `show_doc`
      entry (private helpers): such links go to the page, without the missing anchor."""
    pages = {p.name: p.read_text(encoding='utf-8') for p in site.glob('*.html')}
    ids = {n: set(_re_id.findall(t)) for n, t in pages.items()}
    for name, text in pages.items():
        heads = _re_heading_id.findall(text)
        def _toc(m):
            a = m.group(1)
            if a in ids[name]: return m.group(0)
            cands = [h for h in heads if _subseq(a.split('-'), h.split('-'))]
            return f'href="#{cands[0]}"' if cands else m.group(0)
        def _link(m):
            page, anchor = m.group(1), m.group(2)
            if page not in ids or anchor in ids[page]: return m.group(0)
            return f'<a href="{page}">{m.group(3)}'
        new = _re_linkified.sub(_link, _re_local_href.sub(_toc, text))
        if new != text: pages[name] = new; (site/name).write_text(new, encoding='utf-8')


def main():
    if len(sys.argv) > 1 and sys.argv[1] == '_exec':
        sys.exit(exec_one(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else ''))
    if len(sys.argv) > 1 and sys.argv[1] == '_test':
        sys.exit(test_one(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else ''))
    ap = argparse.ArgumentParser(description='Build the docs site from the notebooks (no Quarto needed).')
    ap.add_argument('--out', default=os.environ.get('DOCS_OUT', 'site'), help='output folder (default site/)')
    ap.add_argument('--no-exec', action='store_true', default=os.environ.get('DOCS_EXEC', '1') == '0',
                    help='render the outputs stored in the notebooks instead of executing them')
    ap.add_argument('--timeout', type=int, default=int(os.environ.get('DOCS_TIMEOUT', 600)),
                    help='seconds allowed to execute one notebook (default 600)')
    ap.add_argument('--workers', type=int, default=int(os.environ.get('DOCS_WORKERS', min(2, os.cpu_count() or 1))))
    ap.add_argument('--flags', default=os.environ.get('DOCS_FLAGS', 'multiproc'),
                    help='test flags whose cells run too (as nbdev_test --flags; default multiproc)')
    ap.add_argument('--only', default=None, help='only notebooks matching this glob (plus the index)')
    ap.add_argument('--no-strict', dest='strict', action='store_false', help='do not make MkDocs warnings errors')
    sys.exit(build(ap.parse_args()))


if __name__ == '__main__':
    main()
