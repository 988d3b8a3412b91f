"""Response cache (re-runs make no calls, two runs share it safely) and the cost budget."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from briefing import api
from briefing.llm import ModelSettings
from tests.support.server import OpenAIServer, reference_responder

from .conftest import SEEDS


def _options(tmp_path: Path, **kw: object) -> api.GenerateOptions:
    return api.GenerateOptions(date=dt.date(2017, 11, 4), out_dir=tmp_path / "out", formats=("json",), **kw)  # type: ignore[arg-type]


def test_rerun_is_served_from_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "responses.sqlite"
    with OpenAIServer(reference_responder(SEEDS / "reference-responses.yaml")) as server:
        settings = ModelSettings(model="openai/reference-answers", api_base=server.base_url)
        first = api.generate([SEEDS], settings, _options(tmp_path, cache_path=cache))
        assert len(server.requests) == 2 and first.manifest.calls == 2 and first.manifest.cache_hits == 0
        second = api.generate([SEEDS], settings, _options(tmp_path, cache_path=cache))
        assert len(server.requests) == 2  # nothing new on the wire
    assert (second.manifest.calls, second.manifest.cache_hits) == (0, 2)
    assert second.briefing.summaries == first.briefing.summaries
    manifest = json.loads((tmp_path / "out" / "briefing-2017-11-04.manifest.json").read_text(encoding="utf-8"))
    assert manifest["cache_hits"] == 2 and manifest["calls"] == 0


def test_budget_stops_paid_calls_and_briefing_says_so(tmp_path: Path) -> None:
    with OpenAIServer(reference_responder(SEEDS / "reference-responses.yaml")) as server:
        # a priced model name, answered by the local server: litellm prices gpt-4o-mini
        settings = ModelSettings(model="openai/gpt-4o-mini", api_base=server.base_url)
        result = api.generate([SEEDS], settings, _options(tmp_path, max_cost_usd=0.0001))
        assert len(server.requests) == 0
    assert len(result.briefing.failed) == 2 and result.partial
    assert all("budget" in f.reason for f in result.briefing.failed)
    assert result.manifest.refused_for_budget >= 1  # the pack of both articles
    assert "budget" in (result.briefing.methodology.budget_note or "")
