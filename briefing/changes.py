"""What changed since the last briefing: new claims, figures that moved, stories that stopped,
and figures that outlets of the same day dispute.

Everything here is read from the Arabic evidence, not from the model's English: a figure is a
number next to a word of its kind in an evidence quote (``figures_in``: killed, injured,
arrested, displaced); a claim is new when no earlier claim of its thread quotes the same words;
each change is one English sentence built from both days' figures and checked against both
spans, like every other claim (``guard``'s number check).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from .arabic import fold
from .models import (
    Article,
    ArticleSummary,
    BlufPoint,
    Briefing,
    Changes,
    ContinuingStory,
    Dispute,
    DisputedValue,
    FigureChange,
    StoppedStory,
    ThreadInfo,
)
from .numbers import arabic_numbers, english_numbers, unsupported_numbers
from .store import StoredClaim, StoredFigure, StoredStory
from .threads import Link

__all__ = ["figures_in", "mark_disputed", "what_changed"]

KINDS: dict[str, tuple[str, ...]] = {  # kind -> folded stems that name it
    "killed": ("قتيل", "قتلي", "مقتل", "قتل", "شهيد", "شهداء", "ضحايا", "ضحيه", "وفاه", "وفيات", "حتفهم", "مصرع"),
    "injured": ("جريح", "جرحي", "اصابه", "اصابات", "مصاب", "مصابين", "مصابا"),
    "arrested": ("اعتقال", "معتقل", "معتقلين", "القبض", "موقوف", "موقوفين", "توقيف", "سجين", "اسير", "اسري"),
    "displaced": ("نازح", "نازحين", "نزوح", "لاجئ", "لاجئين", "مهجر"),
}
_STEMS = {stem: kind for kind, stems in KINDS.items() for stem in stems}
# nouns that follow their number (12 قتيلا); the others name the event and precede it (مقتل 12)
_COUNTED = frozenset(("قتيل", "قتلي", "شهيد", "شهداء", "ضحايا", "جريح", "جرحي", "مصاب", "مصابين", "مصابا",
                      "معتقل", "معتقلين", "موقوف", "موقوفين", "سجين", "اسير", "اسري", "نازح", "نازحين", "لاجئ",
                      "لاجئين", "مهجر"))
_CLITIC = re.compile(r"^(?:وال|بال|فال|لل|ال|و|ف|ب|ل)(?=\S{3,})")
WINDOW = 3  # words between a number and the word of its kind


def _stem_of(word: str) -> str | None:
    w = re.sub(r"[^\u0621-\u064A]", "", word)
    for form in (w, _CLITIC.sub("", w)):
        for stem in (form, form[:-1] if form.endswith("ا") else ""):  # قتيلا: the accusative
            if stem in _STEMS:
                return stem
    return None


def _kind(word: str) -> str | None:
    stem = _stem_of(word)
    return _STEMS[stem] if stem else None


_NUMBER_WORD = re.compile(r"\d")


def figures_in(quote_ar: str) -> list[tuple[str, float]]:
    """(kind, value) pairs an Arabic quote states: a number (digits or words) and the nearest word of
    a kind within ``WINDOW`` words, before it or after (مقتل 66 شخصا, 120 جريحا, ارتفع عدد القتلى الى
    ثمانين). Years, and the dual of a word that is not a number, are skipped."""
    words = fold(quote_ar).split()
    kinds = [(i, _STEMS[st], st in _COUNTED) for i, w in enumerate(words) if (st := _stem_of(w)) is not None]
    out: dict[tuple[str, float], None] = {}
    for j, word in enumerate(words):
        if _kind(word) is not None:
            continue
        values = [v for v in arabic_numbers(word) if isinstance(v, float) and 1 <= v < 1800]
        if not _NUMBER_WORD.search(word):
            values = [v for v in values if v != 2.0 or word.startswith(("اثن", "واثن"))]  # a dual is not a count
        if not values:
            continue
        # the nearest; when tied, a counted noun after the number (12 قتيلا), then an event before it
        near = [(abs(i - j), 0 if (i > j and counted) else 1 if i < j else 2, k)
                for i, k, counted in kinds if abs(i - j) <= WINDOW]
        if not near:
            continue
        kind = min(near)[2]
        for v in values:
            out[(kind, v)] = None
    return list(out)


def _content(text: str) -> set[str]:
    return {_CLITIC.sub("", w) for w in fold(text).split() if len(w) >= 3}


def _is_new(claim_quotes: Sequence[str], earlier_quotes: Sequence[str]) -> bool:
    """No earlier quote of the thread contains most of any of this claim's quotes' words."""
    for quote in claim_quotes:
        words = _content(quote)
        if not words:
            continue
        for old in earlier_quotes:
            if len(words & _content(old)) >= 0.6 * len(words):
                return False
    return True


def _outlet(summary: ArticleSummary, article_id: str, articles: Mapping[str, Article]) -> str:
    a = articles.get(article_id)
    return (a.source if a and a.source else None) or (summary.outlets[0] if summary.outlets else "")


def _today_figures(summary: ArticleSummary,
                   articles: Mapping[str, Article]) -> list[tuple[str, float, str, str, str, str]]:
    """(kind, value, quote, article id, outlet, claim id) of a summary's verified claims."""
    out = []
    for claim in summary.claims:
        if claim.status not in ("verified", "supported"):
            continue
        for ev in claim.evidence:
            article_id = ev.article_id or claim.article_id
            for kind, value in figures_in(ev.quote_ar):
                out.append((kind, value, ev.quote_ar, article_id, _outlet(summary, article_id, articles), claim.id))
    return out


