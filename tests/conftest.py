"""Shared fixtures. `pytest --update-goldens` rewrites tests/golden/ from the current generator output."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    for name in ("docs", "sources", "knowledge", "templates", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project's site as `mkdocs build` makes it (built once per test session)."""
    out = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(out)], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return out
