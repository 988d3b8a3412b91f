"""Arabic text normalization with an offset map back to the original.

``normalize`` folds what copying commonly changes: diacritics (tashkeel) and tatweel are
dropped; alef/hamza variants, alef maqsura/ya and ta marbuta/ha are unified; Arabic-Indic and
Persian digits become ASCII; quote marks, punctuation and runs of whitespace become one space.
Every character of the normalized string remembers the offset of the original character it
came from, so a match on the normalized form is reported as a span of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

_DROP = set(
    [chr(c) for c in range(0x064B, 0x0660)]  # tashkeel
    + [chr(c) for c in range(0x0610, 0x061B)]  # Quranic marks
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + ["\u0670", "\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ئ": "ي", "ی": "ي", "ؤ": "و", "ة": "ه", "ک": "ك",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)
    _FOLD[chr(0x06F0 + _i)] = str(_i)
_SPACE = set(" \t\r\n\u00a0\u2000\u2001\u2002\u2003\u2009\u202f")
_PUNCT = set(".,،؛;:!?؟\"'«»“”„‘’‹›()[]{}<>/\\|-–—_*…•·")


# Arabic presentation forms (text copied from PDFs: ﻋﺪﻥ for عدن) read as the letters they draw;
# the lam-alef ligatures, two letters in one code point, stay as they are (one character each way)
_PRESENTATION = {chr(c): n for c in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF))
                 if len(n := unicodedata.normalize("NFKC", chr(c))) == 1 and n != chr(c)}


def _kind(ch: str) -> str:
    """'' to drop, ' ' for a separator, else the folded character."""
    ch = _PRESENTATION.get(ch, ch)
    if ch in _DROP:
        return ""
    if ch in _SPACE or ch in _PUNCT:
        return " "
    return _FOLD.get(ch, ch.lower())


def normalize_reference(text: str) -> tuple[str, list[int]]:
    """``normalize`` one character at a time: the definition, kept for tests (30x slower)."""
    out: list[str] = []
    index: list[int] = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch in ".,٫٬" and 0 < i < last and _kind(text[i - 1]).isdigit() and _kind(text[i + 1]).isdigit():
            out.append("." if ch in ".٫" else ",")  # a decimal or thousands separator, not punctuation
            index.append(i)
            continue
        folded = _kind(ch)
        if not folded:
            continue
        if folded == " " and (not out or out[-1] == " "):
            continue
        out.append(folded)
        index.append(i)
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), index


@cache
def _code_table() -> tuple[Any, Any]:
    """For every BMP code point: the code point it folds to (0: dropped) and whether it is a digit."""
    import numpy as np

    lowered = [chr(c).lower() for c in range(0x10000)]
    table = np.fromiter((ord(low) if len(low) == 1 else c for c, low in enumerate(lowered)), np.uint32, 0x10000)
    table[0xD800:0xE000] = np.arange(0xD800, 0xE000, dtype=np.uint32)  # surrogates: as they are
    for ch in _DROP:
        table[ord(ch)] = 0
    for ch in _SPACE | _PUNCT:
        table[ord(ch)] = 0x20
    for ch, folded in _FOLD.items():
        table[ord(ch)] = ord(folded)
    for ch in _PRESENTATION:
        kind = _kind(ch)
        table[ord(ch)] = ord(kind) if kind else 0
    digit = np.fromiter((chr(c).isdigit() for c in range(0x10000)), bool, 0x10000)
    return table, digit[table] & (table != 0)


def normalize(text: str) -> tuple[str, list[int]]:
    """The normalized text and, for each of its characters, the original offset.

    Vectorized over the code points (numpy); the same result as ``normalize_reference``.
    """
    norm, index = _normalize_array(text)
    return norm, index.tolist()


def _normalize_array(text: str) -> tuple[str, Any]:
    import numpy as np

    table, digit = _code_table()
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    bmp = codes < 0x10000
    low = np.where(bmp, codes, 0)
    out = np.where(bmp, table[low], codes)
    is_digit = np.where(bmp, digit[low], False)
    if len(codes) > 2:  # decimal and thousands separators between digits stay, as . and ,
        sep = (codes == 0x2E) | (codes == 0x2C) | (codes == 0x66B) | (codes == 0x66C)
        between = np.zeros(len(codes), dtype=bool)
        between[1:-1] = sep[1:-1] & is_digit[:-2] & is_digit[2:]
        out = np.where(between, np.where((codes == 0x2C) | (codes == 0x66C), 0x2C, 0x2E), out)
    keep = np.flatnonzero(out)
    kept = out[keep]
    space = kept == 0x20
    prev_space = np.empty(len(kept), dtype=bool)
    if len(kept):
        prev_space[0] = True  # a leading separator is dropped
        prev_space[1:] = space[:-1]
    mask = ~(space & prev_space)
    kept, keep = kept[mask], keep[mask]
    if len(kept) and kept[-1] == 0x20:
        kept, keep = kept[:-1], keep[:-1]
    return kept.astype(np.uint32).tobytes().decode("utf-32-le"), keep


def fold(text: str) -> str:
    """``normalize(text)[0]``: the normalized text without the offset map."""
    return _normalize_array(text)[0]


def fold_words(words: Sequence[str]) -> dict[str, str]:
    """Each one-word string folded, in one pass: folding is vectorized, its set-up per call is not
    (the lexicon's and the gazetteer's tens of thousands of words)."""
    folded = fold(" ".join(words)).split(" ")
    if len(folded) != len(words):
        folded = [fold(w) for w in words]
    return dict(zip(words, folded, strict=True))


@lru_cache(maxsize=4096)
def _normalized(text: str) -> tuple[str, array[int]]:
    """Cached per text; the offsets as a compact array (a day's articles: 6 MB, not 60 MB of ints)."""
    norm, index = _normalize_array(text)
    return norm, array("l", index.astype("int64").tobytes())


def locate(quote: str, text: str, *, min_score: float = 92.0) -> tuple[int, int] | None:
    """The ``(start, end)`` span of ``quote`` in ``text``, or None if it is not there.

    Exact on the normalized form first; otherwise a fuzzy alignment that tolerates small copying
    differences (a dropped particle, a changed letter) but not a different quote.
    """
    q = fold(quote)
    if not q:
        return None
    norm, index = _normalized(text)
    pos = _word_find(norm, q)
    if pos is None:
        pos = _fuzzy_find(norm, q, min_score)
    if pos is None:
        return None
    start, end = pos
    o_start, o_end = _span(text, index, start, end)
    return _extend_punct(quote.strip(), text, o_start, o_end)


_ELLIPSIS = re.compile(r"\s*(?:\.\s?\.(?:\s?\.)*|…+)\s*")
PASSAGE = 600  # characters: how far apart the parts of a quote shortened with an ellipsis may lie


def locate_parts(quote: str, text: str) -> list[tuple[int, int]] | None:
    """The spans of a quote in ``text``: one span, or, for a quote shortened with an ellipsis
    ("A ... B", "A … B"), one span per part, found in order within one passage (``PASSAGE``
    characters from the end of one part to the start of the next). None if any part is missing."""
    parts = [p for p in _ELLIPSIS.split(quote) if len(fold(p)) >= 2]
    if len(parts) <= 1:
        found = locate(parts[0] if parts else quote, text)
        return None if found is None else [found]
    first = locate(parts[0], text)
    starts = [first] if first is not None else []
    q0 = fold(parts[0])
    norm, index = _normalized(text)
    pos = norm.find(q0)
    while pos != -1 and len(starts) < 20:  # every place the first part occurs, not only the first one
        o = _span(text, index, pos, pos + len(q0))
        if o not in starts:
            starts.append(o)
        pos = norm.find(q0, pos + 1)
    for start in starts:
        spans = [start]
        for part in parts[1:]:
            lo = spans[-1][1]
            window = text[lo:lo + PASSAGE + len(part) * 2]
            found = locate(part, window)
            if found is None:
                break
            spans.append((lo + found[0], lo + found[1]))
        if len(spans) == len(parts):
            return spans
    return None


def _word_find(norm: str, q: str) -> tuple[int, int] | None:
    """Prefer a match on word boundaries; fall back to any match."""
    first = None
    s = norm.find(q)
    while s != -1:
        e = s + len(q)
        if first is None:
            first = (s, e)
        if (s == 0 or norm[s - 1] == " ") and (e == len(norm) or norm[e] == " "):
            return (s, e)
        s = norm.find(q, s + 1)
    return first


def _fuzzy_find(norm: str, q: str, min_score: float) -> tuple[int, int] | None:
    if len(q) < 12:
        return None
    from rapidfuzz import fuzz

    result = fuzz.partial_ratio_alignment(q, norm, score_cutoff=min_score)
    if result is None:
        return None
    s, e = result.dest_start, result.dest_end
    if abs((e - s) - len(q)) > max(3, len(q) // 10):
        return None
    # widen to whole words
    while s > 0 and norm[s - 1] != " ":
        s -= 1
    while e < len(norm) and norm[e] != " ":
        e += 1
    return (s, e)


def _span(text: str, index: Sequence[int], start: int, end: int) -> tuple[int, int]:
    o_start = index[start]
    o_end = index[end - 1] + 1
    # include combining marks (tashkeel) that follow the last matched letter
    while o_end < len(text) and _kind(text[o_end]) == "":
        o_end += 1
    return o_start, o_end


def _extend_punct(quote: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Cover the quote marks or punctuation the quote itself starts or ends with."""
    lead = len(quote) - len(quote.lstrip("".join(_PUNCT)))
    trail = len(quote) - len(quote.rstrip("".join(_PUNCT)))
    while lead and start > 0 and text[start - 1] in _PUNCT:
        start, lead = start - 1, lead - 1
    while trail and end < len(text) and text[end] in _PUNCT:
        end, trail = end + 1, trail - 1
    return start, end


_ARABIC_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def has_arabic(text: str) -> bool:
    return _ARABIC_RE.search(text) is not None
