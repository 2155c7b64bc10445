"""Keep what a build made, and from what, so that the next build makes again only what changed.

Under ``mkdocs serve`` one edit changes a few pages out of thousands. Each
page (and each event's piece of an export) is made by a function of inputs
the build computes anyway: the template's context, or the event itself. A
:class:`Reuse` remembers, by name, the inputs and the result of the last
build; when the inputs of this build are :func:`same` as those, the result
is reused instead of made again.

That is only correct if the inputs are *everything* the result depends on.
The rules that keep it so:

* a template reads its context, the registries and the site options, never
  the index or the list of events (``tests/unit/test_architecture.py``
  checks the templates);
* the registries and the site options are the same for every build that
  shares one :class:`Reuse` (:class:`chronicle.pages.SiteMaker` starts a new
  one when they change, and the MkDocs adapter when code or templates change);
* a computation a template calls per page is a :class:`Deferred`, compared by
  the function's name and the arguments it was given, and depends on nothing else.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")


def same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` hold the same values, so that anything made from one equals what the other makes."""
    return Comparison().same(a, b)


class Comparison:
    """Compares values as :func:`same` does, remembering each pair of containers already compared.

    Many pages share one object (a listing's root, a measure's claims): within
    one build each pair of such objects is compared once. Containers and
    dataclasses that are not equal are compared again item by item and field
    by field, for items whose own equality is identity; anything else with ``==``.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[int, int], tuple[Any, Any, bool]] = {}
        """``(id(a), id(b))`` -> ``(a, b, result)``: the objects are held so that their ids stay theirs."""

    def same(self, a: Any, b: Any) -> bool:
        if a is b:
            return True
        kind = type(a)
        if kind is not type(b):
            return False
        walk = _WALKS.get(kind, _UNKNOWN)
        if walk is _UNKNOWN:
            walk = _WALKS[kind] = _walk_of(kind)
        if walk is None:
            return _equal(a, b)
        key = (id(a), id(b))
        if (seen := self._seen.get(key)) is not None:
            return seen[2]
        result = _equal(a, b) if kind is not dict else False  # a context's values are compared one by one, below
        result = result or walk(self, a, b)
        self._seen[key] = (a, b, result)
        return result


def _equal(a: Any, b: Any) -> bool:
    """``a == b``, which compares in C item by item, skipping identical items; False if it cannot compare."""
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - then item by item
        return False


def _same_items(comparison: Comparison, a: Any, b: Any) -> bool:
    return len(a) == len(b) and all(map(comparison.same, a, b))


def _same_values(comparison: Comparison, a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(comparison.same(value, b[key]) for key, value in a.items())


def _same_fields(names: tuple[str, ...], comparison: Comparison, a: Any, b: Any) -> bool:
    return all(comparison.same(getattr(a, name), getattr(b, name)) for name in names)


_WALKS: dict[type, Callable[[Comparison, Any, Any], bool] | None] = {
    list: _same_items, tuple: _same_items, dict: _same_values}
"""How values of each type are compared, None for ``==`` alone; other types are added as they are met."""
_UNKNOWN: Any = object()


def _walk_of(kind: type) -> Callable[[Comparison, Any, Any], bool] | None:
    """How to compare two dataclasses of ``kind`` field by field; None for other types (compared with ``==``)."""
    if not dataclasses.is_dataclass(kind):
        return None
    return functools.partial(_same_fields, tuple(f.name for f in dataclasses.fields(kind) if f.compare))


@dataclasses.dataclass(frozen=True)
class Deferred(Generic[V]):
    """A computation a template calls with what only the page knows (its address, its share of a listing).

    Compared by the function's qualified name and ``args``: the function may
    depend on nothing else than these, what it is called with, the registries
    and the site options.
    """

    function: Callable[..., V] = dataclasses.field(compare=False)
    name: str
    args: tuple

    @classmethod
    def of(cls, function: Callable[..., V], *args: Any) -> Deferred[V]:
        return cls(function, function.__qualname__, args)

    def __call__(self, *more: Any) -> V:
        return self.function(*self.args, *more)


class Reuse:
    """The results of the last build by name, each with the inputs it was made from.

    ``keep=False`` keeps nothing and makes everything: a one-off build has no
    next build to save work for, and would only hold the memory.
    """

    def __init__(self, *, keep: bool = True) -> None:
        self.keep = keep
        self._kept: dict[Hashable, tuple[Any, Any]] = {}
        self._used: set[Hashable] = set()
        self._comparison = Comparison()
        self.made = 0
        """Results made (not reused) since :meth:`start`."""
        self.reused = 0

    def get(self, name: Hashable, inputs: Any, make: Callable[..., V], *args: Any) -> V:
        """The result for ``name``: the last one if it was made from the :func:`same` inputs, else ``make(*args)``."""
        if not self.keep:
            self.made += 1
            return make(*args)
        self._used.add(name)
        kept = self._kept.get(name)
        if kept is not None and self._comparison.same(kept[0], inputs):
            self.reused += 1
            return kept[1]
        value = make(*args)
        self._kept[name] = (inputs, value)
        self.made += 1
        return value

    def start(self) -> None:
        """Begin a build: count afresh."""
        self.made = self.reused = 0
        self._comparison = Comparison()

    def finish(self) -> None:
        """End a build: forget results no longer asked for (deleted entries' pages and pieces)."""
        for name in self._kept.keys() - self._used:
            del self._kept[name]
        self._used = set()
        self._comparison = Comparison()  # let go of the objects compared
