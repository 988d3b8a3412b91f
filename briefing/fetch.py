"""Fetch: the sources' feeds and pages -> a dated archive that ``briefing generate`` reads.

    archive/2015-07-21.jsonl     one article per line, by publication date in the desk's time zone
    archive/.fetch-state.json    per URL: the ETag and Last-Modified to send back
    archive/fetch-report.json    the last fetch's per-source report

Politeness: every source is fetched concurrently (``concurrency``), but one request at a time
per host with ``per_host_delay_s`` between them; robots.txt is honoured (RFC 9309: a 4xx means no
rules, a 5xx or no answer means nothing may be fetched); a user agent names the tool; conditional
requests (If-None-Match, If-Modified-Since): a 304 is "not modified", never a failure.

Safety: only http(s); redirects followed by hand (at most ``max_redirects``), each hop checked;
a URL whose host is or resolves to a loopback, private, link-local or otherwise non-public address
is refused unless its source lists that host in ``allow_private_hosts`` (a feed must not make the
fetcher probe the desk's own network); bodies over ``max_bytes`` are cut off and reported.
(The address check resolves the name before httpx does: a DNS answer that changes in between is
not caught; the desk's resolver is trusted.)

Nothing is lost and nothing is archived twice: each article is appended (flushed, fsynced) as
soon as it is extracted; the archive itself is the index of what was seen (canonical URL, and
outlet + text hash), read again at the start, a line torn by a kill repaired; a feed's ETag is
saved only after all its items are archived. Syndicated copies (the same text from another outlet)
are kept: clustering counts outlets.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import ipaddress
import json
import os
import re
import socket
import time
import urllib.robotparser
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from . import __version__
from .errors import LockedError
from .files import write_atomic
from .ingest import Unreadable, decode_text, extract_html
from .sources import Source

__all__ = ["FetchOptions", "FetchReport", "SourceReport", "fetch"]

USER_AGENT = f"briefing-fetch/{__version__} (situation briefings from Arabic press; polite, honours robots.txt)"
ROBOTS_AGENT = "briefing-fetch"
_REDIRECTS = {301, 302, 303, 307, 308}
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ref|output)$", re.I)
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")  # presentation forms too
_LETTER = re.compile(r"[^\W\d_]")
_ERROR_PAGE = re.compile(r"\b(404|403|500|not found|page not found|error|forbidden|access denied)\b|"
                         r"الصفحة غير موجودة|الصفحة المطلوبة غير|خطأ|غير موجودة", re.I)


@dataclass(frozen=True)
class FetchOptions:
    archive: Path
    now: dt.datetime  # aware; the fetch time written with each article (the clock is read at the edge)
    timezone: str = "Asia/Riyadh"  # the desk's: an article's day is its publication date there
    since: dt.date | None = None  # older articles are counted, not archived
    concurrency: int = 8
    per_host_delay_s: float = 1.0
    timeout_s: float = 20.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    min_chars: int = 200  # extracted text shorter than this is "no text" (an index page, an error page)
    min_arabic: float = 0.5  # share of Arabic among the letters for a source whose language is "ar"
    user_agent: str = USER_AGENT


class Failure(BaseModel):
    url: str
    reason: str


class SourceReport(BaseModel):
    name: str
    new: int = 0
    not_modified: int = Field(default=0, description="Feeds or pages answered 304 (If-None-Match/If-Modified-Since).")
    duplicates: int = Field(default=0, description="Items already archived (the same URL, or the same text from "
                                                   "the same outlet).")
    old: int = Field(default=0, description="Items published before --since.")
    failures: list[Failure] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        """Something failed: the source itself or some of its items."""
        return bool(self.failures)

    @property
    def down(self) -> bool:
        """The source gave nothing at all: every attempt failed."""
        return bool(self.failures) and not (self.new or self.not_modified or self.duplicates or self.old)


class FetchReport(BaseModel):
    started: dt.datetime
    seconds: float
    archive: str
    new_by_day: dict[str, int] = Field(default_factory=dict)
    sources: list[SourceReport]

    @property
    def failed_sources(self) -> list[str]:
        return [s.name for s in self.sources if s.failed]

    @property
    def exit_code(self) -> int:
        """0: nothing failed; 3: something failed; 1: every source gave nothing."""
        if not self.failed_sources:
            return 0
        return 1 if all(s.down for s in self.sources) else 3


class _Failed(Exception):
    """One URL could not be fetched or used; the reason goes into the report."""


@dataclass
class _Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes


# --------------------------------------------------------------------------- the archive


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((parts.scheme.lower(), host + port, parts.path or "/", query, ""))


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


class Archive:
    """The dated JSONL files; what they hold is the index of what was seen."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.urls: set[str] = set()
        self.texts: set[tuple[str, str]] = set()  # (outlet, text hash)
        self.repaired: list[str] = []
        for path in sorted(root.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].jsonl")):
            self._scan(path)

    def _scan(self, path: Path) -> None:
        data = path.read_bytes()
        if data and not data.endswith(b"\n"):  # a line torn by a kill: drop it, its article comes again
            keep = data[: data.rfind(b"\n") + 1]
            with open(path, "r+b") as fh:
                fh.truncate(len(keep))
            self.repaired.append(path.name)
            data = keep
        for line in data.decode("utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                self.urls.add(str(record.get("canonical_url", "")))
                self.texts.add((str(record.get("source", "")), str(record.get("text_sha", ""))))

    def seen(self, url: str) -> bool:
        return canonical_url(url) in self.urls

    def add(self, record: dict[str, Any], day: dt.date) -> bool:
        """Append one article; False when it is already archived."""
        key = (str(record["source"]), str(record["text_sha"]))
        if record["canonical_url"] in self.urls or key in self.texts:
            return False
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        with open(self.root / f"{day.isoformat()}.jsonl", "ab") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
        self.urls.add(record["canonical_url"])
        self.texts.add(key)
        return True


class _State:
    """ETag / Last-Modified per URL, saved atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            self.data: dict[str, dict[str, str]] = raw if isinstance(raw, dict) else {}
        except (OSError, json.JSONDecodeError):
            self.data = {}

    def headers(self, url: str) -> dict[str, str]:
        entry = self.data.get(url, {})
        out = {}
        if entry.get("etag"):
            out["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            out["If-Modified-Since"] = entry["last_modified"]
        return out

    def remember(self, url: str, response: _Response) -> None:
        """The response's validators, kept under the URL that answered (after any redirect)."""
        entry = {k: v for k, v in (("etag", response.headers.get("etag")),
                                   ("last_modified", response.headers.get("last-modified"))) if v}
        if entry:
            self.data[response.url or url] = entry
            write_atomic(self.path, json.dumps(self.data, indent=1, sort_keys=True).encode("utf-8"))


# --------------------------------------------------------------------------- HTTP


@dataclass
class _Http:
    options: FetchOptions
    client: Any = None
    locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    last: dict[str, float] = field(default_factory=dict)
    robots: dict[str, urllib.robotparser.RobotFileParser | str] = field(default_factory=dict)
    robots_locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def __aenter__(self) -> _Http:
        import httpx

        # gzip and deflate only: the body is read raw (to cap its size) and decompressed here
        self.client = httpx.AsyncClient(timeout=self.options.timeout_s, follow_redirects=False, trust_env=False,
                                        headers={"User-Agent": self.options.user_agent,
                                                 "Accept-Encoding": "gzip, deflate"})
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()

    async def get(self, url: str, source: Source,
                  validators: Callable[[str], dict[str, str]] | None = None) -> _Response:
        """GET with redirects followed by hand, each hop checked (address, robots.txt); each hop
        sends the ETag / Last-Modified that ``validators`` kept for its own URL."""
        for _ in range(self.options.max_redirects + 1):
            await _check_address(url, source)
            await self._check_robots(url, source)
            response = await self._once(url, validators(url) if validators else {})
            if response.status not in _REDIRECTS:
                return response
            location = response.headers.get("location")
            if not location:
                raise _Failed(f"HTTP {response.status} without a Location")
            url = urljoin(url, location)
        raise _Failed(f"too many redirects (more than {self.options.max_redirects})")

    async def _once(self, url: str, headers: dict[str, str]) -> _Response:
        import httpx

        host = _host_key(url)
        lock = self.locks.setdefault(host, asyncio.Lock())
        async with lock:  # one request at a time per host, with a pause between them
            wait = self.last.get(host, 0.0) + self.options.per_host_delay_s - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await self._read(url, headers)
            except httpx.TimeoutException:
                raise _Failed(f"timed out (no answer within {self.options.timeout_s:g} s)") from None
            except httpx.ConnectError as exc:
                if any(isinstance(c, socket.gaierror) for c in _causes(exc)):
                    raise _Failed(f"DNS lookup failed for {urlsplit(url).hostname}") from None
                raise _Failed(f"cannot connect ({exc or 'connection refused'})") from None
            except httpx.HTTPError as exc:
                raise _Failed(f"HTTP error: {type(exc).__name__}: {exc}") from None
            finally:
                self.last[host] = time.monotonic()

    async def _read(self, url: str, headers: dict[str, str]) -> _Response:
        limit = self.options.max_bytes
        async with self.client.stream("GET", url, headers=headers) as r:
            got = {k.lower(): v for k, v in r.headers.items()}
            if r.status_code in _REDIRECTS or r.status_code == 304:
                return _Response(str(r.url), r.status_code, got, b"")
            declared = got.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _Failed(f"too large: {int(declared):,} bytes (limit {limit:,})")
            chunks, size = [], 0
            async for chunk in r.aiter_raw():
                size += len(chunk)
                if size > limit:
                    raise _Failed(f"too large: over {limit:,} bytes (cut off)")
                chunks.append(chunk)
            body = b"".join(chunks)
            if got.get("content-encoding", "identity") not in ("identity", ""):
                body = _decompress(body, got["content-encoding"], limit)
            return _Response(str(r.url), r.status_code, got, body)

    async def _check_robots(self, url: str, source: Source) -> None:
        parts = urlsplit(url)
        if parts.path == "/robots.txt":
            return
        key = _host_key(url)
        lock = self.robots_locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self.robots:
                self.robots[key] = await self._load_robots(f"{parts.scheme}://{parts.netloc}/robots.txt", source)
        rules = self.robots[key]
        if isinstance(rules, str):
            raise _Failed(rules)
        if not rules.can_fetch(ROBOTS_AGENT, url):
            raise _Failed("robots.txt disallows it")

    async def _load_robots(self, url: str, source: Source) -> urllib.robotparser.RobotFileParser | str:
        parser = urllib.robotparser.RobotFileParser(url)
        try:
            response = await self.get(url, source)
        except _Failed as exc:
            return f"robots.txt could not be read ({exc}): nothing is fetched from this host (RFC 9309)"
        if response.status >= 500:
            return f"robots.txt answered HTTP {response.status}: nothing is fetched from this host (RFC 9309)"
        if response.status >= 400:
            parser.parse([])  # no robots.txt: no rules
        else:
            parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        return parser


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{parts.port or (443 if parts.scheme == 'https' else 80)}"


def _causes(exc: BaseException) -> list[BaseException]:
    out, seen = [], set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        out.append(current)
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return out


def _decompress(body: bytes, encoding: str, limit: int) -> bytes:
    import zlib

    if encoding.strip().lower() not in ("gzip", "deflate"):
        raise _Failed(f"unsupported Content-Encoding {encoding!r}")
    d = zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS)
    try:
        out = d.decompress(body, limit + 1)
    except zlib.error as exc:
        raise _Failed(f"a corrupt {encoding} body ({exc})") from None
    if len(out) > limit:
        raise _Failed(f"too large: over {limit:,} bytes once decompressed")
    return out


