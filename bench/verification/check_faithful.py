"""Check the hand-written faithful claims in faithful.yaml against the SaudiNewsNet corpus.

Usage:
    .venv/bin/python bench/fabrication/check_faithful.py [--yaml PATH] [--corpus DIR]

For every claim it asserts that:
  * each evidence quote occurs verbatim in the article's ``content``;
  * each fact's ``en`` is a substring of ``text_en`` and its ``ar`` is a substring
    of one of the claim's evidence quotes (``where: quote``, the default) or, for a detail
    the article states outside the quotes (``where: context``), of its content or title;
  * ``stance`` is one of asserted / claimed / denied / confirmed;
  * ``kind`` is one of number / date / person / organization / place;
  * each fact's ``en`` occurs exactly once in ``text_en`` as a whole word/phrase
    (not inside a longer word or number), so an injected edit can target it;
  * every digit group in ``text_en`` lies inside some number/date fact's ``en``;
and for every article that url / source / published match the corpus record.
Exits non-zero and lists every problem if anything fails; prints a summary otherwise.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import zipfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_YAML = HERE / "tuning.yaml"
DEFAULT_CORPUS = Path("/work/shared/corpus/saudinewsnet")

STANCES = {"asserted", "claimed", "denied", "confirmed"}
KINDS = {"number", "date", "person", "organization", "place", "group"}
DIGITS = re.compile(r"\d+(?:[.,:/]\d+)*")


def load_corpus(corpus_dir: Path, name: str) -> list[dict]:
    with zipfile.ZipFile(corpus_dir / name) as zf:
        members = [m for m in zf.namelist() if m.endswith(".json")]
        if len(members) != 1:
            raise ValueError(f"{name}: expected one JSON member, found {members}")
        return json.loads(zf.read(members[0]))


def check(doc: dict, corpus_dir: Path) -> tuple[list[str], collections.Counter, int, int]:
    errors: list[str] = []
    kinds: collections.Counter = collections.Counter()
    n_claims = 0
    cache: dict[str, list[dict]] = {}
    seen: set[tuple[str, int]] = set()
    articles = doc.get("articles") or []
    for a_i, art in enumerate(articles):
        where = f"article #{a_i} ({art.get('corpus')}[{art.get('index')}])"
        name, idx = art.get("corpus"), art.get("index")
        if (name, idx) in seen:
            errors.append(f"{where}: duplicate article")
        seen.add((name, idx))
        if name not in cache:
            cache[name] = load_corpus(corpus_dir, name)
        records = cache[name]
        if not isinstance(idx, int) or not 0 <= idx < len(records):
            errors.append(f"{where}: index out of range")
            continue
        rec = records[idx]
        content = rec["content"]
        if art.get("url") != rec["url"]:
            errors.append(f"{where}: url mismatch")
        if art.get("source") != rec["source"]:
            errors.append(f"{where}: source mismatch ({art.get('source')} != {rec['source']})")
        if str(art.get("published")) != rec["date_extracted"][:10]:
            errors.append(f"{where}: published {art.get('published')} != {rec['date_extracted'][:10]}")
        claims = art.get("claims") or []
        if not claims:
            errors.append(f"{where}: no claims")
        for c_i, claim in enumerate(claims):
            n_claims += 1
            cw = f"{where} claim #{c_i}"
            text = claim.get("text_en")
            if not isinstance(text, str) or not text.strip():
                errors.append(f"{cw}: missing text_en")
                continue
            quotes = claim.get("evidence") or []
            if not 1 <= len(quotes) <= 2:
                errors.append(f"{cw}: expected 1-2 evidence quotes, got {len(quotes)}")
            for q in quotes:
                if not isinstance(q, str) or not q:
                    errors.append(f"{cw}: empty/non-string quote")
                elif q not in content:
                    errors.append(f"{cw}: quote not verbatim in content: {q!r}")
            if claim.get("stance") not in STANCES:
                errors.append(f"{cw}: bad stance {claim.get('stance')!r}")
            if not claim.get("attributed_to"):
                errors.append(f"{cw}: missing attributed_to")
            facts = claim.get("facts")
            if facts is None:
                errors.append(f"{cw}: missing facts list")
                facts = []
            spans: list[str] = []
            for f_i, fact in enumerate(facts):
                fw = f"{cw} fact #{f_i}"
                kind, en, ar = fact.get("kind"), fact.get("en"), fact.get("ar")
                if kind not in KINDS:
                    errors.append(f"{fw}: bad kind {kind!r}")
                kinds[kind] += 1
                if not en or en not in text:
                    errors.append(f"{fw}: en {en!r} not a substring of text_en")
                else:
                    n = len(re.findall(r"(?<!\w)" + re.escape(en) + r"(?!\w)", text))
                    if n != 1:
                        errors.append(f"{fw}: en {en!r} occurs {n} times as a whole word/phrase in text_en")
                where_ = fact.get("where", "quote")
                if where_ not in ("quote", "context"):
                    errors.append(f"{fw}: bad where {where_!r} (quote | context)")
                elif where_ == "context":
                    # stated in the same article outside the quotes (its title or another sentence)
                    if not ar or ar not in content + "\n" + (rec.get("title") or ""):
                        errors.append(f"{fw}: ar {ar!r} (where: context) not in the article's content or title")
                    elif any(ar in q for q in quotes if isinstance(q, str)):
                        errors.append(f"{fw}: ar {ar!r} is in an evidence quote: where should be quote")
                elif not ar or not any(ar in q for q in quotes if isinstance(q, str)):
                    errors.append(f"{fw}: ar {ar!r} not in any evidence quote")
                if kind in ("number", "date") and en:
                    spans.append(en)
            # every digit group in the English must be covered by a number/date fact
            for m in DIGITS.finditer(text):
                if not any(m.group(0) in s for s in spans):
                    errors.append(f"{cw}: number {m.group(0)!r} in text_en has no number/date fact")
    return errors, kinds, len(articles), n_claims


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--yaml", type=Path, default=DEFAULT_YAML)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    doc = yaml.safe_load(args.yaml.read_text(encoding="utf-8"))
    errors, kinds, n_articles, n_claims = check(doc, args.corpus)
    per_corpus = collections.Counter(a["corpus"] for a in doc["articles"])
    stances = collections.Counter(c.get("stance") for a in doc["articles"] for c in a["claims"])
    print(f"articles: {n_articles} {dict(per_corpus)}")
    print(f"claims:   {n_claims}")
    print(f"stances:  {dict(stances)}")
    print(f"facts:    {sum(kinds.values())} {dict(sorted(kinds.items(), key=lambda kv: str(kv[0])))}")
    if errors:
        print(f"\nFAILED with {len(errors)} problem(s):")
        for e in errors:
            print("  -", e)
        return 1
    print("OK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
