"""Ask for JSON that matches a pydantic model; validate; re-ask with the errors, bounded.

Like instructor's ``retry.py`` + ``reask.py``: each invalid answer is sent back to the model
with the validation errors (and any ``check`` problems, e.g. evidence not found in the
article), at most ``max_reasks`` times. Then ``OutputInvalidError`` carries the attempts,
every error and the last output. Transport failures are not retried here (see ``llm``).
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable
from functools import cache
from typing import TypeVar

from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt

from . import prompting
from .errors import OutputInvalidError
from .llm import LLMRequest, MeteredCompletion
from .slots import FIRST, NEW, Slots

T = TypeVar("T", bound=BaseModel)


class _Invalid(Exception):
    def __init__(self, errors: list[str], output: str) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors
        self.output = output


@cache
def _schema_json(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema())


def model_schema(model: type[BaseModel]) -> dict[str, object]:
    """The model's JSON Schema (computed once per model; a fresh copy each call)."""
    schema: dict[str, object] = json.loads(_schema_json(model))
    return schema


def extract_json(text: str) -> str:
    """The JSON object in a reply, tolerating code fences and chatter around it."""
    start, end = text.find("{"), text.rfind("}")
    if start == -1 or end < start:
        raise _Invalid(["the answer contains no JSON object"], text)
    return text[start : end + 1]


def parse_json(model: type[T], text: str) -> T:
    """Validate the JSON object in ``text``. Raw control characters inside strings (a literal
    newline, which llama.cpp's JSON grammar lets through) are accepted, as ``json.loads(strict=False)``
    does; anything else invalid raises pydantic's ``ValidationError`` unchanged."""
    raw = extract_json(text)
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        if not any(e["type"] == "json_invalid" for e in exc.errors(include_url=False)):
            raise
        try:
            data = json.loads(raw, strict=False)
        except json.JSONDecodeError:
            raise exc from None
        return model.model_validate_json(json.dumps(data, ensure_ascii=False))


def _validation_errors(exc: ValidationError) -> list[str]:
    out = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        out.append(f"{where}: {err['msg']}")
    return out


async def ask(
    completion: MeteredCompletion,
    *,
    purpose: str,
    messages: list[dict[str, str]] | Callable[[], list[dict[str, str]]],
    model: type[T],
    max_reasks: int,
    check: Callable[[T], list[str] | Awaitable[list[str]]] | None = None,
    strict_check: bool = True,
    gate: Slots | None = None,
    priority: int = NEW,
) -> T:
    """Ask until the answer validates (and passes ``check``), at most ``1 + max_reasks`` times.

    With ``strict_check=False``, ``check`` problems are re-asked but not fatal: when the re-asks
    run out, the last schema-valid answer is returned and the caller marks what is still wrong.

    ``gate`` bounds the requests in flight: a slot is held for each request only, not while the
    answer is validated and checked, and a freed slot goes to a waiting request before this
    answer's checks run (a burst of answers does not hold back the next requests). Re-asks wait
    with ``FIRST`` priority; ``priority`` is the first request's. ``messages`` may be a function,
    called once a slot is free (the first requests go out at once).
    """
    history: list[dict[str, str]] = [] if callable(messages) else list(messages)
    schema = model_schema(model)
    errors_seen: list[str] = []
    last_output = ""
    last_valid: T | None = None

    async def attempt_once() -> T:
        nonlocal last_output, last_valid
        if gate is not None:
            await gate.acquire(FIRST if attempts > 1 else priority)
        try:
            if not history and callable(messages):
                history.extend(messages())
            response = await completion(
                LLMRequest(purpose=purpose, messages=list(history), schema_name=model.__name__, json_schema=schema)
            )
        finally:
            if gate is not None:
                gate.release()
        if gate is not None:
            await asyncio.sleep(0)  # let the request that took the slot go out first
        last_output = response.content
        try:
            value = parse_json(model, response.content)
        except ValidationError as exc:
            raise _Invalid(_validation_errors(exc), response.content) from None
        except json.JSONDecodeError as exc:
            raise _Invalid([f"invalid JSON: {exc.msg}"], response.content) from None
        last_valid = value
        found = check(value) if check else []
        problems = await found if inspect.isawaitable(found) else found
        if problems:
            raise _Invalid(problems, response.content)
        return value

    attempts = 0
    try:
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(1 + max_reasks),
            retry=retry_if_exception_type(_Invalid),
            reraise=True,
        ):
            with attempt:
                attempts += 1
                if attempts > 1:
                    completion.count_reask()
                try:
                    return await attempt_once()
                except _Invalid as invalid:
                    errors_seen.extend(invalid.errors)
                    history[:] = [
                        *history,
                        {"role": "assistant", "content": invalid.output},
                        {"role": "user", "content": prompting.render("reask.user.j2", errors=invalid.errors[:20])},
                    ]
                    raise
    except _Invalid as invalid:
        if not strict_check and last_valid is not None:
            return last_valid
        raise OutputInvalidError(
            f"{purpose}: the model's answer was invalid after {attempts} attempt(s): "
            + "; ".join(invalid.errors[:3]),
            attempts=attempts,
            errors=errors_seen,
            last_output=last_output,
        ) from None
    raise AssertionError("unreachable")  # pragma: no cover
