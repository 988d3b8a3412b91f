"""The one module that talks to litellm.

Everything else sees a ``Completion``: an async callable from ``LLMRequest`` to ``LLMResponse``.
Tests pass a scripted fake; the CLI passes ``LiteLLMCompletion``. litellm is imported lazily
(it takes seconds), with its cost map read from the installed package, never the network.

How a provider is asked for structured output is a per-model setting, ``structured_output``:

* ``json_schema``: OpenAI-style ``response_format={"type": "json_schema", ...}`` (default);
* ``json_object``: ``{"type": "json_object", "schema": ...}`` plus the schema in the prompt
  (llama.cpp's server, older OpenAI-compatible servers);
* ``prompt``: no response_format, the schema is stated in the prompt only.

The configuration's ``auto`` picks one per provider (``providers.choose_mode``).
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal, Protocol
from urllib.parse import urlparse

from .errors import BudgetExceeded, CassetteMissError, LLMError, RefusedError, UnreachableError
from .models import Usage

StructuredMode = Literal["json_schema", "json_object", "prompt"]
STRUCTURED_MODES: tuple[StructuredMode, ...] = ("json_schema", "json_object", "prompt")


@dataclass(frozen=True)
class ModelSettings:
    model: str
    api_base: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout_s: float = 120.0
    structured_output: StructuredMode = "json_schema"
    temperature: float = 0.0
    max_output_tokens: int = 4096
    transport_retries: int = 2  # extra requests after a transient failure (429, 5xx, timeout, reset)
    retry_wait_s: float = 1.0  # first backoff; doubles per retry, with up to 1 s of jitter
    retry_wait_max_s: float = 30.0  # longest wait, a server's Retry-After included; a longer one is not waited for


@dataclass(frozen=True)
class LLMRequest:
    purpose: str
    messages: list[dict[str, str]]
    schema_name: str
    json_schema: dict[str, Any]


@dataclass(frozen=True)
class LLMResponse:
    content: str
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None
    attempts: int = 1  # requests on the wire, transport retries included


class Completion(Protocol):
    def __call__(self, request: LLMRequest) -> Awaitable[LLMResponse]: ...


class CacheLike(Protocol):
    def get(self, key: str) -> LLMResponse | None: ...
    def put(self, key: str, purpose: str, response: LLMResponse) -> None: ...


class MeteredCompletion:
    """Wraps a completion: answers from the cache when it can, enforces the budget, and counts
    every request on the wire (retries and re-asks included), its tokens and its cost."""

    def __init__(self, inner: Completion, *, cache: CacheLike | None = None,
                 cache_key: Callable[[LLMRequest], str] | None = None, max_cost_usd: float | None = None,
                 estimate_cost: Callable[[LLMRequest], float] | None = None) -> None:
        self.inner = inner
        self.cache = cache
        self.cache_key = cache_key
        self.max_cost_usd = max_cost_usd
        self.estimate_cost = estimate_cost
        self.usage = Usage()
        self.refused = 0

    async def __call__(self, request: LLMRequest) -> LLMResponse:
        key = self.cache_key(request) if self.cache is not None and self.cache_key is not None else None
        if key is not None and self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                self.usage = self.usage.add(Usage(cache_hits=1))
                return hit
        if self.max_cost_usd is not None:
            estimate = self.estimate_cost(request) if self.estimate_cost else 0.0
            if self.usage.cost_usd + estimate > self.max_cost_usd:
                self.refused += 1
                raise BudgetExceeded(
                    f"budget of ${self.max_cost_usd:.4f} reached (spent ${self.usage.cost_usd:.4f}, "
                    f"next call estimated ${estimate:.4f}); not summarized"
                )
        try:
            response = await self.inner(request)
        except LLMError as exc:
            attempts = exc.attempts
            self.usage = self.usage.add(Usage(calls=attempts, retries=max(0, attempts - 1)))
            raise
        self.usage = self.usage.add(
            Usage(
                calls=response.attempts,
                retries=response.attempts - 1,
                input_tokens=response.input_tokens,
                output_tokens=response.output_tokens,
                cost_usd=response.cost_usd or 0.0,
                unpriced_calls=int(response.cost_usd is None),
            )
        )
        if key is not None and self.cache is not None:
            self.cache.put(key, request.purpose, response)
        return response

    def count_reask(self) -> None:
        self.usage = self.usage.add(Usage(reasks=1))

    async def aclose(self) -> None:
        close = getattr(self.inner, "aclose", None)
        if close is not None:
            await close()


_litellm_module: ModuleType | None = None


def client_loaded() -> bool:
    """Whether litellm is imported already in this process (its import takes 2-3 s)."""
    return "litellm" in sys.modules


def _litellm() -> ModuleType:
    global _litellm_module
    if _litellm_module is None:
        os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
        import litellm

        litellm.telemetry = False
        litellm.suppress_debug_info = True
        # Use httpx for async calls too, so that vcrpy cassettes intercept them.
        litellm.disable_aiohttp_transport = True
        _litellm_module = litellm
    return _litellm_module


def tokenizer_model(model: str) -> str:
    """``openai/gpt-4o-mini`` -> ``gpt-4o-mini``: litellm's tokenizers know bare model names."""
    head, sep, rest = model.partition("/")
    if sep and head in set(_litellm().provider_list):
        return rest
    return model


