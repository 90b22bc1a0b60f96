"""spaCy's Matcher, Vocab and Doc without the rest of spaCy's package import.

`import spacy` (which `from spacy.matcher import Matcher` runs first) imports
spaCy's whole API: the training CLI (typer, requests, weasel), every pipeline
component, `Language`, the registry of factories — about 0.8 s of a 1.2 s
import, none of which the Matcher uses. The Matcher needs only its own
extension modules and what they import (`spacy.tokens`, `spacy.vocab`,
`spacy.schemas`, thinc, numpy).

So the package module is created from its spec without running its
`__init__`, and the few submodules are imported in the order spaCy's own
`__init__` reaches them (`spacy.errors`, then `spacy.tokens`, whose modules
import each other in a cycle that resolves only from that side). The package
is not left half-made: its module `__getattr__` runs spaCy's real `__init__`
in it the first time anything else (`spacy.blank`, `spacy.load`, …) is asked
for, so other code in the process sees the whole API. If any step fails (a
spaCy version laid out otherwise), everything is undone and spaCy is imported
the ordinary way: slower, never wrong.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading

_lock = threading.RLock()
_SUBMODULES = ("spacy.errors", "spacy.tokens", "spacy.vocab", "spacy.matcher", "spacy.util")


def import_matcher() -> None:
    """Make `spacy.matcher`, `spacy.vocab`, `spacy.tokens` and `spacy.util` importable, cheaply."""
    with _lock:
        if "spacy.matcher" in sys.modules:
            return
        if "spacy" in sys.modules:  # spaCy already imported in full by someone else
            importlib.import_module("spacy.matcher")
            return
        try:
            _import_without_init()
        except Exception:  # noqa: BLE001 - another layout of spaCy: undo, then the ordinary import
            for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
                del sys.modules[name]
            importlib.import_module("spacy.matcher")


def _import_without_init() -> None:
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        raise ImportError("spaCy is not an importable package")
    package = importlib.util.module_from_spec(spec)
    state = {"complete": False, "loader": threading.get_ident()}

    def complete(name: str):
        """PEP 562 hook: the first attribute not yet there runs spaCy's own __init__ in this module.

        While a thread imports spaCy's modules into this package (the submodules
        below, or the real `__init__`), `from . import util` in them asks this
        hook first: it must answer "not here" so Python imports the submodule.
        """
        probe = name.startswith("__") and name not in ("__version__", "__all__")  # e.g. __wrapped__, __path__
        if state["loader"] == threading.get_ident() or state["complete"] or probe:
            raise AttributeError(f"module 'spacy' has no attribute {name!r}")
        with _lock:
            if not state["complete"]:
                state["loader"] = threading.get_ident()
                try:
                    spec.loader.exec_module(package)  # type: ignore[union-attr]
                finally:
                    state["loader"], state["complete"] = None, True
        try:
            return package.__dict__[name]
        except KeyError:
            raise AttributeError(f"module 'spacy' has no attribute {name!r}") from None

    package.__getattr__ = complete  # type: ignore[attr-defined]
    sys.modules["spacy"] = package
    for name in _SUBMODULES:
        module = importlib.import_module(name)
        setattr(package, name.rpartition(".")[2], module)
    state["loader"] = None
