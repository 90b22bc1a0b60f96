"""Mutation fuzzing of lintcity's .docx and .pdf readers.

    python bench/fuzz.py [COUNT] [--seed N] [--keep DIR]

Takes real documents (fixtures/*.docx and *.pdf; generated ones when there
are none), damages them at random and runs `lintcity.parsers.parse_file` on
each. Every outcome must be a Document or an InputError with a one-line
message; anything else is a crash. Prints the counts of ok / input-error /
timeout / crash, the causes behind the generic "corrupt file" errors, and for
each crash the input that caused it (kept with --keep).

tests/test_fuzz.py runs the same loop, shorter, with a fixed seed.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import random
import sys
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lintcity.errors import InputError  # noqa: E402
from lintcity.limits import Limits  # noqa: E402
from lintcity.parsers import parse_file  # noqa: E402
from lintcity.runner import time_limit  # noqa: E402

FIXTURES = ROOT / "fixtures"
MAX_SEED_BYTES = 60_000  # bigger fixtures parse too slowly to mutate thousands of times


@dataclass
class Outcome:
    kind: str                  # ok | input-error | timeout | crash
    detail: str = ""           # error code and cause, or the crash's traceback
    origin: str = ""           # for a wrapped library error: exception type and where it was raised


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    origins: Counter = field(default_factory=Counter)
    crashes: list[tuple[str, bytes, str]] = field(default_factory=list)  # (name, input, traceback)

    def add(self, name: str, data: bytes, outcome: Outcome) -> None:
        self.counts[outcome.kind] += 1
        if outcome.origin:
            self.origins[outcome.origin] += 1
        if outcome.kind == "crash":
            self.crashes.append((name, data, outcome.detail))


def seed_documents(work: Path, max_bytes: int = MAX_SEED_BYTES) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the documents to mutate: small fixtures, else generated ones."""
    found = [p for p in sorted(FIXTURES.glob("*.docx")) + sorted(FIXTURES.glob("*.pdf"))
             if p.stat().st_size <= max_bytes]
    suffixes = {p.suffix for p in found}
    seeds = [(p.name, p.read_bytes()) for p in found]
    if {".docx", ".pdf"} - suffixes:
        corpus = _make_corpus()
        if ".docx" not in suffixes:
            seeds.append(("generated.docx", corpus.docx_bytes(corpus.GOOD_PLAN)))
        if ".pdf" not in suffixes:
            seeds.append(("generated.pdf", corpus.pdf_bytes(corpus.GOOD_PLAN)))
    return seeds


def _make_corpus():
    path = ROOT / "tests" / "hostile" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("lintcity_hostile_corpus", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


# ----------------------------------------------------------------------------- mutations

def mutate(rng: random.Random, data: bytes, suffix: str) -> bytes:
    """One random damage. For .docx, half the time the damage goes inside an
    XML part and the package is zipped again, so that it reaches the XML parser
    and python-docx instead of stopping at the zip checksum."""
    if suffix == ".docx" and rng.random() < 0.5:
        return _mutate_part(rng, data)
    return _mutate_bytes(rng, data)


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    if not out:
        return bytes(out)
    how = rng.choice(("flip", "flip", "flip", "truncate", "delete", "duplicate", "insert", "interesting"))
    if how == "flip":
        for _ in range(rng.randint(1, 12)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif how == "truncate":
        del out[rng.randrange(len(out)):]
    elif how == "delete":
        start = rng.randrange(len(out))
        del out[start:start + rng.randint(1, 512)]
    elif how == "duplicate":
        start = rng.randrange(len(out))
        chunk = out[start:start + rng.randint(1, 512)]
        at = rng.randrange(len(out))
        out[at:at] = chunk
    elif how == "insert":
        at = rng.randrange(len(out))
        out[at:at] = rng.randbytes(rng.randint(1, 64))
    else:  # numbers and delimiters that parsers treat specially
        token = rng.choice([b"0", b"-1", b"99999999999", b"1e308", b"NaN", b"<<", b">>", b"[", b"]", b"(", b")",
                            b"/", b"R", b"obj", b"endobj", b"stream", b"<", b">", b"&", b"\x00", b"\xff\xfe"])
        at = rng.randrange(len(out))
        out[at:at + rng.randint(0, 4)] = token
    return bytes(out)


def _mutate_part(rng: random.Random, package: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            parts = {name: zf.read(name) for name in zf.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        return _mutate_bytes(rng, package)
    xml = [n for n in parts if n.endswith((".xml", ".rels"))]
    name = "word/document.xml" if "word/document.xml" in xml and rng.random() < 0.6 else rng.choice(xml)
    parts[name] = _mutate_bytes(rng, parts[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, content in parts.items():
            zf.writestr(part, content)
    return out.getvalue()


# ----------------------------------------------------------------------------- running

def run_one(path: Path, limits: Limits) -> Outcome:
    """Parse one file and classify the outcome."""
    try:
        with time_limit(limits.timeout_s, str(path)):
            doc = parse_file(path, limits)
    except InputError as exc:
        message = str(exc)
        if "\n" in message or not exc.cause.strip():
            return Outcome("crash", f"InputError message not one plain line: {message!r}")
        kind = "timeout" if exc.code == "IO007" and "--timeout" in exc.cause else "input-error"
        return Outcome(kind, f"{exc.code} {exc.cause}", _origin(exc.__cause__))
    except Exception:  # anything else escaping parse_file is a bug
        return Outcome("crash", traceback.format_exc())
    if not doc.blocks:
        return Outcome("crash", "parse_file returned a Document without blocks")
    return Outcome("ok")


def _origin(exc: BaseException | None) -> str:
    """'TypeError at module:function' for the library error behind a generic IO004."""
    while exc is not None and type(exc).__name__ == "PdfminerException" and exc.args \
            and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]  # pdfplumber wraps every pdfminer error; report the original
    if exc is None:
        return ""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        module = Path(last.filename).stem
        where = f" at {module}:{last.name}"
    return f"{type(exc).__name__}{where}"


def fuzz(count: int, seed: int, work: Path, limits: Limits | None = None) -> Tally:
    """Run `count` mutations spread over the seed documents, deterministically for a seed."""
    limits = limits or Limits(timeout_s=10.0)
    rng = random.Random(seed)
    seeds = seed_documents(work)
    work.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    for n in range(count):
        name, data = seeds[n % len(seeds)]
        suffix = Path(name).suffix
        mutated = mutate(rng, data, suffix)
        path = work / f"mutant{suffix}"
        path.write_bytes(mutated)
        tally.add(f"{n:05d}-{name}", mutated, run_one(path, limits))
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--keep", type=Path, default=None, help="Folder to save crashing inputs in.")
    args = parser.parse_args(argv)

    import tempfile

    with tempfile.TemporaryDirectory(prefix="lintcity-fuzz-") as tmp:
        tally = fuzz(args.count, args.seed, Path(tmp))
    print(f"{args.count} mutations (seed {args.seed}): "
          + ", ".join(f"{kind} {tally.counts.get(kind, 0)}" for kind in ("ok", "input-error", "timeout", "crash")))
    if tally.origins:
        print("library errors reported as corrupt files:")
        for origin, n in tally.origins.most_common(15):
            print(f"  {n:6}  {origin}")
    for name, data, detail in tally.crashes[:10]:
        print(f"\nCRASH {name}\n{detail}")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / name).write_bytes(data)
    return 1 if tally.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
