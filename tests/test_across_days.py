"""Across days: the run store, story threads, what changed (figures with both days' evidence,
stopped stories, disputes). The seven corpus days through the simulator: bench/week.py."""

from __future__ import annotations

import datetime as dt
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bench.simulator import article_draft, briefing_draft, headlines_draft, pack_draft
from briefing import api
from briefing.changes import check_change, figures_in
from briefing.llm import LLMRequest, ModelSettings
from briefing.models import Article, Corpus
from briefing.store import DayRecord, StoredStory, open_store
from briefing.threads import Candidate, link, score

from .conftest import ROOT, ScriptedCompletion

DAY1, DAY2 = dt.date(2015, 7, 22), dt.date(2015, 7, 23)

# a bombing in Mosul reported on two days, the toll rising; a market report only on day 1
BOMB1 = ("أسفر انفجار سيارة مفخخة في سوق شعبي بمدينة الموصل عن مقتل 66 شخصا وإصابة العشرات من المدنيين. "
         "وقالت مصادر أمنية عراقية إن السيارة المفخخة انفجرت قرب مسجد في حي الزهور وسط المدينة المكتظة. "
         "وأضافت المصادر أن فرق الدفاع المدني هرعت إلى موقع الانفجار لنقل الجرحى إلى مستشفيات الموصل.")
BOMB2 = ("ارتفع عدد القتلى في انفجار السيارة المفخخة بسوق الموصل الشعبي إلى 80 قتيلا بحسب مصادر أمنية عراقية. "
         "وأوضحت المصادر أن فرق الدفاع المدني انتشلت جثثا جديدة من تحت أنقاض المحلات قرب مسجد حي الزهور. "
         "وأعلنت مستشفيات الموصل حالة الطوارئ لاستقبال الجرحى من المدنيين في المدينة المكتظة.")
MARKET = ("ارتفع المؤشر العام لسوق الأسهم السعودية في ختام تعاملات اليوم مدعوما بقطاع المصارف والبتروكيماويات. "
          "وبلغت قيمة التداولات نحو خمسة مليارات ريال بحسب بيانات السوق المالية السعودية الصادرة مساء اليوم.")
FOOTBALL = ("تعاقد نادي الهلال السعودي مع مدرب روماني جديد لقيادة الفريق الأول لكرة القدم في الموسم المقبل. "
            "وأوضح رئيس النادي أن المدرب سيصل إلى الرياض الأسبوع المقبل لبدء المعسكر الإعدادي للفريق.")


def _answer(request: LLMRequest) -> Any:
    raw = {"messages": request.messages}
    return {"ArticleDraft": article_draft, "PackDraft": pack_draft, "BriefingDraft": briefing_draft,
            "HeadlinesDraft": headlines_draft}[request.schema_name](raw)


def _day(day: dt.date, texts: list[tuple[str, str]]) -> Corpus:
    return Corpus(articles=[Article(id=f"{n}{day.day}".ljust(16, "0")[:16], text=text, source=outlet,
                                    origin=f"{outlet}.json#{n}", title=text[:40], published=day)
                            for n, (outlet, text) in enumerate(texts)])


def _generate(tmp_path: Path, day: dt.date, corpus: Corpus) -> api.GenerateResult:
    options = api.GenerateOptions(date=day, out_dir=tmp_path / "out", formats=("html", "json"),
                                  store=tmp_path / "store.sqlite", pack_articles=1)
    return api.generate([], ModelSettings(model="openai/gpt-4o-mini"), options,
                        completion=ScriptedCompletion(_answer), corpus=corpus)


def test_figures_read_from_the_arabic() -> None:
    assert figures_in("أسفر عن سقوط 12 قتيلاً و30 جريحاً") == [("killed", 12.0), ("injured", 30.0)]
    assert figures_in("مقتل 66 شخصا وإصابة ١٢٠ آخرين في انفجار") == [("killed", 66.0), ("injured", 120.0)]
    assert figures_in("وارتفع عدد القتلى إلى ثمانين قتيلا") == [("killed", 80.0)]
    assert figures_in("اعتقال 5 مشتبه بهم في عام 2015") == [("arrested", 5.0)]
    assert figures_in("وصل الوزيران إلى الرياض") == []  # a dual is not a count
    assert check_change("Killed: the figure rose from 66 (2015-07-22) to 80 (2015-07-23).", "مقتل 66 شخصا",
                        "ارتفع عدد القتلى إلى 80") == []
    assert check_change("Killed: the figure rose from 66 (2015-07-22) to 90 (2015-07-23).", "مقتل 66 شخصا",
                        "ارتفع عدد القتلى إلى 80")


