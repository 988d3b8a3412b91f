"""How often the claim check is wrong, as measured, told to every reader of a briefing.

A badge is only worth its error rate. The numbers are those of the verification benchmark
(``bench/verification/run.py``) on its held-out sets, the claims the checker was never tuned on,
as recorded in ``bench/verification/results-after.txt``; ``tests/test_reliability.py`` reads that
file and fails when the two disagree, so a new measurement cannot leave a stale sentence in the
briefings.
"""

from __future__ import annotations

from typing import NamedTuple


class Measured(NamedTuple):
    checker: str  # the commit the benchmark ran on
    true_claims: int  # faithful claims of the held-out sets
    false_alarms: int  # of them, marked unverified
    caught: int  # inserted errors (numbers, dates, places, people, negations, actors) marked unverified
    inserted: int
    moves_caught: int  # a name or number swapped for another that the same article states elsewhere
    moves: int


HELD_OUT = Measured(checker="d938927", true_claims=2141, false_alarms=177, caught=9094, inserted=9374,
                    moves_caught=1099, moves=1693)


def note(measured: Measured = HELD_OUT) -> str:
    """One sentence for a reader: what UNVERIFIED means in practice."""
    rate = measured.false_alarms / measured.true_claims
    often = f"{rate:.1%}, about one in {round(1 / rate)}" if rate else "none"
    return (
        f"On articles it was not tuned on, the check marked {measured.false_alarms:,} of {measured.true_claims:,} "
        f"true claims unverified ({often}) and caught "
        f"{measured.caught / measured.inserted:.0%} of inserted errors (a changed number, date, place, person, actor "
        f"or negation) but only {measured.moves_caught / measured.moves:.0%} of details swapped for another that the "
        "same article states: an unverified claim is one to check against its evidence, not one shown false."
    )
