"""The bilingual lexicon (FreeDict, read in dictd's format) and what the pair check does with it."""

from __future__ import annotations

import gzip
from pathlib import Path

from briefing.lexicon import ARA_ENG, DICTD, ENG_ARA, lexicon, translates
from briefing.names import pair_ok

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(n: int) -> str:
    out = ""
    while True:
        out = _B64[n % 64] + out
        n //= 64
        if not n:
            return out


def _dictd(directory: Path, name: str, entries: list[tuple[str, str]]) -> None:
    """A dictd dictionary: ``name.index`` (headword, offset, length in dictd's base 64) and the
    entries' text gzipped in ``name.dict.dz``."""
    data, index = b"00-database-info\nA test dictionary\n", []
    for head, body in entries:
        text = f"{body}\n".encode()
        index.append(f"{head.split(' /')[0].lower()}\t{_b64(len(data))}\t{_b64(len(text))}")
        data += text
    (directory / f"{name}.dict.dz").write_bytes(gzip.compress(data))
    (directory / f"{name}.index").write_text("\n".join(sorted(index)) + "\n", encoding="utf-8")


def test_lexicon_reads_both_directions_of_a_dictd_dictionary(tmp_path: Path) -> None:
    _dictd(tmp_path, ENG_ARA, [("Programme /pɹˈəʊɡɹam/", "Programme /pɹˈəʊɡɹam/\nالبرنامج"),
                               ("Court /kˈɔːt/", "Court /kˈɔːt/\n1. المحكمة\n2. البلاط")])
    _dictd(tmp_path, ARA_ENG, [("الأغذية /ʔalʔˌaɣaððˈijjah/", "الأغذية /ʔalʔˌaɣaððˈijjah/\n1. Foods\n2. Nutriments")])
    words = lexicon(tmp_path)
    assert {"programme", "court", "food", "foods", "nutriment"} <= set(words)
    assert translates("Programme", "برنامج الأغذية", tmp_path)  # the article and clitics are not the word
    assert translates("Food", "وللأغذية", tmp_path)  # a plural headword serves its singular
    assert translates("Courts", "المحكمة العليا", tmp_path)
    assert not translates("Court", "الديوان الملكي", tmp_path)
    assert not translates("Food", "برنامج الأغذية", tmp_path / "missing")  # no dictionary: nothing translates


def test_installed_dictionary_checks_translated_names_of_a_model_pair() -> None:
    assert (DICTD / f"{ENG_ARA}.index").exists(), "./dev setup installs Debian's dict-freedict-eng-ara"
    assert pair_ok("Environment Agency", "وكالة البيئة")  # no gloss knows البيئة; the lexicon does
    assert not pair_ok("Environment Agency", "وكالة الأنباء")  # a translated name of another body
    assert not pair_ok("Defense Ministry", "وزارة الداخلية")