async def _check_address(url: str, source: Source) -> None:
    """Refuse a URL that is not http(s), or whose host is (or resolves to) a non-public address,
    unless the source allows that host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _Failed(f"refused: not an http(s) URL: {url[:200]}")
    host = parts.hostname.lower()
    allowed = host in {h.lower() for h in source.allow_private_hosts}
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        if allowed:
            return
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, parts.port or 80, type=socket.SOCK_STREAM)
        except socket.gaierror:
            raise _Failed(f"DNS lookup failed for {host}") from None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        if not address.is_global and not allowed:
            kind = ("loopback" if address.is_loopback else "link-local" if address.is_link_local
                    else "private" if address.is_private else "non-public")
            raise _Failed(f"refused: {host} is a {kind} address ({address}); list it in the source's "
                          "allow_private_hosts to fetch from it")


# --------------------------------------------------------------------------- sources


@dataclass
class _Run:
    options: FetchOptions
    http: _Http
    archive: Archive
    state: _State
    tz: ZoneInfo
    new_by_day: dict[str, int] = field(default_factory=dict)
    claimed: set[str] = field(default_factory=set)  # canonical URLs taken by a source in this run
    gate: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(8))

    async def source(self, source: Source) -> SourceReport:
        report = SourceReport(name=source.name)
        start = time.monotonic()
        try:
            if source.feed:
                await self._feed(source, source.feed, report)
            else:
                await asyncio.gather(*(self._page_item(source, url, None, report, conditional=True)
                                       for url in source.pages))
        except _Failed as exc:
            report.failures.append(Failure(url=source.feed or "", reason=str(exc)))
        except Exception as exc:  # one source's bug never stops the others
            report.failures.append(Failure(url=source.feed or "", reason=f"{type(exc).__name__}: {exc}"))
        report.seconds = round(time.monotonic() - start, 2)
        return report

    async def _feed(self, source: Source, url: str, report: SourceReport) -> None:
        import feedparser  # type: ignore[import-untyped, unused-ignore]

        async with self.gate:
            response = await self.http.get(url, source, self.state.headers)
        if response.status == 304:
            report.not_modified += 1
            return
        if response.status >= 400:
            raise _Failed(f"HTTP {response.status}")
        parsed = feedparser.parse(response.body, response_headers={"content-type": response.headers.get(
            "content-type", ""), "content-location": response.url})
        entries = list(parsed.get("entries", []))
        if not entries:
            problem = parsed.get("bozo_exception")
            raise _Failed("not a feed" + (f" ({type(problem).__name__}: {str(problem)[:120]})" if problem else
                                          " (no items)"))
        if parsed.get("bozo"):
            report.notes.append(f"malformed feed, read as far as possible: {str(parsed.get('bozo_exception'))[:120]}")
        seen_here: set[str] = set()
        jobs = []
        for entry in entries:
            link = entry.get("link")
            if not link:
                report.failures.append(Failure(url=url, reason="an item without a link"))
                continue
            try:
                link = urljoin(response.url, str(link))
                key = canonical_url(link)
            except ValueError as exc:
                report.failures.append(Failure(url=str(link)[:200], reason=f"a malformed link ({exc})"))
                continue
            if key in seen_here or key in self.claimed or self.archive.seen(link):
                report.duplicates += 1  # archived, or being fetched for another source in this run
                continue
            seen_here.add(key)
            self.claimed.add(key)
            jobs.append(self._page_item(source, link, entry, report, conditional=False))
        failed_before = len(report.failures)
        await asyncio.gather(*jobs)
        if len(report.failures) == failed_before:
            self.state.remember(url, response)  # every item archived: next time, a 304 if unchanged
        # else no ETag: the feed is read again next time and its failed items retried (the others
        # are skipped by URL before any request)

    async def _page_item(self, source: Source, url: str, entry: Any, report: SourceReport, *,
                         conditional: bool) -> None:
        try:
            if source.content == "feed" and entry is not None:
                html = _entry_html(entry)
                final, response = url, None
            else:
                async with self.gate:
                    response = await self.http.get(url, source, self.state.headers if conditional else None)
                if response.status == 304:
                    report.not_modified += 1
                    return
                if response.status >= 400:
                    raise _Failed(f"HTTP {response.status}")
                final = response.url
                html = decode_text(response.body)
            text, meta = extract_html(html) if source.content == "page" or entry is None else _feed_text(html)
            title = _entry_title(entry) or meta.get("title") or ""
            self._check_text(source, text, title)
            published, note = self._published(entry, meta)
            if self.options.since is not None and published < self.options.since:
                report.old += 1
                return
            record = {"title": title, "text": text, "source": source.outlet_name, "url": final,
                      "canonical_url": canonical_url(url), "published": published.isoformat(),
                      "fetched": self.options.now.isoformat(), "feed": source.name, "text_sha": text_hash(text),
                      **({"published_note": note} if note else {})}
            if self.archive.add(record, published):
                report.new += 1
                self.new_by_day[published.isoformat()] = self.new_by_day.get(published.isoformat(), 0) + 1
                if response is not None and conditional:
                    self.state.remember(url, response)
            else:
                report.duplicates += 1
        except (Unreadable, _Failed) as exc:
            self.claimed.discard(canonical_url(url))  # another source may still get it
            report.failures.append(Failure(url=url, reason=str(exc)))
        except Exception as exc:  # one item's surprise never stops its source's other items
            self.claimed.discard(canonical_url(url))
            report.failures.append(Failure(url=url, reason=f"{type(exc).__name__}: {exc}"))

    def _check_text(self, source: Source, text: str, title: str) -> None:
        stripped = " ".join(text.split())
        if len(stripped) < self.options.min_chars:
            if _ERROR_PAGE.search(title) or _ERROR_PAGE.search(stripped[:200]):
                raise _Failed(f"an error page served as HTTP 200 ({(title or stripped)[:60]!r})")
            raise _Failed(f"extraction gave no article text ({len(stripped)} characters)")
        if source.language == "ar":
            letters = _LETTER.findall(stripped)
            share = len(_ARABIC.findall(stripped)) / max(1, len(letters))
            if share < self.options.min_arabic:
                raise _Failed(f"not Arabic ({share:.0%} of the letters are Arabic)")

    def _published(self, entry: Any, meta: dict[str, Any]) -> tuple[dt.date, str | None]:
        stamp = None
        if entry is not None:
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            moment = dt.datetime(*tuple(stamp)[:6]).replace(tzinfo=dt.UTC)
            return moment.astimezone(self.tz).date(), None
        raw = meta.get("published")
        if isinstance(raw, str):
            try:
                return dt.date.fromisoformat(raw[:10]), None
            except ValueError:
                pass
        return self.options.now.astimezone(self.tz).date(), "no publication date: the day it was fetched"


def _entry_title(entry: Any) -> str:
    return " ".join(str(entry.get("title", "")).split()) if entry is not None else ""


def _entry_html(entry: Any) -> str:
    content = entry.get("content") or []
    if content:
        return str(content[0].get("value", ""))
    return str(entry.get("summary", ""))


def _feed_text(html: str) -> tuple[str, dict[str, Any]]:
    """A full-text feed's item: its HTML as plain paragraphs."""
    import lxml.html

    if "<" not in html:
        return html.strip(), {}
    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except (ValueError, lxml.etree.ParserError):
        return "", {}
    blocks = [" ".join(p.text_content().split()) for p in root.iter("p", "li", "h1", "h2", "h3", "blockquote")]
    text = "\n\n".join(b for b in blocks if b) or " ".join(root.text_content().split())
    return text, {}


