"""MkDocs adapter: load ``timeline/`` and add the generated pages to the build.

The only module that imports MkDocs. All decisions live in the ``chronicle``
core package; this file hands its pages to MkDocs as in-memory files.
"""

from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from chronicle.catalog import TimelineLoader
from chronicle.errors import TimelineError
from chronicle.pages import build_site
from chronicle.site import SiteOptions

log = get_plugin_logger("timeline")

# Kept across `mkdocs serve` rebuilds on purpose: it re-parses only changed files.
_loader = TimelineLoader()


def _timeline_folder(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / config.extra.get("timeline_folder", "timeline")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    folder = str(_timeline_folder(config))
    if folder not in config.watch:
        config.watch.append(folder)
    contributing = _contributing_source(config)
    if contributing.is_file() and str(contributing) not in config.watch:
        config.watch.append(str(contributing))
    return config


@event_priority(100)  # before search, tags and other plugins read the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Nearly everything made here lives for the whole build, so collecting garbage meanwhile
    # would only walk live objects. Afterwards the timeline and its pages are frozen: the
    # collector skips them while MkDocs renders thousands of pages (see on_post_build).
    gc.disable()
    try:
        _add_generated_files(files, config)
    finally:
        gc.freeze()
        gc.enable()
    return files


def on_post_build(config: MkDocsConfig) -> None:
    gc.unfreeze()  # under `mkdocs serve` the next rebuild makes this timeline garbage


def on_build_error(error: Exception) -> None:
    gc.unfreeze()


def _add_generated_files(files: Files, config: MkDocsConfig) -> None:
    folder = _timeline_folder(config)
    try:
        timeline = _loader.load(folder, folder.name)
    except TimelineError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise PluginError(f"{len(exc.problems)} problem(s) in {folder.name}/; nothing was built. "
                          "Run `make check` for the same list.") from None
    nav_pages = _nav_paths(config.nav)
    options = SiteOptions(repo_url=config.repo_url or "", site_name=config.site_name,
                          site_url=config.site_url or "")
    docs_dir = Path(config.docs_dir)
    taken = {file.dest_uri: file.src_uri for file in files}
    for generated in build_site(timeline, options):
        file = File.generated(config, generated.path, content=generated.content)
        if file.dest_uri in taken:
            raise PluginError(f"{generated.path} would replace the page built from {taken[file.dest_uri]}; "
                              "rename that page, or remove the alias that needs its address")
        listed = generated.path in nav_pages if config.nav is not None else generated.in_nav
        if file.is_documentation_page() and not listed:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        if generated.edit_path:
            # edit_uri is relative to docs/; the YAML lives beside it in the repository.
            file.edit_uri = f"../{generated.edit_path}" if docs_dir.name == "docs" else None
        files.append(file)
        taken[file.dest_uri] = file.src_uri
    contributing = _contributing_source(config)
    if contributing.is_file():  # one text for GitHub and the site: CONTRIBUTING.md is the Contribute page
        file = File.generated(config, "contributing.md", content=contributing.read_text(encoding="utf-8"))
        file.edit_uri = "../CONTRIBUTING.md" if docs_dir.name == "docs" else None
        files.append(file)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give every page an explicit title, keeping escaped text escaped in the HTML <title>.

    Material writes ``page.title | striptags`` into <title>, and striptags decodes character
    references: a heading that shows `</title><script>` as text would become markup there.
    ``page.meta.title`` is written as it is, so the still-escaped heading text is safe.
    """
    if page.title and not (page.meta or {}).get("title"):
        page.meta["title"] = page.title
    return html


def _contributing_source(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "CONTRIBUTING.md"


def _nav_paths(nav: object) -> set[str]:
    """Source paths named in the configured nav."""
    found: set[str] = set()
    if isinstance(nav, str):
        found.add(nav)
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= _nav_paths(value)
    elif isinstance(nav, list):
        for value in nav:
            found |= _nav_paths(value)
    return found
