"""The time limit does not depend on thread scheduling (a flaky `parse --timeout 0.000001` once exited 0)."""

from __future__ import annotations

import time

import pytest

from lintcity import deadline
from lintcity.deadline import time_limit
from lintcity.errors import InputError


class _IdleTimer:
    """A watchdog thread that never got the CPU before the work ended (a loaded machine, one long C call)."""

    def __init__(self, *args, **kwargs) -> None:
        self.daemon = False

    def start(self) -> None:
        pass

    def cancel(self) -> None:
        pass


def test_work_that_ends_past_the_limit_is_io007_even_if_the_timer_never_ran(monkeypatch):
    monkeypatch.setattr(deadline.threading, "Timer", _IdleTimer)
    with pytest.raises(InputError) as err:
        with time_limit(0.01, "plan.pdf"):
            time.sleep(0.03)
    assert err.value.code == "IO007" and "plan.pdf" in str(err.value)
    with time_limit(5, "plan.pdf"):  # ended within its limit: nothing raised
        pass


def test_another_error_inside_the_limit_is_not_turned_into_a_timeout(monkeypatch):
    monkeypatch.setattr(deadline.threading, "Timer", _IdleTimer)
    with pytest.raises(ValueError):
        with time_limit(0.01, "plan.pdf"):
            time.sleep(0.03)
            raise ValueError("the document's own error wins")
