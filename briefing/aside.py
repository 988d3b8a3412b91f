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
    try:
        send.send_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        send.close()
    finally:
        # leave at once: no exit handlers, no flushing of stdio buffers shared with the parent
        # (whose lock another thread of the parent, a progress bar, may have held at the fork)
        os._exit(0)


def aside(fn: Callable[[], T], *, fork: bool = True) -> Pending[T]:
    return Pending(fn, fork)


class Worker:
    """A forked child process that serves ``fn(arg)`` calls, awaited from an event loop.

    ``fn`` may be any function (a closure over this process's data): the child inherits it when
    it is forked, so only the arguments and results are pickled. Calls are answered in order over
    a socket pair read by the event loop itself (no threads in this process, so no contention for
    the GIL with the loop). ``call`` raises ``WorkerError`` if the child dies or ``fn`` fails.
    """

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        import socket

        if not _can_fork():
            raise WorkerError("no fork on this platform")
        parent, child = socket.socketpair()
        ctx = multiprocessing.get_context("fork")
        self._proc = ctx.Process(target=_serve, args=(fn, child, parent), daemon=True)
        self._proc.start()
        child.close()
        self._sock: Any = parent
        self._streams: Any = None
        self._opening: Any = None
        self._waiting: Any = None
        self._reader_task: Any = None
        self.child_cpu_s = 0.0  # the child's CPU time so far, as of its last answer

    async def call(self, arg: Any) -> Any:
        import asyncio

        if self._sock is None:
            raise WorkerError("the worker is closed")
        if self._opening is None:  # once, however many calls arrive while it opens
            self._opening = asyncio.get_running_loop().create_task(self._open())
        await asyncio.shield(self._opening)
        # no await from here until the write: calls are queued in the order they are written
        future = asyncio.get_running_loop().create_future()
        self._waiting.append(future)
        payload = pickle.dumps(arg, protocol=pickle.HIGHEST_PROTOCOL)
        writer = self._streams[1]
        writer.write(len(payload).to_bytes(8, "little") + payload)
        return await future

    async def _open(self) -> None:
        import asyncio
        import collections

        self._waiting = collections.deque()
        self._streams = await asyncio.open_unix_connection(sock=self._sock)
        self._reader_task = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        reader = self._streams[0]
        try:
            while True:
                size = int.from_bytes(await reader.readexactly(8), "little")
                ok, value, self.child_cpu_s = pickle.loads(await reader.readexactly(size))
                future = self._waiting.popleft()
                if not future.done():
                    future.set_result(value) if ok else future.set_exception(WorkerError(value))
        except Exception as exc:
            while self._waiting:
                future = self._waiting.popleft()
                if not future.done():
                    future.set_exception(WorkerError(f"the worker stopped: {exc!r}"))

    def close(self) -> None:
        if self._reader_task is not None:
            self._reader_task.cancel()
        if self._streams is not None:
            self._streams[1].close()
        elif self._sock is not None:
            self._sock.close()
        self._sock = None
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join(timeout=5)


class WorkerError(Exception):
    """The worker could not answer (it died, or the function raised: its traceback is the message)."""


def _serve(fn: Callable[[Any], Any], sock: Any, parent_end: Any) -> None:
    try:
        _serve_until_closed(fn, sock, parent_end)
    finally:
        os._exit(0)  # as in _child: no exit handlers, no stdio flush


def _serve_until_closed(fn: Callable[[Any], Any], sock: Any, parent_end: Any) -> None:
    parent_end.close()
    stream = sock.makefile("rwb")
    while True:
        head = stream.read(8)
        if len(head) < 8:
            return
        arg = pickle.loads(stream.read(int.from_bytes(head, "little")))
        try:
            out: tuple[bool, Any, float] = (True, fn(arg), time.process_time())
        except Exception:
            out = (False, traceback.format_exc(limit=5), time.process_time())
        payload = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
        stream.write(len(payload).to_bytes(8, "little") + payload)
        stream.flush()
