"""Work done beside this process, in a copy of it (fork), on another core, while this process does the rest.

A copy shares what this process holds (a linked corpus of ten thousand articles: sending it to a worker would cost
more than the work), and hands back a result through a pipe, pickled. It runs no code of this process's when it
ends (no atexit, no flushing of its buffers): it only does `work` and writes the result.

Whatever goes wrong there (an exception, a copy killed, a system where processes cannot fork) comes back as no
result: the caller then does the work itself, and finds the same error, said as it would have been without the copy.

Files kept for the next build (the linked corpus, the record of the pages) are written the same way, at a lower
priority (`write_beside`): the build goes on, and the copy uses a core the build leaves idle (while MkDocs converts
the pages, on one core). `wait_written` waits for them: for a file before it is read again, for all by the end of
a build.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import signal
from pathlib import Path
from typing import Any, Callable, Iterator

_FAILED = b"F"
_DONE = b"D"


class Beside:
    """`work()` started in a copy of this process; `result()` waits for it. As a context, a copy whose result was
    not asked for (this process stopped on an error) is ended when the block ends: nothing is left running."""

    def __init__(self, work: Callable[[], Any], nice: int = 0):
        """`nice`: how much lower the copy's priority is than this process's (os.nice)."""
        self._pid: int | None = None
        self._read: int | None = None
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process can be made now: the caller does the work
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the copy
            os.close(read)
            try:
                try:
                    if nice:
                        os.nice(nice)
                    data = _DONE + pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:  # noqa: BLE001 (said by the caller, which does the work again)
                    data = _FAILED
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    @property
    def started(self) -> bool:
        """Whether a copy was made (else the caller does the work, and need not ask for a result)."""
        return self._pid is not None

    def __enter__(self) -> "Beside":
        return self

    def __exit__(self, *_exception: object) -> None:
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.result()

    def result(self) -> tuple[bool, Any]:
        """(True, what `work()` returned), or (False, None) when it gave nothing back (the caller does it)."""
        if self._pid is None or self._read is None:
            return False, None
        with os.fdopen(self._read, "rb") as pipe:  # read before waiting: the copy ends once it has written it all
            data = pipe.read()
        self._read = None
        try:
            os.waitpid(self._pid, 0)
        except ChildProcessError:
            pass
        self._pid = None
        if not data.startswith(_DONE):
            return False, None
        try:
            return True, pickle.loads(data[len(_DONE):])
        except Exception:  # noqa: BLE001 (a result this process cannot read: the caller does the work)
            return False, None


_writing: dict[str, Beside] = {}  # a file kept for the next build -> the copy of this process writing it


def write_beside(path: Path, write: Callable[[], None]) -> None:
    """`write()`, which writes `path`, done by a copy of this process at a lower priority while this one goes on;
    here, where no copy can be made. Whoever reads `path` waits for it first (`wait_written(path)`)."""
    wait_written(path)  # one writer of a file at a time
    writer = Beside(write, nice=10)
    if writer.started:
        _writing[str(path)] = writer
    else:
        write()


def wait_written(path: Path | None = None) -> None:
    """Returns once `path` (None: every file this process began to write beside) is written."""
    for name in [str(path)] if path is not None else list(_writing):
        writer = _writing.pop(name, None)
        if writer is not None:
            writer.result()


@contextlib.contextmanager
def written_when_done() -> Iterator[None]:
    """`wait_written` when the block ends, however it ends."""
    try:
        yield
    finally:
        wait_written()


__all__ = ["Beside", "write_beside", "wait_written", "written_when_done"]
