"""Ctrl-C at any moment of lintcity's own run (imports included) ends with one line and exit 130.

One process (--jobs 1: how workers end on a signal is the runner's, tests/test_speed.py), no cache (the
run must still be going when the signal comes)."""

import signal
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

# "go" once lintcity.entry (standard library only, a few lines) is imported, as the console script
# does first: everything after, click, rich and lintcity's own imports included, is under its handler.
# The interpreter's own start-up (site, .pth files) comes before any program's code.
# SIGINT is restored to Python's default handler first: a child started from a shell job running in the
# background (as a CI runner or `pytest &` may be) inherits SIGINT as ignored, and the signal would then be
# lost; a drafter's terminal never ignores it.
PROGRAM = ("import signal, sys\n"
           "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
           "from lintcity.entry import main\n"
           "sys.stderr.write('go\\n'); sys.stderr.flush()\n"
           f"sys.argv = ['lintcity', 'check', '--no-cache', '--jobs', '1', {str(FIXTURES)!r}]\n"
           "main()\n")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT cannot be sent to a child on Windows")
@pytest.mark.parametrize("delay", [0.005, 0.03, 0.1, 0.4, 1.5])
def test_ctrl_c_is_one_line_and_exit_130(delay):
    import time

    proc = subprocess.Popen([sys.executable, "-c", PROGRAM], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env={"LANG": "zh_CN.UTF-8", "PATH": "/usr/bin:/bin"})
    assert proc.stderr.readline() == "go\n"
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert proc.returncode == 130, err
    assert err == "lintcity：已中断\n", err
