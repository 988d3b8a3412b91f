from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from typing import Any

import pytest

from briefing.chunk import chunk_corpus
from briefing.errors import LLMError, RefusedError
from briefing.ingest import ingest
from briefing.llm import LLMRequest, MeteredCompletion
from briefing.models import ArticleDraft, ChunkPlan, Corpus
from briefing.summarize import SummarizeOptions, summarize
from briefing.verify import verify

from .conftest import SEEDS, reference_script

Make = Callable[[Any], MeteredCompletion]


def _plan(max_tokens: int = 10_000) -> tuple[Corpus, ChunkPlan]:
    corpus = ingest([SEEDS])
    return corpus, chunk_corpus(corpus, tokenizer_model="t", max_tokens=max_tokens,
                                count_tokens=lambda s: len(s.split()))


def _by_id(corpus: Corpus, reference: dict[str, Any], aid: str) -> dict[str, Any]:
    return copy.deepcopy(reference["articles"][aid])


@pytest.mark.parametrize(("pack", "calls"), [(6, 1), (1, 2)])
def test_short_articles_packed_and_evidence_located(scripted: Make, reference: dict[str, Any],
                                                    pack: int, calls: int) -> None:
    corpus, plan = _plan()
    fake = scripted(reference_script(reference))
    batch = asyncio.run(summarize(plan, fake, SummarizeOptions(pack_articles=pack)))
    assert fake.usage.calls == calls and fake.usage.reasks == 0
    assert not batch.failed
    assert [s.article_id for s in batch.summaries] == [i.article.id for i in plan.items]
    batch = verify(batch, {a.id: a for a in corpus.articles})
    claims = [c for s in batch.summaries for c in s.claims]
    assert len(claims) == 20 and all(c.status in ("verified", "supported") for c in claims)
    texts = {a.id: a.text for a in corpus.articles}
    for claim in claims:
        for ev in claim.evidence:
            assert ev.start is not None and ev.end is not None
            assert texts[claim.article_id][ev.start:ev.end] == ev.quote_ar
    # Arabic goes to the model unescaped, each article between markers carrying its id
    requests: list[LLMRequest] = fake.inner.requests  # type: ignore[attr-defined]
    users = "".join(r.messages[1]["content"] for r in requests)
    for item in plan.items:
        assert f"<<<ARTICLE {item.article.id}>>>" in users
    assert "الحشد الشعبي" in users and "دير الزور" in users
    assert requests[0].schema_name == ("PackDraft" if pack > 1 else "ArticleDraft")


def test_pack_missing_article_is_reasked_then_summarized_alone(scripted: Make, reference: dict[str, Any]) -> None:
    _corpus, plan = _plan()
    first, second = (i.article.id for i in plan.items)
    answer = reference_script(reference)

    def lazy(request: LLMRequest) -> Any:
        full = answer(request)
        if request.schema_name == "PackDraft":  # the pack's answer always forgets the second article
            return {"articles": [a for a in full["articles"] if a["article_id"] == first]}
        return full

    fake = scripted(lazy)
    batch = asyncio.run(summarize(plan, fake, SummarizeOptions(max_reasks=1)))
    requests: list[LLMRequest] = fake.inner.requests  # type: ignore[attr-defined]
    assert [r.schema_name for r in requests] == ["PackDraft", "PackDraft", "ArticleDraft"]
    assert f"these ids in this order: {first}, {second}" in requests[1].messages[-1]["content"]
    assert f"Article id: {second}" in requests[2].messages[1]["content"]
    assert not batch.failed and [s.article_id for s in batch.summaries] == [first, second]


