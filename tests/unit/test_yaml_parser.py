"""Entries are parsed by libyaml, the fast parser, with the same rules as the Python one."""

import yaml

from chronicle import yamldoc
from chronicle.yamldoc import parse_document


def test_the_fast_parser_is_used():
    # Ten thousand entries take seconds with libyaml and about a minute without it.
    assert yamldoc._Parser is yaml._yaml.CParser


def test_quoted_words_stay_text_while_plain_null_words_are_empty():
    doc = parse_document('a: ""\nb:\nc: "null"\nd: null\ne: ~\nf: \'~\'\n', "x.yaml")
    assert doc.data == {"a": "", "b": None, "c": "null", "d": None, "e": None, "f": "~"}
