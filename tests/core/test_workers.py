"""The build's worker processes (scripts/kb/core/workers.py): a result comes from the worker that
did the job, or the build process does a job no worker has started; never both, never neither."""

from __future__ import annotations

import functools
import os
import time
from concurrent.futures import wait
from pathlib import Path

import pytest

from scripts.kb.core import workers
from scripts.kb.core.workers import Jobs, WorkerSettings

ONE_WORKER = WorkerSettings(min_tasks=1, spare_cores=0, pages_per_job=20)


@pytest.fixture
def jobs(monkeypatch):
    monkeypatch.setattr(workers, "available_cores", lambda: 1)  # one worker on any machine
    started = Jobs()
    yield started
    started.stop()


def _done(jobs: Jobs) -> None:
    """Wait until the workers have done every job handed out (none is then taken back)."""
    wait(list(set(jobs._pending.values())))


def test_a_result_comes_from_the_worker_and_a_job_answers_all_its_keys(jobs):
    assert jobs.start([(("a", "b"), str.upper, ("worker",))], ONE_WORKER) == 1
    assert "a" in jobs and "b" in jobs
    _done(jobs)
    assert jobs.take("a", lambda: "here") == "WORKER"
    assert jobs.take("b", lambda: "here") == "WORKER" and "b" not in jobs
    assert jobs.take("c", lambda: "here") == "here"  # never handed out


def test_a_job_no_worker_has_started_is_done_here_and_never_by_a_worker(jobs):
    # The one worker sleeps; a pool queues one call ahead; the rest wait and can be taken back.
    queued = [((f"k{n}",), str.upper, (f"worker {n}",)) for n in range(6)]
    jobs.start([(("sleep",), time.sleep, (1.5,)), *queued], ONE_WORKER)
    while not jobs._pending["sleep"].running():
        time.sleep(0.01)
    assert jobs.take("k5", lambda: "here") == "here"
    assert jobs.take("sleep", lambda: "here") is None  # waited for: it had started
    assert all(jobs.take(f"k{n}", lambda: "here") in ("here", f"WORKER {n}") for n in range(5))


def test_what_a_job_raises_is_raised_where_it_is_taken(jobs):
    jobs.start([(("bad",), int, ("不是数字",))], ONE_WORKER)
    _done(jobs)
    with pytest.raises(ValueError, match="不是数字"):
        jobs.take("bad", lambda: 0)


def test_too_few_tasks_or_no_spare_core_start_no_worker(jobs):
    assert jobs.start([(("a", "b"), str.upper, ("x",))], WorkerSettings(3, 0, 20)) == 0
    assert jobs.start([(("a", "b", "c"), str.upper, ("x",))], WorkerSettings(3, 1, 20)) == 0  # 1 core, 1 spare
    assert not jobs.running and "a" not in jobs
    assert jobs.start([(("a", "b", "c"), str.upper, ("x",))], WorkerSettings(3, 0, 20)) == 1
    assert jobs.start([(("d",), str.upper, ("y",))], WorkerSettings(3, 0, 20)) == 1  # workers running: any number
    _done(jobs)
    assert jobs.take("d", lambda: "") == "Y"


def test_settings_come_from_the_data_file():
    settings = workers.worker_settings()
    assert settings.min_tasks >= 1 and settings.spare_cores >= 0 and settings.pages_per_job >= 1
    assert settings.gc_threshold > 700  # collect_less collects less often than Python does


def test_the_build_process_and_its_workers_collect_less(jobs, monkeypatch):
    import gc
    monkeypatch.setattr(gc, "freeze", lambda: None)  # this test process keeps collecting what it holds
    before = gc.get_threshold()
    try:
        workers.collect_less()
        assert gc.get_threshold() == (workers.worker_settings().gc_threshold, *before[1:])
    finally:
        gc.set_threshold(*before)
    jobs.start([(("gc",), gc.get_threshold, ()), (("frozen",), gc.get_freeze_count, ())], ONE_WORKER)
    _done(jobs)
    assert jobs.take("gc", tuple)[0] == workers.worker_settings().gc_threshold
    assert jobs.take("frozen", int) > 0


class _Leftover:
    """Writes into a file when it is freed (a worker's teardown would free it)."""

    def __init__(self, path: str):
        self.write = functools.partial(os.write, os.open(path, os.O_WRONLY | os.O_CREAT), b"freed")  # ready before teardown

    def __del__(self):
        self.write()


_KEPT: list[_Leftover] = []


def _keep_until_exit(path: str) -> bool:
    _KEPT.append(_Leftover(path))
    return True


def test_a_stopped_worker_exits_at_once_without_freeing_its_heap(jobs, tmp_path):
    """Its results are all in by then; freeing a build's heap object by object took half a second."""
    marker = tmp_path / "freed"
    jobs.start([(("kept",), _keep_until_exit, (str(marker),))], ONE_WORKER)
    _done(jobs)
    assert jobs.take("kept", lambda: False)
    processes = list(jobs._pool._processes.values())
    jobs.stop()
    assert [process.exitcode for process in processes] == [0]
    assert marker.read_bytes() == b""  # made when kept, written when freed