def test_refused_pack_is_tried_article_by_article(scripted: Make, reference: dict[str, Any]) -> None:
    _, plan = _plan()
    first, second = (i.article.id for i in plan.items)
    answer = reference_script(reference)

    def squeamish(request: LLMRequest) -> Any:
        if request.schema_name == "PackDraft" or f"Article id: {second}" in request.messages[1]["content"]:
            return RefusedError("openai/x refused: I can't help with that request.")
        return answer(request)

    fake = scripted(squeamish)
    batch = asyncio.run(summarize(plan, fake, SummarizeOptions(check_drafts=False)))
    requests: list[LLMRequest] = fake.inner.requests  # type: ignore[attr-defined]
    assert [r.schema_name for r in requests] == ["PackDraft", "ArticleDraft", "ArticleDraft"]
    assert [s.article_id for s in batch.summaries] == [first]  # one refusal no longer takes the pack with it
    refusal = "openai/x refused: I can't help with that request."
    assert [(f.article_id, f.reason) for f in batch.failed] == [(second, refusal)]


def test_pack_grounding_problem_names_its_article(scripted: Make, reference: dict[str, Any]) -> None:
    _corpus, plan = _plan()
    second = plan.items[1].article.id
    answer = reference_script(reference)
    replies: list[Any] = []

    def invent_once(request: LLMRequest) -> Any:
        full = copy.deepcopy(answer(request))
        if not replies:
            entry = next(a for a in full["articles"] if a["article_id"] == second)
            entry["summary"]["claims"][0]["evidence"] = ["أعلنت القوات الأمريكية انسحابها من العراق"]
        replies.append(full)
        return full

    fake = scripted(invent_once)
    batch = asyncio.run(summarize(plan, fake, SummarizeOptions()))
    requests: list[LLMRequest] = fake.inner.requests  # type: ignore[attr-defined]
    assert fake.usage.calls == 2 and fake.usage.reasks == 1
    assert f"article {second}: " in requests[1].messages[-1]["content"]
    assert "evidence not found in the article" in requests[1].messages[-1]["content"]
    assert not batch.failed


def test_reask_with_validation_errors_then_success(scripted: Make, reference: dict[str, Any]) -> None:
    corpus, plan = _plan()
    plan = plan.model_copy(update={"items": plan.items[:1]})
    good = _by_id(corpus, reference, plan.items[0].article.id)
    bad = {"headline_en": "x"}  # missing fields
    fake = scripted(["not json at all", bad, good])
    batch = asyncio.run(summarize(plan, fake, SummarizeOptions(max_reasks=2, check_drafts=False)))
    assert len(batch.summaries) == 1 and not batch.failed
    assert (fake.usage.calls, fake.usage.reasks) == (3, 2)
    requests: list[LLMRequest] = fake.inner.requests  # type: ignore[attr-defined]
    last = requests[-1].messages
    assert last[-2] == {"role": "assistant", "content": '{"headline_en": "x"}'}
    assert "summary_en: Field required" in last[-1]["content"]


def test_invalid_after_all_reasks_records_failure(scripted: Make) -> None:
    _, plan = _plan()
    fake = scripted(lambda r: {"nope": 1})
    batch = asyncio.run(summarize(plan, fake, SummarizeOptions(max_reasks=1, check_drafts=False)))
    assert not batch.summaries and len(batch.failed) == 2
    assert "invalid after 2 attempt(s)" in batch.failed[0].reason
    # the pack (1 call + 1 re-ask) never validates, so each article is tried alone (2 calls each)
    requests: list[LLMRequest] = fake.inner.requests  # type: ignore[attr-defined]
    assert [r.schema_name for r in requests] == ["PackDraft"] * 2 + ["ArticleDraft"] * 4
    assert fake.usage.calls == 6


def test_transport_failure_recorded_not_raised(scripted: Make) -> None:
    _, plan = _plan()
    fake = scripted(lambda r: LLMError("openai/x: Timeout"))
    batch = asyncio.run(summarize(plan, fake, SummarizeOptions(check_drafts=False)))
    assert [f.reason for f in batch.failed] == ["openai/x: Timeout"] * 2
    assert fake.usage.calls == 1  # a failing provider is not asked again article by article


