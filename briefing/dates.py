"""Dates written in Arabic articles (and in English claims), resolved to ISO dates with a precision.

Handles both Gregorian month-name systems (أكتوبر and تشرين الأول, alone or as "أكتوبر / تشرين
الأول"), Hijri dates (converted with the Umm al-Qura calendar), years (عام 2014), weekday
names, and relative expressions (أمس, أول أمس, اليوم, فجر اليوم, غداً, الأسبوع الماضي, الشهر
الماضي) against the article's publication date. With no publication date, relative
expressions stay unresolved and say so.

dateparser 1.5 was evaluated first (see docs/dates.md): it misses the Levantine month names,
the dual "أكتوبر / تشرين الأول" form, Hijri months, "فجر اليوم", "صباح أمس" and "أول أمس", and
gives "عام 2014" a false day precision, so this small resolver is used instead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal

from .arabic import fold

Precision = Literal["day", "week", "month", "year"]


@dataclass(frozen=True)
class ResolvedDate:
    text: str
    start: int
    end: int
    iso: str | None  # "2017-10-27", "2017-10", "2017", or the Monday of a week; None if unresolved
    precision: Precision | None
    note: str | None = None
    key: str | None = None  # relative/weekday kind, compared when unresolved: "rel:-1:day", "wd:4"

    def covers(self, other: ResolvedDate) -> bool:
        """Same date, or ``other`` is coarser/finer but consistent with this one."""
        if self.iso is None or other.iso is None:
            return False
        if "week" in (self.precision, other.precision):
            a, b = _as_day(self), _as_day(other)
            return a is not None and b is not None and abs((a - b).days) <= 6
        n = min(len(self.iso), len(other.iso))
        return self.iso[:n] == other.iso[:n]


def _as_day(d: ResolvedDate) -> dt.date | None:
    try:
        return dt.date.fromisoformat(d.iso) if d.iso and len(d.iso) == 10 else None
    except ValueError:
        return None


_GREG = {
    1: ["يناير", "كانون الثاني"], 2: ["فبراير", "شباط"], 3: ["مارس", "آذار"], 4: ["أبريل", "إبريل", "نيسان"],
    5: ["مايو", "أيار"], 6: ["يونيو", "يونيه", "حزيران"], 7: ["يوليو", "يوليه", "تموز"],
    8: ["أغسطس", "آب"], 9: ["سبتمبر", "أيلول"], 10: ["أكتوبر", "تشرين الأول"],
    11: ["نوفمبر", "تشرين الثاني"], 12: ["ديسمبر", "كانون الأول"],
}
_HIJRI = {
    1: ["محرم"], 2: ["صفر"], 3: ["ربيع الأول"], 4: ["ربيع الآخر", "ربيع الثاني"], 5: ["جمادى الأولى"],
    6: ["جمادى الآخرة", "جمادى الثانية"], 7: ["رجب"], 8: ["شعبان"], 9: ["رمضان"], 10: ["شوال"],
    11: ["ذو القعدة", "ذي القعدة"], 12: ["ذو الحجة", "ذي الحجة"],
}
_WEEKDAYS_AR = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
                "السبت": 5, "الأحد": 6}
_RELATIVE_AR = [  # folded forms, longest first
    ("اول من امس", -2, "day"), ("اول امس", -2, "day"), ("الامس الاول", -2, "day"), ("امس الاول", -2, "day"),
    ("الاسبوع الماضي", -7, "week"), ("الاسبوع الفايت", -7, "week"), ("الاسبوع المنصرم", -7, "week"),
    ("الاسبوع السابق", -7, "week"), ("الاسبوع المقبل", 7, "week"), ("الشهر الماضي", -1, "month"),
    ("الشهر المنصرم", -1, "month"), ("الشهر الفايت", -1, "month"),
    ("العام الماضي", -1, "year"), ("السنه الماضيه", -1, "year"),
    ("امس", -1, "day"), ("الامس", -1, "day"), ("البارحه", -1, "day"), ("اليوم", 0, "day"), ("غدا", 1, "day"),
    ("يوم غد", 1, "day"), ("غد", 1, "day"),
]


def _alt(names: list[str]) -> str:
    return "|".join(re.escape(fold(n)) for n in sorted(names, key=len, reverse=True))


_G_MONTH = _alt([n for ns in _GREG.values() for n in ns])
_H_MONTH = _alt([n for ns in _HIJRI.values() for n in ns])
_G_DATE = re.compile(rf"(?<!\d)(\d{{1,2}}) ?(?:من )?(?:شهر )?({_G_MONTH})(?: ?/? ?(?:{_G_MONTH}))?"
                     rf"(?: ?(?:عام |سنه )?(\d{{4}}))?")
_G_RANGE = re.compile(rf"(?<!\d)(\d{{1,2}}) (?:و ?(?:الي |حتي )?|الي |حتي |)(?:ال ?)?\d{{1,2}} ?(?:من )?"
                      rf"(?:شهر )?({_G_MONTH})"
                      rf"(?: ?/? ?(?:{_G_MONTH}))?(?: ?(?:عام |سنه )?(\d{{4}}))?")
_G_MONTH_YEAR = re.compile(rf"(?:شهر )?({_G_MONTH})(?: ?/? ?(?:{_G_MONTH}))? ?(?:عام |سنه )?(\d{{4}})")
_H_DATE = re.compile(rf"(?<!\d)(\d{{1,2}}) ?(?:من )?(?:شهر )?({_H_MONTH})(?: ?(\d{{4}}))?(?: ?ه(?:ـ|\b))?")
_H_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2}) ?[/ ] ?(\d{1,2}) ?[/ ] ?(1[34]\d\d) ?ه(?!\S)")  # slashes fold to spaces
_H_NUMERIC_YMD = re.compile(r"(?<![\d/])(1[34]\d\d) ?[/ ] ?(\d{1,2}) ?[/ ] ?(\d{1,2}) ?ه(?!\S)")
_YEAR = re.compile(r"(?:عام|سنه|العام) (\d{4})")
# 24/7/2015, 2015-08-08 (slashes fold to spaces: the original text must have the separators)
_G_NUMERIC = re.compile(r"(?<![\d])(\d{1,2}) ?(\d{1,2}) ?((?:19|20)\d\d)(?![\d])"
                        r"|(?<![\d])((?:19|20)\d\d) ?(\d{1,2}) ?(\d{1,2})(?![\d])")
_NUMERIC_RAW = re.compile(r"\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,4}")
_BARE_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20[0-4]\d)(?![\d.,])")
_G_MONTH_ALONE = re.compile(rf"(?<!\S)(?:[وبل]|في )?(?:شهر )?({_G_MONTH})(?!\S)")
_RELATIVE = re.compile(r"(?<!\S)(?:و|ب|ف)?(" + "|".join(re.escape(r[0]) for r in _RELATIVE_AR) + r")(?!\S)")
_WEEKDAY = re.compile(r"(?<!\S)(?:و|ب)?(?:يوم )?(" + _alt(list(_WEEKDAYS_AR)) + r")(?!\S)")


_ORDINAL_DAYS = {
    "الاول": 1, "اول": 1, "الثاني": 2, "الثالث": 3, "الرابع": 4, "الخامس": 5, "السادس": 6, "السابع": 7, "الثامن": 8,
    "التاسع": 9, "العاشر": 10, "الحادي عشر": 11, "الثاني عشر": 12, "الثالث عشر": 13, "الرابع عشر": 14,
    "الخامس عشر": 15, "السادس عشر": 16, "السابع عشر": 17, "الثامن عشر": 18, "التاسع عشر": 19, "العشرين": 20,
    "الحادي والعشرين": 21, "الثاني والعشرين": 22, "الثالث والعشرين": 23, "الرابع والعشرين": 24,
    "الخامس والعشرين": 25, "السادس والعشرين": 26, "السابع والعشرين": 27, "الثامن والعشرين": 28,
    "التاسع والعشرين": 29, "الثلاثين": 30, "الحادي والثلاثين": 31,
}
# a day written as a cardinal, as the press writes Hijri dates too: ليلة سبعة وعشرين من رمضان (the 27th);
# from 11 up, so that "three of July's ..." is not read as a date
_UNITS = {"واحد": 1, "احد": 1, "اثنين": 2, "اثنان": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4, "خمسه": 5,
          "خمس": 5, "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8, "ثمان": 8, "تسعه": 9, "تسع": 9}
_ORDINAL_DAYS |= {f"{unit} وعشرين": 20 + n for unit, n in _UNITS.items()}
_ORDINAL_DAYS |= {f"{unit} عشر": 10 + n for unit, n in _UNITS.items() if n > 2}
_ORDINAL_DAYS |= {"احد عشر": 11, "احدي عشر": 11, "اثني عشر": 12, "اثنا عشر": 12, "عشرين": 20, "ثلاثين": 30,
                  "واحد وثلاثين": 31}
_ORD_DATE = re.compile(r"(?<!\S)(?<!تشرين )(?<!كانون )(" + _alt(list(_ORDINAL_DAYS))  # not تشرين الثاني
                       + rf") (?:من )?(?:شهر )?({_G_MONTH})(?![\u0621-\u064A])"  # آب, not ابنا
                       rf"(?: ?/? ?(?:{_G_MONTH}))?(?: ?(?:عام |سنه )?(\d{{4}}))?")

_ORD_H_DATE = re.compile(r"(?<!\S)(" + _alt(list(_ORDINAL_DAYS)) + rf") (?:من )?(?:شهر )?({_H_MONTH})"
                         # a month, not a word it opens; عام may come before the year
                         r"(?![\u0621-\u064A])(?: ?(?:عام |سنه )?(\d{4}))?(?: ?ه(?:ـ|\b))?")

_ORD_RANGE = re.compile(r"(?<!\S)(" + _alt(list(_ORDINAL_DAYS)) + r") (?:و ?(?:الي |حتي )?|الي |حتي )"
                        r"(?:(?:ال ?)?\d{1,2}|" + _alt(list(_ORDINAL_DAYS)) + r") ?(?:من )?"
                        rf"(?:شهر )?({_G_MONTH})(?: ?/? ?(?:{_G_MONTH}))?(?: ?(?:عام |سنه )?(\d{{4}}))?")


_ORDINAL_BY_FOLDED = {fold(k): v for k, v in _ORDINAL_DAYS.items()}


def _ordinal_day(folded: str) -> int:
    return _ORDINAL_BY_FOLDED[folded]


def _month_of(name: str, table: dict[int, list[str]]) -> int:
    for num, names in table.items():
        if any(fold(n) == name for n in names):
            return num
    raise KeyError(name)


def resolve_arabic(text: str, published: dt.date | None) -> list[ResolvedDate]:
    """Every date expression in ``text`` (an Arabic span), resolved against ``published``."""
    from .arabic import normalize

    norm, index = normalize(text)
    found: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match[str] | tuple[int, int], iso: str | None, precision: Precision | None,
            note: str | None = None, key: str | None = None) -> None:
        s, e = m if isinstance(m, tuple) else m.span()
        if any(s < te and ts < e for ts, te in taken):
            return
        taken.append((s, e))
        o_s, o_e = index[s], index[e - 1] + 1
        found.append(ResolvedDate(text[o_s:o_e], o_s, o_e, iso, precision, note, key))

    for m in _H_NUMERIC.finditer(norm):  # 25 / 10 / 1436 هـ
        add(m, _from_hijri(int(m.group(3)), int(m.group(2)), int(m.group(1))), "day")
    for m in _H_NUMERIC_YMD.finditer(norm):  # 1436/10/30 هـ
        add(m, _from_hijri(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day")
    for m in _H_DATE.finditer(norm):
        day, month = int(m.group(1)), _month_of(m.group(2), _HIJRI)
        year = int(m.group(3)) if m.group(3) else None
        if year is None and published is not None:
            year = _hijri_year(published)
        add(m, _from_hijri(year, month, day) if year else None, "day" if year else None,
            None if year else "Hijri date without a year and no publication date")
    for m in _ORD_H_DATE.finditer(norm):  # "الثلاثين من شهر شوال"
        day, month = _ordinal_day(m.group(1)), _month_of(m.group(2), _HIJRI)
        year = int(m.group(3)) if m.group(3) else _hijri_year(published) if published is not None else None
        add(m, _from_hijri(year, month, day) if year else None, "day" if year else None,
            None if year else "Hijri date without a year and no publication date")
    for m in _ORD_DATE.finditer(norm):  # "الأول من يوليو", "التاسع والعشرين من مارس"
        day, month = _ordinal_day(m.group(1)), _month_of(m.group(2), _GREG)
        year = int(m.group(3)) if m.group(3) else _infer_year(month, day, published)
        add(m, _iso(year, month, day) if year else f"--{month:02d}-{day:02d}", "day" if year else None)
    for m in _ORD_RANGE.finditer(norm):  # "بين الأول والـ 15 من يوليو"
        day, month = _ordinal_day(m.group(1)), _month_of(m.group(2), _GREG)
        year = int(m.group(3)) if m.group(3) else _infer_year(month, day, published)
        if year is not None:
            add(m.span(1), _iso(year, month, day), "day")
    for m in _G_RANGE.finditer(norm):  # "من 15 إلى 21 يوليو": the first day is in that month too
        day, month = int(m.group(1)), _month_of(m.group(2), _GREG)
        year = int(m.group(3)) if m.group(3) else _infer_year(month, day, published)
        if year is not None and 1 <= day <= 31:
            add(m.span(1), _iso(year, month, day), "day")
    for m in _G_DATE.finditer(norm):
        day, month = int(m.group(1)), _month_of(m.group(2), _GREG)
        year = int(m.group(3)) if m.group(3) else _infer_year(month, day, published)
        if year is None:
            add(m, f"--{month:02d}-{day:02d}", None, "no year given and no publication date")
        else:
            add(m, _iso(year, month, day), "day")
    for m in _G_MONTH_YEAR.finditer(norm):
        add(m, f"{int(m.group(2)):04d}-{_month_of(m.group(1), _GREG):02d}", "month")
    for m in _G_NUMERIC.finditer(norm):
        if not _NUMERIC_RAW.fullmatch(text[index[m.start()]:index[m.end() - 1] + 1].strip()):
            continue  # three numbers in a row, not a date
        day, month, year = (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m.group(1) \
            else (int(m.group(6)), int(m.group(5)), int(m.group(4)))
        iso = _iso(year, month, day) if 1 <= month <= 12 else None
        if iso is not None:
            add(m, iso, "day")
    for m in _YEAR.finditer(norm):
        add(m, m.group(1), "year")
    for m in _BARE_YEAR.finditer(norm):  # "صيف 2012": a year without عام
        add(m, m.group(1), "year")
    for m in _G_MONTH_ALONE.finditer(norm):  # "في يوليو": a month without day or year
        if m.group(1) == "اب" and "آب" not in text[index[m.start(1)]:index[m.end(1) - 1] + 1]:
            continue  # folded, آب (August) is also أب (a father), إب (Ibb, a Yemeni province) and باب (a door)
        add(m, None, "month", None, key=f"mon:{_month_of(m.group(1), _GREG)}")
    for m in _RELATIVE.finditer(norm):
        phrase = m.group(1)
        if phrase == "امس" and norm.startswith((" الحاجه", " حاجه"), m.end()):
            continue  # "في أمس الحاجة": in most need, not yesterday
        if phrase == "الامس" and (norm.startswith((" القريب", " البعيد"), m.end())
                                  or re.search(r"(?:بين|ذكريات|صحيفه|صحف|اخبار) $", norm[:m.start()])):
            continue  # "حتى الأمس القريب": until recently; "بين الأمس واليوم", "صحف الأمس"
        if phrase == "غد" and norm[:m.start()].endswith("بعد "):
            continue  # بعد غد: the day after tomorrow
        if phrase == "اليوم" and _outlet(text, norm, index, m.start(1), m.end(1)):
            continue  # the newspapers Al-Yaum («اليوم», بجريدة اليوم) and Ain Alyoum (لعين اليوم), not "today"
        offset, precision = next((o, p) for f, o, p in _RELATIVE_AR if f == phrase)
        add(m, *_relative(offset, precision, published), key=f"rel:{offset}:{precision}")  # type: ignore[arg-type]
    for m in _WEEKDAY.finditer(norm):
        weekday = next(v for k, v in _WEEKDAYS_AR.items() if fold(k) == m.group(1))
        explicit = _explicit_after(found, index[m.end() - 1] + 1)
        if explicit is not None:  # "الجمعة 27 أكتوبر": the weekday names the explicit date
            add(m, *_named_day(list(_EN_WEEKDAYS)[weekday], explicit), key=f"wd:{weekday}")
        else:
            add(m, *_weekday(weekday, published), key=f"wd:{weekday}")
    return sorted(_anchored(found), key=lambda d: d.start)


def _outlet(text: str, norm: str, index: list[int], start: int, end: int) -> bool:
    """Whether the اليوم at ``norm[start:end]`` names a newspaper: quoted on both sides («اليوم»,
    "اليوم"), after صحيفة/جريدة (with a clitic: بجريدة), or Ain Alyoum (لعين اليوم, or عين اليوم
    opening a dateline "عين اليوم – واشنطن"); not a quotation that opens or closes on "today",
    nor the verb عين ("appointed today")."""
    o_s, o_e = index[start], index[end - 1] + 1
    before, after = text[:o_s].rstrip(" "), text[o_e:].lstrip(" ")
    if before[-1:] in ("«", '"', "“") and after[:1] in ("»", '"', "”"):
        return True
    prev = norm[:start].split()[-1:] or [""]
    if re.fullmatch(r"[وبل]?(?:صحيفه|جريده)|[بل]عين", prev[0]):
        return True
    return prev[0] == "عين" and (after[:1] in ("–", "-", ":") or not after)


def _anchored(found: list[ResolvedDate]) -> list[ResolvedDate]:
    """A relative day the article names right after (اليوم الخميس, أمس (الأحد)) is that weekday:
    the publication date a corpus gives is often a day or two after the day the report was written,
    and the weekday, not the publication date, says which day "today" was. The relative key stays,
    so an English "today" still renders اليوم."""
    weekdays = [d for d in found if d.key and d.key.startswith("wd:") and d.iso]
    out = []
    for d in found:
        if d.key and d.key.startswith("rel:") and d.key.endswith(":day"):
            w = next((w for w in weekdays if 0 <= w.start - d.end <= 3 and not w.text.startswith("و")), None)
            if w is not None:
                d = replace(d, iso=w.iso)
        out.append(d)
    return out


def _named_day(weekday: str, explicit: ResolvedDate) -> tuple[str | None, Precision | None, str | None]:
    """A weekday written next to an explicit date must be that date's weekday."""
    day = _as_day(explicit)
    if day is not None and day.weekday() != _EN_WEEKDAYS[weekday.lower()]:
        return None, None, f"{explicit.iso} is not a {weekday.capitalize()}"
    return explicit.iso, explicit.precision, None


