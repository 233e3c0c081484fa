"Subprocesses with a deadline: a hung child fails its test, naming the command, instead of stalling the whole suite."
import os, signal, subprocess

# A test's child gets this long (seconds) before its whole process group is killed; tiny settings take 1-3 minutes.
DEADLINE = int(os.environ.get('DLM_TEST_DEADLINE', '900'))

def bounded_run(cmd, timeout: float = DEADLINE, **kw) -> subprocess.CompletedProcess:
    """`subprocess.run(cmd, capture_output=True, text=True, **kw)` in its own session; past `timeout` the child and
    everything it started (kernels, ranks) are killed and the result has returncode -9 with the output so far and a
    line saying it timed out."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, **kw)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        err = (err or '') + f'\n[tests] {" ".join(map(str, cmd))[:300]} was still running after {timeout:.0f}s: killed with its process group'
        return subprocess.CompletedProcess(cmd, -9, out, err)
    except BaseException:          # e.g. pytest-timeout's signal: leave no kernel or rank behind
        os.killpg(p.pid, signal.SIGKILL); p.wait(); raise
    return subprocess.CompletedProcess(cmd, p.returncode, out, err)
