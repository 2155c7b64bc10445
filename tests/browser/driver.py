"""Serve a built site on 127.0.0.1 and drive it in Chromium: what the browser tests and the benchmark share.

Free of pytest, so that ``bench/explore.py`` can use it as the tests do.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these Chromium calls home to Google at start-up, which fails offline.
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output free of one line per request."""


def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 from a background thread; yield its root URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageLog:
    """What a page did while a test drove it."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to any host but the local test server."""
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob", "about")
                and urlsplit(url).hostname != "127.0.0.1"]


def open_page(browser, *, viewport=DESKTOP, color_scheme="light", media=None):
    """A fresh browser tab with its console errors and requests recorded in ``page.log``."""
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme,
                                  reduced_motion="reduce")
    context.set_default_timeout(10_000)
    page = context.new_page()
    if media:
        page.emulate_media(media=media)
    log = PageLog()
    page.on("console", lambda message: message.type == "error" and log.console_errors.append(
        f"{page.url}: {message.text} ({message.location.get('url') or 'inline'})"))
    page.on("response", lambda response: response.status >= 400 and log.console_errors.append(
        f"{page.url}: HTTP {response.status} for {response.url}"))
    page.on("pageerror", lambda error: log.console_errors.append(f"{page.url}: {error}"))
    page.on("request", lambda request: log.requests.append(request.url))
    page.on("framenavigated", lambda frame: frame == page.main_frame
            and log.visited.append(frame.url))
    page.log = log
    return page