def test_quote_not_in_article_is_reasked(scripted: Make, reference: dict[str, Any]) -> None:
    corpus, plan = _plan()
    plan = plan.model_copy(update={"items": plan.items[:1]})
    good = _by_id(corpus, reference, plan.items[0].article.id)
    invented = copy.deepcopy(good)
    invented["claims"][0]["evidence"] = ["أعلنت القوات الأمريكية انسحابها من العراق"]
    fake = scripted([invented, good])
    batch = asyncio.run(summarize(plan, fake, SummarizeOptions()))
    assert fake.usage.reasks == 1 and not batch.failed
    requests: list[LLMRequest] = fake.inner.requests  # type: ignore[attr-defined]
    assert "evidence not found in the article" in requests[1].messages[-1]["content"]


def test_long_article_map_then_merge_keeps_every_claim(scripted: Make) -> None:
    corpus, plan = _plan(max_tokens=120)
    item = max(plan.items, key=lambda i: len(i.chunks))
    assert len(item.chunks) >= 3
    plan = plan.model_copy(update={"items": [item]})

    def answer(request: LLMRequest) -> Any:
        if request.schema_name == "MergeDraft":
            return {"headline_en": "Merged", "summary_en": "Whole article."}
        user = request.messages[1]["content"]
        part = user.split("This is part ")[1].split(" ")[0]
        words = user.split("<<<ARTICLE ")[1].split("\n", 1)[1].split()[:4]
        return ArticleDraft.model_validate({
            "headline_en": f"Part {part}", "summary_en": "s",
            "claims": [{"text_en": f"claim from part {'abcdefghij'[int(part) - 1]}", "evidence": [" ".join(words)],
                        "attributed_to": "the outlet", "stance": "asserted"}],
        }).model_dump()

    fake = scripted(answer)
    batch = asyncio.run(summarize(plan, fake, SummarizeOptions(check_drafts=False)))
    (summary,) = batch.summaries
    assert summary.headline_en == "Merged" and summary.chunks == len(item.chunks)
    assert [c.text_en for c in summary.claims] == [f"claim from part {p}" for p in "abcdefghij"[:len(item.chunks)]]
    assert fake.usage.calls == len(item.chunks) + 1
    verified = verify(batch, {a.id: a for a in corpus.articles})
    assert all(c.status == "verified" for c in verified.summaries[0].claims)


@pytest.mark.parametrize("quote", ["انسحبت القوات الأمريكية", "قوات المارينز"])
def test_unlocatable_quote_makes_claim_unverified(scripted: Make, reference: dict[str, Any], quote: str) -> None:
    corpus, plan = _plan()
    plan = plan.model_copy(update={"items": plan.items[:1]})
    draft = _by_id(corpus, reference, plan.items[0].article.id)
    draft["claims"][1]["evidence"].append(quote)
    batch = asyncio.run(summarize(plan, scripted([draft]), SummarizeOptions(check_drafts=False)))
    batch = verify(batch, {a.id: a for a in corpus.articles})
    claim = batch.summaries[0].claims[1]
    assert claim.status == "unverified"
    assert claim.problems == [f"evidence not found in the article: «{quote}»"]
    assert claim.evidence[-1].start is None


def test_persistent_fabrication_is_reasked_then_kept_unverified(scripted: Make, reference: dict[str, Any]) -> None:
    corpus, plan = _plan()
    plan = plan.model_copy(update={"items": plan.items[:1]})
    draft = _by_id(corpus, reference, plan.items[0].article.id)
    draft["claims"][3]["text_en"] = draft["claims"][3]["text_en"].replace("10 km", "25 km")
    fake = scripted(lambda r: draft)
    batch = asyncio.run(summarize(plan, fake, SummarizeOptions(max_reasks=2)))
    assert (fake.usage.calls, fake.usage.reasks) == (3, 2) and not batch.failed
    requests: list[LLMRequest] = fake.inner.requests  # type: ignore[attr-defined]
    assert "number '25' is not in the cited Arabic" in requests[1].messages[-1]["content"]
    claims = verify(batch, {a.id: a for a in corpus.articles}).summaries[0].claims
    assert [c.status for c in claims].count("unverified") == 1
    assert claims[3].status == "unverified" and claims[3].problems == ["number '25' is not in the cited Arabic"]

