"""Where per-document work runs: this process, a pool of processes, or a Dask cluster.

Every executor returns results in the order of the tasks, whatever order they finish in, so
a build's output does not depend on how many workers made it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from kg.errors import ErrorCode, KGError

Task = TypeVar("Task")
Result = TypeVar("Result")


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class Workers:
    """A context manager that maps functions over tasks, in order, on ``count`` processes
    (``1``: in this process, no pool) or on the Dask scheduler at ``scheduler``."""

    def __init__(self, count: int, *, scheduler: str | None = None) -> None:
        self.count = count
        self.scheduler = scheduler
        self._pool = None
        self._client = None

    def __enter__(self) -> Workers:
        if self.scheduler:
            self._client = _dask_client(self.scheduler)
        elif self.count > 1:
            import multiprocessing

            # fork: workers start at once with kg already imported; nothing here holds locks
            # or threads yet (the pool is made before the progress display starts)
            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            context = multiprocessing.get_context(method)
            self._pool = context.Pool(self.count, initializer=_ignore_interrupt)
        return self

    def __exit__(self, kind, value, traceback) -> None:  # noqa: ANN001
        if self._pool is not None:
            if kind is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
        if self._client is not None:
            self._client.close()

    @property
    def description(self) -> str:
        if self.scheduler:
            return f"Dask scheduler {self.scheduler}"
        return f"{self.count} worker process{'es' if self.count > 1 else ''}"

    def map(self, function: Callable[[Task], Result], tasks: Iterable[Task]) -> Iterator[Result]:
        """``function`` over ``tasks``, results in task order as they become available."""
        tasks = list(tasks)
        if self._client is not None:
            futures = self._client.map(function, tasks, pure=False)
            try:
                for future in futures:
                    yield future.result()
            finally:
                self._client.cancel(futures)
        elif self._pool is not None:
            yield from self._pool.imap(function, tasks, chunksize=1)
        else:
            yield from map(function, tasks)


def _ignore_interrupt() -> None:
    """Ctrl-C is the parent's to handle: it stops the pool and keeps the previous output.
    (The spaCy pipeline is loaded by a worker's first uncached document, not here, so a
    build whose documents are all cached never loads it.)"""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _dask_client(address: str):  # noqa: ANN202 - distributed.Client
    try:
        from distributed import Client
    except ImportError as error:
        raise KGError.of(ErrorCode.E022, address=address,
                         detail="dask.distributed is not installed") from error
    try:
        return Client(address, timeout=10)
    except (OSError, TimeoutError, ValueError) as error:
        raise KGError.of(ErrorCode.E022, address=address, detail=str(error) or
                         type(error).__name__) from error
