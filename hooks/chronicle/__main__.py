"""Command line: ``python -m chronicle check|schema ...`` (run with ``hooks/`` on the path)."""

from .cli import main

raise SystemExit(main())
