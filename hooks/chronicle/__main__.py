"""Command line: ``python -m chronicle check|schema ...`` (run with ``hooks/`` on the path)."""

from .cli import main

if __name__ == "__main__":  # not when a worker process started by spawning imports this module again
    raise SystemExit(main())