def test_link_takes_the_best_story_over_the_threshold() -> None:
    words = ["موصل", "انفجار", "مفخخه", "سوق"]
    near = Candidate(day=DAY1, story_id="s1", thread_id="t1", first_day=dt.date(2015, 7, 21), headline="h",
                     words=["موصل", "انفجار", "مفخخه", "مسجد"], names=[])
    far = Candidate(day=DAY1, story_id="s2", thread_id="t2", first_day=DAY1, headline="h",
                    words=["اسهم", "سوق", "مؤشر", "تداول"], names=[])
    old = Candidate(day=DAY2 - dt.timedelta(days=9), story_id="s3", thread_id="t3", first_day=DAY1, headline="h",
                    words=words, names=[])
    got = link(DAY2, "new", words, [], [near, far, old])
    assert (got.thread_id, got.day_number, got.previous) == ("t1", 3, near)  # t3 is older than 7 days
    assert score(words, [], near.words, []) == pytest.approx(3 / 5)
    alone = link(DAY2, "new", ["شيء"], [], [near, far])
    assert (alone.thread_id, alone.day_number, alone.previous) == ("new", 1, None)


def test_two_mornings_what_changed(tmp_path: Path) -> None:
    first = _generate(tmp_path, DAY1, _day(DAY1, [("okaz", BOMB1), ("aleqt", MARKET)]))
    assert first.briefing.changes is not None and first.briefing.changes.continuing == []
    second = _generate(tmp_path, DAY2, _day(DAY2, [("alriyadh", BOMB2), ("alhayat", FOOTBALL)]))
    ch = second.briefing.changes
    assert ch is not None and ch.since == DAY1
    (story,) = ch.continuing
    assert story.day_number == 2 and story.previous_day == DAY1
    (change,) = story.figure_changes
    assert (change.kind, change.before, change.after, change.status) == ("killed", 66.0, 80.0, "verified")
    assert "66" in change.before_quote_ar and "80" in change.after_quote_ar
    assert (change.before_outlet, change.after_outlet) == ("okaz", "alriyadh")
    assert [s.headline for s in ch.stopped] and all(s.last_day == DAY1 for s in ch.stopped)
    assert len(ch.stopped) == 1  # the market report; the bombing continues
    assert ch.threads[story.article_id].day_number == 2
    html = (tmp_path / "out" / "briefing-2015-07-23.html").read_text(encoding="utf-8")
    assert "What changed since" in html and "day 2" in html and "rose from 66" in html
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "22 July 2015" in index and "23 July 2015" in index and 'href="briefing-2015-07-23.html"' in index
    (timeline,) = (tmp_path / "out" / "stories").glob("*.html")  # the one story followed over two days
    assert f'href="stories/{timeline.name}"' in html  # the story links to its earlier days
    text = timeline.read_text(encoding="utf-8")
    assert "day 1" in text and "day 2" in text and "Content-Security-Policy" in text
    saved = json.loads((tmp_path / "out" / "briefing-2015-07-23.json").read_text(encoding="utf-8"))
    assert saved["changes"]["continuing"][0]["figure_changes"][0]["after"] == 80.0
    # the same day again replaces its record: no duplicates
    db = sqlite3.connect(tmp_path / "store.sqlite")
    before = db.execute("SELECT COUNT(*) FROM stories WHERE day = ?", (DAY2.isoformat(),)).fetchone()[0]
    _generate(tmp_path, DAY2, _day(DAY2, [("alriyadh", BOMB2), ("alhayat", FOOTBALL)]))
    after = db.execute("SELECT COUNT(*) FROM stories WHERE day = ?", (DAY2.isoformat(),)).fetchone()[0]
    assert before == after == 2
    assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2
    threads = db.execute("SELECT COUNT(DISTINCT thread_id) FROM stories").fetchone()[0]
    assert threads == 3  # the bombing (two days), the market, the football
    # the reviewed edition replaces the day's claims in the store; the archive marks it reviewed
    from briefing import review

    path = tmp_path / "out" / "briefing-2015-07-23.json"
    rejected = next(c for c in api.load_briefing(path).claims() if c.id == change.claim_id)  # the figure's claim
    review.ReviewStore(path, api.load_briefing(path)).decide(rejected.id, "reject", reviewer="amira",
                                                             at=dt.datetime(2015, 7, 23, 7, tzinfo=dt.UTC),
                                                             seen_version=0)
    api.publish(path, published_at=dt.datetime(2015, 7, 23, 8, tzinfo=dt.UTC),
                options=api.PublishOptions(store=tmp_path / "store.sqlite"))
    claims = [r[0] for r in db.execute("SELECT claim_id FROM claims WHERE day = ?", (DAY2.isoformat(),))]
    assert rejected.id not in claims
    assert db.execute("SELECT reviewed FROM runs WHERE day = ?", (DAY2.isoformat(),)).fetchone()[0] == 1
    assert "REVIEWED" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    reviewed = api.load_briefing(tmp_path / "out" / "briefing-2015-07-23.reviewed.json")
    assert reviewed.changes is not None and reviewed.changes.continuing[0].figure_changes == []


