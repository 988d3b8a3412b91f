"""Settings: one pydantic model holds every setting and its default, read once at the edge.

CLI flags > ``BRIEFING_*`` environment > TOML file > the defaults below. The CLI passes in the
flags, the environment mapping and the paths; library code never reads ``os.environ`` itself.
The TOML file is ``--config``, else ``$BRIEFING_CONFIG``, else ``./briefing.toml``, else
``~/.config/briefing/config.toml``::

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

    [email]
    from = "desk@example.org"
    default_group = "desk"
    smtp_host = "smtp.example.org"    # smtp_port, tls = "starttls" | "ssl" | "none", ca_file, timeout_s
    [email.groups]
    desk = ["analyst@example.org"]

A wrong value is refused with the key and the file it came from. API keys and SMTP
credentials are never read from this file: litellm reads each provider's usual variable
(``OPENAI_API_KEY``, ...), SMTP ones come from ``BRIEFING_SMTP_USER`` / ``BRIEFING_SMTP_PASSWORD``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import UsageError
from .llm import ModelSettings
from .providers import StructuredSetting, choose_mode
from .tomlfile import read_toml

FORMATS = ("html", "pdf", "json")
ENV = {  # environment variable -> (section, key)
    "BRIEFING_MODEL": ("model", "name"),
    "BRIEFING_API_BASE": ("model", "api_base"),
    "BRIEFING_STRUCTURED_OUTPUT": ("model", "structured_output"),
    "BRIEFING_TIMEOUT": ("model", "timeout_s"),
}
# flag name -> (section, key)
FLAGS = {
    "model": ("model", "name"), "api_base": ("model", "api_base"), "structured_output": ("model", "structured_output"),
    "timeout_s": ("model", "timeout_s"), "max_output_tokens": ("model", "max_output_tokens"),
    "concurrency": ("run", "concurrency"), "max_chunk_tokens": ("run", "max_chunk_tokens"),
    "pack_articles": ("run", "pack_articles"), "max_reasks": ("run", "max_reasks"), "formats": ("run", "formats"),
    "registry": ("run", "registry"), "digest_pages": ("run", "digest_pages"), "max_stories": ("run", "max_stories"),
    "digest_evidence": ("run", "digest_evidence"),
    "sources": ("fetch", "sources"), "archive": ("fetch", "archive"), "store": ("desk", "store"),
}


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ModelSection(_Section):
    name: str | None = Field(default=None, description="Any litellm model string, e.g. openai/gpt-4o-mini.")
    api_base: str | None = None
    structured_output: StructuredSetting = "auto"  # auto: chosen per provider (providers.choose_mode)
    timeout_s: float = Field(default=120.0, gt=0)
    max_output_tokens: int = Field(default=4096, ge=16)


class RunSection(_Section):
    concurrency: int = Field(default=4, ge=1)
    max_chunk_tokens: int = Field(default=6000, ge=200)
    pack_articles: int = Field(default=6, ge=1)
    max_reasks: int = Field(default=2, ge=0)
    formats: tuple[str, ...] = FORMATS
    registry: Path | None = None
    compose_stories: int = Field(default=60, ge=1, description="Stories the model frames (title, bottom line, "
                                 "sections); the rest follow in rank order.")
    max_stories: int | None = Field(default=20, ge=1, description="Full summaries for the top N stories (None: "
                                    "all); the rest get an English headline. See README: the digest.")
    digest_pages: int = Field(default=10, ge=1, description="A4 pages the emailed digest aims at.")
    digest_stories: int = Field(default=20, ge=1, description="The most stories the digest shows in full.")
    digest_evidence: bool = Field(default=False, description="The digest shows each claim's Arabic evidence.")

    @field_validator("formats", mode="before")
    @classmethod
    def _formats(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [p.strip() for p in value.split(",") if p.strip()]
        bad = [v for v in value if v not in FORMATS] if isinstance(value, list | tuple) else []
        if bad or not value:
            raise ValueError(f"unknown format(s) {', '.join(map(str, bad)) or '(none)'}; choose from "
                             f"{', '.join(FORMATS)}")
        return tuple(dict.fromkeys(value))


class EmailSection(_Section):
    sender: str | None = Field(default=None, alias="from")
    default_group: str | None = None
    groups: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    smtp_host: str = "localhost"
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    tls: Literal["starttls", "ssl", "none"] = "starttls"
    ca_file: Path | None = None
    timeout_s: float = Field(default=30.0, gt=0)

    @field_validator("groups", mode="before")
    @classmethod
    def _groups(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: [v] if isinstance(v, str) else v for k, v in value.items()}
        return value


class FetchSection(_Section):
    """``briefing fetch``: where the sources and the archive are, and how politely to fetch."""

    sources: Path = Path("sources.toml")
    archive: Path = Path("archive")
    concurrency: int = Field(default=8, ge=1)
    per_host_delay_s: float = Field(default=1.0, ge=0)
    timeout_s: float = Field(default=20.0, gt=0)
    max_bytes: int = Field(default=5_000_000, ge=10_000)
    max_redirects: int = Field(default=5, ge=0)


class DeskSection(_Section):
    """``briefing daily``: the desk's morning routine."""

    timezone: str = Field(default="Asia/Riyadh", description="The desk's: a day of articles is a day here.")
    store: Path | None = Field(default=None, description="The run store (SQLite); default: "
                               "$XDG_DATA_HOME/briefing/store.sqlite.")
    out: Path = Field(default=Path("out"), description="Where `briefing daily` writes the briefings.")
    email_group: str | None = Field(default=None, description="`briefing daily` emails the digest to this "
                                    "group of [email.groups]; none: no email.")
    require_review: bool = Field(default=False, description="`briefing daily` does not email an unreviewed "
                                 "briefing (it never is, just generated): review, publish, then send.")

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (an IANA name, e.g. Asia/Riyadh)") from None
        return value


