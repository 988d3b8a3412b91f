"""Verify: ``SummaryBatch`` -> ``SummaryBatch`` with every claim checked against its Arabic source.

For each claim:

1. every Arabic quote is located in the article on a normalized form (``arabic.locate``) and
   its span stored as offsets into the original text;
2. the closed-book guard (``guard``) checks that every number, date, name and polarity in
   ``text_en`` (and the names in ``attributed_to``) is supported by those spans.

A claim with any problem is ``unverified``: kept, shown and counted, never presented as fact.
Entities whose Arabic form is in the registry get its canonical English name; date mentions
are resolved against the publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache

from . import dates
from .arabic import fold, locate_parts
from .chunk import sentences
from .guard import CONTEXT_KINDS, SPEECH, Problem, check, guard, is_speaker
from .models import (
    Article,
    ArticleDraft,
    ArticleSummary,
    BlufPoint,
    ChunkedArticle,
    Claim,
    DateMention,
    Entity,
    Evidence,
    SummaryBatch,
)
from .names import arabic_in_span, ascii_key, check_names, gazetteer, is_institution, is_place, pair_ok
from .numbers import english_numbers, phrase_numbers, unsupported_numbers
from .registry import Entry, Registry, packaged


def check_claim(claim: Claim, article: Article, registry: Registry, others: Sequence[Article] = (),
                pairs: Sequence[tuple[str, str]] = (), places: Sequence[tuple[str, str]] = ()) -> Claim:
    """Locate the claim's quotes (in its article, else in the story's other articles) and guard it.

    A detail (number, date, name) that the quotes do not state but the same article does, in a
    sentence or its title, makes the claim ``supported``: that sentence is added as evidence
    (``added_by_check``). ``pairs``: the model's own (Arabic, English) names for the article;
    ``places``: those of them it listed as places."""
    evidence: list[Evidence] = []
    problems: list[str] = []
    spans: list[str] = []
    for ev in (e for e in claim.evidence if not e.added_by_check):
        found = None
        for candidate in (article, *others):
            parts = locate_parts(ev.quote_ar, candidate.text)
            if parts is not None:
                found = (candidate, parts)
                break
        if found is None:
            problems.append(f"evidence not found in the article: «{_short(ev.quote_ar)}»")
            evidence.append(Evidence(quote_ar=ev.quote_ar))
        else:
            where, parts = found
            evidence.append(Evidence(quote_ar=ev.quote_ar, start=parts[0][0], end=parts[-1][1],
                                     parts=parts if len(parts) > 1 else [],
                                     article_id=None if where.id == article.id else where.id))
            spans += [where.text[s:e] for s, e in parts]
    if not claim.evidence:
        problems.append("no evidence quoted")
    added: list[Evidence] = []
    if spans:
        attribution = None if claim.attributed_to.strip().lower() in _GENERIC else claim.attributed_to
        text_en = claim.text_en
        if article.source:  # the outlet may name itself ("told Al-Hayat"); it need not be in the quote
            outlet = _outlet_pattern(article.source)
            text_en = outlet.sub("the outlet", text_en)
            attribution = outlet.sub("the outlet", attribution) if attribution else None

        found_problems = check(text_en, spans, published=article.published, registry=registry,
                               attributed_to=attribution, article_text=article.text, stance=claim.stance, pairs=pairs)
        if found_problems:
            cited = [(e.start, e.end) for e in evidence
                     if e.start is not None and e.end is not None and e.article_id is None]
            found_problems, added = _with_context(found_problems, spans, article, registry, pairs, text_en, cited,
                                                  attribution or "", places)
            if problems:  # a quote not found: the claim stays unverified, with only what context cannot meet
                added = []
        problems += [p.message for p in found_problems]
    status = "unverified" if problems else "supported" if added else "verified"
    return claim.model_copy(update={"evidence": evidence + added, "problems": problems, "status": status})


# outlets whose English name is not their source id spelled out (aawsat is Asharq Al-Awsat, 3alyoum
# is عين اليوم, Ain Alyoum; was is واس, the Saudi Press Agency)
_OUTLET_NAMES = {"aawsat": ["asharq al-awsat", "asharq alawsat"], "aleqtisadiya": ["al-eqtisadiah", "al-iqtisadiah",
                 "al-eqtisadiya", "al-iqtisadiya", "aleqtisadiah"],
                 "3alyoum": ["ain alyoum", "ain alyaum", "ain alyawm", "ain alyom"],
                 "was": ["saudi press agency", "spa"], "arreyadi": ["arriyadi", "alriyadi", "arriyadhi"]}


@cache
def _outlet_pattern(source: str) -> re.Pattern[str]:
    """How a claim may name the article's own outlet: its source id ("okaz", "alriyadh" as
    Al-Riyadh or Al Riyadh) or its English name."""
    # (not the id "was", which is an English word: واس is "SPA")
    names = [*([source.lower()] if source.lower() != "was" else []), *_OUTLET_NAMES.get(source.lower(), [])]
    parts = [r"(?:al[- ]?)?" + r"[- ]?".join(map(re.escape, re.sub(r"^al[- ]?", "", name.replace(" ", ""))))
             for name in names]
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.I)


def _with_context(problems: list[Problem], spans: list[str], article: Article, registry: Registry,
                  pairs: Sequence[tuple[str, str]], text_en: str, cited: Sequence[tuple[int, int]],
                  attributed_to: str = "", places: Sequence[tuple[str, str]] = ()
                  ) -> tuple[list[Problem], list[Evidence]]:
    """Look for each missing detail elsewhere in the article: the shortest sentence (or the title)
    that states it is added as evidence. Polarity and stance stay judged on the cited spans alone.

    A detail is not taken from elsewhere when it looks like a substitution: the cited spans state
    a figure (or name a place or party) that the claim leaves out, so the claim's own figure (or
    name) probably replaced it.

    A name may be stated anywhere in the article, and so may an age ("the 24-year-old"): Arabic
    reports name and describe a person, a body or a town once, where they introduce it, and quote
    or refer back to it for paragraphs. Not so a name the claim makes the speaker, unless the
    claim's attribution (``attributed_to``) carries it too (the speaker or a word of their
    description, "head of the Diyala appeals court"): a party made to say what another said is
    the fabrication to catch. Figures and dates come from the title, the lede and the sentences
    around the quotes only (``_context_candidates``)."""
    fixed = [p for p in problems if p.kind not in CONTEXT_KINDS]
    todo = [p for p in problems if p.kind in CONTEXT_KINDS]
    if fixed or not todo:
        return problems, []
    substituted = _substituted(text_en, spans, article, registry, pairs, places)
    # the claim's own speaker, named in its attribution, is not a name swapped into its text, unless
    # the spans have someone else speak
    # whether the quotes' sentences (with a «قال X إن» the quote may have left out) have another speak
    holding = [article.text[s:e] for s, e in sentences(article.text) if any(s < y and x < e for x, y in cited)]
    rival = _rival_speaker(text_en, holding or spans, pairs)
    swapped = [p for p in todo if _kind_of(p, registry, places) in substituted
               and not (p.kind == "name" and attributed_to and _names_same(p.part or p.detail, attributed_to)
                        and is_speaker(p.detail, text_en) and not rival)]
    if swapped:
        what = {"number": "figure", "date": "date", "place": "place", "party": "person or body"}
        return _explain(problems, {p: f"the quotes give another {what[_kind_of(p, registry, places)]} that the claim "
                                      "leaves out: a possible swap" for p in swapped}, article, registry, pairs), []
    candidates = _context_candidates(article, cited)
    narrow = _context_candidates(article, cited, whole_sentence=False)  # for figures: not the sentence's other clauses
    chosen: list[tuple[str, int, int, bool]] = []
    for problem in todo:
        speaks = problem.kind == "name" and is_speaker(problem.detail, text_en)
        # the claim's own speaker (or their description) may be named anywhere; an institution made
        # the speaker ("the Houthis said") must be one in its context sentence; a person's name is
        # specific enough
        own_speaker = problem.kind == "name" and _names_same(problem.part or problem.detail, attributed_to)
        speaker = speaks and is_institution(problem.detail, registry)
        age = problem.kind == "number" and _is_age(problem.detail, text_en)  # given where a person is introduced
        # a name may be stated anywhere: Arabic reports name a person, a body or the city once, where
        # they introduce it, and a swapped name is caught as a substitution (above). Not a name the
        # claim makes its speaker unless it is the claim's own (its attribution), a place, another
        # name of someone ("known as Umm Adam") or the body the spans refer to by its kind noun
        anaphor = problem.kind == "name" and _anaphor(problem, spans, registry, article.text,
                                                      min((s for s, _ in cited), default=0))
        anywhere = age or anaphor or (problem.kind == "name" and (
            not speaks or own_speaker or _kind_of(problem, registry, places) == "place"
            or _is_alias(problem, text_en)))
        # far from the quotes, a person must be one the spans refer back to (a word of their Arabic
        # name: خان for Junaid Khan), and an age the article's only one: a name or an age put on the
        # unnamed "local official" of the quote is the slip to catch
        person = problem.kind == "name" and not own_speaker and _kind_of(problem, registry, places) != "place" \
            and (not is_institution(problem.detail, registry) or _armed_group(problem, registry))
        far = anywhere and (not person or anaphor or _referred_to(problem, spans, pairs, holding)) \
            and (not age or _ages(article.text) == 1)
        near = narrow if problem.kind in ("number", "date") else candidates
        pool = _context_candidates(article, [(0, len(article.text))]) if far else near
        if age and far:  # not an age given in a sentence about someone the claim and the quotes do not name
            pool = [c for c in pool if c in near or not _someone_else(c[0], text_en, spans, pairs, registry, places)]
        # a sentence added for another detail may state this one too, if it is one this detail may come from
        if any(_states(problem, c[0], article.published, registry, speaker, pairs, age)
               for c in chosen if far or c in near):
            continue
        for candidate in pool:
            if candidate not in chosen and _states(problem, candidate[0], article.published, registry, speaker,
                                                   pairs, age):
                chosen.append(candidate)
                break
        else:
            why = ("the claim has them say it; the quotes do not" if problem.kind == "name" and not anywhere
                   else "a person named far from the quotes, which do not refer back to them"
                   if problem.kind == "name" and not far
                   else "far from the quotes, where a figure or a date is often another event's"
                   if problem.kind in ("number", "date") and not far else "")
            return _explain(problems, {problem: why} if why else {}, article, registry, pairs), []
    return [], [Evidence(quote_ar=text, start=start, end=end, added_by_check=True, in_title=in_title)
                for text, start, end, in_title in chosen]


def _explain(problems: list[Problem], refused: Mapping[Problem, str], article: Article, registry: Registry,
             pairs: Sequence[tuple[str, str]]) -> list[Problem]:
    """Say, of each detail ``refused`` maps (to why it was not taken as context) that the article
    does state somewhere, where: the shortest sentence (or the title). A reviewer then sees in one
    line whether the claim is a slip or a true detail from elsewhere. The status is unchanged."""
    if not refused:
        return problems
    out = []
    pieces = _context_candidates(article, [(0, len(article.text))])
    for problem in problems:
        why = refused.get(problem)
        found = why and next((text for text, *_ in pieces
                              if _states(problem, text, article.published, registry, False, pairs)), None)
        if found:
            found = _BIDI.sub("", found).rstrip("،,.:؛ ")
            quote = found if len(found) <= 90 else found[:87].rsplit(" ", 1)[0] + " …"
            problem = replace(problem, message=f"{problem.message} (the article states it elsewhere, "
                                               f"«{quote}», not taken as context: {why})")
        out.append(problem)
    return out


_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _kind_of(problem: Problem, registry: Registry, places: Sequence[tuple[str, str]] = ()) -> str:
    """number, date, place (a registered or gazetteer place, or one the model listed as a place
    whose pair holds across scripts: Logar = لوغار) or party (any other name)."""
    if problem.kind != "name":
        return problem.kind
    name = re.sub(r"['’]s$", "", problem.part or problem.detail)
    entry = registry.by_english(name)
    if (entry is not None and entry.kind == "place") or is_place(name):
        return "place"
    if any(ascii_key(english) == ascii_key(name) and pair_ok(english, arabic) for arabic, english in places):
        return "place"
    return "party"


# the nouns Arabic reports use to refer back to a body once named: الحركة, التنظيم, الوزارة ...
_KIND_NOUNS = frozenset(fold(w) for w in (
    "تنظيم", "حركة", "جماعة", "جبهة", "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "حزب", "منظمة", "هيئة", "وزارة",
    "مجلس", "شركة", "بنك", "مصرف", "جيش", "قوات", "وكالة", "صحيفة", "مؤسسة", "جامعة", "لجنة", "محكمة", "اتحاد"))


def _anaphor(problem: Problem, spans: Sequence[str], registry: Registry, text: str, quote_at: int) -> bool:
    """Whether the spans refer to the registered body the claim names by its kind, as Arabic
    reports do once it is named ("التنظيم" for ISIS, "الحركة" for the Taliban): the head word of
    one of its Arabic names, or the noun the article puts before its name (حركة طالبان), made
    definite, and it is the body of that kind the article named last before the quote (not AQAP
    for التنظيم when ISIS was named since). Its name may then come from anywhere."""
    if problem.kind != "name":
        return False
    entry = registry.by_english(re.sub(r"['’]s$", "", problem.part or problem.detail))
    if entry is None or entry.kind in ("place", "person"):
        return False
    folded = " ".join(fold(s) for s in spans)
    before = fold(text[:quote_at])
    named = _bodies_named(before, registry)  # (position, head, entry) of each body named before the quote
    for head in {h for _, h, e in named if e is entry}:
        if not re.search(rf"(?<!\S)(?:[وف]?(?:ال|بال|لل|كال)){re.escape(head)}(?!\S)", folded):
            continue
        last = max(((p, e) for p, h, e in named if h == head), key=lambda t: t[0])[1]
        if last is entry:
            return True
    return False


def _bodies_named(folded_text: str, registry: Registry) -> list[tuple[int, str, Entry]]:
    """Where each registered body is named, with the kind noun it goes by: the head word of one
    of its Arabic names (تنظيم of تنظيم الدولة) or the noun put before its name (حركة طالبان)."""
    out: list[tuple[int, str, Entry]] = []
    for entry in registry.entries:
        if entry.kind in ("place", "person"):
            continue
        heads = {fold(form).split()[0] for form in entry.arabic if " " in form.strip()}
        heads = {h for h in heads if not h.startswith("ال") and len(h) >= 3}
        for form in entry.arabic:
            core = re.escape(fold(form))
            for m in re.finditer(rf"(?:(\S+) )?(?:[وفبل]?(?:ال)?){core}(?!\S)", folded_text):
                word = re.sub(r"^[وفبل]", "", m.group(1) or "")
                for head in heads | ({word} if word in _KIND_NOUNS else set()):
                    out.append((m.start(), head, entry))
    return out


def _is_alias(problem: Problem, text_en: str) -> bool:
    """Whether the claim gives the name as another name of someone: "known as X", "alias X"."""
    return problem.kind == "name" and re.search(
        rf"\b(?:known as|nicknamed|dubbed|alias|also called|aka) (?:the )?{re.escape(problem.detail)}", text_en,
        re.I) is not None


def _names_same(name: str, attributed_to: str) -> bool:
    """Whether the claim's ``attributed_to`` names the same party as ``name`` (its last word)."""
    words = [re.sub(r"^(?:al|el|ad|as|ash|az|an|ar|at)-", "", w, flags=re.I) for w in re.findall(r"[\w'-]+", name)]
    words = [w for w in words if len(w) > 2]
    # al-Mazrouei and Mazrouei are the same name
    return bool(words) and re.search(rf"(?<![\w]){re.escape(words[-1])}(?![\w-])", attributed_to, re.I) is not None


