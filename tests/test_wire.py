"""Wire-level: the re-ask path through litellm and HTTP, replayed from tests/cassettes/reask.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from briefing import api

from .conftest import ROOT, SEEDS

CASSETTE = ROOT / "tests" / "cassettes" / "reask.yaml"


def test_reask_over_the_wire(tmp_path: Path) -> None:
    settings = api.settings_from_cassette(CASSETTE)
    options = api.GenerateOptions(date=dt.date(2017, 11, 4), out_dir=tmp_path, formats=("json",), replay=CASSETTE)
    briefing = api.generate([SEEDS], settings, options).briefing
    m = briefing.methodology
    assert (m.calls, m.reasks, m.claims_verified, m.claims_supported, m.claims_unverified) == (3, 1, 18, 2, 0)
    # the recorded re-ask carries the model's bad answer and the specific problem
    interactions = yaml.safe_load(CASSETTE.read_text(encoding="utf-8"))["interactions"]
    reasks = [i["request"]["json"]["messages"] for i in interactions if len(i["request"]["json"]["messages"]) > 2]
    assert len(reasks) == 1  # one pack of both articles, re-asked once
    for messages in reasks:
        assert messages[2]["role"] == "assistant" and "قاعدة عين الأسد" in messages[2]["content"]
        assert messages[3]["content"].count("evidence not found in the article") == 2
        for article_id in ("442ff65fe6ec9590", "377b5e36a9a954ce"):
            assert f"article {article_id}: claims[0] " in messages[3]["content"]