def _explicit_after(found: list[ResolvedDate], pos: int) -> ResolvedDate | None:
    for d in found:
        if d.precision == "day" and d.key is None and 0 <= d.start - pos <= 3:
            return d
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _infer_year(month: int, day: int, published: dt.date | None) -> int | None:
    """A day and month without a year: the latest such date not after publication (+ a week's grace)."""
    if published is None:
        return None
    year = published.year
    try:
        if dt.date(year, month, day) > published + dt.timedelta(days=7):
            year -= 1
    except ValueError:
        return None
    return year


def _relative(offset: int, precision: str, published: dt.date | None) -> tuple[str | None, str | None, str | None]:
    if published is None:
        return None, None, "relative date, publication date unknown: unresolved"
    if precision == "day":
        return (published + dt.timedelta(days=offset)).isoformat(), "day", None
    if precision == "week":
        day = published + dt.timedelta(days=offset)
        return (day - dt.timedelta(days=day.weekday())).isoformat(), "week", None
    if precision == "month":
        month = published.month - 1 or 12
        year = published.year - (1 if published.month == 1 else 0)
        return f"{year:04d}-{month:02d}", "month", None
    return f"{published.year + offset:04d}", "year", None


def _weekday(weekday: int, published: dt.date | None) -> tuple[str | None, Precision | None, str | None]:
    """A bare weekday in a news report: the most recent such day on or before publication."""
    if published is None:
        return None, None, "weekday, publication date unknown: unresolved"
    back = (published.weekday() - weekday) % 7
    return (published - dt.timedelta(days=back)).isoformat(), "day", None


