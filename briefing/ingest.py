"""Ingest: files and folders -> ``Corpus``.

Reads ``.txt``, ``.html``/``.htm``, ``.json``, ``.jsonl`` and ``.zip`` (of any of these), in any
mix. Each ``Article`` keeps its text exactly as decoded, so evidence offsets index into it. A
file that cannot be read becomes an ``InputProblem`` (one line for the person running it) and
the other inputs are still read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .arabic import has_arabic
from .models import Article, Corpus, InputProblem

SUPPORTED = (".txt", ".html", ".htm", ".json", ".jsonl", ".zip")
SIDECAR = ".meta.json"

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive",
    b"\x1f\x8b": "a gzip archive",
}


@dataclass(frozen=True)
class FieldMap:
    """Which keys of a JSON record hold what; the first key present wins.

    The defaults read the SaudiNewsNet layout (``title/content/source/url/date_extracted``).
    """

    text: tuple[str, ...] = ("content", "text", "body", "article", "article_body")
    title: tuple[str, ...] = ("title", "headline")
    source: tuple[str, ...] = ("source", "outlet", "site", "publisher")
    url: tuple[str, ...] = ("url", "link")
    published: tuple[str, ...] = ("published", "date_published", "pubDate", "date", "date_extracted")
    author: tuple[str, ...] = ("author", "byline")


@dataclass(frozen=True)
class IngestOptions:
    fields: FieldMap = field(default_factory=FieldMap)
    max_article_chars: int = 2_000_000
    max_zip_members: int = 100_000
    max_zip_bytes: int = 1 << 30
    max_zip_ratio: int = 200


class _Skip(Exception):
    """An input (or part of one) that cannot be used; the message says why."""


@dataclass
class _Reader:
    options: IngestOptions
    articles: list[Article] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)

    def problem(self, origin: str, reason: str, level: str = "error") -> None:
        self.problems.append(InputProblem(origin=origin, reason=reason, level=level))  # type: ignore[arg-type]

    def add(self, origin: str, text: str, meta: Mapping[str, Any]) -> None:
        if not text.strip():
            self.problem(origin, "empty: no text to summarize")
            return
        if len(text) > self.options.max_article_chars:
            self.problem(
                origin,
                f"too long: {len(text):,} characters (limit {self.options.max_article_chars:,})",
            )
            return
        article_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        if article_id in self.seen:
            self.problem(origin, f"same text as {self.seen[article_id]}; read once", "note")
            return
        self.seen[article_id] = origin
        notes = [] if has_arabic(text) else ["no Arabic text found; summarized as given"]
        for note in notes:
            self.problem(origin, note, "note")
        published, published_note = _published(meta, self.options.fields.published)
        self.articles.append(
            Article(
                id=article_id,
                text=text,
                origin=origin,
                title=_first(meta, self.options.fields.title),
                source=_first(meta, self.options.fields.source),
                url=_first(meta, self.options.fields.url),
                author=_first(meta, self.options.fields.author),
                published=published,
                published_note=published_note,
                notes=notes,
            )
        )


def ingest(paths: Sequence[str | Path], options: IngestOptions | None = None) -> Corpus:
    """Read every input; never raises for a bad file, records it in ``Corpus.problems``."""
    reader = _Reader(options or IngestOptions())
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            _read_dir(reader, path)
        elif not path.exists():
            reader.problem(str(path), "no such file or folder")
        elif _kind(path.name) is None:
            reader.problem(str(path), f"unsupported file type (expected one of {', '.join(SUPPORTED)})")
        else:
            _read_file(reader, path)
    return Corpus(articles=reader.articles, problems=reader.problems)


def _kind(name: str) -> str | None:
    lower = name.lower()
    if lower.endswith(SIDECAR):
        return None
    for ext in SUPPORTED:
        if lower.endswith(ext):
            return ".html" if ext == ".htm" else ext
    return None


def _read_dir(reader: _Reader, folder: Path) -> None:
    skipped: dict[str, int] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if _kind(path.name) is None:
            if not path.name.lower().endswith(SIDECAR):
                skipped[path.suffix.lower() or path.name] = skipped.get(path.suffix.lower() or path.name, 0) + 1
            continue
        _read_file(reader, path)
    if skipped:
        what = ", ".join(f"{n} {ext}" for ext, n in sorted(skipped.items()))
        reader.problem(str(folder), f"ignored files of unsupported types: {what}", "note")


def _read_file(reader: _Reader, path: Path) -> None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        reader.problem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    sidecar = path.with_name(_stem(path.name) + SIDECAR)
    meta: dict[str, Any] = {}
    if sidecar.is_file():
        try:
            meta = _load_sidecar(sidecar.read_bytes())
        except _Skip as exc:
            reader.problem(str(sidecar), str(exc))
    _read_bytes(reader, str(path), path.name, data, meta)


def _read_bytes(reader: _Reader, origin: str, name: str, data: bytes, meta: Mapping[str, Any]) -> None:
    kind = _kind(name)
    notes: list[str] = []
    try:
        if kind == ".zip":
            _read_zip(reader, origin, data)
        elif kind == ".txt":
            text, front = _split_front_matter(_decode(data, notes))
            reader.add(origin, text, {**front, **meta})
        elif kind == ".html":
            text, html_meta = _extract_html(_decode(data, notes))
            reader.add(origin, text, {**html_meta, **meta})
        elif kind in (".json", ".jsonl"):
            _read_records(reader, origin, _decode(data, notes), jsonl=kind == ".jsonl")
    except _Skip as exc:
        reader.problem(origin, str(exc))
    except RecursionError:
        reader.problem(origin, "nested too deeply to read (recursion limit); skipped")
    except MemoryError:
        reader.problem(origin, "too large to read in memory; skipped")
    except Exception as exc:  # one bad input never stops the others
        reader.problem(origin, f"could not be read ({type(exc).__name__}: {exc}); skipped")
    for note in notes:
        reader.problem(origin, note, "note")


def _read_zip(reader: _Reader, origin: str, data: bytes) -> None:
    opts = reader.options
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise _Skip(f"not a readable zip archive ({exc})") from None
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > opts.max_zip_members:
            raise _Skip(f"zip has {len(infos):,} members (limit {opts.max_zip_members:,})")
        total = sum(i.file_size for i in infos)
        if total > opts.max_zip_bytes:
            raise _Skip(f"zip expands to {total:,} bytes (limit {opts.max_zip_bytes:,})")
        names = {i.filename for i in infos}
        for info in infos:
            member = f"{origin}!{info.filename}"
            parts = Path(info.filename).parts
            if info.filename.startswith(("/", "\\")) or ".." in parts:
                reader.problem(member, "unsafe path inside zip; skipped")
                continue
            if any(p.startswith(".") or p == "__MACOSX" for p in parts) or _kind(info.filename) is None:
                continue
            if info.compress_size and info.file_size / info.compress_size > opts.max_zip_ratio:
                reader.problem(member, f"compression ratio above {opts.max_zip_ratio}:1; skipped as a zip bomb")
                continue
            meta: dict[str, Any] = {}
            sidecar = _stem(info.filename) + SIDECAR
            sidecar = str(Path(info.filename).with_name(sidecar)) if "/" in info.filename else sidecar
            if sidecar in names:
                try:
                    meta = _load_sidecar(archive.read(sidecar))
                except _Skip as exc:
                    reader.problem(f"{origin}!{sidecar}", str(exc))
            _read_bytes(reader, member, info.filename, archive.read(info), meta)


def _read_records(reader: _Reader, origin: str, text: str, *, jsonl: bool) -> None:
    records: Iterator[tuple[str, Any]]
    if jsonl:
        records = _jsonl_records(reader, origin, text)
    else:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _Skip(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        if isinstance(doc, dict):
            items = next((doc[k] for k in ("articles", "items", "data") if isinstance(doc.get(k), list)), [doc])
        elif isinstance(doc, list):
            items = doc
        else:
            raise _Skip("JSON is neither an object nor an array of objects")
        records = ((f"{origin}#{n}", item) for n, item in enumerate(items, 1))
    fields = reader.options.fields
    for where, record in records:
        if not isinstance(record, dict):
            reader.problem(where, "record is not a JSON object; skipped")
            continue
        body = _first(record, fields.text)
        if body is None:
            reader.problem(where, f"no text field (looked for {', '.join(fields.text)}); skipped")
            continue
        reader.add(where, body, record)


def _jsonl_records(reader: _Reader, origin: str, text: str) -> Iterator[tuple[str, Any]]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield f"{origin}:{lineno}", json.loads(line)
        except json.JSONDecodeError as exc:
            reader.problem(f"{origin}:{lineno}", f"invalid JSON line ({exc.msg}); skipped")
        except RecursionError:
            reader.problem(f"{origin}:{lineno}", "JSON line nested too deeply to read; skipped")


def _decode(data: bytes, notes: list[str] | None = None) -> str:
    """Decode text: UTF-8, else the encoding charset_normalizer detects (UTF-16 without a byte
    order mark, Windows-1256, ISO-8859-6, ...), noted in ``notes``; refuse binary files."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Skip("undecodable bytes: a UTF-16 byte order mark, but not valid UTF-16") from None
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise _Skip(f"looks like {what}, not text")
    binary = b"\x00" in data[:4096]  # UTF-16/32 without a byte order mark, or not text at all
    if not binary:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or "\x00" in str(best):
        raise _Skip("binary data, not text" if binary else
                    "undecodable bytes: not UTF-8 and no other text encoding fits")
    text, encoding = str(best), best.encoding
    if encoding != "cp1256" and not _ARABIC_LETTER.search(text):
        # short Arabic texts in Windows-1256 are sometimes taken for other code pages
        try:
            arabic = data.decode("cp1256")
        except UnicodeDecodeError:
            arabic = ""
        if _ARABIC_LETTER.search(arabic):
            text, encoding = arabic, "cp1256"
    if notes is not None:
        notes.append(f"not UTF-8; read as {encoding} (detected)")
    return text


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")  # the basic letters, not presentation forms
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)


