"""Jinja environment for generated Markdown, and the filters that make data safe in it.

Text from YAML is untrusted. It reaches a page in one of two ways only:

* ``|text`` for plain fields (titles, names, places, labels): HTML special
  characters and all ASCII punctuation become numeric character references,
  so neither HTML nor Markdown syntax (links, ``{: attr}`` lists, emphasis,
  table pipes) can take effect, while readers and search see the same text;
* ``|prose`` for Markdown fields (summary, body): rendered with the
  ``markdown`` library, then sanitised by nh3 to a small allowlist of tags,
  attributes and URL schemes, and placed as a raw HTML block that MkDocs
  passes through untouched. Only absolute http(s) links survive: relative
  and protocol-relative (``//host``) links are removed as well.

The models validate prose with the same :func:`render_markdown`, so a
contributor is told about HTML or a bad link instead of seeing it vanish.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import jinja2
import jinja2.bccache
import markdown
import nh3

from .site import published_path

TEMPLATES = Path(__file__).parent / "templates"

_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
ALLOWED_TAGS = {"p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "br", "q"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https"}


_ESCAPES = {chr(code): f"&#{code};" for code in range(128) if _PUNCTUATION.fullmatch(chr(code))}


def _reference(match: re.Match) -> str:
    return _ESCAPES[match.group()]


@lru_cache(maxsize=65536)
def _escaped(value: str) -> str:
    return _PUNCTUATION.sub(_reference, value)  # faster than str.translate: most characters need nothing


def text(value: object) -> str:
    """Escape plain text so that Markdown and HTML read it literally."""
    return _escaped(str(value))


_CONVERTER = markdown.Markdown(output_format="html")
"""One converter, reset before each use: building a new one costs more than converting a summary."""


@lru_cache(maxsize=65536)
def render_markdown(value: str) -> tuple[str, tuple[str, ...]]:
    """Markdown to unsanitised HTML, plus the raw HTML tags and comments the text contained.

    Cached: validation and page rendering convert the same text.
    """
    converter = _CONVERTER.reset()
    html = converter.convert(value)
    raw_html = tuple(block for block in converter.htmlStash.rawHtmlBlocks
                     if isinstance(block, str) and block.lstrip().startswith("<"))
    return html, raw_html


class _LinkTargets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.targets.extend(value or "" for name, value in attrs if name in ("href", "src"))


def link_targets(html: str) -> list[str]:
    """Every ``href`` and ``src`` in ``html``, with character references decoded as a browser would."""
    if "href=" not in html and "src=" not in html:
        return []
    parser = _LinkTargets()
    parser.feed(html)
    parser.close()
    return parser.targets


def _absolute_links_only(tag: str, attribute: str, value: str) -> str | None:
    if attribute in ("href", "src") and not value.lower().startswith(("https://", "http://")):
        return None
    return value


_NOT_PLAIN = re.compile(r"""
      [^\w\n ,.;:'"()?%/’‘“”–—-]    # a character with a meaning in Markdown or HTML
    | _                             # (\w includes the underscore, which marks emphasis)
    | [ ]\n                         # a space before a line break: two of them make a <br>
    | \n\n\n                        # more than one blank line between paragraphs
    | \A(?![^\W\d_]|["'(‘“])        # a first line that starts with neither a letter nor an opening quote
    | \n(?!\n|[^\W\d_]|["'(‘“])     # a later line that does not either (a list item, a heading, code)
""", re.VERBOSE)


def is_plain_prose(value: str) -> bool:
    """Whether Markdown would render ``value`` as paragraphs of the very same text.

    True for lines that start with a letter or an opening quote or bracket, end
    without a space and hold only letters, digits, spaces and punctuation
    without meaning in Markdown or HTML (no ``* _ ` [ ] ! # < > & \\``), with
    single blank lines between paragraphs: most summaries and bodies. Such
    text skips the Markdown converter and the sanitiser; a test checks the
    shortcut against both.
    """
    return value[-1:] not in ("", " ", "\n") and _NOT_PLAIN.search(value) is None


@lru_cache(maxsize=65536)
def sanitised_html(value: str) -> str:
    """Markdown prose as HTML that keeps only :data:`ALLOWED_TAGS` and absolute http(s) links."""
    if is_plain_prose(value):
        return "<p>" + value.replace("\n\n", "</p>\n<p>") + "</p>"
    return sanitise(render_markdown(value)[0])


def sanitise(html: str) -> str:
    """Keep only :data:`ALLOWED_TAGS` and absolute http(s) links of ``html``."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, attribute_filter=_absolute_links_only,
                     url_schemes=ALLOWED_SCHEMES, url_relative="deny", link_rel="noopener nofollow ugc")


def prose(value: str) -> str:
    """Render Markdown prose to sanitised HTML wrapped in one raw block."""
    clean = sanitised_html(value).replace("\n\n", "\n")  # keep the raw HTML block in one piece
    return f'<div class="tl-prose">\n{clean}\n</div>'


def plain_text(value: str) -> str:
    """Markdown prose as plain text, for formats that show no markup."""
    if is_plain_prose(value):
        return value.replace("\n\n", "\n")
    return html.unescape(nh3.clean(sanitised_html(value), tags=set())).strip()


@lru_cache(maxsize=65536)
def href(url: str) -> str:
    """Percent-encode characters that could end a Markdown link early."""
    return quote(url, safe=":/?#@!$&+,;=%~*")


def published_href(from_uri: str, to_uri: str) -> str:
    """Relative link from a generated page to a page or file as published, for raw HTML (which MkDocs does not
    rewrite): ``events/x.md`` to ``regions/y.md`` is ``../../regions/y/``."""
    return relative(published_path(from_uri) + "index.html", published_path(to_uri))


def relative(from_uri: str, to_uri: str) -> str:
    """Relative link between two generated source files, as MkDocs validates them."""
    target, _, anchor = to_uri.partition("#")
    link = _relative_path(target, from_uri.rpartition("/")[0]) if target else ""
    return f"{link}#{anchor}" if anchor else link


@lru_cache(maxsize=65536)
def _relative_path(target: str, folder: str) -> str:
    """``posixpath.relpath`` for the clean relative paths the pages use (no ``.`` or ``..`` parts)."""
    target_parts, folder_parts = target.split("/"), folder.split("/") if folder else []
    common = 0
    while (common < len(folder_parts) and common < len(target_parts) - 1
           and folder_parts[common] == target_parts[common]):
        common += 1
    return "/".join([".."] * (len(folder_parts) - common) + target_parts[common:])


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process, by name and source checksum.

    Each build makes an environment of its own; without this, each would compile every
    template again (about a second per rebuild under ``mkdocs serve``, with the theme's).
    An edited template has another checksum, so it is compiled afresh.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = CompiledTemplates()


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=_COMPILED,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # templates do not change during a build; skip the per-render file check
        autoescape=False,  # Markdown output: escaping is explicit through |text and |prose
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(text=text, prose=prose, href=href)
    return env