def change_sentence(kind: str, before: float, before_day: dt.date, after: float, day: dt.date) -> str:
    verb = "rose" if after > before else "fell"
    return f"{kind.capitalize()}: the figure {verb} from {before:g} ({before_day.isoformat()}) to {after:g} " \
           f"({day.isoformat()})."


def check_change(text_en: str, before_quote: str, after_quote: str) -> list[str]:
    """The sentence's figures against both days' quotes, as every claim's numbers are checked (the
    two ISO dates are the briefings' own, not the quotes')."""
    dates = [m.span() for m in re.finditer(r"\d{4}-\d{2}-\d{2}", text_en)]
    return unsupported_numbers(text_en, [before_quote, after_quote], dates)


def what_changed(briefing: Briefing, links: Mapping[str, Link], *, previous_day: dt.date | None,
                 earlier_claims: Sequence[StoredClaim], earlier_figures: Sequence[StoredFigure],
                 previous_stories: Sequence[StoredStory], today_threads: set[str]) -> Changes:
    """``links``: today's summarized stories (by summary article id) and their threads."""
    articles = {a.id: a for a in briefing.articles}
    continuing, disputes = [], []
    threads: dict[str, ThreadInfo] = {}
    for summary in briefing.summaries:
        link = links.get(summary.article_id)
        if link is None:
            continue
        threads[summary.article_id] = ThreadInfo(thread_id=link.thread_id, day_number=link.day_number,
                                                 first_day=link.first_day)
        figures = _today_figures(summary, articles)
        disputes += _disputes(summary, figures)
        if link.previous is None:
            continue
        old_claims = [c for c in earlier_claims if c.thread_id == link.thread_id]
        old_quotes = [e.get("quote_ar", "") for c in old_claims for e in c.evidence]
        new_ids = [c.id for c in summary.claims if c.status in ("verified", "supported")
                   and _is_new([e.quote_ar for e in c.evidence], old_quotes)]
        changes = []
        latest: dict[str, StoredFigure] = {}
        for f in earlier_figures:
            if f.thread_id == link.thread_id and (f.kind not in latest or f.day >= latest[f.kind].day):
                if f.kind in latest and f.day == latest[f.kind].day and f.value <= latest[f.kind].value:
                    continue
                latest[f.kind] = f
        for kind, old in latest.items():
            today = [f for f in figures if f[0] == kind]
            if not today:
                continue
            value, quote, article_id, outlet, claim_id = max(today, key=lambda f: f[1])[1:]
            if value == old.value:
                continue
            text = change_sentence(kind, old.value, old.day, value, briefing.date)
            problems = check_change(text, old.quote_ar, quote)
            changes.append(FigureChange(
                kind=kind, text_en=text, status="unverified" if problems else "verified", problems=problems,
                before=old.value, before_day=old.day, before_quote_ar=old.quote_ar, before_article_id=old.article_id,
                before_outlet=old.outlet, after=value, after_quote_ar=quote, after_article_id=article_id,
                after_outlet=outlet, claim_id=claim_id))
        continuing.append(ContinuingStory(
            article_id=summary.article_id, thread_id=link.thread_id, day_number=link.day_number,
            first_day=link.first_day, previous_day=link.previous.day, previous_headline=link.previous.headline,
            link_score=link.score, new_claim_ids=new_ids, figure_changes=changes))
    stopped = [StoppedStory(thread_id=s.thread_id, last_day=s.day, headline=s.headline, day_number=s.day_number)
               for s in previous_stories if s.summarized and s.thread_id not in today_threads]
    return Changes(since=previous_day, threads=threads, continuing=continuing, stopped=stopped, disputes=disputes)


def _disputes(summary: ArticleSummary, figures: list[tuple[str, float, str, str, str, str]]) -> list[Dispute]:
    """Outlets of the same story, the same day, giving different figures of one kind."""
    out = []
    for kind in KINDS:
        by_outlet: dict[str, tuple[float, str, str]] = {}
        for k, value, quote, article_id, outlet, _ in figures:
            if k == kind and outlet:
                current = by_outlet.get(outlet)
                if current is None or value > current[0]:
                    by_outlet[outlet] = (value, quote, article_id)
        values = {v for v, _, _ in by_outlet.values()}
        if len(by_outlet) >= 2 and len(values) >= 2:
            listed = [DisputedValue(value=v, outlet=o, quote_ar=q, article_id=a)
                      for o, (v, q, a) in sorted(by_outlet.items())]
            out.append(Dispute(article_id=summary.article_id, kind=kind, conservative=min(values), values=listed))
    return out


def mark_disputed(briefing: Briefing, changes: Changes) -> list[BlufPoint]:
    """The bottom line with each sentence's disputed figures noted: the outlets' values and the
    lower one, the one to use; and when the sentence states a higher one, that too."""
    if not changes.disputes:
        return briefing.bluf
    quotes_of = {c.id: {e.quote_ar for e in c.evidence} for c in briefing.claims()}
    out = []
    for point in briefing.bluf:
        quotes = set().union(*(quotes_of.get(i, set()) for i in point.claim_ids))
        stated = {float(v) for _, v in english_numbers(point.text_en) if not isinstance(v, str)}
        notes = []
        for d in changes.disputes:
            if not quotes & {v.quote_ar for v in d.values}:
                continue
            values = " vs ".join(f"{v.value:g} ({v.outlet})" for v in d.values)
            note = f"{d.kind}: disputed, {values}; the lower, {d.conservative:g}, is the one to use"
            higher = sorted(v for v in stated if v in {x.value for x in d.values} and v > d.conservative)
            if higher:
                note += f" (this sentence states {', '.join(f'{v:g}' for v in higher)})"
            notes.append(note)
        out.append(point.model_copy(update={"disputed": notes}) if notes else point)
    return out