def _rival_speaker(text_en: str, spans: Sequence[str], pairs: Sequence[tuple[str, str]]) -> bool:
    """Whether the spans have a party the claim does not name speak: one of the model's names
    within four words after a verb of saying (وقال القيادي عبده الحذيفي إن ...)."""
    low = text_en.lower()
    for span in spans:
        words = fold(span).split()
        for i, word in enumerate(words):
            if not SPEECH.fullmatch(word):
                continue
            after = " ".join(words[i + 1:i + 6])
            for arabic, english in pairs:
                if arabic_in_span(fold(arabic), after) and not any(
                        re.search(rf"\b{re.escape(w.lower())}\b", low) for w in english.split() if len(w) > 3):
                    return True
    return False


def _span_words(spans: Sequence[str]) -> set[str]:
    """The spans' folded words, with and without a leading و ف ب ل."""
    words = set(" ".join(fold(s) for s in spans).split())
    return words | {re.sub(r"^[وفبل]", "", w) for w in words}


def _referred_to(problem: Problem, spans: Sequence[str], pairs: Sequence[tuple[str, str]],
                 holding: Sequence[str] = ()) -> bool:
    """Whether the spans refer to the person ``problem`` names by a word of their Arabic name in
    one of the model's pairs (وذكر أن خان ... for Junaid Khan, named paragraphs before); not by a
    word of another person the quotes' sentences (``holding``) name in full (محمد of محمد عبد الرحمن
    is no anchor for Mohammed Badie)."""
    key = ascii_key(problem.part or problem.detail)
    words = _span_words(spans)
    theirs = {w for arabic, english in pairs for w in fold(arabic).split()
              if english and ascii_key(english) not in ascii_key(problem.detail)
              and any(arabic_in_span(fold(arabic), fold(h)) for h in holding)}
    return any(_word_of(arabic, words, theirs) for arabic, english in pairs
               if (key and key in ascii_key(english)) or ascii_key(english) in ascii_key(problem.detail))


