"""The console script `lintcity`: Ctrl-C handled before anything heavy is imported, the collector tuned.

Importing click, rich and the rest takes tens of milliseconds; a Ctrl-C in that
window used to print a KeyboardInterrupt traceback. This module imports nothing
but the standard library before its `try`, so an interrupt at any moment ends
with one line and exit code 130 (the shell's code for SIGINT).
"""

from __future__ import annotations

import gc
import sys

#: Python's default is (700, 10, 10); see `main`.
GC_THRESHOLD = (100_000, 50, 100)


def main() -> None:
    # Python's cyclic collector runs every 700 net allocations; importing and linting allocate millions of
    # objects that are almost never cycles, so it ran thousands of times for nothing (about 6 % of a cold
    # check's CPU). A larger first generation, as mypy's command line sets one; every generation still runs.
    gc.set_threshold(*GC_THRESHOLD)
    try:
        from lintcity.streams import prepare_std_streams

        prepare_std_streams()  # a Windows pipe in cp936 cannot carry ✓/✗: switch before any output
        from lintcity.cli import main as cli

        cli()
    except KeyboardInterrupt:
        _interrupted()


def _interrupted() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the goodbye
    try:
        from lintcity.i18n import t

        message = t("cli.interrupted")
    except Exception:  # noqa: BLE001 - the catalog itself may be half-imported
        message = "lintcity: interrupted"
    try:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    sys.exit(130)


if __name__ == "__main__":
    main()
