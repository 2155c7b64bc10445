import pytest

from chronicle.errors import TimelineError
from chronicle.yamldoc import MAX_BYTES, load_document, parse_document


def test_every_scalar_stays_text():
    doc = parse_document("a: NO\nb: 1.10\nc: 12:30\nd: 2024-02-30\ne:\nf: ~\n", "x.yaml")
    assert doc.data == {"a": "NO", "b": "1.10", "c": "12:30", "d": "2024-02-30", "e": None, "f": None}


def test_positions_are_recorded_for_nested_fields():
    doc = parse_document("claims:\n  - measure: killed\n    value: 3\n", "x.yaml")
    assert doc.locate(("claims", 0, "value")) == (3, 5)
    assert doc.locate(("claims", 0, "missing")) == (2, 5)


def only_problem(text: str) -> str:
    with pytest.raises(TimelineError) as error:
        parse_document(text, "x.yaml")
    assert len(error.value.problems) == 1
    return str(error.value.problems[0])


def test_duplicate_keys_name_both_lines():
    assert only_problem("title: a\nid: b\ntitle: c\n").startswith(
        "x.yaml:3:1: duplicate key 'title' (lines 1 and 3)")


@pytest.mark.parametrize("text, message", [
    ("a: &x 1\nb: *x\n", "x.yaml:1:4: YAML anchors (&name) are not allowed"),
    ("a: *x\n", "x.yaml:1:4: YAML aliases (*name) are not allowed"),
    ("a: !!python/object/apply:os.system [ls]\n", "x.yaml:1:4: YAML tags such as"),
    ("a: !custom x\n", "x.yaml:1:4: YAML tags such as '!custom' are not allowed"),
    ("a: 1\n---\nb: 2\n", "x.yaml:2:1: more than one YAML document in the file"),
    ("a: [1, 2\n", "x.yaml:2:1: invalid YAML"),
])
def test_unsafe_or_broken_yaml_is_refused_with_a_position(text, message):
    assert only_problem(text).startswith(message)


def test_deep_nesting_is_refused():
    assert "nesting deeper than" in only_problem("a: " + "[" * 2000 + "]" * 2000)


def test_non_utf8_and_oversized_files_are_refused(tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: Kyiv\nplace: Mykola\xefv\n".encode("latin-1"))
    with pytest.raises(TimelineError, match=r"latin.yaml:2:14: file is not valid UTF-8"):
        load_document(latin, "latin.yaml")
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * MAX_BYTES)
    with pytest.raises(TimelineError, match="more than the 1,000,000 allowed"):
        load_document(big, "big.yaml")
