"""A small OpenAI-compatible chat-completions server on 127.0.0.1, scripted per request.

It is the project's own test server: it answers ``POST /v1/chat/completions`` with whatever a
*responder* function returns for the parsed request. It is not a model. Uses:

* ``reference_responder``: serves the hand-written reference answers in
  ``seeds/reference-responses.yaml`` (what ``seeds/sample-run.yaml`` was recorded from);
* tests script faults and invalid answers with their own responders.

Run it by hand::

    python -m tests.support.server --responses seeds/reference-responses.yaml --port 18080
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

import yaml

from .reference import NoReference, reference_answer


@dataclass
class Reply:
    """What the server does with one request.

    ``delay_s``: wait this long before answering (a hang, when longer than the client's timeout;
    cut short when the server stops). ``fault``: ``"reset"`` closes the connection with a TCP
    reset before any byte of the answer; ``"truncate"`` sends the headers and half the body,
    then closes the connection.
    """

    body: Any = None  # dict -> JSON, str/bytes -> as is
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    fault: Literal["reset", "truncate"] | None = None


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


def reference_responder(path: Path) -> Responder:
    """Answers summarize calls by article id and the compose call from a YAML of reference answers."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def respond(request: dict[str, Any]) -> Reply:
        first_user = next((m["content"] for m in request["messages"] if m["role"] == "user"), "")
        try:
            answer = reference_answer(data, schema_name(request), first_user)
        except NoReference as exc:
            return Reply({"error": {"message": str(exc)}}, 404)
        content = json.dumps(answer, ensure_ascii=False, indent=1)
        return Reply(chat_completion(content, request))

    return respond


class _QuietServer(ThreadingHTTPServer):
    request_queue_size = 256  # socketserver's default backlog (5) refuses a burst of concurrent clients

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (timeout, reset) is a scripted fault, not a server error


class OpenAIServer:
    """``with OpenAIServer(responder) as server: server.base_url`` -> ``http://127.0.0.1:PORT/v1``."""

    def __init__(self, responder: Responder, port: int = 0) -> None:
        self.responder = responder
        self.requests: list[dict[str, Any]] = []
        self.received: list[float] = []  # time.monotonic() of each request, in step with ``requests``
        self.current = threading.local()  # .arrived: time.monotonic() the request being answered came in
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else the body waits ~40 ms for the ACK of the headers (keep-alive)

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._send(Reply({"object": "list", "data": [{"id": "test", "object": "model"}]}))
                else:
                    self._send(Reply({"error": {"message": "not found"}}, 404))

            def do_POST(self) -> None:
                outer.current.arrived = time.monotonic()  # its request line is in; the body is read next
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    request = json.loads(raw)
                except ValueError:
                    self._send(Reply({"error": {"message": "request body is not JSON"}}, 400))
                    return
                with outer._lock:
                    outer.requests.append(request)
                    outer.received.append(time.monotonic())
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(Reply({"error": {"message": f"unknown path {self.path}"}}, 404))
                    return
                self._send(outer.responder(request))

            def _send(self, reply: Reply) -> None:
                if reply.delay_s and outer._stopping.wait(reply.delay_s):
                    self.close_connection = True
                    return
                if reply.fault == "reset":
                    # SO_LINGER with a zero timeout: close() sends RST instead of FIN
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
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
                if reply.fault == "truncate":
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(data)

        self._server = _QuietServer(("127.0.0.1", port), Handler)
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
        self._stopping.set()
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
