"""Frozen dataclasses that are made as fast as plain ones.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (its
own ``__setattr__`` refuses): three times the cost of a plain class's. That is
noise for a handful of objects and a tenth of a 10,000-fact bank's build for its tens
of thousands of drafts, questions and notes. :func:`quick_init` gives such a class an
``__init__`` of the same signature that fills the instance's ``__dict__`` directly;
the instance is exactly as frozen afterwards.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

C = TypeVar("C", bound=type)


def quick_init(cls: C) -> C:
    """Replace the ``__init__`` of the frozen dataclass ``cls`` by one that fills its ``__dict__``.

    The new ``__init__`` takes the same parameters, with the same defaults, as the one
    :func:`dataclasses.dataclass` wrote. Only for classes with no ``__post_init__``, no
    ``__slots__``, no default factories and no init-only or ``init=False`` fields: those
    are refused with a :class:`TypeError` at import time.
    """
    refused = TypeError(f"quick_init needs a plain frozen dataclass, not {cls.__qualname__}")
    if not dataclasses.is_dataclass(cls):
        raise refused
    parameters = dataclasses.fields(cls)
    if (
        not cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        or hasattr(cls, "__post_init__")
        or "__slots__" in cls.__dict__
        or any(not field.init or field.default_factory is not dataclasses.MISSING for field in parameters)
    ):
        raise refused
    defaults: dict[str, Any] = {}
    signature = []
    for field in parameters:
        if field.default is dataclasses.MISSING:
            signature.append(field.name)
        else:
            defaults[f"_default_{field.name}"] = field.default
            signature.append(f"{field.name}=_default_{field.name}")
    lines = [f"def __init__(self, {', '.join(signature)}):", "    values = self.__dict__"]
    lines += [f"    values[{field.name!r}] = {field.name}" for field in parameters]
    namespace: dict[str, Any] = {}
    exec("\n".join(lines), defaults, namespace)  # source made above from field names only
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cls.__init__.__doc__
    init.__annotations__ = dict(cls.__init__.__annotations__)
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