def _word_of(arabic: str, words: set[str], skip: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether ``words`` hold a word of the Arabic name (three letters or more, with or without ال),
    not one in ``skip``."""
    own = [re.sub(r"^ال", "", w) for w in fold(arabic).split()]
    return any(len(w) >= 3 and (w in words or "ال" + w in words) and w not in skip and "ال" + w not in skip
               for w in own)


def _armed_group(problem: Problem, registry: Registry) -> bool:
    """Whether the name is a registered armed group (ISIS, the Houthis): the party most often put
    as the actor of an attack it is not named in."""
    entry = registry.by_english(re.sub(r"^the ", "", re.sub(r"['’]s$", "", problem.detail), flags=re.I))
    return entry is not None and entry.kind == "armed_group"


def _someone_else(sentence: str, text_en: str, spans: Sequence[str], pairs: Sequence[tuple[str, str]],
                  registry: Registry, places: Sequence[tuple[str, str]]) -> bool:
    """Whether ``sentence`` names a person (one of the model's pairs) that neither the claim nor
    the spans name: an age it gives is then that person's."""
    low = text_en.lower()
    words = _span_words(spans)
    folded = fold(sentence)
    for arabic, english in pairs:
        if not arabic_in_span(fold(arabic), folded) or is_institution(english, registry) or is_place(english) \
                or any(ascii_key(e) == ascii_key(english) for _, e in places):
            continue
        named = any(re.search(rf"\b{re.escape(w.lower())}\b", low) for w in english.split() if len(w) > 3)
        if not named and not _word_of(arabic, words):
            return True
    return False


_AGE = re.compile(r"(?<!\S)(?:العمر|عمره|عمرها|البالغ|البالغه|يبلغ|تبلغ)(?: \S+)?? (\d{1,3}) (?:عاما|عام|سنه)(?!\S)")


def _age_figures(text: str) -> list[str]:
    """The ages a text gives: "البالغ من العمر 24 عاما", "عمره 17 عاما", "(24 عاما)"."""
    return _AGE.findall(fold(re.sub(r"\(\s*(?=[\d٠-٩]{1,3}\s*(?:عام|سن))", " العمر ", text)))


def _ages(text: str) -> int:
    """How many ages the article gives."""
    return len(_age_figures(text))


def _is_age(number: str, text_en: str) -> bool:
    """Whether the claim gives ``number`` as someone's age ("the 24-year-old", "Hashemi, 45,")."""
    n = re.escape(number)
    return re.search(rf"(?<![\d.,]){n}-year-old|\baged {n}\b|\b{n} years old\b|\w, {n},", text_en) is not None


def _states(problem: Problem, sentence: str, published: dt.date | None, registry: Registry,
            speaker: bool = False, pairs: Sequence[tuple[str, str]] = (), age: bool = False) -> bool:
    """Whether ``sentence`` states the detail ``problem`` is about: the part of the name the spans
    lack ('Defense' of 'Saudi Defense Minister Mohammed bin Salman'), without fuzzy transliteration
    (a sentence has many words to match by chance) but with the model's own pairs; the number; the
    date. A name the claim makes its speaker must be one in the sentence too (a verb of saying,
    بحسب, بيان)."""
    if problem.kind == "name":
        folded = fold(sentence)
        if speaker and not SPEECH.search(folded):
            return False
        # "at ": so that the name is not taken for a capitalized word opening a sentence
        return not check_names("at " + (problem.part or problem.detail), folded, registry, pairs, strict=True)
    if problem.kind == "number" and age:  # an age, stated where the person is introduced: "(24 عاما)"
        return problem.detail in _age_figures(sentence)
    if problem.kind == "number":
        return not unsupported_numbers(problem.detail, [sentence], [])
    if problem.kind == "date":
        found = dates.resolve_english(problem.detail, published)
        return bool(found) and dates.supports(found[0], dates.resolve_arabic(sentence, published))
    return False


# a sentence that continues someone's statement without naming them, and one that says who spoke
_CONTINUES = re.compile(r"(?<!\S)[وف]?(?:اضاف|واضاف|تابع|اوضح|اشار|لفت|بين|مضيفا|موضحا|مشيرا|مبينا|لافتا|متابعا|"
                        r"واكد|اكد|مؤكدا|موكدا|ولفت|واشار|واوضح|وتابع)(?:ت)?(?!\S)")
_SAYS = re.compile(r"(?<!\S)[وف]?(?:قال|قالت|اعلن|اعلنت|صرح|صرحت|ذكر|ذكرت|افاد|افادت)(?!\S)")


def _context_candidates(article: Article, cited: Sequence[tuple[int, int]],
                        whole_sentence: bool = True) -> list[tuple[str, int, int, bool]]:
    """Where the article may state a detail the quotes leave out: its title, its lede (first two
    clauses), the clause before each quote and the one holding it, and (``whole_sentence``) every
    other clause of the sentence holding it (a clause ends at a comma too: ``chunk.sentences``), as
    (text, start, end, in title), shortest first. Not any sentence of the article: a figure or a
    date from an unrelated paragraph is more likely a slip than context (a name is looked for in
    every sentence, ``_with_context``); nor, for a figure, another clause of the quote's sentence,
    which often gives the figure of another group or town ("three were killed in X, and five in Y")."""
    pieces = [(s, e) for s, e in sentences(article.text) if len(article.text[s:e].strip()) >= 8]
    keep = set(range(min(2, len(pieces))))
    # the whole sentence holding a quote, every clause of it (``sentences`` cuts at commas too)
    holding = [(s, e) for s, e in sentences(article.text, clauses=False)
               if whole_sentence and any(s < y and x < e for x, y in cited)]
    keep |= {n for n, (s, e) in enumerate(pieces) if any(hs <= s and e <= he for hs, he in holding)}
    for start, end in cited:
        for n, (s, e) in enumerate(pieces):
            if s < end and start < e:
                keep |= {n - 1, n}
                if _CONTINUES.search(fold(article.text[s:e])):
                    # "وأضاف ...": the speaker was named earlier; every sentence back to the
                    # last one that names a speaker with "قال" is the same statement
                    back = n - 1
                    while back >= 0:
                        keep.add(back)
                        if _SAYS.search(fold(article.text[pieces[back][0]:pieces[back][1]])):
                            break
                        back -= 1
    out = []
    for n in sorted(k for k in keep if 0 <= k < len(pieces)):
        s, e = pieces[n]
        raw = article.text[s:e]
        lead = len(raw) - len(raw.lstrip())
        out.append((raw.strip(), s + lead, s + len(raw.rstrip()), False))
    if article.title and article.title.strip():
        title = article.title.strip()
        out.append((title, 0, len(title), True))
    return sorted(out, key=lambda c: len(c[0]))


_DIGITS = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d.,])")


