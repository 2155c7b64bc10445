"""`make serve` as a contributor sees it: after a save, the reloaded page shows the edit and search finds it.

A serve session (``mkdocs serve --dirty``, in-process) of the repository's configuration over the
realistic fixture is built, one entry's title is changed, and the site is rebuilt; the rebuilt site
is read in Chromium. Screenshots of the edited entry's page after the rebuild, at 1280 and 375 px,
light and dark, go to tests/browser/screenshots/preview/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from integration.serving import ServeSession, repository_site

from conftest import FIXTURES

from .conftest import screenshots, search
from .driver import DESKTOP, PHONE, open_page, serve

pytestmark = pytest.mark.browser

ENTRY = "2024-05-10-russian-offensive-in-kharkiv-oblast"
OLD_TITLE = "Russian cross-border offensive in northern Kharkiv Oblast"
NEW_TITLE = "Russian cross-border push into northern Kharkiv Oblast, officials say"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The served URL of the site after the first build, an edit of one title and the rebuild."""
    folder = tmp_path_factory.mktemp("preview")
    config = repository_site(folder / "src", FIXTURES / "realistic")
    session = ServeSession(config, folder / "served")
    session.build()
    entry = next((folder / "src" / "timeline").glob(f"events/*/{ENTRY}.yaml"))
    entry.write_text(entry.read_text(encoding="utf-8").replace(f"title: {OLD_TITLE}", f"title: {NEW_TITLE}"),
                     encoding="utf-8")
    session.build()
    try:
        for url in serve(session.site_dir):
            yield url, session.site_dir
    finally:
        session.close()


def _heading(page) -> str:
    """The page's title as shown, without the permalink sign after it."""
    return page.locator("article h1").inner_text().strip().removesuffix("¶").strip()


def test_the_rebuilt_page_shows_the_edit(browser, rebuilt):
    url, _ = rebuilt
    page = open_page(browser)
    try:
        page.goto(f"{url}events/{ENTRY}/")
        assert _heading(page) == NEW_TITLE
        assert NEW_TITLE in page.title()
        page.goto(f"{url}chronology/2024/")
        links = page.locator("article a", has_text=NEW_TITLE)
        assert links.count() >= 1
        assert page.locator("article", has_text=OLD_TITLE).count() == 0
        assert page.log.console_errors == []
    finally:
        page.context.close()


def test_search_finds_the_new_title_and_not_the_old(browser, rebuilt):
    url, _ = rebuilt
    page = open_page(browser)
    try:
        results = search(page, url, "cross-border push")
        assert any(f"events/{ENTRY}/" in (link.get_attribute("href") or "") for link in results.all())
        assert not any(OLD_TITLE in text for text in search(page, url, "cross-border offensive").all_inner_texts())
    finally:
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_screenshot_of_the_edited_page_after_the_rebuild(browser, rebuilt, viewport, scheme):
    url, _ = rebuilt
    page = open_page(browser, viewport=viewport, color_scheme=scheme)
    try:
        page.goto(f"{url}events/{ENTRY}/")
        assert _heading(page) == NEW_TITLE
        page.screenshot(path=str(screenshots("preview") / f"event-after-rebuild-{viewport['width']}-{scheme}.png"),
                        full_page=True)
    finally:
        page.context.close()
