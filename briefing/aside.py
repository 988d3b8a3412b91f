"""Run one CPU-bound function in a forked child while this process does something else.

``generate`` clusters the day's articles in a child process while the parent imports litellm
and loads the tokenizer (about 3 s of CPU on its own): on a machine with two cores the two
overlap instead of adding up. The child's result comes back pickled through a pipe, with the CPU
seconds it spent, so the manifest still counts that work. Where ``fork`` is not available (or
not wanted) the function simply runs in-process when its result is asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """A result being computed; ``result()`` waits for it: (value, cpu_s, wall_s)."""

    def __init__(self, fn: Callable[[], T], fork: bool) -> None:
        self._fn = fn
        self._proc: Any = None
        self.forked = False
        if fork and _can_fork():
            ctx = multiprocessing.get_context("fork")
            self._recv, send = ctx.Pipe(duplex=False)
            self._proc = ctx.Process(target=_child, args=(fn, send), daemon=True)
            self._proc.start()
            send.close()
            self.forked = True

    def result(self) -> tuple[T, float, float]:
        if self._proc is None:
            cpu, wall = time.process_time(), time.perf_counter()
            value = self._fn()
            return value, time.process_time() - cpu, time.perf_counter() - wall
        try:
            payload = self._recv.recv_bytes()
        except EOFError:
            payload = b""
        finally:
            self._recv.close()
            self._proc.join()
        outcome: tuple[bool, Any, float, float] = pickle.loads(payload) if payload else (False, "", 0.0, 0.0)
        ok, value, cpu, wall = outcome
        if not ok:  # the child failed or died (killed, out of memory): run it here, where an error is raised
            return Pending(self._fn, fork=False).result()
        return value, float(cpu), float(wall)


def _can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith("linux")


def _child(fn: Callable[[], Any], send: Any) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    try:
        value = fn()
        payload = (True, value, time.process_time() - cpu, time.perf_counter() - wall)
    except BaseException:
        payload = (False, traceback.format_exc(limit=5), 0.0, 0.0)
    send.send_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    send.close()


def aside(fn: Callable[[], T], *, fork: bool = True) -> Pending[T]:
    return Pending(fn, fork)
