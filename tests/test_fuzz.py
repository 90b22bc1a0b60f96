"""Bounded mutation fuzzing: damaged .docx and .pdf files never crash the parsers.

150 mutations of real documents (the small fixtures, or generated ones when
there are none) with a fixed seed. Each must come back as a Document or as an
InputError with a one-line cause, never another exception. bench/fuzz.py runs
the same loop for thousands of mutations.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

from lintcity.document import Document
from lintcity.errors import InputError
from lintcity.limits import Limits
from lintcity.parsers import parse_file
from lintcity.runner import time_limit

ROOT = Path(__file__).resolve().parents[1]
MUTATIONS = 150
SEED = 1234


def _bench_fuzz():
    spec = importlib.util.spec_from_file_location("lintcity_bench_fuzz", ROOT / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_mutated_documents_parse_or_raise_input_error(tmp_path: Path) -> None:
    fuzz = _bench_fuzz()
    seeds = fuzz.seed_documents(tmp_path)
    assert {Path(name).suffix for name, _ in seeds} >= {".docx", ".pdf"}
    rng = random.Random(SEED)
    limits = Limits(timeout_s=10.0)  # the runner's own guard; a hang becomes IO007, not a stuck test
    outcomes = {"ok": 0, "input-error": 0}
    for n in range(MUTATIONS):
        name, data = seeds[n % len(seeds)]
        suffix = Path(name).suffix
        path = tmp_path / f"mutant-{n:03d}{suffix}"
        path.write_bytes(fuzz.mutate(rng, data, suffix))
        try:
            with time_limit(limits.timeout_s, str(path)):
                doc = parse_file(path, limits)
        except InputError as exc:
            assert exc.cause.strip() and "\n" not in str(exc), f"{name} mutant {n}: {str(exc)!r}"
            assert exc.code.startswith("IO")
            outcomes["input-error"] += 1
        else:
            assert isinstance(doc, Document) and doc.blocks, f"{name} mutant {n}"
            outcomes["ok"] += 1
        path.unlink()
    # Both outcomes occur, so the mutations neither all break the files at once nor miss them.
    assert outcomes["ok"] > 0 and outcomes["input-error"] > 0, outcomes


def test_random_plan_text_and_mutated_packs_never_crash(tmp_path: Path) -> None:
    """The whole pipeline on random plan-like text, and mutated packs (load, then lint): no internal error.

    bench/fuzz.py --mode all runs thousands; this is a short, fixed-seed sample.
    """
    fuzz = _bench_fuzz()
    text = fuzz.fuzz_text(6, SEED, tmp_path / "text", Limits(timeout_s=60.0))
    packs = fuzz.fuzz_packs(25, SEED, tmp_path / "packs", Limits(timeout_s=60.0))
    for tally in (text, packs):
        assert not tally.crashes, tally.crashes[0][2]
    assert text.counts["ok"] > 0
    assert packs.counts["ok"] > 0 and packs.counts["input-error"] > 0, packs.counts
