"""A small headless-Chromium driver over the Chrome DevTools Protocol, for the docs and lab tests.

Chromium is started with a fresh profile and `--remote-debugging-port=0`; the port it picked is read
from `DevToolsActivePort`, and one page target is driven through `websocket-client`. Everything the
tests look at (console errors, uncaught exceptions, failed requests, the DOM, screenshots) comes from
the protocol itself, so no Selenium or chromedriver is needed.
"""
from __future__ import annotations
import base64, json, os, shutil, signal, subprocess, tempfile, time, urllib.request
from pathlib import Path

CHROMIUM = os.environ.get('CHROMIUM', '/usr/bin/chromium')
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync',
         '--disable-dev-shm-usage', '--hide-scrollbars', '--mute-audio', '--no-default-browser-check',
         '--window-size=1280,900', '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0']


def chromium_missing_reason() -> str | None:
    "Why the browser tests cannot run here, or None."
    if not Path(CHROMIUM).exists():
        return (f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install -y chromium`) "
                f"or point $CHROMIUM at a Chromium binary")
    try: import websocket  # noqa: F401  (websocket-client)
    except ImportError: return 'the Python package websocket-client is not installed'
    return None


class Browser:
    "One headless Chromium with one page; `goto(url)` loads a page and records what went wrong."
    def __init__(self, width=1280, height=900):
        import websocket
        self.profile = tempfile.mkdtemp(prefix='dlm-chromium-')
        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, f'--user-data-dir={self.profile}', 'about:blank'],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        port_file, t0 = Path(self.profile)/'DevToolsActivePort', time.time()
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.proc.poll() is not None:
                raise RuntimeError(f'chromium exited ({self.proc.returncode}): {self.proc.stderr.read().decode()[-2000:]}')
            if time.time() - t0 > 60: self.close(); raise TimeoutError('chromium did not open its DevTools port')
            time.sleep(0.1)
        self.port = int(port_file.read_text().split()[0])
        targets = json.load(urllib.request.urlopen(f'http://127.0.0.1:{self.port}/json/list', timeout=10))
        page = next(t for t in targets if t['type'] == 'page')
        self.ws = websocket.create_connection(page['webSocketDebuggerUrl'], timeout=60, suppress_origin=True)
        self._id, self.events = 0, []
        for dom in ('Page', 'Runtime', 'Log', 'Network'): self.send(f'{dom}.enable')
        self.send('Emulation.setDeviceMetricsOverride', width=width, height=height, deviceScaleFactor=1, mobile=False)
        self.send('Emulation.setFocusEmulationEnabled', enabled=True)  # a headless page behaves as focused

    # -- protocol
    def _recv(self):
        msg = json.loads(self.ws.recv())
        if 'id' not in msg: self.events.append(msg)
        return msg

    def send(self, method, **params):
        self._id += 1; mid = self._id
        self.ws.send(json.dumps({'id': mid, 'method': method, 'params': params}))
        while True:
            msg = self._recv()
            if msg.get('id') == mid:
                if 'error' in msg: raise RuntimeError(f'{method}: {msg["error"]}')
                return msg.get('result', {})

    def pump(self, seconds: float):
        "Collect events for `seconds`."
        import websocket
        end = time.time() + seconds
        while time.time() < end:
            self.ws.settimeout(max(0.05, end - time.time()))
            try: self._recv()
            except websocket.WebSocketTimeoutException: pass
        self.ws.settimeout(60)

    def js(self, expr: str, await_promise=False):
        "Evaluate `expr` in the page and return its value (JSON-able)."
        r = self.send('Runtime.evaluate', expression=expr, returnByValue=True, awaitPromise=await_promise)
        if 'exceptionDetails' in r: raise RuntimeError(f'JS error in {expr[:80]!r}: {r["exceptionDetails"]}')
        return r['result'].get('value')

    def wait_for(self, expr: str, timeout=30.0, every=0.25):
        "Poll the JS expression `expr` until it is truthy; return its value (None on timeout)."
        end = time.time() + timeout
        while time.time() < end:
            try: v = self.js(expr)
            except RuntimeError: v = None
            if v: return v
            self.pump(every)
        return None

    # -- pages
    def goto(self, url: str, settle=1.0, timeout=60.0) -> list[str]:
        "Load `url`, wait for load + `settle` s of quiet, and return the problems seen (console errors ...)."
        self.events.clear()
        self.send('Page.navigate', url=url)
        end = time.time() + timeout
        while time.time() < end and not any(e.get('method') == 'Page.loadEventFired' for e in self.events):
            self.pump(0.2)
        if not any(e.get('method') == 'Page.loadEventFired' for e in self.events):
            return [f'page did not finish loading in {timeout:.0f}s']
        self.wait_for("document.readyState === 'complete'", timeout=10)
        self.pump(settle)
        return self.problems()

    def problems(self) -> list[str]:
        "Console errors, uncaught exceptions, failed or >=400 requests among the recorded events."
        out = []
        for e in self.events:
            m, p = e.get('method'), e.get('params', {})
            if m == 'Runtime.consoleAPICalled' and p.get('type') in ('error', 'assert'):
                out.append('console.error: ' + ' '.join(str(a.get('value', a.get('description', ''))) for a in p.get('args', [])))
            elif m == 'Runtime.exceptionThrown':
                d = p.get('exceptionDetails', {})
                out.append('uncaught: ' + str(d.get('exception', {}).get('description') or d.get('text')))
            elif m == 'Log.entryAdded' and p.get('entry', {}).get('level') == 'error':
                en = p['entry']; out.append(f"log error: {en.get('text')} {en.get('url', '')}")
            elif m == 'Network.loadingFailed' and not p.get('canceled'):
                out.append(f"request failed: {p.get('errorText')} ({p.get('type')})")
            elif m == 'Network.responseReceived' and p.get('response', {}).get('status', 200) >= 400:
                out.append(f"HTTP {p['response']['status']}: {p['response']['url']}")
        return out

    def screenshot(self, path, full_page=False):
        "Save a PNG of the viewport (or the whole page) to `path`."
        params = {'format': 'png'}
        if full_page:
            h = min(int(self.js('document.documentElement.scrollHeight') or 900), 12000)
            w = int(self.js('document.documentElement.clientWidth') or 1280)
            params.update(clip={'x': 0, 'y': 0, 'width': w, 'height': h, 'scale': 1}, captureBeyondViewport=True)
        data = self.send('Page.captureScreenshot', **params)['data']
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)

    def close(self):
        try: getattr(self, "ws", None) and self.ws.close()
        except Exception: pass
        if self.proc.poll() is None:
            try: os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError: pass
            try: self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL); self.proc.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self): return self
    def __exit__(self, *a): self.close()
