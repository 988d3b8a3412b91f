"""The structured-output mode chosen per provider, and lenient parsing of what local models send."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from briefing.config import load_config
from briefing.errors import UsageError
from briefing.llm import LiteLLMCompletion, LLMRequest, ModelSettings
from briefing.models import ClaimDraft
from briefing.providers import choose_mode
from briefing.structured import parse_json


@pytest.mark.parametrize(("model", "api_base", "mode"), [
    ("openai/gpt-4o-mini", None, "json_schema"),  # the provider's own API, litellm's map says yes
    ("openai/gpt-4o-mini", "https://api.openai.com/v1", "json_schema"),
    ("openai/gemma-3-270m", "http://127.0.0.1:8080/v1", "json_object"),  # llama-cpp-python and friends
    ("openai/anything", "https://llm.example.org/v1", "json_object"),
    ("llamafile/local", "http://127.0.0.1:8080/v1", "json_object"),
    ("ollama/llama3", "http://127.0.0.1:11434", "json_schema"),
    ("anthropic/claude-3-5-sonnet-20241022", None, "json_schema"),
    ("gpt-3.5-turbo", None, "prompt"),  # litellm's map: no response schemas
    ("no-such-provider-model", None, "prompt"),
])
def test_auto_chooses_per_provider(model: str, api_base: str | None, mode: str) -> None:
    choice = choose_mode(model, api_base)
    assert choice.mode == mode and choice.why


def test_explicit_setting_wins() -> None:
    assert choose_mode("openai/gemma-3-270m", "http://127.0.0.1:8080/v1", "json_schema").mode == "json_schema"
    assert choose_mode("openai/gpt-4o-mini", None, "prompt").mode == "prompt"


def test_config_resolves_auto(tmp_path: Path) -> None:
    local = {"model": "openai/gemma-3-270m", "api_base": "http://127.0.0.1:8080/v1"}
    cfg = load_config(local, {}, config_file=None, cwd=tmp_path, home=tmp_path)
    assert cfg.model.structured_output == "auto" and cfg.model_settings().structured_output == "json_object"
    cfg = load_config(local, {"BRIEFING_STRUCTURED_OUTPUT": "prompt"}, config_file=None, cwd=tmp_path, home=tmp_path)
    assert cfg.model_settings().structured_output == "prompt"
    cfg = load_config({"model": "openai/gpt-4o-mini"}, {}, config_file=None, cwd=tmp_path, home=tmp_path)
    assert cfg.model_settings().structured_output == "json_schema"
    with pytest.raises(UsageError, match="auto, json_schema, json_object, prompt"):
        load_config({"structured_output": "grammar"}, {}, config_file=None, cwd=tmp_path, home=tmp_path)


def test_json_object_mode_sends_the_schema() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    request = LLMRequest(purpose="t", messages=[{"role": "user", "content": "hi"}], schema_name="A",
                         json_schema=schema)
    kwargs = LiteLLMCompletion(ModelSettings(model="openai/x", api_base="http://127.0.0.1:1/v1",
                                             structured_output="json_object"))._kwargs(request)
    assert kwargs["response_format"] == {"type": "json_object", "schema": schema}
    assert '"properties"' in kwargs["messages"][0]["content"]  # and in the prompt, for servers that ignore it


def test_raw_newlines_inside_strings_are_accepted() -> None:
    # llama.cpp's JSON grammar lets a literal newline into a string; strict JSON (and pydantic) refuse it.
    text = ('{"text_en": "Two rockets\nhit the airport.", "evidence": ["سقط صاروخان\nعلى المطار"], '
            '"attributed_to": "the outlet", "stance": "asserted"}')
    claim = parse_json(ClaimDraft, "Here you go:\n" + text)
    assert claim.text_en == "Two rockets\nhit the airport." and claim.evidence == ["سقط صاروخان\nعلى المطار"]


def test_other_invalid_json_still_fails() -> None:
    with pytest.raises(ValidationError, match="Invalid JSON"):
        parse_json(ClaimDraft, '{"text_en": "x", "evidence": ["y"],, }')
    with pytest.raises(ValidationError, match="stance"):
        parse_json(ClaimDraft, '{"text_en": "x\ny", "evidence": ["y"], "attributed_to": "z", "stance": "maybe"}')
