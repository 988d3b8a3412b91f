"""Verify: ``SummaryBatch`` -> ``SummaryBatch`` with every claim's evidence located.

Each Arabic quote is searched in its article on a normalized form (``arabic.normalize``) and
its span is stored as offsets into the original text. A quote that is not in the article, even
allowing for small copying differences, is a problem on its claim, and a claim with a problem
is ``unverified``: it is kept, shown and counted, never presented as fact.
"""

from __future__ import annotations

from collections.abc import Mapping

from .arabic import locate
from .models import Article, ArticleDraft, ArticleSummary, ChunkedArticle, Claim, Evidence, SummaryBatch


def check_claim(claim: Claim, article: Article) -> Claim:
    evidence: list[Evidence] = []
    problems: list[str] = []
    for ev in claim.evidence:
        span = locate(ev.quote_ar, article.text)
        if span is None:
            problems.append(f"evidence not found in the article: «{_short(ev.quote_ar)}»")
            evidence.append(Evidence(quote_ar=ev.quote_ar))
        else:
            evidence.append(Evidence(quote_ar=ev.quote_ar, start=span[0], end=span[1]))
    if not claim.evidence:
        problems.append("no evidence quoted")
    status = "unverified" if problems else "verified"
    return claim.model_copy(update={"evidence": evidence, "problems": problems, "status": status})


def verify_summary(summary: ArticleSummary, article: Article) -> ArticleSummary:
    return summary.model_copy(update={"claims": [check_claim(c, article) for c in summary.claims]})


def verify(batch: SummaryBatch, articles: Mapping[str, Article]) -> SummaryBatch:
    return batch.model_copy(
        update={"summaries": [verify_summary(s, articles[s.article_id]) for s in batch.summaries]}
    )


def draft_problems(item: ChunkedArticle, draft: ArticleDraft) -> list[str]:
    """Problems in a fresh draft worth a re-ask: quotes that are not in the article."""
    problems = []
    for n, claim in enumerate(draft.claims):
        for m, quote in enumerate(claim.evidence):
            if locate(quote, item.article.text) is None:
                problems.append(
                    f"claims[{n}].evidence[{m}] is not in the article; copy the Arabic exactly: «{_short(quote)}»"
                )
    return problems


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
