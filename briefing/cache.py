"""A persistent response cache: the same request to the same model is answered once.

Keys are the SHA-256 of the model name and the full request (the rendered prompts, so a prompt
template's version is part of the key, the schema, and the structured-output mode). Entries are
written as each call finishes, so an interrupted run resumes where it stopped. SQLite in WAL
mode with a busy timeout makes it safe for two runs at once.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path

from .llm import LLMRequest, LLMResponse

FORMAT = "1"


def request_key(model: str, mode: str, request: LLMRequest) -> str:
    payload = json.dumps(
        {"v": FORMAT, "model": model, "mode": mode, "schema_name": request.schema_name,
         "schema": request.json_schema, "messages": request.messages},
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ResponseCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, purpose TEXT, content TEXT NOT NULL,"
            " input_tokens INTEGER, output_tokens INTEGER, cost_usd REAL, created TEXT DEFAULT CURRENT_TIMESTAMP)"
        )

    def get(self, key: str) -> LLMResponse | None:
        with self._lock:
            row = self._db.execute(
                "SELECT content, input_tokens, output_tokens, cost_usd FROM responses WHERE key = ?", (key,)
            ).fetchone()
        if row is None:
            return None
        return LLMResponse(content=row[0], input_tokens=row[1] or 0, output_tokens=row[2] or 0, cost_usd=row[3])

    def put(self, key: str, purpose: str, response: LLMResponse) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO responses (key, purpose, content, input_tokens, output_tokens, cost_usd)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (key, purpose, response.content, response.input_tokens, response.output_tokens, response.cost_usd),
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
