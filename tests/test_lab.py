"""JupyterLab with the project's kernel: a widget cell runs, its view comes back, the server stops cleanly.

Starts `jupyter lab` (as `make lab` does, `--allow-root` when root) on a free loopback port with a token
and a temporary root folder, creates and opens a notebook through the REST API, starts a kernel
session, executes the notebook's cells over the kernel websocket, checks that the outputs carry the
widget view mime type (an ipywidgets slider, and `dlm_nb.viz.schedule_explorer` whose Output widget
receives the figure), then deletes the session and shuts the server down through the API.
With Chromium installed, a second test opens the same notebook in the JupyterLab UI, runs all cells,
checks the widgets rendered in the page (slider, schedule explorer with its figure, sampler explorer
tokens), then moves the sampler explorer's step slider with the keyboard and checks the tokens
re-render at step 0 (masks reappear). Screenshot: outputs/docs/lab_widgets.png.
"""
import json, os, secrets, socket, subprocess, sys, time, urllib.error, urllib.request, uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JUPYTER = Path(sys.executable).parent/'jupyter'
WIDGET_MIME = 'application/vnd.jupyter.widget-view+json'

CELLS = [
    "import sys, ipywidgets as widgets\nprint(sys.executable)\nslider = widgets.IntSlider(value=7, description='steps')\nslider",
    "from dlm_nb.viz import schedule_explorer\nschedule_explorer(['loglinear', 'cosine'])",
    "from dlm_nb.viz import SamplerExplorer, tiny_bundle\nex = SamplerExplorer(bundle=tiny_bundle(), steps=6, length=16)\nex.run()\nex",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


def _notebook(cells):
    return {'nbformat': 4, 'nbformat_minor': 5, 'cells': [
        {'cell_type': 'code', 'id': uuid.uuid4().hex[:8], 'metadata': {}, 'source': c, 'outputs': [], 'execution_count': None}
        for c in cells], 'metadata': {'kernelspec': {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}}}


class Lab:
    "A `jupyter lab` process and a tiny REST client for it."
    def __init__(self, root: Path, extra=()):
        if not JUPYTER.exists(): pytest.skip(f'{JUPYTER} missing: run `make setup`')
        self.port, self.token = _free_port(), secrets.token_hex(16)
        self.base = f'http://127.0.0.1:{self.port}'
        env = {**os.environ, 'JUPYTER_RUNTIME_DIR': str(root/'.runtime'), 'JUPYTER_CONFIG_DIR': str(root/'.config')}
        cmd = [str(JUPYTER), 'lab', '--no-browser', '--ip=127.0.0.1', f'--port={self.port}', '--port-retries=0',
               f'--IdentityProvider.token={self.token}', f'--ServerApp.root_dir={root}', *extra]
        if os.getuid() == 0: cmd.append('--allow-root')
        self.log = open(root/'lab.log', 'w')
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=root)
        t0 = time.time()
        while True:
            try:
                if self.req('GET', '/api/status'): break
            except (urllib.error.URLError, ConnectionError, OSError): pass
            if self.proc.poll() is not None or time.time() - t0 > 120:
                self.stop(); raise RuntimeError(f'jupyter lab did not start:\n{(root/"lab.log").read_text()[-3000:]}')
            time.sleep(0.5)

    def req(self, method, path, body=None, raw=False):
        data = None if body is None else json.dumps(body).encode()
        r = urllib.request.Request(self.base + path, data=data, method=method,
                                   headers={'Authorization': f'token {self.token}', 'Content-Type': 'application/json'})
        with urllib.request.urlopen(r, timeout=60) as resp:
            txt = resp.read().decode()
            return txt if raw else (json.loads(txt) if txt else {'status': resp.status})

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try: self.proc.wait(20)
            except subprocess.TimeoutExpired: self.proc.kill(); self.proc.wait(10)
        self.log.close()


