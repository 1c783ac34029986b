"""graph/on_other_core.py: a build step forked to the other core gives the same answer, or the same
error, as the step run inline, and runs inline while other threads are running."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hzkg.graph import on_other_core
from hzkg.graph.findings import InputError


def _pid_and_sum():
    return os.getpid(), sum(range(1000))


def _in_a_process_of_one_thread(name: str) -> None:
    """Run this file's function `name` in a new Python process: a step forks only where no other thread
    runs, and a pytest-xdist worker (`make test`) runs threads of its own (execnet's)."""
    here = Path(__file__)
    code = f"import sys; sys.path.insert(0, {str(here.parent)!r}); import {here.stem} as m; m.{name}()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_step_runs_in_a_child_and_its_answer_comes_back():
    _in_a_process_of_one_thread("_the_step_runs_in_a_child_and_its_answer_comes_back")


def _the_step_runs_in_a_child_and_its_answer_comes_back():
    with on_other_core.start(_pid_and_sum) as started:
        pid, total = started.result()
    assert total == 499500
    assert pid != os.getpid()  # this process runs one thread, so the step was forked
    assert started.seconds >= 0


def test_an_error_in_the_child_is_raised_in_the_parent_as_it_was():
    def fails():
        raise InputError("facts/x.ttl: cannot read")

    with on_other_core.start(fails) as started:
        with pytest.raises(InputError, match="facts/x.ttl: cannot read"):
            started.result()


def test_with_other_threads_running_the_step_runs_inline():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with on_other_core.start(_pid_and_sum) as started:
            pid, _ = started.result()
    finally:
        stop.set()
        thread.join()
    assert pid == os.getpid()


def test_leaving_early_reaps_the_child():
    _in_a_process_of_one_thread("_leaving_early_reaps_the_child")


def _leaving_early_reaps_the_child():
    with pytest.raises(KeyError):
        with on_other_core.start(_pid_and_sum) as started:
            child = started._pid
            raise KeyError("an error in the parent's own steps")
    assert child is not None
    with pytest.raises(ChildProcessError):  # already waited for: no zombie left behind
        os.waitpid(child, os.WNOHANG)
