from __future__ import annotations

import asyncio
import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

from briefing.compose import RunFacts, compose
from briefing.llm import MeteredCompletion
from briefing.models import ArticleSummary, Claim, Corpus, Evidence, SummaryBatch

from .conftest import SEEDS

Make = Callable[[Any], MeteredCompletion]
RUN = RunFacts(model="fake", structured_output="json_schema", prompt_versions={})


def _batch() -> tuple[SummaryBatch, Corpus]:
    from briefing.ingest import ingest

    corpus = ingest([SEEDS])
    summaries = [
        ArticleSummary(article_id=a.id, headline_en=f"Headline {n}", summary_en="S.", chunks=1, claims=[
            Claim(id=f"{a.id}-c1", article_id=a.id, text_en=f"Claim {n}", status="verified",
                  evidence=[Evidence(quote_ar=a.text[:20], start=0, end=20)])])
        for n, a in enumerate(corpus.articles, 1)
    ]
    return SummaryBatch(summaries=summaries), corpus


def test_compose_reasks_on_unknown_ids_then_builds_briefing(scripted: Make, reference: dict[str, Any]) -> None:
    batch, corpus = _batch()
    ids = [s.article_id for s in batch.summaries]
    good = {"title": "T", "bluf": [{"text_en": "B.", "claim_ids": [f"{ids[0]}-c1"]}],
            "sections": [{"heading": "H", "summary_en": "S.", "article_ids": ids}]}
    bad = copy.deepcopy(good)
    bad["bluf"][0]["claim_ids"] = ["made-up-c9"]
    bad["sections"][0]["article_ids"] = ids[:1]
    fake = scripted([bad, good])
    briefing = asyncio.run(compose(batch, corpus, date=dt.date(2017, 11, 4), completion=fake, run=RUN))
    assert fake.usage.reasks == 1
    assert briefing.title == "T" and briefing.methodology.composed_by == "model"
    assert [s.article_ids for s in briefing.sections] == [ids]
    assert len(briefing.articles) == 2 and briefing.articles[0].text  # originals travel with the briefing
    assert [src.published_note is not None for src in briefing.sources] == [True, True]


def test_compose_falls_back_without_a_usable_answer(scripted: Make) -> None:
    batch, corpus = _batch()
    briefing = asyncio.run(compose(batch, corpus, date=dt.date(2017, 11, 4),
                                   completion=scripted(lambda r: "{}"), run=RUN, max_reasks=1))
    assert briefing.methodology.composed_by == "fallback"
    assert "could not compose" in (briefing.methodology.compose_note or "")
    assert [s.heading for s in briefing.sections] == ["Headline 1", "Headline 2"]
    assert [p.text_en for p in briefing.bluf] == ["Claim 1", "Claim 2"]


def test_unregistered_names_that_pass_the_cross_script_check_come_as_registry_entries() -> None:
    import tomllib

    from briefing.compose import unregistered
    from briefing.models import Entity, Place

    summary = ArticleSummary(
        article_id="a1", headline_en="h", summary_en="s", claims=[], chunks=1,
        entities=[Entity(name_ar="أحمد داود أوغلو", name_en="Ahmet Davutoglu", kind="person"),
                  Entity(name_ar="مجلس الشورى", name_en="Tuesday Group", kind="organization")],
        places=[Place(name_ar="ديار بكر", name_en="Diyarbakir"), Place(name_ar="دمشق", name_en="Damascus")])
    names = {n.name_en: n for n in unregistered([summary])}
    assert "Damascus" not in names  # registered
    assert names["Ahmet Davutoglu"].checked and names["Diyarbakir"].checked
    assert not names["Tuesday Group"].checked and names["Tuesday Group"].registry_entry == ""
    entry = tomllib.loads(names["Diyarbakir"].registry_entry)["entry"][0]
    assert entry == {"english": "Diyarbakir", "kind": "place", "arabic": ["ديار بكر"]}


def test_the_model_frames_the_top_stories_and_the_rest_follow(scripted: Make) -> None:
    batch, corpus = _batch()
    ids = [s.article_id for s in batch.summaries]
    answer = {"title": "T", "bluf": [{"text_en": "B.", "claim_ids": [f"{ids[0]}-c1"]}],
              "sections": [{"heading": "H", "summary_en": "S.", "article_ids": ids[:1]}]}
    fake = scripted([answer])
    briefing = asyncio.run(compose(batch, corpus, date=dt.date(2017, 11, 4), completion=fake, run=RUN, framed=1))
    requests = fake.inner.requests  # type: ignore[attr-defined]
    assert ids[0] in requests[0].messages[-1]["content"] and ids[1] not in requests[0].messages[-1]["content"]
    assert fake.usage.reasks == 0  # the answer places the one story it was given: valid
    assert [(s.heading, s.article_ids) for s in briefing.sections] == [("H", ids[:1]), ("More stories", ids[1:])]
