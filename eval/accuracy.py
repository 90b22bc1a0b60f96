"""Measure lintcity's verdicts against hand-written answer keys.

For every key in eval/keys/ the document (its rendering when the key has
`render:`) is linted with the bundled pack; the linter's status of every
requirement is compared with the key, and the extracted 2027/2030 targets with
the key's targets. Prints per-requirement precision/recall/F1 for "missing" and
"covered", a confusion matrix, target precision/recall, the disagreements with
the sentence that decided them, and a machine-readable last line:

    ACCURACY macro_f1=0.912 status_accuracy=0.930 f1_covered=0.98 f1_thin=0.80 f1_missing=0.95
             covered_missing=0 covered_missing_nonplan=0 target_precision=0.95 target_recall=0.96
             kind_accuracy=1.000 documents=30   (one line)

Keys may say `document_kind: plan|related|other` (scored against the linter's
document verdict) and give a target range as `value: [2, 3]` with
`comparator: range`. A document is read directly from the corpus, or from its
rendering when the key has `render:`.

Usage: python eval/accuracy.py [--keys DIR] [--corpus DIR] [--quiet]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

STATUSES = ("covered", "thin", "missing")
TARGET_YEARS = (2027, 2030)


def document_for(key: dict, key_file: Path, corpus: Path) -> Path:
    source = corpus / key["source"]
    if key.get("render"):
        return source.with_suffix("." + key["render"])
    return source


def lint(path: Path):
    from lintcity.packs import load_pack
    from lintcity.runner import lint_file

    return lint_file(path, load_pack())


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


MIN_INDICATOR_SIMILARITY = 0.2  # a value found under an unrelated indicator is not a match


def _similarity(a: str, b: str) -> float:
    from lintcity.analysis import indicator_similarity  # the measure the linter merges prose/table repeats with

    return indicator_similarity(a, b)


def target_matches(expected: list[dict], found: list, year: int) -> tuple[list[dict], list[tuple]]:
    """Match each expected target to a found one with the same value and unit.

    Several indicators of one plan often share a value (three "100%" targets),
    so among equal values the found indicator most like the key's is taken.
    Below MIN_INDICATOR_SIMILARITY the found indicator is about something else
    and does not count. A plan states a target in prose and again in its table; a found target
    that repeats an already matched one (same value, unit and a similar
    indicator) is neither a match nor an extra. Returns the expected targets
    not found and the distinct (value, unit) pairs found but not in the key.
    """
    from lintcity.normalize import normalize_text

    pool = [t for t in found if t.year == year]
    matched: list = []
    missed = []
    for item in expected:
        value, upper = _key_value(item["value"])
        unit = normalize_text(str(item.get("unit", "")))
        indicator = normalize_text(str(item.get("indicator", "")))
        want = _magnitude(value, upper, unit)
        candidates = [t for t in pool if _magnitude(t.value, getattr(t, "upper", None), t.unit) == want
                      and _similarity(t.indicator, indicator) >= MIN_INDICATOR_SIMILARITY]
        if not candidates:
            missed.append(item)
            continue
        best = max(candidates, key=lambda t: _similarity(t.indicator, indicator))
        pool.remove(best)
        matched.append(best)
    extras = {(t.value, t.unit) for t in pool
              if not any(_magnitude(m.value, None, m.unit) == _magnitude(t.value, None, t.unit)
                         and _similarity(m.indicator, t.indicator) >= 0.3 for m in matched)}
    return missed, sorted(extras)


_SCALE = {"万": 10_000, "亿": 100_000_000}


def _magnitude(value: float, upper: float | None, unit: str) -> tuple[float, float | None, str]:
    """A quantity with 万/亿 multiplied out, so "1.5万个" (as the plan writes it) equals a key's 15000 个."""
    scale = _SCALE.get(unit[:1], 1) if len(unit) > 1 else 1
    unit = unit[1:] if scale > 1 else unit
    return round(value * scale, 6), (round(upper * scale, 6) if upper is not None else None), unit


def _key_value(value) -> tuple[float, float | None]:
    """A key's value: a number, or [low, high] for a range target (2—3个)."""
    if isinstance(value, (list, tuple)):
        return float(value[0]), float(value[1])
    return float(value), None