def _save_report(report: FetchReport, archive: Path) -> None:
    write_atomic(archive / "fetch-report.json", (report.model_dump_json(indent=2) + "\n").encode("utf-8"))


async def _fetch(sources: Sequence[Source], options: FetchOptions) -> FetchReport:
    started = time.monotonic()
    archive = Archive(options.archive)
    async with _Http(options) as http:
        run = _Run(options, http, archive, _State(options.archive / ".fetch-state.json"), ZoneInfo(options.timezone),
                   gate=asyncio.Semaphore(options.concurrency))
        reports = await asyncio.gather(*(run.source(s) for s in sources))
    for name in archive.repaired:
        reports[0].notes.append(f"{name}: a line torn by an interrupted fetch was dropped (it is fetched again)")
    report = FetchReport(started=options.now, seconds=round(time.monotonic() - started, 2),
                         archive=str(options.archive), new_by_day=dict(sorted(run.new_by_day.items())),
                         sources=list(reports))
    with contextlib.suppress(OSError):
        _save_report(report, options.archive)
    return report


def fetch(sources: Sequence[Source], options: FetchOptions) -> FetchReport:
    """Fetch every source into the archive; one source's failure never stops the others. One fetch
    at a time per archive (``archive/.fetch.lock``): a second raises ``LockedError``."""
    from filelock import FileLock, Timeout

    options.archive.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(options.archive / ".fetch.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise LockedError(f"another `briefing fetch` is writing {options.archive} (its .fetch.lock is held); "
                          "not started") from None
    try:
        return asyncio.run(_fetch(sources, options))
    finally:
        lock.release()
