"""Shared fixtures. `pytest --update-goldens` rewrites tests/golden/ from the current generator output."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import Project, build

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", help="rewrite the golden files in tests/golden/")


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


@pytest.fixture(scope="session")
def seed_site():
    """The site the repository's own sources build (built once per test session)."""
    return build(Project(root=ROOT))


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project, to break inputs without touching the repository."""
    for name in ("docs", "sources", "knowledge", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path
