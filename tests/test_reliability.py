"""The check's measured error rate, as every briefing tells it, agrees with the benchmark's record."""

from __future__ import annotations

import re
from pathlib import Path

from briefing import reliability
from briefing.message import _bodies
from briefing.render import render_digest_html, render_html
from tests.test_render import make_briefing

RESULTS = Path(__file__).resolve().parents[1] / "bench" / "verification" / "results-after.txt"
HELD_OUT = ("untuned", "dev11", "dev12", "dev15", "dev16", "dev18", "dev19")
INSERTED = ("number", "date", "place", "person", "negation", "actor")


def _recorded() -> tuple[str, dict[str, dict[str, tuple[int, int]]]]:
    """The checker's commit and, per set, per kind: (flagged, claims) from results-after.txt."""
    text = RESULTS.read_text(encoding="utf-8")
    commit = re.search(r"^# The checker now \((\w+)\)", text, re.M)
    assert commit, "results-after.txt names the commit it measured"
    sets: dict[str, dict[str, tuple[int, int]]] = {}
    for block in re.split(r"^== ", text, flags=re.M)[1:]:
        name = block.split(":", 1)[0]
        rows = re.findall(r"^(\w+)\s+(\d+)\s+(\d+)\s+[\d.]+%", block, re.M)
        sets[name] = {kind: (int(flagged), int(claims)) for kind, claims, flagged in rows}
    return commit.group(1), sets


def test_the_sentence_matches_the_recorded_held_out_measurement() -> None:
    commit, sets = _recorded()
    assert set(HELD_OUT) <= set(sets), "every held-out set is in the record"

    def total(kinds: tuple[str, ...]) -> tuple[int, int]:
        pairs = [sets[s][k] for s in HELD_OUT for k in kinds]
        return sum(f for f, _ in pairs), sum(n for _, n in pairs)

    m = reliability.HELD_OUT
    assert m.checker == commit
    assert (m.false_alarms, m.true_claims) == total(("faithful",))
    assert (m.caught, m.inserted) == total(INSERTED)
    assert (m.moves_caught, m.moves) == total(("move",))


def test_the_sentence_reads_right() -> None:
    note = reliability.note(reliability.Measured("abc", true_claims=200, false_alarms=10, caught=950, inserted=1000,
                                                 moves_caught=130, moves=200))
    assert "10 of 200 true claims unverified (5.0%, about one in 20)" in note
    assert "caught 95% of inserted errors" in note and "only 65% of details swapped" in note


def test_every_reader_is_told() -> None:
    briefing = make_briefing()
    note = reliability.note()
    assert note in render_html(briefing)  # the methodology of the full briefing (and its PDF)
    assert note in render_digest_html(briefing)  # the digest, the PDF that is emailed
    text, html = _bodies(briefing, [], "digest.pdf", "1 KB")
    assert note in text and note in html
