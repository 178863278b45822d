"""Where the work of reading and annotating runs: in this process, on every core, or on a cluster.

    executor: serial            one process (small jobs, tests, debugging)
    executor: processes         a process pool, one worker per core (the default)
    executor: processes:4       four workers
    executor: dask://host:8786  the workers of a Dask cluster (`distributed`), for a corpus that outgrows a machine

`run(function, items, setting, context)` applies `function(context, item)` to every item and returns the
results in the order of the items, whatever ran where: the output never depends on the executor. `context` (the
compiled knowledge, say) is sent once per worker, not once per item. Work this small is done here: starting
workers costs more than it saves.
"""
from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
from typing import Any, Callable, Sequence

log = logging.getLogger("generator.executor")

SMALL_JOB = 100  # fewer items run here: a worker takes ~6 s to start and load the model, an article ~0.1 s
CHUNK = 8  # items sent to a worker at once

_context: Any = None  # the context, in each worker process


def run(function: Callable[[Any, Any], Any], items: Sequence[Any], setting: str = "processes", context: Any = None) -> list:
    kind, _, argument = (setting or "processes").partition(":")
    if kind == "dask" or setting.startswith("dask://"):
        return _on_dask(function, items, setting.removeprefix("dask:").removeprefix("//"), context)
    workers = int(argument) if argument.isdigit() else (os.cpu_count() or 1)
    if kind == "serial" or workers <= 1 or len(items) < SMALL_JOB:
        return [function(context, item) for item in items]
    return _on_processes(function, items, workers, context)


def _initialise(context: Any) -> None:
    global _context
    _context = context


def _call(function: Callable[[Any, Any], Any], chunk: Sequence[Any]) -> list:
    return [function(_context, item) for item in chunk]


def _on_processes(function, items, workers, context) -> list:
    # "spawn": a worker starts clean, whatever threads the caller runs (`mkdocs serve` watches files in threads).
    spawn = multiprocessing.get_context("spawn")
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    try:
        with concurrent.futures.ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=spawn,
                                                    initializer=_initialise, initargs=(context,)) as pool:
            return [result for chunk in pool.map(_call, [function] * len(chunks), chunks) for result in chunk]
    except concurrent.futures.process.BrokenProcessPool as error:
        # A worker could not start (a caller that is not a file, such as `python -`) or died: the same work, here.
        log.warning("worker processes failed (%s): running in this process instead", error)
        return [function(context, item) for item in items]


def _on_dask(function, items, address, context) -> list:
    try:
        from distributed import Client
    except ImportError as error:
        raise SystemExit(f"executor dask://{address} needs Dask's `distributed` (pip install distributed): {error}")
    with Client(address) as client:
        shared = client.scatter(context, broadcast=True)
        chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
        futures = client.map(_call_with, [function] * len(chunks), [shared] * len(chunks), chunks, pure=False)
        return [result for chunk in client.gather(futures) for result in chunk]


def _call_with(function, context, chunk) -> list:
    return [function(context, item) for item in chunk]
