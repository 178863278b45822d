"""CONTRIBUTING.md's commands run as written (all but the setup, which CI runs, and `mkdocs serve`, which does
not return), in order, in a temporary clone of the project."""
from __future__ import annotations

import re
import shutil
import subprocess

from conftest import ROOT


def commands() -> list[str]:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    lines = [line for block in blocks for line in block.strip().splitlines()]
    return [line for line in lines if "pip install" not in line and "mkdocs serve" not in line]


def test_contributing_commands_run_as_written(project_copy):
    shutil.copytree(ROOT / "tests", project_copy / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    (project_copy / ".venv").symlink_to(ROOT / ".venv")
    shutil.copy(ROOT / ".gitignore", project_copy / ".gitignore")
    for setup in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                  ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-q", "-m", "start"]):
        subprocess.run(setup, cwd=project_copy, check=True, capture_output=True)
    ran = commands()
    assert any("generator check" in c for c in ran) and any("generator diff main" in c for c in ran)
    for command in ran:
        result = subprocess.run(["bash", "-c", command], cwd=project_copy, capture_output=True, text=True)
        assert result.returncode == 0, f"{command}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
