"""Whether a Latin spelling can render an Arabic name: one (English, Arabic) pair, scored.

Transliterations of one Arabic name vary (Idriss Deby Itno, Idris Déby Itno: ادريس ديبي انتو),
so a name pair is not compared letter by letter but aligned: every Arabic letter is rendered by
one of the Latin spellings it has in practice (ش as sh, ch or sch; ج as j, g or dj; ق as q, k or g;
long vowels as the vowels or nothing), English short vowels and doubled letters are free, and
whatever is left over costs one. The cost per Arabic letter is the score, and :func:`renders`
accepts a pair whose score is below a threshold calibrated on the gazetteer's 35,000 place pairs
against the same pairs shuffled (see docs/grounding.md, "Name pairs"): most true pairs pass and
almost no chance pair does.

This is a check of one pair, the model's own (Arabic form, English name), not a search of a
sentence for anything that sounds alike: with one candidate, a chance match is rare, which is
why it may be looser than the sentence search in :mod:`briefing.names`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

THRESHOLD = 0.30  # cost per Arabic letter; calibrated by scripts/calibrate_spelling.py

_VOWEL = "aeiouy"
# How each (folded) Arabic letter is spelled in Latin letters, with a cost for the less usual ones.
_SPELLINGS: dict[str, tuple[tuple[str, float], ...]] = {
    "ا": (("a", 0), ("e", 0), ("i", 0.1), ("o", 0.1), ("u", 0.2), ("aa", 0), ("", 0.1)),
    "ب": (("b", 0), ("p", 0), ("bb", 0)),
    "ت": (("t", 0), ("tt", 0), ("th", 0.3), ("d", 0.6)),
    "ث": (("th", 0), ("s", 0), ("t", 0)),
    "ج": (("j", 0), ("g", 0), ("dj", 0), ("zh", 0.3), ("ge", 0), ("gi", 0.2), ("c", 0.3), ("y", 0.5)),
    "ح": (("h", 0), ("hh", 0), ("", 0.5)),
    "خ": (("kh", 0), ("h", 0.2), ("ch", 0.2), ("x", 0.3), ("k", 0.3)),
    "د": (("d", 0), ("dd", 0), ("t", 0.6)),
    "ذ": (("dh", 0), ("th", 0), ("z", 0), ("d", 0.2)),
    "ر": (("r", 0), ("rr", 0)),
    "ز": (("z", 0), ("s", 0.2), ("zz", 0)),
    "س": (("s", 0), ("ss", 0), ("c", 0.2), ("z", 0.3)),
    "ش": (("sh", 0), ("ch", 0), ("sch", 0), ("s", 0.5)),
    "ص": (("s", 0), ("ss", 0), ("c", 0.3)),
    "ض": (("d", 0), ("dh", 0), ("z", 0.3)),
    "ط": (("t", 0), ("tt", 0)),
    "ظ": (("z", 0), ("dh", 0), ("th", 0.2), ("d", 0.3)),
    "ع": (("", 0.1), ("'", 0)),
    "غ": (("gh", 0), ("g", 0.1), ("r", 0.5)),
    "ف": (("f", 0), ("ph", 0), ("v", 0), ("ff", 0)),
    "ق": (("q", 0), ("k", 0), ("g", 0.1), ("c", 0.2), ("ck", 0.2)),
    "ك": (("k", 0), ("c", 0), ("ck", 0), ("ch", 0.2), ("q", 0.3), ("kk", 0), ("g", 0.5)),
    "ل": (("l", 0), ("ll", 0)),
    "م": (("m", 0), ("mm", 0)),
    "ن": (("n", 0), ("nn", 0)),
    "ه": (("h", 0), ("", 0.1), ("a", 0), ("ah", 0), ("e", 0.1), ("at", 0.2)),
    "و": (("w", 0), ("o", 0), ("u", 0), ("ou", 0), ("oo", 0), ("v", 0.2), ("au", 0.1), ("eau", 0.1), ("", 0.3)),
    "ي": (("y", 0), ("i", 0), ("ee", 0), ("ie", 0), ("e", 0), ("ai", 0.1), ("ei", 0.1), ("ey", 0),
          ("ay", 0.1), ("", 0.3)),
    "ء": (("", 0), ("'", 0), ("a", 0.1)),
    "پ": (("p", 0),), "چ": (("ch", 0), ("tch", 0)), "گ": (("g", 0),), "ڤ": (("v", 0),),
    " ": (("", 0),),
}
# Two Arabic letters with one Latin spelling.
_PAIRS: dict[str, tuple[tuple[str, float], ...]] = {
    "كس": (("x", 0),), "كز": (("x", 0),), "تش": (("ch", 0), ("tch", 0), ("c", 0.2)), "دج": (("j", 0),),
    "ته": (("th", 0.1),),
}
_ARTICLE = (("al", 0), ("el", 0), ("il", 0.1), ("ul", 0.1), ("a", 0.2), ("", 0))


def _latin(name: str) -> str:
    name = name.replace("ı", "i")
    text = unicodedata.normalize("NFKD", name.lower())
    return re.sub(r"[^a-z']", "", "".join(c for c in text if not unicodedata.combining(c)))


def _insert(prev: str, ch: str) -> float:
    """What an English letter that renders no Arabic letter costs."""
    if ch == prev or ch == "'":
        return 0.05  # a doubled letter (Mohammed), an apostrophe
    if ch in _VOWEL:
        return 0.1  # a short vowel, which Arabic does not write
    if ch == "h":
        return 0.4  # a silent h (Shepherd, Ahmad)
    return 1.0


_SILENT = 0.3  # a final consonant French does not pronounce, and Arabic does not write
# French endings whose last consonant is silent (François = فرانسوا, Bordeaux = بوردو, Beauthier =
# بوتييه, Laurent = لوران, Bernard = برنار, Jules = جول, Georges = جورج); not a plain vowel + s, which
# Arabic names pronounce (Anas, Idris, Hamas, Younes), nor -ant, -und (Bryant, Akhund)
_FRENCH_END = re.compile(r"(?:(?<=[ao]i)s|(?<=[aeo][ua])x|(?<=ie)r|(?<=en)t|(?<=ar)d|(?<=[lr]g|ul|rl|qu)es)$")


def _silent_endings(name: str) -> frozenset[int]:
    """Positions (in ``_latin(name)``) of the letters of each word's French silent ending."""
    out: set[int] = set()
    at = 0
    for word in re.findall(r"[^\s-]+", name):
        latin = _latin(word)
        m = _FRENCH_END.search(latin)
        if m:
            out |= set(range(at + m.start(), at + m.end()))
        at += len(latin)
    return frozenset(out)


