"""What a build keeps for the next one, and when it is taken again (chronicle.reuse)."""

from __future__ import annotations

from dataclasses import dataclass, field

from chronicle.models import Region
from chronicle.reuse import Comparison, Deferred, Reuse, same


@dataclass(frozen=True, eq=False)
class ByIdentity:
    """Like the index's conflicting pairs: equal only to itself, so that it can be a dictionary key."""

    left: object
    right: object


@dataclass
class Listed:
    items: list
    note: str = field(default="", compare=False)


def region(name: str) -> Region:
    return Region.model_validate({"id": "kharkiv-oblast", "name": name, "kind": "oblast"})


def test_values_made_from_the_same_inputs_are_the_same():
    assert same({"a": [1, (2, "x")], "b": None}, {"a": [1, (2, "x")], "b": None})
    assert not same({"a": [1, 2]}, {"a": [1, 3]})
    assert not same({"a": 1}, {"a": 1, "b": 2})
    assert not same([1, 2], (1, 2)), "a list and a tuple are laid out differently by templates"


def test_models_compare_by_content_not_identity():
    assert same([region("Kharkiv Oblast")], [region("Kharkiv Oblast")])
    assert not same([region("Kharkiv Oblast")], [region("Kharkiv Region")])


def test_dataclasses_compared_by_identity_are_compared_field_by_field():
    first, second = region("Kharkiv Oblast"), region("Kharkiv Oblast")
    assert ByIdentity(first, 1) != ByIdentity(second, 1)
    assert same([ByIdentity(first, 1), ByIdentity(first, 2)], [ByIdentity(second, 1), ByIdentity(second, 2)])
    assert not same([ByIdentity(first, 1)], [ByIdentity(region("Kharkiv Region"), 1)])


def test_fields_left_out_of_equality_are_left_out():
    assert same(Listed([1, 2, 3], "a"), Listed([1, 2, 3], "b"))
    assert not same(Listed([1, 2, 3]), Listed([1, 2, 4]))


def test_a_shared_object_is_compared_once_per_build():
    calls = []

    class Counted:
        def __eq__(self, other):
            calls.append(1)
            return isinstance(other, Counted)

    old, new = [Counted() for _ in range(3)], [Counted() for _ in range(3)]
    comparison = Comparison()
    for _ in range(5):  # five pages of one listing share its root
        assert comparison.same({"root": old}, {"root": new})
    assert len(calls) == 3


def test_deferred_calls_compare_by_function_name_and_arguments():
    def counts(table: dict, uri: str) -> str:
        return f"{uri}: {sum(table.values())}"

    first, again = Deferred.of(counts, {"a": 1, "b": 2}), Deferred.of(counts, {"a": 1, "b": 2})
    assert first("regions/a.md") == "regions/a.md: 3"
    assert same(first, again)
    assert not same(first, Deferred.of(counts, {"a": 1, "b": 3}))


def test_reuse_makes_again_only_what_changed_and_forgets_what_is_gone():
    made: list[str] = []

    def make(name: str, value: int) -> str:
        made.append(name)
        return f"{name}={value}"

    reuse = Reuse()
    for round_inputs in ({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 20, "c": 3}, {"a": 1, "c": 3}, {"a": 1, "b": 20}):
        reuse.start()
        results = {name: reuse.get(name, value, make, name, value) for name, value in round_inputs.items()}
        reuse.finish()
        assert results == {name: f"{name}={value}" for name, value in round_inputs.items()}
    assert made == ["a", "b", "c", "b", "b"], "b changed, was deleted, then came back and was made again"
    assert (reuse.made, reuse.reused) == (1, 1)


def test_a_one_off_build_keeps_nothing():
    reuse = Reuse(keep=False)
    values = [reuse.get("a", 1, list) for _ in range(2)]
    assert values[0] is not values[1]
    assert reuse.made == 2 and reuse.reused == 0
