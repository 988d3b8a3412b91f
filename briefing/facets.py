"""Facets: the places and actors each claim names, for filtering and the map (computed in compose,
stored in the briefing JSON, so the HTML, the JSON and the email all have them).

A place or actor is what the model listed for a summary (its ``places`` / ``entities``), under
its registry name when the registry knows it; it is tagged on a claim whose quotes or English
name it (any Arabic variant, with a clitic, or any English form).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .arabic import fold
from .models import ArticleSummary, Facet
from .registry import Entry, Registry

ACTOR_KINDS = frozenset({"person", "organization", "armed_group", "government", "other"})


def facets(summaries: Sequence[ArticleSummary], registry: Registry) -> list[Facet]:
    """Places (keys p1, p2, ...) then actors (a1, ...), each with the claims that name it."""
    return _facets(summaries, registry, None, "p") + _facets(summaries, registry, ACTOR_KINDS, "a")


_CLITIC = "(?:^| )(?:[وبلفك]|وال|بال|لل)?"
_NON_WORD = re.compile(r"[^\w\u0640]+")


def _folded_words(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def _mentions(variants_ar: Iterable[str], variants_en: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every form of a name: folded Arabic words (with a clitic), English words."""
    alts = [_CLITIC + re.escape(v) + "(?= |$)" for v in {_folded_words(a) for a in variants_ar} if v]
    alts += [r"(?<![\w-])" + re.escape(v.lower()) + r"(?![\w-])" for v in {e.strip() for e in variants_en} if v]
    return re.compile("|".join(alts)) if alts else None


def _facets(summaries: Sequence[ArticleSummary], registry: Registry, kinds: frozenset[str] | None,
            prefix: str) -> list[Facet]:
    """Places (``kinds`` None) or actors, named by at least one claim."""
    names: dict[str, tuple[set[str], set[str], Entry | None]] = {}
    per_summary: dict[str, set[str]] = {}
    for summary in summaries:
        items: list[tuple[str, str]] = (
            [(p.name_ar, p.name_en) for p in summary.places] if kinds is None
            else [(e.name_ar, e.name_en) for e in summary.entities if e.kind in kinds]
        )
        for name_ar, name_en in items:
            entry = registry.by_english(name_en) or registry.by_arabic(name_ar)
            if entry is not None and (entry.kind == "place") != (kinds is None):
                entry = None
            canonical = entry.english if entry is not None else name_en.strip()
            if not canonical:
                continue
            ar, en, _ = names.setdefault(canonical, (set(), set(), entry))
            ar.add(name_ar)
            en.add(name_en)
            if entry is not None:
                ar.update(entry.arabic)
                en.update(entry.english_forms)
            per_summary.setdefault(summary.article_id, set()).add(canonical)
    ordered = sorted(names, key=str.casefold)
    keys = {name: f"{prefix}{n}" for n, name in enumerate(ordered, start=1)}
    patterns = {name: _mentions(ar, en) for name, (ar, en, _) in names.items()}
    tagged: dict[str, list[str]] = {name: [] for name in ordered}
    for summary in summaries:
        candidates = sorted(per_summary.get(summary.article_id, ()), key=str.casefold)
        for claim in summary.claims:
            arabic = _folded_words(" ".join(ev.quote_ar for ev in claim.evidence))
            english = f"{claim.text_en} {claim.attributed_to}".lower()
            for name in candidates:
                pattern = patterns[name]
                if pattern is not None and (pattern.search(arabic) or pattern.search(english)):
                    tagged[name].append(claim.id)
    out = []
    for name in ordered:
        if not tagged[name]:
            continue
        entry = names[name][2]
        out.append(Facet(key=keys[name], kind="actor" if kinds else "place", name=name, claim_ids=tagged[name],
                         registered=entry is not None, lat=entry.lat if entry else None,
                         lon=entry.lon if entry else None))
    return out


