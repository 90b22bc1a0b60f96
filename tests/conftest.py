from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
sys.path.insert(0, str(FIXTURES))   # fixtures/wordml.py writes Word packages for tests too


@pytest.fixture(scope="session")
def pack():
    from lintcity.packs import load_pack

    return load_pack()


@pytest.fixture
def cli():
    """Invoke the real click command; returns (exit_code, stdout, stderr)."""
    from click.testing import CliRunner

    from lintcity.cli import main

    def run(*args: str):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Every test run gets its own cache folder (the CLI caches by default), never the user's."""
    import os

    folder = tmp_path_factory.mktemp("lintcity-cache")
    previous = os.environ.get("LINTCITY_CACHE_DIR")
    os.environ["LINTCITY_CACHE_DIR"] = str(folder)
    yield
    if previous is None:
        os.environ.pop("LINTCITY_CACHE_DIR", None)
    else:
        os.environ["LINTCITY_CACHE_DIR"] = previous
