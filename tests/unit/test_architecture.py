"""The core stays independent of MkDocs, so it can feed another generator."""

import ast
import re

from conftest import ROOT


def test_core_does_not_import_mkdocs():
    for path in (ROOT / "hooks" / "chronicle").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "mkdocs" for n in names), f"{path} imports {names}"


def test_templates_read_only_their_context_the_registries_and_the_options():
    """A page is rendered again only when its context changed (chronicle.reuse): a template that read the index
    or the list of events directly would go stale in `make serve`."""
    forbidden = re.compile(r"(?<![\w.])index\.\w|(?<![\w.])timeline\.(events|event_paths|changed)\b")
    for path in (ROOT / "hooks" / "chronicle" / "templates").glob("*.jinja"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not forbidden.search(line), f"{path.name}:{number} reads the index or the events: {line.strip()}"
