"""Faults a build survives (issue 20): a damaged or read-only cache, a build killed while its worker processes
run, two builds into one site at once, an executor setting that cannot run. Each ends in a built site, the same as
a clean build's, or in one line that says what is wrong: never a traceback, nor a process left behind."""
from __future__ import annotations

import logging
import os
import random
import re
import shutil
import signal
import socket
import socketserver
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import Project, build, executor
from generator.cache import FOLDER, Cache
from generator.snapshot import FILE

from conftest import ROOT

MKDOCS = [sys.executable, "-m", "mkdocs", "build"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BOUND = 120  # seconds: the longest wait for a condition, so that a test fails rather than hangs


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    """A copy of the project after a clean `mkdocs build`: its cache, its staged pages, its site (built once)."""
    project = tmp_path_factory.mktemp("built")
    for name in ("docs", "sources", "knowledge", "templates", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    done = subprocess.run(MKDOCS, cwd=project, env=ENV, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return project


@pytest.fixture
def built_copy(built_project, tmp_path) -> Path:
    shutil.copytree(built_project, tmp_path / "project")
    return tmp_path / "project"


@pytest.fixture
def warnings_said():
    """The messages of the warnings the generator logs."""
    said: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: said.append(record.getMessage())
    logging.getLogger("generator").addHandler(handler)
    yield said
    logging.getLogger("generator").removeHandler(handler)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but its search index (Pagefind names its files anew at each run)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}


def warnings_in(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("WARNING")]


def test_a_damaged_cache_is_set_aside_and_the_site_is_the_same(built_project, built_copy):
    """20 kB of garbage written inside the cache file broke every build until `.cache` was deleted."""
    cache = built_copy / FOLDER / "cache.sqlite3"
    with cache.open("r+b") as file:
        file.seek(cache.stat().st_size // 3)
        file.write(random.Random(20).randbytes(20_000))
    (built_copy / FOLDER / FILE).unlink()  # else the kept corpus serves, and the cache is not read (snapshot.py)
    done = subprocess.run(MKDOCS, cwd=built_copy, env=ENV, capture_output=True, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert len(warnings_in(done.stderr)) == 1 and str(cache) in warnings_in(done.stderr)[0], done.stderr
    assert (cache.parent / "cache.sqlite3.damaged-1").is_file()
    assert site_files(built_copy / "site") == site_files(built_project / "site")
    again = subprocess.run(MKDOCS, cwd=built_copy, env=ENV, capture_output=True, text=True)
    assert again.returncode == 0 and warnings_in(again.stderr) == [], again.stderr  # the new cache works


def _not_a_database(path: Path) -> None:
    path.write_bytes(os.urandom(50_000))


def _tables_of_another_shape(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE entries (name TEXT, data BLOB)")
    db.close()


@pytest.mark.parametrize("damage", [_not_a_database, _tables_of_another_shape])
def test_any_damaged_cache_file_is_set_aside_with_one_warning(tmp_path, damage, warnings_said):
    folder = tmp_path / "cache"
    cache = Cache(folder)
    cache.put_many({"key": "value"})
    cache.close()
    damage(folder / "cache.sqlite3")
    cache = Cache(folder)
    assert cache.get_many(["key"]) == {}
    cache.put_many({"key": "value"})
    cache.close()
    assert len(warnings_said) == 1 and str(folder / "cache.sqlite3") in warnings_said[0]
    assert (folder / "cache.sqlite3.damaged-1").is_file()
    assert Cache(folder).get_many(["key"]) == {"key": "value"}  # a new cache, in its place


def _read_only(folder: Path) -> list[str]:
    """`folder` made read-only for the command the returned words prefix. As root, whom permissions do not stop, it
    is mounted read-only in a mount namespace of the command's own, as on a read-only file system."""
    if os.geteuid() != 0:
        subprocess.run(["chmod", "-R", "a-w", str(folder)], check=True)
        return []
    prefix = ["unshare", "--mount", "sh", "-c", 'mount --bind -o ro "$0" "$0" && exec "$@"', str(folder)]
    if not shutil.which("unshare") or subprocess.run([*prefix, "true"], capture_output=True).returncode:
        pytest.skip("running as root without the right to mount a folder read-only")
    return prefix


def test_a_read_only_cache_is_read_and_the_site_is_the_same(built_project, built_copy):
    """A read-only cache (`chmod -R a-w .cache`, a read-only file system) and an edited source: the cache's entries
    are read, the edited source's kept in memory, and the generated pages handed to MkDocs in memory."""
    edited = sorted((built_copy / "sources").glob("*.txt"))[0]
    edited.write_bytes(edited.read_bytes() + b"\n")  # read again, and the same article
    prefix = _read_only(built_copy / ".cache")
    try:
        done = subprocess.run([*prefix, *MKDOCS], cwd=built_copy, env=ENV, capture_output=True, text=True)
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(built_copy / ".cache")], check=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert len(warnings_in(done.stderr)) == 1 and "cache.sqlite3" in warnings_in(done.stderr)[0], done.stderr
    reused = re.search(r"cache: (\d+) of \d+ results reused", done.stderr)
    assert reused and int(reused[1]) > 0, done.stderr  # what the unchanged sources gave came from the cache
    assert site_files(built_copy / "site") == site_files(built_project / "site")


_POOL_OF_TWO = """
import os, sys, time
from pathlib import Path
from generator import executor

def work(folder, item):
    Path(folder, str(os.getpid())).touch()  # this worker is at work
    time.sleep(600)

if __name__ == "__main__":
    executor.SMALL_JOB, executor.CHUNK = 0, 1
    executor.run(work, list(range(4)), "processes:2", context=sys.argv[1])
"""


@pytest.mark.parametrize("killed_while", ["starting", "working"])
def test_worker_processes_end_when_the_build_is_killed(tmp_path, killed_while):
    """A build killed with SIGKILL left its two workers and the resource tracker alive, some 400 MB each: killed
    while its workers start (as they load the model), or while they work."""
    psutil = pytest.importorskip("psutil")
    script, working = tmp_path / "pool.py", tmp_path / "working"
    script.write_text(_POOL_OF_TWO, encoding="utf-8")
    working.mkdir()
    started = subprocess.Popen([sys.executable, str(script), str(working)], env=ENV)
    children: list = []
    try:
        deadline = time.monotonic() + BOUND
        while (sum("spawn_main" in " ".join(c.cmdline()) for c in children) < 2
               or killed_while == "working" and len(list(working.iterdir())) < 2):
            assert started.poll() is None and time.monotonic() < deadline, "the two workers did not start"
            time.sleep(0.1)
            children = psutil.Process(started.pid).children(recursive=True)
        started.send_signal(signal.SIGKILL)
        started.wait()
        _, alive = psutil.wait_procs(children, timeout=BOUND)
        alive = [c for c in alive if c.status() != psutil.STATUS_ZOMBIE]
        assert alive == [], [" ".join(c.cmdline())[-80:] for c in alive]
    finally:
        started.kill()
        for child in children:
            if child.is_running():
                child.kill()


def test_two_builds_into_one_site_take_turns(built_copy):
    """Two `mkdocs build` into the same site/ a few seconds apart: one crashed in the search indexer, its pages
    deleted under it by the other's cleaning of site/. The second now waits for the first, and says so."""
    logs = {name: built_copy / f"{name}.log" for name in ("first", "second")}
    with logs["first"].open("w") as log:
        first = subprocess.Popen(MKDOCS, cwd=built_copy, env=ENV, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + BOUND
    while "Cleaning site directory" not in logs["first"].read_text():  # the first build holds site/ from here
        assert first.poll() is None and time.monotonic() < deadline, logs["first"].read_text()
        time.sleep(0.1)
    with logs["second"].open("w") as log:
        second = subprocess.Popen(MKDOCS, cwd=built_copy, env=ENV, stdout=subprocess.DEVNULL, stderr=log)
    for build_process in (first, second):
        build_process.wait(timeout=BOUND * 3)
    said = {name: path.read_text() for name, path in logs.items()}
    assert first.returncode == 0 and second.returncode == 0, said
    assert "Traceback" not in said["first"] + said["second"], said
    assert "another build" in said["second"] and "waiting" in said["second"], said["second"]
    assert (built_copy / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert len(list((built_copy / "site" / "articles").glob("*/index.html"))) == 5


def _double(_context, item):
    return item * 2


def _problem_of(setting: str) -> str:
    """What `executor.run` says of a setting that cannot run: one line, within BOUND seconds."""
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            executor.run(_double, [1, 2, 3], setting)
        except Exception as error:  # noqa: BLE001 (the test looks at whatever it raised)
            outcome.append(error)

    attempt_thread = threading.Thread(target=attempt, daemon=True)
    attempt_thread.start()
    attempt_thread.join(BOUND)
    assert not attempt_thread.is_alive(), f"{setting}: still waiting after {BOUND} s"
    assert outcome and isinstance(outcome[0], executor.ExecutorProblem), outcome
    message = str(outcome[0])
    assert message and "\n" not in message
    return message


class _Silent(socketserver.BaseRequestHandler):
    """A server that accepts a connection and says nothing, as a service that is not Dask might."""

    def handle(self) -> None:
        self.server.closing.wait()


def test_an_executor_that_cannot_run_is_said_in_one_line(project_copy, monkeypatch):
    """A typo (`executor: proceses`) was taken for `processes`; a Dask address where a server that is not Dask
    listens hung the build, and one where nothing listens gave a traceback after 31 s."""
    for setting in ("serial", "processes", "processes:3", "dask://scheduler:8786"):
        assert executor.validate_setting(setting) is None
    for typo in ("proceses", "processes:0", "serial:2", "dask://scheduler", "dask:scheduler:8786"):
        message = executor.validate_setting(typo)
        assert message and "\n" not in message and repr(typo) in message
    with pytest.raises(executor.ExecutorProblem, match="proceses"):
        build(Project.from_mkdocs_yml(project_copy, executor="proceses", cache=False))

    monkeypatch.setattr(executor, "DASK_TIMEOUT", 2)
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Silent)
    server.daemon_threads, server.closing = True, threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert "no Dask scheduler" in _problem_of(f"dask://127.0.0.1:{server.server_address[1]}")
    finally:
        server.closing.set()
        server.shutdown()
        server.server_close()
    with socket.socket() as free:  # a port where nothing listens
        free.bind(("127.0.0.1", 0))
        nowhere = free.getsockname()[1]
    assert "no Dask scheduler" in _problem_of(f"dask://127.0.0.1:{nowhere}")
    monkeypatch.setitem(sys.modules, "distributed", None)  # Dask not installed
    assert "pip install distributed" in _problem_of("dask://127.0.0.1:8786")
