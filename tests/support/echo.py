"""An extractive stand-in for a model, for tests of the pipeline around it: not a model.

``extractive_responder()`` answers every request ``briefing`` makes (single-article and packed
summaries, merges, headlines, the compose call) with schema-valid JSON built from the request
itself: each article's claim quotes the first sentence of that article verbatim, so it can be
located and verified. It works for any article, unlike ``reference_responder``, whose answers
are written by hand for the seed articles.

Articles are found between their markers, ``<<<ARTICLE id>>>`` ... ``<<<END ARTICLE id>>>``, the
closing marker matched to the same id: text inside an article that looks like a marker (with
any other id) stays part of that article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .server import Reply, Responder, chat_completion, schema_name

ARTICLE_BLOCK = re.compile(r"<<<ARTICLE ([0-9a-f]{16})>>>\n(.*?)\n<<<END ARTICLE \1>>>", re.S)
_SENTENCE = re.compile(r"[^.!?؟\n]*\S[^.!?؟\n]*")
_COMPOSE_ARTICLE = re.compile(r"^Article ([0-9a-f]{16})\b", re.M)
_COMPOSE_CLAIM = re.compile(r"^- \[([0-9a-f]{16}-c\d+)\]", re.M)
_HEADLINE_ID = re.compile(r"^\[([^\]\n]+)\] ", re.M)

Draft = dict[str, Any]


def articles_in(request: dict[str, Any]) -> list[tuple[str, str]]:
    """``(id, text)`` of every article in the request's first user message."""
    first_user = next((str(m.get("content", "")) for m in request.get("messages", []) if m.get("role") == "user"), "")
    return ARTICLE_BLOCK.findall(first_user)


def first_sentence(text: str) -> str:
    match = _SENTENCE.search(text)
    return match.group(0).strip() if match else text.strip()


def extractive_draft(article_id: str, text: str) -> Draft:
    """A valid ``ArticleDraft``: one claim, its evidence the article's first sentence verbatim."""
    return {
        "headline_en": "A report from the article",
        "summary_en": "The outlet reports a development.",
        "claims": [{"text_en": "The outlet reports a development.", "evidence": [first_sentence(text)],
                    "attributed_to": "the outlet", "stance": "asserted"}],
        "entities": [], "places": [], "dates": [], "figures": [],
    }


def extractive_responder(draft: Callable[[str, str], Draft] = extractive_draft) -> Responder:
    """Answers every schema ``briefing`` asks for; ``draft(article_id, text)`` writes each summary."""

    def respond(request: dict[str, Any]) -> Reply:
        name = schema_name(request)
        user = next((str(m["content"]) for m in request["messages"] if m["role"] == "user"), "")
        answer: Any
        if name == "ArticleDraft":
            (aid, text), *_ = articles_in(request) or [("", user)]
            answer = draft(aid, text)
        elif name == "PackDraft":
            answer = {"articles": [{"article_id": aid, "summary": draft(aid, text)}
                                   for aid, text in articles_in(request)]}
        elif name == "MergeDraft":
            answer = {"headline_en": "A report from the article", "summary_en": "The outlet reports a development."}
        elif name == "HeadlinesDraft":
            answer = {"items": [{"id": i, "headline_en": "A report"} for i in _HEADLINE_ID.findall(user)]}
        elif name == "BriefingDraft":
            ids = _COMPOSE_ARTICLE.findall(user)
            claims = _COMPOSE_CLAIM.findall(user)
            answer = {"title": "The day's reports",
                      "bluf": [{"text_en": "The outlet reports a development.", "claim_ids": claims[:1]}],
                      "sections": [{"heading": "Reports", "summary_en": "The day's reports.", "article_ids": ids}]}
        else:
            return Reply({"error": {"message": f"no answer for schema {name!r}"}}, 400)
        return Reply(chat_completion(json.dumps(answer, ensure_ascii=False), request))

    return respond
