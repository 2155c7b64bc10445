"""The core stays independent of MkDocs, so it can feed another generator."""

import ast

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