_FINENESS = {"day": 0, "week": 1, "month": 2, "year": 3}  # a claim's date gives the quote's only as finely


def _substituted(text_en: str, spans: list[str], article: Article, registry: Registry,
                 pairs: Sequence[tuple[str, str]], places: Sequence[tuple[str, str]] = ()) -> set[str]:
    """Kinds of detail the claim may have swapped (number, date, place, party): the spans state a
    figure or a date, or name a town or a party (registered, or one of the model's pairs), that
    the claim does not mention."""
    out: set[str] = set()
    folded = " ".join(fold(s) for s in spans)
    span_dates = [d for s in spans for d in dates.resolve_arabic(s, article.published)]
    claim_dates = dates.resolve_english(text_en, article.published) if span_dates else []
    if any(not any(dates.supports(e, [d]) and _FINENESS.get(e.precision or "", 9) <= _FINENESS.get(d.precision or "", 9)
                   for e in claim_dates) for d in span_dates):
        out.add("date")  # the spans give a date the claim does not give: the claim's is probably a swap
    date_parts = {n for d in span_dates for n in _DIGITS.findall(fold(d.text))}
    claimed = {v for _, v in english_numbers(text_en) if isinstance(v, float)}
    stated = {float(raw.replace(",", "")) for raw in _DIGITS.findall(folded)
              if raw not in date_parts and raw.count(",") <= 1 and "." not in raw}
    stated |= set(phrase_numbers(tuple(spans)))
    if any(v > 2 and not 1900 <= v <= 2100 and v not in claimed for v in stated):
        out.add("number")  # the spans state a figure the claim leaves out
    low = text_en.lower()
    countries = {c.lower() for c in gazetteer().get("countries", {})}
    for entry in registry.in_text(folded):
        if entry.ordinary or any(f.lower() in low for f in entry.english_forms):
            continue
        if entry.kind == "place" and entry.english.lower() not in countries:
            out.add("place")  # a town the span names and the claim does not (a country is often an adjective)
        elif entry.kind in ("armed_group", "person"):
            out.add("party")
    for arabic, english in pairs:
        if english and english.lower() not in low and arabic_in_span(fold(arabic), folded) \
                and not any(re.search(rf"\b{re.escape(w.lower().removesuffix('s'))}s?\b", low)
                            for w in english.split() if len(w) > 3) \
                and english.lower() not in countries:
            out |= {"place"} if is_place(english) else {"place", "party"}  # a village the gazetteer lacks
    return out