def _hijri_year(day: dt.date) -> int | None:
    try:
        from hijridate import Gregorian

        return int(Gregorian(day.year, day.month, day.day).to_hijri().year)
    except (ImportError, ValueError, OverflowError):
        return None


def _from_hijri(year: int, month: int, day: int) -> str | None:
    try:
        from hijridate import Hijri

        return str(Hijri(year, month, day).to_gregorian().isoformat())
    except (ImportError, ValueError, OverflowError):
        return None


# --------------------------------------------------------------------------- English side

_EN_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_EN_WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                            "sunday"])}
_M = "|".join(_EN_MONTHS)
# Hijri months as English writes them (Shawwal, Dhu al-Hijjah, Dhul-Qadah, Rabi' al-Awwal ...)
_EN_HIJRI = {
    1: ["Muharram"], 2: ["Safar"], 3: ["Rabi al-Awwal", "Rabi' al-Awwal", "Rabi I", "Rabi al-Awal"],
    4: ["Rabi al-Thani", "Rabi' al-Thani", "Rabi al-Akhir", "Rabi' al-Akhir", "Rabi II"],
    5: ["Jumada al-Awwal", "Jumada al-Ula", "Jumada al-Oula", "Jumada I"],
    6: ["Jumada al-Thani", "Jumada al-Akhirah", "Jumada al-Akhira", "Jumada II"], 7: ["Rajab"],
    8: ["Shaban", "Sha'ban", "Shaaban"], 9: ["Ramadan"], 10: ["Shawwal", "Shawal"],
    11: ["Dhu al-Qadah", "Dhu al-Qa'dah", "Dhul-Qadah", "Dhul Qadah", "Dhu al-Qidah", "Thul-Qidah"],
    12: ["Dhu al-Hijjah", "Dhul-Hijjah", "Dhul Hijjah", "Dhu al-Hijja", "Thul-Hijjah"],
}
_EN_HIJRI_MONTHS = {re.sub(r"[^a-z]", "", n.lower()): m for m, names in _EN_HIJRI.items() for n in names}
_HM = "|".join(re.escape(n).replace(r"\ ", r"[\s-]").replace("'", "'?")
               for n in sorted((n for ns in _EN_HIJRI.values() for n in ns), key=len, reverse=True))
