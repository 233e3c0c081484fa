"""The docs site, checked in a real browser.

Builds the site with `scripts/docs.sh` (executed notebooks are cached in `.cache/docs/`, where `make test`'s notebook
pass has already put them, so the build only renders), serves `site/` from
a local http.server on 127.0.0.1, and loads the index
and every page in headless Chromium: no console error, no failed request, no broken internal link
(pages and `#anchors`), every image decoded, every page reachable from the sidebar. Screenshots go to
`outputs/docs/`. Skipped, saying why, when /usr/bin/chromium is missing.

Env: DOCS_TEST_REBUILD=0 uses an existing site/ as it is; DOCS_EXEC=0 builds from stored outputs.
"""
import functools, http.server, os, re, threading, urllib.parse, urllib.request
from pathlib import Path

import pytest

from browser import Browser, chromium_missing_reason
from dlm_nb.training.distributed import run_bounded

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT/os.environ.get('DOCS_OUT', 'site')
SHOTS = ROOT/'outputs'/'docs'

pytestmark = pytest.mark.skipif(chromium_missing_reason() is not None, reason=str(chromium_missing_reason()))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass


@pytest.fixture(scope='module')
def site():
    if os.environ.get('DOCS_TEST_REBUILD', '1') != '0' or not (SITE/'index.html').exists():
        # `make test`'s notebook pass (scripts/nbtest.sh) ran every top-level notebook through the same executor and left
        # it in the execution cache, so here they are rendered, not run again (run alone, this test executes them)
        r = run_bounded(['bash', 'scripts/docs.sh', '--out', str(SITE)], 2400, cwd=ROOT)
        assert r.returncode == 0, f'docs build failed:\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}'
    assert (SITE/'index.html').exists()
    return SITE


@pytest.fixture(scope='module')
def server(site):
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(_Quiet, directory=str(site)))
    th = threading.Thread(target=srv.serve_forever, daemon=True); th.start()
    yield f'http://127.0.0.1:{srv.server_address[1]}/'
    srv.shutdown(); srv.server_close(); th.join(10)


@pytest.fixture(scope='module')
def browser():
    with Browser() as b: yield b


def _pages(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob('*.html')
                   if p.name != '404.html' and 'assets' not in p.relative_to(site).parts)
    return ['index.html'] + [p for p in pages if p != 'index.html']


_JS_PAGE = r"""(() => ({
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id).concat([...document.querySelectorAll('a[name]')].map(a => a.name)),
  nav: [...document.querySelectorAll('nav.md-nav--primary a.md-nav__link[href]')].map(a => a.href),
  images: [...document.images].map(i => ({src: i.src.slice(0, 80), ok: i.complete && i.naturalWidth > 0})),
  title: document.title,
  mathjax: typeof MathJax !== 'undefined',
  text: document.querySelector('article') ? document.querySelector('article').innerText.length : 0,
}))()"""


def test_site_in_browser(site, server, browser):
    assert (site/'assets'/'mathjax'/'MathJax.js').exists(), (
        'MathJax is not shipped with the site, so pages would fetch it from a CDN: install jupyter-server-mathjax '
        '(pip) or libjs-mathjax (apt), or set DLM_MATHJAX_DIR to a MathJax 2.7 folder, and rebuild')
    SHOTS.mkdir(parents=True, exist_ok=True)
    pages, seen, problems = _pages(site), {}, {}
    for page in pages:
        url = urllib.parse.urljoin(server, page)
        errs = browser.goto(url, settle=0.5)
        if 'mathjax' in (site/page).read_text(encoding='utf-8', errors='ignore').lower():  # let MathJax typeset
            browser.wait_for("typeof MathJax === 'undefined' || !MathJax.Hub || MathJax.Hub.queue.pending === 0", 20)
            browser.pump(0.5); errs = browser.problems()
        info = browser.js(_JS_PAGE)
        seen[page] = info
        bad_img = [i['src'] for i in info['images'] if not i['ok']]
        if bad_img: errs.append(f'images that did not load: {bad_img}')
        if info['text'] < 20: errs.append('the page has (almost) no content')
        if errs: problems[page] = errs
        browser.screenshot(SHOTS/(page.replace('/', '_').removesuffix('.html') + '.png'))
    # broken internal links: pages and files must be served, #anchors must exist on their page
    broken = []
    for page, info in seen.items():
        for href in info['links']:
            if not href.startswith(server): continue
            target, _, frag = href.partition('#')
            rel = urllib.parse.unquote(target[len(server):]) or 'index.html'
            if rel.endswith('/'): rel += 'index.html'
            if rel in seen:
                if frag and urllib.parse.unquote(frag) not in seen[rel]['ids']:
                    broken.append(f'{page}: {href} (no element with id {frag!r})')
            else:
                try: urllib.request.urlopen(target, timeout=10).close()
                except Exception as e: broken.append(f'{page}: {href} ({e})')
    assert not broken, 'broken internal links:\n' + '\n'.join(sorted(set(broken)))
    assert not problems, 'browser problems:\n' + '\n'.join(f'{p}: {e}' for p, es in problems.items() for e in es)
    # one page per notebook, all in the sidebar
    nav = {urllib.parse.urljoin(server, p) for p in pages}
    in_nav = {h.partition('#')[0] for h in seen['index.html']['nav']}
    missing = sorted(p for p in pages if urllib.parse.urljoin(server, p) not in in_nav and p != 'index.html')
    assert not missing, f'pages missing from the sidebar: {missing}'
    assert nav  # at least the index
    # the full index page too, to look at
    browser.goto(urllib.parse.urljoin(server, 'index.html'))
    browser.screenshot(SHOTS/'index_full.png', full_page=True)


def test_api_and_figures_rendered(site):
    "show_doc output (a signature and docstring) is on the API pages; hidden cells and directives are not."
    core = (site/'core.html').read_text(encoding='utf-8')
    assert re.search(r'<h3[^>]*id="load_config"', core), 'show_doc heading for load_config missing'
    text = re.sub(r'<[^>]+>', '', core)
    assert 'def load_config(' in text and 'Merge' in text
    assert 'nbdev_export' not in core, 'the #| hide cell leaked into the page'
    assert '#| export' not in core and '#| default_exp' not in core and '#| echo' not in core
    assert 'Exported source' in core
    assert '{target=' not in text, "Quarto-only link attributes leaked into the page"
    viz = site/'viz.html'
    if viz.exists():  # figures: the viz notebook's static figures are embedded images
        assert viz.read_text(encoding='utf-8').count('<img') >= 2, 'viz page has no figures (was it executed?)'
