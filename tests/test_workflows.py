"""The workflows keep the generator's cache between runs (issue 22, "Warm publishing"): publishing restores the
cache of the last publish of the same code and saves its own; a change of the generator or its dependencies starts
cold."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"


def _steps(workflow: str, job: str) -> list[dict]:
    return yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))["jobs"][job]["steps"]


def _cache_step(steps: list[dict], action: str) -> tuple[int, dict]:
    found = [(i, s) for i, s in enumerate(steps) if str(s.get("uses", "")).startswith(action)]
    assert len(found) == 1, [s.get("uses") for s in steps]
    return found[0]


def _keyed_by_code(settings: dict) -> None:
    assert ".cache/press-site" in settings["path"].split()
    code = "hashFiles('generator/**/*.py', 'pyproject.toml')"
    assert code in settings["key"] and settings["key"].endswith("${{ github.run_id }}")  # each run saves anew
    assert settings["restore-keys"].strip() == settings["key"].rsplit("${{ github.run_id }}", 1)[0]


@pytest.mark.parametrize("workflow, job, action, step", [
    ("publish.yml", "build", "actions/cache@", "mkdocs build"),  # restored before the build, saved after it
    ("pull-request.yml", "diff", "actions/cache/restore@", "generator diff"),  # the published cache, restored only
])
def test_the_cache_is_restored_before_the_site_is_built(workflow, job, action, step):
    steps = _steps(workflow, job)
    at, cache = _cache_step(steps, action)
    _keyed_by_code(cache["with"])
    assert at < next(i for i, s in enumerate(steps) if step in s.get("run", ""))


def test_publishing_updates_the_last_published_site_page_by_page():
    steps = _steps("publish.yml", "build")
    _, cache = _cache_step(steps, "actions/cache@")
    build = next(s["run"] for s in steps if "mkdocs build" in s.get("run", ""))
    assert "--dirty" in build and "--strict" in build and "--site-dir _site" in build
    assert "_site" in cache["with"]["path"].split()  # the site the dirty build updates is the last one published
