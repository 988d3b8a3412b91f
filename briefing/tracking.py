"""Across days: the store's previous days in, threads and what changed out, today's record back.

    history = load_history(store, day)                      # at the edge, before the run
    threads = thread_stories(day, plan, articles, history)  # after clustering: every story's thread
    changes = changes_since(briefing, threads, history)     # after compose: the "What changed" section
    store.record(day_record(briefing, plan, threads, ...))  # after the files are written

Each is a function of its inputs; the store is read once before the run and written once after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .changes import figures_in, what_changed
from .cluster import story_text
from .models import Article, Briefing, Changes, StoryPlan
from .store import DayRecord, Store, StoredClaim, StoredFigure, StoredStory
from .threads import LINK_DAYS, Candidate, Index, Link, idf, link, story_names, story_words

__all__ = ["History", "Threads", "changes_since", "day_record", "load_history", "record_reviewed",
           "thread_stories"]


@dataclass(frozen=True)
class History:
    """What the store holds of the ``LINK_DAYS`` days before ``day``."""

    day: dt.date
    candidates: list[Candidate] = field(default_factory=list)
    previous_day: dt.date | None = None
    previous_stories: list[StoredStory] = field(default_factory=list)
    claims: list[StoredClaim] = field(default_factory=list)
    figures: list[StoredFigure] = field(default_factory=list)


def load_history(store: Store, day: dt.date) -> History:
    first, last = day - dt.timedelta(days=LINK_DAYS), day - dt.timedelta(days=1)
    stories = store.stories(first, last)
    first_day: dict[str, dt.date] = {}
    for s in stories:  # a thread's first day: the earliest recorded, within the window or before it
        first_day[s.thread_id] = min(first_day.get(s.thread_id, s.day), s.day - dt.timedelta(days=s.day_number - 1))
    candidates = [Candidate(day=s.day, story_id=s.story_id, thread_id=s.thread_id, first_day=first_day[s.thread_id],
                            headline=s.headline, words=s.words, names=s.names) for s in stories]
    days = sorted({s.day for s in stories})
    previous = days[-1] if days else None
    return History(day=day, candidates=candidates, previous_day=previous,
                   previous_stories=[s for s in stories if s.day == previous],
                   claims=store.claims(first, last), figures=store.figures(first, last))


@dataclass(frozen=True)
class Threads:
    """Every story of the day: its thread, and the words and places linking compared."""

    links: dict[str, Link]
    words: dict[str, list[str]]
    names: dict[str, list[str]]


def thread_stories(day: dt.date, plan: StoryPlan, articles: dict[str, Article], history: History) -> Threads:
    words, names = {}, {}
    for story in plan.stories:
        text = story_text(story, articles)
        words[story.id], names[story.id] = story_words(text), story_names(text)
    weights = idf([*words.values(), *(c.words for c in history.candidates)])
    name_weights = idf([*names.values(), *(c.names for c in history.candidates)])
    index = Index(history.candidates)
    links = {sid: link(day, sid, words[sid], names[sid], index, weights=weights, name_weights=name_weights)
             for sid in words}
    return Threads(links=links, words=words, names=names)


def changes_since(briefing: Briefing, threads: Threads, history: History) -> Changes:
    summarized = {s.article_id: threads.links[s.article_id] for s in briefing.summaries
                  if s.article_id in threads.links}
    return what_changed(briefing, summarized, previous_day=history.previous_day, earlier_claims=history.claims,
                        earlier_figures=history.figures, previous_stories=history.previous_stories,
                        today_threads={lk.thread_id for lk in threads.links.values()})


def record_reviewed(store: Store, briefing: Briefing) -> bool:
    """Record a reviewed edition over its day (``briefing publish``): the claims as reviewed, under
    the threads the day's stories were recorded with. False when the day is not in the store."""
    stories = {s.story_id: s for s in store.stories(briefing.date, briefing.date)}
    if not stories:
        return False
    threads = Threads(links={sid: Link(thread_id=s.thread_id, first_day=briefing.date, day_number=s.day_number,
                                       previous=None, score=0.0) for sid, s in stories.items()},
                      words={sid: s.words for sid, s in stories.items()},
                      names={sid: s.names for sid, s in stories.items()})
    plan_ids = [sid for sid in stories if sid in {x.article_id for x in briefing.summaries}]
    rec = DayRecord(day=briefing.date, title=briefing.title, bluf=[p.text_en for p in briefing.bluf],
                    reviewed=True, briefing_path=None)
    _claims_into(rec, briefing, plan_ids, threads)
    return store.record_reviewed(briefing.date, rec.title, rec.bluf, rec.claims, rec.figures)


def day_record(briefing: Briefing, plan: StoryPlan, threads: Threads, *, briefing_path: str | None) -> DayRecord:
    """What the store keeps of the day: every story with its thread, the summarized stories' claims
    and the figures their verified evidence states."""
    articles = {a.id: a for a in briefing.articles}
    summaries = {s.article_id: s for s in briefing.summaries}
    others = {r.story_id: r for r in briefing.other_reports}
    rec = DayRecord(day=briefing.date, title=briefing.title, bluf=[p.text_en for p in briefing.bluf],
                    reviewed=briefing.methodology.review is not None, briefing_path=briefing_path)
    for rank, story in enumerate(plan.stories):
        lk = threads.links[story.id]
        summary = summaries.get(story.id)
        report = others.get(story.id)
        lead = articles.get(story.lead_id)
        headline = (summary.headline_en if summary else (report.headline_en or report.headline_ar) if report
                    else (lead.title or lead.lede)[:200] if lead else "")
        rec.stories.append(StoredStory(
            day=briefing.date, story_id=story.id, thread_id=lk.thread_id, day_number=lk.day_number, rank=rank,
            summarized=summary is not None, headline=headline, outlets=story.outlets, article_ids=story.article_ids,
            words=threads.words[story.id], names=threads.names[story.id]))
    _claims_into(rec, briefing, [s.id for s in plan.stories if s.id in summaries], threads)
    return rec


def _claims_into(rec: DayRecord, briefing: Briefing, story_ids: list[str], threads: Threads) -> None:
    """The summarized stories' claims, and the figures their verified evidence states, into ``rec``."""
    articles = {a.id: a for a in briefing.articles}
    summaries = {s.article_id: s for s in briefing.summaries}
    for story_id in story_ids:
        summary, lk = summaries[story_id], threads.links[story_id]
        for claim in summary.claims:
            evidence = [{"quote_ar": e.quote_ar, "article_id": e.article_id or claim.article_id, "start": e.start,
                         "end": e.end} for e in claim.evidence]
            outlet = (articles[claim.article_id].source or "") if claim.article_id in articles else ""
            rec.claims.append(StoredClaim(day=briefing.date, claim_id=claim.id, story_id=story_id,
                                          thread_id=lk.thread_id, text_en=claim.text_en, status=claim.status,
                                          evidence=evidence, outlet=outlet))
            if claim.status not in ("verified", "supported"):
                continue
            for e in claim.evidence:
                article_id = e.article_id or claim.article_id
                source = articles[article_id].source if article_id in articles else None
                for kind, value in figures_in(e.quote_ar):
                    rec.figures.append(StoredFigure(day=briefing.date, story_id=story_id, thread_id=lk.thread_id,
                                                    claim_id=claim.id, kind=kind, value=value, quote_ar=e.quote_ar,
                                                    article_id=article_id, outlet=source or outlet))