_EN_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_HM}),? (\d{{4}})(?: ?(?:AH|H)\b)?", re.I), "hijri"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_HM})\b", re.I), "hijri"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_M}),? (\d{{4}})\b", re.I), "dmy"),
    (re.compile(rf"\b({_M}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b", re.I), "mdy"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_M})\b", re.I), "dm"),
    (re.compile(rf"\b({_M}) (\d{{1,2}})(?:st|nd|rd|th)?\b", re.I), "md"),
    (re.compile(rf"\b({_M}),? (\d{{4}})\b", re.I), "my"),
    (re.compile(r"\bthe day before yesterday\b", re.I), "rel:-2"),
    (re.compile(r"\byesterday\b", re.I), "rel:-1"),
    (re.compile(r"\btoday\b|\bthis (?:morning|evening|afternoon)\b|\btonight\b", re.I), "rel:0"),
    (re.compile(r"\btomorrow\b", re.I), "rel:1"),
    (re.compile(r"(?<!the )\blast week\b(?! of)", re.I), "week:-7"),
    (re.compile(r"\blast month\b", re.I), "month:-1"),
    (re.compile(r"\blast year\b", re.I), "year:-1"),
    (re.compile(r"\b(?:on |last )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I), "weekday"),
    (re.compile(r"\b(?:in|since|of|year) (1[89]\d\d|20\d\d)\b", re.I), "year"),
    # a month alone ("in July", "since May"): capitalized, so that the verb "may" is not taken
    (re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
                r"(?!-)"), "month"),
]


