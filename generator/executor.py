"""Where the work of reading and annotating runs: in this process, on every core, or on a cluster.

    executor: serial            one process (small jobs, tests, debugging)
    executor: processes         a process pool, one worker per core (the default)
    executor: processes:4       four workers
    executor: dask://host:8786  the workers of a Dask cluster (`distributed`), for a corpus that outgrows a machine

`run(function, items, setting, context)` applies `function(context, item)` to every item and returns the
results in the order of the items, whatever ran where: the output never depends on the executor. `context` (the
compiled knowledge, say) is sent once per worker, not once per item. Work this small is done here: starting
workers costs more than it saves, unless a worker was started ahead of it (`start_ready`: an archive's build starts
one to load the named entity models while it reads ten thousand articles back from the cache, and a day's new
articles are annotated there).

A setting is checked before it runs (`validate_setting`: the plugin and the command line say what is wrong in one
line); a setting that cannot run (Dask not installed, an address where no Dask scheduler answers within
`DASK_TIMEOUT`) is an `ExecutorProblem`, said in one line too. A worker process ends with the process that
started it, even killed (`_end_with`).
"""
from __future__ import annotations

import concurrent.futures
import ctypes
import functools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from typing import Any, Callable, Sequence

log = logging.getLogger("generator.executor")

SMALL_JOB = 100  # fewer items run here: a worker takes ~6 s to start and load the model, an article ~0.1 s
CHUNK = 8  # items sent to a worker at once
DASK_TIMEOUT = 10  # seconds for a Dask scheduler to answer before the build stops

_context: Any = None  # the context, in each worker process
_PR_SET_PDEATHSIG = 1  # prctl(2), linux/prctl.h


class ExecutorProblem(Exception):
    """An executor setting that cannot run here, said in one line (no traceback needed)."""


def validate_setting(setting: str) -> str | None:
    """What is wrong with an executor setting, in one line, or None when it is one of the settings above."""
    kind, _, argument = setting.partition(":")
    if setting in ("serial", "processes") or (kind == "processes" and argument.isdigit() and int(argument) >= 1):
        return None
    if setting.startswith("dask://"):
        host, _, port = setting.removeprefix("dask://").rpartition(":")
        if host and port.isdigit() and 0 < int(port) < 65536:
            return None
        return f"{setting!r} is not the address of a Dask scheduler: dask://host:port, as dask://scheduler:8786"
    return f"{setting!r} is not an executor: serial, processes, processes:N (N workers, 1 or more) or dask://host:port"


def run(function: Callable[[Any, Any], Any], items: Sequence[Any], setting: str = "processes", context: Any = None,
        ready: bool = False) -> list:
    """`ready`: a small job goes to the worker `start_ready` started, if there is one (it has loaded the models)."""
    return run_later(function, items, setting, context, ready)()


def run_later(function: Callable[[Any, Any], Any], items: Sequence[Any], setting: str = "processes",
              context: Any = None, ready: bool = False) -> Callable[[], list]:
    """`run`, begun now where the worker started ahead takes the job: the caller does other work meanwhile (reads
    the archive back from the cache) and calls the function returned for the results. Elsewhere the job runs when
    that function is called."""
    if (problem := validate_setting(setting)) is not None:
        raise ExecutorProblem(f"executor: {problem}")
    if not items:  # no worker started, no cluster asked, for nothing
        return list
    if setting.startswith("dask://"):
        return functools.partial(_on_dask, function, items, setting.removeprefix("dask://"), context)
    kind, workers = _kind_and_workers(setting)
    if kind == "serial" or workers <= 1 or len(items) < SMALL_JOB:
        if ready and items and _ready is not None:
            return _on_ready(function, items, context)
        return functools.partial(_call_with, function, context, items)
    stop_ready()  # a job for every core: the pool's workers load what they need
    return functools.partial(_on_processes, function, items, workers, context)


def two_cores(setting: str, items: int) -> bool:
    """Whether work over `items` (the pages of a site, rendered in a copy of this process and in this one:
    `generator.beside`) may take a second core: where `setting` is processes with two workers or more, the
    machine has them, and the work is not small."""
    return second_core(setting) and items >= SMALL_JOB


def second_core(setting: str) -> bool:
    """Whether `setting` lets work take a second core (processes with two workers or more, on a machine that has
    them); False for a setting that is not one."""
    return validate_setting(setting) is None and _second_core(setting)


