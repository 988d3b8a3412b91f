"""Threads: a story that continues across days keeps one id.

A new day's story joins the thread of a story from the previous ``LINK_DAYS`` days when they
share enough of their content words and of the places they name (``score``, threshold
``LINK_THRESHOLD``, measured on the corpus days 2015-07-21..27: see README, "Across days").
Words are the story text folded (``arabic.fold``), clitics and the article stripped, stop words
and short words dropped: the ``WORDS`` most frequent. Names are the gazetteer's places found in
the text. The thread's id is the id of its first story; "day N" counts calendar days from it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from .arabic import fold

__all__ = ["LINK_DAYS", "LINK_THRESHOLD", "Index", "Link", "idf", "link", "score", "story_names", "story_words"]

LINK_DAYS = 7
LINK_THRESHOLD = 0.445  # measured: bench/results-threads.txt
WORDS = 60
_UNSEEN = 8.0  # the idf of a word no story of the window used
_CLITICS = re.compile(r"^(?:وال|بال|فال|كال|لل|ال|و|ف|ب|ل)(?=\S{3,})")
_STOP_TEXT = """
التي الذي الذين وقال وقالت قال قالت كان كانت يكون تكون هذا هذه ذلك تلك هناك حيث حتى بعد قبل خلال
عند على الى إلى من عن في مع بين منذ كما ايضا أيضا وأضاف اضاف واضاف واكد وأكد أكد اكد لدى عبر ضمن دون
غير بعض كل جميع اكثر أكثر اليوم امس أمس العام عام الماضي الجاري المقبل يوم الاحد الاثنين الثلاثاء
الاربعاء الخميس الجمعة السبت وزير وزارة رئيس مصدر مصادر مؤكدا مشيرا موضحا لافتا حسب وفق وفقا نحو
"""
_STOP = frozenset(fold(w) for w in _STOP_TEXT.split())


def _stem(word: str) -> str:
    return _CLITICS.sub("", word)


def story_words(text: str, limit: int = WORDS) -> list[str]:
    """The story's most frequent content words (folded, clitics stripped), most frequent first."""
    counts: Counter[str] = Counter()
    for raw in fold(text).split():
        word = _stem(re.sub(r"[^\u0621-\u064A]", "", raw))
        if len(word) >= 4 and word not in _STOP and raw not in _STOP:
            counts[word] += 1
    return [w for w, _ in counts.most_common(limit)]


@cache
def _places() -> dict[str, frozenset[str]]:
    """Folded Arabic place names of the gazetteer, by their first word (for a quick lookup)."""
    from .names import gazetteer

    by_first: dict[str, set[str]] = {}
    for forms in gazetteer().get("places", {}).values():
        for form in forms:
            folded = _stem(fold(form))
            if len(folded) >= 3:
                by_first.setdefault(folded.split()[0], set()).add(folded)
    return {k: frozenset(v) for k, v in by_first.items()}


def story_names(text: str) -> list[str]:
    """Gazetteer places the story names (folded Arabic), in order of first mention."""
    places = _places()
    words = [_stem(w) for w in fold(text).split()]
    found: dict[str, None] = {}
    for i, word in enumerate(words):
        for name in places.get(word, ()):
            size = name.count(" ") + 1
            if " ".join(words[i:i + size]) == name:
                found[name] = None
    return list(found)


IDF_MIN_STORIES = 50  # fewer stories than this are too few to weigh words by: unweighted


def idf(word_lists: Sequence[Sequence[str]]) -> dict[str, float] | None:
    """Inverse document frequency of each word (or place) over these stories: one that most stories
    use (يستقبل, خادم الحرمين; a gazetteer place that is also a common word, مدينه) says little
    about which story it is. None when there are too few stories to tell."""
    if len(word_lists) < IDF_MIN_STORIES:
        return None
    df: Counter[str] = Counter()
    for words in word_lists:
        df.update(set(words))
    n = len(word_lists)
    return {w: math.log((1 + n) / (1 + c)) for w, c in df.items()}


def score(words_a: Sequence[str], names_a: Sequence[str], words_b: Sequence[str], names_b: Sequence[str],
          weights: Mapping[str, float] | None = None, name_weights: Mapping[str, float] | None = None) -> float:
    """0..1: how much two stories share: a Jaccard of their content words, each weighted by its
    ``weights`` (idf; 1 when not given) at 0.7, and of their places (weighted by ``name_weights``)
    at 0.3 (when either names one)."""
    def jaccard(a: Sequence[str], b: Sequence[str], w: Mapping[str, float] | None) -> float:
        sa, sb = set(a), set(b)
        if not sa | sb:
            return 0.0
        if w is None:
            return len(sa & sb) / len(sa | sb)
        top = sum(w.get(x, _UNSEEN) for x in sa & sb)
        return top / sum(w.get(x, _UNSEEN) for x in sa | sb)

    text = jaccard(words_a, words_b, weights)
    if not names_a and not names_b:
        return text
    return 0.7 * text + 0.3 * jaccard(names_a, names_b, name_weights)