_GENERIC = {"the outlet", "the newspaper", "the article", "the report", "the author"}


def verify_summary(summary: ArticleSummary, article: Article, registry: Registry | None = None,
                   others: Sequence[Article] = ()) -> ArticleSummary:
    reg = registry or packaged()
    pairs, places = _model_names(summary)
    claims = [check_claim(c, article, reg, others, pairs, places) for c in summary.claims]
    spans = _verified_spans(claims, {a.id: a for a in (article, *others)})
    summary_problems = [p for text in (summary.headline_en, summary.summary_en)
                        for p in guard(text, spans, published=article.published, registry=reg, polarity=False)]
    return summary.model_copy(update={
        "claims": claims,
        "entities": [_canonical(e, reg) for e in summary.entities],
        "dates": [_resolve(d, article) for d in summary.dates],
        "summary_problems": list(dict.fromkeys(summary_problems)),
    })


def _verified_spans(claims: list[Claim], articles: Mapping[str, Article]) -> list[str]:
    """The evidence texts of the claims that passed (verified, or verified with context)."""
    out = []
    for c in claims:
        if c.status not in ("verified", "supported"):
            continue
        for e in c.evidence:
            article = articles.get(e.article_id or c.article_id)
            if article is None or e.start is None or e.end is None:
                continue
            source = (article.title or "") if e.in_title else article.text
            out += [source[s:t] for s, t in e.parts or [(e.start, e.end)]]
    return out


