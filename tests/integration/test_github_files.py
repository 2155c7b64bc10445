"""The contribution path on GitHub: workflows, templates, pre-commit hook and the Contribute page."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from conftest import ROOT
from integration.sitebuild import build_site, make_site
from integration.test_build import page

GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"


def load_workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def commands(job: dict) -> list[str]:
    return [step.get("run") or step.get("uses") for step in job["steps"]]


def test_no_workflow_gets_secrets_or_runs_on_pull_request_target():
    paths = sorted(WORKFLOWS.glob("*.y*ml"))
    assert [path.name for path in paths] == ["publish.yml", "pull-request.yml"]
    for path in paths:
        workflow = load_workflow(path.name)
        assert "pull_request_target" not in workflow["on"], path.name
        assert "secrets." not in path.read_text(encoding="utf-8"), path.name
        assert workflow["permissions"] == {"contents": "read"}, path.name


def test_pull_requests_are_checked_tested_and_built_read_only():
    workflow = load_workflow("pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    [job] = workflow["jobs"].values()
    assert "permissions" not in job  # the read-only default of the workflow applies
    steps = commands(job)
    checks = [steps.index("make check"), steps.index("bash .ci/run"), steps.index("make build")]
    assert checks == sorted(checks)
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_pushes_to_main_deploy_only_after_the_build_and_tests_pass():
    workflow = load_workflow("publish.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = commands(build)
    upload = next(i for i, s in enumerate(steps) if s.startswith("actions/upload-pages-artifact@"))
    assert steps.index("make check") < steps.index("bash .ci/run") < steps.index("make build") < upload
    assert build["steps"][upload]["with"]["path"] == "site"
    assert "permissions" not in build
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def test_the_issue_form_asks_for_what_an_entry_needs():
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "suggest-an-event.yml").read_text(encoding="utf-8"))
    assert form["name"] == "Suggest an event"
    fields = {item["id"]: item for item in form["body"] if item["type"] != "markdown"}
    assert len(fields) == len([item for item in form["body"] if item["type"] != "markdown"])  # ids unique
    required = {ident for ident, item in fields.items() if item.get("validations", {}).get("required")}
    assert {"what", "date", "sources"} <= required
    for item in fields.values():
        assert item["type"] in {"input", "textarea", "dropdown", "checkboxes"}
        assert item["attributes"]["label"]


def test_the_pull_request_template_asks_for_the_check_and_sources():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "`make check`" in text
    assert "## Sources" in text
    assert "archive_url" in text


def test_the_pre_commit_hook_runs_the_check_on_timeline_changes():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and hook["language"] == "system" and hook["pass_filenames"] is False
    matches = re.compile(hook["files"]).search
    assert matches("timeline/events/2025/2025-06-01-operation-spider-web.yaml")
    assert matches("timeline/actors.yaml")
    assert not matches("docs/about.md") and not matches("hooks/chronicle/models.py")
    result = subprocess.run(shlex.split(hook["entry"]), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "all valid" in result.stdout


def test_the_site_links_to_the_issue_form_and_the_contribute_page():
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert f'href="{config.repo_url}/issues/new?template=suggest-an-event.yml"' in config.copyright
    assert {"Contribute": "contributing.md"} in config.nav
    assert not (ROOT / "docs" / "contributing.md").exists()  # CONTRIBUTING.md is the one source


@pytest.fixture
def site_with_contributing(tmp_path, tiny_timeline) -> Path:
    config = make_site(tmp_path, tiny_timeline)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n"),
                      encoding="utf-8")
    shutil.copy(ROOT / "CONTRIBUTING.md", tmp_path / "CONTRIBUTING.md")
    return build_site(config)


def test_contributing_md_is_published_as_the_contribute_page(site_with_contributing):
    contribute = page(site_with_contributing, "contributing")
    assert "Add an event in five steps" in contribute.text
    assert "Reading an error from make check" in contribute.text
    assert "https://github.com/example/timeline/edit/main/CONTRIBUTING.md" in contribute.links


@pytest.mark.parametrize("uri, yaml_file", [
    ("events/2025-06-01-air-raid", "timeline/events/2025-06-01-air-raid.yaml"),
    ("regions/capital", "timeline/regions.yaml"),
    ("actors/beta", "timeline/actors.yaml"),
])
def test_edit_links_of_generated_pages_open_their_yaml_file(site_with_contributing, uri, yaml_file):
    assert f"https://github.com/example/timeline/edit/main/{yaml_file}" in page(site_with_contributing, uri).links