def cost(english: str, arabic: str) -> float:
    """The least cost of spelling the (folded) Arabic ``arabic`` as the English ``english``, per
    Arabic letter: 0 for a usual spelling, 1 for each letter that does not line up."""
    total, letters = _align(english, arabic)
    return total / letters if letters else float("inf")


def renders(english: str, arabic: str, threshold: float = THRESHOLD, *, whole: bool = False) -> bool:
    """Whether ``english`` is a plausible Latin spelling of the (folded) Arabic name ``arabic``:
    a low cost per letter, and at most one letter that does not line up in five (none in a name
    of four letters: Ahmed is not محمد). ``whole``: a name of several words aligned as one, where
    a letter that does not line up could fall in a short word (Ahmed Saleh is not محمد صالح), so
    one is allowed only past ten letters."""
    total, letters = _align(english, arabic)
    allowed = max(0, letters - 4) // 6 if whole else letters // 5
    return letters > 0 and total <= threshold * letters and total < 1.0 + allowed


@lru_cache(maxsize=8192)
def _align(english: str, arabic: str) -> tuple[float, int]:
    """The least total cost of the alignment, and the number of Arabic letters to spell."""
    e = _latin(english)
    silent = _silent_endings(english)
    a = re.sub(r"\s+", " ", arabic.strip())
    n, m = len(e), len(a)
    # the letters to spell: an article is free to drop (al-Udayn, Udayn), so it does not count
    letters = len(re.sub(r"(?:^| )ال(?=\S{3})", "", a).replace(" ", ""))
    if not e or not letters:
        return float("inf"), letters
    inf = float("inf")
    dp = [[inf] * (m + 1) for _ in range(n + 1)]
    dp[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = dp[i][j]
            if here == inf:
                continue
            if i < n:  # an English letter rendering nothing
                step = here + (_SILENT if i in silent else _insert(e[i - 1] if i else "", e[i]))
                if step < dp[i + 1][j]:
                    dp[i + 1][j] = step
            if j == m:
                continue
            options: list[tuple[int, tuple[tuple[str, float], ...]]] = []
            if a.startswith("ال", j) and (j == 0 or a[j - 1] == " ") and m - j > 3:
                options.append((2, _ARTICLE))
            if a[j:j + 2] in _PAIRS:
                options.append((2, _PAIRS[a[j:j + 2]]))
            options.append((1, _SPELLINGS.get(a[j], ())))
            for width, spellings in options:
                for spelling, c in spellings:
                    if e.startswith(spelling, i):
                        k = i + len(spelling)
                        if here + c < dp[k][j + width]:
                            dp[k][j + width] = here + c
            if a[j] != " ":  # a letter that does not line up: dropped, or another letter for it
                if here + 1.0 < dp[i][j + 1]:
                    dp[i][j + 1] = here + 1.0
                if i < n and here + 1.0 < dp[i + 1][j + 1]:
                    dp[i + 1][j + 1] = here + 1.0
    return dp[n][m], letters
