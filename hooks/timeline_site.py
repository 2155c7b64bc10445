"""MkDocs adapter: load ``timeline/`` and add the generated pages to the build.

The only modules that import MkDocs are this one and :mod:`timeline_preview`,
which makes ``mkdocs serve --dirty`` rebuilds exact. All decisions about
content live in the ``chronicle`` core package; this file hands its files to MkDocs.
"""

from __future__ import annotations

import gc
import logging
import time
from pathlib import Path
from typing import Literal

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from timeline_preview import DirtyWarning, Preview

from chronicle.catalog import Timeline, TimelineLoader
from chronicle.errors import TimelineError
from chronicle.pages import SiteMaker, build_site
from chronicle.render import CompiledTemplates
from chronicle.site import GeneratedFile, SiteOptions

log = get_plugin_logger("timeline")

# Kept across `mkdocs serve` rebuilds on purpose (MkDocs loads a hook module once per process):
# the loader re-parses only changed files, the maker renders again only the pages they change.
_loader = TimelineLoader()
_maker = SiteMaker()
_preview = Preview()
_dirty_warning = DirtyWarning()
_theme_templates = CompiledTemplates()


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    _preview.incremental = dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_dirty_warning)


def on_shutdown() -> None:
    _preview.incremental = False  # a later build in this process (a test's) is a one-off unless it says otherwise
    logging.getLogger("mkdocs.commands.build").removeFilter(_dirty_warning)


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
    # Nearly everything made here lives until the pages are made, so collecting garbage meanwhile
    # would only walk live objects. Afterwards what is kept is frozen: the collector skips
    # it while MkDocs renders thousands of pages (see on_post_build).
    gc.disable()
    try:
        _add_generated_files(files, config)
    finally:
        if not _preview.incremental:
            # The timeline is garbage now (its files are MkDocs' or on disk), some of it in reference
            # cycles: collected here, their memory serves MkDocs' pages instead of adding to them.
            gc.collect()
        gc.freeze()
        gc.enable()
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if _preview.incremental:  # each rebuild makes a new theme environment: compile its templates once
        env.bytecode_cache = _theme_templates
    return env


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _preview.fill_titles(nav)
    return nav


@event_priority(-100)  # after the search plugin indexed the page
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    _preview.page_rendered(page, config)
    return context


@event_priority(100)  # before the search plugin writes its index
def on_post_build(config: MkDocsConfig) -> None:
    gc.unfreeze()  # under `mkdocs serve` the next rebuild makes this timeline garbage
    _preview.complete_search(config)
    _preview.end(ok=True)
    if _preview.incremental and not _preview.kept_last:
        log.info(f"{_preview.changed} generated file(s) changed; {_preview.rendered} page(s) rendered "
                 f"(timeline loaded and files generated in {_preview.generating_s:.2f} s)")


def on_build_error(error: Exception) -> None:
    gc.unfreeze()
    _preview.end(ok=False)


def _load(config: MkDocsConfig) -> Timeline:
    folder = _timeline_folder(config)
    # A one-off build keeps nothing: its loader's cache would only hold memory while MkDocs renders.
    loader = _loader if _preview.incremental else TimelineLoader()
    return loader.load(folder, folder.name)


def _generate(config: MkDocsConfig, fresh: bool) -> list[GeneratedFile]:
    global _maker
    options = SiteOptions(repo_url=config.repo_url or "", site_name=config.site_name,
                          site_url=config.site_url or "")
    timeline = _load(config)
    if not _preview.incremental:
        return build_site(timeline, options)
    if fresh:
        _maker = SiteMaker()  # templates or code may have changed: nothing made before is reused
        log.info("Rendering every page: first build, or a change outside timeline/")
    return _maker.build(timeline, options)


def _add_generated_files(files: Files, config: MkDocsConfig) -> None:
    watched = [Path(config.config_file_path), Path(config.docs_dir), Path(__file__).parent,
               *([Path(config.theme.custom_dir)] if config.theme.custom_dir else []), _contributing_source(config)]
    fresh = _preview.is_fresh(watched)
    started = time.perf_counter()
    try:
        generated = _generate(config, fresh)
    except TimelineError as exc:  # nothing has been written
        for problem in exc.problems:
            log.error(str(problem))
        folder = _timeline_folder(config).name
        if _preview.keep_last(files, config, fresh):
            # Failing the build would leave MkDocs' live server holding every request until a good save.
            log.error(f"{len(exc.problems)} problem(s) in {folder}/; the preview still shows the last good build. "
                      "Fix them and save again.")
            return
        raise PluginError(f"{len(exc.problems)} problem(s) in {folder}/; nothing was built. "
                          "Run `make check` for the same list.") from None
    _preview.generating_s = time.perf_counter() - started
    _preview.start(config, fresh)
    contributing = _contributing_source(config)
    if contributing.is_file():  # one text for GitHub and the site: CONTRIBUTING.md is the Contribute page
        generated.append(GeneratedFile("contributing.md", contributing.read_text(encoding="utf-8"),
                                       "CONTRIBUTING.md", in_nav=True))
    nav_pages = _nav_paths(config.nav)
    docs_dir = Path(config.docs_dir)
    taken = {file.dest_uri: file.src_uri for file in files}
    for item in generated:
        listed = item.path in nav_pages if config.nav is not None else item.in_nav
        # edit_uri is relative to docs/; the YAML lives beside it in the repository.
        edit_uri = f"../{item.edit_path}" if item.edit_path and docs_dir.name == "docs" else None
        file = _preview.add(config, item, edit_uri, listed)
        if file.dest_uri in taken:
            raise PluginError(f"{item.path} would replace the page built from {taken[file.dest_uri]}; "
                              "rename that page, or remove the alias that needs its address")
        files.append(file)
        taken[file.dest_uri] = file.src_uri
    _preview.finish_files(files, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    _preview.page_read(page)
    return markdown


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
