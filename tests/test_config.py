from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import load_config
from briefing.errors import UsageError


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_precedence_flags_over_env_over_toml(tmp_path: Path) -> None:
    _write(tmp_path / "briefing.toml", '[model]\nname = "toml/model"\napi_base = "http://toml"\n'
           'timeout_s = 30\n[run]\nconcurrency = 8\nformats = ["pdf"]\n')
    env = {"BRIEFING_MODEL": "env/model"}
    cfg = load_config({}, env, config_file=None, cwd=tmp_path, home=tmp_path)
    assert (cfg.model, cfg.api_base, cfg.timeout_s, cfg.concurrency, cfg.formats) == (
        "env/model", "http://toml", 30.0, 8, ("pdf",))
    cfg = load_config({"model": "flag/model", "api_base": None}, env, config_file=None, cwd=tmp_path, home=tmp_path)
    assert cfg.model == "flag/model" and cfg.api_base == "http://toml"
    assert cfg.source.endswith("briefing.toml")


def test_defaults_and_missing_model(tmp_path: Path) -> None:
    cfg = load_config({}, {}, config_file=None, cwd=tmp_path, home=tmp_path)
    assert cfg.model is None and cfg.formats == ("html", "pdf", "json")
    with pytest.raises(UsageError, match="no model configured"):
        cfg.model_settings()


def test_bad_settings_are_usage_errors(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.toml", "[run]\nconcurency = 3\n")
    with pytest.raises(UsageError, match="unknown setting"):
        load_config({}, {}, config_file=bad, cwd=tmp_path, home=tmp_path)
    with pytest.raises(UsageError, match="structured_output"):
        load_config({"structured_output": "xml"}, {}, config_file=None, cwd=tmp_path, home=tmp_path)
    with pytest.raises(UsageError, match="not found"):
        load_config({}, {"BRIEFING_CONFIG": str(tmp_path / "nope.toml")}, config_file=None, cwd=tmp_path,
                    home=tmp_path)
