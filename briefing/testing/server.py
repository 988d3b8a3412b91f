"""A small OpenAI-compatible chat-completions server on 127.0.0.1, scripted per request.

It is the project's own test server: it answers ``POST /v1/chat/completions`` with whatever a
*responder* function returns for the parsed request. It is not a model. Uses:

* ``reference_responder``: serves the hand-written reference answers in
  ``seeds/reference-responses.yaml`` (what ``seeds/sample-run.yaml`` was recorded from);
* tests script faults and invalid answers with their own responders.

Run it by hand::

    python -m briefing.testing.server --responses seeds/reference-responses.yaml --port 18080
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml


@dataclass
class Reply:
    body: Any = None  # dict -> JSON, str/bytes -> as is
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


Responder = Callable[[dict[str, Any]], Reply]


def approx_tokens(text: str) -> int:
    """The test server's token count: ceil(characters / 4). Not a real tokenizer."""
    return (len(text) + 3) // 4


def chat_completion(content: str, request: dict[str, Any], *, finish_reason: str = "stop") -> dict[str, Any]:
    prompt = "".join(str(m.get("content", "")) for m in request.get("messages", []))
    return {
        "id": "chatcmpl-briefing-test-server",
        "object": "chat.completion",
        "created": 0,
        "model": request.get("model", "test"),
        "choices": [{"index": 0, "finish_reason": finish_reason,
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": approx_tokens(prompt), "completion_tokens": approx_tokens(content),
                  "total_tokens": approx_tokens(prompt) + approx_tokens(content)},
    }


def schema_name(request: dict[str, Any]) -> str | None:
    fmt = request.get("response_format") or {}
    if isinstance(fmt, dict) and isinstance(fmt.get("json_schema"), dict):
        return str(fmt["json_schema"].get("name"))
    schema = fmt.get("schema") if isinstance(fmt, dict) else None
    if isinstance(schema, dict) and schema.get("title"):
        return str(schema["title"])
    text = " ".join(str(m.get("content", "")) for m in request.get("messages", []))
    match = re.search(r'"title":\s*"(\w+Draft)"\s*,\s*"type":\s*"object"\s*}\s*$', text)
    return match.group(1) if match else None


_ARTICLE_ID = re.compile(r"Article id: ([0-9a-f]{16})")


def reference_responder(path: Path) -> Responder:
    """Answers summarize calls by article id and the compose call from a YAML of reference answers."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def respond(request: dict[str, Any]) -> Reply:
        name = schema_name(request)
        user = next((m["content"] for m in reversed(request["messages"]) if m["role"] == "user"), "")
        first_user = next((m["content"] for m in request["messages"] if m["role"] == "user"), "")
        if name == "BriefingDraft":
            answer = data["briefing"]
        elif name == "ArticleDraft":
            match = _ARTICLE_ID.search(first_user)
            if not match or match.group(1) not in data["articles"]:
                return Reply({"error": {"message": f"no reference answer for this article: {user[:80]!r}"}}, 404)
            answer = data["articles"][match.group(1)]
        else:
            return Reply({"error": {"message": f"no reference answers for schema {name!r}"}}, 400)
        content = json.dumps(answer, ensure_ascii=False, indent=1)
        return Reply(chat_completion(content, request))

    return respond


class OpenAIServer:
    """``with OpenAIServer(responder) as server: server.base_url`` -> ``http://127.0.0.1:PORT/v1``."""

    def __init__(self, responder: Responder, port: int = 0) -> None:
        self.responder = responder
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._send(Reply({"object": "list", "data": [{"id": "test", "object": "model"}]}))
                else:
                    self._send(Reply({"error": {"message": "not found"}}, 404))

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    request = json.loads(raw)
                except ValueError:
                    self._send(Reply({"error": {"message": "request body is not JSON"}}, 400))
                    return
                outer.requests.append(request)
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(Reply({"error": {"message": f"unknown path {self.path}"}}, 404))
                    return
                self._send(outer.responder(request))

            def _send(self, reply: Reply) -> None:
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                body = reply.body
                if isinstance(body, (dict, list)):
                    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                    ctype = "application/json"
                else:
                    data = body.encode("utf-8") if isinstance(body, str) else (body or b"")
                    ctype = "text/plain; charset=utf-8"
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.headers.get("Content-Type", ctype))
                self.send_header("Content-Length", str(len(data)))
                for key, value in reply.headers.items():
                    if key != "Content-Type":
                        self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> OpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def main() -> None:  # pragma: no cover
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=Path, required=True, help="YAML of reference answers")
    parser.add_argument("--port", type=int, default=18080)
    args = parser.parse_args()
    with OpenAIServer(reference_responder(args.responses), port=args.port) as server:
        print(f"serving reference answers at {server.base_url}", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":  # pragma: no cover
    main()
