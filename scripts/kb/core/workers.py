"""Work a build hands to worker processes, done beside what the build process does meanwhile.

A cold build converts every page and makes every Word file. Jobs started here run in worker
processes; the build process takes a job's result when it needs it, or does the job itself when
no worker has started on it yet (it never will then). So the results never depend on how many
workers there are or how fast they run, and at the end the build process shares the work. The
workers start only when there are enough jobs to pay for starting them
(``scripts/data/build_workers.yml``), and only on a machine with a core to spare.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, TypeVar

from scripts.kb.core.cores import available_cores
from scripts.kb.core.data import read_yaml
from scripts.kb.core.paths import DATA_DIR, ROOT

T = TypeVar("T")


@dataclass(frozen=True)
class WorkerSettings:
    min_tasks: int  # fewer pages and documents than this: the build process does them itself
    spare_cores: int  # cores left to the build process, which keeps working meanwhile
    pages_per_job: int  # pages converted in one job (a job carries the table of the site's files); files checked, Word files made
    gc_threshold: int = 700  # allocations between two collections of the youngest objects (collect_less)


@lru_cache(maxsize=None)
def worker_settings(path: Path = DATA_DIR / "build_workers.yml") -> WorkerSettings:
    raw = read_yaml(path)
    return WorkerSettings(int(raw["min_tasks"]), int(raw["spare_cores"]), int(raw["pages_per_job"]), int(raw["gc_threshold"]))


def collect_less() -> None:
    """In a build process or worker, once its imports are done: what it holds by then (modules, the
    theme, the configuration) stays out of the garbage collections from now on (``gc.freeze``), and
    the youngest objects are collected every ``gc_threshold`` allocations instead of every 700. A
    build allocates millions of objects that reference counting frees, and the collections that
    this many allocations set off went over a heap of a gigabyte again and again: about a tenth of
    a cold build. Freezing once is enough (objects frozen later could never be collected)."""
    if not gc.get_freeze_count():
        gc.freeze()
    gc.set_threshold(worker_settings().gc_threshold, *gc.get_threshold()[1:])


def _worker_started() -> None:
    """A worker's initializer: ``collect_less``, and no interpreter teardown when it exits (freeing
    its heap one object at a time took half a second, which ``stop`` waited for). A worker exits
    when ``stop`` tells it to, and by then it has sent every result."""
    collect_less()
    atexit.register(os._exit, 0)


class Jobs:
    def __init__(self):
        self._pool: ProcessPoolExecutor | None = None
        self._pending: dict[str, Future] = {}

    @property
    def running(self) -> bool:
        return self._pool is not None

    def start(self, jobs: list[tuple[tuple[str, ...], Callable, tuple]], settings: WorkerSettings | None = None) -> int:
        """Hand these jobs (the keys of the results a job returns, a module-level function and its
        picklable arguments) to the workers, in this order; none when they answer fewer than
        ``min_tasks`` keys and no worker runs yet. Returns how many jobs were handed out."""
        settings = settings or worker_settings()
        jobs = [job for job in jobs if not any(key in self._pending for key in job[0])]
        workers = available_cores() - settings.spare_cores
        tasks = sum(len(keys) for keys, _, _ in jobs)
        if not jobs or (self._pool is None and (tasks < max(settings.min_tasks, 1) or workers < 1)):
            return 0
        if self._pool is None:
            self._pool = self._new_pool(workers)
        for keys, function, args in jobs:
            future = self._pool.submit(function, *args)
            self._pending.update(dict.fromkeys(keys, future))
        return len(jobs)

    def warm_up(self, function: Callable, args: tuple, settings: WorkerSettings | None = None) -> bool:
        """Start the workers now, before there are jobs (a cold build does so before check), each
        with ``function(*args)`` (what every job will need: imports, the configuration), so that
        they are ready when the jobs come. Returns whether workers were started."""
        settings = settings or worker_settings()
        workers = available_cores() - settings.spare_cores
        if self._pool is not None or workers < 1:
            return False
        self._pool = self._new_pool(workers)
        for _ in range(workers):
            self._pool.submit(function, *args)
        return True

    @staticmethod
    def _new_pool(workers: int) -> ProcessPoolExecutor:
        # A worker imports this package by name, with the build process's sys.path; MkDocs
        # takes the project's root off it again after loading scripts/hooks.py.
        if str(ROOT) not in sys.path:
            sys.path.append(str(ROOT))
        # spawn, not fork: the build process may run threads (mkdocs serve's watcher and server).
        return ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_worker_started)

    def __contains__(self, key: str) -> bool:
        return key in self._pending

    def take(self, key: str, here: Callable[[], T]) -> T:
        """The result of the job with ``key`` from its worker (raising what the job raised), or
        ``here()`` when no job has that key or no worker has started on it (a job with several
        keys: on any of them)."""
        future = self._pending.pop(key, None)
        if future is None or future.cancel():
            return here()
        return future.result()

    def take_item(self, key: str, item: str | None = None):
        """For a job whose function returns its results by item (a dict; see ``batches``): the
        result for ``item`` (default: ``key``), or None when no worker started on it, or its worker
        failed (the caller then does the work itself, and reports what goes wrong)."""
        try:
            return self.take(key, dict).get(key if item is None else item)
        except Exception:
            return None

    def stop(self) -> None:
        """Drop the jobs no one took and stop the workers (the build is over, or failed)."""
        for future in self._pending.values():
            future.cancel()
        self._pending.clear()
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True, cancel_futures=True)


def batches(items: list, size: int) -> list[list]:
    """``items`` in consecutive jobs of ``size`` (at least 1) each."""
    size = max(size, 1)
    return [items[at:at + size] for at in range(0, len(items), size)]


JOBS = Jobs()  # the build process's workers: check, page conversion, the index, Word files and .gz share them