# newspapers named after a day: their weekday is no date
_EN_DAY_NAMES = re.compile(r"\b(?:Mail|Independent|Observer) on Sunday\b|"
                           r"(?<!\bon )(?<!\blast )(?<!\bthis )(?<!\bnext )(?<!\bby )"
                           r"\bSunday (?:Times|Telegraph|Express|Mirror|Morning Post|Herald)\b")


def resolve_english(text: str, published: dt.date | None) -> list[ResolvedDate]:
    found: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = [m.span() for m in _EN_DAY_NAMES.finditer(text)]
    for pattern, kind in sorted(_EN_PATTERNS, key=lambda p: p[1] == "weekday"):
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            iso, precision, note = _resolve_en(m, kind, published)
            if kind == "weekday" and (explicit := _explicit_after(found, e)) is not None:
                iso, precision, note = _named_day(m.group(1), explicit)
            key = None
            if kind == "month":
                if m.start() == 0 and m.group(1) == "May" and not re.match(r"May\s+(?:\d|of\b)", text):
                    continue  # "May God ...": the verb, at the start of a sentence
                key = f"mon:{_EN_MONTHS[m.group(1).lower()]}"
            elif kind == "weekday":
                key = f"wd:{_EN_WEEKDAYS[m.group(1).lower()]}"
            elif ":" in kind:
                unit, _, offset = kind.partition(":")
                key = f"rel:{offset}:{ {'rel': 'day'}.get(unit, unit) }".replace(" ", "")
            found.append(ResolvedDate(m.group(0), s, e, iso, precision, note, key))
    return sorted(found, key=lambda d: d.start)