def _second_core(setting: str) -> bool:
    """Whether `setting` (one `validate_setting` took) is processes with two workers or more, on a machine that
    has a second core."""
    kind, workers = _kind_and_workers(setting)
    return kind == "processes" and workers >= 2 and (os.cpu_count() or 1) >= 2


def _kind_and_workers(setting: str) -> tuple[str, int]:
    """"processes:4" -> ("processes", 4); "processes" -> a worker per core. For a setting `validate_setting` took."""
    kind, _, argument = setting.partition(":")
    return kind, int(argument) if argument.isdigit() else (os.cpu_count() or 1)


# A worker started ahead of its work (`start_ready`), kept for the builds that follow in this process (`mkdocs serve`).
_ready: concurrent.futures.ProcessPoolExecutor | None = None
# The pools `stop_ready` let go and that may still run: their thread and their processes, ended by
# `stop_ready(now=True)`.
_let_go: list[tuple[threading.Thread | None, list]] = []


def start_ready(setting: str, prepare: Callable[[], None]) -> bool:
    """A worker process started now, that runs `prepare` (loading the named entity models: some 10 s) while this
    process does other work (reading ten thousand articles back from the cache): the small job of a later `run(...,
    ready=True)` (a day's new articles) goes to it, and finds the models loaded. Only where `setting` is processes with
    two workers or more, and the machine has another core; one per process, kept for its next builds. Returns
    whether this call started it."""
    global _ready
    if _ready is not None or not _second_core(setting):
        return False
    spawn = multiprocessing.get_context("spawn")  # as `_on_processes`: whatever threads this process runs
    _ready = concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=spawn, initializer=_prepare,
                                                    initargs=(prepare, os.getpid()))
    _ready.submit(int)  # a pool starts its worker with its first task: now
    return True


def _prepare(prepare: Callable[[], None], parent: int) -> None:
    _end_with(parent)
    # Below the build's own processes: a worker let go (`stop_ready`) still finishes `prepare`, and must not slow
    # the pages rendered on both cores meanwhile; alone on its core, it runs as fast.
    os.nice(5)
    try:
        prepare()
    except Exception as error:  # noqa: BLE001 (the job runs all the same: what it needs is loaded then)
        log.warning("a worker could not prepare its work ahead (%s)", error)


def _on_ready(function, items, context) -> Callable[[], list]:
    """The job handed to the worker started ahead now; the function returned waits for its results."""
    try:
        future = _ready.submit(_call_in_two, function, context, items)
    except concurrent.futures.process.BrokenProcessPool as error:
        return functools.partial(_here_instead, error, function, context, items)
    return functools.partial(_ready_result, future, function, context, items)


def _ready_result(future: concurrent.futures.Future, function, context, items) -> list:
    """The results of a job handed to the worker started ahead; where it died, or was let go before it took the job,
    the job done here."""
    try:
        return future.result()
    except (concurrent.futures.process.BrokenProcessPool, concurrent.futures.CancelledError) as error:
        return _here_instead(error, function, context, items)


def _here_instead(error: Exception, function, context, items) -> list:
    """The job of a worker started ahead that died (the memory ran out), done in this process."""
    log.warning("the worker started ahead failed (%s): running in this process instead", error)
    stop_ready()
    return [function(context, item) for item in items]


def _call_in_two(function, context, items) -> list:
    """In the worker started ahead, once it has loaded its models: the items shared with a copy of it (`beside.py`, a
    fork: the models come with it), every other one, on the core that the build leaves idle while it waits for them
    (a day's twenty articles, some 3 s on one core at ten thousand articles). A copy that gives nothing back leaves
    its items to this process."""
    from .beside import Beside

    if len(items) < 2:
        return _call_with(function, context, items)
    with Beside(lambda: _call_with(function, context, items[1::2])) as copy:
        mine = _call_with(function, context, items[0::2])
        given, theirs = copy.result()
    if not given:
        theirs = _call_with(function, context, items[1::2])
    results = [None] * len(items)
    results[0::2], results[1::2] = mine, theirs
    return results


