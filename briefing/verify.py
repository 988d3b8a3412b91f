"""Verify: ``SummaryBatch`` -> ``SummaryBatch`` with every claim checked against its Arabic source.

For each claim:

1. every Arabic quote is located in the article on a normalized form (``arabic.locate``) and
   its span stored as offsets into the original text;
2. the closed-book guard (``guard``) checks that every number, date, name and polarity in
   ``text_en`` (and the names in ``attributed_to``) is supported by those spans.

A claim with any problem is ``unverified``: kept, shown and counted, never presented as fact.
Entities whose Arabic form is in the registry get its canonical English name; date mentions
are resolved against the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from . import dates
from .arabic import locate
from .guard import guard
from .models import (
    Article,
    ArticleDraft,
    ArticleSummary,
    BlufPoint,
    ChunkedArticle,
    Claim,
    DateMention,
    Entity,
    Evidence,
    SummaryBatch,
)
from .registry import Registry, packaged
from .summarize import DraftCheck


def check_claim(claim: Claim, article: Article, registry: Registry, others: Sequence[Article] = ()) -> Claim:
    """Locate the claim's quotes (in its article, else in the story's other articles) and guard it."""
    evidence: list[Evidence] = []
    problems: list[str] = []
    spans: list[str] = []
    for ev in claim.evidence:
        found = None
        for candidate in (article, *others):
            span = locate(ev.quote_ar, candidate.text)
            if span is not None:
                found = (candidate, span)
                break
        if found is None:
            problems.append(f"evidence not found in the article: «{_short(ev.quote_ar)}»")
            evidence.append(Evidence(quote_ar=ev.quote_ar))
        else:
            where, (start, end) = found
            evidence.append(Evidence(quote_ar=ev.quote_ar, start=start, end=end,
                                     article_id=None if where.id == article.id else where.id))
            spans.append(where.text[start:end])
    if not claim.evidence:
        problems.append("no evidence quoted")
    if spans:
        attribution = None if claim.attributed_to.strip().lower() in _GENERIC else claim.attributed_to
        text_en = claim.text_en
        if article.source:  # the outlet may name itself ("told Al-Hayat"); it need not be in the quote
            outlet = re.compile(r"\b(?:al[- ]?)?" + r"[- ]?".join(map(re.escape, re.sub(r"^al[- ]?", "",
                                article.source.lower()))) + r"\b", re.I)
            text_en = outlet.sub("the outlet", text_en)
            attribution = outlet.sub("the outlet", attribution) if attribution else None
        problems += guard(text_en, spans, published=article.published, registry=registry,
                          attributed_to=attribution, article_text=article.text, stance=claim.stance)
    status = "unverified" if problems else "verified"
    return claim.model_copy(update={"evidence": evidence, "problems": problems, "status": status})


_GENERIC = {"the outlet", "the newspaper", "the article", "the report", "the author"}


def verify_summary(summary: ArticleSummary, article: Article, registry: Registry | None = None,
                   others: Sequence[Article] = ()) -> ArticleSummary:
    reg = registry or packaged()
    claims = [check_claim(c, article, reg, others) for c in summary.claims]
    spans = _verified_spans(claims, {a.id: a for a in (article, *others)})
    summary_problems = [p for text in (summary.headline_en, summary.summary_en)
                        for p in guard(text, spans, published=article.published, registry=reg, polarity=False)]
    return summary.model_copy(update={
        "claims": claims,
        "entities": [_canonical(e, reg) for e in summary.entities],
        "dates": [_resolve(d, article) for d in summary.dates],
        "summary_problems": list(dict.fromkeys(summary_problems)),
    })


def _verified_spans(claims: list[Claim], articles: Mapping[str, Article]) -> list[str]:
    return [articles[e.article_id or c.article_id].text[e.start:e.end] for c in claims if c.status == "verified"
            for e in c.evidence if e.start is not None and e.end is not None
            and (e.article_id or c.article_id) in articles]


def verify_bluf(bluf: list[BlufPoint], summaries: list[ArticleSummary], articles: Mapping[str, Article],
                registry: Registry | None = None) -> list[BlufPoint]:
    """A bottom-line sentence is verified when its cited claims are, and they support its details."""
    reg = registry or packaged()
    claims = {c.id: c for s in summaries for c in s.claims}
    out = []
    for point in bluf:
        cited = [claims[i] for i in point.claim_ids if i in claims]
        problems = [f"cites unknown claim {i}" for i in point.claim_ids if i not in claims]
        problems += [f"rests on unverified claim {c.id}" for c in cited if c.status != "verified"]
        if cited:
            published = articles[cited[0].article_id].published
            problems += guard(point.text_en, _verified_spans(cited, articles), published=published, registry=reg,
                              polarity=False)
        status = "unverified" if problems or not cited else "verified"
        out.append(point.model_copy(update={"status": status, "problems": problems}))
    return out


def verify(batch: SummaryBatch, articles: Mapping[str, Article], registry: Registry | None = None) -> SummaryBatch:
    reg = registry or packaged()
    return batch.model_copy(update={"summaries": [verify_one(s, articles, reg) for s in batch.summaries]})


def verify_one(summary: ArticleSummary, articles: Mapping[str, Article], registry: Registry) -> ArticleSummary:
    """One summary, against its article and the other reports of its story."""
    others = [articles[i] for i in summary.story_article_ids[1:] if i in articles]
    return verify_summary(summary, articles[summary.article_id], registry, others)


def _canonical(entity: Entity, registry: Registry) -> Entity:
    entry = registry.by_arabic(entity.name_ar)
    if entry is None:
        return entity.model_copy(update={"registered": False})
    return entity.model_copy(update={"name_en": entry.english, "registered": True})


def _resolve(mention: DateMention, article: Article) -> DateMention:
    found = dates.resolve_arabic(mention.text_ar, article.published)
    if not found:
        return mention.model_copy(update={"iso": None, "precision": None, "note": "not a recognised date form"})
    d = found[0]
    return mention.model_copy(update={"iso": d.iso, "precision": d.precision, "note": d.note})


def draft_checker(registry: Registry | None = None) -> DraftCheck:
    """Problems in a fresh draft worth a re-ask: quotes not in the article, unsupported details."""
    reg = registry or packaged()

    def problems(item: ChunkedArticle, draft: ArticleDraft) -> list[str]:
        out = []
        for n, c in enumerate(draft.claims):
            claim = Claim(id="draft", article_id=item.article.id, text_en=c.text_en, attributed_to=c.attributed_to,
                          stance=c.stance, evidence=[Evidence(quote_ar=q) for q in c.evidence])
            for problem in check_claim(claim, item.article, reg).problems:
                out.append(f"claims[{n}] ({_short(c.text_en, 60)}): {problem}")
        return out

    return problems


class VerifyWorker:
    """A day's draft checks and verification in a forked worker process, off the event loop.

    On a day's run the checks (locating every quote, the closed-book guard) cost about 1.3 ms of
    CPU per story, and answers arrive in bursts of ``--concurrency``: done on the event loop, a
    burst's checks hold back the next requests. The worker inherits the story views (what the
    drafts are checked against), the articles and the registry when it is forked; drafts and
    summaries go over as JSON. Each finished summary is verified there at once, while other calls
    are still out. If the worker dies, the rest is done here. ``cpu_s``: the worker's CPU time.
    """

    def __init__(self, views: Sequence[Article], articles: Mapping[str, Article],
                 registry: Registry | None = None) -> None:
        from .aside import Worker

        reg = registry or packaged()
        self._registry = reg
        self._articles = articles
        self._check = draft_checker(reg)
        by_id = {a.id: a for a in views}
        check = self._check

        def serve(job: tuple[str, list[Any]]) -> list[Any]:  # in the worker
            kind, items = job
            if kind == "check":
                return [check(ChunkedArticle(article=by_id[aid], chunks=[]), ArticleDraft.model_validate_json(raw))
                        for aid, raw in items]
            return [verify_one(ArticleSummary.model_validate_json(raw), articles, reg).model_dump_json()
                    for raw in items]

        self._worker: Any = Worker(serve)  # forked now, before any thread of the run exists
        self.cpu_s = 0.0
        self.error: str | None = None  # why the worker stopped answering, if it did

    async def _call(self, job: tuple[str, list[Any]]) -> list[Any] | None:
        from .aside import WorkerError

        if self._worker is None:
            return None
        try:
            result: list[Any] = await self._worker.call(job)
            return result
        except WorkerError as exc:
            self.error = str(exc)
            self.close()  # from now on, here
            return None

    async def check(self, pairs: list[tuple[ChunkedArticle, ArticleDraft]]) -> list[list[str]]:
        found = await self._call(("check", [(item.article.id, draft.model_dump_json()) for item, draft in pairs]))
        return found if found is not None else [self._check(item, draft) for item, draft in pairs]

    async def verify(self, summaries: list[ArticleSummary]) -> list[ArticleSummary]:
        done = await self._call(("verify", [s.model_dump_json() for s in summaries]))
        if done is None:
            return [verify_one(s, self._articles, self._registry) for s in summaries]
        return [ArticleSummary.model_validate_json(raw) for raw in done]

    def close(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            self.cpu_s = worker.child_cpu_s
            worker.close()


def draft_problems(item: ChunkedArticle, draft: ArticleDraft) -> list[str]:
    return draft_checker()(item, draft)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
