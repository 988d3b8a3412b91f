"""A local OpenAI-compatible latency simulator for benchmarks. It is not a model.

Each answer takes ``latency + per_token * output_tokens`` seconds and is schema-valid JSON built
from the request's own Arabic text, so the whole pipeline (validation, evidence location,
grounding, compose) runs: summaries quote real sentences of the article, headlines are
placeholders, the briefing frame cites the claim and article ids it was given. Token counts
use litellm's tokenizer for the model name given with --tokenizer (default gpt-4o-mini).

    python bench/simulator.py --port 18090 --latency 1.0 --per-token 0.0
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import threading
import time
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.server import OpenAIServer, Reply, schema_name

_ARTICLE = re.compile(r"<<<ARTICLE (\w+)>>>\n(.*?)\n<<<END ARTICLE \1>>>", re.S)
_SENTENCE = re.compile(r"[^.!?؟\n]{40,300}[.!?؟]")


CLAIM = "the article reports this development."
# what a competent model writes when the sentence is a denial or an allegation
VARIANTS = [(CLAIM, "asserted"), ("the article reports that this did not happen.", "asserted"),
            ("the outlet reports that this was alleged.", "asserted"), (CLAIM, "denied")]


def _claim_for(sentence: str, text: str) -> dict[str, Any] | None:
    """The first claim variant that passes the pipeline's own draft check with this sentence."""
    from briefing.models import Article, ArticleDraft, ChunkedArticle

    check = _draft_check()
    item = ChunkedArticle(article=Article(id="0" * 16, origin="sim", text=text), chunks=[])
    for text_en, stance in VARIANTS:
        claim = {"text_en": text_en, "evidence": [sentence], "attributed_to": "the outlet", "stance": stance}
        draft = ArticleDraft.model_validate({"headline_en": "h", "summary_en": "s", "claims": [claim]})
        if not check(item, draft):
            return claim
    return None


@cache
def _draft_check() -> Any:
    from briefing.verify import draft_problems

    return draft_problems


def article_draft(request: dict[str, Any]) -> dict[str, Any]:
    user = request["messages"][1]["content"]
    match = _ARTICLE.search(user)
    return _draft(match.group(2) if match else user)


def pack_draft(request: dict[str, Any]) -> dict[str, Any]:
    user = request["messages"][1]["content"]
    return {"articles": [{"article_id": m.group(1), "summary": _draft(m.group(2))} for m in _ARTICLE.finditer(user)]}


_DRAFTS: dict[str, dict[str, Any]] = {}  # text -> answer, filled ahead by "warm" (a provider's compute is not ours)


def _draft(text: str) -> dict[str, Any]:
    if text in _DRAFTS:
        return _DRAFTS[text]
    claims = []
    candidates = [*_SENTENCE.findall(text), text[:120], *(line[:200] for line in text.splitlines() if len(line) > 30)]
    for sentence in candidates:
        claim = _claim_for(sentence.strip(), text)
        if claim is not None:
            claims.append(claim)
        if len(claims) == 3:
            break
    if not claims:  # nothing checks out: the opening, which the pipeline will re-ask and then mark
        claims = [{"text_en": CLAIM, "evidence": [text[:120].strip()], "attributed_to": "the outlet",
                   "stance": "asserted"}]
    draft = {
        "headline_en": "simulated headline",
        "summary_en": "a simulated summary of the article.",
        "claims": claims,
        "entities": [], "places": [], "dates": [], "figures": [],
    }
    _DRAFTS[text] = draft
    return draft


def briefing_draft(request: dict[str, Any]) -> dict[str, Any]:
    user = request["messages"][1]["content"]
    claims = re.findall(r"^- \[([0-9a-f]{16}-c\d+)\]", user, re.M)
    articles = list(dict.fromkeys(re.findall(r"^Article ([0-9a-f]{16})", user, re.M)))
    return {
        "title": "simulated briefing",
        "bluf": [{"text_en": "a simulated bottom line.", "claim_ids": [c]} for c in claims[:3]] or
                [{"text_en": "nothing to report.", "claim_ids": ["none"]}],
        "sections": [{"heading": "all stories", "summary_en": "simulated.", "article_ids": articles}],
    }