def stop_ready(now: bool = False) -> None:
    """The worker `start_ready` started, told to end (once it has loaded what it loads). `now`: ended at once, not
    when its models are loaded (a process waits for its pool's workers when it exits: a build of a topic's
    introduction edited waited some 7 s for models it never used), with every worker let go before, and returns
    once their pools have closed what they hold: a pool still closing as the interpreter exits races with it
    (CPython's exit wakes each pool's thread through a pipe the pool may be closing: "Exception ignored ...
    Bad file descriptor" after "Documentation built", fixed in Python 3.12 only)."""
    global _ready
    if _ready is not None:
        # Pools let go that have ended are dropped (`mkdocs serve` lets one go at many rebuilds); this one is kept
        # by its own table of its processes and its thread (ProcessPoolExecutor has no public way to end them before
        # 3.14).
        _let_go[:] = [(manager, workers) for manager, workers in _let_go if manager is None or manager.is_alive()]
        _let_go.append((getattr(_ready, "_executor_manager_thread", None),
                        list((getattr(_ready, "_processes", None) or {}).values())))
        _ready.shutdown(wait=False, cancel_futures=True)
        _ready = None
    if now:
        for manager, workers in _let_go:
            for worker in workers:
                worker.kill()
            if manager is not None:
                manager.join(timeout=10)  # its workers killed, it ends at once
        _let_go.clear()


def _initialise(context: Any, parent: int) -> None:
    global _context
    _end_with(parent)
    _context = context


def _end_with(parent: int) -> None:
    """End this worker when `parent` ends. A build killed (SIGKILL, the out-of-memory killer) cannot stop its pool,
    whose workers would wait for work for ever, some 400 MB each with the model loaded; and the multiprocessing
    resource tracker with them, which ends when the last process holding its pipe has."""
    if sys.platform == "linux":
        # The kernel kills this process when the thread that started it ends: the thread that calls the pool, or
        # the pool's manager thread, both alive as long as the pool.
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # it ended before the line above
            os._exit(1)
    else:
        threading.Thread(target=_watch, args=(parent,), daemon=True, name="end-with-parent").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:  # an orphan gets another parent
        time.sleep(1)
    os._exit(1)


def _call(function: Callable[[Any, Any], Any], chunk: Sequence[Any]) -> list:
    return [function(_context, item) for item in chunk]


def _on_processes(function, items, workers, context) -> list:
    # "spawn": a worker starts clean, whatever threads the caller runs (`mkdocs serve` watches files in threads).
    spawn = multiprocessing.get_context("spawn")
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=spawn,
                                                    initializer=_initialise, initargs=(context, os.getpid())) as pool:
            return [result for chunk in pool.map(_call, [function] * len(chunks), chunks) for result in chunk]
    except concurrent.futures.process.BrokenProcessPool as error:
        # A worker could not start (a caller that is not a file, such as `python -`) or died: the same work, here.
        log.warning("worker processes failed (%s): running in this process instead", error)
        return [function(context, item) for item in items]


def _on_dask(function, items, address, context) -> list:
    try:
        from distributed import Client
    except ImportError as error:
        raise ExecutorProblem(f"executor dask://{address} needs Dask's `distributed` (pip install distributed): "
                              f"{error}") from None
    _check_scheduler(address)
    with Client(address, timeout=DASK_TIMEOUT) as client:
        shared = client.scatter(context, broadcast=True)
        chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
        futures = client.map(_call_with, [function] * len(chunks), [shared] * len(chunks), chunks, pure=False)
        return [result for chunk in client.gather(futures) for result in chunk]


def _check_scheduler(address: str) -> None:
    """An ExecutorProblem unless a Dask scheduler answers at `address` within DASK_TIMEOUT. `Client` alone waits 30 s
    where nothing listens, and for ever on a server that accepts the connection and says nothing (distributed
    2026.8 sets no time limit on its handshake)."""
    import asyncio

    from distributed.core import rpc

    async def identity() -> dict:
        async with rpc(address, timeout=DASK_TIMEOUT) as scheduler:
            return await scheduler.identity()

    try:
        answer = asyncio.run(asyncio.wait_for(identity(), DASK_TIMEOUT))
    except Exception as error:  # noqa: BLE001 (whatever a server that is not Dask makes the protocol raise)
        reason = " ".join(str(error).split()) or f"no answer within {DASK_TIMEOUT} s"
        raise ExecutorProblem(f"executor dask://{address}: no Dask scheduler answers there ({reason})") from None
    if answer.get("type") != "Scheduler":
        raise ExecutorProblem(f"executor dask://{address}: a Dask {answer.get('type', 'server')} answers there, "
                              "not a scheduler")


def _call_with(function, context, chunk) -> list:
    return [function(context, item) for item in chunk]
