"""Story clustering: syndicated copies become one story; evidence may sit in any copy."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from briefing import api
from briefing.cluster import cluster, load_watchlist, story_text
from briefing.ingest import ingest
from briefing.llm import LLMRequest, MeteredCompletion
from briefing.models import Article, Corpus

WIRE = ("أعلنت وزارة الداخلية اليوم القبض على خلية إرهابية في محافظة القطيف شرق المملكة. "
        "وقال المتحدث الأمني إن الخلية كانت تخطط لتنفيذ هجمات على منشآت حكومية. "
        "وأضاف أن التحقيقات ما زالت جارية مع الموقوفين لكشف ارتباطاتهم الخارجية.")
EXTRA = " وأشار المتحدث إلى ضبط كميات من الأسلحة والذخائر في مزرعة بضواحي المحافظة خلال المداهمة."
MORE = (" وأوضح أن الأجهزة الأمنية رصدت تحركات أفراد الخلية منذ عدة أشهر قبل أن تتم عملية المداهمة فجر اليوم. "
        "ودعت الوزارة المواطنين والمقيمين إلى التعاون مع الجهات الأمنية والإبلاغ عن أي نشاط مشبوه.")
OTHER = ("ارتفع المؤشر العام لسوق الأسهم السعودية في ختام تعاملات اليوم مدعوما بقطاع المصارف. "
         "وبلغت قيمة التداولات نحو خمسة مليارات ريال بحسب بيانات السوق.")


def _corpus() -> Corpus:
    return Corpus(articles=[
        Article(id="a" * 16, text=WIRE, origin="okaz.json#1", source="okaz"),
        Article(id="b" * 16, text=WIRE + EXTRA, origin="alriyadh.json#4", source="alriyadh"),
        Article(id="c" * 16, text=OTHER, origin="aleqt.json#2", source="aleqtisadiya"),
    ])


def test_syndicated_copies_form_one_story_lead_is_most_complete() -> None:
    plan = cluster(_corpus())
    assert [sorted(s.article_ids) for s in plan.stories] == [["a" * 16, "b" * 16], ["c" * 16]]
    story = plan.stories[0]
    assert story.lead_id == "b" * 16 and story.outlets == ["alriyadh", "okaz"]
    assert story.extra == []  # the shorter copy adds nothing
    assert story_text(story, {a.id: a for a in _corpus().articles}) == WIRE + EXTRA


def test_model_reads_each_sentence_once_and_evidence_points_into_real_articles() -> None:
    corpus = Corpus(articles=[
        Article(id="a" * 16, text=WIRE + MORE + " وأكدت الوزارة أن العملية تمت دون إصابات في صفوف رجال الأمن.",
                origin="okaz.json#1", source="okaz"),
        Article(id="b" * 16, text=WIRE + MORE + EXTRA, origin="alriyadh.json#4", source="alriyadh"),
    ])
    (story,) = cluster(corpus).stories
    articles = {a.id: a for a in corpus.articles}
    text = story_text(story, articles)
    assert text.count("القبض على خلية إرهابية") == 1  # the shared wire text is sent once
    (added,) = story.extra
    assert articles[added.article_id].text[added.start:added.end].strip() in text

    quote_from_other = articles[added.article_id].text[added.start:added.end].strip()

    def answer(request: LLMRequest) -> Any:
        if request.schema_name == "BriefingDraft":
            return {"title": "t", "bluf": [{"text_en": "b.", "claim_ids": [f"{story.lead_id}-c1"]}],
                    "sections": [{"heading": "h", "summary_en": "s.", "article_ids": [story.lead_id]}]}
        return {"headline_en": "h", "summary_en": "s.", "claims": [
            {"text_en": "the ministry said the operation caused no injuries.", "evidence": [quote_from_other],
             "attributed_to": "the outlet", "stance": "asserted"}]}

    from .conftest import ScriptedCompletion

    fake = ScriptedCompletion(answer)
    briefing = asyncio.run(api.build_briefing(
        corpus, api.ModelSettings(model="fake"), api.GenerateOptions(date=dt.date(2015, 7, 23), out_dir=Path(".")),
        completion=fake, count_tokens=len)).briefing
    (summary,) = briefing.summaries
    assert summary.outlets == ["alriyadh", "okaz"] and len(summary.story_article_ids) == 2
    (claim,) = summary.claims
    ev = claim.evidence[0]
    assert claim.status == "verified" and ev.article_id == added.article_id
    assert articles[ev.article_id].text[ev.start:ev.end] == quote_from_other  # type: ignore[index]


def test_watchlist_ranks_first(tmp_path: Path) -> None:
    watch = tmp_path / "watch.toml"
    watch.write_text('[[topic]]\nname = "markets"\nar = ["سوق الأسهم"]\nen = ["stocks"]\nweight = 5\n',
                     encoding="utf-8")
    plan = cluster(_corpus(), load_watchlist(watch))
    assert plan.stories[0].article_ids == ["c" * 16] and plan.stories[0].watch_hits == ["markets"]


def test_max_stories_lists_the_rest_as_other_reports(scripted: Callable[[Any], MeteredCompletion]) -> None:
    def answer(request: LLMRequest) -> Any:
        if request.schema_name == "HeadlinesDraft":
            ids = [line[1:17] for line in request.messages[1]["content"].splitlines() if line.startswith("[")]
            return {"items": [{"id": i, "headline_en": "Saudi stocks rise"} for i in ids]}
        if request.schema_name == "BriefingDraft":
            return {"title": "t", "bluf": [{"text_en": "b.", "claim_ids": ["b" * 16 + "-c1"]}],
                    "sections": [{"heading": "h", "summary_en": "s.", "article_ids": ["b" * 16]}]}
        return {"headline_en": "h", "summary_en": "s.", "claims": [
            {"text_en": "the ministry announced an arrest.", "evidence": ["القبض على خلية إرهابية"],
             "attributed_to": "the outlet", "stance": "asserted"}]}

    from .conftest import ScriptedCompletion

    briefing = asyncio.run(api.build_briefing(
        _corpus(), api.ModelSettings(model="fake"),
        api.GenerateOptions(date=dt.date(2015, 7, 23), out_dir=Path("."), max_stories=1),
        completion=ScriptedCompletion(answer), count_tokens=len)).briefing
    assert [s.article_id for s in briefing.summaries] == ["b" * 16]
    (other,) = briefing.other_reports
    assert other.article_ids == ["c" * 16] and other.headline_en == "Saudi stocks rise"
    assert other.outlets == ["aleqtisadiya"]
    assert "3 articles in 2 stories" in (briefing.clustering or "")


def test_corpus_day_clusters_near_duplicates() -> None:
    day = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "saudinewsnet" / "2015-07-23.zip"
    if not day.exists():
        import pytest

        pytest.skip("corpus not present")
    corpus = ingest([day])
    plan = cluster(corpus)
    grouped = sum(len(s.article_ids) for s in plan.stories if len(s.article_ids) > 1)
    assert 0.10 < grouped / len(corpus.articles) < 0.35  # the README of the corpus: roughly 17-23%


def test_story_view_has_an_id_of_its_own_and_provenance_into_real_articles() -> None:
    from briefing.cluster import story_view
    from briefing.models import text_id

    corpus = Corpus(articles=[
        Article(id="a" * 16, text=WIRE + MORE + " وأكدت الوزارة أن العملية تمت دون إصابات في صفوف رجال الأمن.",
                origin="okaz.json#1", source="okaz"),
        Article(id="b" * 16, text=WIRE + MORE + EXTRA, origin="alriyadh.json#4", source="alriyadh"),
    ])
    (story,) = cluster(corpus).stories
    articles = {a.id: a for a in corpus.articles}
    view = story_view(story, articles)
    assert view.id == text_id(view.text) != story.lead_id  # never the lead's id on other text
    assert view.story_id == story.lead_id and view.text == story_text(story, articles)
    for piece in view.provenance:  # every piece of the view's text, found back in its article
        source = articles[piece.article_id].text
        start = piece.source_start
        assert source[start:start + piece.end - piece.start] == view.text[piece.start:piece.end]
    single = story_view(cluster(Corpus(articles=[corpus.articles[1]])).stories[0], articles)
    assert single.id == single.story_id == "b" * 16  # nothing added: the lead's own text and id
