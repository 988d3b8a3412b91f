"""The verification benchmark runs on all three sets (needs ../shared/corpus/saudinewsnet).

Its targets (false alarms <= 2%, each kind detected >= 95%) are not met yet on the untuned set:
see docs/grounding.md. This test holds the line where it is, so that a change that makes the
checker cry wolf again, or stop finding quotes, fails: the thresholds are floors under the
numbers measured on the untuned set, not the targets.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="SaudiNewsNet corpus not present")
def test_verification_benchmark_holds(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    run = subprocess.run([sys.executable, "bench/verification/run.py", "--set", "untuned", "--json", str(out)],
                         cwd=ROOT, capture_output=True, text=True)
    assert "== untuned: 269 faithful claims from 54 articles" in run.stdout, run.stdout + run.stderr
    result = json.loads(out.read_text())
    untuned = result["untuned"]
    f = untuned["faithful"]
    assert f["unverified"] / f["claims"] <= 0.10  # 39.4% before issue 11; 7.8% measured
    core = ["number", "date", "place", "person", "negation", "actor"]
    detected = sum(untuned["kinds"][k][1] for k in core) / sum(untuned["kinds"][k][0] for k in core)
    assert detected >= 0.95  # 89.5% before issue 11; 97.0% measured
    for kind in core:  # each kind (number, date, place, person, negation, actor): 95.3% to 98.8% measured
        assert untuned["kinds"][kind][1] / untuned["kinds"][kind][0] >= 0.95, kind
    assert untuned["kinds"]["move"][1] / untuned["kinds"]["move"][0] >= 0.60  # 70.0% measured
    # the claim's attribution swapped for a party the article does not name: 68.5% before a loose
    # transliteration was kept to the quotes, 87.6% measured after
    assert untuned["kinds"]["source"][1] / untuned["kinds"]["source"][0] >= 0.85
    drift = untuned["drift"]
    assert sum(v[1] for v in drift.values()) / sum(v[0] for v in drift.values()) >= 0.95
    assert drift["ellipsis"][1] / drift["ellipsis"][0] >= 0.95
