"""Incremental rebuilds for ``mkdocs serve --dirty`` (``make serve``): a save re-renders only what it changed.

MkDocs' dirty mode skips every page whose source is older than its built
HTML. Three things make that exact for this site rather than approximate:

* **Sources on disk.** Each generated file is written to a folder of its own
  and given to MkDocs by path (``File.generated(abs_src_path=...)``); a file
  is written again, and its built output removed, only when its content, edit
  link or navigation status changed. Unchanged pages keep their HTML. (A
  one-off build writes only its data files there; its pages stay in memory
  until MkDocs has read them.)
* **Deleted files.** The output of a file no longer generated is removed.
* **Search.** Material's search plugin only sees the pages rendered in a
  build. The entries of every page are kept from the build that rendered it,
  and before the plugin writes its index it is given all of them, in the order
  a clean build gives them.

Everything is rebuilt from scratch (the site folder cleaned, every page
rendered) on the first build, after a build that failed once files were
being written, and when anything but the timeline changed: ``mkdocs.yml``,
``docs/``, ``hooks/`` (templates included), ``overrides/`` or ``CONTRIBUTING.md``.
A build that fails while loading the timeline writes nothing, so the last
good site stays served and the next build after the fix is incremental again.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

from chronicle.site import GeneratedFile

log = logging.getLogger("mkdocs.plugins.timeline")

DIRTY_WARNING = "A 'dirty' build is being performed"
"""The start of MkDocs' warning on every dirty build, which this module makes exact (see above)."""
SEARCH_PLUGINS = ("material/search", "search")


