"""``briefing review``: a local web server where an analyst decides on each claim.

Starlette (routing, requests, responses) served by uvicorn on 127.0.0.1 only. The page is the full
briefing (``render.render_decide_page``) with ``decide.js``; every decision goes to
``review.ReviewStore`` at once, so the browser holds nothing that could be lost.

Safety: every request must carry the run's secret token (``?token=`` in the URL opened, then the
``X-Briefing-Token`` header), a Host of 127.0.0.1 or localhost at this port (no DNS rebinding),
and no foreign Origin; writes must be JSON (no cross-site form posts). Files are served only from
the briefing's folder.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import secrets
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from . import review
from .errors import BriefingError, UsageError
from .models import Briefing, Decision
from .registry import Registry
from .render import Deciding, render_decide_page

__all__ = ["ReviewServer", "make_app", "serve"]

TOKEN_HEADER = "X-Briefing-Token"
_SECURITY_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
                     "X-Frame-Options": "DENY", "Cross-Origin-Resource-Policy": "same-origin"}


@dataclass(frozen=True)
class ReviewServer:
    """One briefing under review, as the app needs it."""

    briefing_path: Path
    briefing: Briefing
    reviewer: str
    token: str
    port: int
    clock: Callable[[], dt.datetime]
    registry: Registry
    publish: Callable[[Path, dt.datetime], list[Path]]

    @property
    def origins(self) -> set[str]:
        return {f"http://127.0.0.1:{self.port}", f"http://localhost:{self.port}"}


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=_SECURITY_HEADERS)


def _decision_json(d: Decision) -> dict[str, Any]:
    return dict(json.loads(d.model_dump_json()))


def make_app(rs: ReviewServer) -> Starlette:
    store = review.ReviewStore(rs.briefing_path, rs.briefing)
    page_cache: dict[str, str] = {}

    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        host = request.headers.get("host", "")
        if host not in {o.removeprefix("http://") for o in rs.origins}:
            return _error(403, "refused: wrong Host header")
        origin = request.headers.get("origin")
        if origin is not None and origin not in rs.origins:
            return _error(403, "refused: a request from another site")
        given = request.headers.get(TOKEN_HEADER) or request.query_params.get("token") or ""
        if not secrets.compare_digest(given.encode(), rs.token.encode()):
            return _error(403, "refused: missing or wrong token (open the URL that `briefing review` printed)")
        if request.method == "POST" and request.headers.get("content-type", "").split(";")[0] != "application/json":
            return _error(415, "refused: send JSON")
        response = await call_next(request)
        for k, v in _SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    def page(request: Request) -> Response:
        if "html" not in page_cache:
            page_cache["html"] = render_decide_page(rs.briefing, Deciding(
                token=rs.token, reviewer=rs.reviewer, bluf_ids=[review.bluf_id(p) for p in rs.briefing.bluf]))
        return HTMLResponse(page_cache["html"])

    def state(request: Request) -> Response:
        try:
            latest = store.latest()
        except BriefingError as exc:
            return _error(409, str(exc))
        decided, total = review.progress(rs.briefing, latest)
        return JSONResponse({"decisions": {k: _decision_json(v) for k, v in latest.items()}, "decided": decided,
                             "total": total, "reviewer": rs.reviewer})

    async def _body(request: Request) -> dict[str, Any]:
        try:
            body = await request.json()
        except ValueError:
            raise UsageError("the request is not JSON") from None
        if not isinstance(body, dict):
            raise UsageError("the request is not a JSON object")
        return body

    def _strings(body: dict[str, Any], key: str) -> list[str]:
        value = body.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{key} must be a list of strings")
        return value

    def _text(body: dict[str, Any], key: str) -> str | None:
        value = body.get(key)
        if value is not None and not isinstance(value, str):
            raise UsageError(f"{key} must be a string")
        return value

    async def check(request: Request) -> Response:
        try:
            body = await _body(request)
            # the checker and the file lock run in a worker thread: the loop keeps serving other requests
            status, problems = await run_in_threadpool(
                review.check, rs.briefing, str(body.get("item_id", "")), _text(body, "text_en") or "",
                _strings(body, "extra_evidence"), rs.registry)
        except BriefingError as exc:
            return _error(400, str(exc))
        return JSONResponse({"status": status, "problems": problems})

    async def decision(request: Request) -> Response:
        try:
            body = await _body(request)
            kind = body.get("decision")
            if kind not in ("approve", "reject", "edit"):
                raise UsageError("decision must be approve, reject or edit")
            saved = await run_in_threadpool(
                functools.partial(store.decide, str(body.get("item_id", "")), kind, reviewer=rs.reviewer,
                                  at=rs.clock(), seen_version=int(body.get("seen_version") or 0),
                                  after=_text(body, "after"), reason=_text(body, "reason"),
                                  extra_evidence=_strings(body, "extra_evidence"), registry=rs.registry))
        except review.Conflict as exc:
            return JSONResponse({"error": str(exc), "latest": _decision_json(exc.latest)}, status_code=409)
        except (BriefingError, ValueError, TypeError) as exc:
            return _error(400, str(exc))
        return JSONResponse({"decision": _decision_json(saved)})

    def publish(request: Request) -> Response:
        try:
            paths = rs.publish(rs.briefing_path, rs.clock())
        except BriefingError as exc:
            return _error(400, str(exc))
        return JSONResponse({"files": [{"name": p.name, "url": f"files/{p.name}?token={rs.token}"} for p in paths]})

    def files(request: Request) -> Response:
        folder = rs.briefing_path.parent.resolve()
        target = (folder / request.path_params["name"]).resolve()
        if not target.is_relative_to(folder):
            return _error(403, "refused: a path outside the briefing's folder")
        if not target.is_file():
            return _error(404, "no such file")
        return FileResponse(target)

    return Starlette(
        routes=[Route("/", page), Route("/api/state", state), Route("/api/check", check, methods=["POST"]),
                Route("/api/decision", decision, methods=["POST"]),
                Route("/api/publish", publish, methods=["POST"]), Route("/files/{name:path}", files)],
        middleware=[Middleware(BaseHTTPMiddleware, dispatch=guard)])


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 (``port`` 0: any free port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    sock.listen(64)
    return sock


def serve(rs: ReviewServer, sock: socket.socket) -> None:
    """Serve until interrupted (Ctrl-C)."""
    import uvicorn

    config = uvicorn.Config(make_app(rs), log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
