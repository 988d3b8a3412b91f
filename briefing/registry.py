"""The transliteration registry: Arabic name variants -> one canonical English name.

The packaged file ``briefing/data/registry.toml`` is seeded with the Iraq/Syria theatre; a user
file (``--registry``) adds entries or replaces packaged ones with the same ``english`` name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .arabic import fold
from .errors import UsageError
from .tomlfile import read_toml

PACKAGED = Path(__file__).parent / "data" / "registry.toml"


@dataclass(frozen=True)
class Entry:
    english: str
    kind: str
    arabic: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    # its Arabic is also an everyday word (القائم "the one in charge", حضر "attended"): it names the
    # place when a claim says so, but its presence alone is no sign that a claim left a place out
    ordinary: bool = False

    @property
    def english_forms(self) -> tuple[str, ...]:
        return (self.english, *self.aliases)


def _pattern(variant: str) -> re.Pattern[str]:
    # a variant may carry a one-letter clitic (و ب ل ف ك) but must otherwise be whole words
    return re.compile(r"(?<!\S)(?:[وبلفك]|وال|بال|لل)?" + re.escape(fold(variant)).replace(r"\ ", " ")
                      + r"(?!\S)")


class Registry:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._arabic = [(e, [(fold(v), _pattern(v)) for v in e.arabic]) for e in entries]
        self._patterns = {id(e): pats for e, pats in self._arabic}
        self._english = {f.lower(): e for e in entries for f in e.english_forms}
        self._acronyms = {f.lower() for e in entries for f in e.english_forms if f.isupper() and len(f) <= 5}
        self._by_arabic = {fold(v): e for e in entries for v in e.arabic}

    @classmethod
    def load(cls, user_file: Path | None = None) -> Registry:
        entries = {e.english: e for e in _read(PACKAGED)}
        if user_file is not None:
            entries.update({e.english: e for e in _read(user_file)})
        return cls(list(entries.values()))

    def in_text(self, folded: str) -> list[Entry]:
        """Entries with a variant in the (already folded) text."""
        return [e for e, pats in self._arabic if any(v in folded and p.search(folded) for v, p in pats)]

    def by_english(self, name: str) -> Entry | None:
        """The entry with this English form, in any case; a two-letter acronym (IS, UN) only as
        written, so that "Is" is not ISIS."""
        name = name.strip()
        if len(name) <= 2 and not name.isupper():
            return None
        if name.lower() in self._acronyms and not name.isupper():
            return None  # SANA the agency, not Sana the name (or صنعاء)
        return self._english.get(name.lower())

    def by_arabic(self, name_ar: str) -> Entry | None:
        key = fold(name_ar)
        if key in self._by_arabic:
            return self._by_arabic[key]
        if key.startswith(("و", "ب", "ل")) and key[1:] in self._by_arabic:
            return self._by_arabic[key[1:]]
        return None

    def supports(self, entry: Entry, folded_span: str) -> bool:
        """A variant as a word (with a clitic), or a long variant inflected (السعوديين for سعودي)."""
        if any(v in folded_span and p.search(folded_span) for v, p in self._patterns.get(id(entry), [])):
            return True
        variants = {fold(a) for a in entry.arabic}
        variants |= {v[2:] for v in variants if v.startswith("ال") and len(v) >= 6}  # التركي -> تركي
        # at the start of a word (الداعشي, السعوديين), not inside one (كونا is not in يكونا)
        return any(len(v) >= 4 and v in folded_span
                   and re.search(rf"(?<!\S)[وف]?(?:لل|[بلك])?(?:ال)?{re.escape(v)}", folded_span) for v in variants)


def _read(path: Path) -> list[Entry]:
    data = read_toml(path, "registry")
    out = []
    for n, raw in enumerate(data.get("entry", []), 1):
        try:
            out.append(Entry(english=str(raw["english"]), kind=str(raw.get("kind", "other")),
                             arabic=tuple(raw["arabic"]), aliases=tuple(raw.get("aliases", ())),
                             lat=raw.get("lat"), lon=raw.get("lon"), ordinary=bool(raw.get("ordinary", False))))
        except (KeyError, TypeError) as exc:
            raise UsageError(f"{path}: entry {n} is missing {exc}") from None
    return out


@cache
def packaged() -> Registry:
    return Registry.load()