class Preview:
    """The state kept from one build to the next within one MkDocs process."""

    def __init__(self) -> None:
        self.incremental = False
        """Set by ``on_startup`` for ``--dirty`` builds; a plain build writes everything and keeps nothing."""
        self._folder: Path | None = None
        self._written: dict[str, tuple[Any, str | None, InclusionLevel]] = {}
        """Source path -> content, edit link and inclusion of the file in the folder, in the order of the build."""
        self._before: dict[str, tuple[Any, str | None, InclusionLevel]] = {}
        """:attr:`_written` of the last build, while this one writes."""
        self._inputs: tuple | None = None
        """What :func:`_inputs` found when the last build started writing."""
        self._inputs_now: tuple | None = None
        self._search: dict[str, list[dict]] = {}
        """Source path -> the search entries of the page, from the build that last rendered it."""
        self._search_mark = 0
        self._titles: dict[str, str] = {}
        """Source path -> the title of the page, from the build that last rendered it."""
        self._files: Files | None = None
        self._in_memory: set[str] = set()
        """Source paths of the pages a one-off build gives MkDocs in memory, until MkDocs has read them."""
        self.writing = False
        """True from the moment this build started changing files until it ended."""
        self.failed = False
        self.rendered = 0
        self.changed = 0
        self.generating_s = 0.0
        self.kept_last = False
        """Whether this build kept the last good build's files, the timeline having problems."""

    # ---------------------------------------------------------------- files

    def is_fresh(self, watched: Iterable[Path]) -> bool:
        """Whether this build makes everything afresh: not incremental, the first, after a failure,
        or with a change in ``watched`` (anything but the timeline)."""
        last, self._inputs_now = self._inputs, _inputs(watched)
        return not self.incremental or last is None or self.failed or self._inputs_now != last

    def start(self, config: MkDocsConfig, fresh: bool) -> None:
        """Begin writing a build; with ``fresh``, from an empty site folder and an empty folder of sources."""
        self._inputs = self._inputs_now
        self.writing, self.failed = True, False
        if fresh and self.incremental:
            clean_directory(config.site_dir)
            self._search.clear()
            self._titles.clear()
        self._before, self._written = ({} if fresh else self._written), {}
        if fresh:
            if self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
                self._folder = None
        self._in_memory.clear()
        self._search_mark = 0
        self.rendered = self.changed = 0
        self.kept_last = False

    def keep_last(self, files: Files, config: MkDocsConfig, fresh: bool) -> bool:
        """Give MkDocs the last good build's generated files, unchanged, if there is one to keep; else False.

        For a save that leaves the timeline with problems: the build then renders nothing and
        succeeds, so that the live server goes on serving the last good site.
        """
        if not self.incremental or fresh or not self._written:
            return False
        for uri, (_, edit_uri, inclusion) in self._written.items():
            file = File.generated(config, uri, abs_src_path=str(self._source_folder() / uri))
            file.inclusion, file.edit_uri = inclusion, edit_uri
            files.append(file)
        self._files = files
        self._search_mark = 0
        self.rendered = self.changed = 0
        self.kept_last = True
        return True

    def add(self, config: MkDocsConfig, generated: GeneratedFile, edit_uri: str | None, listed: bool) -> File:
        """Write ``generated`` to the folder if it changed, and return MkDocs' file for it.

        A one-off build gives MkDocs its pages in memory instead, each released once MkDocs has read it
        (:meth:`page_read`): thousands of small files cost more to write than to render.
        """
        path = self._source_folder() / generated.path
        file = File.generated(config, generated.path, abs_src_path=str(path))
        if file.is_documentation_page() and not listed:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        file.edit_uri = edit_uri
        if not self.incremental and file.is_documentation_page():
            file.content_string = generated.content if isinstance(generated.content, str) \
                else generated.content.decode("utf-8")
            self._in_memory.add(generated.path)
            return file
        before = self._before.get(generated.path)
        now = (generated.content, edit_uri, file.inclusion)
        if before is None or not (before[0] is now[0] or before[0] == now[0]) or before[1:] != now[1:]:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = generated.content
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
            _remove(file.abs_dest_path)  # whatever its time stamp, MkDocs now sees the file as modified
            self.changed += 1
        if self.incremental:  # a one-off build has no next build to compare with
            self._written[generated.path] = now
        return file

    def page_read(self, page: Page) -> None:
        """Let go of a one-off build's page source once MkDocs has read it: the page keeps its Markdown."""
        if page.file.src_uri in self._in_memory:
            self._in_memory.discard(page.file.src_uri)
            page.file.content_string = ""

    def finish_files(self, files: Files, config: MkDocsConfig) -> None:
        """Remove what the previous build generated and this one did not, and remember the files."""
        for gone in [uri for uri in self._before if uri not in self._written]:
            self._search.pop(gone, None)
            self._titles.pop(gone, None)
            _remove(str(self._source_folder() / gone))
            dest = File.generated(config, gone, content="")
            _remove(dest.abs_dest_path, up_to=config.site_dir)
        self._before = {}
        self._files = files

    def _source_folder(self) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="timeline-pages-"))
            atexit.register(shutil.rmtree, self._folder, True)
        return self._folder

    # ---------------------------------------------------------------- search

    def fill_titles(self, nav: Navigation) -> None:
        """Give the navigation the titles of the pages that will not be rendered again.

        MkDocs learns a page's title by rendering it, and every page shows the
        titles of the pages in the navigation; those that are not rendered keep
        the title they had when they last were (their source has not changed).
        """
        if not self.incremental:
            return
        for page in nav.pages:
            if page.title is None and not page.file.is_modified() and page.file.src_uri in self._titles:
                page.title = self._titles[page.file.src_uri]

    def page_rendered(self, page: Page, config: MkDocsConfig) -> None:
        """After the search plugin indexed ``page``: keep its title and the entries the plugin added."""
        self.rendered += 1
        if not self.incremental:
            return
        if page.title is not None:
            self._titles[page.file.src_uri] = page.title
        index = _search_index(config)
        if index is None:
            return
        self._search[page.file.src_uri] = index.entries[self._search_mark:]
        self._search_mark = len(index.entries)

    def complete_search(self, config: MkDocsConfig) -> None:
        """Before the search plugin writes its index: give it every page's entries, in the files' order."""
        plugin = _search_plugin(config)
        if plugin is None:
            return
        plugin.search_index_prev = None  # the plugin's own merge assumes one page per rebuild, and never a deletion
        if self.incremental and self._files is not None:
            pages = self._files.documentation_pages(inclusion=lambda _: True)
            plugin.search_index.entries = [entry for file in pages for entry in self._search.get(file.src_uri, ())]

    def end(self, *, ok: bool) -> None:
        if self.writing and not ok:
            self.failed = True  # some files may be new and others old: start afresh next time
        self.writing = False


class DirtyWarning(logging.Filter):
    """Leave out MkDocs' warning that a dirty build is inaccurate: :class:`Preview` makes it exact."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def _search_plugin(config: MkDocsConfig) -> Any:
    for name in SEARCH_PLUGINS:
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin
    return None


def _search_index(config: MkDocsConfig) -> Any:
    plugin = _search_plugin(config)
    return getattr(plugin, "search_index", None)


def _inputs(watched: Iterable[Path]) -> tuple:
    """Path, size and modification time of every file under ``watched``: what rebuilds everything."""
    found = []
    for root in watched:
        if not root.exists():
            continue
        if root.is_file():
            stat = root.stat()
            found.append((str(root), stat.st_size, stat.st_mtime_ns))
            continue
        for directory, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                path = os.path.join(directory, name)
                stat = os.stat(path)
                found.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def _remove(path: str, up_to: str | None = None) -> None:
    """Remove the file at ``path`` if there is one, and then its folders up to ``up_to`` as they become empty."""
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    if up_to is None:
        return
    folder, top = os.path.dirname(path), os.path.abspath(up_to)
    while os.path.abspath(folder).startswith(top + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)
