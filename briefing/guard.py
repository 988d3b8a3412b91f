"""The closed-book guard: everything checkable in an English claim must be in its cited Arabic spans.

* numbers: digits (either script), Arabic number words (تسعة, عشرات, مئات, ...), scale words;
* dates: English and Arabic date expressions resolved against the publication date (``dates``);
* names: each capitalized English name must be supported through the registry, a small gloss of
  institutional words (Ministry -> وزارة), or transliteration similarity to a word of the span;
* polarity: a denial or negation in the source must not become an assertion, nor the reverse;
  a claim (زعم, ادعى) must not become a fact.

Each check returns problems, phrased for the model (re-ask) and for the analyst (the briefing).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from . import dates
from .arabic import fold
from .registry import Registry

# --------------------------------------------------------------------------- numbers

_EN_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "dozen": 12,
}
_VAGUE_EN = {"dozens": "tens", "tens": "tens", "scores": "tens", "hundreds": "hundreds", "thousands": "thousands",
             "millions": "millions"}
_SCALE_EN = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_AR_WORDS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "اثنتان": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8,
    "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10, "عشرين": 20, "عشرون": 20,
    "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "اربعون": 40, "خمسين": 50, "خمسون": 50, "ستين": 60,
    "ستون": 60, "سبعين": 70, "سبعون": 70, "ثمانين": 80, "ثمانون": 80, "تسعين": 90, "تسعون": 90,
    "مئه": 100, "مائه": 100, "مئتين": 200, "مئتان": 200, "مائتين": 200, "الف": 1000, "الفين": 2000,
    "الفان": 2000, "الفي": 2000, "نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3,
}
_AR_ORDINALS = {
    "اول": 1, "اولي": 1, "حادي": 1, "حاديه": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4,
    "رابعه": 4, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
    "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
}
_AR_TEENS = {"احد عشر": 11, "احدى عشره": 11, "اثنا عشر": 12, "اثني عشر": 12, "اثنتا عشره": 12}
_VAGUE_AR = {"عشرات": "tens", "مئات": "hundreds", "الاف": "thousands", "ملايين": "millions"}
_SCALE_AR = {"الف": 1e3, "الاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9, "بليون": 1e9,
             "ترليون": 1e12, "تريليون": 1e12}
_AR_WORDS = {fold(k): v for k, v in _AR_WORDS.items()}
_VAGUE_AR = {fold(k): v for k, v in _VAGUE_AR.items()}
_SCALE_AR = {fold(k): v for k, v in _SCALE_AR.items()}
_CLITIC = re.compile(r"^(?:و|ب|ل|ف|ك|ال|وال|بال)")

_EN_NUM = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion))?",
                     re.I)
_EN_WORD = re.compile(r"\b(" + "|".join(sorted(_EN_WORDS, key=len, reverse=True)) + r"|"
                      + "|".join(_VAGUE_EN) + r")\b(?:\s+(thousand|million|billion))?", re.I)


_EN_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\b\d{1,4}/\d{1,2}/\d{1,4}\b", re.I)


def english_numbers(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[tuple[str, float | str]]:
    """(as written, value) for each number in English text; vague quantities map to a class.

    Clock times and numeric dates (12:30, 7/10/1436) are not counted: they are not quantities."""
    skip = list(skip) + [m.span() for m in _EN_TIME.finditer(text)]
    out: list[tuple[str, float | str]] = []
    for m in _EN_NUM.finditer(text):
        if any(s <= m.start() < e for s, e in skip):
            continue
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALE_EN[m.group(2).lower()]
        out.append((m.group(0), value))
    for m in _EN_WORD.finditer(text):
        if m.group(1)[0].isupper() and m.start() > 0 and not text[:m.start()].rstrip().endswith((".", ":")):
            continue  # "the Two Holy Mosques": part of a name, not a count
        word = m.group(1).lower()
        if word in ("one",) and not m.group(2):
            continue  # "one of the ...": too often not a count
        if word in _VAGUE_EN:
            out.append((m.group(0), _VAGUE_EN[word]))
        else:
            value = float(_EN_WORDS[word]) * (_SCALE_EN[m.group(2).lower()] if m.group(2) else 1)
            out.append((m.group(0), value))
    return out


def arabic_numbers(folded: str) -> set[float | str]:
    """Every number an (already folded) Arabic span states: digits, words, vague quantities."""
    values: set[float | str] = set()
    for m in re.finditer(r"(\d+(?:[.,٫]\d+)?)\s*(\S+)?", folded):
        raw = m.group(1).replace("٫", ".")
        if "," in raw and len(raw.split(",")[1]) == 3:
            raw = raw.replace(",", "")
        raw = raw.replace(",", ".")
        value = float(raw)
        values.add(value)
        thousands = re.match(r"\s*(?:الاف|الف)\s*و\s*(\d{1,3})(?!\d)", folded[m.end(1):])
        if thousands:
            values.add(value * 1000 + float(thousands.group(1)))  # "3 آلاف و416" = 3,416
        if re.fullmatch(r"\d{1,3}\.\d{3}", raw):
            values.add(float(raw.replace(".", "")))  # "3.416": thousands grouped with a dot
        scale = _SCALE_AR.get(_CLITIC.sub("", m.group(2) or "")) or _SCALE_AR.get(m.group(2) or "")
        if scale:
            values.add(value * scale)
    words = folded.split()
    for i, word in enumerate(words):
        forms = {word, word[:-1] if word.endswith("ا") else word}  # ألفاً: accusative
        forms |= {_CLITIC.sub("", f) for f in forms if f not in _AR_WORDS}
        for w in forms:
            if w in _AR_WORDS:
                value = float(_AR_WORDS[w])
                values.add(value)
                nxt = _CLITIC.sub("", words[i + 1]) if i + 1 < len(words) else ""
                if nxt in _SCALE_AR or (i + 1 < len(words) and words[i + 1] in _SCALE_AR):
                    values.add(value * _SCALE_AR.get(nxt, _SCALE_AR.get(words[i + 1], 1)))
            if w in _VAGUE_AR:
                values.add(_VAGUE_AR[w])
            if w in _SCALE_AR:
                values.add(_SCALE_AR[w])
    if any(w.endswith(("تين", "تان", "يين")) or w in ("كلا", "كلتا")
           or (w.endswith("تي") and w not in ("التي", "اللتي", "حتي", "متي")) for w in words):
        values.add(2.0)  # the dual: المدينتين = the two cities
    for phrase, value in _AR_TEENS.items():
        if phrase in folded:
            values.add(float(value))
    # ordinals: السابعة = 7th, الحادية عشرة = 11th, الحادية والعشرين = 21st
    for i, word in enumerate(words):
        unit = _AR_ORDINALS.get(_CLITIC.sub("", word))
        if unit is None:
            continue
        values.add(float(unit))
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt in ("عشر", "عشره"):
            values.add(float(10 + unit))
        tens = _AR_WORDS.get(_CLITIC.sub("", nxt[1:])) if nxt.startswith("و") else None
        if tens and tens >= 20:
            values.add(float(unit + tens))
    # compound "خمسة وعشرين" = 25
    for m in re.finditer(r"(\S+) و(\S+)", folded):
        a, b = _AR_WORDS.get(_CLITIC.sub("", m.group(1))), _AR_WORDS.get(m.group(2))
        if a and b and a < 10 <= b:
            values.add(float(a + b))
    return values


def check_numbers(text_en: str, folded_spans: str, date_spans: list[tuple[int, int]]) -> list[str]:
    supported = arabic_numbers(folded_spans)
    problems = []
    for written, value in english_numbers(text_en, skip=date_spans):
        ok = value in supported
        if not ok and isinstance(value, float):
            ok = any(isinstance(v, float) and abs(v - value) < 1e-6 for v in supported)
        if not ok:
            problems.append(f"number '{written}' is not in the cited Arabic")
    return problems


# --------------------------------------------------------------------------- dates


def check_dates(text_en: str, spans: Sequence[str],
                published: dt.date | None) -> tuple[list[str], list[tuple[int, int]]]:
    en_dates = dates.resolve_english(text_en, published)
    ar_dates = [d for span in spans for d in dates.resolve_arabic(span, published)]
    problems = []
    for d in en_dates:
        if not dates.supports(d, ar_dates):
            where = f" ({d.iso})" if d.iso else ""
            why = "" if published or d.iso else "; the publication date is unknown"
            problems.append(f"date '{d.text}'{where} is not supported by the cited Arabic{why}")
    return problems, [(d.start, d.end) for d in en_dates]


# --------------------------------------------------------------------------- names

_STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "if", "of", "on", "in", "at", "by", "to", "for", "from", "with",
    "without", "into", "onto", "over", "under", "after", "before", "during", "while", "as", "since", "until",
    "than", "then", "there", "here", "this", "that", "these", "those", "it", "its", "he", "she", "they", "them",
    "their", "his", "her", "we", "our", "you", "i", "according", "also", "some", "all", "other", "another",
    "both", "each", "every", "many", "most", "more", "much", "several", "such", "no", "not", "nor", "only",
    "however", "meanwhile", "moreover", "although", "though", "when", "where", "which", "who", "whom", "whose",
    "what", "why", "how", "earlier", "later", "last", "next", "first", "second", "third", "new", "one", "two",
    "mr", "mrs", "ms", "dr", "gen", "gen.", "general", "maj", "lt", "col", "brig", "brigadier", "colonel",
    "major", "lieutenant", "staff", "sergeant", "captain", "capt", "sgt", "sheikh", "sheik", "prince", "king",
    "president", "minister", "spokesman", "spokeswoman", "commander", "chief", "head", "deputy", "sources",
    "source", "official", "officials", "media", "report", "reports", "reported", "local", "sunday", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "yesterday", "today", "tomorrow"
})
# institutional words: English -> folded Arabic stems, any of which must be in the span
_GLOSS = {
    "army": ["جيش", "الجيش"], "ministry": ["وزاره"], "minister": ["وزير"], "interior": ["داخلي"],
    "defense": ["دفاع"], "defence": ["دفاع"], "foreign": ["خارجي"], "health": ["صح"], "crown": ["عهد"],
    "division": ["فرق"], "brigade": ["لواء"], "council": ["مجلس"], "court": ["محكم"], "kingdom": ["مملك"],
    "gulf": ["خليج"], "arab": ["عرب"], "islamic": ["اسلامي"], "state": ["دول"], "coalition": ["تحالف"],
    "seventh": ["سابع"], "media": ["اعلام"], "forces": ["قوات", "قوه"], "popular": ["شعبي"],
    "mobilization": ["حشد"], "mobilisation": ["حشد"], "operations": ["عمليات"], "service": ["جهاز", "خدم"],
    "security": ["امن", "امني"], "police": ["شرط"], "front": ["جبه"], "city": ["مدين"],
    "province": ["محافظ", "ولاي", "اقليم"],
    "governorate": ["محافظ", "ولاي"], "district": ["قضاء", "حي"], "valley": ["وادي"], "river": ["نهر"],
    "heights": ["هضب"], "dam": ["سد"], "republic": ["جمهوري"], "national": ["وطني"], "united": ["متحد"],
    "nations": ["امم"], "red": ["احمر"], "crescent": ["هلال"], "civil": ["مدني"], "authority": ["هيئ", "سلط"],
    "company": ["شرك"], "programme": ["برنامج"], "program": ["برنامج"], "food": ["غذا", "اغذيه", "طعام"],
    "bank": ["بنك", "مصرف"], "university": ["جامع"], "hospital": ["مستشف"],
    "airport": ["مطار"], "eid": ["عيد"], "chamber": ["غرف"], "commerce": ["تجار"], "trade": ["تجار"],
    "education": ["تعليم"], "justice": ["عدل"], "finance": ["مالي"], "economy": ["اقتصاد"], "labor": ["عمل"],
    "labour": ["عمل"], "housing": ["اسكان"], "water": ["مياه", "ماء"], "electricity": ["كهرباء"],
    "municipality": ["امان", "بلدي"], "emirate": ["امار"], "region": ["منطق"], "north": ["شمال"],
    "northern": ["شمال"], "south": ["جنوب"], "southern": ["جنوب"], "east": ["شرق"], "eastern": ["شرق"],
    "west": ["غرب"], "western": ["غرب"], "central": ["وسط", "مركز"], "affairs": ["شوون", "شيون"],
    "directorate": ["مديري"], "agency": ["وكال"], "organization": ["منظم"], "organisation": ["منظم"],
    "committee": ["لجن"], "party": ["حزب"], "movement": ["حرك"], "air": ["جوي", "طيران"], "force": ["قو"],
    "guard": ["حرس"], "border": ["حدود", "حدودي"], "ramadan": ["رمضان"], "hajj": ["حج"], "umrah": ["عمر"],
    "grand": ["كبير", "اكبر"], "mosque": ["مسجد", "جامع"], "holy": ["مقدس", "حرم"], "communications": ["اتصال"],
    "information": ["معلومات", "اعلام"], "culture": ["ثقاف"], "transport": ["نقل"], "agriculture": ["زراع"],
    "energy": ["طاق"], "oil": ["نفط", "بترول"], "petroleum": ["بترول", "نفط"], "market": ["سوق"],
    "stock": ["اسهم", "مال"], "exchange": ["تداول", "بورص"], "general": ["عام"], "supreme": ["اعلي", "عليا", "العلي"],
    "royal": ["ملكي"], "high": ["عالي", "اعلي"], "school": ["مدرس"], "college": ["كلي"], "team": ["فريق"],
    "club": ["نادي"], "league": ["دوري", "جامع"], "cup": ["كاس"], "federation": ["اتحاد"], "union": ["اتحاد"],
    "human": ["انسان"], "rights": ["حقوق"], "prosecution": ["نياب", "ادعاء"], "public": ["عام"],
    "criminal": ["جزائي", "جنائي"], "specialized": ["متخصص"], "appeals": ["استئناف"], "shura": ["شوري"],
    "islamic state": ["داعش", "الدوله"], "international": ["دولي"], "counter-terrorism": ["مكافح"],
    "terrorism": ["ارهاب"], "arabia": ["عربي"], "druze": ["درز"], "sunni": ["سن"], "shiite": ["شيع"],
    "shia": ["شيع"], "muslim": ["مسلم"], "muslims": ["مسلم"], "christian": ["مسيح"], "kurdish": ["كرد"],
    "kurds": ["كرد"], "turkish": ["ترك"], "egyptian": ["مصر"], "jordanian": ["اردن"], "qatari": ["قطر"],
    "emirati": ["امارات"], "kuwaiti": ["كويت"], "bahraini": ["بحرين"], "omani": ["عمان"],
    "palestinian": ["فلسطين"], "european": ["اوروب"], "british": ["بريطان"], "french": ["فرنس"],
    "german": ["الماني"],
    "chinese": ["صين"], "indian": ["هند"], "pakistani": ["باكستان"],
}
_GLOSS = {word: [fold(stem) for stem in stems] for word, stems in _GLOSS.items()}
_NAME = re.compile(r"[A-Z][\w'’\-]*(?:\s+(?:(?:al|el|bin|ibn|bint|abu|abd|de|of|the|ez|ad|as|ash|an)[-\s]+)?"
                   r"[A-Z][\w'’\-]*)*")
_ARTICLE = re.compile(r"^(?:al|el|ez|ad|as|ash|an|ar|at|az|adh|ath)-", re.I)


def _skeleton_en(word: str) -> str:
    w = _ARTICLE.sub("", word.lower())
    w = re.sub(r"[^a-z]", "", w)
    w = re.sub(r"c(?=[eiy])", "s", w)  # soft c: Pearce -> بيرس
    for a, b in (("sh", "S"), ("kh", "k"), ("gh", "G"), ("th", "s"), ("dh", "d"), ("ph", "f"), ("ch", "S"),
                 ("q", "k"), ("c", "k"), ("x", "ks"), ("g", "j"), ("G", "g"), ("v", "f"), ("p", "b"), ("e", ""),
                 ("a", ""), ("i", ""), ("o", ""), ("u", ""), ("y", ""), ("w", ""), ("'", "")):
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


_AR_SKEL = {
    "ب": "b", "ت": "t", "ث": "s", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z", "س": "s",
    "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "پ": "b", "چ": "S", "گ": "g", "ڤ": "f",
}


def _skeleton_ar(word: str) -> str:
    w = re.sub(r"^(?:وال|بال|فال|لل|ال)(?=..)", "", word)
    w = re.sub(r"ه$", "", w)  # ta marbuta (folded to ha)
    return re.sub(r"(.)\1+", r"\1", "".join(_AR_SKEL.get(ch, "") for ch in w))


def _skeletons_ar(words: list[str]) -> set[str]:
    """Skeletons of a word sequence, with and without a leading clitic و/ب on its first word."""
    out = {"".join(_skeleton_ar(w) for w in words)}
    if words and words[-1].endswith("ه"):  # ta marbuta read as t: الحياة = Al-Hayat
        out.add("".join(_skeleton_ar(w) for w in words) + "t")
    if words and len(words[0]) > 3 and words[0][0] in "وبلف":
        out.add("".join(_skeleton_ar(w) for w in [words[0][1:], *words[1:]]))
    return out


_LOOSE = str.maketrans({"k": "h", "g": "h", "q": "h", "S": "s", "z": "d", "j": "h", "t": "d"})


def _translit_supported(name: str, folded_span: str) -> bool:
    """Whether the English name sounds like some 1-3 consecutive words of the span.

    Consonant skeletons on both sides, with loose classes (kh/h/g/q, s/sh/z, j, t/d) because
    transliterations of foreign names vary (بخاري = Buhari); an ``Abdel``-style fused article
    is also tried without it."""
    from rapidfuzz import fuzz

    target = "".join(_skeleton_en(w) for w in name.split()).translate(_LOOSE)
    if len(target) <= 1:
        return True
    targets = {target, target[:-1] if target.endswith("l") and len(target) > 2 else target}
    words = folded_span.split()
    for n in (1, 2, 3):
        for i in range(len(words) - n + 1):
            for cand in (c.translate(_LOOSE) for c in _skeletons_ar(words[i:i + n])):
                if cand in targets:
                    return True
                if len(target) >= 4 and len(cand) >= 3 and fuzz.ratio(cand, target) >= 75:
                    return True
    return False


@cache
def _common_words() -> frozenset[str]:
    """Lower-case English words (Webster's 2nd): a capitalized one in a claim is a translation
    (League, Passports), not a transliterated name, so transliteration cannot check it."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())


def _is_common(word: str) -> bool:
    low = word.lower()
    forms = [low, low.replace("co", "co-", 1) if low.startswith("co") else low]
    if low.endswith("ies"):
        forms.append(low[:-3] + "y")
    elif low.endswith("es"):
        forms += [low[:-2], low[:-1]]
    elif low.endswith("s"):
        forms.append(low[:-1])
    if low.endswith("ing"):
        forms += [low[:-3], low[:-3] + "e"]
    if low.endswith("ed"):
        forms += [low[:-2], low[:-1]]
    if low.endswith("ation"):
        forms += [low[:-5] + "ate", low[:-5] + "e"]
    common = _common_words()
    return any(form in common for form in forms)


def _gloss_ok(word: str, folded_span: str) -> bool | None:
    stems = _GLOSS.get(word.lower())
    if stems is None:
        return None
    return any(stem in folded_span for stem in stems)


def check_names(text_en: str, folded_span: str, registry: Registry) -> list[str]:
    problems = []
    for m in _NAME.finditer(text_en):
        phrase = re.sub(r"-[a-z][\w-]*", "", m.group(0)).rstrip(".").strip()  # "Washington-led" -> "Washington"
        words = phrase.split()
        at_start = m.start() == 0 or text_en[:m.start()].rstrip().endswith((".", ":", '"', "“"))
        if at_start and registry.by_english(words[0]) is None and _gloss_ok(words[0], folded_span) is None \
                and not _translit_supported(words[0], folded_span):
            words = words[1:]  # a capitalized sentence opener ("Besides", "Military"), not a name
        while words and words[0].lower().strip(".") in _STOP:
            words = words[1:]
        if not words:
            continue
        phrase = " ".join(words)
        problem = _check_phrase(phrase, folded_span, registry)
        if problem:
            problems.append(problem)
    return problems


def _check_phrase(phrase: str, folded_span: str, registry: Registry) -> str | None:
    words = [w.strip(".,'’") for w in phrase.split()]
    i = 0
    while i < len(words):
        # the longest registered name starting here
        for j in range(len(words), i, -1):
            sub = " ".join(words[i:j])
            entry = registry.by_english(re.sub(r"['’]s$", "", sub))
            if entry is not None:
                if not registry.supports(entry, folded_span):
                    return f"'{sub}' ({entry.english}) is not named in the cited Arabic"
                i = j
                break
        else:
            word = re.sub(r"['’]s$", "", words[i])
            low = word.lower()
            if low in _STOP or low in ("al", "el", "bin", "ibn", "abu", "abd", "of", "the") or not word:
                i += 1
                continue
            if word.isupper() and len(word) <= 5:
                i += 1
                continue  # an unregistered acronym (MP, PKK): nothing to transliterate
            gloss = _gloss_ok(word, folded_span)
            if gloss is False:
                return f"'{word}' is not supported by the cited Arabic"
            if gloss is None and not _translit_supported(word, folded_span) \
                    and not _is_common(_ARTICLE.sub("", word).split("-")[-1]):
                return f"name '{word}' is not in the cited Arabic"
            i += 1
    return None


# --------------------------------------------------------------------------- polarity

_AR_DENY = re.compile(r"(?<!\S)(?:و|ف)?(?:نفي|نفت|ينفي|تنفي|نافيا|نافيه|نفيا|نفوا|ينفون|ينفيان|تكذيب|كذبت|انكر|ينكر|"
                      r"انكرت)(?:ه|ها|هم)?(?!\S)")
_AR_NEG = re.compile(r"(?<!\S)(?:و|ف|ب)?(?:لم|لن|ليس|ليست|لا|عدم|دون|بدون|لسنا|لستم|ليسوا|لما)(?!\S)")
_AR_STILL = re.compile(r"(?<!\S)(?:و|ف)?(?:ما|لا)\s?(?:زال|زالت|يزال|تزال|يزالون|زالوا)(?!\S)")
_AR_HEDGE = re.compile(r"(?<!\S)(?:و|ف|ب|ل)?(?:زعم|زعمت|زعموا|يزعم|تزعم|مزاعم|المزاعم|المزعوم|مزعوم|المزعومه|مزعومه|"
                       r"ادعي|ادعت|ادعوا|يدعي|تدعي|ادعاء|الادعاء|ادعاءات|الادعاءات)(?:ه|ها|هم)?(?!\S)")
_EN_DENY = re.compile(r"\b(?:den(?:y|ied|ies|ying|ial)|reject(?:ed|s)?|refut(?:ed|es)|dismiss(?:ed|es))\b", re.I)
_EN_NEG = re.compile(r"\b(?:not|no|never|without|neither|nor|none|cannot|fail(?:ed|s)? to|refus(?:ed|es) to)\b|n't\b",
                     re.I)
_EN_HEDGE = re.compile(r"\b(?:claim(?:ed|s|ing)?|alleg(?:ed|edly|ations?|es)|purported(?:ly)?|so-called|"
                       r"accus(?:ed|ations?))\b", re.I)
# words that can carry an Arabic negation in a faithful English rendering ("لم يعد" -> "no longer",
# "عدم السماح" -> "prevent", "دون" -> "without", "لا يمكن" -> "impossible")
_EN_NEG_BROAD = re.compile(r"\b(?:not|no|never|without|neither|nor|none|cannot|n't|lack\w*|absen\w*|non-?\w*|fail\w*|"
                           r"refus\w*|prevent\w*|ban\w*|avoid\w*|stop\w*|halt\w*|unable|impossible|only|unless|"
                           r"except|unlikely|unknown|unclear|undisclosed|unidentified|unnamed|unconfirmed|inability|insufficient|"
                           r"nothing|nobody|nowhere|free of|barr\w*|forbid\w*|prohibit\w*|"
                           r"reject\w*|den\w+|rather than|instead|at least|no (?:less|fewer|more) than|"
                           r"un(?:paid|true|armed|settled|resolved|"
                           r"lawful|authori[sz]ed|licensed|documented|employed|able|known|clear|named|identified|"
                           r"disclosed|confirmed|likely))\b|n't\b", re.I)
_EN_STILL = re.compile(r"\b(?:still|remain(?:s|ed)?|continu(?:e|es|ed) to)\b", re.I)


def check_polarity(text_en: str, folded_span: str) -> list[str]:
    without_still = _AR_STILL.sub(" ", folded_span)  # ما زال / لا يزال mean "still", not a negation
    ar_deny = len(_AR_DENY.findall(folded_span))
    ar_neg = len(_AR_NEG.findall(without_still))
    ar_hedge = bool(_AR_HEDGE.search(folded_span))
    en_deny = len(_EN_DENY.findall(text_en))
    en_neg = len(_EN_NEG.findall(text_en))
    en_hedge = bool(_EN_HEDGE.search(text_en))
    problems = []
    if ar_deny and not (en_deny or en_neg):
        problems.append("the cited Arabic is a denial (نفى) but the claim asserts it")
    if en_deny and not ar_deny:
        problems.append("the claim says it was denied, but the cited Arabic contains no denial")
    elif en_neg > ar_neg + ar_deny:
        problems.append("the claim is negated where the cited Arabic is not")
    elif ar_neg > len(_EN_NEG_BROAD.findall(text_en)):
        problems.append("the cited Arabic is negated (لا/لم/لن/ليس/عدم) where the claim is not")
    if ar_hedge and not (en_hedge or en_deny):
        problems.append("the cited Arabic reports a claim or allegation (زعم/ادعى) but the claim states it as fact")
    return problems


# --------------------------------------------------------------------------- all of it


_AR_CONFIRM = re.compile(r"(?<!\S)(?:و|ف)?(?:اكد|اكدت|يوكد|توكد|موكدا|موكده|تاكيد|اكدوا|اكده)(?:ه|ها|هم)?(?!\S)")


# ways of denying without نفى: "عار عن الصحة", "لا أساس له", "غير صحيح", "مجرد شائعات"
_AR_DENY_BROAD = re.compile(r"عار(?:يه)? (?:من|عن) الصحه|لا اساس|غير صحيح|عدم صحه|شايعات|اشاعات|مغلوط|كاذب|ملفق|"
                            r"مفبرك|غير دقيق|لا صحه")


def check_stance(stance: str, folded_span: str) -> list[str]:
    """The reported stance must match the source: a denial needs one, a confirmation no denial."""
    if stance == "denied" and not (_AR_DENY.search(folded_span) or _AR_NEG.search(folded_span)
                                   or _AR_DENY_BROAD.search(folded_span)):
        return ["stance 'denied', but the cited Arabic contains no denial"]
    if stance == "confirmed" and _AR_DENY.search(folded_span) and not _AR_CONFIRM.search(folded_span):
        return ["stance 'confirmed', but the cited Arabic is a denial"]
    return []


def guard(text_en: str, spans: list[str], *, published: dt.date | None, registry: Registry,
          attributed_to: str | None = None, article_text: str = "", polarity: bool = True,
          stance: str | None = None) -> list[str]:
    """Problems of ``text_en`` against ``spans``. ``polarity=False`` for text that sums up several
    claims (a summary, a bottom-line sentence): its details are checked, its polarity is the claims'.

    Memoized: a claim checked while its draft is re-asked is checked again, unchanged, when the
    briefing is verified."""
    return list(_guard(text_en, tuple(spans), published, registry, attributed_to, article_text, polarity, stance))


@lru_cache(maxsize=16384)
def _guard(text_en: str, spans: tuple[str, ...], published: dt.date | None, registry: Registry,
           attributed_to: str | None, article_text: str, polarity: bool, stance: str | None) -> tuple[str, ...]:
    folded = " ".join(fold(s) for s in spans)
    date_problems, date_spans = check_dates(text_en, spans, published)
    problems = date_problems + check_numbers(text_en, folded, date_spans) + check_names(text_en, folded, registry)
    if polarity:
        problems += check_polarity(text_en, folded)
    if stance:
        problems += check_stance(stance, folded)
    if attributed_to:
        # who says it may be named anywhere in the article ("the agency said" after naming it once)
        context = fold(article_text) if article_text else folded
        problems += [f"attribution: {p}" for p in check_names(attributed_to, context, registry)]
    return tuple(problems)