def headlines_draft(request: dict[str, Any]) -> dict[str, Any]:
    ids = re.findall(r"^\[([0-9a-f]{16})\]", request["messages"][1]["content"], re.M)
    return {"items": [{"id": i, "headline_en": "simulated headline"} for i in ids]}


class Simulator:
    def __init__(self, latency: float, per_token: float, tokenizer: str) -> None:
        os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
        import litellm

        self.litellm = litellm
        self.latency = latency
        self.per_token = per_token
        self.tokenizer = tokenizer
        self.count("warm up")  # load the tokenizer now, not while the first requests wait
        self.lock = threading.Lock()
        self.log: list[dict[str, Any]] = []
        self.server: OpenAIServer | None = None  # set once serving: when each request came in

    def count(self, text: str) -> int:
        return int(self.litellm.token_counter(model=self.tokenizer, text=text))

    def __call__(self, request: dict[str, Any]) -> Reply:
        name = schema_name(request)
        builders = {"ArticleDraft": article_draft, "PackDraft": pack_draft, "BriefingDraft": briefing_draft,
                    "HeadlinesDraft": headlines_draft,
                    "MergeDraft": lambda r: {"headline_en": "simulated", "summary_en": "simulated."}}
        if name not in builders:
            return Reply({"error": {"message": f"simulator: unknown schema {name!r}"}}, 400)
        began = time.time()
        started = getattr(self.server.current, "arrived", None) if self.server else None
        started = started if started is not None else time.monotonic()
        content = json.dumps(builders[name](request), ensure_ascii=False)
        prompt = "".join(m["content"] for m in request["messages"]) + json.dumps(
            request.get("response_format") or {}, ensure_ascii=False)
        prompt_tokens, completion_tokens = self.count(prompt), self.count(content)
        # the answer takes latency + per-token time in all from the moment the request came in,
        # however long reading it and building the answer took here
        total = self.latency + self.per_token * completion_tokens
        spent = time.monotonic() - started
        delay = max(0.0, total - spent)
        user = request["messages"][1]["content"]
        story = re.search(r"Article id: ([0-9a-f]{16})", user)
        with self.lock:
            self.log.append({"schema": name, "story": story.group(1) if story else None, "delay_s": total,
                             "articles": max(1, len(_ARTICLE.findall(user))),
                             "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                             "t": time.time(), "began": began, "spent_s": round(spent, 4)})
        body = {
            "id": "sim", "object": "chat.completion", "created": 0, "model": request.get("model", "sim"),
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        }
        return Reply(body, delay_s=delay)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=18090)
    parser.add_argument("--latency", type=float, default=1.0, help="seconds per call")
    parser.add_argument("--per-token", type=float, default=0.0, help="seconds per output token")
    parser.add_argument("--tokenizer", default="gpt-4o-mini")
    parser.add_argument("--log", type=Path, help="write the per-call log here (JSON lines) on SIGTERM/exit")
    args = parser.parse_args()
    sim = Simulator(args.latency, args.per_token, args.tokenizer)
    with OpenAIServer(sim, port=args.port) as server:
        sim.server = server
        print(f"simulator ready at {server.base_url}", flush=True)
        try:
            for line in sys.stdin:  # "dump PATH" writes the log; "warm PATH" precomputes answers; EOF stops
                cmd = line.split()
                if cmd[:1] == ["warm"]:
                    for text in json.loads(Path(cmd[1]).read_text(encoding="utf-8")):
                        _DRAFTS[text] = _draft(text)
                    print("warmed", flush=True)
                if cmd[:1] == ["dump"]:
                    with sim.lock:
                        Path(cmd[1]).write_text("\n".join(json.dumps(e) for e in sim.log), encoding="utf-8")
                        sim.log.clear()
                    print("dumped", flush=True)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