def test_the_store_migrates_once_and_replaces_a_day(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite")
    assert store.schema_version == 1
    story = StoredStory(day=DAY1, story_id="a", thread_id="a", day_number=1, rank=0, summarized=True, headline="h",
                        outlets=["okaz"], article_ids=["a"], words=["موصل"], names=[])
    store.record(DayRecord(day=DAY1, title="t", bluf=[], reviewed=False, briefing_path=None, stories=[story]),
                 recorded_at=dt.datetime(2015, 7, 22, tzinfo=dt.UTC))
    store.record(DayRecord(day=DAY1, title="t2", bluf=[], reviewed=True, briefing_path=None, stories=[story]),
                 recorded_at=dt.datetime(2015, 7, 22, tzinfo=dt.UTC))
    store.close()
    again = open_store(tmp_path / "s.sqlite")
    assert again.schema_version == 1
    assert [r["title"] for r in again.runs()] == ["t2"] and len(again.stories(DAY1, DAY1)) == 1


WRITER = """
import datetime as dt, sys
from briefing.store import DayRecord, StoredStory, open_store
store = open_store(__import__("pathlib").Path(sys.argv[1]))
stories = [StoredStory(day=dt.date(2015, 7, 22), story_id=f"s{i}", thread_id=f"s{i}", day_number=1, rank=i,
                       summarized=False, headline="h" * 200, outlets=["o"], article_ids=[f"s{i}"],
                       words=["كلمة"] * 60, names=[]) for i in range(3000)]
n = 0
print("ready", flush=True)
while True:
    n += 1
    store.record(DayRecord(day=dt.date(2015, 7, 22), title=f"run {n}", bluf=[], reviewed=False, briefing_path=None,
                           stories=stories), recorded_at=dt.datetime.now(dt.UTC))
"""


def test_the_store_survives_kill_9_mid_write(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
    time.sleep(1.5)  # several records written, one in the middle
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    runs = db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    stories = db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
    assert (runs, stories) in ((0, 0), (1, 3000))  # a whole record or none, never half of one


def test_outlets_that_disagree_on_the_same_day(tmp_path: Path) -> None:
    from briefing.changes import mark_disputed, what_changed
    from briefing.models import Claim, Evidence
    from briefing.threads import Link

    result = _generate(tmp_path, DAY2, _day(DAY2, [("alriyadh", BOMB2), ("alhayat", FOOTBALL)]))
    briefing = result.briefing
    bomb = next(s for s in briefing.summaries if "الموصل" in next(a.text for a in briefing.articles
                                                                   if a.id == s.article_id))
    other = next(a for a in briefing.articles if a.source == "alhayat")
    claim = Claim(id=f"{bomb.article_id}-c9", article_id=bomb.article_id, text_en="The toll was 85.",
                  status="verified", evidence=[Evidence(quote_ar="ارتفع عدد القتلى إلى 85 قتيلا", article_id=other.id)])
    bomb2 = bomb.model_copy(update={"claims": [*bomb.claims, claim]})
    cited = bomb2.claims[0].id
    briefing = briefing.model_copy(update={
        "summaries": [bomb2 if s.article_id == bomb.article_id else s for s in briefing.summaries],
        "bluf": [briefing.bluf[0].model_copy(update={"text_en": "85 people were killed in Mosul.",
                                                     "claim_ids": [cited, claim.id]})]})
    links = {bomb.article_id: Link(thread_id=bomb.article_id, first_day=DAY2, day_number=1, previous=None, score=0)}
    changes = what_changed(briefing, links, previous_day=None, earlier_claims=[], earlier_figures=[],
                           previous_stories=[], today_threads=set())
    (dispute,) = changes.disputes
    assert (dispute.kind, dispute.conservative) == ("killed", 80.0)
    assert [(v.value, v.outlet) for v in dispute.values] == [(85.0, "alhayat"), (80.0, "alriyadh")]
    (point,) = mark_disputed(briefing, changes)
    assert point.disputed == ["killed: disputed, 85 (alhayat) vs 80 (alriyadh); the lower, 80, is the one to use "
                              "(this sentence states 85)"]
