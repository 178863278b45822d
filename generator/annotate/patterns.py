"""The regular expressions the named entity models compile as they load, kept compiled from one build to the next.

spaCy's French language module compiles, as it is imported, one expression of some 800 classes of letters (the
tokenizer's exceptions: "faux-vampire", "entr'abat"), which takes CPython's `re` some 5 s: most of the French
model's load, which the publish of a day's articles waits for (the worker that annotates them loads it first). The
arguments `re` gives its constructor (`_sre.compile`) for such an expression are kept in the cache
(`patterns-<re's version>-<Python's>.pickle`) and given to it again the next time: the pattern a compilation gives
(tested), in milliseconds.

Only while models load (`kept_compiled`), only for the patterns that took long to compile, found by the pattern's
text and flags. Where `re` is not the CPython module this was written against, or the file cannot be read, `re`
compiles as it always does.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator

from ..cache import write_whole

try:
    import _sre
    from re import _compiler, _constants
except ImportError:  # another Python: nothing is kept
    _sre = _compiler = _constants = None

SLOW = 0.05  # seconds: a pattern that took longer to compile is kept


def kept_file(folder: Path) -> Path:
    """Where the patterns are kept: compiled code is `re`'s own format, which each version of it may change."""
    return folder / f"patterns-{_constants.MAGIC}-{sys.version_info[0]}.{sys.version_info[1]}.pickle"


@contextlib.contextmanager
def kept_compiled(folder: Path | None) -> Iterator[None]:
    """Within the block, an expression compiled before (kept in `folder`) is not compiled again; one that takes long
    to compile is kept when the block ends."""
    if folder is None or _compiler is None or not callable(getattr(_compiler, "compile", None)):
        yield
        return
    path = kept_file(folder)
    try:
        known = pickle.loads(path.read_bytes())
        if not isinstance(known, dict):
            known = {}
    except Exception:  # noqa: BLE001 (none kept yet, or a file this cannot read: compiled as usual)
        known = {}
    added: dict[tuple, tuple] = {}
    compile_here, recording = _compiler.compile, _Recording()

    def compile(pattern: Any, flags: int = 0) -> Any:
        key = (type(pattern).__name__, pattern, flags)
        if isinstance(pattern, (str, bytes)) and (arguments := known.get(key)) is not None:
            try:
                return _sre.compile(*arguments)
            except Exception:  # noqa: BLE001 (arguments this `re` does not take: compiled as usual)
                pass
        start = time.perf_counter()
        recording.noted.arguments = None
        compiled = compile_here(pattern, flags)
        arguments = recording.noted.arguments
        if isinstance(pattern, (str, bytes)) and arguments is not None and arguments[0] == pattern and \
                time.perf_counter() - start > SLOW:
            # The code as plain numbers: `re` writes its opcodes as named ones, which do not pickle.
            added[key] = (arguments[0], arguments[1], [int(word) for word in arguments[2]], *arguments[3:])
        return compiled

    # `re.compile` finds the module's compile at each call, and the module finds `_sre` at each call.
    _compiler.compile, _compiler._sre = compile, recording
    try:
        yield
    finally:
        _compiler.compile, _compiler._sre = compile_here, _sre
    if added:
        _write(path, {**known, **added})


class _Recording:
    """`_sre` as `re`'s compiler sees it while models load: the arguments of the last pattern each thread compiled
    are noted (another thread may compile its own meanwhile)."""

    def __init__(self) -> None:
        self.noted = threading.local()

    def compile(self, *arguments: Any) -> Any:
        self.noted.arguments = arguments
        return _sre.compile(*arguments)

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)


def _write(path: Path, patterns: dict) -> None:
    """Written whole under a name of its own (two processes loading models at once never mix files); a cache that
    cannot be written compiles them again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, pickle.dumps(patterns, protocol=pickle.HIGHEST_PROTOCOL),
                    temporary=f"{path.name}.{os.getpid()}.tmp")
    except OSError:
        pass


__all__ = ["kept_compiled", "kept_file"]
