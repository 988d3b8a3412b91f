"""Request slots: at most ``n`` LLM requests in flight, the dependent ones first.

Like ``asyncio.Semaphore``, but waiters are served by priority, then in arrival order. A re-ask
or a merge continues a story that is already under way (its chain is the critical path), so it
takes the next free slot ahead of requests that start a new story.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools

FIRST = 0  # re-asks, merges: a story's next step
NEW = 1  # a story's first request


class Slots:
    def __init__(self, n: int) -> None:
        self.n = max(1, n)
        self._free = self.n
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    @property
    def in_use(self) -> int:
        return self.n - self._free

    async def acquire(self, priority: int = NEW) -> None:
        if self._free > 0:  # never with a live waiter: a released slot goes straight to one
            self._free -= 1
            return
        fut: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiters, (priority, next(self._seq), fut))
        try:
            await fut
        except asyncio.CancelledError:
            if fut.done() and not fut.cancelled():  # handed a slot, then cancelled: pass it on
                self.release()
            raise

    def release(self) -> None:
        while self._waiters:
            _, _, fut = heapq.heappop(self._waiters)
            if not fut.done():
                fut.set_result(None)  # the slot passes straight to this waiter
                return
        self._free = min(self.n, self._free + 1)
