"""The sources file: the outlets a desk reads, as RSS/Atom feeds or lists of pages.

    [[source]]
    name = "Al Riyadh"                       # how reports name it
    feed = "https://www.alriyadh.com/rss"    # an RSS or Atom feed, or:
    # pages = ["https://example.org/a.html"] # pages fetched as they are
    outlet = "alriyadh"                      # the articles' `source` (default: the name)
    language = "ar"                          # an article in another language is reported, not archived
    content = "page"                         # "page": fetch and extract each linked page;
                                             # "feed": the feed's own text (full-text feeds)
    allow_private_hosts = []                 # hosts that may resolve to loopback/private addresses
                                             # (only for a server on this machine, e.g. the tests')

A wrong value is refused with the source's number and key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import UsageError
from .tomlfile import read_toml

__all__ = ["Source", "load_sources"]


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    feed: str | None = None
    pages: tuple[str, ...] = ()
    outlet: str | None = None
    language: str = "ar"
    content: Literal["page", "feed"] = "page"
    allow_private_hosts: tuple[str, ...] = ()

    @field_validator("feed")
    @classmethod
    def _feed(cls, value: str | None) -> str | None:
        return _http_url(value) if value is not None else None

    @field_validator("pages")
    @classmethod
    def _pages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_http_url(v) for v in value)

    @model_validator(mode="after")
    def _one_kind(self) -> Source:
        if bool(self.feed) == bool(self.pages):
            raise ValueError("give either `feed` (an RSS/Atom URL) or `pages` (a list of URLs)")
        if self.content == "feed" and not self.feed:
            raise ValueError('content = "feed" needs a `feed`')
        return self

    @property
    def outlet_name(self) -> str:
        return self.outlet or self.name

    def urls(self) -> list[str]:
        return [self.feed] if self.feed else list(self.pages)

    def hosts(self) -> set[str]:
        return {urlsplit(u).hostname or "" for u in self.urls()}


def _http_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value.strip()


def load_sources(path: Path) -> list[Source]:
    data = read_toml(path, "sources")
    raw = data.get("source", [])
    if not isinstance(raw, list) or not raw:
        raise UsageError(f"{path}: no [[source]] tables")
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise UsageError(f"{path}: unknown table(s) {', '.join(unknown)} (only [[source]])")
    sources, problems = [], []
    for n, table in enumerate(raw, 1):
        try:
            sources.append(Source.model_validate(table))
        except ValidationError as exc:
            for err in exc.errors():
                key = ".".join(str(p) for p in err["loc"]) or "(source)"
                problems.append(f"source {n} ({table.get('name', '?')}): {key}: "
                                f"{str(err['msg']).removeprefix('Value error, ')}")
    if problems:
        raise UsageError(f"{path}: " + "; ".join(problems))
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise UsageError(f"{path}: source name(s) used twice: {', '.join(dupes)}")
    return sources
