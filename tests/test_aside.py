from __future__ import annotations

import os

import pytest

from briefing.aside import aside


def _pid_and_square(n: int) -> tuple[int, int]:
    total = sum(i * i for i in range(n))
    return os.getpid(), total


def test_forked_worker_returns_its_result_and_cpu() -> None:
    pending = aside(lambda: _pid_and_square(200_000))
    (pid, total), cpu_s, wall_s = pending.result()
    assert total == sum(i * i for i in range(200_000))
    assert pending.forked and pid != os.getpid()  # computed in the child
    assert cpu_s > 0 and wall_s >= cpu_s * 0.5


def test_in_process_when_fork_is_off() -> None:
    pending = aside(lambda: _pid_and_square(10), fork=False)
    (pid, _), _, _ = pending.result()
    assert not pending.forked and pid == os.getpid()


def test_a_failing_child_raises_the_real_error_here() -> None:
    def boom() -> int:
        raise ValueError("bad input 42")

    with pytest.raises(ValueError, match="bad input 42"):
        aside(boom).result()


def test_a_child_that_dies_is_redone_here() -> None:
    calls: list[int] = []

    def dies_in_child() -> int:
        calls.append(1)
        if calls and os.getpid() != parent:
            os._exit(9)  # killed without a word
        return 7

    parent = os.getpid()
    assert aside(dies_in_child).result()[0] == 7