def _execute(ws, session: str, code: str, timeout=180) -> dict:
    "Run `code` on the kernel; return {'outputs': [...], 'comm': [...], 'reply': {...}} for that request."
    mid = uuid.uuid4().hex
    ws.send(json.dumps({'header': {'msg_id': mid, 'username': 'test', 'session': session, 'msg_type': 'execute_request',
                                   'version': '5.3', 'date': ''}, 'parent_header': {}, 'metadata': {}, 'channel': 'shell',
                        'content': {'code': code, 'silent': False, 'store_history': True, 'user_expressions': {},
                                    'allow_stdin': False, 'stop_on_error': True}, 'buffers': []}))
    res, idle, end = {'outputs': [], 'comm': [], 'reply': None}, False, time.time() + timeout
    while not (idle and res['reply'] is not None):
        assert time.time() < end, f'no reply within {timeout}s to {code[:60]!r}: {res}'
        msg = json.loads(ws.recv())
        if msg.get('parent_header', {}).get('msg_id') != mid: continue
        t, c = msg['msg_type'], msg['content']
        if t in ('display_data', 'execute_result', 'stream', 'error'): res['outputs'].append({'type': t, **c})
        elif t in ('comm_open', 'comm_msg'): res['comm'].append(c)
        elif t == 'status' and c.get('execution_state') == 'idle': idle = True
        elif t == 'execute_reply': res['reply'] = c
    return res


def test_lab_widget_roundtrip(tmp_path):
    import websocket
    lab = Lab(tmp_path)
    try:
        # the Lab UI is served, with the ipywidgets manager extension
        page = lab.req('GET', f'/lab?token={lab.token}', raw=True)
        assert '@jupyter-widgets/jupyterlab-manager' in page, 'JupyterLab has no ipywidgets extension'
        specs = lab.req('GET', '/api/kernelspecs')
        assert 'python3' in specs['kernelspecs']
        # create the notebook, then open it, through the contents API
        name = 'widget_check.ipynb'
        lab.req('PUT', f'/api/contents/{name}', {'type': 'notebook', 'format': 'json', 'content': _notebook(CELLS)})
        nb = lab.req('GET', f'/api/contents/{name}?content=1')
        assert nb['type'] == 'notebook' and len(nb['content']['cells']) == len(CELLS)
        sess = lab.req('POST', '/api/sessions', {'path': name, 'name': name, 'type': 'notebook', 'kernel': {'name': 'python3'}})
        kid = sess['kernel']['id']
        ws = websocket.create_connection(f'ws://127.0.0.1:{lab.port}/api/kernels/{kid}/channels?token={lab.token}',
                                         timeout=180, suppress_origin=True)
        try:
            sid = uuid.uuid4().hex
            results = [_execute(ws, sid, ''.join(c['source'])) for c in nb['content']['cells']]
        finally: ws.close()
        for r in results:
            assert r['reply']['status'] == 'ok', r
            assert not [o for o in r['outputs'] if o['type'] == 'error'], r['outputs']
        # cell 1: the project's kernel, and a slider whose view and model come back
        out = results[0]['outputs']
        stdout = ''.join(o.get('text', '') for o in out if o['type'] == 'stream')
        assert Path(stdout.strip()).resolve().parent == Path(sys.executable).resolve().parent, stdout
        views = [o['data'][WIDGET_MIME] for o in out if WIDGET_MIME in o.get('data', {})]
        assert len(views) == 1 and views[0]['model_id'], out
        models = {c['comm_id']: c['data'].get('state', {}) for c in results[0]['comm'] if 'comm_id' in c and 'data' in c}
        assert models[views[0]['model_id']]['value'] == 7 and models[views[0]['model_id']]['_model_name'] == 'IntSliderModel'
        # cell 2: dlm_nb's schedule explorer is a widget; its Output widget captures the figure (the kernel sets the
        # Output model's msg_id, and the frontend routes the figure's display_data, sent meanwhile, into it)
        assert any(WIDGET_MIME in o.get('data', {}) for o in results[1]['outputs']), results[1]['outputs']
        states = [c.get('data', {}).get('state', {}) for c in results[1]['comm']]
        assert any(st.get('msg_id') for st in states), 'the Output widget never captured anything'
        assert any('image/png' in o.get('data', {}) for o in results[1]['outputs']), 'the explorer drew no figure'
        # cell 3: the sampler explorer, sampled from a tiny model, is a widget
        assert any(WIDGET_MIME in o.get('data', {}) for o in results[2]['outputs']), results[2]['outputs']
        # shut down cleanly through the API
        assert lab.req('DELETE', f'/api/sessions/{sess["id"]}')['status'] == 204
        assert kid not in [k['id'] for k in lab.req('GET', '/api/kernels')]
        lab.req('POST', '/api/shutdown')
        assert lab.proc.wait(60) == 0
    finally:
        lab.stop()
    with pytest.raises(OSError):  # nothing listens on the port any more
        socket.create_connection(('127.0.0.1', lab.port), timeout=2).close()