def verify_bluf(bluf: list[BlufPoint], summaries: list[ArticleSummary], articles: Mapping[str, Article],
                registry: Registry | None = None) -> list[BlufPoint]:
    """A bottom-line sentence is verified when its cited claims are, and they support its details."""
    reg = registry or packaged()
    claims = {c.id: c for s in summaries for c in s.claims}
    out = []
    for point in bluf:
        cited = [claims[i] for i in point.claim_ids if i in claims]
        problems = [f"cites unknown claim {i}" for i in point.claim_ids if i not in claims]
        problems += [f"rests on unverified claim {c.id}" for c in cited if c.status not in ("verified", "supported")]
        if cited:
            published = articles[cited[0].article_id].published
            problems += guard(point.text_en, _verified_spans(cited, articles), published=published, registry=reg,
                              polarity=False)
        status = "unverified" if problems or not cited else \
            "supported" if any(c.status == "supported" for c in cited) else "verified"
        out.append(point.model_copy(update={"status": status, "problems": problems}))
    return out


def warm_up() -> None:
    """Load the checker's tables now (the English word list, demonyms, the gazetteer: about 0.35 s),
    e.g. in a thread while the model is waited for, rather than when the first draft comes back
    on the critical path."""
    from . import names

    names._common_words()
    names._demonym_stems()
    names.gazetteer()


