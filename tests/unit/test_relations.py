"""Link kinds are keys in one place; labels are only looked up when a page renders."""

from chronicle.models import Relations
from chronicle.relations import CHAIN_VERBS, CONTAINMENT, INVERSE, LABELS, PRECEDENCE, LinkKind


def test_every_written_relation_has_a_kind_an_inverse_and_labels():
    assert {kind.value for kind in INVERSE} == set(Relations.model_fields)
    assert set(LABELS) == set(LinkKind) == set(INVERSE) | set(INVERSE.values())


def test_the_graph_rules_and_storylines_use_written_and_generated_kinds_as_they_should():
    assert set(CONTAINMENT) | set(PRECEDENCE) <= set(INVERSE)
    assert set(CHAIN_VERBS) == {INVERSE[kind] for kind in PRECEDENCE}


def test_rewording_a_label_changes_no_storyline(tiny_timeline, monkeypatch):
    from chronicle.catalog import load_timeline
    from chronicle.index import build_index

    timeline = load_timeline(tiny_timeline, "timeline")
    before = [(s.start.id, s.kind, s.size) for s in build_index(timeline).storylines]
    monkeypatch.setitem(LABELS, LinkKind.PARTS, "Components")
    monkeypatch.setitem(LABELS, LinkKind.FOLLOWED_BY, "Then")
    assert [(s.start.id, s.kind, s.size) for s in build_index(timeline).storylines] == before
    assert before  # the fixture has an operation with parts and a chain