class Settings(_Section):
    """Every setting, with its default."""

    model: ModelSection = Field(default_factory=ModelSection)
    run: RunSection = Field(default_factory=RunSection)
    email: EmailSection = Field(default_factory=EmailSection)
    fetch: FetchSection = Field(default_factory=FetchSection)
    desk: DeskSection = Field(default_factory=DeskSection)
    source: str = Field(default="defaults", exclude=True, description="The config file read, or 'defaults'.")

    def model_settings(self) -> ModelSettings:
        if not self.model.name:
            raise UsageError(NO_MODEL)
        return ModelSettings(model=self.model.name, api_base=self.model.api_base, timeout_s=self.model.timeout_s,
                             structured_output=choose_mode(self.model.name, self.model.api_base,
                                                           self.model.structured_output).mode,
                             max_output_tokens=self.model.max_output_tokens)


DEFAULTS = Settings()

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


def load_config(flags: Mapping[str, Any], environ: Mapping[str, str], *, config_file: Path | None,
                cwd: Path, home: Path) -> Settings:
    """Merge the layers once; ``flags`` holds only the options the user gave (None = not given)."""
    path = find_config_file(config_file, environ, cwd, home)
    data: dict[str, Any] = read_toml(path, "config") if path is not None else {}
    if isinstance(data.get("model"), str):  # model = "openai/gpt-4o-mini", a shorthand
        data["model"] = {"name": data["model"]}
    origin: dict[tuple[str, str], str] = {}  # where a value came from, when not the file
    for var, (section, key) in ENV.items():
        if environ.get(var):
            _put(data, section, key, environ[var])
            origin[(section, key)] = var
    for flag, value in flags.items():
        if value is None:
            continue
        if flag not in FLAGS:
            raise UsageError(f"unknown setting {flag!r}")
        section, key = FLAGS[flag]
        _put(data, section, key, value)
        origin[(section, key)] = f"--{flag.replace('_', '-')}"
    return settings_from(data, str(path) if path else None, origin)


def settings_from(data: Mapping[str, Any], source: str | None,
                  origin: Mapping[tuple[str, str], str] | None = None) -> Settings:
    """``Settings`` from a TOML-shaped mapping; errors name the key and where it came from."""
    try:
        return Settings.model_validate({**data, "source": source or "defaults"})
    except ValidationError as exc:
        raise UsageError(_explain(exc, source, origin or {})) from None


def _explain(exc: ValidationError, source: str | None, origin: Mapping[tuple[str, str], str]) -> str:
    lines = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        section, key = (loc[0], ".".join(loc[1:])) if len(loc) > 1 else ("", loc[0] if loc else "")
        where = origin.get((section, key.split(".")[0])) or (f"in {source}" if source else "")
        name = f"[{section}] {key}" if section else key
        if err["type"] == "extra_forbidden":
            hint = " (credentials go in BRIEFING_SMTP_USER / BRIEFING_SMTP_PASSWORD)" \
                if section == "email" and key in ("password", "user", "username") else ""
            lines.append(f"unknown setting {name} {where}{hint}".rstrip())
        elif err["type"] == "literal_error":
            choices = str(err.get("ctx", {}).get("expected", "")).replace("'", "").replace(" or ", ", ")
            message = f"must be one of {choices}, not {err.get('input')!r}"
            lines.append(f"invalid setting {name} {where}: {message}".replace("  ", " "))
        else:
            message = str(err["msg"]).removeprefix("Value error, ")
            lines.append(f"invalid setting {name} {where}: {message}".replace("  ", " "))
    return "; ".join(lines)


def _put(data: dict[str, Any], section: str, key: str, value: Any) -> None:
    table = data.get(section)
    if not isinstance(table, dict):
        table = {}
        data[section] = table
    table[key] = value
