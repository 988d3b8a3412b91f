"""Settings, read at the edge: CLI flags > ``BRIEFING_*`` environment > TOML file > defaults.

The CLI passes in the flags, the environment mapping and the paths; library code never reads
``os.environ`` itself. The TOML file is ``--config``, else ``$BRIEFING_CONFIG``, else
``./briefing.toml``, else ``~/.config/briefing/config.toml``::

    [model]
    name = "openai/gpt-4o-mini"       # any litellm model string
    api_base = "http://127.0.0.1:8080/v1"
    structured_output = "auto"        # or json_schema, json_object, prompt (see providers.py)
    timeout_s = 120
    max_output_tokens = 4096

    [run]
    concurrency = 4
    max_chunk_tokens = 6000
    pack_articles = 6                 # short articles per call (1: one call per article)
    max_reasks = 2
    formats = ["html", "pdf", "json"]

API keys are never read from this file: litellm reads each provider's usual variable
(``OPENAI_API_KEY``, ``ANTHROPIC_API_KEY``, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UsageError
from .llm import ModelSettings
from .providers import STRUCTURED_SETTINGS, StructuredSetting, choose_mode
from .tomlfile import read_toml

ENV = {
    "model": "BRIEFING_MODEL",
    "api_base": "BRIEFING_API_BASE",
    "structured_output": "BRIEFING_STRUCTURED_OUTPUT",
    "timeout_s": "BRIEFING_TIMEOUT",
}


@dataclass(frozen=True)
class Config:
    model: str | None = None
    api_base: str | None = None
    structured_output: StructuredSetting = "auto"  # auto: chosen per provider (providers.choose_mode)
    timeout_s: float = 120.0
    max_output_tokens: int = 4096
    concurrency: int = 4
    max_chunk_tokens: int = 6000
    pack_articles: int = 6
    max_reasks: int = 2
    formats: tuple[str, ...] = ("html", "pdf", "json")
    registry: Path | None = None
    source: str = "defaults"

    def model_settings(self) -> ModelSettings:
        if not self.model:
            raise UsageError(NO_MODEL)
        return ModelSettings(model=self.model, api_base=self.api_base, timeout_s=self.timeout_s,
                             structured_output=choose_mode(self.model, self.api_base, self.structured_output).mode,
                             max_output_tokens=self.max_output_tokens)


NO_MODEL = (
    "no model configured. Give one with --model (e.g. --model openai/gpt-4o-mini), "
    "the BRIEFING_MODEL environment variable, or `name` under [model] in briefing.toml; "
    "set the provider's key (e.g. OPENAI_API_KEY) in the environment. "
    "To re-run a recorded session without a model, use --replay CASSETTE."
)


def find_config_file(explicit: Path | None, environ: Mapping[str, str], cwd: Path, home: Path) -> Path | None:
    if explicit is not None:
        if not explicit.is_file():
            raise UsageError(f"{explicit}: config file not found")
        return explicit
    if environ.get("BRIEFING_CONFIG"):
        path = Path(environ["BRIEFING_CONFIG"])
        if not path.is_file():
            raise UsageError(f"{path}: config file (from BRIEFING_CONFIG) not found")
        return path
    for candidate in (cwd / "briefing.toml", home / ".config" / "briefing" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    data = read_toml(path, "config")
    flat: dict[str, Any] = {}
    model = data.get("model", {})
    if isinstance(model, str):
        flat["model"] = model
    elif isinstance(model, dict):
        for key, value in model.items():
            flat["model" if key == "name" else key] = value
    run = data.get("run", {})
    if isinstance(run, dict):
        flat.update(run)
    return flat


def load_config(flags: Mapping[str, Any], environ: Mapping[str, str], *, config_file: Path | None,
                cwd: Path, home: Path) -> Config:
    """Merge the layers; ``flags`` holds only the options the user actually gave (None = not given)."""
    values: dict[str, Any] = {}
    path = find_config_file(config_file, environ, cwd, home)
    if path is not None:
        values.update(_read_toml(path))
    for key, var in ENV.items():
        if environ.get(var):
            values[key] = environ[var]
    values.update({k: v for k, v in flags.items() if v is not None})
    known = set(Config.__dataclass_fields__) - {"source"}
    unknown = sorted(set(values) - known)
    if unknown:
        raise UsageError(f"unknown setting(s): {', '.join(unknown)}" + (f" in {path}" if path else ""))
    try:
        cfg = Config(
            model=values.get("model") or None,
            api_base=values.get("api_base") or None,
            structured_output=values.get("structured_output", "auto"),
            timeout_s=float(values.get("timeout_s", 120.0)),
            max_output_tokens=int(values.get("max_output_tokens", 4096)),
            concurrency=int(values.get("concurrency", 4)),
            max_chunk_tokens=int(values.get("max_chunk_tokens", 6000)),
            pack_articles=int(values.get("pack_articles", 6)),
            max_reasks=int(values.get("max_reasks", 2)),
            formats=_formats(values.get("formats", ("html", "pdf", "json"))),
            registry=Path(values["registry"]) if values.get("registry") else None,
            source=str(path) if path else "defaults",
        )
    except (TypeError, ValueError) as exc:
        raise UsageError(f"invalid setting: {exc}") from None
    if cfg.structured_output not in STRUCTURED_SETTINGS:
        raise UsageError(f"structured_output must be one of {', '.join(STRUCTURED_SETTINGS)}")
    if (cfg.concurrency < 1 or cfg.max_chunk_tokens < 200 or cfg.max_reasks < 0 or cfg.timeout_s <= 0
            or cfg.pack_articles < 1):
        raise UsageError("concurrency ≥ 1, max_chunk_tokens ≥ 200, pack_articles ≥ 1, max_reasks ≥ 0 and "
                         "timeout_s > 0 are required")
    return cfg


def _formats(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split(",") if p.strip())
    return tuple(str(v) for v in value)
