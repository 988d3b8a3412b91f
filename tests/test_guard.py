"""The closed-book guard and `briefing verify`: each kind of fabrication is flagged."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.arabic import fold
from briefing.cli import cli
from briefing.dates import resolve_arabic, resolve_english
from briefing.guard import arabic_numbers, guard
from briefing.registry import Registry, packaged

from .conftest import SEEDS

PUB = dt.date(2017, 11, 4)
ENTER = "ودخلت القوات العراقية صباح أمس مركز مدينة القائم في غرب العراق"
HADAR = "وتعرضت قرية حضر الدرزية في محافظة القنيطرة لتفجير انتحاري بسيارة أسفر عن سقوط تسعة قتلى"
DENY = "نافياً بشدة «ادعاءات تورط إسرائيل أو مساعدتها عناصر الجهاد العالمي في القتال»"


def problems(text: str, span: str, published: dt.date | None = PUB) -> list[str]:
    return guard(text, [span], published=published, registry=packaged())


def test_faithful_claims_pass() -> None:
    assert problems("Iraqi forces entered the centre of Al-Qaim, in western Iraq, yesterday morning.", ENTER) == []
    assert problems("Iraqi forces entered Al-Qaim on 3 November.", ENTER) == []  # أمس resolved against 4 Nov
    assert problems("A suicide car bombing in the Druze village of Hadar, Quneitra province, killed nine people.",
                    HADAR) == []
    assert problems("The spokesman strongly denied allegations that Israel was involved.", DENY) == []


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("A suicide car bombing in Hadar killed 12 people.", HADAR, "number '12'"),
    ("Iraqi forces entered Al-Qaim on 2 November.", ENTER, "date '2 November'"),
    ("Iraqi forces entered Al-Qaim the day before yesterday.", ENTER, "date 'the day before yesterday'"),
    ("Iraqi forces entered the centre of Tikrit yesterday.", ENTER, "'Tikrit' (Tikrit) is not named"),
    ("Iraqi forces entered Al-Qaim yesterday, according to Haider al-Abadi.", ENTER, "Haider"),
    ("Iraqi forces did not enter Al-Qaim yesterday.", ENTER, "negated where the cited Arabic is not"),
    ("The spokesman confirmed Israel's involvement.", DENY, "is a denial"),
    ("Hezbollah said Iraqi forces entered Al-Qaim yesterday.", ENTER, "'Hezbollah'"),
])
def test_each_fabrication_is_flagged(text: str, span: str, expected: str) -> None:
    found = problems(text, span)
    assert any(expected in p for p in found), found


def test_relative_dates_without_publication_date() -> None:
    assert problems("Iraqi forces entered Al-Qaim yesterday.", ENTER, published=None) == []
    (problem,) = problems("Iraqi forces entered Al-Qaim on 3 November 2017.", ENTER, published=None)
    assert "not supported" in problem
    (d,) = resolve_arabic("أمس", None)
    assert d.iso is None and d.note and "unresolved" in d.note


def test_date_resolution_both_month_systems_hijri_and_relative() -> None:
    iso = {d.text: d.iso for d in resolve_arabic("الجمعة 27 أكتوبر / تشرين الأول 2017", PUB)}
    assert iso == {"الجمعة": "2017-10-27", "27 أكتوبر / تشرين الأول 2017": "2017-10-27"}
    assert [d.iso for d in resolve_arabic("27 تشرين الأول 2017", PUB)] == ["2017-10-27"]
    assert [d.iso for d in resolve_arabic("في 15 رمضان 1436 هـ", PUB)] == ["2015-07-02"]
    assert [(d.iso, d.precision) for d in resolve_arabic("فجر اليوم", PUB)] == [("2017-11-04", "day")]
    assert [(d.iso, d.precision) for d in resolve_arabic("الأسبوع الماضي", PUB)] == [("2017-10-23", "week")]
    assert [d.iso for d in resolve_arabic("يوم الثلاثاء", PUB)] == ["2017-10-31"]
    assert [(d.iso, d.precision) for d in resolve_arabic("عام 2014", PUB)] == [("2014", "year")]
    # a weekday that does not match its explicit date is not a date at all
    (bad, _) = resolve_english("on Monday, 27 October 2017", PUB)
    assert bad.iso is None and "not a Monday" in (bad.note or "")


def test_arabic_number_words_and_vague_quantities() -> None:
    values = arabic_numbers(fold("سقوط تسعة قتلى وعشرات الجرحى و٣٥ في المئة و2.5 مليون"))
    assert {9.0, "tens", 35.0, 2.5e6} <= values
    assert problems("Dozens were wounded.", "وأصيب عشرات المدنيين") == []
    assert problems("Hundreds were wounded.", "وأصيب عشرات المدنيين") != []


def test_registry_lookup_and_user_file(tmp_path: Path) -> None:
    reg = packaged()
    entry = reg.by_arabic("الحشد الشعبي")
    assert entry is not None and entry.english == "Popular Mobilization Forces"
    assert reg.by_english("PMF") is entry
    assert {e.english for e in reg.in_text(fold("وأكد عماد الدليمي أن القوات تقدمت نحو القائم"))} == {
        "Imad al-Dulaimi", "Al-Qaim"}
    user = tmp_path / "names.toml"
    user.write_text('[[entry]]\nenglish = "Abu Fadak"\nkind = "person"\narabic = ["أبو فدك"]\n', encoding="utf-8")
    assert Registry.load(user).by_arabic("أبو فدك") is not None


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("verify")
    result = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", "2017-11-04", "--format", "json",
                                      "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "briefing-2017-11-04.json"


def test_verify_sample_all_verified(sample_json: Path) -> None:
    result = CliRunner().invoke(cli, ["verify", str(sample_json)])
    assert result.exit_code == 0, result.output
    assert "20 claim(s): 20 verified, 0 unverified" in result.output


@pytest.mark.parametrize(("kind", "old", "new"), [
    ("number", "killed nine people", "killed 19 people"),
    ("date", "yesterday took control", "on Tuesday took control"),
    ("place", "the last major city where ISIS", "the last major city near Aleppo where ISIS"),
    ("person", "Israeli army spokesman Gen. Ronen Manelis", "Israeli army spokesman Gen. Avichay Adraee"),
    ("negation", "strongly denied", "strongly confirmed"),
    ("actor", "According to PMF media", "According to Hezbollah media"),
])
def test_verify_flags_each_fabrication_kind(sample_json: Path, tmp_path: Path, kind: str, old: str,
                                            new: str) -> None:
    data = json.loads(sample_json.read_text(encoding="utf-8"))
    edited = [c for s in data["summaries"] for c in s["claims"] if old in c["text_en"]]
    assert len(edited) == 1, kind
    edited[0]["text_en"] = edited[0]["text_en"].replace(old, new)
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(forged), "--out", str(tmp_path / "checked.json")])
    assert result.exit_code == 4, result.output
    assert f"UNVERIFIED {edited[0]['id']}" in result.output
    checked = json.loads((tmp_path / "checked.json").read_text(encoding="utf-8"))
    claims = {c["id"]: c for s in checked["summaries"] for c in s["claims"]}
    assert claims[edited[0]["id"]]["status"] == "unverified" and claims[edited[0]["id"]]["problems"]
    assert checked["methodology"]["claims_unverified"] == 1
