"""The workflows keep the generator's cache between runs (issue 22, "Warm publishing"): publishing restores the
cache of the last publish of the same code and saves its own; a change of the generator or its dependencies starts
cold."""
from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"


def _steps(workflow: str, job: str) -> list[dict]:
    return yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))["jobs"][job]["steps"]


def _cache_step(steps: list[dict], action: str) -> tuple[int, dict]:
    found = [(i, s) for i, s in enumerate(steps) if str(s.get("uses", "")).startswith(action)]
    assert len(found) == 1, [s.get("uses") for s in steps]
    return found[0]


def _keyed_by_code(settings: dict) -> None:
    assert settings["path"] == ".cache/press-site"
    code = "hashFiles('generator/**/*.py', 'pyproject.toml')"
    assert code in settings["key"] and settings["key"].endswith("${{ github.run_id }}")  # each run saves anew
    assert settings["restore-keys"].strip() == settings["key"].rsplit("${{ github.run_id }}", 1)[0]


def test_publishing_restores_and_saves_the_cache_before_building():
    steps = _steps("publish.yml", "build")
    at, cache = _cache_step(steps, "actions/cache@")
    _keyed_by_code(cache["with"])
    build = next(i for i, s in enumerate(steps) if "mkdocs build" in s.get("run", ""))
    assert at < build


def test_the_pull_request_report_restores_the_published_cache():
    steps = _steps("pull-request.yml", "diff")
    at, cache = _cache_step(steps, "actions/cache/restore@")
    _keyed_by_code(cache["with"])
    report = next(i for i, s in enumerate(steps) if "generator diff" in s.get("run", ""))
    assert at < report