def _resolve_en(m: re.Match[str], kind: str, published: dt.date | None) -> tuple[str | None, Precision | None,
                                                                                 str | None]:
    g = m.groups()
    if kind == "dmy":
        return _iso(int(g[2]), _EN_MONTHS[g[1].lower()], int(g[0])), "day", None
    if kind == "mdy":
        return _iso(int(g[2]), _EN_MONTHS[g[0].lower()], int(g[1])), "day", None
    if kind in ("dm", "md"):
        day, month = (int(g[0]), _EN_MONTHS[g[1].lower()]) if kind == "dm" else (int(g[1]), _EN_MONTHS[g[0].lower()])
        year = _infer_year(month, day, published)
        if year is None:
            return f"--{month:02d}-{day:02d}", None, "no year"
        return _iso(year, month, day), "day", None
    if kind == "my":
        return f"{int(g[1]):04d}-{_EN_MONTHS[g[0].lower()]:02d}", "month", None
    if kind == "hijri":  # 25 Shawwal 1436 AH: converted with the Umm al-Qura calendar
        h_month = _EN_HIJRI_MONTHS.get(re.sub(r"[^a-z]", "", g[1].lower()))
        h_year = int(g[2]) if len(g) > 2 and g[2] else (_hijri_year(published) if published else None)
        iso = _from_hijri(h_year, h_month, int(g[0])) if h_year and h_month else None
        return (iso, "day", None) if iso else (None, None, "Hijri date without a year and no publication date")
    if kind == "year":
        return g[0], "year", None
    if kind == "month":
        return None, "month", None
    if kind == "weekday":
        return _weekday(_EN_WEEKDAYS[g[0].lower()], published)
    unit, _, offset = kind.partition(":")
    precision = {"rel": "day", "week": "week", "month": "month", "year": "year"}[unit]
    return _relative(int(offset), precision, published)  # type: ignore[return-value]


