"""The real Word files in ../shared/real-docx (143 government work reports, none a plan): document verdict and spam.

Prints one line per file judged a plan or carrying HY103, and a last line:

    REAL files=143 plan=0 related=0 other=143 hy103=0 covered_domains=0

(`covered_domains`: GL2xx–GL4xx requirements judged covered, summed over the files.)
The folder is not part of the repository; the script exits 0 with a note when it is absent.

Usage: python eval/real_reports.py [FOLDER]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> int:
    from lintcity.packs import load_pack
    from lintcity.runner import lint_many

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "real-docx"
    if not folder.is_dir():
        print(f"no folder {folder}: nothing to check")
        return 0
    kinds: Counter[str] = Counter()
    spam = covered = 0
    paths = sorted(folder.glob("*.docx"))
    for report in lint_many(paths, load_pack()):
        kinds[report.document_kind or "unreadable"] += 1
        hy103 = [d for d in report.diagnostics if d.rule_id == "HY103"]
        spam += len(hy103)
        covered += sum(1 for c in report.coverage if c.status == "covered" and c.requirement_id[:3] in ("GL2", "GL3", "GL4"))
        if report.document_kind == "plan" or hy103:
            print(f"{report.path}: {report.document_kind} {[d.message for d in hy103]}")
    print(f"REAL files={len(paths)} plan={kinds['plan']} related={kinds['related']} other={kinds['other']} "
          f"hy103={spam} covered_domains={covered}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