def test_lab_widgets_render_in_browser(tmp_path):
    "The JupyterLab UI in headless Chromium: run the notebook, the slider and the explorer render."
    from browser import Browser, chromium_missing_reason
    if chromium_missing_reason(): pytest.skip(chromium_missing_reason())
    lab = Lab(tmp_path, extra=['--LabApp.expose_app_in_browser=True'])
    name = 'widget_check.ipynb'
    try:
        lab.req('PUT', f'/api/contents/{name}', {'type': 'notebook', 'format': 'json', 'content': _notebook(CELLS)})
        with Browser(width=1280, height=1000) as b:
            b.goto(f'{lab.base}/lab/tree/{name}?token={lab.token}', settle=1.0, timeout=120)
            opened = b.wait_for("!!(window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell'))", timeout=120)
            if not opened: b.screenshot(ROOT/'outputs'/'docs'/'lab_widgets.png')
            assert opened, 'JupyterLab did not open the notebook (see outputs/docs/lab_widgets.png)'
            panel = "Array.from(jupyterapp.shell.widgets('main')).find(w => w.sessionContext)"
            assert b.wait_for(f"(() => {{ const w = {panel}; const s = w && w.sessionContext.session;"
                              " return !!(s && s.kernel && s.kernel.connectionStatus === 'connected'); })()", timeout=120), \
                'the kernel did not connect'
            b.js(f"jupyterapp.shell.activateById({panel}.id)")
            b.js("jupyterapp.commands.execute('notebook:run-all-cells').then(r => String(r))", await_promise=True)
            ok = b.wait_for("document.querySelectorAll('.jp-OutputArea .widget-slider').length >= 1 && "
                            "document.querySelectorAll('.jp-OutputArea .widget-select-multiple').length >= 1 && "
                            "document.querySelectorAll('.jp-OutputArea .widget-output img').length >= 2 && "
                            "document.querySelectorAll('.jp-OutputArea .dlm-tok').length >= 16", timeout=240)
            if not ok: b.screenshot(ROOT/'outputs'/'docs'/'lab_widgets.png')
            assert ok, 'the widgets did not render in JupyterLab (see outputs/docs/lab_widgets.png)'
            # the sampler explorer's step slider: the last step has no mask left; Home walks back to step 0
            masks = ("Array.from(document.querySelectorAll('.jp-OutputArea .dlm-tok'))"
                     ".filter(e => e.textContent === '\u2591\u2591').length")
            assert b.js(masks) == 0
            assert b.js("(() => { const h = Array.from(document.querySelectorAll('.jp-OutputArea .noUi-handle')).pop();"
                        " h.scrollIntoView(); h.focus(); return document.activeElement === h; })()")
            for kind in ('keyDown', 'keyUp'):
                b.send('Input.dispatchKeyEvent', type=kind, key='Home', code='Home', windowsVirtualKeyCode=36)
            assert b.wait_for(f"{masks} > 0", timeout=30), 'moving the step slider did not re-render the tokens'
            b.pump(1.0)
            b.screenshot(ROOT/'outputs'/'docs'/'lab_widgets.png')
            errs = [e for e in b.problems() if 'favicon' not in e]
            assert not [e for e in errs if e.startswith('uncaught')], errs
        lab.req('POST', '/api/shutdown')
        assert lab.proc.wait(60) == 0
    finally:
        lab.stop()
