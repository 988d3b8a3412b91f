"""The run store: every briefing recorded by date, so that tomorrow's can say what changed.

SQLite by default (one file, ``[desk] store``, ``--store``), through plain DB-API with portable
SQL (``?`` placeholders rewritten for drivers that use ``%s``; no SQLite-only syntax), so a
shared desk can move it to PostgreSQL. Migrations are numbered DDL steps recorded in ``meta``.

Recording a day is one transaction that first deletes that day's rows: re-running a day
replaces its record, never duplicates it; a kill mid-write leaves the previous record (SQLite's
journal). What is kept per day: the run, its stories (with the thread that links them across
days, and the words and names that linking compares), claims with their evidence and status,
and the figures read from the claims' Arabic evidence.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError

__all__ = ["Store", "StoredClaim", "StoredFigure", "StoredStory", "open_store"]

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE runs (day DATE PRIMARY KEY, recorded_at TEXT NOT NULL, title TEXT NOT NULL,
                       briefing_path TEXT, reviewed INTEGER NOT NULL, bluf TEXT NOT NULL);
    CREATE TABLE stories (day DATE NOT NULL, story_id TEXT NOT NULL, thread_id TEXT NOT NULL,
                          day_number INTEGER NOT NULL, rank INTEGER NOT NULL, summarized INTEGER NOT NULL,
                          headline TEXT NOT NULL, outlets TEXT NOT NULL, article_ids TEXT NOT NULL,
                          words TEXT NOT NULL, names TEXT NOT NULL, PRIMARY KEY (day, story_id));
    CREATE INDEX stories_thread ON stories (thread_id);
    CREATE TABLE claims (day DATE NOT NULL, claim_id TEXT NOT NULL, story_id TEXT NOT NULL,
                         thread_id TEXT NOT NULL, text_en TEXT NOT NULL, status TEXT NOT NULL,
                         evidence TEXT NOT NULL, outlet TEXT NOT NULL, PRIMARY KEY (day, claim_id));
    CREATE TABLE figures (day DATE NOT NULL, story_id TEXT NOT NULL, thread_id TEXT NOT NULL,
                          claim_id TEXT NOT NULL, kind TEXT NOT NULL, value REAL NOT NULL,
                          quote_ar TEXT NOT NULL, article_id TEXT NOT NULL, outlet TEXT NOT NULL);
    CREATE INDEX figures_thread ON figures (thread_id, kind);
    """,
]


@dataclass(frozen=True)
class StoredStory:
    day: dt.date
    story_id: str
    thread_id: str
    day_number: int
    rank: int
    summarized: bool
    headline: str
    outlets: list[str]
    article_ids: list[str]
    words: list[str]
    names: list[str]


@dataclass(frozen=True)
class StoredClaim:
    day: dt.date
    claim_id: str
    story_id: str
    thread_id: str
    text_en: str
    status: str
    evidence: list[dict[str, Any]]
    outlet: str


@dataclass(frozen=True)
class StoredFigure:
    day: dt.date
    story_id: str
    thread_id: str
    claim_id: str
    kind: str
    value: float
    quote_ar: str
    article_id: str
    outlet: str


@dataclass
class DayRecord:
    """What one day's run leaves in the store."""

    day: dt.date
    title: str
    bluf: list[str]
    reviewed: bool
    briefing_path: str | None
    stories: list[StoredStory] = field(default_factory=list)
    claims: list[StoredClaim] = field(default_factory=list)
    figures: list[StoredFigure] = field(default_factory=list)


