"""MkDocs's conversion of the pages shared with a second process (`generator/conversion.py`): the site is the one a
single process converts, and what MkDocs says while converting a page (a broken link) is said once, and still fails
`mkdocs build --strict`."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BROKEN = "Voir [la méthode](methode-absente.md)."


def _build(project: Path, site: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site], cwd=project,
                          capture_output=True, text=True, env=ENV)


def _files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}


def test_pages_converted_on_two_cores_are_those_one_core_converts_and_their_warnings_still_fail_strict(project_copy):
    # A topic's page, among the last MkDocs converts (those the second process takes), links to a missing page.
    topic = project_copy / "docs" / "topics" / "investments.md"
    topic.write_text(topic.read_text(encoding="utf-8").rstrip("\n") + f" {BROKEN}\n", encoding="utf-8")
    shared = _build(project_copy, "site-shared")

    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("executor: processes", "executor: serial", 1),
                      encoding="utf-8")
    alone = _build(project_copy, "site-alone")

    assert "pages converted by a second process" in shared.stderr
    assert "pages converted by a second process" not in alone.stderr
    for run in (shared, alone):
        assert run.returncode != 0
        assert run.stderr.count("contains a link 'methode-absente.md'") == 1, run.stderr
        assert "Aborted with 1 warnings in strict mode" in run.stdout
    shared_files, alone_files = _files(project_copy / "site-shared"), _files(project_copy / "site-alone")
    assert len(shared_files) > 50
    assert shared_files == alone_files