@dataclass(frozen=True)
class Candidate:
    """A story from an earlier day, as linking needs it."""

    day: dt.date
    story_id: str
    thread_id: str
    first_day: dt.date
    headline: str
    words: Sequence[str]
    names: Sequence[str]


@dataclass(frozen=True)
class Link:
    thread_id: str
    first_day: dt.date
    day_number: int
    previous: Candidate | None  # the earlier story it continues (None: a new thread)
    score: float


class Index:
    """The earlier stories, indexed by their less common words: a story is scored only against those
    sharing at least ``MIN_SHARED`` of them (a day of 1,100 stories against a week of 7,700 in
    seconds, not minutes). Two reports of one development share rarer words than that."""

    MIN_SHARED = 3
    COMMON = 0.02  # a word in more than this share of the earlier stories is not indexed (too common to tell)

    def __init__(self, earlier: Sequence[Candidate]) -> None:
        self.earlier = list(earlier)
        by_word: dict[str, list[int]] = {}
        for n, c in enumerate(self.earlier):
            for w in set(c.words):
                by_word.setdefault(w, []).append(n)
        limit = max(50, int(self.COMMON * len(self.earlier)))
        self.by_word = {w: ns for w, ns in by_word.items() if len(ns) <= limit}
        # each earlier story's word and place sets with their weight totals, filled as they are scored
        self.cache: dict[tuple[dt.date, str], tuple[tuple[frozenset[str], float], tuple[frozenset[str], float]]] = {}

    def near(self, words: Sequence[str]) -> list[Candidate]:
        shared: Counter[int] = Counter()
        for w in set(words):
            shared.update(self.by_word.get(w, ()))
        return [self.earlier[n] for n, k in shared.items() if k >= self.MIN_SHARED]


def _weighted(items: Sequence[str], weights: Mapping[str, float] | None) -> tuple[frozenset[str], float]:
    unique = frozenset(items)
    return unique, (sum(weights.get(x, _UNSEEN) for x in unique) if weights is not None else float(len(unique)))


def _jaccard(a: tuple[frozenset[str], float], b: tuple[frozenset[str], float],
             weights: Mapping[str, float] | None) -> float:
    """Weighted Jaccard from each side's precomputed total: shared / (total a + total b - shared)."""
    both = a[0] & b[0]
    shared = sum(weights.get(x, _UNSEEN) for x in both) if weights is not None else float(len(both))
    union = a[1] + b[1] - shared
    return shared / union if union > 0 else 0.0


def link(day: dt.date, story_id: str, words: Sequence[str], names: Sequence[str],
         earlier: Sequence[Candidate] | Index, threshold: float = LINK_THRESHOLD,
         weights: Mapping[str, float] | None = None, name_weights: Mapping[str, float] | None = None) -> Link:
    """The thread of one of ``day``'s stories: the best-scoring earlier story within LINK_DAYS at or
    over ``threshold`` (the most recent when tied), else a new thread named after this story.
    The same score as ``score``, with each side's totals computed once."""
    candidates = earlier.near(words) if isinstance(earlier, Index) else earlier
    cache = earlier.cache if isinstance(earlier, Index) else {}
    mine_w, mine_n = _weighted(words, weights), _weighted(names, name_weights)
    best: tuple[float, dt.date, Candidate] | None = None
    for c in candidates:
        if not (0 < (day - c.day).days <= LINK_DAYS):
            continue
        key = (c.day, c.story_id)
        if key not in cache:
            cache[key] = (_weighted(c.words, weights), _weighted(c.names, name_weights))
        theirs_w, theirs_n = cache[key]
        text = _jaccard(mine_w, theirs_w, weights)
        s = text if not names and not c.names else 0.7 * text + 0.3 * _jaccard(mine_n, theirs_n, name_weights)
        if s >= threshold and (best is None or (s, c.day) > (best[0], best[1])):
            best = (s, c.day, c)
    if best is None:
        return Link(thread_id=story_id, first_day=day, day_number=1, previous=None, score=0.0)
    c = best[2]
    return Link(thread_id=c.thread_id, first_day=c.first_day, day_number=(day - c.first_day).days + 1, previous=c,
                score=round(best[0], 3))
