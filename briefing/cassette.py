"""Record and replay LLM traffic as vcrpy cassettes: the audit trail of a run.

Cassettes are readable YAML: JSON bodies are stored as YAML mappings, Arabic unescaped, long
prompts as literal blocks. Requests match on method, URL and the *parsed* JSON body, so a replay
fails loudly (``CassetteMissError``) when a prompt, model or input changed. Credentials are
never written: auth headers and key query parameters are removed before anything is saved, and
a key a server echoes back in a response body (``Incorrect API key provided: sk-...``) is masked.

A ``briefing:`` block at the top says which model and endpoint answered, so ``--replay`` needs
no other settings.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .errors import UsageError

SECRET_HEADERS = (
    "authorization", "api-key", "x-api-key", "openai-organization", "openai-project",
    "x-goog-api-key", "anthropic-api-key", "cookie", "set-cookie", "proxy-authorization",
)
SECRET_QUERY = ("key", "api_key", "api-key", "token")
_KEEP_RESPONSE_HEADERS = ("content-type", "retry-after")
# Provider keys by their shape (OpenAI/Anthropic ``sk-...``, Google ``AIza...``), for keys the
# settings do not hold (read by litellm from the environment).
_KEY_SHAPES = re.compile(rb"\bsk-[A-Za-z0-9_\-]{16,}|\bAIza[0-9A-Za-z_\-]{35}")


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    if "\n" in data:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


_Dumper.add_representer(str, _str_presenter)


def _to_text(body: Any) -> str | None:
    if body is None:
        return None
    if isinstance(body, bytes):
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return body if isinstance(body, str) else None


def _as_json(body: Any) -> Any:
    text = _to_text(body)
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class ReadableYAML:
    """A vcrpy serializer: JSON bodies become YAML mappings, and back."""

    @staticmethod
    def serialize(cassette: dict[str, Any]) -> str:
        interactions = []
        for item in cassette.get("interactions", []):
            request = dict(item["request"])
            parsed = _as_json(request.get("body"))
            if parsed is not None:
                request.pop("body")
                request["json"] = parsed
            response = dict(item["response"])
            body = dict(response.get("body") or {})
            parsed = _as_json(body.get("string"))
            if parsed is not None:
                response["body"] = {"json": parsed}
            interactions.append({"request": request, "response": response})
        out = {k: v for k, v in cassette.items() if k != "interactions"}
        out["interactions"] = interactions
        return yaml.dump(out, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)

    @staticmethod
    def deserialize(text: str) -> dict[str, Any]:
        data = yaml.safe_load(text) or {}
        for item in data.get("interactions", []):
            request = item["request"]
            if "json" in request:
                request["body"] = _dump_json(request.pop("json"))
            body = item["response"].get("body") or {}
            if "json" in body:
                item["response"]["body"] = {"string": _dump_json(body["json"])}
        return dict(data)


def _json_body_matcher(r1: Any, r2: Any) -> None:
    a, b = _as_json(r1.body), _as_json(r2.body)
    if a is None or b is None:
        assert r1.body == r2.body, "bodies differ"
    else:
        assert a == b, "JSON bodies differ"


_KEEP_REQUEST_HEADERS = ("content-type",)


def _scrub_request(request: Any) -> Any:
    """Keep only the content type: no credentials, no client fingerprint noise."""
    for name in list(request.headers):
        if name.lower() not in _KEEP_REQUEST_HEADERS:
            del request.headers[name]
    return request


def _scrub_response(response: dict[str, Any], secrets: tuple[str, ...] = ()) -> dict[str, Any]:
    headers = response.get("headers") or {}
    response["headers"] = {k: v for k, v in headers.items() if k.lower() in _KEEP_RESPONSE_HEADERS}
    body = response.get("body") or {}
    data = body.get("string")
    if isinstance(data, (bytes, str)):
        raw = data.encode("utf-8") if isinstance(data, str) else data
        for secret in secrets:
            raw = raw.replace(secret.encode("utf-8"), b"***")
        raw = _KEY_SHAPES.sub(b"***", raw)
        body["string"] = raw.decode("utf-8") if isinstance(data, str) else raw
    return response


def _vcr(record: bool, secrets: tuple[str, ...] = ()) -> Any:
    import vcr

    # vcrpy's debug lines dump each response before it is scrubbed: keep them out of any log
    logging.getLogger("vcr").setLevel(logging.WARNING)

    v = vcr.VCR(
        record_mode="all" if record else "none",
        match_on=["method", "scheme", "host", "port", "path", "query", "json_body"],
        filter_headers=list(SECRET_HEADERS),
        filter_query_parameters=list(SECRET_QUERY),
        before_record_request=_scrub_request,
        before_record_response=lambda response: _scrub_response(response, secrets),
        decode_compressed_response=True,
    )
    v.register_serializer("readable-yaml", ReadableYAML)
    v.register_matcher("json_body", _json_body_matcher)
    return v


def read_header(path: Path) -> dict[str, Any]:
    """The ``briefing:`` block of a cassette (model, api_base, structured_output, ...)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise UsageError(f"{path}: cassette not found") from None
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: not a readable cassette ({exc})") from None
    header = data.get("briefing")
    if not isinstance(header, dict) or "model" not in header:
        raise UsageError(f"{path}: cassette has no 'briefing:' header naming the model; re-record it")
    return dict(header)


@contextlib.contextmanager
def replaying(path: Path) -> Iterator[None]:
    """Serve every LLM request from the cassette; a request it lacks raises, nothing hits the network."""
    read_header(path)
    with _vcr(record=False).use_cassette(str(path), serializer="readable-yaml", allow_playback_repeats=True):
        yield


@contextlib.contextmanager
def recording(path: Path, header: dict[str, Any], secrets: tuple[str, ...] = ()) -> Iterator[None]:
    """Record every LLM exchange; the cassette replaces ``path`` atomically when the block ends.

    ``secrets`` (the API key) are masked wherever a response body repeats them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".cassette-", suffix=".yaml", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        with _vcr(record=True, secrets=tuple(s for s in secrets if s)).use_cassette(tmp, serializer="readable-yaml"):
            yield
        data = yaml.safe_load(Path(tmp).read_text(encoding="utf-8")) if Path(tmp).exists() else {}
        data = {"briefing": header, **{k: v for k, v in (data or {}).items() if k != "briefing"}}
        data.setdefault("interactions", [])
        data.setdefault("version", 1)
        Path(tmp).write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
                             encoding="utf-8")
        os.replace(tmp, path)
    finally:
        if Path(tmp).exists():
            os.unlink(tmp)
