"""Record against briefing's own test server, then replay with the server gone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from briefing import api
from briefing.llm import ModelSettings
from tests.support.server import OpenAIServer, reference_responder

from .conftest import SEEDS

SECRET = "sk-test-DO-NOT-LEAK-0123456789abcdef"


def test_record_scrubs_keys_and_replay_needs_no_server(tmp_path: Path) -> None:
    cassette = tmp_path / "run.yaml"
    with OpenAIServer(reference_responder(SEEDS / "reference-responses.yaml")) as server:
        settings = ModelSettings(model="openai/reference-answers", api_base=server.base_url, api_key=SECRET)
        options = api.GenerateOptions(date=dt.date(2017, 11, 4), out_dir=tmp_path / "rec", formats=("json",),
                                      record=cassette)
        recorded = api.generate([SEEDS], settings, options).briefing
        assert len(server.requests) == 2  # both articles in one pack, then compose
    text = cassette.read_text(encoding="utf-8")
    assert SECRET not in text and "authorization" not in text.lower()
    assert "الحشد الشعبي" in text and "\\u0" not in text  # readable, Arabic unescaped
    data: dict[str, Any] = yaml.safe_load(text)
    assert data["briefing"]["model"] == "openai/reference-answers"
    assert len(data["interactions"]) == 2
    assert data["interactions"][0]["request"]["json"]["response_format"]["type"] == "json_schema"

    # The server is gone: only the cassette can answer (the async httpx path is intercepted).
    replay_settings = api.settings_from_cassette(cassette)
    options = api.GenerateOptions(date=dt.date(2017, 11, 4), out_dir=tmp_path / "rep", formats=("json",),
                                  replay=cassette)
    replayed = api.generate([SEEDS], replay_settings, options).briefing
    assert replayed.summaries == recorded.summaries
    assert replayed.bluf == recorded.bluf


def test_json_object_mode_puts_schema_in_prompt(tmp_path: Path) -> None:
    with OpenAIServer(reference_responder(SEEDS / "reference-responses.yaml")) as server:
        settings = ModelSettings(model="openai/reference-answers", api_base=server.base_url,
                                 structured_output="json_object")
        options = api.GenerateOptions(date=dt.date(2017, 11, 4), out_dir=tmp_path, formats=("json",))
        briefing = api.generate([SEEDS], settings, options).briefing
        first = server.requests[0]
    assert first["response_format"]["type"] == "json_object"
    assert first["response_format"]["schema"]["title"] == "PackDraft"
    assert "It must match this JSON Schema" in first["messages"][0]["content"]
    assert briefing.methodology.structured_output == "json_object" and not briefing.failed
