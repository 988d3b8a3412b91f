"""A bilingual lexicon: whether an English word translates one word of an Arabic name.

Translated names (World Food Programme = برنامج الأغذية, the Muslim Brotherhood = الإخوان) cannot be
checked by spelling. The FreeDict Arabic-English and English-Arabic dictionaries (Arabeyes' word
lists, 53,000 and 87,000 headwords, GPL; Debian's ``dict-freedict-ara-eng`` and
``dict-freedict-eng-ara``) say which English words an Arabic word may be translated by. They are
read from where Debian installs them, in dictd's format; without them the lexicon is empty and
nothing is accepted through it (the check is then only stricter).

Only one-word translations are kept, and a dictionary entry's senses are taken as they are: a word
with many senses (الإدارة: administration, management, rotating) accepts each of them. That is
why :func:`translates` is asked only of a model's own (Arabic, English) pair, whose Arabic form is
in the cited span, and never searches a span for any word that might translate a name.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .arabic import fold, fold_words

DICTD = Path("/usr/share/dictd")
ENG_ARA = "freedict-eng-ara"
ARA_ENG = "freedict-ara-eng"

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_CLITIC = re.compile(r"^(?:[وف]?(?:ب|ل|ك)?ال|[وف]?لل|[وف](?=\S{3}))")
_ARABIC_WORD = re.compile(r"^[\u0621-\u0652]{2,}$")
_ENGLISH_WORD = re.compile(r"^[a-z][a-z'-]+$")


def _number(b64: str) -> int:
    value = 0
    for ch in b64:
        value = value * 64 + _B64.index(ch)
    return value


def _entries(name: str, directory: Path) -> Iterable[tuple[str, list[str]]]:
    """(headword line, translation lines) of a dictd dictionary."""
    index, data = directory / f"{name}.index", directory / f"{name}.dict.dz"
    if not index.exists() or not data.exists():
        return
    raw = gzip.decompress(data.read_bytes())  # dictzip is gzip with a random-access table
    seen = set()
    for line in index.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        start, length = _number(parts[1]), _number(parts[2])
        if start in seen:
            continue
        seen.add(start)
        lines = raw[start:start + length].decode("utf-8", "replace").strip().splitlines()
        if lines:
            yield lines[0], [re.sub(r"^\d+\.\s*", "", t).strip() for t in lines[1:]]


def _core_folded(word: str) -> str:
    stripped = _CLITIC.sub("", word)
    return stripped if len(stripped) >= 2 else word


_SUFFIX = ("يات", "ات", "ون", "ين", "ان", "يه", "ه", "ي")


def stems(core_word: str) -> set[str]:
    """A core and the core less one ending of number, gender or nisba (العالمية, عالم: عالميه, عالم)."""
    found = {core_word}
    for suffix in _SUFFIX:
        if core_word.endswith(suffix) and len(core_word) - len(suffix) >= 3:
            found.add(core_word[:-len(suffix)])
            if suffix in ("يه", "ي", "يات"):
                break
    return found


def core(arabic_word: str) -> str:
    """A folded Arabic word without its conjunction, preposition and article: وللأغذية -> اغذيه."""
    return _core_folded(fold(arabic_word))


def _english_forms(word: str) -> set[str]:
    low = word.lower().strip("'’-")
    forms = {low}
    if low.endswith("ies") and len(low) > 4:
        forms.add(low[:-3] + "y")
    elif low.endswith("es") and len(low) > 4:
        forms |= {low[:-2], low[:-1]}
    elif low.endswith("s") and len(low) > 3:
        forms.add(low[:-1])
    return forms


@cache
def lexicon(directory: Path = DICTD) -> dict[str, frozenset[str]]:
    """English word (lower case, singular) -> the stems of the Arabic words it translates."""
    raw: list[tuple[str, str]] = []  # (English word, Arabic word)
    for head, senses in _entries(ENG_ARA, directory):
        english = head.split(" /")[0].strip().lower()
        if _ENGLISH_WORD.match(english):
            raw += [(english, sense) for sense in senses if _ARABIC_WORD.match(sense)]
    for head, senses in _entries(ARA_ENG, directory):
        arabic = head.split(" /")[0].strip()
        if _ARABIC_WORD.match(arabic):
            raw += [(sense.lower(), arabic) for sense in senses if _ENGLISH_WORD.match(sense.lower())]
    folded = fold_words(sorted({arabic for _, arabic in raw}))
    pairs: dict[str, set[str]] = defaultdict(set)
    for english, arabic in raw:
        for form in _english_forms(english):
            pairs[form] |= stems(_core_folded(folded[arabic]))
    return {english: frozenset(cores) for english, cores in pairs.items()}


def translates(english_word: str, arabic: str, directory: Path = DICTD) -> bool:
    """Whether ``english_word`` translates one word of the Arabic phrase ``arabic``, by the
    lexicon: Food and الأغذية, Programme and برنامج, Brotherhood and الإخوان."""
    words = lexicon(directory)
    known = {c for form in _english_forms(english_word) for c in words.get(form, ())}
    return bool(known) and any((stems(core(w)) | _bare_preposition(w, directory)) & known for w in fold(arabic).split())


def _bare_preposition(folded_word: str, directory: Path = DICTD) -> set[str]:
    """The stems of a word after a preposition without the article: لتنسيق (for coordinating) is
    ل + تنسيق; not a word the lexicon knows as it is (بطاقة is a card, not ب + طاقة)."""
    word = re.sub(r"^[وف]", "", folded_word)
    if len(word) >= 5 and word[0] in "بلك" and not word.startswith("ال") \
            and not stems(core(word)) & _arabic_stems(directory):
        return stems(word[1:])
    return set()


@cache
def _arabic_stems(directory: Path = DICTD) -> frozenset[str]:
    """Every Arabic stem the lexicon holds."""
    return frozenset(c for cores in lexicon(directory).values() for c in cores)