def litellm_provider(model: str) -> str | None:
    """litellm's provider for a model string (``openai/x`` -> ``openai``), or None if it has none."""
    try:
        return str(_litellm().get_llm_provider(model=model)[1])
    except Exception:
        return None


def supports_response_schema(model: str) -> bool:
    """Whether litellm's bundled model map says this model takes a JSON Schema ``response_format``."""
    try:
        return bool(_litellm().supports_response_schema(model=model))
    except Exception:
        return False


def token_counter(model: str) -> Callable[[str], int]:
    """Counts tokens as litellm does for this model (its bundled tokenizers: never the network)."""
    litellm = _litellm()
    name = tokenizer_model(model)
    def count(text: str) -> int:
        return int(litellm.token_counter(model=name, text=text))

    return count


def with_schema_in_prompt(messages: list[dict[str, str]], schema: dict[str, Any]) -> list[dict[str, str]]:
    note = (
        "\n\nAnswer with one JSON object and nothing else. It must match this JSON Schema:\n"
        + json.dumps(schema, ensure_ascii=False, sort_keys=True)
    )
    first, *rest = messages
    return [{**first, "content": first["content"] + note}, *rest]


def _is_loopback(url: str | None) -> bool:
    host = urlparse(url).hostname if url else None
    return host in ("127.0.0.1", "localhost", "::1")


