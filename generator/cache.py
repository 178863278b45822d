"""A cache of what reading and annotating cost, keyed by content: a rebuild reads unchanged articles from it.

    key   = sha256 of what the result depends on: the generator's own code, the source's bytes (and the lines the
            corpus repeats in it), the knowledge files' entities, the model's version
    value = the frozen dataclasses the stage returned, pickled, after the sha256 of the pickle

One SQLite file under `.cache/press-site/` at the project root (ignored by git). It is safe to delete at any time,
and it never changes the output: a value is only ever stored under the hash of everything that made it, so a
warm build returns exactly what a cold one computes (tests/test_cache.py builds both and compares). An entry that
cannot be unpickled (written by another Python) counts as missing; one whose bytes changed on disk (the hash before
the pickle says so, where SQLite may not notice) makes the file a damaged one.

Nor does the file ever stop a build (tests/test_faults.py). What goes wrong with it is said in one warning, and:
  - damaged (not a database, malformed, tables of another shape, an entry changed) or unreadable: it is set aside
    as `cache.sqlite3.damaged-N` and a new cache started;
  - read-only (a read-only checkout or file system): it is read, and what this build computes is kept in memory;
  - locked by another program for longer than `WAIT`, or nowhere to start a new one: what this build computes is
    kept in memory.

Only the process that runs the build reads and writes it; workers return their results to it. Builds of one project
take turns (`ProjectLock`): they share the generated pages staged beside the cache, and as a rule `site/`.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import logging
import os
import pickle
import shutil
import sqlite3
from importlib import metadata
from pathlib import Path
from typing import Iterable

from jinja2 import FileSystemBytecodeCache

try:
    import fcntl
except ImportError:  # Windows: builds do not wait for each other
    fcntl = None

log = logging.getLogger("generator.cache")

FOLDER = ".cache/press-site"
NAME = "cache.sqlite3"
WAIT = 30  # seconds to wait for another process that writes the file
_PACKAGE = Path(__file__).resolve().parent
# What SQLite says of a file that is not, or no longer, a cache (sqlite_errorcode, Python 3.11+; the primary codes):
# SQLITE_ERROR for our fixed SQL means tables that are not ours; SQLITE_CORRUPT, SQLITE_NOTADB.
_DAMAGED = {1, 11, 26}
_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED: another program holds it


class _Changed(sqlite3.DatabaseError):
    """An entry whose bytes are not those written: the file is damaged, though SQLite read it."""


class Cache:
    def __init__(self, folder: Path):
        self.path = folder / NAME
        self.hits = self.misses = 0
        self._kept: dict[str, object] = {}  # what could not be written: still found by this build
        self._db: sqlite3.Connection | None = None
        self._writable = True
        self._aside: Path | None = None  # where a damaged file was moved, once a build at most
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = _connect(self.path)
        except (OSError, sqlite3.Error) as error:
            self._carry_on(error)

    def get_many(self, keys: Iterable[str]) -> dict[str, object]:
        keys = list(dict.fromkeys(keys))
        found = {key: self._kept[key] for key in keys if key in self._kept}
        try:
            found.update(self._read([key for key in keys if key not in found]))
        except sqlite3.Error as error:
            self._carry_on(error)
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def holds(self, keys: Iterable[str]) -> set[str]:
        """Those of `keys` the cache has a value for, without reading the values (one that cannot be read then is
        a missing one to `get_many`). The others count as missed."""
        keys = list(dict.fromkeys(keys))
        held = {key for key in keys if key in self._kept}
        try:
            for start in range(0, len(keys), 500) if self._db is not None else ():  # SQLite's limit on parameters
                chunk = keys[start:start + 500]
                held.update(key for (key,) in self._db.execute(
                    f"SELECT key FROM entries WHERE key IN ({','.join('?' * len(chunk))})", chunk))
        except sqlite3.Error as error:
            self._carry_on(error)
        self.misses += len(keys) - len(held)
        return held

    def put_many(self, items: dict[str, object]) -> None:
        if not items:
            return
        if self._db is not None and self._writable:
            try:
                self._write(items)
                return
            except sqlite3.Error as error:
                self._carry_on(error)
        self._kept.update(items)

    def close(self) -> None:
        self._disconnect()
        log.info("cache: %d of %d results reused", self.hits, self.hits + self.misses)

    def _disconnect(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _read(self, keys: list[str]) -> dict[str, object]:
        found: dict[str, object] = {}
        if self._db is None:
            return found
        with no_collection():
            for start in range(0, len(keys), 500):  # SQLite's limit on parameters
                chunk = keys[start:start + 500]
                rows = self._db.execute(f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(chunk))})",
                                        chunk)
                for key, blob in rows:
                    digest, data = blob[:32], blob[32:]
                    if hashlib.sha256(data).digest() != digest:
                        raise _Changed(f"entry {key[:12]} changed on disk")
                    try:
                        found[key] = pickle.loads(data)
                    except Exception:  # noqa: BLE001 (an unreadable entry is a missing one, whatever broke it)
                        log.info("cache entry %s unreadable: recomputed", key[:12])
        return found

    def _write(self, items: dict[str, object]) -> None:
        rows = [(key, _sealed(value)) for key, value in items.items()]
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows)

    def _carry_on(self, error: OSError | sqlite3.Error) -> None:
        """After `error`, the best this build can do, said in one warning: a file that cannot be written is still
        read; a damaged one, or one that cannot be read, is set aside for a new one; else the build keeps what it
        computes in memory."""
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        damaged = code in _DAMAGED or isinstance(error, _Changed)
        writable, self._writable = self._writable, False
        self._disconnect()
        if code in _BUSY:  # never moved: the program that holds it would go on writing to the file set aside
            log.warning("no cache (%s is in use by another program: %s): what this build computes is kept in memory",
                        self.path, error)
            return
        if writable and not damaged:
            try:
                self._db = _connect(self.path, read_only=True)
                log.warning("cache %s cannot be written (%s): read, and what this build computes is kept in memory",
                            self.path, error)
                return
            except (OSError, sqlite3.Error):
                pass
        if self._aside is None and (aside := _set_aside(self.path)) is not None:
            self._aside = aside
            try:
                self._db, self._writable = _connect(self.path), True
                log.warning("cache %s damaged (%s): set aside as %s, a new cache started", self.path, error, aside.name)
                return
            except (OSError, sqlite3.Error) as new_error:
                error = new_error
        log.warning("no cache (%s: %s): what this build computes is kept in memory", self.path, error)


class NoCache:
    """The same interface, remembering nothing: `--no-cache`, and tests that must compute everything."""

    hits = misses = 0

    def get_many(self, keys: Iterable[str]) -> dict[str, object]:
        self.misses += len(set(keys))
        return {}

    def holds(self, keys: Iterable[str]) -> set[str]:
        return set()

    def put_many(self, items: dict[str, object]) -> None:
        pass

    def close(self) -> None:
        pass


def open_cache(root: Path, enabled: bool = True) -> Cache | NoCache:
    folder = cache_folder(root) if enabled else None
    return Cache(folder) if folder is not None else NoCache()


def cache_folder(root: Path, *parts: str) -> Path | None:
    """The project's cache folder (or a folder in it: "pages", where the generated pages are staged); None, with a
    warning, when a link makes it lead out of the project: a build writes and deletes files there."""
    folder = root.joinpath(FOLDER, *parts)
    if not folder.resolve().is_relative_to(root.resolve()):
        log.warning("%s leads to %s, outside the project: nothing is written there", folder.relative_to(root),
                    folder.resolve())
        return None
    return folder


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's compiled templates, kept from one build to the next (`compiled_templates`). A folder that cannot be
    written costs the compiling, not the build."""

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


