"""The fabrication benchmark meets its targets (needs ../shared/corpus/saudinewsnet)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="SaudiNewsNet corpus not present")
def test_fabrication_benchmark_meets_targets() -> None:
    run = subprocess.run([sys.executable, "bench/fabrication/run.py"], cwd=ROOT, capture_output=True, text=True)
    assert "targets (detection >= 95%, false alarms <= 2%): met" in run.stdout, run.stdout
    assert run.returncode == 0
    rows = {line.split()[0]: line.split() for line in run.stdout.splitlines()[2:9]}
    assert set(rows) == {"faithful", "number", "date", "place", "person", "negation", "actor"}
    assert int(rows["faithful"][1]) >= 150  # the SaudiNewsNet claims were loaded, not only the sample