def _causes(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(out) < 12 and seen not in out:
        out.append(seen)
        seen = seen.__cause__ or seen.__context__
    return out


def _not_reached(exc: BaseException) -> bool:
    """A refused connection or a failed DNS lookup: nothing at the endpoint was reached."""
    import socket

    chain = _causes(exc)
    text = " ".join(str(c) for c in chain)
    return any(isinstance(c, ConnectionRefusedError | socket.gaierror) for c in chain) or any(
        m in text for m in ("Connection refused", "Connect call failed", "Name or service not known",
                            "nodename nor servname", "Temporary failure in name resolution"))


def unreachable(exc: BaseException, settings: ModelSettings, answered: bool = False) -> str | None:
    """A message naming the endpoint and the likely fix when ``exc`` means the model cannot be
    used at all (not worth retrying); None for anything that may pass. Once the endpoint has
    ``answered`` in this run, a refused connection is a server restarting: transient."""
    import socket

    where = settings.api_base or f"{settings.model}'s provider"
    chain = _causes(exc)
    text = " ".join(str(c) for c in chain)
    if not answered and (any(isinstance(c, ConnectionRefusedError) for c in chain) or "Connection refused" in text
                         or "Connect call failed" in text):
        return f"nothing is listening at {where}: is the server running?"
    if not answered and (any(isinstance(c, socket.gaierror) for c in chain) or "Name or service not known" in text
                         or "nodename nor servname" in text or "Temporary failure in name resolution" in text):
        return f"the host of {where} has no address (DNS lookup failed): check the URL (--api-base)"
    if "Missing credentials" in text or "api_key client option must be set" in text:
        return f"{settings.model} needs an API key: {_key_hint(settings.model)}"
    status = next((getattr(c, "status_code", None) for c in chain if getattr(c, "status_code", None) in (401, 403)),
                  None)
    if status is not None or type(exc).__name__ in ("AuthenticationError", "PermissionDeniedError"):
        return (f"{where} rejected the API key (HTTP {status or 401}): check "
                f"{_key_hint(settings.model, only_name=True)}")
    return None


def _key_hint(model: str, only_name: bool = False) -> str:
    """Which environment variable the provider's key comes from, as litellm knows it."""
    try:
        missing = _litellm().validate_environment(model=model).get("missing_keys") or []
    except Exception:
        missing = []
    names = " or ".join(missing) if missing else "the provider's API key variable"
    return names if only_name else f"set {names} in the environment"


def _cassette_miss(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if type(seen).__name__ == "CannotOverwriteExistingCassetteException":
            return True
        seen = seen.__cause__ or seen.__context__
    return "Can't overwrite existing cassette" in str(exc)


def retry_after_s(exc: BaseException) -> float | None:
    """The wait a server asked for (``Retry-After`` seconds or HTTP date, or ``retry-after-ms``)."""
    headers: Any = getattr(exc, "litellm_response_headers", None)
    if not headers:
        response = getattr(exc, "response", None)
        headers = getattr(response, "headers", None)
    if not headers:
        return None
    try:
        ms = headers.get("retry-after-ms")
        if ms is not None:
            return max(0.0, float(ms) / 1000)
        value = headers.get("retry-after")
        if value is None:
            return None
        try:
            return max(0.0, float(value))
        except ValueError:
            from email.utils import parsedate_to_datetime

            when = parsedate_to_datetime(str(value))
            return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, AttributeError):
        return None


_SECRET = re.compile(r"(sk-|key-|Bearer\s+)[A-Za-z0-9_\-]{8,}")


def scrub(message: str, secret: str | None = None) -> str:
    """Remove anything that looks like an API key from an error message."""
    if secret:
        message = message.replace(secret, "***")
    return _SECRET.sub(r"\1***", message)


class LiteLLMCompletion:
    """Calls any model litellm supports. Transport retries happen here and only here."""

    def __init__(self, settings: ModelSettings, connections: int = 32) -> None:
        self.settings = settings
        self.connections = max(1, connections)
        self._session: Any = None
        self._session_loop: Any = None
        self._previous_session: Any = None
        self._took_session = False
        self.reached = False  # something answered at the endpoint in this run (a refusal after that is a restart)

    def _use_session(self, litellm: ModuleType) -> None:
        """Keep-alive connections for every request in flight, for this run.

        litellm's OpenAI-compatible path otherwise keeps httpx's default of 20 idle connections:
        above 20 requests in flight, each answer closes its connection and the next request
        opens a new one (measured: 179 connects for 256 calls at 32 in flight, 1 ms of CPU each).
        """
        import asyncio

        loop = asyncio.get_running_loop()
        if self._session is not None and self._session_loop is not loop:
            self._session = None  # made in an event loop that is gone: its connections belong to it
        if self._session is None:
            import httpx

            self._session_loop = loop
            self._session = httpx.AsyncClient(
                limits=httpx.Limits(max_connections=None, max_keepalive_connections=self.connections),
                timeout=self.settings.timeout_s, follow_redirects=True)
            if not self._took_session:  # what to give back on aclose: not a session of ours
                self._previous_session = getattr(litellm, "aclient_session", None)
                self._took_session = True
            setattr(litellm, "aclient_session", self._session)  # noqa: B010 (litellm's typing lacks it)

    async def aclose(self) -> None:
        """Close this run's connections (in the event loop that made them)."""
        if self._session is None:
            return
        litellm = _litellm()
        if getattr(litellm, "aclient_session", None) is self._session:
            setattr(litellm, "aclient_session", self._previous_session)  # noqa: B010
            self._took_session = False
        litellm.in_memory_llm_clients_cache.flush_cache()  # its cached SDK clients wrap this session
        session: Any = self._session
        self._session = None
        await session.aclose()

    def _kwargs(self, request: LLMRequest) -> dict[str, Any]:
        s = self.settings
        messages = request.messages
        kwargs: dict[str, Any] = {
            "model": s.model,
            "temperature": s.temperature,
            "max_tokens": s.max_output_tokens,
            "timeout": s.timeout_s,
            "num_retries": 0,
            "max_retries": 0,
        }
        if s.structured_output == "json_schema":
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "schema": request.json_schema, "strict": False},
            }
        else:
            messages = with_schema_in_prompt(messages, request.json_schema)
            if s.structured_output == "json_object":
                kwargs["response_format"] = {"type": "json_object", "schema": request.json_schema}
        kwargs["messages"] = messages
        if s.api_base:
            kwargs["api_base"] = s.api_base
        if s.api_key:
            kwargs["api_key"] = s.api_key
        elif _is_loopback(s.api_base):
            kwargs["api_key"] = "no-key-needed-for-local-server"
        return kwargs

    def _wait(self, retry_state: Any) -> float:
        """Before a retry: the server's Retry-After when it gave one, else exponential backoff."""
        s = self.settings
        outcome = retry_state.outcome
        asked = retry_after_s(outcome.exception()) if outcome is not None and outcome.failed else None
        if asked is not None:
            return min(asked, s.retry_wait_max_s)
        backoff = s.retry_wait_s * 2 ** (retry_state.attempt_number - 1) + random.uniform(0, min(1.0, s.retry_wait_s))
        return float(min(backoff, s.retry_wait_max_s))

    async def __call__(self, request: LLMRequest) -> LLMResponse:
        from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

        litellm = _litellm()
        transient = (
            litellm.RateLimitError,
            litellm.APIConnectionError,
            litellm.Timeout,
            litellm.InternalServerError,
            litellm.ServiceUnavailableError,
        )
        kwargs = self._kwargs(request)
        self._use_session(litellm)

        def retryable(exc: BaseException) -> bool:
            if not _not_reached(exc):
                self.reached = True  # an error from a server (or a cut connection): it was up
            if not isinstance(exc, transient) or _cassette_miss(exc) or unreachable(exc, self.settings, self.reached):
                return False
            asked = retry_after_s(exc)
            return asked is None or asked <= self.settings.retry_wait_max_s  # not worth waiting for: give up now

        attempts = 0
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(1 + self.settings.transport_retries),
                wait=self._wait,
                retry=retry_if_exception(retryable),
                reraise=True,
            ):
                with attempt:
                    attempts += 1
                    response = await litellm.acompletion(**kwargs)
        except Exception as exc:
            error: LLMError
            why = None if _cassette_miss(exc) else unreachable(exc, self.settings, self.reached)
            if why is not None:
                error = UnreachableError(scrub(why, self.settings.api_key))
            elif _cassette_miss(exc):
                error = CassetteMissError(
                    "no recorded answer in the cassette matches this request "
                    f"({request.purpose}); the prompt, model or input changed since it was recorded"
                )
            else:
                error = LLMError(scrub(self._describe(exc, attempts), self.settings.api_key))
            error.attempts = attempts
            raise error from None
        self.reached = True
        try:
            parsed = self._parse(response)
        except LLMError as exc:
            exc.attempts = attempts
            raise
        return LLMResponse(parsed.content, parsed.input_tokens, parsed.output_tokens, parsed.cost_usd, attempts)

    def _describe(self, exc: BaseException, attempts: int) -> str:
        """One line for a person: what went wrong, how often it was tried, and the server's words."""
        litellm = _litellm()
        status = getattr(exc, "status_code", None)
        detail = str(getattr(exc, "message", "") or exc).split(" - ", 1)[-1].strip()
        if isinstance(exc, litellm.Timeout):
            what = f"no answer within the {self.settings.timeout_s:g} s timeout"
            detail = ""
        elif isinstance(exc, litellm.RateLimitError):
            asked = retry_after_s(exc)
            what = "rate limited (HTTP 429)"
            cap = self.settings.retry_wait_max_s
            if asked is not None and asked > cap:
                what += f"; the server asks to wait {asked:g} s, longer than the {cap:g} s allowed"
        elif detail.startswith("Connection error"):
            what = "the connection failed (reset, closed or cut short)"
            detail = ""
        elif isinstance(status, int) and status >= 400:
            what = f"HTTP {status}"
        else:
            what = type(exc).__name__
        tries = f" after {attempts} attempt(s)" if attempts > 1 else ""
        detail = " ".join(detail.split())[:200]
        return f"{self.settings.model}: {what}{tries}" + (f": {detail}" if detail else "")

    def _parse(self, response: Any) -> LLMResponse:
        litellm = _litellm()
        choices = getattr(response, "choices", None) or []
        if not choices:
            raise RefusedError(f"{self.settings.model}: the response had no choices")
        message = choices[0].message
        extra = getattr(message, "provider_specific_fields", None) or {}
        refusal = getattr(message, "refusal", None) or (extra.get("refusal") if isinstance(extra, dict) else None)
        if refusal:
            raise RefusedError(f"{self.settings.model} refused: {' '.join(str(refusal).split())[:200]}")
        content = message.content or ""
        if not content and getattr(choices[0], "finish_reason", None) == "content_filter":
            raise RefusedError(f"{self.settings.model} refused: the provider's content filter stopped the answer")
        usage = getattr(response, "usage", None)
        cost: float | None = None
        priced = (getattr(response, "_hidden_params", None) or {}).get("response_cost")
        if isinstance(priced, int | float) and not isinstance(priced, bool):
            cost = float(priced)  # litellm priced it already, for its own logging
        else:
            try:
                cost = float(litellm.completion_cost(completion_response=response))
            except Exception:
                cost = None
        return LLMResponse(
            content=content,
            input_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            output_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
            cost_usd=cost,
        )


def cost_estimator(settings: ModelSettings) -> Callable[[LLMRequest], float]:
    """An upper estimate of a call's cost: its prompt, plus the full output allowance."""
    litellm = _litellm()

    def estimate(request: LLMRequest) -> float:
        text = "".join(m["content"] for m in request.messages) + json.dumps(request.json_schema)
        try:
            prompt_tokens = int(litellm.token_counter(model=tokenizer_model(settings.model), text=text))
            cost_in, cost_out = litellm.cost_per_token(model=settings.model, prompt_tokens=prompt_tokens,
                                                       completion_tokens=settings.max_output_tokens)
            return float(cost_in + cost_out)
        except Exception:
            return 0.0  # litellm cannot price this model: the budget cannot bind

    return estimate
