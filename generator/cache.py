"""A cache of what reading and annotating cost, keyed by content: a rebuild reads unchanged articles from it.

    key   = sha256 of what the result depends on: the generator's own code, the source's bytes (and the lines the
            corpus repeats in it), the knowledge files' entities, the model's version
    value = the frozen dataclasses the stage returned, pickled

One SQLite file under `.cache/press-site/` at the project root (ignored by git). It is safe to delete at any time,
and it never changes the output: a value is only ever stored under the hash of everything that made it, so a
warm build returns exactly what a cold one computes (tests/test_cache.py builds both and compares). An entry that
cannot be read (a cache written by another Python, a truncated file) counts as missing.

Only the process that runs the build reads and writes it; workers return their results to it.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import pickle
import sqlite3
from pathlib import Path
from typing import Iterable

log = logging.getLogger("generator.cache")

FOLDER = ".cache/press-site"
_PACKAGE = Path(__file__).resolve().parent


class Cache:
    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "cache.sqlite3"
        self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        self.hits = self.misses = 0

    def get_many(self, keys: Iterable[str]) -> dict[str, object]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, object] = {}
        for start in range(0, len(keys), 500):  # SQLite's limit on parameters
            chunk = keys[start:start + 500]
            rows = self._db.execute(f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for key, blob in rows:
                try:
                    found[key] = pickle.loads(blob)
                except Exception:  # noqa: BLE001 (an unreadable entry is a missing one, whatever broke it)
                    log.info("cache entry %s unreadable: recomputed", key[:12])
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, items: dict[str, object]) -> None:
        if not items:
            return
        rows = [(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for key, value in items.items()]
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows)

    def close(self) -> None:
        self._db.close()


class NoCache:
    """The same interface, remembering nothing: `--no-cache`, and tests that must compute everything."""

    hits = misses = 0

    def get_many(self, keys: Iterable[str]) -> dict[str, object]:
        self.misses += len(set(keys))
        return {}

    def put_many(self, items: dict[str, object]) -> None:
        pass

    def close(self) -> None:
        pass


def open_cache(root: Path, enabled: bool = True) -> Cache | NoCache:
    if not enabled:
        return NoCache()
    try:
        return Cache(root / FOLDER)
    except (OSError, sqlite3.Error) as error:  # a read-only checkout: build without a cache
        log.warning("no cache (%s): everything is computed", error)
        return NoCache()


def key(*parts: object) -> str:
    """The hash of everything a result depends on, the generator's code included."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        digest.update(b"\x00")
        digest.update(part if isinstance(part, bytes) else repr(part).encode("utf-8"))
    return digest.hexdigest()


@functools.cache
def code_version() -> str:
    """A hash of the generator's source files: a change in any rule invalidates what it computed."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
