"""Building frozen dataclass instances in hot loops without their `__init__`'s per-field guard.

A frozen dataclass's generated `__init__` sets each field through
`object.__setattr__` to get past its own `__setattr__`, which refuses: eight
such calls for a sentence, nine for a location. For the thousands of
sentences, locations and normalized texts of every document of a batch that
was a quarter of sentence splitting; `frozen_maker` writes the fields into
the instance's `__dict__` directly.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any, Callable


def frozen_maker(cls: type) -> Callable[..., Any]:
    """A constructor for a frozen dataclass that fills the instance's `__dict__` directly.

    The maker takes the same arguments as `__init__` (positional or keyword,
    same defaults) and gives an equal instance (same fields, equality, hash,
    pickling). It refuses classes with slots (no `__dict__`) or a field with a
    `default_factory` or `init=False`; the classes it is used for have no
    `__post_init__`.
    """
    if "__slots__" in cls.__dict__:
        raise TypeError(f"frozen_maker: {cls.__name__} has slots")
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    params, body = [], []
    for f in fields(cls):
        if f.default_factory is not MISSING or not f.init:  # type: ignore[misc]
            raise TypeError(f"frozen_maker: {cls.__name__}.{f.name} needs __init__")
        if f.default is MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        body.append(f"    d[{f.name!r}] = {f.name}")
    source = f"def make({', '.join(params)}):\n    obj = new(cls)\n    d = obj.__dict__\n" + "\n".join(body) + \
        "\n    return obj\n"
    exec(source, namespace)  # noqa: S102 - source built from the dataclass's own field names, as dataclasses does
    return namespace["make"]
