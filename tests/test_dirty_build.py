"""`mkdocs build --dirty` gives the site a clean build gives (issue 22, "Never a stale page"): articles added, edited
and removed, a topic edited, a setting changed, one after the other, each compared with a clean build of the same
inputs. The search index is left out of the comparison (Pagefind's own files differ from run to run)."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
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


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("docs", "sources", "knowledge", "templates", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


def test_each_dirty_build_gives_the_pages_of_a_clean_build(tmp_path):
    project = _project(tmp_path)
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

    def removed_after_a_clean_build():  # an article only a clean build made pages for: they go with it
        shutil.copy(SUBJECTS / "foot_fr_01_quotidien.txt", sources)
        _mkdocs(project)
        (sources / "foot_fr_01_quotidien.txt").unlink()

    def topic_edited():
        topic = topics / "investments.md"
        topic.write_text(topic.read_text(encoding="utf-8").replace("\n---\n", "\n---\n\nUne introduction revue.\n", 1),
                         encoding="utf-8")

    def setting_changed():
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Nouveau — ", 1),
                          encoding="utf-8")

    for step in (added_and_edited, removed, removed_after_a_clean_build, topic_edited, setting_changed):
        step()
        said = _mkdocs(project, "--dirty")
        assert ("full build" in said) == (step is setting_changed), step.__name__
        dirty = _pages(project / "site")
        clean = _clean_build(project, tmp_path)
        assert sorted(set(dirty) ^ set(clean)) == [], step.__name__
        assert [page for page in clean if dirty[page] != clean[page]] == [], step.__name__


def test_a_dirty_build_after_a_clean_one_reads_only_the_pages_that_changed_for_the_search_index(tmp_path):
    """A clean build indexes the whole site, and remembers what it read of each page: the next `--dirty` build reads
    again only the pages it wrote, not every page of the site (at 10,000 articles, some 13 s of the first day's
    publish after a clean build)."""
    project = _project(tmp_path)
    _mkdocs(project, "--dirty")
    _mkdocs(project)
    said = _mkdocs(project, "--dirty")
    assert "; 0 pages read again, 0 indexed again)" in said, said
    article = sorted((project / "sources").glob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8").replace(
        "\n\n", "\n\nUn paragraphe ajouté à la relecture, sur Meta et Llama.\n\n", 1), encoding="utf-8")
    said = _mkdocs(project, "--dirty")
    read_again = int(re.search(r"; (\d+) pages? read again", said).group(1))
    assert 0 < read_again < len(list((project / "site").rglob("*.html"))) / 2


def test_a_dirty_build_finds_stale_pages_in_the_last_builds_list_without_reading_the_site(tmp_path, monkeypatch):
    """What the last build wrote is where a page no longer made can be: removed without a walk through the site's
    folders (some fourteen thousand at 10,000 articles, seconds at each publish). The list is taken as it is read,
    so a build that stops halfway leaves none; without it, every file of the generated sections is looked at."""
    from generator import dirty

    site, cache = tmp_path / "site", tmp_path / "cache"
    cache.mkdir()
    before = ["articles/a/index.html", "articles/b/index.html", "entities/x/index.html", "entities/x/citations.csv",
              "index.html"]
    for relative in before:
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text("page", encoding="utf-8")
    dirty.remember(cache, site, "how it was built", before)
    last = dirty.take_written(cache, site)
    assert dirty.take_written(cache, site) is None
    now = ["articles/a/index.html", "index.html"]
    with monkeypatch.context() as patched:
        patched.setattr(dirty.os, "walk", lambda *args, **kwargs: (_ for _ in ()).throw(AssertionError("walked")))
        removed = dirty.remove_stale(site, now, last)
    assert removed == ["articles/b/index.html", "entities/x/citations.csv", "entities/x/index.html"]
    assert not (site / "articles" / "b").exists() and not (site / "entities" / "x").exists()
    assert (site / "entities").is_dir() and (site / "articles" / "a" / "index.html").is_file()
    (site / "topics" / "stray").mkdir(parents=True)
    (site / "topics" / "stray" / "index.html").write_text("left by a build that stopped", encoding="utf-8")
    assert dirty.remove_stale(site, now, None) == ["topics/stray/index.html"]


def _serve_once(project: Path, port: int, until: str = "Serving on") -> str:
    """`mkdocs serve --dirty` started, left once it serves, stopped as a user stops it (Ctrl-C); what it said."""
    # Ctrl-C's default action given back: under a runner started in the background, SIGINT would be ignored.
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-livereload", "-a",
                                f"127.0.0.1:{port}"], cwd=project, env=ENV, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    said = []
    try:
        for line in process.stderr:  # MkDocs says it serves once its first build is done
            said.append(line)
            if until in line:
                break
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/articles/", timeout=30).read().decode("utf-8")
        assert "Articles" in page
    finally:
        process.send_signal(signal.SIGINT)
        said += process.communicate(timeout=120)[1].splitlines(keepends=True)
    assert process.returncode == 0, "".join(said)
    return "".join(said)


def test_serve_dirty_starts_from_what_the_last_serve_built(tmp_path):
    """`mkdocs serve --dirty` built every page into a new empty folder at each start; it now starts from the folder
    its last start built and converts the pages that changed since, the others left as they were."""
    project = tmp_path / "project"
    for name in ("docs", "sources", "knowledge", "templates", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _serve_once(project, port)
    kept = next((project / ".cache" / "press-site" / "serve").iterdir())
    pages = {p: p.stat().st_mtime_ns for p in kept.rglob("index.html")}
    assert len(pages) > 20
    edited = sorted((project / "sources").glob("*.txt"))[0]
    text = edited.read_text(encoding="utf-8")
    cut = text.index("\n\n", len(text) // 2)  # amid the article's paragraphs, not after its last line
    edited.write_text(text[:cut] + "\n\nMeta a aussi annoncé un centre de données à Odense, au "
                      "Danemark, pour deux milliards d'euros, selon un communiqué publié mardi par le groupe." + text[cut:],
                      encoding="utf-8")
    said = _serve_once(project, port)
    assert "full build" not in said, said
    changed = sorted(p.relative_to(kept).as_posix() for p, mtime in pages.items() if p.stat().st_mtime_ns != mtime)
    assert 0 < len(changed) < len(pages) // 2, changed  # the edited article's page and the pages that list it
    assert any("Odense" in (kept / page).read_text(encoding="utf-8") for page in changed if page.startswith("articles/"))
