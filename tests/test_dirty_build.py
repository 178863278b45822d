"""`mkdocs build --dirty` gives the site a clean build gives (issue 22, "Never a stale page"): articles added, edited
and removed, a topic edited, a setting changed, one after the other, each compared with a clean build of the same
inputs. The search index is left out of the comparison (Pagefind's own files differ from run to run)."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
SUBJECTS = ROOT / "tests" / "subjects"


def _mkdocs(project: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=project,
                          capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stderr
    return done.stderr


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
            and p.suffix != ".gz"}


def _clean_build(project: Path, work: Path) -> dict[str, str]:
    """The same inputs built clean, in a copy (the cache copied too: it changes how fast, not what)."""
    copy = work / "clean"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
    _mkdocs(copy)
    return _pages(copy / "site")


def test_each_dirty_build_gives_the_pages_of_a_clean_build(tmp_path):
    project = tmp_path / "project"
    for name in ("docs", "sources", "knowledge", "templates", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    sources, topics = project / "sources", project / "docs" / "topics"
    said = _mkdocs(project, "--dirty")
    assert "A 'dirty' build" not in said  # the warning --strict would fail on: dirty.py makes the build accurate

    def added_and_edited():
        shutil.copy(SUBJECTS / "giga_fr_01_regional.txt", sources)
        shutil.copy(SUBJECTS / "giga_en_01_wire.txt", sources)
        edited = sorted(sources.glob("*.txt"))[0]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nMeta investit aussi dans Odense.\n", encoding="utf-8")

    def removed():
        (sources / "giga_en_01_wire.txt").unlink()

    def topic_edited():
        topic = topics / "investments.md"
        topic.write_text(topic.read_text(encoding="utf-8").replace("\n---\n", "\n---\n\nUne introduction revue.\n", 1),
                         encoding="utf-8")

    def setting_changed():
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Nouveau — ", 1),
                          encoding="utf-8")

    for step in (added_and_edited, removed, topic_edited, setting_changed):
        step()
        said = _mkdocs(project, "--dirty")
        assert ("full build" in said) == (step is setting_changed), step.__name__
        dirty = _pages(project / "site")
        clean = _clean_build(project, tmp_path)
        assert sorted(set(dirty) ^ set(clean)) == [], step.__name__
        assert [page for page in clean if dirty[page] != clean[page]] == [], step.__name__
