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
    assert (cfg.model.name, cfg.model.api_base, cfg.model.timeout_s, cfg.run.concurrency, cfg.run.formats) == (
        "env/model", "http://toml", 30.0, 8, ("pdf",))
    cfg = load_config({"model": "flag/model", "api_base": None}, env, config_file=None, cwd=tmp_path, home=tmp_path)
    assert cfg.model.name == "flag/model" and cfg.model.api_base == "http://toml"
    assert cfg.source.endswith("briefing.toml")


def test_defaults_and_missing_model(tmp_path: Path) -> None:
    cfg = load_config({}, {}, config_file=None, cwd=tmp_path, home=tmp_path)
    assert cfg.model.name is None and cfg.run.formats == ("html", "pdf", "json")
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


def test_errors_name_the_key_and_where_it_came_from(tmp_path: Path) -> None:
    bad = _write(tmp_path / "desk.toml", '[run]\nconcurrency = 0\n[email]\ntls = "maybe"\n')
    with pytest.raises(UsageError) as caught:
        load_config({}, {}, config_file=bad, cwd=tmp_path, home=tmp_path)
    message = str(caught.value)
    assert f"[run] concurrency in {bad}" in message and "greater than or equal to 1" in message
    assert f"[email] tls in {bad}: must be one of starttls, ssl, none" in message
    with pytest.raises(UsageError, match=r"\[model\] timeout_s BRIEFING_TIMEOUT"):
        load_config({}, {"BRIEFING_TIMEOUT": "soon"}, config_file=None, cwd=tmp_path, home=tmp_path)
    with pytest.raises(UsageError, match=r"\[run\] formats --formats: unknown format\(s\) docx"):
        load_config({"formats": "html,docx"}, {}, config_file=None, cwd=tmp_path, home=tmp_path)


def test_one_model_holds_every_default() -> None:
    from briefing import api
    from briefing.config import DEFAULTS
    from briefing.summarize import SummarizeOptions

    options = api.GenerateOptions(date=__import__("datetime").date(2017, 11, 4), out_dir=Path("out"))
    run = DEFAULTS.run
    assert (options.concurrency, options.max_chunk_tokens, options.pack_articles, options.max_reasks,
            options.formats) == (run.concurrency, run.max_chunk_tokens, run.pack_articles, run.max_reasks, run.formats)
    assert (SummarizeOptions().max_reasks, SummarizeOptions().pack_articles) == (run.max_reasks, run.pack_articles)
