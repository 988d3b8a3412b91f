"""Compose: verified ``SummaryBatch`` -> ``Briefing`` for one date.

One model call writes the editorial frame (title, bottom line up front, sections) from the
claims, citing claim ids; every id it cites must exist and every summarized article must sit in
exactly one section, or it is re-asked. If it still fails, a plain frame is built without the
model (sections per article, the first verified claims as bottom line) and the briefing says so.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass

from . import prompting, structured
from .config import DEFAULTS
from .errors import BriefingError
from .facets import facets
from .llm import MeteredCompletion
from .models import (
    Article,
    ArticleSummary,
    BlufPoint,
    Briefing,
    BriefingDraft,
    Corpus,
    Methodology,
    OtherReport,
    Section,
    Source,
    SummaryBatch,
    UnregisteredName,
    Usage,
)
from .registry import Registry, packaged
from .verify import verify_bluf

PROMPTS = ["compose.system.j2", "compose.user.j2"]


@dataclass(frozen=True)
class RunFacts:
    """What the methodology block reports about the run itself."""

    model: str
    structured_output: str
    prompt_versions: dict[str, str]
    replayed_from: str | None = None
    started: float | None = None  # time.perf_counter() when the run began: the methodology's wall time
    max_cost_usd: float | None = None  # the budget, named when it stopped calls


@dataclass(frozen=True)
class _Item:
    article: Article
    summary: ArticleSummary


def draft_problems(draft: BriefingDraft, batch: SummaryBatch) -> list[str]:
    claim_ids = {c.id for s in batch.summaries for c in s.claims}
    article_ids = [s.article_id for s in batch.summaries]
    problems = []
    for n, point in enumerate(draft.bluf):
        for cid in point.claim_ids:
            if cid not in claim_ids:
                problems.append(f"bluf[{n}] cites claim id {cid!r}, which is not in the input")
    placed: dict[str, int] = {}
    for section in draft.sections:
        for aid in section.article_ids:
            if aid not in article_ids:
                problems.append(f"section {section.heading!r} lists article id {aid!r}, which is not in the input")
            placed[aid] = placed.get(aid, 0) + 1
    for aid in article_ids:
        if placed.get(aid, 0) != 1:
            problems.append(f"article {aid} must appear in exactly one section (found {placed.get(aid, 0)})")
    return problems


async def compose(batch: SummaryBatch, corpus: Corpus, *, date: dt.date, completion: MeteredCompletion,
                  run: RunFacts, max_reasks: int = 2, registry: Registry | None = None,
                  other_reports: Sequence[OtherReport] = (), clustering: str | None = None,
                  framed: int = DEFAULTS.run.compose_stories,
                  digest_stories: int = DEFAULTS.run.digest_stories) -> Briefing:
    """The briefing: the model's frame (title, bottom line, sections), else a plain one, and the
    methodology, made once, after the last call of the run.

    The model frames the first ``framed`` stories (in rank order); the rest follow in a section
    of their own. The frame's answer grows with every story it places (a day of 1,100 stories is
    some 20,000 output tokens: minutes at a hosted model's speed), and a reader's bottom line
    rests on the top stories anyway."""
    articles = {a.id: a for a in corpus.articles}
    every = [_Item(articles[s.article_id], s) for s in batch.summaries]
    items, rest = every[:framed], every[framed:]
    framed_batch = batch.model_copy(update={"summaries": [i.summary for i in items]})
    note: str | None = None
    draft: BriefingDraft | None = None
    if items:
        messages = [
            {"role": "system", "content": prompting.render("compose.system.j2")},
            {"role": "user", "content": prompting.render("compose.user.j2", date=date, items=items)},
        ]
        try:
            draft = await structured.ask(completion, purpose="compose", messages=messages, model=BriefingDraft,
                                         max_reasks=max_reasks, check=lambda d: draft_problems(d, framed_batch))
        except BriefingError as exc:
            note = f"the model could not compose the briefing ({exc}); sections are one per article"
    else:
        note = "no article was summarized"
    if draft is not None:
        title = draft.title
        bluf = [BlufPoint(text_en=p.text_en, claim_ids=p.claim_ids) for p in draft.bluf]
        sections = [Section(heading=s.heading, summary_en=s.summary_en, article_ids=s.article_ids)
                    for s in draft.sections]
    else:
        title, bluf, sections = _fallback(items)
    if rest:
        sections.append(Section(heading="More stories", summary_en=f"The stories ranked below the first {len(items)}, "
                                "in rank order.", article_ids=[i.summary.article_id for i in rest]))
    bluf = verify_bluf(bluf, batch.summaries, articles, registry)
    return Briefing(
        date=date,
        title=title,
        bluf=bluf,
        sections=sections,
        summaries=batch.summaries,
        failed=batch.failed,
        sources=[_source(a) for a in corpus.articles],
        articles=corpus.articles,
        input_problems=corpus.problems,
        unregistered_names=unregistered(batch.summaries, registry),
        other_reports=list(other_reports),
        facets=facets(batch.summaries, registry or packaged()),
        # rank order, at most `digest_stories`; render fits them to the digest's pages
        digest_article_ids=[s.article_id for s in batch.summaries][:digest_stories],
        clustering=clustering,
        methodology=methodology(batch.summaries, completion.usage, run,
                                wall_s=time.perf_counter() - run.started if run.started is not None else 0.0,
                                composed_by="model" if draft is not None else "fallback", note=note,
                                refused=completion.refused),
    )


def methodology(summaries: Sequence[ArticleSummary], usage: Usage, run: RunFacts, *, wall_s: float,
                composed_by: str, note: str | None, refused: int = 0) -> Methodology:
    claims = [c for s in summaries for c in s.claims]
    priced = usage.calls > 0 and usage.unpriced_calls == 0
    if usage.calls == 0:
        cost_note = "no model calls"
    elif priced:
        cost_note = "as priced by litellm's bundled cost map"
    else:
        cost_note = f"litellm has no price for {run.model}; {usage.unpriced_calls} call(s) unpriced"
    return Methodology(
        model=run.model,
        structured_output=run.structured_output,
        prompt_versions=run.prompt_versions,
        calls=usage.calls,
        reasks=usage.reasks,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cost_usd=round(usage.cost_usd, 6) if priced or usage.calls == 0 else None,
        cost_note=cost_note,
        wall_s=round(wall_s, 2),
        composed_by="model" if composed_by == "model" else "fallback",
        compose_note=note,
        claims_total=len(claims),
        claims_verified=sum(c.status == "verified" for c in claims),
        claims_supported=sum(c.status == "supported" for c in claims),
        claims_unverified=sum(c.status == "unverified" for c in claims),
        replayed_from=run.replayed_from,
        cache_hits=usage.cache_hits,
        budget_note=(f"the budget of ${run.max_cost_usd or 0:.4f} stopped {refused} call(s); "
                     "the articles they were for are listed as not summarized") if refused else None,
    )


def unregistered(summaries: Sequence[ArticleSummary], registry: Registry | None = None) -> list[UnregisteredName]:
    """Names the registry does not know (entities and places), once each, with the articles that
    mention them; a pair that passes the cross-script check comes with a registry entry to paste."""
    from .arabic import fold
    from .names import pair_ok
    from .registry import packaged

    reg = registry or packaged()
    found: dict[str, UnregisteredName] = {}
    for s in summaries:
        names = [(e.name_ar, e.name_en, e.kind) for e in s.entities if not e.registered]
        names += [(p.name_ar, p.name_en, "place") for p in s.places if reg.by_arabic(p.name_ar) is None]
        for name_ar, name_en, kind in names:
            key = fold(name_ar)
            if not key:
                continue
            if key in found:
                if s.article_id not in found[key].article_ids:
                    found[key].article_ids.append(s.article_id)
                continue
            checked = pair_ok(name_en, name_ar)
            found[key] = UnregisteredName(name_ar=name_ar, name_en=name_en, kind=kind, article_ids=[s.article_id],
                                          checked=checked,
                                          registry_entry=_registry_entry(name_en, kind, name_ar) if checked else "")
    return sorted(found.values(), key=lambda n: n.name_en.lower())


def _registry_entry(english: str, kind: str, arabic: str) -> str:
    """A ``[[entry]]`` for a ``--registry`` TOML file (JSON string escapes are valid TOML)."""
    return (f"[[entry]]\nenglish = {json.dumps(english, ensure_ascii=False)}\nkind = {json.dumps(kind)}\n"
            f"arabic = [{json.dumps(arabic, ensure_ascii=False)}]\n")


def _fallback(items: Sequence[_Item]) -> tuple[str, list[BlufPoint], list[Section]]:
    bluf = []
    for item in items[:5]:
        verified = [c for c in item.summary.claims if c.status in ("verified", "supported")]
        if verified:
            bluf.append(BlufPoint(text_en=verified[0].text_en, claim_ids=[verified[0].id]))
    sections = [Section(heading=i.summary.headline_en, summary_en=i.summary.summary_en,
                        article_ids=[i.summary.article_id]) for i in items]
    title = items[0].summary.headline_en if items else "No articles could be summarized"
    return title, bluf, sections


def _source(article: Article) -> Source:
    return Source(article_id=article.id, outlet=article.source, title=article.title, url=article.url,
                  published=article.published, published_note=article.published_note, origin=article.origin)
