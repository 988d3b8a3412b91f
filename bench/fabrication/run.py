"""Fabrication benchmark for the grounding checks (``briefing verify``'s claim checker).

Faithful claims, written by hand with verbatim Arabic evidence (the sample articles'
reference answers and ``faithful.yaml`` from the SaudiNewsNet corpus), are checked as they are
(any flag is a false alarm), then with one fabrication injected at a time:

    number   a number in the English changed (digits or words)
    date     a date shifted (a day, a weekday, a year; "yesterday" -> "the day before yesterday")
    place    a place the cited Arabic does not name, inserted ("... in Aleppo")
    person   a person the cited Arabic does not name, inserted ("..., according to Haider al-Abadi")
    negation the polarity flipped (asserted -> not / denied, denied -> confirmed)
    actor    the claim (a figure or statement) attributed to the wrong actor

Detection = the fabricated claim comes out ``unverified``. Run:

    .venv/bin/python bench/fabrication/run.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefing import dates
from briefing.guard import english_numbers
from briefing.models import Article, Claim, Evidence
from briefing.registry import packaged
from briefing.verify import check_claim

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
KINDS = ("number", "date", "place", "person", "negation", "actor")
PLACES = ["Aleppo", "Tikrit", "Kirkuk", "Aden", "Homs", "Fallujah", "Idlib", "Palmyra", "Baghdad", "Sanaa"]
PEOPLE = ["Haider al-Abadi", "Ahmed al-Assiri", "Qasem Soleimani", "Abu Bakr al-Baghdadi", "Adel al-Jubeir",
          "Hassan Nasrallah", "Masoud Barzani", "Ali Abdullah Saleh"]
ACTORS = ["the Houthis", "the Syrian Democratic Forces", "Hezbollah", "the Iraqi Counter-Terrorism Service",
          "the Arab coalition", "ISIS", "the Popular Mobilization Forces", "the Israeli army"]
_NUM_WORDS = {"one": "two", "two": "three", "three": "four", "four": "five", "five": "six", "six": "seven",
              "seven": "eight", "eight": "nine", "nine": "eleven", "ten": "twelve", "dozens": "hundreds",
              "hundreds": "thousands", "thousands": "millions", "twenty": "thirty", "hundred": "thousand"}


@dataclass
class Case:
    source: str
    article: Article
    claim: Claim


def load_cases() -> list[Case]:
    cases: list[Case] = []
    ref = yaml.safe_load((ROOT / "seeds" / "reference-responses.yaml").read_text(encoding="utf-8"))
    from briefing.ingest import ingest

    articles = {a.id: a for a in ingest([ROOT / "seeds"]).articles}
    for aid, draft in ref["articles"].items():
        for n, c in enumerate(draft["claims"], 1):
            cases.append(Case("sample", articles[aid], _claim(aid, n, c)))
    faithful = Path(__file__).with_name("faithful.yaml")
    if faithful.exists():
        data = yaml.safe_load(faithful.read_text(encoding="utf-8"))
        days: dict[str, list[dict[str, Any]]] = {}
        for item in data["articles"]:
            if item["corpus"] not in days:
                with zipfile.ZipFile(CORPUS / item["corpus"]) as z:
                    days[item["corpus"]] = json.loads(z.read(z.namelist()[0]))
            record = days[item["corpus"]][item["index"]]
            published = dt.date.fromisoformat(str(item.get("published") or record["date_extracted"][:10]))
            article = Article(id=f"snn-{item['corpus'][:10]}-{item['index']}", text=record["content"],
                              origin=f"{item['corpus']}#{item['index']}", published=published,
                              source=record.get("source") or None)
            for n, c in enumerate(item["claims"], 1):
                cases.append(Case("saudinewsnet", article, _claim(article.id, n, c)))
    return cases


def _claim(aid: str, n: int, c: dict[str, Any]) -> Claim:
    return Claim(id=f"{aid}-c{n}", article_id=aid, text_en=" ".join(str(c["text_en"]).split()),
                 attributed_to=c.get("attributed_to", "the outlet"), stance=c.get("stance", "asserted"),
                 evidence=[Evidence(quote_ar=q) for q in c["evidence"]])


def _insert_before_end(text: str, phrase: str) -> str:
    body = text.rstrip()
    end = body[-1] if body and body[-1] in ".!?" else ""
    return (body[:-1] if end else body) + phrase + (end or ".")


def fabricate(kind: str, case: Case, rng: random.Random) -> str | None:
    """The claim's text with one fabrication of ``kind``, or None when it does not apply."""
    text = case.claim.text_en
    if kind == "number":
        date_spans = [(d.start, d.end) for d in dates.resolve_english(text, case.article.published)]
        nums = english_numbers(text, skip=date_spans)
        if not nums:
            return None
        written, value = nums[0]
        if isinstance(value, float):
            m = re.search(r"\d[\d,.]*", written)
            if m:
                new = str(int(value) + rng.choice([1, 2, 3, 5, 10])) if value == int(value) else f"{value + 1.5:g}"
                return text.replace(written, written.replace(m.group(0), new), 1)
        word = written.lower().split()[0]
        if word in _NUM_WORDS:
            return re.sub(rf"\b{re.escape(written.split()[0])}\b", _NUM_WORDS[word], text, count=1)
        return None
    if kind == "date":
        found = dates.resolve_english(text, case.article.published)
        if not found:
            return None
        d = found[0]
        shifted = _shift_date(d.text, rng)
        return text[:d.start] + shifted + text[d.end:] if shifted else None
    if kind == "place":
        place = next(p for p in rng.sample(PLACES, len(PLACES)) if p not in text)
        return _insert_before_end(text, f" in {place}")
    if kind == "person":
        person = next(p for p in rng.sample(PEOPLE, len(PEOPLE)) if p not in text)
        return _insert_before_end(text, f", according to {person}")
    if kind == "negation":
        for a, b in ((r"\bdenied\b", "confirmed"), (r"\bdenies\b", "confirms"), (r"\bdenying\b", "confirming"),
                     (r"\bnot\b ", ""), (r"\bno longer\b ", ""), (r"\bwill\b", "will not"), (r"\bwas\b", "was not"),
                     (r"\bwere\b", "were not"), (r"\bis\b", "is not"), (r"\bare\b", "are not"),
                     (r"\bhas\b", "has not"), (r"\bhave\b", "have not"), (r"\bhad\b", "had not"),
                     (r"\bcan\b", "cannot"), (r"\bsaid\b", "denied"), (r"\bannounced\b", "denied")):
            if re.search(a, text):
                return re.sub(a, b, text, count=1)
        return "It is not true that " + text[0].lower() + text[1:]
    if kind == "actor":
        actor = next(a for a in rng.sample(ACTORS, len(ACTORS)) if a.split()[-1] not in text)
        m = re.match(r"^(According to [^,]+,|[^,]{3,60}? (?:said|says|announced|stated|reported|added|confirmed)\b)",
                     text)
        if m:
            verb = re.search(r"(said|says|announced|stated|reported|added|confirmed)\b", m.group(0))
            repl = f"According to {actor}," if m.group(0).startswith("According") else \
                f"{actor[0].upper()}{actor[1:]} {verb.group(1) if verb else 'said'}"
            return repl + text[m.end():]
        return f"{actor[0].upper()}{actor[1:]} said that " + text[0].lower() + text[1:]
    raise ValueError(kind)