class Store:
    """A DB-API connection with the schema migrated to the newest version."""

    def __init__(self, connection: Any, paramstyle: str = "qmark", begin: str | None = None) -> None:
        """``begin``: the statement that opens a transaction, for a connection in autocommit mode
        (SQLite's ``BEGIN IMMEDIATE``: its DDL is transactional then, so a migration is all or nothing)."""
        self.db = connection
        self.paramstyle = paramstyle
        self.begin = begin
        self._migrate()

    def _sql(self, query: str) -> str:
        return query.replace("?", "%s") if self.paramstyle in ("format", "pyformat") else query

    def _execute(self, cursor: Any, query: str, params: Sequence[Any] = ()) -> Any:
        cursor.execute(self._sql(query), tuple(params))
        return cursor

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Any]:
        cursor = self.db.cursor()
        if self.begin:
            cursor.execute(self.begin)
        try:
            yield cursor
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise
        finally:
            cursor.close()

    def _migrate(self) -> None:
        with self._transaction() as cur:
            self._execute(cur, "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = self._execute(cur, "SELECT value FROM meta WHERE name = ?", ("schema_version",)).fetchone()
            version = int(row[0]) if row else 0
            if version > len(MIGRATIONS):
                raise UsageError(f"the store's schema is version {version}, newer than this briefing "
                                 f"({len(MIGRATIONS)}): upgrade briefing")
            for number, ddl in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in (s.strip() for s in ddl.split(";")):
                    if statement:
                        self._execute(cur, statement)
                if row is None and number == 1:
                    self._execute(cur, "INSERT INTO meta (name, value) VALUES (?, ?)", ("schema_version", "1"))
                else:
                    self._execute(cur, "UPDATE meta SET value = ? WHERE name = ?", (str(number), "schema_version"))
                row = ("1",)

    def _select(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        cur = self.db.cursor()
        try:
            return list(self._execute(cur, query, params).fetchall())
        finally:
            cur.close()

    @property
    def schema_version(self) -> int:
        return int(self._select("SELECT value FROM meta WHERE name = ?", ("schema_version",))[0][0])

    def record(self, rec: DayRecord, recorded_at: dt.datetime) -> None:
        """Replace the day's record with ``rec``, in one transaction."""
        day = rec.day.isoformat()
        with self._transaction() as cur:
            for table in ("figures", "claims", "stories", "runs"):
                self._execute(cur, f"DELETE FROM {table} WHERE day = ?", (day,))
            self._execute(cur, "INSERT INTO runs (day, recorded_at, title, briefing_path, reviewed, bluf) "
                               "VALUES (?, ?, ?, ?, ?, ?)",
                          (day, recorded_at.isoformat(), rec.title, rec.briefing_path, int(rec.reviewed),
                           json.dumps(rec.bluf, ensure_ascii=False)))
            for s in rec.stories:
                self._execute(cur, "INSERT INTO stories (day, story_id, thread_id, day_number, rank, summarized, "
                                   "headline, outlets, article_ids, words, names) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              (day, s.story_id, s.thread_id, s.day_number, s.rank, int(s.summarized), s.headline,
                               _j(s.outlets), _j(s.article_ids), _j(s.words), _j(s.names)))
            for c in rec.claims:
                self._execute(cur, "INSERT INTO claims (day, claim_id, story_id, thread_id, text_en, status, evidence, "
                                   "outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              (day, c.claim_id, c.story_id, c.thread_id, c.text_en, c.status, _j(c.evidence),
                               c.outlet))
            for f in rec.figures:
                self._execute(cur, "INSERT INTO figures (day, story_id, thread_id, claim_id, kind, value, quote_ar, "
                                   "article_id, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              (day, f.story_id, f.thread_id, f.claim_id, f.kind, f.value, f.quote_ar, f.article_id,
                               f.outlet))

    def record_reviewed(self, day: dt.date, title: str, bluf: list[str], claims: list[StoredClaim],
                        figures: list[StoredFigure]) -> bool:
        """The reviewed edition replaces the day's title, bottom line, claims and figures (its stories and
        their threads stay); False when the day was never recorded."""
        with self._transaction() as cur:
            found = self._execute(cur, "SELECT COUNT(*) FROM runs WHERE day = ?", (day.isoformat(),)).fetchone()[0]
            if not found:
                return False
            self._execute(cur, "UPDATE runs SET title = ?, bluf = ?, reviewed = ? WHERE day = ?",
                          (title, _j(bluf), 1, day.isoformat()))
            for table in ("figures", "claims"):
                self._execute(cur, f"DELETE FROM {table} WHERE day = ?", (day.isoformat(),))
            for c in claims:
                self._execute(cur, "INSERT INTO claims (day, claim_id, story_id, thread_id, text_en, status, evidence, "
                                   "outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                              (day.isoformat(), c.claim_id, c.story_id, c.thread_id, c.text_en, c.status,
                               _j(c.evidence), c.outlet))
            for f in figures:
                self._execute(cur, "INSERT INTO figures (day, story_id, thread_id, claim_id, kind, value, quote_ar, "
                                   "article_id, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              (day.isoformat(), f.story_id, f.thread_id, f.claim_id, f.kind, f.value, f.quote_ar,
                               f.article_id, f.outlet))
        return True

    def days(self) -> list[dt.date]:
        rows = self._select("SELECT day FROM runs ORDER BY day")
        return [_day(r[0]) for r in rows]

    def runs(self) -> list[dict[str, Any]]:
        rows = self._select("SELECT day, title, bluf, reviewed, briefing_path FROM runs ORDER BY day DESC")
        return [{"day": _day(r[0]), "title": r[1], "bluf": json.loads(r[2]), "reviewed": bool(r[3]),
                 "briefing_path": r[4]} for r in rows]

    def stories(self, first: dt.date, last: dt.date) -> list[StoredStory]:
        """Stories recorded from ``first`` to ``last`` (inclusive)."""
        rows = self._select("SELECT day, story_id, thread_id, day_number, rank, summarized, headline, "
                            "outlets, article_ids, words, names FROM stories WHERE day >= ? AND day <= ? "
                            "ORDER BY day, rank", (first.isoformat(), last.isoformat()))
        return [StoredStory(_day(r[0]), r[1], r[2], int(r[3]), int(r[4]), bool(r[5]), r[6], json.loads(r[7]),
                            json.loads(r[8]), json.loads(r[9]), json.loads(r[10])) for r in rows]

    def claims(self, first: dt.date, last: dt.date) -> list[StoredClaim]:
        """Claims recorded from ``first`` to ``last`` (inclusive)."""
        rows = self._select("SELECT day, claim_id, story_id, thread_id, text_en, status, evidence, outlet "
                            "FROM claims WHERE day >= ? AND day <= ? ORDER BY day",
                            (first.isoformat(), last.isoformat()))
        return [StoredClaim(_day(r[0]), r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7]) for r in rows]

    def figures(self, first: dt.date, last: dt.date) -> list[StoredFigure]:
        """Figures recorded from ``first`` to ``last`` (inclusive)."""
        rows = self._select("SELECT day, story_id, thread_id, claim_id, kind, value, quote_ar, article_id, "
                            "outlet FROM figures WHERE day >= ? AND day <= ? ORDER BY day",
                            (first.isoformat(), last.isoformat()))
        return [StoredFigure(_day(r[0]), r[1], r[2], r[3], r[4], float(r[5]), r[6], r[7], r[8]) for r in rows]

    def close(self) -> None:
        self.db.close()


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def open_store(path: Path) -> Store:
    """The SQLite store at ``path`` (created and migrated as needed)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit, with an explicit BEGIN IMMEDIATE per transaction: DDL inside it is rolled back
        # too, and a second process waits for the first (timeout) instead of migrating beside it
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        return Store(connection, begin="BEGIN IMMEDIATE")
    except (OSError, sqlite3.Error) as exc:
        raise UsageError(f"{path}: cannot open the store ({exc})") from None