def evaluate(keys_dir: Path, corpus: Path) -> dict:
    pairs: list[tuple[str, str, str]] = []  # (requirement, key status, linter status)
    disagreements: list[str] = []
    t_tp = t_fp = t_fn = 0
    docs = 0
    kinds: list[tuple[str, str]] = []  # (key document_kind, linter document_kind)
    nonplan_pairs: list[tuple[str, str, str]] = []
    for key_file in sorted(keys_dir.glob("*.yaml")):
        key = yaml.safe_load(key_file.read_text(encoding="utf-8"))
        path = document_for(key, key_file, corpus)
        report = lint(path)
        if report.error:
            disagreements.append(f"{path.name}: unreadable: {report.error.message}")
            continue
        docs += 1
        want_kind = key.get("document_kind")
        if want_kind:
            kinds.append((want_kind, report.document_kind or "?"))
            if want_kind != report.document_kind:
                disagreements.append(f"{path.name}: document_kind key={want_kind} linter={report.document_kind}")
        got = {c.requirement_id: c for c in report.coverage}
        for rid, want in key["requirements"].items():
            entry = got.get(rid)
            status = entry.status if entry else "missing"
            pairs.append((rid, want, status))
            if want_kind and want_kind != "plan":
                nonplan_pairs.append((rid, want, status))
            if status != want:
                counted = entry.counted_evidence if entry else ()
                why = counted[0].quote.replace("\n", "")[:80] if counted else "(no evidence)"
                disagreements.append(f"{path.name}: {rid} key={want} linter={status}: {why}")
        targets = key.get("targets") or {}
        for year in TARGET_YEARS:
            expected = targets.get(str(year)) or targets.get(year) or []
            missed, extra = target_matches(expected, list(report.targets), year)
            t_tp += len(expected) - len(missed)
            t_fp, t_fn = t_fp + len(extra), t_fn + len(missed)
            for item in missed:
                disagreements.append(f"{path.name}: {year} target missed: "
                                     f"{item.get('indicator')} {item['value']}{item.get('unit', '')}")
            for value, unit in extra:
                disagreements.append(f"{path.name}: {year} target extra: {value:g}{unit}")
    return {"pairs": pairs, "disagreements": disagreements, "targets": (t_tp, t_fp, t_fn), "documents": docs,
            "kinds": kinds, "nonplan_pairs": nonplan_pairs}


def report(result: dict, quiet: bool = False) -> dict[str, float]:
    pairs = result["pairs"]
    by_req: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rid, want, got in pairs:
        by_req[rid].append((want, got))
    class_f1 = {}
    for status in STATUSES:
        tp = sum(1 for _, w, g in pairs if w == status and g == status)
        fp = sum(1 for _, w, g in pairs if w != status and g == status)
        fn = sum(1 for _, w, g in pairs if w == status and g != status)
        class_f1[status] = prf(tp, fp, fn)
    macro_f1 = sum(f for _, _, f in class_f1.values()) / len(STATUSES)
    accuracy = sum(1 for _, w, g in pairs if w == g) / len(pairs) if pairs else 0.0
    tp, fp, fn = result["targets"]
    tprec, trec, _ = prf(tp, fp, fn)
    if not quiet:
        print("per requirement        missing P/R/F1          covered P/R/F1")
        for rid in sorted(by_req):
            rows = [(None, w, g) for w, g in by_req[rid]]
            cells = []
            for status in ("missing", "covered"):
                s_tp = sum(1 for _, w, g in rows if w == status and g == status)
                s_fp = sum(1 for _, w, g in rows if w != status and g == status)
                s_fn = sum(1 for _, w, g in rows if w == status and g != status)
                p, r, f = prf(s_tp, s_fp, s_fn)
                cells.append(f"{p:.2f}/{r:.2f}/{f:.2f}")
            print(f"  {rid:<8} {cells[0]:>22}   {cells[1]:>22}")
        print("\nconfusion (rows: key, columns: linter)")
        counts = Counter((w, g) for _, w, g in pairs)
        print("            " + "".join(f"{s:>10}" for s in STATUSES))
        for w in STATUSES:
            print(f"  {w:<10}" + "".join(f"{counts[(w, g)]:>10}" for g in STATUSES))
        print("\nper status P/R/F1: " + ", ".join(f"{s} {p:.2f}/{r:.2f}/{f:.2f}" for s, (p, r, f) in class_f1.items()))
        print(f"targets: {tp} matched, {fp} extra, {fn} missed")
        print("\ndisagreements:")
        for line in result["disagreements"]:
            print("  " + line)
    kinds = result.get("kinds", [])
    swapped = {("covered", "missing"), ("missing", "covered")}
    figures = {"macro_f1": macro_f1, "status_accuracy": accuracy,
               **{f"f1_{s}": class_f1[s][2] for s in STATUSES},
               "covered_missing": sum(1 for _, w, g in pairs if (w, g) in swapped),
               "covered_missing_nonplan": sum(1 for _, w, g in result.get("nonplan_pairs", []) if (w, g) in swapped),
               "target_precision": tprec, "target_recall": trec,
               "kind_accuracy": sum(1 for w, g in kinds if w == g) / len(kinds) if kinds else float("nan"),
               "documents": result["documents"]}
    print("ACCURACY " + " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=Path, default=HERE / "keys")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    report(evaluate(args.keys, args.corpus), args.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