def _shift_date(written: str, rng: random.Random) -> str | None:
    low = written.lower()
    if "the day before yesterday" in low:
        return written.lower().replace("the day before yesterday", "yesterday")
    if "yesterday" in low:
        return re.sub("yesterday", "the day before yesterday", written, flags=re.I)
    if "today" in low:
        return re.sub("today", "yesterday", written, flags=re.I)
    if "last week" in low:
        return re.sub("last week", "last month", written, flags=re.I)
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for i, day in enumerate(days):
        if day.lower() in low:
            return re.sub(day, days[(i + rng.choice([1, 2, 3])) % 7], written, flags=re.I)
    m = re.search(r"\b(\d{1,2})\b(?!\d)", written)
    if (m and len(m.group(1)) <= 2 and not re.fullmatch(r".*\b\d{4}\b.*", written.replace(m.group(0), "", 1))) \
            or (m and re.search(r"[A-Za-z]", written)):
        day = int(m.group(1))
        return written[:m.start()] + str(day + 1 if day < 28 else day - 1) + written[m.end():]
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", written)
    if m:
        return written[:m.start()] + str(int(m.group(1)) - 1) + written[m.end():]
    return None


def main() -> int:
    rng = random.Random(20171104)
    registry = packaged()
    cases = load_cases()
    rows: dict[str, list[int]] = {k: [0, 0] for k in ("faithful", *KINDS)}
    misses: list[str] = []
    for case in cases:
        faithful = check_claim(case.claim, case.article, registry)
        rows["faithful"][0] += 1
        if faithful.status != "verified":
            rows["faithful"][1] += 1
            misses.append(f"FALSE ALARM {case.claim.id}: {case.claim.text_en[:90]} -> {faithful.problems}")
            continue  # a claim that is already flagged cannot show whether a fabrication is caught
        for kind in KINDS:
            text = fabricate(kind, case, rng)
            if text is None or text == case.claim.text_en:
                continue
            fab = check_claim(case.claim.model_copy(update={"text_en": text}), case.article, registry)
            rows[kind][0] += 1
            if fab.status == "unverified":
                rows[kind][1] += 1
            else:
                misses.append(f"MISSED {kind} {case.claim.id}: {text[:110]}")
    if "-v" in sys.argv:
        print("\n".join(misses))
    sources = {c.source for c in cases}
    articles = len({c.article.id for c in cases})
    print(f"fabrication benchmark: {len(cases)} faithful claims from {articles} articles "
          f"({', '.join(sorted(sources))})")
    print(f"{'kind':<10} {'claims':>7} {'flagged':>8} {'rate':>7}")
    for kind, (n, flagged) in rows.items():
        label = "false alarm" if kind == "faithful" else "detected"
        rate = f"{100 * flagged / n:6.1f}%" if n else "   n/a"
        print(f"{kind:<10} {n:>7} {flagged:>8} {rate}  {label}")
    injected = sum(rows[k][0] for k in KINDS)
    detected = sum(rows[k][1] for k in KINDS)
    n_faithful, alarms = rows["faithful"]
    print(f"{'overall':<10} {injected:>7} {detected:>8} {100 * detected / max(1, injected):6.1f}%  detected; "
          f"false alarms {alarms}/{n_faithful} = {100 * alarms / max(1, n_faithful):.1f}%")
    ok = detected / max(1, injected) >= 0.95 and alarms / max(1, n_faithful) <= 0.02
    print("targets (detection >= 95%, false alarms <= 2%):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
