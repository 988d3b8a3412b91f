from __future__ import annotations

from pathlib import Path

import pytest

from briefing.arabic import fold, locate, normalize, normalize_reference

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

TEXT = ("وأعلنت قوات الجيش العراقي، الجمعة 27 أكتوبر / تشرين الأول 2017، "
        "انطلاق المرحلة الثانيةِ من عمليات «تحرير» قضاء القائم.")


def test_normalize_folds_variants_and_keeps_offsets() -> None:
    norm, index = normalize("إِنَّ الـقوّة ١٠ «كيلو»")
    assert norm == "ان القوه 10 كيلو"
    assert len(norm) == len(index)
    assert index[0] == 0


def test_fold_equivalences() -> None:
    assert fold("أحمد") == fold("احمد") == fold("إحمد")
    assert fold("مستشفى") == fold("مستشفي")
    assert fold("مدينة") == fold("مدينه")
    assert fold("٢٠١٧") == fold("۲۰۱۷") == "2017"
    assert fold("“داعش”") == fold('"داعش"') == fold("«داعش»") == "داعش"


def test_locate_exact_points_into_original() -> None:
    start, end = locate("انطلاق المرحلة الثانية", TEXT) or (0, 0)
    assert TEXT[start:end] == "انطلاق المرحلة الثانيةِ"  # trailing kasra kept inside the span


def test_locate_tolerates_copying_differences() -> None:
    span = locate("اعلنت قوات الجيش العراقى الجمعه ٢٧ اكتوبر", TEXT)
    assert span is not None
    assert TEXT[span[0]:span[1]].startswith("أعلنت")
    # a dropped conjunction prefix still matches (fuzzy), a different quote does not
    assert locate("عمليات تحرير قضاء القائم", TEXT) is not None
    assert locate("عمليات تحرير قضاء راوة", TEXT) is None
    assert locate("انسحبت القوات الأمريكية من الحدود", TEXT) is None
    assert locate("", TEXT) is None


@pytest.mark.parametrize("text", [
    "", " ", "...", "ـــ", "a.b", ".5.", "1.", "1,5", "x,", ",x", "٣٫٥ و٤٬٠٠٠ و1.5 و2,000", "  مَرْحَبًا  ،  بِكُمْ  ",
    "\u200f١٢\u200e", "Ab CD ÉTÉ", "x\U0001F600y", "«داعش» — (2017)…", TEXT,
])
def test_vectorized_normalize_equals_the_reference(text: str) -> None:
    assert normalize(text) == normalize_reference(text)


def test_vectorized_normalize_equals_the_reference_on_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert normalize(text) == normalize_reference(text), path.name