def forget() -> None:
    """Drop the checks' memo tables (the located texts, the guard's answers): once a briefing is
    verified they only hold memory that rendering can use."""
    from . import arabic, guard, numbers

    arabic._normalized.cache_clear()
    guard._check.cache_clear()
    numbers.phrase_numbers.cache_clear()


def verify(batch: SummaryBatch, articles: Mapping[str, Article], registry: Registry | None = None) -> SummaryBatch:
    reg = registry or packaged()
    return batch.model_copy(update={"summaries": [verify_one(s, articles, reg) for s in batch.summaries]})


def check_edit(claim: Claim, summary: ArticleSummary, articles: Mapping[str, Article],
               registry: Registry | None = None) -> Claim:
    """A reviewer's edit of one of ``summary``'s claims, checked as generation checks claims: against
    its article and the other reports of its story."""
    reg = registry or packaged()
    others = [articles[i] for i in summary.story_article_ids[1:] if i in articles]
    pairs, places = _model_names(summary)
    return check_claim(claim, articles[summary.article_id], reg, others, pairs, places)


def verify_one(summary: ArticleSummary, articles: Mapping[str, Article], registry: Registry) -> ArticleSummary:
    """One summary, against its article and the other reports of its story."""
    others = [articles[i] for i in summary.story_article_ids[1:] if i in articles]
    return verify_summary(summary, articles[summary.article_id], registry, others)