# The libraries that compile the templates and set up the environments they are compiled for (the theme's).
_TEMPLATE_LIBRARIES = ("jinja2", "mkdocs", "mkdocs-material")


def compiled_templates(root: Path) -> CompiledTemplates | None:
    """Where the theme's and the generator's templates are kept compiled: compiling the theme's costs some 3 s a
    build, at each publish as at each of `mkdocs serve`'s rebuilds. Jinja finds a template's code by its name, file
    and text, not by the settings of the environment that compiled it, which the code of the generator and of the
    libraries fix: a folder per version of them (older ones removed). None where the cache cannot be written."""
    folder = cache_folder(root, "templates")
    if folder is None:
        return None
    version = hashlib.sha256(f"{code_version()} {package_versions(*_TEMPLATE_LIBRARIES)}".encode()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for older in folder.iterdir():
            if older.name != version:
                shutil.rmtree(older, ignore_errors=True)
        (folder / version).mkdir(exist_ok=True)
    except OSError:
        return None
    return CompiledTemplates(str(folder / version))


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if read_only:  # immutable: no lock, no journal to create beside a file this process cannot change
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    else:
        db = sqlite3.connect(path, timeout=WAIT, isolation_level=None, check_same_thread=False)
    try:
        if not read_only:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        db.execute("SELECT key, value FROM entries LIMIT 1").fetchall()  # tables of another shape fail here
    except sqlite3.Error:
        db.close()  # left open, it would hold the journal that a new file takes the name of
        raise
    return db


def _set_aside(path: Path) -> Path | None:
    """The file renamed `NAME.damaged-N` (the first free N), with its journal: what was wrong can still be looked at."""
    number = 1
    while path.with_name(f"{path.name}.damaged-{number}").exists():
        number += 1
    aside = path.with_name(f"{path.name}.damaged-{number}")
    try:
        path.rename(aside)
    except OSError:
        return None
    for journal in ("-wal", "-shm"):  # a new file must not take the old one's journal as its own
        with contextlib.suppress(OSError):
            path.with_name(path.name + journal).rename(aside.with_name(aside.name + journal))
    return aside


def _sealed(value: object) -> bytes:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(data).digest() + data


class ProjectLock:
    """Waits until no other build of the project at `root` runs, and holds it until `release()` or this process's end,
    however it ends. Two builds at once would share `.cache/press-site/pages` and, as a rule, `site/`, which MkDocs
    empties while the other build writes and indexes it. An flock on the project's folder: no file to create (a
    read-only checkout) or to leave behind."""

    def __init__(self, root: Path):
        self._fd: int | None = None
        if fcntl is None:
            return
        self._fd = os.open(root, os.O_RDONLY)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("another build of %s is running: waiting for it to end", root)
            fcntl.flock(self._fd, fcntl.LOCK_EX)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


@contextlib.contextmanager
def no_collection():
    """The cyclic garbage collector paused: unpickling ten thousand articles makes millions of objects, none of
    them garbage, and the collections their number sets off took two thirds of the time (7.7 s against 2.3 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What the block made lives on: left out of the collector's rounds (`gc.freeze`; `collector_skips_alive`
        # ends it), or the first round once it is on again walks all of it, for no garbage (1 s at 10,000 articles).
        gc.freeze()
        if enabled:
            gc.enable()


_skipping = 0  # how many `collector_skips_alive` blocks this process is in


@contextlib.contextmanager
def collector_skips_alive():
    """The objects alive now (a corpus of ten thousand articles: millions of objects that live until the build ends)
    left out of the cyclic collector's rounds until the block ends (`gc.freeze`): each full round would otherwise walk
    all of them again, for no garbage. In a block of its own, the collector walks them again only once the outer
    block ends: a caller that releases the corpus before then spares the collector a walk of it (1.6 s at 10,000
    articles)."""
    global _skipping
    gc.freeze()
    _skipping += 1
    try:
        yield
    finally:
        _skipping -= 1
        if not _skipping:
            gc.unfreeze()


def key(*parts: object) -> str:
    """The hash of everything a result depends on, the generator's code included."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        digest.update(b"\x00")
        digest.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
    return digest.hexdigest()


def package_version(name: str) -> str:
    """An installed distribution's version, "-" when it is not installed: part of what a cached result depends on."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def package_versions(*names: str) -> str:
    """"name=version" of each installed distribution, in one line: part of what a kept result depends on."""
    return " ".join(f"{name}={package_version(name)}" for name in names)


def add_folder(digest, folder: Path) -> None:
    """Every file of `folder` (path and content) into `digest`: a theme's overrides, the templates."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\x00")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def write_whole(path: Path, data: bytes, temporary: str | None = None) -> None:
    """`data` into `path`, whole or not at all (written beside it, under the name `temporary`, then renamed): a build
    stopped halfway leaves the last complete file. Raises OSError."""
    beside = path.with_name(temporary or path.name + ".tmp")
    try:
        beside.write_bytes(data)
        os.replace(beside, path)
    except BaseException:
        with contextlib.suppress(OSError):
            beside.unlink(missing_ok=True)
        raise


@functools.cache
def code_version() -> str:
    """A hash of the generator's source files: a change in any rule invalidates what it computed."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
