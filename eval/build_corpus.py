"""Render the evaluation documents whose key asks for it (`render: docx|pdf`).

The written source (.md) stays in eval/corpus/; the rendering is written beside
it and is what eval/accuracy.py lints. Uses the fixture renderers.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CORPUS, KEYS = HERE / "corpus", HERE / "keys"


def _renderers():
    spec = importlib.util.spec_from_file_location("fixture_build", HERE.parent / "fixtures" / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fixture_build"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def main() -> int:
    build = _renderers()
    for key_file in sorted(KEYS.glob("*.yaml")):
        key = yaml.safe_load(key_file.read_text(encoding="utf-8"))
        fmt = key.get("render")
        if fmt:
            source = CORPUS / key["source"]
            for path in build.render_all(source, CORPUS, (fmt,)):
                print("wrote", path.relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
