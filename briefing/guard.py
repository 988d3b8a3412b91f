"""The closed-book guard: everything checkable in an English claim must be in its cited Arabic spans.

* numbers (``numbers``): digits, number words, the dual, vague counts;
* dates (``dates``): English and Arabic date expressions resolved against the publication date;
  a month alone, a weekday and a year are always checked;
* names (``names``): registry, gazetteer, meaning, the model's own pairs, transliteration;
* polarity: a denial or negation in the source must not become an assertion, nor the reverse;
  a claim (زعم, ادعى) must not become a fact; a verb must not become its opposite (killed ->
  survived, began -> postponed); a bound (لا يتجاوز, لا يقل) must stay a bound;
* speakers: an institution the claim makes its speaker ("the Houthis said") must speak in the
  span (a verb of saying, بحسب, بيان), or in a sentence of context that ``verify`` adds.

``check`` returns ``Problem``s that name their detail, so that ``verify`` can look for a detail
elsewhere in the article; ``guard`` their messages, phrased for the model (re-ask) and for the
analyst (the briefing).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from . import dates
from .arabic import fold
from .names import NameProblem, check_names, is_institution
from .numbers import english_numbers, unsupported_numbers
from .registry import Registry

__all__ = ["Problem", "check", "english_numbers", "guard"]

ProblemKind = Literal["number", "date", "name", "polarity", "stance", "attribution"]
# details a reader can be shown elsewhere in the article (the middle status); the others must be
# in the cited span itself
CONTEXT_KINDS: frozenset[str] = frozenset({"number", "date", "name"})


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    detail: str  # the English detail at fault ('3', 'July', 'Aleppo'); '' for polarity and stance
    message: str
    part: str = ""  # of a name: the word(s) at fault ('Defense' of 'Saudi Defense Minister ...')

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------- dates


def check_dates(text_en: str, spans: Sequence[str], published: dt.date | None) -> tuple[list[Problem],
                                                                                      list[tuple[int, int]]]:
    en_dates = dates.resolve_english(text_en, published)
    ar_dates = [d for span in spans for d in dates.resolve_arabic(span, published)]
    problems = []
    for d in en_dates:
        if not dates.supports(d, ar_dates):
            where = f" ({d.iso})" if d.iso else ""
            why = "" if published or d.iso else "; the publication date is unknown"
            message = f"date '{d.text}'{where} is not supported by the cited Arabic{why}"
            problems.append(Problem("date", d.text, message))
    return problems, [(d.start, d.end) for d in en_dates]


# --------------------------------------------------------------------------- polarity

def _ar_words(words: Sequence[str], suffix: str = "") -> re.Pattern[str]:
    """Whole (folded) Arabic words, after an optional و/ف and before an optional ``suffix``."""
    return re.compile(r"(?<!\S)[وف]?(?:" + "|".join(map(re.escape, map(fold, words))) + ")" + suffix + r"(?!\S)")


_AR_DENY = re.compile(r"(?<!\S)(?:و|ف)?(?:نفي|نفت|ينفي|تنفي|نافيا|نافيه|نفيا|نفوا|ينفون|ينفيان|تكذيب|كذبت|انكر|ينكر|"
                      r"انكرت|انكروا|انكرا|ينكرون|تنكر|دحض|دحضت|يدحض|تدحض|فند|فندت|يفند|تفند|مفندا)(?:ه|ها|هم)?(?!\S)")
# ruling out (استبعد) is how a party denies a prospect: "ruled out a kidnapping"
_AR_RULE_OUT = _ar_words(["استبعد", "استبعدت", "يستبعد", "تستبعد", "استبعدوا", "يستبعدون", "مستبعدا", "مستبعده"])
# a party saying something is not so, in the words right after the verb of saying: أكد عدم وجود
_AR_SAID_NOT = re.compile(r"(?<!\S)[وف]?(?:اكد|اكدت|قال|قالت|اوضح|اوضحت|اشار|اشارت|ذكر|ذكرت|افاد|افادت)(?:وا|ا)?"
                          r" (?:\S+ ){0,3}(?:لم|لن|لا|ليس|ليست|عدم)(?!\S)|"
                          # a quote that opens on what was said (إن ...) and says it was not so
                          r"^[وف]?(?:ان|انه|انها|بان|بانه|بانها) (?![وف]?(?:لم|لا)(?!\S))(?:\S+ ){0,12}?"
                          r"(?<!الذي )(?<!التي )(?<!الذين )[وف]?(?:لم|لن|ليس|ليست)(?!\S)(?! يسبق)")
# a rejection, or a plea of innocence, is a party's denial (stance "denied")
_AR_REJECT = _ar_words(["رفض", "رفضت", "يرفض", "ترفض", "رفضه", "رفضها", "رفضوا", "ببراءته", "ببراءتها", "براءته",
                        "براءتها"])
# the prosecution (الادعاء العام), not an allegation
_AR_PROSECUTION = re.compile(r"(?:هيئه )?(?:التحقيق و)?(?:ال)?ادعاء (?:العام|الملكي|الملكيه)|هيئه الادعاء|"
                             r"(?:ال)?مدعي (?:ال)?عام")
_AR_NEG = re.compile(r"(?<!\S)(?:و|ف|ب)?(?:لم|لن|ليس|ليست|لا|دون|بدون|لسنا|لستم|ليسوا)(?!\S)|"
                     r"(?<!\S)(?:و|ف|ب|ل)?عدم(?!\S)")
_AR_STILL = re.compile(r"(?<!\S)(?:و|ف)?(?:ما|لا)\s?(?:زال|زالت|يزال|تزال|نزال|ازال|يزالون|زالوا|زلنا|زلت)(?!\S)")
_AR_HEDGE = re.compile(r"(?<!\S)(?:و|ف|ب|ل)?(?:زعم|زعمت|زعموا|يزعم|تزعم|مزاعم|المزاعم|المزعوم|مزعوم|المزعومه|مزعومه|"
                       r"ادعي|ادعت|ادعوا|يدعي|تدعي|ادعاء|الادعاء|ادعاءات|الادعاءات)(?:ه|ها|هم)?(?!\S)")
_AR_DRONE = re.compile(r"(?:بلا|بدون|دون) طيار")
# لا تبعد before a distance: "is no further than", "within" (لم تبعد السلطات is "did not deport")
_DISTANCE = r"(?<!\S)[وف]?لا (?:يبعد|تبعد)(?=\s+(?:\S+\s+)?(?:\d|عن(?!\S)|سوي|اكثر|مسافه))"
# لا and دون in phrases that negate nothing: لا سيما (especially), لا بد (must), دون سن (under the
# age of), لا يتجاوز / لا يتعدى / لا يزيد عن (up to, at most), لا تبعد (within)
_AR_NOT_NEGATING = re.compile(r"(?<!\S)[وف]?(?:لا ?سيما|لا ?بد|لا شك|(?:من )?(?:ب)?دون شك|بلا شك|لا محاله|"
                              r"ما دون|دون سن|"
                              r"(?:لا|لم|لن) (?:يتجاوز|تتجاوز|يتعدي|تتعدي|يزيد|تزيد|يقل|تقل))(?!\S)|" + _DISTANCE)
# the English of those bounds: "not exceed", "no more than", "not less than"
_EN_BOUND = re.compile(r"\b(?:(?:would|will|did|does|do|shall|should|could|can)(?:n't| not) |not )"
                       r"(?:exceed\w*|surpass\w*|top|(?:be )?(?:more|less|fewer|longer|shorter) than)\b|"
                       r"\bno (?:more|less|fewer|longer|shorter) than\b", re.I)
# a prohibition (يحظر، يمنع) is what "may not" renders
_AR_FORBID = _ar_words(["يحظر", "تحظر", "يمنع", "تمنع", "يحرم", "تحرم", "ممنوع", "محظور", "حظر", "منع"],
                       "(?:ه|ها|هم|ون|ان|ات|ت)?")
# Arabic that an English "not" may render without being a negation word of its own: ألا before a
# verb (أن لا: اختاروا ألا يكونوا, chose not to be; not the لا ... إلا of a restriction). Only ever an
# allowance for the claim's "not", never a negation the claim must render. (غير + a participle, غير
# محظور "not banned", was measured as one too and not kept: the claims that render it "unknown",
# "illegal" then let an inserted "not" through, 8 negation fabrications missed for 2 false alarms.)
_AR_NOT_ALLOWED = re.compile(r"(?<!\S)[وف]?(?:علي )?الا (?=[يتن]\S{2,})")
# a verb that says "could not" by itself: تعذر حضوره (he could not attend), يستحيل (it is impossible)
_AR_COULD_NOT = re.compile(r"(?<!\S)[وف]?(?:تعذر|يتعذر|تتعذر|لتعذر|بتعذر|استحال|يستحيل|تستحيل|استحاله)(?!\S)")
_EN_COULD_NOT = re.compile(r"\b(?:could|can)(?:n't| not)\b|\bcannot\b|\bcan't\b", re.I)
# a prohibition lifted, cancelled or broken: رفع حظر, إلغاء قرار منع (no "may not" then)
_AR_FORBID_LIFTED = re.compile(r"(?<!\S)[وف]?(?:رفع|برفع|الغاء|بالغاء|الغت|الغي|انهاء|بانهاء|تعليق|خرق|تخفيف)"
                               r"(?: \S+){0,4} (?:ال)?(?:حظر|منع)")
# a prohibition only proposed, sought, studied or threatened: تدرس منع, يسعى إلى حظر, طالب بحظر
_AR_FORBID_PROPOSED = re.compile(r"(?<!\S)[وف]?(?:تدرس|يدرس|دراسه|يسعي|تسعي|سعي|طالب|طالبت|طالبوا|يطالب|تطالب|مطالبه|"
                                 r"دعا|دعت|دعوا|يدعو|تدعو|هدد|هددت|يهدد|تهدد|يعتزم|تعتزم|اقترح|اقترحت|مقترح|مشروع|"
                                 r"تنوي|ينوي|تبحث|يبحث)(?: \S+){0,4} (?:[بل]|الي |ب?ال)?(?:حظر|منع)")
_EN_MAY_NOT = re.compile(r"\b(?:may|must|shall|should|can) not\b|\bcannot\b|\bnot (?:be )?(?:allowed|permitted)\b",
                         re.I)
# a bound in the span must stay one in the claim: لا يتجاوز (at most) and لا يقل (at least)
# a negation closed by إلا is a restriction, "only" (لن تزيد الجنود إلا عزيمة: will only strengthen
# their resolve; لم يبق إلا: only ... remains); حال دون is a verb, "prevented", as "refused to" is
_AR_ONLY = re.compile(r"(?<!\S)[وف]?(?:لا|لم|لن|ما|ليس|ليست)(?=(?:\s+(?![وف]?(?:لا|لم|لن|ما|ليس|ليست)(?!\S))\S+){1,8}?"
                      r"\s+[وف]?الا(?!\S)(?!\s+(?:ان|انه|انها|انهم|انني|اننا)(?!\S)))")  # إلا أن: "however"
_EN_ONLY = re.compile(r"\b(?:only|just|solely|merely|nothing but|none but|except|but for)\b", re.I)
_EN_PREVENT = re.compile(r"\b(?:prevent\w*|avert\w*|stopp?\w*|block\w*|thwart\w*|hinder\w*|foil\w*|"
                         r"obstruct\w*|impede\w*)\b", re.I)
_AR_PREVENT = re.compile(r"(?<!\S)[وف]?(?:حال|حالت|حالوا|يحول|تحول|يحولون|للحيلوله|الحيلوله|حيلوله) دون(?!\S)")
# لا A ولا B: one negation of two things ("not A or B"), not two negations
_AR_NOR = re.compile(r"(?<!\S)(?:[وف]?(?:لا|لم|لن|ليس|ليست)|ولا)(?:\s+\S+){1,5}?\s+(?=ولا\s+(?![يتنا]\S{2,}))")
_AR_AT_MOST = re.compile(r"(?<!\S)[وف]?(?:لا|لن|لم) (?:يتجاوز|تتجاوز|يتعدي|تتعدي|يزيد|تزيد)(?!\S)|" + _DISTANCE)
# a range states both bounds: "3,000 to 10,000 riyals" for لا تقل عن ثلاثة آلاف ولا تزيد على عشرة آلاف
_NUM = r"[$€£]?(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|hundred)"
_EN_RANGE = re.compile(rf"\bbetween {_NUM}(?: \w+)? and {_NUM}|\bfrom {_NUM}(?: \w+)? to {_NUM}|"
                       r"\d\s*(?:to|-|–)\s*[$€£]?\d", re.I)
# verbs that say "not" by themselves: تغيب عن / غاب عن (did not attend), امتنع عن (refrained: did not)
_AR_NEG_VERBS = re.compile(r"(?<!\S)[وف]?(?:تغيب|غاب|يتغيب|تتغيب|يغيب|امتنع|يمتنع|تمتنع)(?:وا|ت)?"
                           r"(?:\s+\S+){0,5}?\s+عن(?!\S)")
_EN_NOT_ATTEND = re.compile(r"\b(?:not|n't|never)\s+(?:\w+\s+)?(?:attend\w*|take part|took part|participat\w*|"
                            r"comment\w*|vote\w*|show up|appear\w*|be present|join\w*|turn up)\b", re.I)
_EN_ABSENT = re.compile(r"\b(?:absen\w*|refrain\w*|abstain\w*|stayed away|skipp\w*|boycott\w*)\b", re.I)
# تزعم is "led" as well as "claims"
_AR_LED = re.compile(r"(?<!\S)[وف]?(?:تزعم|يتزعم|تتزعم)(?:ه|ها|هم)?(?!\S)"
                     r"(?!(?:\s+\S+){0,2}\s+(?:ان|انه|انها|انهم)(?!\S))")  # تزعم أن: "claims that"
_EN_LED = re.compile(r"\b(?:led|leads?|leading|leader|headed|heads?)\b", re.I)
_AR_AT_LEAST = re.compile(r"(?<!\S)[وف]?(?:لا|لن|لم) (?:يقل|تقل)(?!\S)")
_EN_AT_MOST = re.compile(r"\b(?:not (?:exceed\w*|surpass\w*|top|(?:be )?more than)|no more than|up to|at most|"
                         r"maximum|less than|fewer than|under)\b|n't (?:exceed|surpass|top)", re.I)
_EN_AT_LEAST = re.compile(r"\b(?:at least|no (?:less|fewer) than|not (?:be )?(?:less|fewer) than|minimum|"
                          r"more than)\b", re.I)
# (not "dismissed": a minister dismissed from office denies nothing)
_EN_DENY = re.compile(r"\b(?:den(?:y|ied|ies|ying|ial)|refut(?:ed|es)|rul(?:e|ed|es|ing) out)\b", re.I)
# a denial (نفى، دحض) rendered "rejected" or "dismissed" (the claim, the reports): said of a denial
# in the Arabic only; "rejected" alone asks for no denial (رفض is refusing as often)
_EN_REJECT = re.compile(r"\b(?:reject(?:ed|s|ing)?|dismiss(?:ed|es|ing)?) (?:\S+ ){0,4}?(?:claims?|reports?|"
                        r"allegations?|accusations?|rumou?rs?|charges?|assertions?|statements?|remarks?)\b", re.I)
# "Law No. 19", "no more than 200": numbers, not negations
# (refused to, failed to: رفض، فشل are verbs, not negation words; they count among the broad ones)
_EN_NEG = re.compile(r"\b(?:not|no(?!\.? ?\d| (?:more|less|fewer) than)|never|without|neither|nor|none|cannot)\b|"
                     r"n't\b", re.I)
_EN_HEDGE = re.compile(r"\b(?:claim(?:ed|s|ing)?|alleg(?:ed|edly|ations?|es)|purported(?:ly)?|so-called|"
                       r"accus(?:ed|ations?))\b", re.I)
# words that can carry an Arabic negation in a faithful English rendering ("لم يعد" -> "no longer",
# "عدم السماح" -> "prevent", "دون" -> "without", "لا يمكن" -> "impossible")
_EN_NEG_BROAD = re.compile(r"\b(?:not|no|never|without|neither|nor|none|cannot|n't|lack\w*|absen\w*|non-?\w*|fail\w*|"
                           r"refus\w*|prevent\w*|ban\w*|avoid\w*|stop\w*|halt\w*|unable|impossible|only|unless|"
                           r"except|unlikely|unknown|unclear|undisclosed|unidentified|unnamed|unconfirmed|inability|insufficient|"
                           r"nothing|nobody|nowhere|free of|barr\w*|forbid\w*|prohibit\w*|"
                           r"hardly|barely|scarcely|seldom|"
                           r"reject\w*|den\w+|rather than|instead|at least|no (?:less|fewer|more) than|"
                           r"un(?:exploded|manned|harmed|hurt|scathed|inhabited|occupied|touched|answered|"
                           r"announced|explained|specified|verified|published)|un\w{2,}(?:able|ible)|"
                           r"less than|fewer than|"  # unexploded, unusable, less than: لم تنفجر, عدم صلاحية, لم تصل
                           r"un(?:paid|true|armed|settled|resolved|"
                           r"lawful|authori[sz]ed|licensed|documented|employed|able|known|clear|named|identified|"
                           r"disclosed|confirmed|likely))\b|n't\b", re.I)
# the whole statement negated: the source must deny it
_EN_NOT_TRUE = re.compile(r"\b(?:it is|it's|it was|that is|this is) (?:not true|untrue|false|not the case|baseless)\b",
                          re.I)
_EN_STILL = re.compile(r"\b(?:still|remain(?:s|ed)?|continu(?:e|es|ed) to)\b", re.I)


# verbs with an opposite: a claim's verb must not be the opposite of what the span says. Each row:
# the English forms, the Arabic stems of that meaning, the Arabic stems of its opposite. Flagged
# when the span has the opposite's stem and none of the claim's own (killed -> survived).
_KILL = ["قتل", "قتيل", "لقي حتف", "لقي مصرع", "لقوا حتف", "لقوا مصرع", "لقيت حتف", "لقيت مصرع", "مقتل",
         "مصرع", "ضحايا", "ضحيه", "ضحيت", "استشهد", "شهيد", "شهداء", "توفي", "وفاه", "مات", "موت",
         "جثث", "جثه", "حتف", "قتلي"]
_SURVIVE = ["نجا", "نجاه", "ينجو", "نجت", "سالم", "سلامه", "ناج"]
_START = ["بدء", "بدا", "يبدا", "تبدا", "بدات", "انطلق", "انطلاق", "اطلاق", "اطلق", "شن", "يشن", "تشن", "استئناف",
          "استانف", "افتتاح", "افتتح", "انعقاد", "انطلاقه"]
_DELAY = ["تاجيل", "اجل", "تاجل", "يتاجل", "موجل", "مؤجل", "ارجئ", "ارجيء",
          "ارجاء", "ارجا", "الغاء", "الغي", "تعليق", "علق", "ايقاف", "اوقف"]
_RISE = ["مرتفعا بنسبه", "مرتفعه بنسبه", "ارتفع", "ارتفاع", "زياده", "زاد", "نمو", "نما", "صعد", "صعود", "تضاعف",
         "قفز", "يرتفع", "ترتفع"]
_FALL = ["متراجعا بنسبه", "متراجعه بنسبه", "منخفضا بنسبه", "منخفضه بنسبه",
         "انخفض", "انخفاض", "تراجع", "هبط", "هبوط", "تقلص", "خفض", "تخفيض", "نقص", "انكماش", "يتراجع", "ينخفض",
         "تنخفض", "تتراجع"]
_ARREST = ["اعتقل", "اعتقال", "قبض", "القبض", "احتجز", "احتجاز", "توقيف", "اوقف", "ضبط", "اسر", "يعتقل"]
_RELEASE = ["افرج", "الافراج", "افراج", "اطلاق سراح", "اطلق سراح", "اخلاء سبيل", "اخلي سبيل", "تحرير", "حرر"]
_ACCEPT = ["اتفق", "اتفقوا", "اتفقت",
           "قبول", "وافق", "موافق", "اقر", "اقرار", "صادق", "مصادق", "اعتمد", "يوافق", "توافق"]
_REJECT = ["رفض", "يرفض", "ترفض", "رفضت", "رفضه"]
_ARRIVE = ["وصل", "وصول", "يصل", "تصل", "قدوم", "حط"]
_LEAVE = ["غادر", "مغادره", "يغادر", "تغادر", "رحيل", "رحل"]
_HIT = ["اصاب", "اصابه", "استهدف", "ضرب", "قصف", "دمر", "تدمير"]
_GUILTY = ["ادان", "ادانه", "مدان", "ادين", "اعترف", "يعترف", "بالذنب", "مذنب"]
_INNOCENT = ["براء", "بريء", "برييا", "برييه", "تبري", "برات"]
_MISS = ["اخطا", "اخفق", "فشل", "يخطئ"]
_CLOSE = ["اغلق", "اغلاق", "غلق", "اقفال", "يغلق", "تغلق"]
_OPEN = ["فتح", "افتتح", "افتتاح", "يفتح", "تفتح", "اطلق النار", "اطلقت النار", "اطلقوا النار", "اطلاق النار"]
_CONDEMN = ["دان", "ادان", "ادانه", "استنكر", "استنكار", "شجب", "تدين", "يدين", "تندد", "ندد", "يندد"]
_WELCOME = ["رحب", "ترحيب", "يرحب", "ترحب"]
_WIN = ["فاز", "فوز", "يفوز", "انتصر", "انتصار", "ربح", "ارباح"]
_LOSE = ["خسر", "خساره", "خسائر", "يخسر", "هزيمه", "هزم", "فقد", "فقدان"]
_SEIZE = ["استولي", "استيلاء", "سيطر", "سيطره", "ضبط", "استعاد", "استعاده", "غنم", "غنائم", "صادر", "مصادره",
          "تحرير", "حرر"]
_DESTROY = ["دمر", "تدمير", "قصف", "استهدف", "ضرب", "اصاب", "حطم", "القضاء علي", "قضاء علي", "يقضي علي"]
_SPARE = ["نجا", "سلم", "سالم", "لم يصب", "لم تصب"]
_SUPPORT = ["دعم", "يدعم", "تدعم", "ايد", "يويد", "تويد", "تاييد", "مسانده", "ساند", "يساند", "مويد", "داعم"]
_OPPOSE = ["عارض", "يعارض", "تعارض", "معارض", "رفض", "يرفض", "ترفض", "ضد", "مناهض"]
_OPPOSITES: list[tuple[str, list[str], list[str]]] = [
    (r"surviv\w*|escaped|unharmed|unhurt", _SURVIVE, _KILL),
    (r"killed|kill|killing|died|dead|deaths?|fatalit\w*|lives", _KILL, _SURVIVE),
    (r"postpon\w*|delay(?:ed|s)?|cancel\w*|called off|suspend\w*", _DELAY, _START),
    (r"beg[au]n|begins?|(?<!the )(?<!a )(?<!its )(?:start(?:ed|s)?|launch(?:ed|es)?)|resum\w*|kicked off",
     _START, _DELAY),
    (r"increas\w*|rose|risen|rises?|grew|grow(?:s|n)?|growth|doubled|jumped|climbed", _RISE, _FALL),
    (r"decreas\w*|declin\w*|fell|fall(?:en|s)?|dropped|drops?|shrank|lower(?:ed)?|reduc\w*", _FALL, _RISE),
    (r"releas\w*|freed", _RELEASE, _ARREST),
    (r"arrest\w*|detain(?!ee)\w*|detention", _ARREST, _RELEASE),  # detainees: a noun, said of those released too
    (r"accept\w*|approv\w*|agreed|endorsed|ratified", _ACCEPT, _REJECT),
    (r"reject\w*|refus\w*|turned down", _REJECT, _ACCEPT),
    (r"arriv\w*", _ARRIVE, _LEAVE),
    (r"left|depart(?:ed|s|ing|ure)?", _LEAVE, _ARRIVE),
    (r"missed|missing the target", _MISS, _HIT),
    (r"(?<!not )guilty", _GUILTY, _INNOCENT),
    (r"(?:found|declared|pleaded|pleads|plead) innocent|acquitt\w*|not guilty", _INNOCENT, _GUILTY),
    (r"clos(?:ed|es|ing|ure)|shut", _CLOSE, _OPEN),
    (r"open(?:ed|s|ing)?|reopen\w*", _OPEN, _CLOSE),
    (r"condemn\w*|denounc\w*", _CONDEMN, _WELCOME),
    (r"welcom\w*", _WELCOME, _CONDEMN),
    (r"won|wins?|winning|victory|profits?", _WIN, _LOSE),
    (r"lost|los(?:e|es|ing)|loss(?:es)?", _LOSE, _WIN + _SEIZE),
    (r"seiz\w*|captur\w*|took control|recaptur\w*", _SEIZE + _ARREST, _LOSE),
    (r"spared|spar(?:e|es|ing)", _SPARE, _DESTROY + _KILL),
    (r"destroy\w*|struck|strikes?|shell\w*|bomb(?:ed|ing)", _DESTROY, _SPARE),
    (r"oppos(?:e|es|ed|ing)", _OPPOSE, _SUPPORT),
]
_OPPOSITES_RE = [(re.compile(rf"\b(?:{en})\b", re.I),
                  re.compile(r"(?<!\S)(?:[وف]?(?:[بلك]|ال|بال|لل)?)(?:" + "|".join(map(re.escape, map(fold, same)))
                             + ")"),
                  re.compile(r"(?<!\S)(?:[وف]?(?:[بلك]|ال|بال|لل)?)(?:" + "|".join(map(re.escape, map(fold, other)))
                             + ")"))
                 for en, same, other in _OPPOSITES]


# verbs a faithful rendering uses only when the Arabic says so (survived = نجا, postponed = أجل,
# spared = سلم): the span must hold their meaning, whether or not it holds their opposite
_MARKED = re.compile(r"\b(?:surviv\w*|postpon\w*|spared|missed|missing the target|(?<!not )guilty)\b", re.I)
_SURVIVE_TOO = ["فر", "هرب", "افلت", "لم يصب", "لم تصب", "لم يصابوا", "سليم", "دون اصابات", "بدون اصابات",
                "بلا اصابات", "فاشل", "فاشله", "تاخير", "يتاخر", "تاخر"]
_SURVIVE_TOO_RE = _ar_words(_SURVIVE_TOO)


def check_opposites(text_en: str, folded_span: str) -> list[str]:
    """A verb turned into its opposite without a negation word (were killed -> survived)."""
    folded_span = re.sub(r"(?<!\S)(?:علي|من|عن) ارتفاع(?!\S)", " ", folded_span)  # at a height of, not a rise
    problems = []
    for en, same, other in _OPPOSITES_RE:
        m = en.search(text_en)
        if not m or same.search(folded_span):
            continue
        if other.search(folded_span):
            problems.append(f"'{m.group(0)}' says the opposite of the cited Arabic")
        elif _MARKED.match(m.group(0)) and not _SURVIVE_TOO_RE.search(folded_span):
            problems.append(f"'{m.group(0)}' is not what the cited Arabic says")
    return problems


# لا before a noun or an adjective, as عدم: لا مسؤولة (irresponsible), لا إنسانية (inhumane)
_AR_LA_NOUN = re.compile(r"(?<!\S)[وف]?لا (?![يتنا]\S|سيما)\S{3,}")
# a word that negates its stem: instability (عدم الاستقرار), non-compliance, unable, illegal
_NEG_PREFIXED = re.compile(r"\b(?:(?:un|non-?)([a-z]{4,})|(?:in|im|ir|il)([a-z]{3,}(?:ity|able|ible|ance|ence|ent|ant|"
                           r"al|ar|ate|ive|ure)))\b", re.I)


# English un- words that render a negated Arabic verb, each only with that verb: unprecedented for
# لم يسبق (له مثيل), unchanged for لم يتغير
_EN_UN_FOR_AR = [(re.compile(rf"\b(?:{en})\b", re.I), re.compile(ar)) for en, ar in (
    ("unprecedented|unmatched|unparalleled", r"(?:لم|لا) (?:\S+ ){0,3}?(?:يسبق|مثيل|مثيلا|سابق|نظير)"),
    ("unchanged", r"(?:لم|لا) (?:يتغير|تتغير|يطرا|تطرا|يتبدل|تتبدل)"),
    ("unaffected", r"(?:لم|لا) (?:يتاثر|تتاثر|يتاثروا|يتضرر|تتضرر)"),
    ("unsuccessful(?:ly)?", r"(?:لم|لا) (?:ينجح|تنجح|ينجحوا|تكلل|يكلل|يفلح|تفلح)"),
    ("unabated", r"(?:لم|لا) (?:يهدا|تهدا|يتوقف|تتوقف)"),
)]


def _negative_words(text_en: str) -> int:
    """English words that carry a negation in a prefix, as عدم + noun does in Arabic."""
    from .names import _common_words

    common = _common_words()
    return sum(1 for m in _NEG_PREFIXED.finditer(text_en) if (m.group(1) or m.group(2)).lower() in common
               and not (m.group(1) or "").lower().startswith(_UN_VERBS))


# un- verbs that negate nothing: unveiled, unleashed, uncovered, unfolded, unloaded
_UN_VERBS = ("veil", "leash", "cover", "fold", "load", "earth", "der", "ravel", "lock", "pack")  # under-: understood


def _that_not(folded: str) -> int:
    """How many hamza-less الا before a verb may be ألا (that ... not): not one closing a negation
    in the eight words before it (ما هذه الخطوة إلا تمهيد: a restriction, "only")."""
    count = 0
    for m in _AR_NOT_ALLOWED.finditer(folded):
        before = folded[:m.start()].split()[-8:]
        count += not any(re.fullmatch(r"[وف]?(?:لا|لم|لن|ما|ليس|ليست)", w) for w in before)
    return count


def _neither_nor(folded: str) -> int:
    """How many ولا continue a negation a few words before (لم يحضر نظيف ولا نجلاه; لا A ولا B ولا C)."""
    words, count, last = folded.split(), 0, -99
    for i, word in enumerate(words):
        # five words apart, or up to nine when ولا is not followed by a verb: لا يضم الرئيس ... ولا سلفه
        # (neither ... nor), not لم تصدر الحكومة أي بيان ... ولا تعرف (a second negated clause)
        after = words[i + 1] if i + 1 < len(words) else ""
        if word == "ولا" and (i - last <= 5 or (i - last <= 9 and not re.fullmatch(r"[يتن]\S{2,}", after))):
            count += 1
        if re.fullmatch(r"[وف]?(?:لا|لم|لن)", word):
            last = i
    return count


def check_polarity(text_en: str, folded_span: str) -> list[str]:
    without_still = _AR_STILL.sub(" ", folded_span)  # ما زال / لا يزال mean "still", not a negation
    without_still = _AR_DRONE.sub(" ", without_still)  # طائرة بلا طيار: a drone, not a negation
    without_still = _AR_NOT_NEGATING.sub(" ", without_still)
    if _EN_PREVENT.search(text_en):
        without_still = _AR_PREVENT.sub(" يمنع ", without_still)
    restricted = 0  # negations closed by إلا that the English renders with "only"
    if _EN_ONLY.search(text_en):
        restricted = min(len(_AR_ONLY.findall(without_still)), len(_EN_ONLY.findall(text_en)))
        without_still = _AR_ONLY.sub(" ", without_still)
        folded_span = _AR_ONLY.sub(" ", folded_span)  # not an upper bound either: لن تزيد ... إلا
    ar_deny = len(_AR_DENY.findall(folded_span))
    ar_neg = len(_AR_NEG.findall(without_still))
    if ar_neg > 1 and re.search(r"\bneither\b", text_en, re.I) and re.search(r"\bnor\b", text_en, re.I):
        ar_neg -= _neither_nor(without_still)  # لا/لم ... ولا: neither ... nor, one negation
    elif re.search(r"\b(?:or|nor)\b", text_en, re.I):  # لا A ولا B, close together: "not A or B"
        ar_neg -= len(_AR_NOR.findall(without_still))
    ar_hedge = bool(_AR_HEDGE.search(_AR_PROSECUTION.sub(" ", _AR_LED.sub(" ", folded_span)
                                                         if _EN_LED.search(text_en) else folded_span)))
    original = text_en
    text_en = _EN_BOUND.sub(" ", text_en)
    text_en = re.sub(r"\bnot guilty\b", "innocent", text_en, flags=re.I)  # براءة: no negation word
    # "denied the right to return" is deprived of it (يحرموا), not a denial of a report
    text_en = re.sub(r"\bden(?:y|ied|ies|ying)( (?:them |him |her |the |a |any |their |his )?(?:right|access|entry|"
                     r"permission|visas?|bail|passage|treatment))", r"deprived\1", text_en, flags=re.I)
    # "it could not be ruled out": two negations (لا يمكن الجزم بعدم), not a denial
    text_en = re.sub(r"\b(?:cannot|can't|couldn't|(?:can|could|may|might) not) be ruled out\b",
                     "could not be not excluded", text_en, flags=re.I)
    text_en = re.sub(r"\bneither\b(.*?)\bnor\b", r"not\1", text_en, flags=re.I)  # one negation, two words
    en_deny = len(_EN_DENY.findall(text_en))
    en_neg = len(_EN_NEG.findall(text_en))
    en_hedge = bool(_EN_HEDGE.search(text_en))
    # Arabic that may carry an English "not" without a negation word: تغيب عن (did not attend),
    # يحظر (may not)
    ar_lexical = (0 if _EN_ABSENT.search(text_en) or not _EN_NOT_ATTEND.search(text_en)
                  else len(_AR_NEG_VERBS.findall(folded_span))) \
        + (len(_AR_FORBID.findall(folded_span)) if _EN_MAY_NOT.search(text_en)
           and not _AR_FORBID_LIFTED.search(folded_span) and not _AR_FORBID_PROPOSED.search(folded_span) else 0)
    # English that may carry an Arabic negation: "without", "failed", "instability" for عدم الاستقرار
    en_broad = len(_EN_NEG_BROAD.findall(text_en)) - restricted \
        + (_negative_words(text_en) if "عدم" in folded_span or _AR_LA_NOUN.search(without_still) else 0) \
        + sum(1 for en, ar in _EN_UN_FOR_AR if en.search(text_en) and ar.search(folded_span))
    problems = []
    if _EN_NOT_TRUE.search(text_en) and not (ar_deny or _AR_DENY_BROAD.search(folded_span)):
        problems.append("the claim says it is not true, but the cited Arabic denies nothing")
    if ar_deny and not (en_deny or en_neg or _EN_REJECT.search(text_en)):
        problems.append("the cited Arabic is a denial (نفى) but the claim asserts it")
    if en_deny and not (ar_deny or _AR_RULE_OUT.search(folded_span) or _AR_DENY_BROAD.search(folded_span)
                        or _AR_SAID_NOT.search(folded_span)):
        problems.append("the claim says it was denied, but the cited Arabic contains no denial")
    elif en_neg > ar_neg + ar_deny + ar_lexical + _that_not(without_still) \
            + min(len(_AR_COULD_NOT.findall(without_still)), len(_EN_COULD_NOT.findall(text_en))):
        problems.append("the claim is negated where the cited Arabic is not")
    elif ar_neg > en_broad:
        problems.append("the cited Arabic is negated (لا/لم/لن/ليس/عدم) where the claim is not")
    # a range renders a pair of bounds (لا يقل عن ... ولا يزيد على): both, never one alone
    ranged = _EN_RANGE.search(original) is not None and bool(_AR_AT_LEAST.search(folded_span)) \
        and bool(_AR_AT_MOST.search(folded_span))
    within = re.search(_DISTANCE, folded_span) is not None and re.search(r"\bwithin\b", original, re.I) is not None
    if _AR_AT_MOST.search(folded_span) and not _EN_AT_MOST.search(original) and not ranged and not within:
        problems.append("the cited Arabic sets an upper bound (لا يتجاوز) that the claim drops")
    if _AR_AT_LEAST.search(folded_span) and not _EN_AT_LEAST.search(original) and not ranged:
        problems.append("the cited Arabic sets a lower bound (لا يقل) that the claim drops")
    if ar_hedge and not (en_hedge or en_deny):
        problems.append("the cited Arabic reports a claim or allegation (زعم/ادعى) but the claim states it as fact")
    return problems


# --------------------------------------------------------------------------- who says it

# words that make someone the one who speaks: a verb of saying, بحسب, بيان, a spokesman
SPEECH = re.compile(r"(?<!\S)[وف]?(?:ابلغ|ابلغت|نقلت|قال|قالت|يقول|تقول|اعلن|اعلنت|صرح|صرحت|ذكر|ذكرت|افاد|"
                     r"افادت|اكد|اكدت|اضاف|"
                     r"اضافت|بحسب|حسب|وفقا|نقلا|بيان|بيانا|متحدث|المتحدث|نفي|نفت|اوضح|اوضحت|كشف|كشفت|اشار|"
                     r"اشارت|زعم|ادعي|اتهم|اتهمت|نشرت|اصدر|اصدرت|اورد|اوردت|رصد|رصدت|وثق|وثقت|حذر|حذرت|"
                     r"شدد|شددت|دعا|دعت|طالب|طالبت|تبني|تبنت|نوه|نوهت|احصاءات|احصائيات|احصاييات|ارقام|"
                     r"تحدثت|لفت|لفتت|كتبت|غرد|غردت|اعتبر|اعتبرت)"
                     r"(?:ه|ها|هم|وا|ا|ان|ما)?(?!\S)")
_SAYING = r"(?:said|says|announced|reported|stated|added|claimed|confirmed|denied|told|warned|noted)"
# verbs that make a party the one who speaks, though no institution is checked by them (below)
_SAYING_TOO = (r"(?:stressed|urged|called|accused|described|argued|insisted|vowed|explained|demanded|asserted|"
               r"affirmed|emphasi[sz]ed|pledged|promised|praised|condemned|criticized|criticised|indicated|"
               r"pointed out|revealed|disclosed|acknowledged|admitted|estimated|expected|threatened)")


def is_speaker(name: str, text_en: str) -> bool:
    """Whether the claim makes ``name`` the one who says it: "X said ...", "according to X"."""
    n = re.escape(name)
    return re.search(rf"(?:according to|per|citing|told by) (?:the )?{n}\b|"
                     rf"\b{n}(?:'s? \w+)?(?: also| further| later| then| earlier| again)? "
                     rf"(?:{_SAYING}|{_SAYING_TOO})\b",
                     text_en, re.I) is not None


def check_speakers(text_en: str, folded_span: str, registry: Registry) -> list[Problem]:
    """An institution the claim makes its speaker ("the Houthis said", "according to the army")
    must be one in the span: a span without any word of saying names at most what was done, not
    who said it. Such a problem can be met by a sentence of context that has the speaker speak."""
    if SPEECH.search(folded_span):
        return []
    out = []
    for m in _SPEAKER_EN.finditer(text_en):
        name = m.group("a") or m.group("b")
        if name and not _GENERIC_SPEAKER.search(name) and is_institution(name, registry) \
                and is_speaker(name, text_en):
            out.append(Problem("name", name, f"the cited Arabic does not have '{name}' say it", name))
    return out


# unnamed speakers ("a security source", "officials", "witnesses"): nothing to check by name
_GENERIC_SPEAKER = re.compile(r"^(?:an?|some|several|two|three)\b|\b(?:sources?|officials?|witness(?:es)?|residents?|"
                              r"activists?|people|spokes(?:man|woman|person)|officers?|medics?|doctors?)\b", re.I)
_SPEAKER_EN = re.compile(rf"(?i:according to|citing) (?:the )?(?P<a>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)|"
                         rf"(?:^|[.;:] )(?:The )?(?P<b>[A-Z][\w'’-]*(?: [\w'’-]+){{0,3}}?) {_SAYING}\b")


# --------------------------------------------------------------------------- all of it


_AR_CONFIRM = re.compile(r"(?<!\S)(?:و|ف)?(?:اكد|اكدت|يوكد|توكد|موكدا|موكده|تاكيد|اكدوا|اكده)(?:ه|ها|هم)?(?!\S)")


# ways of denying without نفى: "عار عن الصحة", "لا أساس له", "غير صحيح", "مجرد شائعات"
_AR_DENY_BROAD = re.compile(r"فبرك|تنافي|ينافي|منافي|مناف للواقع|تجافي|يجافي|لا تمت|لا يمت|"
                            r"عار(?:يه)? (?:من|عن) الصحه|لا اساس|غير صحيح|عدم صحه|شايعات|اشاعات|مغلوط|كاذب|ملفق|"
                            r"مفبرك|غير دقيق|لا صحه")


def check_stance(stance: str, folded_span: str) -> list[str]:
    """The reported stance must match the source: a denial needs one, a confirmation no denial."""
    if stance == "denied" and not (_AR_DENY.search(folded_span) or _AR_NEG.search(folded_span)
                                   or _AR_DENY_BROAD.search(folded_span) or _AR_RULE_OUT.search(folded_span)
                                   or _AR_REJECT.search(folded_span)):
        return ["stance 'denied', but the cited Arabic contains no denial"]
    if stance == "confirmed" and _AR_DENY.search(folded_span) and not _AR_CONFIRM.search(folded_span):
        return ["stance 'confirmed', but the cited Arabic is a denial"]
    return []


def guard(text_en: str, spans: list[str], *, published: dt.date | None, registry: Registry,
          attributed_to: str | None = None, article_text: str = "", polarity: bool = True,
          stance: str | None = None, pairs: Sequence[tuple[str, str]] = ()) -> list[str]:
    """The problems of ``text_en`` against ``spans``, as messages (see ``check``)."""
    return [p.message for p in check(text_en, spans, published=published, registry=registry,
                                     attributed_to=attributed_to, article_text=article_text, polarity=polarity,
                                     stance=stance, pairs=pairs)]


def check(text_en: str, spans: Sequence[str], *, published: dt.date | None, registry: Registry,
          attributed_to: str | None = None, article_text: str = "", polarity: bool = True,
          stance: str | None = None, pairs: Sequence[tuple[str, str]] = (), strict: bool = False) -> list[Problem]:
    """Problems of ``text_en`` against ``spans``. ``polarity=False`` for text that sums up several
    claims (a summary, a bottom-line sentence): its details are checked, its polarity is the claims'.
    ``pairs``: the model's own (Arabic, English) names for the article, used as hypotheses.
    ``strict``: names by equal transliteration skeletons only (for whole sentences of context).

    Memoized: a claim checked while its draft is re-asked is checked again, unchanged, when the
    briefing is verified."""
    return list(_check(text_en, tuple(spans), published, registry, attributed_to, article_text, polarity, stance,
                       tuple(pairs), strict))


_CALLED = re.compile(r"(?<!\S)([وف]?[يت])\u064f?دعى(?!\S)")
# ألا before a verb is أن لا, "that ... not" (اختاروا ألا يكونوا: chose not to be); it folds to الا,
# which is also إلا, "except": told apart by its hamza, when the writer put one
_THAT_NOT = re.compile(r"(?<!\S)([وف]?)ألا(?= [يتن]\S{2,})")


@lru_cache(maxsize=16384)
def _check(text_en: str, spans: tuple[str, ...], published: dt.date | None, registry: Registry,
           attributed_to: str | None, article_text: str, polarity: bool, stance: str | None,
           pairs: tuple[tuple[str, str], ...], strict: bool) -> tuple[Problem, ...]:
    folded = " ".join(fold(s) for s in spans)
    problems, date_spans = check_dates(text_en, spans, published)
    problems += [Problem("number", n, f"number '{n}' is not in the cited Arabic")
                 for n in unsupported_numbers(text_en, spans, date_spans)]
    problems += [Problem("name", p.name, p.message, p.part)
                 for p in check_names(text_en, folded, registry, pairs, strict)]
    if polarity:
        # يُدعى "is called" (طفل يدعى راشد) folds to يدعي "claims": told apart by its alef maqsura
        said = " ".join(fold(_THAT_NOT.sub(r"\1أن لا", _CALLED.sub(r"\1سمي", s))) for s in spans) \
            if "دعى" in "".join(spans) or "ألا" in "".join(spans) else folded
        flips = check_polarity(text_en, said) + check_opposites(text_en, folded)
        problems += [Problem("polarity", "", m) for m in flips]
        problems += [p for p in check_speakers(text_en, folded, registry)
                     if not any(q.kind == "name" and q.detail == p.detail for q in problems)]
    if stance:
        problems += [Problem("stance", "", m) for m in check_stance(stance, folded)]
    if attributed_to:
        problems += [Problem("attribution", p.name, f"attribution: {p.message}")
                     for p in _check_attribution(attributed_to, article_text, folded, registry, pairs)]
    return tuple(problems)


def _check_attribution(attributed_to: str, article_text: str, folded: str, registry: Registry,
                       pairs: tuple[tuple[str, str], ...]) -> list[NameProblem]:
    """The names of who says it that the article does not support. They may be named anywhere in
    it ("the agency said" after naming it once), spelled as a name is; spelled loosely, only in the
    quotes: across a whole article some words sound like any name by chance (Qasem Soleimani,
    Khalifa Haftar)."""
    if not article_text:
        return check_names(attributed_to, folded, registry, pairs)
    anywhere = check_names(attributed_to, fold(article_text), registry, pairs, strict=True)
    return anywhere if anywhere and check_names(attributed_to, folded, registry, pairs) else []