def _canonical(entity: Entity, registry: Registry) -> Entity:
    entry = registry.by_arabic(entity.name_ar)
    if entry is None:
        return entity.model_copy(update={"registered": False})
    return entity.model_copy(update={"name_en": entry.english, "registered": True})


def _resolve(mention: DateMention, article: Article) -> DateMention:
    found = dates.resolve_arabic(mention.text_ar, article.published)
    if not found:
        return mention.model_copy(update={"iso": None, "precision": None, "note": "not a recognised date form"})
    d = found[0]
    return mention.model_copy(update={"iso": d.iso, "precision": d.precision, "note": d.note})


def draft_problems(item: ChunkedArticle, draft: ArticleDraft, registry: Registry | None = None) -> list[str]:
    """Problems in a fresh draft worth a re-ask: quotes not in the article, unsupported details."""
    reg = registry or packaged()
    pairs, places = _model_names(draft)
    out = []
    for n, c in enumerate(draft.claims):
        claim = Claim(id="draft", article_id=item.article.id, text_en=c.text_en, attributed_to=c.attributed_to,
                      stance=c.stance, evidence=[Evidence(quote_ar=q) for q in c.evidence])
        for problem in check_claim(claim, item.article, reg, pairs=pairs, places=places).problems:
            out.append(f"claims[{n}] ({_short(c.text_en, 60)}): {problem}")
    return out


def _model_names(summary: ArticleSummary | ArticleDraft) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The model's own (Arabic, English) names of an article: all of them, and its places."""
    places = [(p.name_ar, p.name_en) for p in summary.places]
    return [(e.name_ar, e.name_en) for e in summary.entities] + places, places


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
