"""Hand-written reference answers (``seeds/reference-responses.yaml``), looked up per request.

Shared by the local test server (``server.reference_responder``) and the unit tests' scripted
completion, so both answer a request the same way: the compose call with the reference
briefing, a one-article call by the article id, a pack by the ids in its article markers.
"""

from __future__ import annotations

import re
from typing import Any

_ARTICLE_ID = re.compile(r"Article id: ([0-9a-f]{16})")
_MARKER = re.compile(r"^<<<ARTICLE ([0-9a-f]{16})>>>$", re.M)


class NoReference(LookupError):
    pass


def reference_answer(data: dict[str, Any], schema: str | None, first_user: str) -> Any:
    """The reference answer for a request, given its schema name and its first user message."""
    articles: dict[str, Any] = data["articles"]
    if schema == "BriefingDraft":
        return data["briefing"]
    if schema == "ArticleDraft":
        match = _ARTICLE_ID.search(first_user)
        if not match or match.group(1) not in articles:
            raise NoReference(f"no reference answer for this article: {first_user[:80]!r}")
        return articles[match.group(1)]
    if schema == "PackDraft":
        ids = _MARKER.findall(first_user)
        missing = [i for i in ids if i not in articles]
        if not ids or missing:
            raise NoReference(f"no reference answer for article(s) {', '.join(missing) or '(none found)'}")
        return {"articles": [{"article_id": i, "summary": articles[i]} for i in ids]}
    raise NoReference(f"no reference answers for schema {schema!r}")
