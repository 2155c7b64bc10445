"""Standard validators over the built site: the Nu Html Checker finds nothing in our own markup.

vnu.jar (pinned in tests/provision.py, which ``make test`` runs first) checks every HTML page
of the real site, and the maps' shared SVG files, in one Java process. Every error fails the
test unless it is one of the few that Material for MkDocs' own templates cause, listed below
with the reason for each. An error counts as ours when its markup comes from the generated
Markdown (hooks/chronicle/templates/*.md.jinja), the hand-written pages in docs/ or overrides/.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from provision import SKIP_HINT, SKIP_VARIABLE, VNU_JAR, VNU_VERSION, find_java, skipping

pytestmark = pytest.mark.browser

VNU_OPTIONS = ["--format", "json", "--skip-non-html", "--also-check-svg", "--errors-only", "--stdout",
               "--exit-zero-always"]


@dataclass(frozen=True)
class Known:
    """An error caused by Material's templates: its message and the markup vnu points at."""

    name: str
    message: str  # regular expression, matched in full against vnu's message
    markup: str  # regular expression, matched in full against the highlighted part of the extract
    reason: str


MATERIAL_ERRORS = (
    Known("toggle-autocomplete",
          r"Attribute “autocomplete” is only allowed when the input type is .*",
          r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'
          r' id="__(drawer|search)" autocomplete="off">',
          "Material's base.html puts autocomplete=off on its drawer and search toggle checkboxes."),
    Known("toc-label-without-toggle",
          re.escape("The value of the “for” attribute of the “label” element must be the ID "
                    "of a non-hidden form control."),
          re.escape('<label class="md-nav__title" for="__toc">'),
          "Material's partials/toc.html labels the __toc toggle that partials/nav-item.html only "
          "draws for a page in the nav; pages kept out of it (events, actors, ...) get the label alone."),
)


@dataclass(frozen=True)
class Finding:
    page: str
    line: int
    message: str
    markup: str

    def __str__(self) -> str:
        return f"{self.page}: {self.line}: {self.message} ({self.markup})"


def highlighted(message: dict) -> str:
    """The markup vnu points at (its whole extract when it points at nothing in particular)."""
    extract = message.get("extract", "")
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    if start is not None and length:
        extract = extract[start:start + length]
    return " ".join(extract.split())


def known_error(finding: Finding) -> Known | None:
    for known in MATERIAL_ERRORS:
        if re.fullmatch(known.message, finding.message) and re.fullmatch(known.markup, finding.markup):
            return known
    return None


@pytest.fixture(scope="module", params=["real", "tallies"])
def checked_site(request, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, and a site of tallies shaped like real data (charts, tables by region, series)."""
    return request.getfixturevalue("built_site" if request.param == "real" else "tallies_site")


@pytest.fixture(scope="module")
def vnu_findings(checked_site: Path) -> list[Finding]:
    """Every error vnu reports over all HTML pages of the built site, from one Java process."""
    built_site = checked_site
    if skipping():
        pytest.skip(f"browser tests left out because {SKIP_VARIABLE} is set")
    java = find_java()
    if java is None or not VNU_JAR.is_file():
        missing = "Java 17 or newer" if java is None else f"The Nu Html Checker ({VNU_JAR})"
        pytest.fail(f"{missing} is missing for the validator test: run "
                    f"`make provision` (`make test` runs it), {SKIP_HINT}.",
                    pytrace=False)
    pages = sorted(built_site.rglob("*.html"))
    assert pages, f"no HTML pages in {built_site}"
    pages += sorted((built_site / "assets" / "maps").glob("*.svg"))  # the maps' shared shapes
    done = subprocess.run([java, "-jar", str(VNU_JAR), *VNU_OPTIONS, *map(str, pages)],
                          capture_output=True, timeout=600)
    try:
        report = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        pytest.fail(f"vnu {VNU_VERSION} gave no JSON report (exit code {done.returncode}): "
                    f"{done.stderr.decode('utf-8', 'replace')[-2000:]}", pytrace=False)
    findings = []
    for message in report["messages"]:
        if message.get("type") == "info":
            continue  # warnings and notes; --errors-only leaves them out already
        # what is left: "error", and "non-document-error" when vnu could not read a page
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        findings.append(Finding(
            page=path.relative_to(built_site).as_posix() if path.is_relative_to(built_site) else str(path),
            line=message.get("firstLine", message.get("lastLine", 0)),
            message=message.get("message", ""),
            markup=highlighted(message)))
    return findings


def test_the_nu_html_checker_finds_no_error_in_our_markup(vnu_findings):
    ours = [finding for finding in vnu_findings if known_error(finding) is None]
    if ours:
        pytest.fail(f"{len(ours)} errors from the Nu Html Checker {VNU_VERSION} in our markup:\n"
                    + "\n".join(map(str, ours)), pytrace=False)


def test_every_allowed_material_error_still_occurs(vnu_findings):
    """An entry that no longer matches anything (Material fixed it, or an override did) goes."""
    seen = {known.name for finding in vnu_findings if (known := known_error(finding))}
    assert [known.name for known in MATERIAL_ERRORS if known.name not in seen] == []
