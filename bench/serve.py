"""Time ``make serve``'s rebuild after a save of one entry, as the preview server runs it.

Run by :mod:`bench.run` as ``python -m bench.serve SITE EVENT [EVENT ...]`` in a
fresh interpreter; prints one JSON object on its last line. The site is built
as ``mkdocs serve --dirty`` builds it, in one process and one site folder
(``tests/integration/serving.py``, the same session the correctness test
uses): the first build, then for each EVENT file a change of its title and the
rebuild after it. Each rebuild is timed from the start of MkDocs' build to its
end, wall-clock, as the preview waits for it (the file watcher's own delay of
a fraction of a second is not included); the pages MkDocs rendered and the
generated files that changed are read from the hooks' log line.
"""

from __future__ import annotations

import json
import logging
import re
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]

from integration.serving import ServeSession  # noqa: E402 - found through the paths above

REPORT = re.compile(r"(\d+) generated file\(s\) changed; (\d+) page\(s\) rendered")


class _Report(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.last: tuple[int, int] = (0, 0)

    def emit(self, record: logging.LogRecord) -> None:
        if found := REPORT.search(record.getMessage()):
            self.last = (int(found.group(1)), int(found.group(2)))


def main() -> None:
    site, events = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    report = _Report()
    logging.getLogger("mkdocs").addHandler(report)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    result: dict = {"rebuilds": []}
    with tempfile.TemporaryDirectory(prefix="timeline-serve-") as served:
        session = ServeSession(site / "mkdocs.yml", Path(served))
        result["first_s"] = session.build()
        result["first_rendered"] = report.last[1]
        originals = {event: event.read_text(encoding="utf-8") for event in events}
        try:
            for event, text in originals.items():  # one save each, the earlier edits left in place
                event.write_text(text.replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")
                seconds = session.build()
                changed, rendered = report.last
                result["rebuilds"].append({"event": event.name, "s": seconds, "changed": changed,
                                           "rendered": rendered})
        finally:
            for event, text in originals.items():
                event.write_text(text, encoding="utf-8")
            session.close()
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