def _split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    match = _FRONT.match(text)
    if not match:
        return text, {}
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip()] = value.strip().strip("\"'")
    return text[match.end() :], meta


def _load_sidecar(data: bytes) -> dict[str, Any]:
    try:
        meta = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _Skip(f"invalid metadata file ({exc})") from None
    if not isinstance(meta, dict):
        raise _Skip("metadata file is not a JSON object")
    return meta


def _extract_html(html: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        raise _Skip("no article text found in the HTML")
    meta: dict[str, Any] = {}
    info = trafilatura.extract_metadata(html)
    if info is not None:
        for key, value in (("title", info.title), ("source", info.sitename), ("url", info.url),
                           ("published", info.date), ("author", info.author)):
            if value:
                meta[key] = value
    return text, meta


def _stem(name: str) -> str:
    base = Path(name).name
    return base.rsplit(".", 1)[0] if "." in base else base


def _first(record: Mapping[str, Any], keys: Sequence[str]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _published(meta: Mapping[str, Any], keys: Sequence[str]) -> tuple[dt.date | None, str | None]:
    raw = _first(meta, keys)
    note = meta.get("published_note") if isinstance(meta.get("published_note"), str) else None
    if raw is None:
        return None, note
    try:
        return dt.date.fromisoformat(raw.strip()[:10]), note
    except ValueError:
        return None, f"unparsed publication date {raw.strip()[:40]!r}"


# for the fetcher (fetch.py): the same decoding and HTML extraction as for files
Unreadable = _Skip
decode_text = _decode
extract_html = _extract_html
