"""CI files: the workflows parse, follow least privilege, pin actions, and run the README's commands."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
TEST_COMMAND = re.search(r"^(bash scripts/dev\.sh test)\b", README, re.MULTILINE).group(1)


def _load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data, data.get("on", data.get(True))  # YAML 1.1 reads the key `on` as True


def test_ci_runs_the_readme_test_command():
    assert TEST_COMMAND in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_least_privilege_and_pinned(path):
    data, triggers = _load(path)
    assert "pull_request_target" not in triggers
    assert data["permissions"] == {"contents": "read"}
    steps = [step for job in data["jobs"].values() for step in job.get("steps", [])]
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_pull_request_workflow_checks_catalogs_builds_tests_and_uploads_the_site():
    data, triggers = _load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert "pull_request" in triggers
    script = "\n".join(step.get("run", "") for job in data["jobs"].values() for step in job["steps"])
    for command in ("dev.sh lint", "scripts/l10n.py check --format github", "scripts/l10n.py update --check",
                    "scripts/build.py", TEST_COMMAND):
        assert command in script, command
    steps = [s for job in data["jobs"].values() for s in job["steps"]]
    preview = next(s for s in steps if "--site-dir preview/site" in s.get("run", ""))
    uploads = [s for s in steps if "upload-artifact" in s.get("uses", "")]
    # The preview is built for the root of a local server and uploaded even when a test failed.
    assert urlsplit(preview["env"]["SITE_URL"]).path == "/" and preview["if"] == "${{ !cancelled() }}"
    assert uploads and uploads[0]["with"]["path"] == "preview/" and uploads[0]["if"] == "${{ !cancelled() }}"


def test_deploy_workflow_publishes_main_to_pages():
    data, triggers = _load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert triggers["push"]["branches"] == ["main"]
    deploy = data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


def test_dependabot_updates_every_ecosystem_weekly():
    """Python (the pip-compile lock), npm (axe-core) and the workflows' actions, each as pull requests."""
    data = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert data["version"] == 2
    updates = {u["package-ecosystem"]: u for u in data["updates"]}
    assert set(updates) == {"pip", "npm", "github-actions"}
    for update in updates.values():
        assert update["directory"] == "/" and update["schedule"]["interval"] == "weekly"
        assert set(update) <= {"package-ecosystem", "directory", "schedule", "groups", "labels", "open-pull-requests-limit"}


def test_the_lock_is_pip_compiled_with_hashes_from_pyproject():
    """Dependabot regenerates the lock with the command in its header; every pin has hashes."""
    lock = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    header = re.search(r"^#    (pip-compile .*)$", lock, re.MULTILINE).group(1)
    assert "--generate-hashes" in header and header.endswith(" pyproject.toml")
    pins = re.findall(r"^([A-Za-z0-9_.\-]+)==\S+ \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", lock, re.MULTILINE)
    names = re.findall(r"^([A-Za-z0-9_.\-]+)==", lock, re.MULTILINE)
    assert len(pins) == len(names) > 20
    for dependency in ("babel", "mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pagefind", "pytest", "playwright"):
        assert dependency in names, dependency


@pytest.mark.parametrize("name", ["translation-error.yml", "new-language.yml"])
def test_issue_forms_parse_and_have_unique_field_ids(name):
    data = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(data)
    ids = [item["id"] for item in data["body"] if "id" in item]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z][a-z0-9_-]*", i) for i in ids)
    for item in data["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "checkboxes", "dropdown"}
