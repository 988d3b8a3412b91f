"""Faults on the wire, through litellm and HTTP against the fault-injection server.

Every fault kind of ``tests.support.faults``, persistent for one article, and seeded random
mixes over all of them: the run finishes, every article is summarized or listed under "Not
summarized" with its reason, the result says partial, requests on the wire are bounded by
``(1 + retries) x calls`` and counted in the manifest, Retry-After is honoured and the client
timeout is the one configured.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markupsafe import escape

from briefing import api
from briefing.cli import cli
from briefing.llm import LiteLLMCompletion, LLMRequest, LLMResponse, ModelSettings
from tests.support.echo import extractive_responder
from tests.support.faults import FAULT_KINDS, TRANSIENT, FaultScript, always, article_id, first, random_mix
from tests.support.server import OpenAIServer

DATE = dt.date(2017, 11, 4)
RETRIES = 2
REASKS = 1
TIMEOUT_S = 1.0
TEXTS = [
    "أعلن الجيش العراقي اليوم تحرير مدينة القائم.\nوقالت مصادر عسكرية إن القوات تقدمت 10 كيلومترات.",
    "فرض نظام الرئيس السوري سيطرته على مدينة دير الزور.\nوقال المرصد إن المعارك مستمرة.",
    "قالت وزارة الصحة إن عدد المصابين ارتفع إلى 35 شخصا.\nوأضافت أن المستشفيات تعمل بكامل طاقتها.",
    "وقع البنك المركزي اتفاقا مع صندوق النقد الدولي.\nويتضمن الاتفاق قرضا بقيمة ملياري دولار.",
    "افتتح وزير التعليم معرض الكتاب في الرياض.\nويشارك في المعرض أكثر من 500 دار نشر.",
    # the same story as the first, reworded: clustered with it
    "أعلن الجيش العراقي اليوم تحرير مدينة القائم.\nوقالت مصادر عسكرية إن القوات تقدمت 10 كيلومترات نحو الحدود.",
]
VICTIM = hashlib.sha256(TEXTS[0].encode("utf-8")).hexdigest()[:16]  # the id of the article a0.txt

# What the reason of an article that kept meeting the fault says.
REASONS = {
    "rate_limit": "rate limited (HTTP 429) after 3 attempt(s)",
    "server_error": "HTTP 500 after 3 attempt(s)",
    "unavailable": "HTTP 503 after 3 attempt(s)",
    "hang": f"no answer within the {TIMEOUT_S:g} s timeout after 3 attempt(s)",
    "reset": "the connection failed (reset, closed or cut short) after 3 attempt(s)",
    "truncated": "the connection failed (reset, closed or cut short) after 3 attempt(s)",
    "body_not_json": "HTTP 500 after 3 attempt(s): Empty or invalid response",
    "content_not_json": "invalid after 2 attempt(s): the answer contains no JSON object",
    "schema_violation": "invalid after 2 attempt(s): headline_en: Input should be a valid string",
    "empty_choices": "the response had no choices",
    "refusal": "refused: I can't help with that request.",
}


class Counting:
    """The real litellm completion, counting the calls the pipeline makes (before retries)."""

    def __init__(self, settings: ModelSettings) -> None:
        self.inner = LiteLLMCompletion(settings)
        self.calls = 0

    async def __call__(self, request: LLMRequest) -> LLMResponse:
        self.calls += 1
        return await self.inner(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def _settings(server: OpenAIServer, **kw: Any) -> ModelSettings:
    base: dict[str, Any] = {"model": "openai/test", "api_base": server.base_url, "timeout_s": TIMEOUT_S,
                            "transport_retries": RETRIES, "retry_wait_s": 0.05, "retry_wait_max_s": 5.0}
    return ModelSettings(**{**base, **kw})


def _options(out: Path, **kw: Any) -> api.GenerateOptions:
    # pack_articles=1: one call per article, so that a fault aimed at one article hits only it
    base: dict[str, Any] = {"date": DATE, "out_dir": out, "formats": ("html", "json"), "max_reasks": REASKS,
                            "pack_articles": 1}
    return api.GenerateOptions(**{**base, **kw})


def _articles(folder: Path, n: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"a{i}.txt"
        path.write_text(TEXTS[i], encoding="utf-8")
        paths.append(path)
    return paths


def _run(tmp_path: Path, script: FaultScript, n: int = 3, settings: dict[str, Any] | None = None,
         options: dict[str, Any] | None = None) -> tuple[api.GenerateResult, OpenAIServer, Counting, float]:
    inputs = _articles(tmp_path / "in", n)
    with OpenAIServer(script) as server:
        counting = Counting(_settings(server, **(settings or {})))
        started = time.monotonic()
        result = api.generate(inputs, counting.inner.settings, _options(tmp_path / "out", **(options or {})),
                              completion=counting)
        wall = time.monotonic() - started
    return result, server, counting, wall


def _check_accounting(result: api.GenerateResult, server: OpenAIServer, counting: Counting) -> None:
    """Every article accounted for; every request on the wire counted; retries bounded."""
    b, m = result.briefing, result.manifest
    summarized = {a for s in b.summaries for a in s.story_article_ids or [s.article_id]}
    failed = {f.article_id for f in b.failed}
    assert not summarized & failed
    listed = " ".join(f"{f.origin}: {f.reason}" for f in b.failed)
    for article in b.articles:  # summarized (alone or in its story), or listed under "Not summarized"
        assert article.id in summarized or article.origin in listed, article.origin
    assert all(f.reason for f in b.failed)
    assert result.partial == bool(b.failed)
    assert m.calls == len(server.requests)  # the manifest counts what the server saw
    assert m.retries == m.calls - counting.calls
    assert len(server.requests) <= (1 + RETRIES) * counting.calls
    written = json.loads((result.paths[-1]).read_text(encoding="utf-8"))
    assert (written["calls"], written["retries"], written["failed"]) == (m.calls, m.retries, len(b.failed))
    page = next(p for p in result.paths if p.suffix == ".html").read_text(encoding="utf-8")
    if b.failed:
        assert "<h2>Not summarized</h2>" in page
        for f in b.failed:
            assert str(escape(Path(f.origin).name)) in page
            assert str(escape(f.reason))[:40] in page


@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_each_fault_persistent_for_one_article(tmp_path: Path, kind: str) -> None:
    victim = VICTIM
    script = FaultScript(extractive_responder(), always(kind, article=victim), hang_s=3 * TIMEOUT_S,
                         retry_after_s=0.2)
    result, server, counting, wall = _run(tmp_path, script)
    _check_accounting(result, server, counting)
    b, m = result.briefing, result.manifest
    (failed,) = b.failed
    assert failed.article_id == victim and failed.origin.endswith("a0.txt")
    assert REASONS[kind] in failed.reason, failed.reason
    assert "Traceback" not in failed.reason and "\n" not in failed.reason
    assert len(b.summaries) == 2 and b.methodology.composed_by == "model"
    on_victim = sum(article_id(r) == victim for r in server.requests)
    if kind in TRANSIENT or kind == "body_not_json":
        assert on_victim == 1 + RETRIES and m.retries == RETRIES
    elif kind in ("content_not_json", "schema_violation"):
        assert on_victim == 1 + REASKS and m.retries == 0 and m.reasks == REASKS
    else:
        assert on_victim == 1 and m.retries == 0
    if kind == "hang":  # three timeouts of 1 s, not the SDK's default of 10 minutes
        assert wall < 3 * TIMEOUT_S + 4


@pytest.mark.parametrize("kind", (*TRANSIENT, "body_not_json"))
def test_each_transient_fault_once_is_retried_and_summarized(tmp_path: Path, kind: str) -> None:
    script = FaultScript(extractive_responder(), first(kind), hang_s=3 * TIMEOUT_S, retry_after_s=0.2)
    result, server, counting, _ = _run(tmp_path, script)
    _check_accounting(result, server, counting)
    assert not result.partial and len(result.briefing.summaries) == 3
    assert result.manifest.retries == counting.calls == 4  # three articles and compose, each retried once
    assert len(server.requests) == 8


@pytest.mark.parametrize("kind", ["content_not_json", "schema_violation"])
def test_invalid_answer_once_is_reasked_and_summarized(tmp_path: Path, kind: str) -> None:
    script = FaultScript(extractive_responder(), lambda request, n: kind if len(request["messages"]) == 2 else None)
    result, server, counting, _ = _run(tmp_path, script)
    _check_accounting(result, server, counting)
    assert not result.partial and result.manifest.reasks == 4 and result.manifest.retries == 0


def test_retry_after_is_honoured(tmp_path: Path) -> None:
    script = FaultScript(extractive_responder(), first("rate_limit"), retry_after_s=1)
    result, server, counting, _ = _run(tmp_path, script, n=2)
    _check_accounting(result, server, counting)
    assert not result.partial
    arrivals: dict[str, list[float]] = {}
    for request, at in zip(server.requests, server.received, strict=True):
        arrivals.setdefault(json.dumps(request["messages"], sort_keys=True), []).append(at)
    gaps = [times[1] - times[0] for times in arrivals.values()]
    assert len(gaps) == 3  # two articles and compose, each 429 once then answered
    assert all(1.0 <= gap < 2.0 for gap in gaps), gaps  # Retry-After: 1, not the 0.05 s backoff


def test_retry_after_beyond_the_cap_is_not_waited_for(tmp_path: Path) -> None:
    script = FaultScript(extractive_responder(), always("rate_limit"), retry_after_s=3600)
    result, server, counting, wall = _run(tmp_path, script, n=1)
    _check_accounting(result, server, counting)
    (failed,) = result.briefing.failed
    assert "asks to wait 3600 s, longer than the 5 s allowed" in failed.reason
    assert len(server.requests) == 1 and wall < 10


def test_timeout_is_explicit_and_short() -> None:
    assert ModelSettings(model="m").timeout_s <= 120  # litellm's default is 600 s, the OpenAI SDK's 600 s
    settings = ModelSettings(model="openai/test", api_base="http://127.0.0.1:9/v1", timeout_s=7.5)
    kwargs = LiteLLMCompletion(settings)._kwargs(LLMRequest("p", [{"role": "user", "content": "x"}], "X", {}))
    assert (kwargs["timeout"], kwargs["max_retries"], kwargs["num_retries"]) == (7.5, 0, 0)
    assert "tools" not in kwargs and "functions" not in kwargs


def test_hang_fails_fast_at_the_client_timeout(tmp_path: Path) -> None:
    script = FaultScript(extractive_responder(), always("hang"), hang_s=5)
    result, server, _, wall = _run(tmp_path, script, n=1, settings={"transport_retries": 0})
    (failed,) = result.briefing.failed
    assert failed.reason == "openai/test: no answer within the 1 s timeout"
    assert len(server.requests) == 1 and wall < 4  # 1 s, not the 5 s hang


@pytest.mark.parametrize(("seed", "pack"), [(1, 1), (2, 1), (3, 1), (4, 1), (1, 3), (2, 3)])
def test_random_mix_of_faults(tmp_path: Path, seed: int, pack: int) -> None:
    script = FaultScript(extractive_responder(), random_mix(seed, rate=0.5), hang_s=2 * TIMEOUT_S,
                         retry_after_s=0.1)
    result, server, counting, _ = _run(tmp_path, script, n=6, options={"pack_articles": pack})
    _check_accounting(result, server, counting)
    injected = Counter(kind for _, _, kind in script.injected if kind)
    assert sum(injected.values()) > 0
    assert result.manifest.reasks <= counting.calls
    print(f"seed {seed}, pack {pack}: injected {dict(injected)}; {len(server.requests)} requests for "
          f"{counting.calls} calls; {len(result.briefing.summaries)} summarized, {len(result.briefing.failed)} not")


def test_cli_exit_code_and_lines_for_a_partial_briefing(tmp_path: Path) -> None:
    inputs = _articles(tmp_path / "in", 2)
    script = FaultScript(extractive_responder(), always("refusal", article=VICTIM))
    with OpenAIServer(script) as server:
        result = CliRunner().invoke(cli, [
            "generate", *map(str, inputs), "--date", "2017-11-04", "--out", str(tmp_path / "out"),
            "--model", "openai/test", "--api-base", server.base_url, "--format", "html,json", "--no-cache",
            "--pack", "1"])
    assert result.exit_code == 3, result.output
    assert f"not summarized: {inputs[0]}: openai/test refused: I can't help with that request." in result.output
    assert "partial: 1 article(s) not summarized" in result.output
    assert "Traceback" not in result.output


def test_one_completion_serves_several_event_loops() -> None:
    """Its keep-alive connections belong to the event loop that opened them: a new loop gets new
    ones (reusing them failed with 'Event loop is closed'), and aclose restores litellm's session."""
    import asyncio

    from briefing.llm import _litellm

    with OpenAIServer(extractive_responder()) as server:
        completion = LiteLLMCompletion(_settings(server, transport_retries=0))
        request = LLMRequest("p", [{"role": "user", "content": "<<<ARTICLE a>>>\nنص.\n<<<END ARTICLE a>>>"}],
                             "ArticleDraft", {})
        before = getattr(_litellm(), "aclient_session", None)
        for _ in range(3):
            assert asyncio.run(completion(request)).content

        async def last() -> None:
            await completion(request)
            await completion.aclose()

        asyncio.run(last())
        assert getattr(_litellm(), "aclient_session", None) is before