def _month(iso: str) -> int | None:
    """The month of "2017-10-27", "2017-10" or "--10-27"; None for a year or a week."""
    part = iso[2:4] if iso.startswith("--") else iso[5:7]
    return int(part) if part.isdigit() else None


def supports(en: ResolvedDate, spans: list[ResolvedDate]) -> bool:
    """Whether an English date is backed by one of the dates in the cited Arabic spans."""
    if en.key and en.key.startswith("mon:"):  # a month alone: any date of that month in the spans
        month = int(en.key[4:])
        return any(ar.key == en.key or (ar.iso is not None and _month(ar.iso) == month) for ar in spans)
    if en.key and en.key.startswith("wd:") and re.sub(r"^on ", "", en.text.lower()) in _EN_WEEKDAYS \
            and any(ar.key == en.key for ar in spans):
        return True  # a bare weekday the spans name too: the same day, whichever week the dates put it in
    if en.key and en.key.startswith("rel:") and any(ar.key == en.key for ar in spans):
        return True  # "today" renders اليوم, whichever day a weekday beside it makes it
    # a month the English gives must be one the spans give, when they give one: "October 2014" is not
    # backed by عام 2014 in a span that says أغسطس
    months = {_month(ar.iso) for ar in spans if ar.iso and ar.key is None and ar.precision in ("day", "month")} \
        | {int(ar.key[4:]) for ar in spans if ar.key and ar.key.startswith("mon:")}
    if months and en.iso and en.precision in ("day", "month") and _month(en.iso) not in months:
        return False
    if en.precision == "day" and any(ar.precision == "day" and ar.iso for ar in spans):
        # a day the spans give days beside: one of those days, not the week around it ("on Friday"
        # is not "last week" beside يوم الثلاثاء)
        spans = [ar for ar in spans if ar.precision != "week"]
    for ar in spans:
        if en.iso and ar.iso and en.iso.startswith("--") != ar.iso.startswith("--"):
            continue
        if en.covers(ar):
            return True
        if en.iso is None and ar.iso is None and en.key is not None and en.key == ar.key:
            return True  # both unresolved (no publication date): the same relative expression
    return False
