"""Jinja environment for generated Markdown, and the filters that make data safe in it.

Text from YAML is untrusted. It reaches a page in one of two ways only:

* ``|text`` for plain fields (titles, names, places, labels): HTML special
  characters and all ASCII punctuation become numeric character references,
  so neither HTML nor Markdown syntax (links, ``{: attr}`` lists, emphasis,
  table pipes) can take effect, while readers and search see the same text;
* ``|prose`` for Markdown fields (summary, body): rendered with the
  ``markdown`` library, then sanitised by nh3 to a small allowlist of tags,
  attributes and URL schemes, and placed as a raw HTML block that MkDocs
  passes through untouched.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2
import markdown
import nh3

TEMPLATES = Path(__file__).parent / "templates"

_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "br", "q"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https"}


def text(value: object) -> str:
    """Escape plain text so that Markdown and HTML read it literally."""
    return _PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", str(value))


@lru_cache(maxsize=4096)
def prose(value: str) -> str:
    """Render Markdown prose to sanitised HTML wrapped in one raw block."""
    html = markdown.markdown(value, output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=ALLOWED_SCHEMES, link_rel="noopener nofollow ugc")
    clean = clean.replace("\n\n", "\n")  # keep the raw HTML block in one piece
    return f'<div class="tl-prose" markdown="0">\n{clean}\n</div>'


def href(url: str) -> str:
    """Percent-encode characters that could end a Markdown link early."""
    return quote(url, safe=":/?#@!$&+,;=%~*")


def relative(from_uri: str, to_uri: str) -> str:
    """Relative link between two generated source files, as MkDocs validates them."""
    target, _, anchor = to_uri.partition("#")
    link = posixpath.relpath(target, posixpath.dirname(from_uri) or ".") if target else ""
    return f"{link}#{anchor}" if anchor else link


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # Markdown output: escaping is explicit through |text and |prose
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(text=text, prose=prose, href=href)
    return env
