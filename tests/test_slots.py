from __future__ import annotations

import asyncio

import pytest

from briefing.slots import FIRST, NEW, Slots


def test_at_most_n_in_flight_and_dependent_requests_go_first() -> None:
    async def main() -> tuple[int, list[str]]:
        slots = Slots(2)
        order: list[str] = []
        peak = 0

        async def request(name: str, priority: int, hold: float) -> None:
            nonlocal peak
            await slots.acquire(priority)
            peak = max(peak, slots.in_use)
            order.append(name)
            await asyncio.sleep(hold)
            slots.release()

        first = [asyncio.create_task(request(f"a{i}", NEW, 0.02)) for i in range(2)]
        await asyncio.sleep(0)
        waiting = [asyncio.create_task(request(f"new{i}", NEW, 0.0)) for i in range(3)]
        await asyncio.sleep(0)
        reask = asyncio.create_task(request("reask", FIRST, 0.0))
        await asyncio.gather(*first, *waiting, reask)
        return peak, order

    peak, order = asyncio.run(main())
    assert peak == 2
    assert order[:2] == ["a0", "a1"]
    assert order[2] == "reask"  # queued last, served first
    assert order[3:] == ["new0", "new1", "new2"]  # then in arrival order


def test_a_cancelled_waiter_does_not_lose_a_slot() -> None:
    async def main() -> int:
        slots = Slots(1)
        await slots.acquire()
        waiter = asyncio.create_task(slots.acquire())
        await asyncio.sleep(0)
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        slots.release()
        await asyncio.wait_for(slots.acquire(), 1)  # the slot is free again
        return slots.in_use

    assert asyncio.run(main()) == 1
