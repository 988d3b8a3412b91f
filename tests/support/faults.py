"""Fault injection for the test server: what a provider does on a bad day, scripted per request.

``FaultScript(fallback, plan)`` is a responder for ``OpenAIServer``. For each request it asks
``plan(request, n)`` (``n``: how many identical requests came before this one) for a fault kind;
``None`` passes the request to ``fallback`` (e.g. ``reference_responder``). Plans are functions
of the request's content, not of arrival order, so they give the same answers however
concurrent requests interleave::

    with OpenAIServer(FaultScript(reference, lambda req, n: "server_error" if n == 0 else None)) as server:
        ...  # every request fails once with a 500, then succeeds

The kinds (``FAULT_KINDS``):

=================  ======================================================================
rate_limit         429 with ``Retry-After`` (seconds)
server_error       500
unavailable        503
hang               no answer for ``hang_s`` seconds (longer than the client's timeout)
reset              the connection is closed with a TCP reset before any answer
truncated          the headers and half the JSON body, then the connection closes
body_not_json      200 with an HTML page (a proxy's error page), not JSON
content_not_json   a well-formed completion whose content is prose, not JSON
schema_violation   a completion whose content is JSON that breaks the requested schema
empty_choices      a completion with ``"choices": []``
refusal            a completion with ``message.refusal`` set and no content
=================  ======================================================================
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from .server import Reply, Responder, chat_completion

FAULT_KINDS = (
    "rate_limit", "server_error", "unavailable", "hang", "reset", "truncated",
    "body_not_json", "content_not_json", "schema_violation", "empty_choices", "refusal",
)
# Faults the client retries on the wire (transport retries); the others reach the pipeline as
# an answer it must validate (re-asked) or as an error for that one call.
TRANSIENT = ("rate_limit", "server_error", "unavailable", "hang", "reset", "truncated")

Plan = Callable[[dict[str, Any], int], "str | None"]

_ARTICLE_ID = re.compile(r"Article id: ([0-9a-f]{16})")


def request_digest(request: dict[str, Any]) -> str:
    """Identifies a request by its content (model, messages, response format)."""
    payload = json.dumps({k: request.get(k) for k in ("model", "messages", "response_format")},
                         sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def article_id(request: dict[str, Any]) -> str | None:
    """The article a summarize request is for (``Article id: ...`` in its first user message)."""
    first_user = next((str(m.get("content", "")) for m in request.get("messages", []) if m.get("role") == "user"), "")
    match = _ARTICLE_ID.search(first_user)
    return match.group(1) if match else None


def fault_reply(kind: str, request: dict[str, Any], *, retry_after_s: float = 1, hang_s: float = 5.0) -> Reply:
    if kind == "rate_limit":
        return Reply({"error": {"message": "Rate limit reached, slow down", "type": "rate_limit_error"}}, 429,
                     {"Retry-After": f"{retry_after_s:g}"})
    if kind == "server_error":
        return Reply({"error": {"message": "The server had an error", "type": "server_error"}}, 500)
    if kind == "unavailable":
        return Reply({"error": {"message": "The engine is currently overloaded", "type": "server_error"}}, 503)
    if kind == "hang":
        return Reply(chat_completion("{}", request), delay_s=hang_s)
    if kind == "reset":
        return Reply(fault="reset")
    if kind == "truncated":
        return Reply(chat_completion(json.dumps({"headline_en": "x" * 200}), request), fault="truncate")
    if kind == "body_not_json":
        return Reply("<html><body><h1>502 Bad Gateway</h1></body></html>", 200,
                     {"Content-Type": "text/html"})
    if kind == "content_not_json":
        return Reply(chat_completion("I'm sorry, here is a summary in plain words: the army advanced.", request))
    if kind == "schema_violation":
        return Reply(chat_completion(json.dumps({"headline_en": 42, "claims": "none", "unexpected": True}), request))
    if kind == "empty_choices":
        body = chat_completion("", request)
        body["choices"] = []
        return Reply(body)
    if kind == "refusal":
        body = chat_completion("", request)
        body["choices"][0]["message"] = {"role": "assistant", "content": None,
                                         "refusal": "I can't help with that request."}
        return Reply(body)
    raise ValueError(f"unknown fault kind {kind!r}; choose from {', '.join(FAULT_KINDS)}")


class FaultScript:
    """A responder that injects the faults ``plan`` asks for and passes the rest to ``fallback``.

    ``injected`` lists ``(digest, n, kind)`` for every request, ``kind`` None where it was passed on.
    """

    def __init__(self, fallback: Responder, plan: Plan, *, retry_after_s: float = 1, hang_s: float = 5.0) -> None:
        self.fallback = fallback
        self.plan = plan
        self.retry_after_s = retry_after_s
        self.hang_s = hang_s
        self.injected: list[tuple[str, int, str | None]] = []
        self._seen: Counter[str] = Counter()
        self._lock = threading.Lock()

    def __call__(self, request: dict[str, Any]) -> Reply:
        digest = request_digest(request)
        with self._lock:
            n = self._seen[digest]
            self._seen[digest] += 1
        kind = self.plan(request, n)
        with self._lock:
            self.injected.append((digest, n, kind))
        if kind is None:
            return self.fallback(request)
        return fault_reply(kind, request, retry_after_s=self.retry_after_s, hang_s=self.hang_s)


def always(kind: str, *, article: str | None = None) -> Plan:
    """Every request (or every request for one article) gets ``kind``."""
    return lambda request, n: kind if article is None or article_id(request) == article else None


def first(kind: str, times: int = 1) -> Plan:
    """The first ``times`` copies of each request get ``kind``; repeats are answered."""
    return lambda request, n: kind if n < times else None


def random_mix(seed: int, rate: float, kinds: Sequence[str] = FAULT_KINDS) -> Plan:
    """Each request independently gets a fault with probability ``rate``, seeded by its content."""

    def plan(request: dict[str, Any], n: int) -> str | None:
        rng = random.Random(f"{seed}:{request_digest(request)}:{n}")
        return rng.choice(list(kinds)) if rng.random() < rate else None

    return plan
