"""Summarize: ``ChunkPlan`` -> ``SummaryBatch``.

Short articles are packed several to a call (``pack_articles``, ``pack_bytes``): the system
prompt and the schema, about 1,500 tokens, are then paid once per pack instead of once per
article. The pack's answer is checked article by article (a missing article, or evidence not in
its own article, is re-asked); an article the pack's answer still lacks, or a pack whose answer
never validates or is refused, falls back to a call of its own. Any other article that fits one chunk is
summarized in one call. A long one is mapped chunk by chunk,
then one merge call writes its headline and summary; claims, entities, places, dates and
figures of every chunk are kept, each claim with all its evidence. An article whose answers
stay invalid, or whose calls keep failing, is recorded in ``failed`` with the reason.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from . import prompting, structured
from .arabic import fold
from .config import DEFAULTS
from .errors import BriefingError, OutputInvalidError, RefusedError, UnreachableError
from .llm import MeteredCompletion
from .models import (
    ArticleDraft,
    ArticleSummary,
    ChunkedArticle,
    ChunkPlan,
    Claim,
    DateMention,
    Entity,
    Evidence,
    FailedArticle,
    Figure,
    HeadlinesDraft,
    MergeDraft,
    OtherReport,
    PackDraft,
    Place,
    StoryView,
    SummaryBatch,
)
from .registry import Registry
from .slots import FIRST, Slots
from .verify import draft_problems

PROMPTS = ["summarize.system.j2", "summarize.user.j2", "reask.user.j2"]
PACK_PROMPTS = ["summarize.system.j2", "summarize_pack.user.j2", "reask.user.j2"]
HEADLINE_PROMPTS = ["headlines.system.j2", "headlines.user.j2"]
HEADLINES_PER_CALL = 40
PACK_BYTES = 24_000  # at most this much article text (UTF-8 bytes) per pack
MERGE_PROMPTS = ["merge.system.j2", "merge.user.j2"]

@dataclass(frozen=True)
class SummarizeOptions:
    max_reasks: int = DEFAULTS.run.max_reasks
    concurrency: int = DEFAULTS.run.concurrency
    # re-ask a draft whose quotes are not in its article or whose details they do not support
    # (``verify.draft_problems``); what is still wrong after the re-asks, verify marks
    check_drafts: bool = True
    registry: Registry | None = None  # its entries found in an article go into that article's prompt
    progress: Callable[[str, int, int], None] | None = None  # (stage, done, total) after each article
    pack_articles: int = DEFAULTS.run.pack_articles  # at most this many short articles per call; 1: one each
    pack_bytes: int = PACK_BYTES
    gate: Slots | None = None  # shared with other stages' calls; else one of `concurrency` slots


async def summarize(plan: ChunkPlan, completion: MeteredCompletion,
                    options: SummarizeOptions | None = None) -> SummaryBatch:
    opts = options or SummarizeOptions()
    gate = opts.gate or Slots(opts.concurrency)
    done = 0
    total = len(plan.items)

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if opts.progress:
            opts.progress("summarize", done, total)

    async def solo(item: ChunkedArticle) -> list[ArticleSummary | FailedArticle]:
        result = await _one(item, completion, opts, gate)
        tick(1)
        return [result]

    async def packed(items: list[ChunkedArticle]) -> list[ArticleSummary | FailedArticle]:
        return await _pack(items, completion, opts, gate, tick)

    groups = packs(plan.items, opts.pack_articles, opts.pack_bytes)
    nested = await asyncio.gather(*(packed(g) if len(g) > 1 else solo(g[0]) for g in groups))
    by_id = {r.article_id: r for rs in nested for r in rs}
    results = [by_id[story_id(item)] for item in plan.items]  # plan order, whatever the packing
    summaries = [r for r in results if isinstance(r, ArticleSummary)]
    failed = [r for r in results if isinstance(r, FailedArticle)]
    prompts = PROMPTS + (PACK_PROMPTS if any(len(g) > 1 for g in groups) else []) \
        + (MERGE_PROMPTS if any(len(item.chunks) > 1 for item in plan.items) else [])
    return SummaryBatch(summaries=summaries, failed=failed, usage=completion.usage, prompts=prompts)


def packs(items: list[ChunkedArticle], max_articles: int, max_bytes: int) -> list[list[ChunkedArticle]]:
    """Group single-chunk articles, in plan order, into packs; long articles stay alone.

    Deterministic for a given plan, so a rerun sends the same requests (and hits the cache)."""
    groups: list[list[ChunkedArticle]] = []
    current: list[ChunkedArticle] = []
    size = 0
    for item in items:
        n = len(item.article.text.encode("utf-8"))
        if len(item.chunks) > 1 or max_articles <= 1 or n > max_bytes // 2:
            groups.append([item])
            continue
        if current and (len(current) >= max_articles or size + n > max_bytes):
            groups.append(current)
            current, size = [], 0
        current.append(item)
        size += n
    if current:
        groups.append(current)
    return groups


async def _pack(items: list[ChunkedArticle], completion: MeteredCompletion, opts: SummarizeOptions,
                gate: Slots, tick: Callable[[int], None]) -> list[ArticleSummary | FailedArticle]:
    """One call for several short articles; what it cannot answer goes to calls of its own."""
    ids = [item.article.id for item in items]

    def messages() -> list[dict[str, str]]:  # made once a slot is free: the first calls go out at once
        return [
            {"role": "system", "content": prompting.render(
                "summarize.system.j2", registry=_names(items, opts), pack=True, part_count=1, part_number=1)},
            {"role": "user", "content": prompting.render(
                "summarize_pack.user.j2", articles=[{"article": i.article, "text": i.chunks[0].text} for i in items])},
        ]

    async def check_pack(draft: PackDraft) -> list[str]:
        problems: list[str] = []
        got = [a.article_id for a in draft.articles]
        if sorted(got) != sorted(ids):
            problems.append(f"answer with exactly one entry per article, for these ids in this order: {', '.join(ids)}")
        by_id = {item.article.id: item for item in items}
        pairs = [(by_id[e.article_id], e.summary) for e in draft.articles if e.article_id in by_id]
        for (item, _), found in zip(pairs, await _checks(pairs, opts), strict=True):
            problems += [f"article {item.article.id}: {p}" for p in found]
        return problems

    try:
        draft = await structured.ask(completion, purpose=f"summarize {ids[0]} +{len(ids) - 1} articles",
                                     messages=messages, model=PackDraft, max_reasks=opts.max_reasks,
                                     check=check_pack, strict_check=False, gate=gate)
    except UnreachableError:
        raise  # nothing will get through: the run stops (not every article listed as failed)
    except BriefingError as exc:
        # an answer that never validated, or a refusal (perhaps of one article), is tried article by
        # article; a provider or budget failure is not (that would multiply calls that fail alike)
        if not isinstance(exc, OutputInvalidError | RefusedError):
            tick(len(items))
            return [FailedArticle(article_id=story_id(i), origin=i.article.origin, reason=str(exc)) for i in items]
        draft = PackDraft.model_construct(articles=[])
    answered: dict[str, ArticleDraft] = {}
    for entry in draft.articles:
        answered.setdefault(entry.article_id, entry.summary)
    results: list[ArticleSummary | FailedArticle] = []
    alone: list[ChunkedArticle] = []
    for item in items:
        summary = answered.get(item.article.id)
        if summary is None:
            alone.append(item)
            continue
        results.append(to_summary(item, summary.headline_en, summary.summary_en, [summary]))
    tick(len(results))
    for result in await asyncio.gather(*(_one(item, completion, opts, gate) for item in alone)):
        results.append(result)
        tick(1)
    return results


async def _one(item: ChunkedArticle, completion: MeteredCompletion, opts: SummarizeOptions,
               gate: Slots) -> ArticleSummary | FailedArticle:
    try:
        drafts = await asyncio.gather(*(_draft(item, i, completion, opts, gate) for i in range(len(item.chunks))))
        if len(drafts) == 1:
            headline, summary = drafts[0].headline_en, drafts[0].summary_en
        else:
            messages = [
                {"role": "system", "content": prompting.render("merge.system.j2")},
                {"role": "user", "content": prompting.render("merge.user.j2", article=item.article, parts=drafts)},
            ]
            merged = await structured.ask(completion, purpose=f"merge {item.article.id}", messages=messages,
                                          model=MergeDraft, max_reasks=opts.max_reasks, gate=gate,
                                          priority=FIRST)
            headline, summary = merged.headline_en, merged.summary_en
    except UnreachableError:
        raise
    except BriefingError as exc:
        return FailedArticle(article_id=story_id(item), origin=item.article.origin, reason=str(exc))
    return to_summary(item, headline, summary, drafts)


async def _draft(item: ChunkedArticle, index: int, completion: MeteredCompletion, opts: SummarizeOptions,
                 gate: Slots) -> ArticleDraft:
    chunk = item.chunks[index]

    def messages() -> list[dict[str, str]]:  # made once a slot is free
        return [
            {"role": "system", "content": prompting.render("summarize.system.j2", registry=_names([item], opts),
                                                            pack=False)},
            {"role": "user", "content": prompting.render(
                "summarize.user.j2", article=item.article, text=chunk.text,
                part_number=index + 1, part_count=len(item.chunks))},
        ]

    async def check_draft(draft: ArticleDraft) -> list[str]:
        return (await _checks([(item, draft)], opts))[0]

    return await structured.ask(completion, purpose=f"summarize {item.article.id} part {index + 1}",
                                messages=messages, model=ArticleDraft, max_reasks=opts.max_reasks,
                                check=check_draft, strict_check=False, gate=gate)


async def _checks(pairs: list[tuple[ChunkedArticle, ArticleDraft]], opts: SummarizeOptions) -> list[list[str]]:
    if not opts.check_drafts:
        return [[] for _ in pairs]
    return [draft_problems(item, draft, opts.registry) for item, draft in pairs]


def _names(items: list[ChunkedArticle], opts: SummarizeOptions) -> list[dict[str, str]]:
    """Registry entries whose Arabic occurs in these articles, in registry order (stable prompts)."""
    if opts.registry is None:
        return []
    folded = [fold(item.article.text) for item in items]
    found = {id(e) for f in folded for e in opts.registry.in_text(f)}
    out = []
    for entry in opts.registry.entries:
        if id(entry) in found:
            present = [v for v in entry.arabic if v and any(fold(v) in f for f in folded)]
            out.append({"arabic": " / ".join(present or entry.arabic[:1]), "english": entry.english})
    return out


def story_id(item: ChunkedArticle) -> str:
    """The story (its lead article) a summary belongs to: a story view's, or the article's own id."""
    return item.article.story_id if isinstance(item.article, StoryView) else item.article.id


def to_summary(item: ChunkedArticle, headline: str, summary: str, drafts: list[ArticleDraft]) -> ArticleSummary:
    """Merge chunk drafts into one summary, keeping every claim and its evidence, deduplicated."""
    aid = story_id(item)
    claims: list[Claim] = []
    seen_claims: set[str] = set()
    entities: dict[str, Entity] = {}
    places: dict[str, Place] = {}
    dates: dict[str, DateMention] = {}
    figures: dict[tuple[str, str], Figure] = {}
    for draft in drafts:
        for c in draft.claims:
            key = " ".join(c.text_en.lower().split())
            if key in seen_claims:
                continue
            seen_claims.add(key)
            claims.append(Claim(id=f"{aid}-c{len(claims) + 1}", article_id=aid, text_en=c.text_en,
                                attributed_to=c.attributed_to, stance=c.stance,
                                evidence=[Evidence(quote_ar=q) for q in c.evidence]))
        for e in draft.entities:
            entities.setdefault(e.name_ar.strip(), Entity(**e.model_dump()))
        for p in draft.places:
            places.setdefault(p.name_ar.strip(), Place(**p.model_dump()))
        for d in draft.dates:
            dates.setdefault(d.text_ar.strip(), DateMention(**d.model_dump()))
        for f in draft.figures:
            figures.setdefault((f.number, f.quote_ar), Figure(**f.model_dump()))
    return ArticleSummary(
        article_id=aid, headline_en=headline, summary_en=summary, claims=claims,
        entities=list(entities.values()), places=list(places.values()), dates=list(dates.values()),
        figures=list(figures.values()), chunks=len(item.chunks),
    )


async def translate_headlines(reports: list[OtherReport], completion: MeteredCompletion, *, max_reasks: int = 2,
                              concurrency: int = 4, per_call: int = HEADLINES_PER_CALL,
                              gate: Slots | None = None) -> list[OtherReport]:
    """English headlines for the stories below the cut, many per call. A batch that fails keeps
    its Arabic headlines (shown untranslated), it does not fail the briefing. ``gate``: request
    slots shared with the summaries (else ``concurrency`` of its own)."""
    slots = gate or Slots(concurrency)

    async def batch(items: list[OtherReport]) -> dict[str, str]:
        ids = [r.story_id for r in items]
        messages = [
            {"role": "system", "content": prompting.render("headlines.system.j2")},
            {"role": "user", "content": prompting.render(
                "headlines.user.j2", items=[{"id": r.story_id, "headline_ar": r.headline_ar} for r in items])},
        ]

        def check(draft: HeadlinesDraft) -> list[str]:
            got = [i.id for i in draft.items]
            return [] if sorted(got) == sorted(ids) else [f"answer for exactly these ids, once each: {', '.join(ids)}"]

        try:
            draft = await structured.ask(completion, purpose=f"headlines {ids[0]}..", messages=messages,
                                         model=HeadlinesDraft, max_reasks=max_reasks, check=check,
                                         strict_check=False, gate=slots)
        except UnreachableError:
            raise
        except BriefingError:
            return {}
        return {i.id: i.headline_en for i in draft.items if i.id in ids}

    batches = [reports[i:i + per_call] for i in range(0, len(reports), per_call)]
    results = await asyncio.gather(*(batch(b) for b in batches))
    english = {k: v for r in results for k, v in r.items()}
    return [r.model_copy(update={"headline_en": english.get(r.story_id)}) for r in reports]
