"""Escaping, Markdown shortcuts and relative links of the rendering helpers."""

from __future__ import annotations

import html
import itertools
import posixpath

import nh3
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from chronicle.render import is_plain_prose, plain_text, relative, render_markdown, sanitise, sanitised_html


def test_relative_links_match_posixpath_relpath():
    uris = ["index.md", "events/a.md", "regions/kyiv.md", "regions/kyiv/2025.md", "regions/kyiv/2025-06.md",
            "chronology/index.md", "data/index.md", "feed.xml", "regions/kyivx.md", "actors/a/b/c.md"]
    for page, target in itertools.product(uris, repeat=2):
        assert relative(page, target) == posixpath.relpath(target, posixpath.dirname(page) or "."), (page, target)
    assert relative("events/a.md", "events/b.md#sources") == "b.md#sources"


# ---------------------------------------------------------------- plain prose skips Markdown


# Mostly a few letters, digits and spaces, so that markup characters land between words where they act.
PROSE_ALPHABET = st.one_of(
    st.sampled_from(list("abcdeКиїв019  ")),
    st.sampled_from(list(",.;:'\"()?%/’‘“”–—-") + list("*_`[]!#<>&\\\n{}|=+~^\u00a0\u200b")),
    st.characters(categories=("Lu", "Ll", "Lo", "Nd", "No", "Zs")),
)


@settings(max_examples=400, deadline=None)
@given(st.text(PROSE_ALPHABET, min_size=1, max_size=60))
@example("Kyiv said 20 drones were shot down.")
@example("Київ: «обстріл» — 20%")
@example("A  double space")
@example("2025. A year")
@example("Hit (per the report)")
@example("It's \"about\" 1/3")
@example("Two lines\nof one paragraph\n\nand a second")
@example("a\n\n\nb")
def test_plain_prose_shortcut_renders_as_markdown_would(value):
    if is_plain_prose(value):
        assert sanitised_html(value) == sanitise(render_markdown(value)[0])
        assert "<" not in value and value in sanitised_html(value).replace("</p>\n<p>", "\n\n")
        assert plain_text(value) == html.unescape(nh3.clean(sanitise(render_markdown(value)[0]), tags=set())).strip()


@pytest.mark.parametrize("value", [
    "*a*", "a *b* c", "a __b__", "a_b_", "a `b`", "[a](https://e.org)", "a & b", "a < b", "# a",
    "a\n- b", "a \nb", "a\n\n\nb", "a\n\n    b", "a\n===", "a ", "\na", "1. a", "- a", "a\\*", "a\u00a0b",
])
def test_text_with_markdown_meaning_takes_the_full_path(value):
    assert not is_plain_prose(value)


@pytest.mark.parametrize("value", ["Kyiv said 20 drones were shot down.", "Two lines\nof one paragraph\n\nand a second",
                                   "\"Spider Web\", per the report (about 18 months).", "Київ — 20%; ‘quoted’"])
def test_everyday_prose_takes_the_shortcut(value):
    assert is_plain_prose(value)
