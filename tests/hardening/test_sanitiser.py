"""The Markdown sanitiser is the last line of defence: whatever reaches it leaves no active content."""

from __future__ import annotations

import pytest

from chronicle.render import prose, text
from hardening.test_site_escaping import active_content


@pytest.mark.parametrize("markdown", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a](&#106;avascript:alert(1))",
    "[a](java&#x09;script:alert(1))",
    "[a]( javascript:alert(1))",
    "[a](data:text/html;base64,PHNjcmlwdD4=)",
    "[a](vbscript:msgbox(1))",
    "[a](//evil.example/)",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)" onclick="alert(2)">a</a>',
    "<svg onload=alert(1)>",
    "<iframe src=https://evil.example/></iframe>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<div markdown=1>[a](javascript:alert(1))</div>",
    "a\n\n</div><script>alert(1)</script>",
])
def test_prose_keeps_no_active_content(markdown):
    html = prose(markdown)
    assert active_content(html) == set()
    assert html.startswith('<div class="tl-prose">\n') and html.count("</div>") == 1 and "markdown=" not in html


def test_prose_keeps_http_links_with_safe_rel():
    assert '<a href="https://example.org/a" rel="noopener nofollow ugc">report</a>' in prose("[report](https://example.org/a)")


@pytest.mark.parametrize("value", [
    "<b>", "[x](y)", "{: onclick=x}", "{{ 1 }}", "--8<--", "*a*", "# h", "| t |", "&amp;",
])
def test_plain_text_escapes_every_markup_character(value):
    assert not set(text(value)) & set("<>[](){}*#|&-=\"'`") - {"&", "#", ";"}
    assert all(c.isalnum() or c in " &#;" for c in text(value))
