"""The shared progress bar: on stderr, only on a terminal, only after a moment; items pass unchanged."""

import io
import time

from lintcity import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _slow(n: int, pause: float):
    for i in range(n):
        time.sleep(pause)
        yield i


def test_bar_appears_only_on_a_terminal_after_the_delay(monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.05)
    shown = _Terminal()
    assert list(progress.track(_slow(4, 0.05), total=4, label="检查中", stream=shown)) == [0, 1, 2, 3]
    assert "检查中" in shown.getvalue()
    quick = _Terminal()
    assert list(progress.track(range(3), total=3, label="检查中", stream=quick)) == [0, 1, 2]
    assert quick.getvalue() == ""  # done before the delay: no bar at all
    pipe = io.StringIO()
    assert list(progress.track(_slow(3, 0.05), total=3, label="检查中", stream=pipe)) == [0, 1, 2]
    assert pipe.getvalue() == ""
