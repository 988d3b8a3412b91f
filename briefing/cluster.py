"""Cluster: ``Corpus`` -> ``StoryPlan``, before any LLM call.

The same wire story republished by several outlets becomes one story. Near-duplicates are found
with MinHash LSH (datasketch) over word 3-shingles of the normalized Arabic text (Jaccard >= 0.5),
then grouped by union-find. A story keeps every article and outlet; the text sent to the model
is the most complete article plus only the sentences the others add, each remembered with its
article and offsets, so evidence can be located in real articles.

Stories are ranked by a watchlist when one is given (topics, places, actors with Arabic and
English terms), otherwise by coverage (distinct outlets) and then length.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .arabic import fold
from .chunk import sentences
from .errors import UsageError
from .models import Article, Corpus, Provenance, Story, StoryPlan, StorySentence, StoryView, text_id
from .tomlfile import read_toml

NUM_PERM = 64
THRESHOLD = 0.5


def _shingles(folded: str) -> set[str]:
    words = folded.split()
    if len(words) < 3:
        return {folded}
    return set(map(" ".join, zip(words, words[1:], words[2:], strict=False)))


def _hash(shingle: str) -> int:
    return zlib.crc32(shingle.encode("utf-8"))  # C speed; datasketch's default is SHA-1


@dataclass(frozen=True)
class WatchTopic:
    name: str
    terms_ar: tuple[str, ...]
    terms_en: tuple[str, ...]
    weight: float = 1.0


def load_watchlist(path: Path) -> list[WatchTopic]:
    """``[[topic]]`` tables with ``name``, ``ar`` (Arabic terms), ``en`` (English terms), ``weight``."""
    data = read_toml(path, "watchlist")
    topics = []
    for n, raw in enumerate(data.get("topic", []), 1):
        if not raw.get("ar") and not raw.get("en"):
            raise UsageError(f"{path}: topic {n} has neither `ar` nor `en` terms")
        topics.append(WatchTopic(name=str(raw.get("name", f"topic {n}")), terms_ar=tuple(raw.get("ar", ())),
                                 terms_en=tuple(raw.get("en", ())), weight=float(raw.get("weight", 1.0))))
    return topics


def cluster(corpus: Corpus, watchlist: Sequence[WatchTopic] = ()) -> StoryPlan:
    from datasketch import MinHash, MinHashLSH

    articles = corpus.articles
    folded = [fold(a.text) for a in articles]
    shingles = [_shingles(f) for f in folded]
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    hashes = []
    first = MinHash(num_perm=NUM_PERM)  # the permutations are the same for all (seed 1): made once
    for i, sh in enumerate(shingles):
        m = MinHash(num_perm=NUM_PERM, hashfunc=_hash, permutations=first.permutations, scheme=first.scheme)
        m.update_batch(list(sh))
        hashes.append(m)
        lsh.insert(i, m)
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j != i and hashes[i].jaccard(hashes[j]) >= THRESHOLD:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(articles)):
        groups.setdefault(find(i), []).append(i)
    stories = [_story([articles[i] for i in members], [folded[i] for i in members], watchlist)
               for members in groups.values()]
    stories.sort(key=lambda s: (-s.score, -len(s.outlets), -s.length, s.id))
    return StoryPlan(stories=stories, method=f"MinHash LSH, {NUM_PERM} permutations, word 3-shingles, "
                                               f"Jaccard >= {THRESHOLD}")


def _story(members: list[Article], folded: list[str], watchlist: Sequence[WatchTopic]) -> Story:
    order = sorted(range(len(members)), key=lambda k: (-len(members[k].text), members[k].id))
    lead = members[order[0]]
    seen = set(_shingles(folded[order[0]]))
    extra: list[StorySentence] = []
    for k in order[1:]:
        article = members[k]
        for start, end in sentences(article.text):
            sh = _shingles(fold(article.text[start:end]))
            if len(article.text[start:end].split()) < 5 or len(sh & seen) >= 0.5 * len(sh):
                continue
            seen |= sh
            extra.append(StorySentence(article_id=article.id, start=start, end=end))
    outlets = sorted({a.source or a.origin.split("!")[0].split("#")[0] for a in members})
    length = len(lead.text) + sum(s.end - s.start for s in extra)
    hits = _hits(" ".join(folded), members, watchlist)
    return Story(id=lead.id, lead_id=lead.id, article_ids=[members[k].id for k in order], outlets=outlets,
                 extra=extra, length=length, score=sum(t.weight for t in watchlist if t.name in hits),
                 watch_hits=hits)


def _hits(folded: str, members: list[Article], watchlist: Sequence[WatchTopic]) -> list[str]:
    english = " ".join((a.title or "") for a in members).lower()
    return [t.name for t in watchlist
            if any(fold(term) in folded for term in t.terms_ar) or any(term.lower() in english for term in t.terms_en)]


def story_text(story: Story, articles: dict[str, Article]) -> str:
    """What the model reads: the lead article, then each sentence another outlet adds."""
    return story_view(story, articles).text


def story_view(story: Story, articles: dict[str, Article]) -> StoryView:
    """The story as the model reads it: the lead's text and metadata, then each added sentence;
    an id of its own (the hash of that text) and the provenance of every piece."""
    lead = articles[story.lead_id]
    if not story.extra:
        return StoryView(**lead.model_dump(), story_id=lead.id,
                         provenance=[Provenance(start=0, end=len(lead.text), article_id=lead.id, source_start=0)])
    text = lead.text.rstrip()
    provenance = [Provenance(start=0, end=len(text), article_id=lead.id, source_start=0)]
    text += "\n\n"
    for n, s in enumerate(story.extra):
        raw = articles[s.article_id].text[s.start:s.end]
        piece = raw.strip()
        if n:
            text += "\n"
        provenance.append(Provenance(start=len(text), end=len(text) + len(piece), article_id=s.article_id,
                                     source_start=s.start + len(raw) - len(raw.lstrip())))
        text += piece
    return StoryView(**{**lead.model_dump(), "id": text_id(text), "text": text}, story_id=lead.id,
                     provenance=provenance)
