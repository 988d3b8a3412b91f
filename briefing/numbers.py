"""Numbers in English claims and in Arabic spans, compared as values.

English: digits (``1,200``, ``3.5 million``), number words (``twenty``, ``two thousand``) and
vague counts (``dozens``, ``hundreds``). Arabic: digits in either script, cardinal phrases
(``ثلاثة وعشرون``, ``مئتين وخمسين``: read with pyarabic's ``text2number``), ordinals, fractions,
the dual, and vague counts (``عشرات``, ``مئات``, ``آلاف``).

The dual is the number two in Arabic morphology: a noun (``يومين``, ``جنديان``, ``المدينتين``),
a noun in construct (``جنديا الكتيبة``, ``جنديي الكتيبة``), a verb (``قُتلا``, ``يقاتلان``) or a
pronoun (``هما``, ``كلاهما``). It is recognised from its endings, generously: a claim's "two"
is a common faithful rendering, and no fabrication is likely to turn another number into two.

Vague counts are read conservatively, as ACLED codes them: ``عشرات`` (tens) supports "dozens",
"tens" and the number 10; ``مئات`` supports "hundreds" and 100; ``آلاف`` "thousands" and 1,000.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import islice

from .arabic import fold

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
    "مئه": 100, "مائه": 100, "مئتين": 200, "مئتان": 200, "مائتين": 200, "مائتان": 200,
    "مئتي": 200, "مائتي": 200, "مئتا": 200, "مائتا": 200, "الف": 1000, "الفين": 2000,
    "الفان": 2000, "الفي": 2000, "مليونان": 2e6, "مليونين": 2e6, "مليوني": 2e6,
    "ملياران": 2e9, "مليارين": 2e9, "ملياري": 2e9,  # (not ألفا/مليونا: also "60 ألفاً", the accusative)
    "نصف": 0.5, "ربع": 0.25, "ثلث": 1 / 3,
}
_TEEN_UNITS = {"احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2, "ثلاث": 3, "ثلاثه": 3,
               "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8,
               "ثمانيه": 8, "ثمان": 8, "تسع": 9, "تسعه": 9}
_AR_TEEN = re.compile(r"(?<!\S)[وب]?(" + "|".join(sorted(_TEEN_UNITS, key=len, reverse=True)) + r") عشر(?:ه)?(?!\S)")
_DECADES = {"عشرين": 20, "ثلاثين": 30, "اربعين": 40, "خمسين": 50, "ستين": 60, "سبعين": 70, "ثمانين": 80, "تسعين": 90}
_AR_DECADE = re.compile(r"(?<!\S)[وبل]?(?:ال)?(" + "|".join(_DECADES) + r")(?:يات|ات)(?!\S)")
_AR_ORDINALS = {
    "اول": 1, "اولي": 1, "حادي": 1, "حاديه": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4,
    "رابعه": 4, "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
    "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
}
# spans of time English gives as a count of a smaller unit, only with that unit after the English
# figure: نصف عام = six months, ربع قرن = 25 years, عقدين = 20 years, أسبوعين = 14 days (عقد is also "a
# contract" and "held", عقدين "two contracts": only after منذ, خلال ... or before من الزمن)
_TIME_BEFORE = r"(?<!\S)(?:منذ|خلال|طوال|طيله|قبل|بعد|لمده|مده|نحو|قرابه|حوالي|اكثر من|اقل من|زهاء) "
_PERIODS = [(re.compile(r"(?<!\S)[وب]?نصف (?:ال)?(?:عام|سنه)(?!\S)"), 6.0, "months?"),
            (re.compile(r"(?<!\S)[وب]?ربع (?:ال)?(?:عام|سنه)(?!\S)"), 3.0, "months?"),
            (re.compile(r"(?<!\S)[وب]?ربع (?:ال)?قرن(?!\S)"), 25.0, "years?"),
            (re.compile(r"(?<!\S)[وب]?نصف (?:ال)?قرن(?!\S)"), 50.0, "years?"),
            (re.compile(_TIME_BEFORE + r"(?:ال)?عقدين(?!\S)|(?<!\S)[وبل]?(?:ال)?عقدين من (?:الزمن|الزمان)"), 20.0,
             "years?"),
            (re.compile(r"(?<!\S)[وبل]?(?:ال)?عقد من (?:الزمن|الزمان)(?!\S)"), 10.0, "years?"),
            (re.compile(r"(?<!\S)[وبل]?(?:ال)?اسبوع(?:ين|ان)(?!\S)"), 14.0, "days?")]
_VAGUE_AR = {"عشرات": "tens", "مئات": "hundreds", "الاف": "thousands", "ملايين": "millions"}
_SCALE_AR = {"الف": 1e3, "الاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليين": 1e6,
             "مليار": 1e9, "مليارات": 1e9, "بليون": 1e9,
             "ترليون": 1e12, "تريليون": 1e12}
_AR_WORDS = {fold(k): v for k, v in _AR_WORDS.items()}
_VAGUE_AR = {fold(k): v for k, v in _VAGUE_AR.items()}
_SCALE_AR = {fold(k): v for k, v in _SCALE_AR.items()}
_WORD = re.compile(r"\S+")
_CLITIC = re.compile(r"^(?:و|ب|ل|ف|ك|ال|وال|بال)")

# a figure may carry a currency before it: SR325,000, US$5, QR10, €1.8 billion
_EN_NUM = re.compile(r"(?:(?<![\w.])|" + "|".join(f"(?<=\\b{c})" for c in ("SR", "QR", "AED", "Dh", "Rs", "EGP", "KD",
                                                                             "BD", "JD", "YR", "LL"))
                     + r")(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion))?", re.I)
_EN_TENS_UNITS = re.compile(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(one|two|three|four|five|six|"
                            r"seven|eight|nine)\b", re.I)
_EN_HUNDREDS = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine) hundred\b"
                          r"(?:\s+(thousand|million|billion|trillion))?", re.I)
_EN_WORD = re.compile(r"\b(" + "|".join(sorted(_EN_WORDS, key=len, reverse=True)) + r"|"
                      + "|".join(_VAGUE_EN) + r")\b(?:\s+(thousand|million|billion))?", re.I)


_EN_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|\b\d{1,4}/\d{1,2}/\d{1,4}\b", re.I)


def english_numbers(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[tuple[str, float | str]]:
    """(as written, value) for each number in English text; vague quantities map to a class.

    Clock times and numeric dates (12:30, 7/10/1436) are not counted: they are not quantities."""
    skip = list(skip) + [m.span() for m in _EN_TIME.finditer(text)]
    out: list[tuple[str, float | str]] = []
    for m in _EN_TENS_UNITS.finditer(text):  # "Thirty-five" is 35, not 30 and 5
        if not any(s <= m.start() < e for s, e in skip):
            out.append((m.group(0), float(_EN_WORDS[m.group(1).lower()] + _EN_WORDS[m.group(2).lower()])))
            skip.append(m.span())
    for m in _EN_HUNDREDS.finditer(text):  # "two hundred" is 200, "three hundred thousand" 300,000
        if not any(s <= m.start() < e for s, e in skip):
            scale = _SCALE_EN[m.group(2).lower()] if m.group(2) else 1
            out.append((m.group(0), float(_EN_WORDS[m.group(1).lower()] * 100 * scale)))
            skip.append(m.span())
    for m in _EN_NUM.finditer(text):
        if any(s <= m.start() < e for s, e in skip):
            continue
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALE_EN[m.group(2).lower()]
        out.append((m.group(0), value))
    for m in _EN_WORD.finditer(text):
        if any(s <= m.start() < e for s, e in skip):
            continue
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
    for m in re.finditer(r"(?<![\d.,])\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+(?![\d.,])", folded):
        values.add(float(re.sub(r"[.,]", "", m.group(0))))  # 1.311.017: thousands grouped with dots
    ranged = r"(?<!\S)(?:من|بين) (\d+(?:\.\d+)?) (?:الي|و|حتي) ?\d+(?:\.\d+)? (?:ال)?(الف|الاف|مليون|ملايين|مليار)"
    for m in re.finditer(ranged, folded):  # من 40 إلى 50 ألف: the first figure in thousands too
        values.add(float(m.group(1)) * _SCALE_AR[m.group(2)])
    for m in re.finditer(r"(?<!\S)(?:(\d+(?:\.\d+)?) )?(مليون|مليار|الف) ونصف(?!\S)", folded):
        size = {"مليون": 1e6, "مليار": 1e9, "الف": 1e3}[m.group(2)]
        values.add(float(m.group(1) or 1) * size + size / 2)  # مليون ونصف = 1.5 million
    for m in re.finditer(r"(?<!\S)(?:(\d+) )?(?:و?ال)?(مليار|مليون)(?:ا|ات)? ?و ?(\d+) (?:ال)?(مليون|ملايين|الف|الاف)",
                         folded):  # مليار و800 مليون = 1.8 billion; مليوناً و500 ألف = 1.5 million
        big, small = (1e9 if m.group(2) == "مليار" else 1e6), (1e6 if m.group(4).startswith("مل") else 1e3)
        if small < big:
            values.add(float(m.group(1) or 1) * big + float(m.group(3)) * small)
    # the word after a number is looked at, not consumed: "200 - 250", "5.2% في 2016 و5.4%"
    for m in re.finditer(r"(\d+(?:[.,٫]\d+)?)(?=\s*(\S+))?", folded):
        raw = m.group(1).replace("٫", ".")
        if "," in raw and len(raw.split(",")[1]) == 3:
            raw = raw.replace(",", "")
        raw = raw.replace(",", ".")
        value = float(raw)
        values.add(value)
        thousands = re.match(r"\s*(?:الاف|الفا|الف)\s*و\s*(\d{1,3})(?!\d)", folded[m.end(1):])
        if thousands:
            values.add(value * 1000 + float(thousands.group(1)))  # "3 آلاف و416" = 3,416
        millions = re.match(r"\s*(مليون|ملايين|مليار|مليارات)\s*و\s*(\d{1,3})\s*(الف|الاف)?(?!\S)", folded[m.end(1):])
        if millions:  # "53 مليون و653 ألف" = 53,653,000
            big = 1e9 if millions.group(1).startswith("مليار") else 1e6
            values.add(value * big + float(millions.group(2)) * (1e3 if millions.group(3) else 1))
        if re.fullmatch(r"\d{1,3}\.\d{3}", raw):
            values.add(float(raw.replace(".", "")))  # "3.416": thousands grouped with a dot
        words_after = [w.group(0) for w in islice(_WORD.finditer(folded, m.end(1)), 4)]  # lazily: no copy
        for k, word in enumerate(words_after):  # "(210) مائتين وعشرة ملايين": the figure, its words, a scale
            scale_word = _SCALE_AR.get(_CLITIC.sub("", word)) or _SCALE_AR.get(word)
            if scale_word and k and all(_AR_WORDS.get(_CLITIC.sub("", w)) or _AR_WORDS.get(w[1:] if w[:1] == "و" else w)
                                        for w in words_after[:k]):
                values.add(value * scale_word)
                break
        after = m.group(2) or ""
        scale = _SCALE_AR.get(_CLITIC.sub("", after)) or _SCALE_AR.get(after) or _SCALE_AR.get(after[:-1]) \
            if after else None  # 60 ألفاً: the accusative
        if scale:
            values.add(value * scale)
    words = folded.split()
    for i, word in enumerate(words):
        if word in _NOT_NUMBERS:
            continue  # لست (I am not), not ل + ست (six)
        forms = {word, word[:-1] if word.endswith("ا") else word}  # ألفاً: accusative
        forms |= {_CLITIC.sub("", f) for f in forms if f not in _AR_WORDS}
        forms |= {_CLITIC.sub("", f) for f in forms if f not in _AR_WORDS}  # بالمئات: ب, then ال
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
    if any(_is_dual(w, words[i + 1] if i + 1 < len(words) else "") for i, w in enumerate(words)):
        values.add(2.0)  # the dual: المدينتين = the two cities
    for m in _AR_TEEN.finditer(folded):  # ثلاثة عشر, اثنتي عشر (as the press writes it): 13, 12
        values.add(10.0 + _TEEN_UNITS[m.group(1)])
    for m in _AR_DECADE.finditer(folded):  # التسعينيات = the 1990s (of the twentieth century), not a year
        values.add(f"{_DECADES[m.group(1)] + 1900}s")
    # ordinals: السابعة = 7th, الحادية عشرة = 11th, الحادية والعشرين = 21st
    for i, word in enumerate(words):
        unit = _AR_ORDINALS.get(_CLITIC.sub("", word))
        if unit is None:  # والثاني: و, then ال
            unit = _AR_ORDINALS.get(_CLITIC.sub("", _CLITIC.sub("", word)))
        if unit is None:
            continue
        values.add(float(unit))
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt in ("عشر", "عشره"):
            values.add(float(10 + unit))
        tens = _AR_WORDS.get(_CLITIC.sub("", nxt[1:])) if nxt.startswith("و") else None
        if tens and tens >= 20:
            values.add(float(unit + tens))
            if " ".join(words[i + 2:i + 4]) in ("بعد المايه", "بعد الميه"):
                values.add(float(unit + tens + 100))  # الثاني والثلاثين بعد المائة = 132nd
    # compound "خمسة وعشرين" = 25
    for m in re.finditer(r"(\S+) و(\S+)", folded):
        a, b = _AR_WORDS.get(_CLITIC.sub("", m.group(1))), _AR_WORDS.get(m.group(2))
        if a and b and a < 10 <= b:
            values.add(float(a + b))
    return values


def unsupported_numbers(text_en: str, spans: Sequence[str], date_spans: list[tuple[int, int]]) -> list[str]:
    """The numbers of ``text_en`` (as written) that the spans do not state."""
    folded = " ".join(fold(s) for s in spans)
    supported = arabic_numbers(folded) | phrase_numbers(tuple(spans))
    out = []
    # عشرات is at least 10 (as ACLED codes it): "at least 10", "more than 100", never an exact "10"
    floors = {_VAGUE_FLOOR[v] for v in supported if isinstance(v, str) and v in _VAGUE_FLOOR}
    periods = [(value, unit) for pattern, value, unit in _PERIODS if pattern.search(folded)]
    for written, value in english_numbers(text_en, skip=date_spans):
        ok = value in supported
        if not ok and isinstance(value, float) and re.search(rf"(?<![\d.,]){re.escape(written)}s\b", text_en):
            ok = f"{int(value)}s" in supported  # the 1990s: a decade, stated as one
        if not ok:  # six months for نصف عام: the figure with its unit
            ok = any(value == v and re.search(rf"\b{re.escape(written)}[\s-]+{unit}\b", text_en, re.I)
                     for v, unit in periods)
        if not ok and isinstance(value, float):
            ok = any(isinstance(v, float) and abs(v - value) < 1e-6 for v in supported)
        if not ok and value in floors:
            ok = re.search(r"\b(?:at least|more than|over|upwards of|some)\s+" + re.escape(written), text_en,
                           re.I) is not None
        if not ok:
            out.append(written)
    return out


_NOT_NUMBERS = frozenset({"لست", "ولست", "فلست", "لسنا", "ولسنا", "لستم", "ولستم", "لستن"})
_VAGUE_FLOOR: dict[str, float] = {"tens": 10.0, "hundreds": 100.0, "thousands": 1000.0, "millions": 1e6}

# endings of the dual, on a word without its clitics and article: nouns (nominative ان, oblique
# ين, construct ا/ي before a definite noun), feminine تان/تين, verbs (ان after ي/ت, past ا)
_DUAL_NOT = frozenset(fold(w) for w in (
    "الذين", "اللذين", "اللتين", "الذي", "التي", "حين", "حتى", "متى", "بين", "دين", "عين", "سنين", "ملايين",
    "اين", "ماذا", "كان", "مكان", "زمان", "امان", "ايمان", "انسان", "لسان", "اعلان", "بيان", "ان", "الان", "اذا",
    "لبنان", "ايران", "سودان", "عمان", "اليونان", "يونان", "اذربيجان", "باكستان", "افغانستان", "كردستان",
    "رمضان", "شعبان", "ميدان", "عثمان", "سليمان", "سلمان", "عدنان", "حسين", "ياسين", "امين", "تكريت",
    "فلسطين", "البحرين", "بحرين", "الصين", "صين", "ميادين", "قوانين", "براهين", "مضامين", "عناوين", "دواوين",
    "سلاطين", "شياطين", "بساتين", "ثلاثين", "اربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين", "عشرين",
    "كلاهما", "بلدان", "شبان", "جيران", "ضيفان", "ديوان", "عنوان", "برلمان", "قران", "طهران", "عمران",
))
_PREFIX = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?")
# a dual in construct with a possessive pronoun: نجلاه, ونجليه (his two sons), اختيه, يداه, والديه.
# Only nouns that go in pairs with a possessor (kin, body), so that a root letter before the
# pronoun is not read as the dual (رأيه, مستواه, أخيه: his brother)
_POSSESSED_DUAL = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:(?:نجل|ابن|ابنت|بنت|زوجت|والد|اخت|شقيق|شقيقت|طفل|طفلت|حفيد|حفيدت|"
                             r"يد|رجل|قدم|اذن|كتف|ساق|ثلث)[اي]|(?:زوج|اخو|عين)ا)(?:ه|ها|هم|هما|هن|ك|كم|نا)$")
# (عينيه, زوجيه, اخويه are also عينية, زوجية, أخوية once ة is folded: only their nominative counts)


def _is_dual(word: str, following: str) -> bool:
    if word in ("كلا", "كلتا", "هما", "كلاهما", "كلتاهما", "اثنان", "اثنين", "اثنتان", "اثنتين") \
            or word.endswith(("هما", "تاهما")):
        return True  # هما / كلاهما / بينهما: they two
    if _POSSESSED_DUAL.match(word) or _PREFIX.sub("", word) in ("ثلثا", "ثلثي"):
        return True  # ثلثا / ثلثي السكان: two thirds
    if word in _DUAL_NOT or _PREFIX.sub("", word) in _DUAL_NOT:
        return False
    stem = _PREFIX.sub("", word)
    if len(stem) < 4 and re.match(r"^[وف][كلب]ال", word):  # وكالتا is وكالة in the dual, not و + ك + ال
        stem = re.sub(r"^(?:و|ف)?(?:ال)?", "", word)
    if len(stem) < 4:
        return False
    if stem.endswith(("تان", "تين", "يين")):
        return True  # المدينتين, الطرفين? (يين: also a plural; generous)
    if stem.endswith(("ان", "ين")) and len(stem) >= 5:
        return True  # يومين, جنديان, يقاتلان (also a sound plural in ين: generous)
    definite = re.match(r"^(?:و|ف)?(?:ب|ل|ك)?ال", word) is not None  # الكويتي: an adjective, not a dual
    if not definite and len(stem) >= 5 and ((stem.endswith("تا") and following)
                                            or (stem.endswith("تي") and following.startswith("ال"))):
        return True  # a feminine noun in construct: حالتا وفاة, منطقتي السدة
    # construct: جنديا الكتيبة / جنديي الكتيبة, a definite noun follows
    return stem.endswith(("ا", "يي")) and following.startswith("ال") and len(stem) >= 4 and not stem.endswith("اا")


# a preposition on the first number word: بثلاثة, لخمسة, بمليون
_NUMBER_CLITIC = re.compile(r"(?<!\S)(و?)[بلك](?=(?:ثلاث|أربع|اربع|خمس|ست|سبع|ثمان|تسع|عشر|مائ|مئ|ألف|الف|آلاف|"
                            r"مليون|ملايين|مليار|اثن|إثن|واحد|إحدى|احدى)\S*)")


@lru_cache(maxsize=4096)
def phrase_numbers(spans: tuple[str, ...]) -> frozenset[float]:
    """Cardinal phrases written in words (``ثلاثة وعشرون``, ``مئتين وخمسين``), read by pyarabic."""
    from pyarabic import number as ar_number

    out: set[float] = set()
    for span in spans:
        if not re.search(r"[\u0621-\u064A]{3}", span):
            continue
        span = re.sub(r"(?<!\S)[وف]?(?:لست|لسنا|لستم|لستن)(?!\S)", " ", span)  # "I am not", not ست (six)
        span = _NUMBER_CLITIC.sub(r"\1", span)  # بثلاثة آلاف وثمانمائة: pyarabic reads ثلاثة, not بثلاثة
        for phrase in ar_number.extract_number_phrases(span):
            try:
                value = ar_number.text2number(phrase)
            except (ValueError, KeyError, IndexError, TypeError):
                continue
            if value:
                out.add(float(value))
                if re.search(re.escape(phrase) + r"(?:\s+\S+)?\s+ونصف(?!\S)", span):
                    # and a half of its unit: ستمائة وخمسة عشر ونصف = 615.5, ستة ملايين ونصف = 6.5 million
                    unit = next((u for u in (1e9, 1e6, 1e3) if value >= u and value % u == 0), 1.0)
                    out.add(float(value) + unit / 2)
    return frozenset(out)
