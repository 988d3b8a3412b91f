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
from briefing.guard import check, guard
from briefing.models import Article, Claim, Evidence
from briefing.numbers import arabic_numbers
from briefing.registry import Registry, packaged
from briefing.verify import check_claim

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
    assert [d.iso for d in resolve_arabic("حتى مساء الأمس", PUB)] == ["2017-11-03"]  # الأمس = أمس
    assert [d.iso for d in resolve_arabic("عثرت بالأمس الأول على جثة", PUB)] == ["2017-11-02"]
    assert resolve_arabic("في أمس الحاجة", PUB) == []
    # an ordinal day of a Hijri month, in the Hijri year of publication (1439 for 2017-11-04)
    assert [d.iso for d in resolve_arabic("حتى العشرين من شهر صفر", PUB)] == ["2017-11-09"]
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
    assert "20 claim(s): 18 verified, 2 verified with context, 0 unverified" in result.output


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


# --------------------------------------------------------------------------- issue 11: general rules

PUB15 = dt.date(2015, 7, 24)


@pytest.mark.parametrize(("text", "span"), [
    ("Two soldiers were killed.", "مقتل جنديين من الكتيبة"),
    ("The two sides met.", "التقى الطرفان في المدينة"),
    ("Fighting lasted two days.", "استمرت المعارك يومين"),
    ("Dozens of fighters were killed.", "قتل عشرات المسلحين"),
    ("At least 10 fighters were killed.", "قتل عشرات المسلحين"),
    ("Twenty-three people died.", "توفي ثلاثة وعشرون شخصا"),
    ("The bombing in Diyarbakir wounded people.", "التفجير في ديار بكر أسفر عن إصابة أشخاص"),
    ("Druze leaders met.", "اجتمع زعماء الدروز"),
    ("Shiite militias attacked.", "هاجمت الميليشيات الشيعية"),
    ("The Revolutionary Guards said so.", "وقال الحرس الثوري"),
    ("Yemeni forces advanced.", "تقدمت القوات اليمنية"),
    ("Recep Tayyip Erdogan spoke.", "تحدث رجب طيب أردوغان"),
    ("The attack in May killed 3.", "الهجوم في مايو أسفر عن مقتل 3"),
    ("The vote was postponed from July 15 to July 21.", "تأجلت الانتخابات من 15 إلى 21 يوليو (تموز) الحالي"),
    ("The officer took part in operations in Aden.", "ﻣﺸﺎﺭﻛﺘﻪ ﻓﻲ ﻋﻤﻠﻴﺎﺕ ﻣﺤﺎﻓﻈﺔ ﻋﺪﻥ"),  # presentation forms
    ("It was a crime under Article 4 of Law No. 19.", "جناية عملا بأحكام المادة 4 من القانون رقم 19"),
    ("They removed unexploded devices.", "إزالة عبوات ناسفة لم تنفجر"),
    ("An 11-year-old boy, Rashed, said he was arrested.", "طفل يدعى راشد (11 عاما) قال إنه اعتقل"),
    ("President Abd Rabbuh Mansur Hadi issued a decree.", "أصدر الرئيس عبدربه منصور هادي قرارا"),
    ("The funds go to those most in need.", "من هم في أمس الحاجة إليها"),
    ("Women and children, especially the elderly, suffer.", "يعاني النساء والأطفال ولا سيما كبار السن"),
    ("Children under five are at risk.", "الأطفال دون سن الخامسة معرضون للخطر"),
    ("There must be a solution.", "لا بد من حل"),
    ("The distance is no more than 200 meters.", "المسافة لا تتعدى 200 متر"),
    # from the later development sets
    ("The phones were worth about SR325,000.", "تقارب قيمتها 325 ألف ريال"),
    ("Thirty-five wounded fighters arrived.", "وصل 35 جريحا من المقاتلين"),
    ("1,311,017 pilgrims arrived.", "بلغ عدد الحجاج 1.311.017 حاجا"),
    ("The programme is worth €1.8 billion.", "الذي تصل قيمته الإجمالية إلى مليار و800 مليون يورو"),
    ("NATO keeps about 12,500 troops.", "ينشر الحلف نحو 12 الفا و500 جندي"),
    ("The deal is worth more than 210 million riyals.", "بقيمة بلغت أكثر من (210) مائتين وعشرة ملايين ريال"),
    ("Two people were found dead.", "وجدت حالتا وفاة بالموقع"),
    ("Fines reach 1.5 million dirhams.", "غرامة تصل إلى مليون ونصف المليون درهم"),
    ("The survey ran between July 1 and 15.", "أجري المسح في الفترة بين الأول والـ 15 من تموز (يوليو)"),
    ("The trial opens tomorrow.", "تبدأ المحاكمة غد الاثنين"),
    ("The Union said it expects prices to rise.", "قال الاتحاد إنه يتوقع ارتفاع الأسعار"),
    ("Bank branches in the Kingdom numbered 1,959.", "بلغ عدد فروع المصارف العاملة في المملكة 1959 فرعا"),
    ("Spokesman Chris Villiers and Baker Hughes spoke.", "قال كريس فيليرز وشركة بيكر هيوز"),
    ("Commission Vice-President Valdis Dombrovskis signed.", "وقع نائب رئيس المفوضية فالديس دومبروفسكيس"),
    ("Women may not be employed underground.", "يحظر تشغيل المرأة في الأعمال تحت سطح الأرض"),
    ("The court appointed lawyers for Habre, who refuses to appear.", "عينت المحكمة محامين لحبري الذي يرفض المثول"),
    ("Nazif, dismissed in January 2011, was accused.", "واتهم نظيف الذي اقيل من منصبه نهاية يناير 2011"),
    ("The Saudi Food and Drug Authority seized packs.", "ضبطت الهيئة العامة للغذاء والدواء عبوات"),
    ("Card limits range from 40,000 to 50,000 riyals.", "يصل حدها من 40 إلى 50 ألف ريال"),
    ("The bomber blew himself up while police were still searching for him.", "كنا لا نزال نبحث عنه عندما فجر نفسه"),
    ("The tower was unusable until a mobile one arrived.", "تجاوز مشكلة عدم صلاحية البرج بوصول برج متنقل"),
    ("A suspect named Khalid recruited young people.", "قام أحد المشتبه بهم ويدعى خالد بتجنيد الشباب"),
    ("The council would include neither Hadi nor Saleh.", "مجلس لا يضم الرئيس هادي ولا سلفه صالح"),
    ("The Mail on Sunday reported a plot.", "ذكرت صحيفة ميل أون صنداي أن مؤامرة"),
    ("The sentence was carried out on 7 Shawwal.", "نفذ الحكم يوم 7 شوال"),
    ("Turnout did not exceed 30 percent.", "لم تتجاوز نسبة المشاركة 30 في المئة"),
    ("The army told Reuters that 13 militants were killed.", "أبلغ الجيش رويترز بمقتل 13 مسلحا"),
    ("Temperatures dropped in the Golan Heights.", "تدنت درجات الحرارة في مرتفعات الجولان"),
    ("He denied any flaw in the system.", "وأكد عدم وجود أي خلل في النظام"),
    ("Visitors from Guinea and Sierra Leone are barred.", "يمنع دخول القادمين من غينيا وسيراليون"),
    ("Officials including the secretary-general ruled out a production cut.",
     "يستبعد مسؤولون من بينهم الأمين العام خفض الإنتاج"),
    ("Your Home Is Your Peace of Mind project was completed.", "اكتمل مشروع أخي منزلك سكنك"),
    ("Fines range up to 1.5 million dirhams.", "غرامة لا تتجاوز مليوناً و500 ألف درهم"),
    ("The two UN agencies issued a joint report.", "قال تقرير مشترك أصدرته وكالتا الأمم المتحدة"),
    ("Arafat died on November 11, 2004.", "وتوفي عرفات في 11 تشرين الثاني/ نوفمبر 2004"),
    ("According to Hong Kong's Sunday Morning Post, the piece fell.",
     "وبحسب صحيفة صنداي مورنينج بوست في هونج كونج فإن القطعة سقطت"),
    ("He said prisoners numbered in the hundreds.", "عدد الأسرى الذين هم بالمئات"),
    ("Violators face a fine of 3,000 to 10,000 riyals.",
     "بغرامة لا تقل عن ثلاثة آلاف ريال ولا تزيد على عشرة آلاف ريال"),
    ("He must stay within 20 miles of the court.", "ويتعين عليه البقاء في منطقة لا تبعد 20 ميلا عن المحكمة"),
    ("Mullah Omar led the Taliban from 1996 to 2001.", "الملا عمر تزعم حركة طالبان من عام 1996 إلى عام 2001"),
    ("Morsi did not attend yesterday's session.", "تغيب مرسي أمس، عن حضور جلسة محاكمته"),
    ("The Cairo Criminal Court referred 10 defendants.", "قررت محكمة جنايات القاهرة إحالة 10 متهمين"),
    ("Women were counted in fake Saudization quotas.", "مقابل إدراجهن في نسب التوطين الوهمي"),
    ("Algerian Foreign Ministry spokesman Abdelaziz Cherif said so.",
     "قال المتحدث باسم الخارجية الجزائرية عبد العزيز شريف"),
    ("Boats searched off the Eastern Province.", "بحثت القوارب في شواطئ الشرقية"),
    ("The sentence was carried out on Monday, 25 Shawwal 1436 AH, in Al-Baha.",
     "اليوم الاثنين 25 / 10 / 1436 هـ بمنطقة الباحة"),
    ("He said it could not be ruled out that weapons were reaching the Houthis from Iran.",
     "إنه لا يمكن الجزم بعدم وصول أسلحة للحوثيين من إيران"),
    ("Settlement units were approved in the West Bank.", "المصادقة على وحدات استيطانية في الضفة الغربية"),
    ("The ICRC put the dead at 3,800 and the displaced at 1.3 million.",
     "قدرت اللجنة الدولية للصليب الأحمر عدد القتلى بثلاثة آلاف وثمانمائة وعدد النازحين بمليون وثلاثمائة ألف"),
    ("Participation will be larger than at the meeting held May 25-28.",
     "مشاركة أكبر مما جرى خلال اجتماع 25 ــ 28 مايو"),
    ("Kuwait referred the 50 detainees to the prosecution, releasing some.",
     "أحالت السلطات الكويتية الموقوفين الـ 50 إلى النيابة وتم إخلاء سبيل بعضهم"),
    ("Police arrested the suspect, a Saudi in his thirties.", "وضبط الجاني وهو مواطن ثلاثيني"),
    ("A ceasefire was brokered in Minsk, the capital of Belarus.",
     "اتفاق لوقف إطلاق النار في مينسك عاصمة روسيا البيضاء"),
    ("A bomb exploded in Heliopolis, east Cairo.", "عبوة انفجرت بمصر الجديدة (شرق القاهرة)"),
    ("US Secretary of State Kerry raised the case.", "وصرح وزير الخارجية الأميركي كيري بأنه بحث القضية"),
    ("He was convicted of terrorism but acquitted of receiving training.",
     "وأدين بالإرهاب، لكن جرت تبرئته من تهمة تلقي تدريب"),
    ("They targeted innocent citizens.", "استهدفت المواطنين الأبرياء"),
    ("Bali airport had closed twice between July 9 and 12.", "أقفل مرتين بين التاسع والثاني عشر من تموز - يوليو"),
    ("The period was extended until 30 Shawwal 1436 AH.", "بتمديد فترة التصحيح حتى 1436/10/30 هـ"),
    ("The paper published its details on 17 Dhu al-Qadah 1435 AH.", "حيث نشرت تفاصيلها في وقت سابق (17/11/1435هـ)"),
    ("Continued instability in the region is fertile ground for extremism.",
     "استمرار حالة عدم الاستقرار في المنطقة بيئة خصبة"),
    ("Such traitors should be denied the right to return.", "يجب أن يحرموا من حق العودة"),
    ("Any bear that attacked the man will be destroyed.", "التي هاجمت الرجل فسيتم القضاء عليها"),
    ("The eruption of Mount Raung shut the airport.", "أغلق المطار بسبب ثوران بركان رونغ"),
    # a negation closed by إلا is "only"; حال دون is "prevented"; لا A ولا B is one negation
    ("Such attacks would only strengthen the army's resolve.", "لن تزيد أفراد الجيش إلا عزيمة وإصرارا"),
    ("Republicans have blocked the promise to close the prison.", "الجمهوريين الذين حالوا دون تنفيذ وعد اغلاق السجن"),
    ("He does not recognize the court, its legality or its legitimacy.",
     "لا يعترف بهذه السلطة القضائية ولا بقانونيتها ولا بشرعيتها"),
    # a name written in Latin letters in the Arabic; Saudi Arabian as the adjective السعودية; a rain
    # unmatched (لم تشهد مثيلا)
    ("The findings were published on Health Day News.", "نشرت نتائج التقرير عبر الموقع الطبي “Health Day News”"),
    ("The Saudi Arabian Anti-Doping Committee cleared the goalkeeper.",
     "برأت اللجنة السعودية للرقابة على المنشطات حارس النصر"),
    ("Heavy rain unmatched in a century fell.", "هطلت أمطار غزيرة لم تشهد المنطقة مثيلا لها منذ قرن"),
    ("The court fined Nazif and his two sons.", "غرمت المحكمة نظيف ونجليه"),  # a dual with a possessive
    ("Neither Nazif nor his two sons attended the session.", "ولم يحضر نظيف ولا نجلاه الجلسة"),  # لم ... ولا
    ("Typhoon Soudelor killed 14 people.", "أن الإعصار سودلور أسفر عن سقوط 14 قتيلا"),  # Typhoon: الإعصار
    ("The capsules weighed 615.5 grams.", "كبسولة تزن ستمائة وخمسة عشر ونصف جرام"),  # ونصف: and a half
    ("Their number is 6.5 million.", "يبلغ عددهم ستة ملايين ونصف"),  # half of the phrase's unit
    ("Korean officials met in Beijing.", "التقى مسؤولون من الكوريتين في بكين"),  # a feminine dual nisba
    ("SANA reported that the army took the town.", "وذكرت سانا أن الجيش سيطر على البلدة"),
])
def test_faithful_renderings_pass(text: str, span: str) -> None:
    assert guard(text, [span], published=PUB15, registry=packaged()) == []


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("The attack in May killed 3.", "الهجوم في يوليو أسفر عن مقتل 3", "date 'May'"),
    ("Three soldiers survived the attack.", "قتل ثلاثة جنود في الهجوم", "opposite"),
    ("The talks were postponed.", "بدأت المحادثات أمس", "opposite"),
    ("Three soldiers were killed in Aleppo, according to Haider al-Abadi.", "قتل ثلاثة جنود", "name"),
    # a town the gazetteer knows must be named, not matched fuzzily to some word of the span
    ("The witnesses said the dead included children trained in Benghazi.",
     "وقال الشهود إن من بين القتلى أطفالاً كانوا في طور عملية التدريب", "Benghazi"),
    ("It is not true that the group paid its dues.", "وأكدت المجموعة أن المستحقات لم تدفع", "not true"),
    ("Fines range up to 2.5 million dirhams.", "غرامة لا تتجاوز مليوناً و500 ألف درهم", "2.5 million"),
    ("The two UN agencies issued a joint report.", "قال تقرير مشترك أصدرته وكالة الأمم المتحدة", "two"),
    ("Arafat died on November 2, 2004.", "وتوفي عرفات في 11 تشرين الثاني/ نوفمبر 2004", "November 2"),
    ("He said prisoners numbered in the thousands.", "عدد الأسرى الذين هم بالمئات", "thousands"),
    ("Violators face a fine of 10,000 riyals.", "بغرامة لا تقل عن ثلاثة آلاف ريال ولا تزيد على عشرة آلاف ريال",
     "bound"),
    ("Mullah Omar ran the Taliban from 1996 to 2001.", "الملا عمر تزعم حركة طالبان من عام 1996 إلى عام 2001",
     "allegation"),
    ("Morsi did not attend yesterday's session.", "حضر مرسي أمس جلسة محاكمته", "negated"),
    ("The Health Ministry said so.", "قالت الخارجية الجزائرية ذلك", "Ministry"),  # وزارة implied by a word said
    ("The sentence was carried out on 26 Shawwal 1436 AH in Al-Baha.", "اليوم الاثنين 25 / 10 / 1436 هـ بمنطقة الباحة",
     "26 Shawwal"),
    ("The sentence was carried out on 25 Shawwal 1436 AH in Al-Baha.", "يوم 25 / 9 / 1436 هـ بمنطقة الباحة", "Shawwal"),
    ("Ahmed al-Masari of the Iraqi Forces accused blocs.", "واتهم أحمد المساري من تحالف الحشد كتلا", "Iraqi Forces"),
    ("The ICRC put the dead at 8,300.", "قدرت اللجنة الدولية للصليب الأحمر عدد القتلى بثلاثة آلاف وثمانمائة", "8,300"),
    ("The Chechen pleaded guilty to all charges.", "ودفع الشيشاني ببراءته من كل التهم", "opposite"),
    ("He was acquitted of terrorism.", "وأدين بالإرهاب", "opposite"),
    ("The attack missed the Almar district.", "الهجوم الذي وقع في منطقة المار", "missed"),
    ("US Secretary of State Kerry raised the case.", "وصرح وزير الدفاع الأميركي كيري بأنه بحث القضية", "State"),
    ("Bali airport had closed twice between July 9 and 13.", "أقفل مرتين بين التاسع والثاني عشر من تموز - يوليو", "13"),
    ("The paper published its details on 17 Dhu al-Hijjah 1435 AH.", "حيث نشرت تفاصيلها في وقت سابق (17/11/1435هـ)",
     "Dhu al-Hijjah"),
    ("Continued stability in the region is fertile ground for extremism.",
     "استمرار حالة عدم الاستقرار في المنطقة بيئة خصبة", "negated"),
    ("The ministry denied the report.", "قالت الوزارة إن التقرير صحيح", "denied"),
    # إلا makes a negation "only" when the English says only; without it the bound still counts
    ("Such attacks would strengthen the army's resolve.", "لن تزيد أفراد الجيش إلا عزيمة وإصرارا", "bound"),
    ("Republicans have not blocked the promise.", "الجمهوريين الذين حالوا دون تنفيذ وعد اغلاق السجن", "negated"),
    # two negations far apart are two: dropping one is caught
    ("He recognizes the court's authority, and has decided not to take part in the trial.",
     "لا يعترف بهذه السلطة القضائية ولا بقانونيتها، كما أنه قرر عدم المشاركة في المحاكمة", "negated"),
    ("Teaching before the holiday would exceed 20 days.", "الفترة التي تسبق الإجازة لا تتجاوز الدراسة فيها 20 يوما",
     "upper bound"),
    ("He survived them by shooting them.", "وذلك بإطلاق النار عليهما إثر خلاف", "not what"),
    ("The findings were published on Health Day News.", "نشرت النتائج عبر الموقع الطبي “WebMD”", "Health"),
    ("The Saudi Arabian Anti-Doping Committee cleared the goalkeeper.",
     "برأت اللجنة الكويتية للرقابة على المنشطات حارس النصر", "Saudi"),
    ("Heavy rain fell, matched in a century.", "هطلت أمطار غزيرة لم تشهد المنطقة مثيلا لها منذ قرن", "negated"),
    ("The gunman killed his two brothers.", "قتل المسلح أخيه", "two"),  # أخيه: his brother, not a dual
    ("Typhoon Haiyan killed 14 people.", "أن الإعصار سودلور أسفر عن سقوط 14 قتيلا", "Haiyan"),
    ("The capsules weighed 616.5 grams.", "كبسولة تزن ستمائة وخمسة عشر ونصف جرام", "616.5"),
    # from a review of the rules above: each must still be caught
    ("2,000 people were displaced.", "نزح 60 ألفا من السكان", "2,000"),
    ("The army continued its operations in Taiz.", "لم يواصل الجيش عملياته في تعز", "negated"),
    ("Two people were killed.", "قتل المواطن الكويتي احمد", "Two"),
    ("3,000 people were killed.", "قتل 3 و 25 ألف نازح", "3,000"),
    ("Visitors from Guinea are not banned.", "يمنع دخول القادمين من غينيا", "negated"),
    ("The ministry denied that soldiers were killed in the attack.",
     "قالت الوزارة إن جنودا قتلوا في الهجوم الذي لم تتبنه أي جهة", "denied"),
    ("The attack happened on July 1.", "وهو الهجوم الأول منذ يوليو", "date"),
    ("The trial opens tomorrow.", "تبدأ المحاكمة بعد غد", "date"),
    ("Unemployment exceeds 5 percent, just as forecast.", "لا تتجاوز نسبة البطالة 5 في المئة", "bound"),
    ("The Houthis said 13 militiamen were killed in Taiz.", "قتل 13 من ميليشيات الحوثيين في تعز", "say it"),
    ("The witnesses said the dead included children in Benghazi.", "وقال الشهود إن القتلى أطفال", "Benghazi"),
    ("Disbursements fell 185.2% last year.", "بلغ إجمالي المنصرف 18.2 مليار ريال مرتفعا بنسبة 185.2%", "opposite"),
    ("The attack killed 32 people.", "الاعتداء الذي أوقع 32 قتيلا", ""),  # (control: passes)
])
def test_fabrications_still_flagged(text: str, span: str, expected: str) -> None:
    problems = guard(text, [span], published=PUB15, registry=packaged())
    if expected:
        assert any(expected in p for p in problems), problems
    else:
        assert problems == []
        flipped = guard(text.replace("killed", "survived"), [span], published=PUB15, registry=packaged())
        assert any("opposite" in p for p in flipped), flipped


def test_an_institution_made_the_speaker_must_speak_in_the_span_or_its_context() -> None:
    article = _article("قصفت الميليشيات الحوثية أحياء في تعز أمس ما أدى إلى مقتل سبعة أشخاص. وقال مصدر طبي إن "
                       "المستشفيات امتلأت بالجرحى.")
    quote = "قصفت الميليشيات الحوثية أحياء في تعز أمس ما أدى إلى مقتل سبعة أشخاص"
    done = check_claim(_claim("Houthi militias shelled Taiz yesterday, killing seven people.", quote), article,
                       packaged())
    assert done.status == "verified", done.problems
    said = check_claim(_claim("A medical source said hospitals were full of wounded.", "المستشفيات امتلأت بالجرحى"),
                       article, packaged())
    assert said.status == "verified", said.problems  # an unnamed source is not checked by name
    moved = check_claim(_claim("The Houthis said seven people were killed in Taiz yesterday.", quote), article,
                        packaged())
    assert moved.status == "unverified" and any("say it" in p for p in moved.problems), moved.problems
    told = _article("وأعلن الحوثيون في بيان أمس حصيلة القصف. وأضافوا أن سبعة أشخاص قتلوا في القصف.")
    said = check_claim(_claim("The Houthis said seven people were killed.", "سبعة أشخاص قتلوا في القصف"), told,
                       packaged())
    assert said.status == "supported", said.problems
    assert any("الحوثيون" in e.quote_ar for e in said.evidence if e.added_by_check)


def test_a_title_missing_from_the_quote_is_looked_up_by_its_word() -> None:
    article = _article("قال وزير الداخلية إن الشرطة اعتقلت خمسة أشخاص. وأضاف الوزير أن التحقيقات مستمرة.")
    checked = check_claim(_claim("The Interior Minister said investigations continue.", "أن التحقيقات مستمرة"),
                          article, packaged())
    assert checked.status == "supported", checked.problems
    assert any("الداخلية" in e.quote_ar for e in checked.evidence if e.added_by_check)


def test_a_registered_place_that_is_an_everyday_word_is_no_sign_of_a_left_out_place() -> None:
    article = _article("استدعت الوزارة القائم بأعمال السفارة أمس. وجرى اللقاء في المنامة.")
    checked = check_claim(_claim("The ministry summoned the charge d'affaires in Manama.",
                                 "استدعت الوزارة القائم بأعمال السفارة"), article, packaged())
    assert checked.status == "supported", checked.problems


def _article(text: str, title: str | None = None) -> Article:
    return Article(id="a1", text=text, origin="test", title=title, published=PUB15, source="test")


def _claim(text_en: str, *quotes: str) -> Claim:
    return Claim(id="a1-c1", article_id="a1", text_en=text_en, evidence=[Evidence(quote_ar=q) for q in quotes])


def test_detail_from_the_lede_is_supported_with_added_evidence() -> None:
    article = _article("شهدت مدينة عدن اشتباكات عنيفة أمس. وقال مصدر أمني إن ثلاثة مسلحين قتلوا في الاشتباكات.")
    claim = _claim("Three gunmen were killed in the clashes in Aden.", "ثلاثة مسلحين قتلوا في الاشتباكات")
    checked = check_claim(claim, article, packaged())
    assert checked.status == "supported", checked.problems
    added = [e for e in checked.evidence if e.added_by_check]
    assert len(added) == 1 and "عدن" in added[0].quote_ar
    assert article.text[added[0].start:added[0].end] == added[0].quote_ar


def test_detail_nowhere_in_the_article_stays_unverified() -> None:
    article = _article("شهدت مدينة عدن اشتباكات عنيفة أمس. وقال مصدر أمني إن ثلاثة مسلحين قتلوا في الاشتباكات.")
    claim = _claim("Three gunmen were killed in the clashes in Taiz.", "ثلاثة مسلحين قتلوا في الاشتباكات")
    checked = check_claim(claim, article, packaged())
    assert checked.status == "unverified"


def test_figure_moved_from_elsewhere_in_the_article_is_not_context() -> None:
    article = _article("قتل 12 شخصا في هجوم الأسبوع الماضي. وقال مصدر أمني إن ثلاثة مسلحين قتلوا في الاشتباكات.")
    checked = check_claim(_claim("12 gunmen were killed in the clashes.", "إن ثلاثة مسلحين قتلوا في الاشتباكات"),
                          article, packaged())
    assert checked.status == "unverified"  # the quote states another figure: a swap, not context


def test_a_place_the_model_listed_may_come_from_anywhere_in_the_article() -> None:
    text = ("وتحدث السكان عن الأوضاع. " * 3 + "ووقعت الغارة في ولاية لوغار شرق البلاد. "
            + "وتحدث السكان عن الأوضاع. " * 3 + "وقال حاكم منطقة بركي براك إن مروحيتين هاجمتا حاجزا للجيش")
    claim = _claim("The governor of Baraki Barak in Logar said two helicopters attacked an army checkpoint.",
                   "وقال حاكم منطقة بركي براك إن مروحيتين هاجمتا حاجزا للجيش")
    pairs = [("بركي براك", "Baraki Barak"), ("لوغار", "Logar")]
    listed = check_claim(claim, _article(text), packaged(), pairs=pairs, places=pairs)
    assert listed.status == "supported", listed.problems
    assert any("لوغار" in e.quote_ar for e in listed.evidence if e.added_by_check)
    # not listed as a place, Logar is some party, looked for only around the quote and in the lede
    assert check_claim(claim, _article(text), packaged(), pairs=pairs).status == "unverified"
    # a place whose pair does not hold is not taken for one
    wrong = [("بركي براك", "Baraki Barak"), ("لوغار", "Kunar")]
    moved = claim.model_copy(update={"text_en": claim.text_en.replace("Logar", "Kunar")})
    assert check_claim(moved, _article(text), packaged(), pairs=wrong, places=wrong).status == "unverified"


def test_countries_by_the_names_the_press_uses() -> None:
    from briefing.names import is_place, pair_ok

    # the gazetteer (CLDR) says Türkiye and United Kingdom; a country is not taken for a swapped town
    assert is_place("Turkey") and pair_ok("Turkey", "تركيا") and pair_ok("Britain", "بريطانيا")
    assert not pair_ok("Turkey", "إيران")
    text = "ونقلت صحيفة «حريت» التركية عن حاكم الإقليم أن الضابطين قتلا. " + "وتحدث السكان عن الأوضاع. " * 6 \
        + "وقع الهجوم في شانلي أورفا."
    claim = _claim("The governor told Hurriyet the two officers were killed in Sanliurfa.",
                   "ونقلت صحيفة «حريت» التركية عن حاكم الإقليم أن الضابطين قتلا")
    pairs = [("حريت", "Hurriyet"), ("شانلي أورفا", "Sanliurfa")]
    assert check_claim(claim, _article(text), packaged(), pairs=pairs).status == "supported"


@pytest.mark.parametrize(("source", "text"), [
    ("aawsat", "A security official told Asharq Al-Awsat that Washington lifted the veto."),
    ("3alyoum", "A security official told Ain Alyoum that Washington lifted the veto."),  # عين اليوم
    ("was", "A security official told the Saudi Press Agency that Washington lifted the veto."),  # واس
])
def test_the_outlet_may_name_itself_by_its_english_name(source: str, text: str) -> None:
    quote = "وقال مسؤول أمني إن واشنطن رفعت الفيتو"
    article = Article(id="a1", text=quote + ". " + _FILLER, origin="test", published=PUB15, source=source)
    checked = check_claim(_claim(text, quote), article, packaged())
    assert checked.status == "verified", checked.problems
    attributed = check_claim(_claim("Washington lifted the veto.", quote).model_copy(
        update={"attributed_to": text.split(" told ")[1].split(" that")[0], "stance": "asserted"}), article, packaged())
    assert attributed.status == "verified", attributed.problems


def test_an_outlet_id_that_is_an_english_word_is_not_its_name() -> None:
    from briefing.verify import _outlet_pattern

    named = _outlet_pattern("was").sub("the outlet", "It was SPA that reported it")
    assert named == "It was the outlet that reported it"


def test_a_second_date_may_come_from_context_when_the_quote_s_own_is_in_the_claim() -> None:
    text = "أعلنت الشرطة أمس القبض على المتهمين. " + "وتحدث السكان عن الأوضاع. " * 6 \
        + "وكانت الحادثة وقعت يوم الاثنين الماضي قرب السوق"
    quote = "وكانت الحادثة وقعت يوم الاثنين الماضي قرب السوق"
    both = check_claim(_claim("Police announced yesterday the arrest of the suspects in the incident on Monday.",
                              quote), _article(text), packaged())
    assert both.status == "supported", both.problems
    # the quote's own date left out and another put in its place: a swap, not context
    swapped = check_claim(_claim("The incident near the market happened yesterday.", quote), _article(text),
                          packaged())
    assert swapped.status == "unverified"


def test_quote_shortened_with_an_ellipsis_is_located_part_by_part() -> None:
    text = "قال المتحدث باسم الجيش إن القوات سيطرت على المدينة بعد معارك عنيفة استمرت ثلاثة أيام مع مسلحي التنظيم."
    article = _article(text)
    checked = check_claim(_claim("The army spokesman said the fighting lasted three days.",
                                 "قال المتحدث باسم الجيش ... معارك عنيفة استمرت ثلاثة أيام"), article, packaged())
    assert checked.status == "verified", checked.problems
    parts = checked.evidence[0].parts
    assert len(parts) == 2 and text[parts[0][0]:parts[0][1]] == "قال المتحدث باسم الجيش"


def test_another_name_of_a_person_may_come_from_where_they_are_introduced() -> None:
    article = _article("اعتقلت الشرطة فتيحة المجاطي المعروفة بأم آدم في الرباط. وقال مصدر أمني إن الشرطة "
                       "تحقق في القضية منذ أشهر. وأعلنت المجاطي ولاءها لتنظيم داعش سنة 2013.")
    checked = check_claim(_claim("Fatiha al-Mejjati, known as Umm Adam, declared allegiance to ISIS in 2013.",
                                 "وأعلنت المجاطي ولاءها لتنظيم داعش سنة 2013"), article, packaged(),
                          pairs=[("فتيحة المجاطي", "Fatiha al-Mejjati"), ("أم آدم", "Umm Adam")])
    assert checked.status == "supported", checked.problems


def test_a_registered_body_referred_to_by_its_kind_is_found_anywhere() -> None:
    # the article names ISIS once, far from the quote, then calls it "التنظيم"
    text = ("قالت الشرطة في بغداد إن الوضع هادئ. وأغلقت المحال أبوابها ظهرا. وسبق أن تبنى تنظيم داعش هجمات "
            "في المدينة. وعادت الحركة إلى الأسواق. وانتشرت القوات في الشوارع. وقتل 21 شخصا في ثلاث هجمات مساء "
            "أمس. وتبنى التنظيم في بيانين هذه التفجيرات.")
    article = _article(text)
    quote = "وتبنى التنظيم في بيانين هذه التفجيرات"
    claimed = check_claim(_claim("ISIS claimed the bombings in two statements.", quote), article, packaged())
    assert claimed.status == "supported", claimed.problems
    assert any(e.added_by_check and "داعش" in e.quote_ar for e in claimed.evidence)
    # a body of another kind is not met by التنظيم
    other = check_claim(_claim("The Interior Ministry claimed the bombings in two statements.",
                               "وتبنى التنظيم في بيانين هذه التفجيرات"), article, packaged())
    assert other.status == "unverified"


def test_the_noun_an_article_puts_before_a_name_refers_back_to_it() -> None:
    # "حركة طالبان" early in the article: "الحركة" in the quote is the Taliban
    text = ("أعلنت حركة طالبان أمس تعيين زعيم جديد. وقال مصدر إن الخلاف كبير. وتوالت ردود الفعل في كابول. "
            "وعقد اجتماع في المدينة. وانتشرت الشرطة في الطرق. وأعلنت الحركة في بيان أن مجلس الشورى اجتمع.")
    quote = "وأعلنت الحركة في بيان أن مجلس الشورى اجتمع"
    checked = check_claim(_claim("The Taliban said in a statement that the Shura Council met.", quote),
                          _article(text), packaged())
    assert checked.status == "supported", checked.problems


def test_a_longer_name_the_model_paired_is_not_forced_to_its_registered_part() -> None:
    span = "واتهم أحمد المساري من تحالف القوى العراقية كتلا"
    pairs = [("تحالف القوى العراقية", "Iraqi Forces Alliance"), ("أحمد المساري", "Ahmed al-Masari")]
    text = "Ahmed al-Masari of the Iraqi Forces Alliance accused blocs."
    assert guard(text, [span], published=PUB15, registry=packaged(), pairs=pairs) == []


# Fabrications a review of the loosened rules built; each passed the checker before its mend.
@pytest.mark.parametrize(("text", "span"), [
    ("The army withdrew from the town, just hours after the clashes, although it kept checkpoints.",
     "ولم ينسحب الجيش من البلدة، إلا أنه خفف من انتشاره بعد ساعات من الاشتباكات"),
    ("Parliament approved the law, and only ten MPs attended the session.",
     "لم يوافق البرلمان على القانون ولم يحضر الجلسة إلا عشرة نواب"),
    ("The rain caused casualties in the city.", "وهو ما حال دون وقوع إصابات في المدينة بسبب الأمطار"),
    ("The minister did not attend the meeting and intends to attend tomorrow.",
     "لم يحضر الوزير الاجتماع ولا يعتزم الحضور غدا"),
    ("Police did not arrest the suspects and know their whereabouts.", "لم تعتقل الشرطة المشتبه بهم ولا تعرف مكانهم"),
    ("The president attended the summit but did not speak.", "تغيب الرئيس عن القمة وألقى كلمة عبر الفيديو"),
    ("The minister declined to comment and said the government would not pay compensation.",
     "وامتنع الوزير عن التعليق، وأكد أن الحكومة ستدفع التعويضات"),
    ("The opposition leader received funding from abroad, the government said.",
     "وتزعم الحكومة أن زعيم المعارضة تلقى تمويلا من الخارج"),
    ("Further attacks can be ruled out.", "لا يمكن الجزم بعدم وقوع هجمات أخرى"),
    ("Under the new law, the authorities expelled the journalists.", "وبموجب القانون الجديد لم تبعد السلطات الصحفيين"),
    ("10 people were injured within the city.", "لا يزيد عدد المصابين في المدينة عن 10 أشخاص"),
    ("The train from Riyadh to Jeddah travels at 300 kilometres per hour.",
     "لا تتجاوز سرعة القطار بين الرياض وجدة 300 كيلومتر في الساعة"),
    ("Police arrested the detainees on Thursday.", "وأفرجت الشرطة عن الموقوفين يوم الخميس"),
    ("Police arrested a Saudi citizen in Kuwait.", "واعتقلت الشرطة مواطنا كويتيا في الكويت"),
    ("The Defense Ministry said five people died in the fire.", "وقال الدفاع المدني إن خمسة أشخاص توفوا في الحريق"),
    ("The Interior Ministry said five people died.", "وقالت قيادة الجبهة الداخلية إن خمسة أشخاص توفوا"),
    ("The Islamic State Council said the talks had failed.", "وقال المجلس الإسلامي في الولاية إن المحادثات فشلت"),
    ("The Arab Bank said the talks had failed.", "وقالت مصادر في الضفة الغربية إن المحادثات العربية فشلت"),
    ("On Saturday World Bank officials said the loan was approved.",
     "وقال مسؤولون في البنك الدولي يوم الثلاثاء إن القرض أقر"),
    ("10 people were killed in the clashes.", "وسقط القتلى بالعشرات في الاشتباكات"),
    ("The minister said six soldiers were killed.", "وقال الوزير: ولست أعرف عدد الجنود القتلى"),
    ("The two ministers expressed grave concern.", "وأبدى الوزير قلقا بالغا الليلة الماضية"),
])
def test_fabrications_from_the_review_are_caught(text: str, span: str) -> None:
    assert guard(text, [span], published=PUB15, registry=packaged()) != []


_FILLER = "وتحدث السكان عن الأوضاع. "


@pytest.mark.parametrize(("text", "quote", "pairs"), [
    # a misspelled place that is the gazetteer's name of another town
    ("Shells fell on Kuwait, south of Baghdad.", "وسقطت قذائف على مدينة الكوت جنوب بغداد", [("الكوت", "Kuwait")]),
    ("Forces took control of the coastal city of Haditha.", "وسيطرت القوات على مدينة الحديدة الساحلية",
     [("الحديدة", "Haditha")]),
    ("Turkish police arrested three Syrians in Aden.", "واعتقلت الشرطة التركية ثلاثة سوريين في أضنة",
     [("أضنة", "Aden")]),
    # a translation the lexicon knows does not override the registry or the glossary
    ("The Arab League said five journalists were killed this year.",
     "وقال الاتحاد العربي للصحفيين إن خمسة صحفيين قتلوا هذا العام", [("الاتحاد العربي", "Arab League")]),
    ("The Brotherhood said in a statement that authorities arrested ten of its members.",
     "وقالت الجمعية في بيان إن السلطات اعتقلت عشرة من أعضائها", [("الجمعية", "Brotherhood")]),
    ("The International Council overturned the decision.", "وقضى مجلس الدولة بإلغاء القرار",
     [("مجلس الدولة", "International Council")]),
    ("The head of the African League said the summit would be held in Addis Ababa.",
     "وقال رئيس الاتحاد الأفريقي إن القمة ستعقد في أديس أبابا", [("الاتحاد الأفريقي", "African League")]),
    # الأمس القريب is "until recently"; الإخوان alone is not the Muslim Brotherhood
    ("The city was under the group's control until yesterday.", "وكانت المدينة حتى الأمس القريب تحت سيطرة التنظيم", []),
    ("Haniyeh thanked the Muslim Brotherhood in Egypt for its mediation efforts.",
     "وشكر هنية الإخوان في مصر على جهودهم في الوساطة", []),
    # a name in Latin letters counts as a whole, not word by word
    ("Human Rights First said forces executed ten prisoners.",
     "وقالت منظمة Human Rights Watch إن القوات أعدمت عشرة أسرى", []),
])
def test_fabrications_from_the_second_review_are_caught(text: str, quote: str, pairs: list[tuple[str, str]]) -> None:
    checked = check_claim(_claim(text, quote), _article(quote + ". " + _FILLER), packaged(), pairs=pairs, places=pairs)
    assert checked.status == "unverified"


def test_swaps_from_the_second_review_are_not_taken_for_context() -> None:
    # "Anas" is not in "Sanaa": a speaker the quote names and the claim leaves out is a likely swap
    quote = "وقال أنس الخطيب في صنعاء إن القصف دمر منازل المدنيين"
    article = _article("والتقى خالد العمر بالوفد أمس. " + quote + ". " + _FILLER * 2)
    pairs = [("أنس الخطيب", "Anas al-Khatib"), ("خالد العمر", "Khalid al-Omar")]
    swapped = check_claim(_claim("Khalid al-Omar said in Sanaa that the shelling destroyed civilians' homes.", quote),
                          article, packaged(), pairs=pairs)
    assert swapped.status == "unverified"
    # a month does not give the quote's day: the claim's own day is then no context
    quote = "وأعلنت الشرطة أمس القبض على المتهمين في الهجوم"
    article = Article(id="a1", text="وزار الوزير المدينة يوم الاثنين الماضي. " + quote + ". " + _FILLER * 3,
                      origin="test", published=PUB, source="test")
    dated = check_claim(_claim("In November 2017, police arrested the suspects on Monday.", quote), article, packaged())
    assert dated.status == "unverified"


@pytest.mark.parametrize(("text", "span"), [
    ("The talks reached an agreement, an unprecedented step.", "وقال إن المحادثات لم تتوصل إلى اتفاق"),
    ("Oil output fell while prices remained unchanged.", "وقال الوزير إن إنتاج النفط لم ينخفض بينما ارتفعت الأسعار"),
    ("The strike hit the airport but flights were unaffected.", "وقال إن الضربة لم تصب المطار لكن الرحلات تأثرت"),
])
def test_an_un_word_carries_only_its_own_arabic_negation(text: str, span: str) -> None:
    assert guard(text, [span], published=PUB15, registry=packaged()) != []


@pytest.mark.parametrize(("demonym", "arabic"), [
    ("Dutch", "الهولندي"), ("Swiss", "السويسرية"), ("Danish", "الدنماركي"), ("Greek", "اليوناني"),
    ("Finnish", "الفنلندي"), ("Polish", "البولندي"), ("Hungarian", "المجري"), ("Korean", "الكوري"),
    ("Thai", "التايلاندي"), ("Mexican", "المكسيكي"), ("Chechen", "الشيشاني"), ("Irish", "الإيرلندي"),
    ("Spanish", "الإسبانية"), ("Turks", "الأتراك"), ("Indians", "الهنود"), ("Korean", "الكوري"),
    # the closed list of the demonyms no suffix derives
    ("Norwegian", "النرويجي"), ("Cypriot", "القبرصي"), ("Kazakh", "الكازاخستاني"), ("Ivorian", "من ساحل العاج"),
    ("Uzbek", "الأوزبكي"), ("Kosovar", "الكوسوفي"), ("Gazan", "من قطاع غزة"), ("Icelandic", "الآيسلندي"),
])
def test_demonyms_name_their_people_and_no_other(demonym: str, arabic: str) -> None:
    assert problems(f"The {demonym} official said it.", "وقال المسؤول " + arabic + " ذلك") == []
    assert problems(f"The {demonym} official said it.", "وقال المسؤول الكيني ذلك") != []


def test_africa_is_a_continent_not_south_africa() -> None:
    assert problems("It is the first time in the world, not just in Africa.",
                    "المرة الأولى حول العالم، وليس في أفريقيا فحسب") == []


def test_a_news_agency_that_spoke_elsewhere_in_the_article() -> None:
    quote = "ينص المشروع على تشكيل مجلس للرئاسة"
    text = "وجرت المفاوضات في مسقط. وتحدثت وكالة «تسنيم» الإيرانية عن مشروع اتفاق. " + _FILLER * 2 + quote + "."
    checked = check_claim(_claim("According to Tasnim, the draft provides for a presidential council.", quote),
                          _article(text), packaged())
    assert checked.status == "supported", checked.problems
    assert problems("Xinhua said 14 people were killed.", "وقالت وكالة أنباء الصين الجديدة إن 14 شخصا قتلوا") == []
    assert problems("Xinhua said 14 people were killed.", "وقالت وكالة الأنباء الكويتية إن 14 شخصا قتلوا") != []


@pytest.mark.parametrize(("text", "span"), [
    # found by a third review: each was accepted by the round's first version of the rule
    ("He has two cars.", "ولديه سيارة"),  # ولديه: he has
    ("The ministry sent two convoys of in-kind aid to the city.", "أرسلت الوزارة قافلة مساعدات عينية إلى المدينة"),
    ("The court dissolved two marriages.", "حلت المحكمة علاقة زوجية"),
    ("The army entered the town, and neither side reported casualties.", "لم يدخل الجيش البلدة ولا توجد إصابات"),
    ("The Kuwait News Agency said the two ministers will not attend.", "وقال المصدر إن الوزيرين لن يكونا حاضرين"),
    ("According to the Syrian Arab News Agency, the attack killed a human being.", "وقال المصدر إن الهجوم قتل إنساناً"),
    ("According to the Emirates News Agency, a father and mother were killed.", "وقال الدفاع المدني إن أب وأم قتلا"),
    ("According to the Qatar News Agency, a train derailed.", "وقال المحافظ إن قطارا خرج عن القضبان في قنا"),
    ("The Houthis said coalition aircraft struck their positions in Saada.",
     "قصفت طائرات التحالف مواقع للحوثيين في صعدة ونقل الجرحى إلى المستشفى"),  # نقل: carried, not said
    ("ISIS said its militants burned the books of the Mosul library.", "أحرق مسلحو تنظيم داعش كتب مكتبة الموصل"),
    ("A Peruvian diplomat was kidnapped in Beirut.", "اختطف دبلوماسي في بيروت"),  # بيرو inside بيروت
    ("Hungarian police arrested three criminals.", "اعتقلت الشرطة ثلاثة مجرمين"),
    ("South Korean troops fired at the border.", "أطلقت القوات الكورية الشمالية النار على الحدود"),
    # and a fourth
    ("The Turkish minister left his post yesterday.", "ترك الوزير منصبه أمس"),  # ترك: left
    ("An Indian girl said the school was closed.", "قالت الطفلة هند إن المدرسة أغلقت"),  # هند: a name
    ("The minister told CNN the meeting was held.", "وقال الوزير لقناة CNN Turk إن الاجتماع عقد"),
    # a short skeleton (Hodeidah: hd) is not met by a short word (الأحد, Sunday)
    ("State media said on Sunday that rain fell in Hodeidah.", "ذكرت وسائل الإعلام الرسمية الأحد أن أمطارا هطلت"),
])
def test_fabrications_from_the_third_review_are_caught(text: str, span: str) -> None:
    assert problems(text, span) != []


@pytest.mark.parametrize(("text", "span"), [
    ("The Houthis took control of Sana.", "سيطر الحوثيون على صنعاء"),  # not SANA, the agency
    ("Mena Ahmed said the army shelled the town.", "وقالت منى أحمد إن الجيش قصف البلدة"),
    ("CNN reported that the army shelled the town.", "وذكرت شبكة CNN International أن الجيش قصف البلدة"),
    ("The army launched an unprecedented attack.", "شن الجيش هجوما لا سابق له"),
    ("Mediation efforts were unsuccessful.", "لم تفلح جهود الوساطة"),
    ("The prices remained unchanged.", "لم تتبدل الأسعار"),
    ("His two eyes were injured.", "أصيبت عيناه"),
])
def test_true_claims_from_the_third_review_pass(text: str, span: str) -> None:
    assert problems(text, span) == []


def test_a_wrong_model_pair_for_a_short_name_is_refused() -> None:
    span = "وقال أسامة حمدان إن الحركة لن تقبل الاتفاق"
    problems = guard("Obama said the movement would not accept the deal.", [span], published=PUB15,
                     registry=packaged(), pairs=[("أسامة حمدان", "Obama")])
    assert any("Obama" in p for p in problems)


def test_a_kind_noun_refers_to_the_body_named_last_before_the_quote() -> None:
    text = ("قالت الشرطة في بغداد إن الوضع هادئ. وأغلقت المحال أبوابها ظهرا. وأعلن تنظيم القاعدة في جزيرة العرب "
            "أنه انسحب من المكلا. وعادت الحركة إلى الأسواق. وتبنى تنظيم داعش هجمات سابقة. وانتشرت القوات في "
            "الشوارع. وقتل 21 شخصا في ثلاث هجمات مساء أمس. وتبنى التنظيم في بيانين هذه التفجيرات.")
    quote = "وتبنى التنظيم في بيانين هذه التفجيرات"
    wrong = check_claim(_claim("AQAP claimed the bombings in two statements.", quote), _article(text), packaged())
    assert wrong.status == "unverified"
    right = check_claim(_claim("ISIS claimed the bombings in two statements.", quote), _article(text), packaged())
    assert right.status == "supported", right.problems


# A name, an age: stated once where the article introduces it, paragraphs before the quote
_FAR = ("أعلنت الشرطة البريطانية أمس توجيه تهم لرجلين. وقالت ديبورا والش نائبة رئيس قسم مكافحة الإرهاب في بيان إن "
        "التحقيق مستمر. وكان جنيد خان البالغ من العمر 24 عاما قد اعتقل في مطار هيثرو. وتوالت ردود الفعل في لندن. "
        "وعقدت الشرطة مؤتمرا صحافيا. وانتشرت القوات في الشوارع. وأكدت المحكمة أن الجلسة المقبلة ستعقد الشهر المقبل. "
        "وذكر البيان أن خان كان يخطط للسفر إلى سوريا عبر تركيا.")
_FAR_PAIRS = [("ديبورا والش", "Deborah Walsh"), ("جنيد خان", "Junaid Khan"), ("تركيا", "Turkey"),
              ("سوريا", "Syria")]


def test_a_person_introduced_paragraphs_before_the_quote_is_context() -> None:
    quote = "وذكر البيان أن خان كان يخطط للسفر إلى سوريا"
    checked = check_claim(_claim("The statement said Junaid Khan had planned to travel to Syria.", quote),
                          _article(_FAR), packaged(), pairs=_FAR_PAIRS)
    assert checked.status == "supported", checked.problems
    assert any(e.added_by_check and "جنيد خان" in e.quote_ar for e in checked.evidence)


def test_a_name_named_elsewhere_put_in_place_of_the_quotes_own_stays_unverified() -> None:
    # the quote names Raqqa; the claim swaps in Aleppo, which the article names elsewhere
    quote = "وذكر البيان أن خان كان يخطط للسفر إلى الرقة"
    text = _FAR.replace("إلى سوريا عبر تركيا", "إلى الرقة") + " وتتابع السلطات في حلب القضية."
    checked = check_claim(_claim("The statement said Khan had planned to travel to Aleppo.", quote),
                          _article(text), packaged(), pairs=_FAR_PAIRS)
    assert checked.status == "unverified", checked.problems
    # a party: the quote names Walsh, the claim puts in Khan, whom the article names elsewhere
    quote = "وقالت ديبورا والش نائبة رئيس قسم مكافحة الإرهاب في بيان إن التحقيق مستمر"
    checked = check_claim(_claim("In a statement, Junaid Khan said the investigation continues.", quote),
                          _article(_FAR), packaged(), pairs=_FAR_PAIRS)
    assert checked.status == "unverified", checked.problems


def test_an_age_comes_from_where_the_person_is_introduced_and_only_as_an_age() -> None:
    quote = "وذكر البيان أن خان كان يخطط للسفر إلى سوريا"
    article = _article(_FAR)
    ok = check_claim(_claim("The statement said the 24-year-old had planned to travel to Syria.", quote),
                     article, packaged(), pairs=_FAR_PAIRS)
    assert ok.status == "supported", ok.problems
    wrong = check_claim(_claim("The statement said the 25-year-old had planned to travel to Syria.", quote),
                        article, packaged(), pairs=_FAR_PAIRS)
    assert wrong.status == "unverified"
    # a figure stated far away that is not an age does not make one
    other = _article(_FAR.replace("البالغ من العمر 24 عاما", "")
                     .replace("مؤتمرا صحافيا", "مؤتمرا صحافيا حضره 24 صحافيا"))
    assert check_claim(_claim("The statement said the 24-year-old had planned to travel to Syria.", quote),
                       other, packaged(), pairs=_FAR_PAIRS).status == "unverified"


@pytest.mark.parametrize(("text", "span"), [
    # ألا = أن لا before a verb: "chose not to be"
    ("He said the doors would remain open to those who chose not to be there.",
     "أن الأبواب ستظل مفتوحة لمن اختاروا ألا يكونوا هنا"),
    # حظر: a prohibition, "may not"
    ("Women may not be employed in underground work.", "حظر توظيفها في العمل تحت سطح الأرض"),
    # لا A ... ولا B, several words apart: "neither A nor B"
    ("The council would include neither President Hadi nor his predecessor Saleh.",
     "مجلس للرئاسة لا يضم الرئيس الحالي عبد ربه منصور هادي، ولا سلفه صالح"),
    # تعذر: "could not", a verb
    ("The prosecutor said Morsi could not attend because of low blood sugar.",
     "وقال ممثل النيابة إن سبب تعذر حضور مرسي يرجع إلى إصابته بانخفاض في مستوى السكر"),
])
def test_negations_without_a_negation_word_of_their_own(text: str, span: str) -> None:
    assert guard(text, [span], published=PUB15, registry=packaged()) == []


@pytest.mark.parametrize(("text", "span"), [
    ("He said the doors would remain open to those who chose to be there.",
     "أن الأبواب ستظل مفتوحة لمن اختاروا ألا يكونوا هنا"),
    # إلا, not ألا: a restriction, no negation for the claim to add
    ("He said none but the army will not stay.", "لن يبقى إلا الجيش"),
    # تعذر carries "could not" only: not an inserted "not" elsewhere
    ("Morsi could not attend and his lawyers did not speak.", "تعذر حضور مرسي وتحدث محاموه"),
])
def test_those_negations_still_must_be_rendered(text: str, span: str) -> None:
    assert guard(text, [span], published=PUB15, registry=packaged()) != []


# --------------------------------------------------------------------------- who the claim is attributed to

_ATTR_ARTICLE = ("أعلنت وزارة الداخلية السعودية أمس القبض على خلية إرهابية في الرياض. "
                 "وقال المتحدث الأمني باسم الوزارة اللواء منصور التركي إن الخلية كانت تخطط لتنفيذ عمليات "
                 "تستهدف مساجد ومجمعات سكنية. وأضاف أن التحقيقات مستمرة مع أفراد الخلية. "
                 "وكان علي عبدالله الصالح قد حضر الاجتماع السنوي للجمعية الخيرية في عسير. ")
_ATTR_SPAN = "إن الخلية كانت تخطط لتنفيذ عمليات تستهدف مساجد ومجمعات سكنية"


def _attribution_problems(attributed_to: str) -> list[str]:
    found = check("The cell was planning attacks on mosques and residential compounds.", [_ATTR_SPAN],
                  published=None, registry=packaged(), attributed_to=attributed_to, article_text=_ATTR_ARTICLE)
    return [p.message for p in found if p.kind == "attribution"]


def test_attribution_named_elsewhere_in_the_article_holds() -> None:
    # who says it is named once, two sentences before the quote: exact spelling, anywhere
    assert _attribution_problems("Mansour al-Turki") == []
    assert _attribution_problems("the Interior Ministry") == []


def test_attribution_to_someone_the_article_does_not_name_is_caught() -> None:
    # a loose transliteration found somewhere in a long article is chance, not the speaker
    # (the benchmark's "source" kind: 70% of such swaps passed before)
    assert _attribution_problems("Khalifa Haftar") != []
    assert _attribution_problems("Qasem Soleimani") != []


def test_a_letter_doubled_across_two_arabic_words_is_one() -> None:
    # ردفان العند is Radfan-Anad: the n ending one word and the one after the article are one n,
    # as English writes it, also where only an exact skeleton counts (whole sentences, attributions)
    from briefing.names import _translit_supported

    assert _translit_supported("Radfan-Anad", fold("المتحدث باسم جبهة ردفان العند"), strict=True)
    assert not _translit_supported("Radfan-Anad", fold("المتحدث باسم جبهة ردفان الضالع"), strict=True)


@pytest.mark.parametrize(("text", "span"), [
    ("Two-thirds of the residents are of African descent.", "ثلثاهم ذوو أصول أفريقية"),  # a dual fraction
    ("Two-thirds of the budget went to salaries.", "ذهب ثلثا الميزانية إلى الرواتب"),
    ("He moved there less than six months ago.", "انتقل قبل أقل من نصف عام"),  # half a year
    ("The conflict has lasted 25 years.", "استمر النزاع ربع قرن"),
    ("The talks lasted 14 days.", "استمرت المحادثات أسبوعين"),
    ("The blast killed 200 people.", "أودى الانفجار بحياة مئتي شخص"),  # مئتي: 200 in construct
])
def test_number_morphology_of_fractions_and_periods(text: str, span: str) -> None:
    assert guard(text, [span], published=PUB15, registry=packaged()) == []


@pytest.mark.parametrize(("text", "span"), [
    ("Three-thirds of the budget went to salaries.", "ذهب ثلثا الميزانية إلى الرواتب"),
    ("He moved there less than seven months ago.", "انتقل قبل أقل من نصف عام"),
    ("The talks lasted 10 years.", "عقد المجلس اجتماعا استمر ساعات"),  # عقد: "held", not a decade
])
def test_those_periods_are_their_figures_only(text: str, span: str) -> None:
    assert any("number" in p for p in guard(text, [span], published=PUB15, registry=packaged()))


@pytest.mark.parametrize(("text", "span"), [
    ("At least twelve flights were cancelled.", "ألغيت اثنتى عشر رحلة جوية على الأقل"),  # عشر, as the press writes it
    ("More than two hundred flights were cancelled.", "إلغاء رحلات يزيد عددها على مائتى رحلة"),
    ("The money was injected in the crisis of the late 1990s.", "ضختها أثناء الأزمة في أواخر تسعينيات القرن"),
    ("Badr Corps commander Abu Muntadhar was killed.", "مقتل قائد العمليات في فيلق بدر أبي منتظر"),
    ("Gunmen were holed up in the North Caucasus.", "مسلحين تحصنوا في مدينة بشمال القوقاز"),
    ("The National Commercial Bank holds the largest share.", "أكبرها للبنك الأهلي بنسبة 20%"),
    ("Senior Iranian negotiator Abbas Araghchi spoke.", "قال المفاوض الإيراني الكبير عباس عراقجي"),
    ("The lawyer rejected the security service's claims.", "ودحضت المحامية ادعاءات الأمن"),  # دحض: a denial
    # the quote opens on what was said (إن ...) and says it was not so: a denial
    ("He denied that the visit was official, saying they came for Umrah.",
     "إن الزيارة كانت لتأدية العمرة، ولم تكن رسمية"),
    ("He described the remarks as irresponsible.", "واصفا التصريحات بأنها لا مسؤولة"),  # لا + an adjective
    ("Men must report from Tuesday 26/10/1436 AH.", "مراجعة الوزارة ابتداء من يوم الثلاثاء 26 / 10 / 1436هـ"),
    ("Men must report until the end of Sunday 1/11/1436 AH.", "حتى نهاية دوام يوم الأحد 1 / 11 / 1436هـ"),
    ("Crowds moved smoothly on the night of the 27th of Ramadan.", "كان التفويج سلسا ليلة سبعة وعشرين من رمضان"),
])
def test_general_forms_from_the_seventeenth_set(text: str, span: str) -> None:
    assert guard(text, [span], published=dt.date(2015, 8, 10), registry=packaged(),
                 pairs=[("عباس عراقجي", "Abbas Araghchi"), ("أبي منتظر", "Abu Muntadhar")]) == []


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("At least thirteen flights were cancelled.", "ألغيت اثنتى عشر رحلة جوية على الأقل", "number"),
    ("More than three hundred flights were cancelled.", "إلغاء رحلات يزيد عددها على مائتى رحلة", "number"),
    ("The money was injected during the crisis of the late 1980s.", "أثناء الأزمة في أواخر تسعينيات القرن", "number"),
    ("The lawyer confirmed the security service's claims.", "ودحضت المحامية ادعاءات الأمن", "denial"),
    ("Men must report from Wednesday 26/10/1436 AH.", "مراجعة الوزارة ابتداء من يوم الثلاثاء 26 / 10 / 1436هـ", "date"),
    ("The remarks were responsible.", "واصفا التصريحات بأنها لا مسؤولة", "negated"),
    ("Crowds moved on the night of the 26th of Ramadan.", "كان التفويج سلسا ليلة سبعة وعشرين من رمضان", "date"),
])
def test_those_forms_still_catch_a_changed_detail(text: str, span: str, expected: str) -> None:
    problems = guard(text, [span], published=dt.date(2015, 8, 10), registry=packaged())
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(("text", "span"), [
    ("Iran's Supreme Leader Ali Khamenei addressed Arab affairs.", "للمرشد الإيراني علي خامنئي الشأن العربي"),
    ("Saudi Telecom Company said its network had no fault.", "قالت شركة الاتصالات السعودية إن شبكتها بلا عطل"),
    ("Bianchi was injured at the Japanese Grand Prix.", "إصابته خلال سباق جائزة اليابان الكبرى"),
    ("Muslim Brotherhood figure Yusuf al-Qaradawi was sentenced.", "صدور حكم بحق القيادي الإخواني يوسف القرضاوي"),
    ("Al-Qaeda in the Islamic Maghreb claimed the ambush.", "تبنى تنظيم القاعدة في بلاد المغرب الكمين"),
    ("The World Food Programme sent a ship.", "سفينة أرسلها برنامج الأغذية التابع للأمم المتحدة"),
])
def test_titles_and_names_as_the_arabic_press_gives_them(text: str, span: str) -> None:
    assert guard(text, [span], published=PUB15, registry=packaged()) == []


@pytest.mark.parametrize(("text", "span"), [
    ("Iran's Supreme Leader Ali Khamenei addressed Arab affairs.", "للرئيس الإيراني علي خامنئي الشأن العربي"),
    ("Bianchi was injured at the Japanese Grand Prix.", "إصابته خلال سباق اليابان"),
])
def test_those_titles_still_need_their_arabic(text: str, span: str) -> None:
    assert guard(text, [span], published=PUB15, registry=packaged()) != []


# fabrications a review of the forms above built against them: each must stay flagged
@pytest.mark.parametrize(("text", "span"), [
    ("The spokesman said the minister was dismissed.", "نفى المتحدث إقالة الوزير"),  # a denial, not "dismissed"
    ("The minister said the government rejected the offer.", "نفى الوزير أن تكون الحكومة رفضت العرض"),
    ("It was denied that the forces would withdraw.", "إن لم تنسحب القوات فسنرد بقوة"),  # إن لم: if not
    ("The minister denied the attack.", "إن الهجوم الذي لم يسبق له مثيل وقع أمس"),
    ("Rescuers could not reach the site and the minister did not approve the plan.",
     "تعذر على فرق الإنقاذ الوصول إلى الموقع ووافق الوزير على الخطة"),  # one تعذر, one "could not"
    ("The ministry unveiled the plan.", "لا زالت الوزارة لم تكشف عن الخطة"),  # لا زال is "still"; unveiled no negation
    ("On August 13, the family had thirteen sons.", "تضم العائلة ثلاثة عشر ابنا"),  # ابنا is not آب
    ("The company signed 20 contracts with the ministry.", "وقعت الشركة عقدين مع الوزارة"),  # two contracts
    ("The group was founded in 1990.", "تأسست الجماعة في التسعينيات"),  # a decade is not a year
    ("Six people were killed.", "قتل شخصان منذ نصف عام"),  # half a year is six months, not six people
    ("The talks lasted 14 hours.", "استمرت المحادثات أسبوعين"),
    ("The fund is worth two hundred billion riyals.", "تبلغ قيمة الصندوق 200 مليون ريال"),
    ("Crown Prince Mohammed bin Salman met the minister.", "التقى صاحب السمو الملكي الأمير محمد بن سلمان الوزير"),
    ("He won the Grand Prix.", "فاز بجائزة أفضل لاعب"),
])
def test_fabrications_against_the_new_forms_are_caught(text: str, span: str) -> None:
    assert guard(text, [span], published=PUB15, registry=packaged()) != []


def test_a_preposition_is_not_stripped_from_a_word_the_lexicon_knows() -> None:
    from briefing.lexicon import translates

    assert translates("coordination", "لتنسيق")
    assert not translates("energy", "بطاقة")  # a card, not ب + طاقة


@pytest.mark.parametrize(("text", "span"), [
    ("The envoy met Joseph Kamara.", "والتقى المبعوث يوسف كامارا"),
    ("Opposition leader Isaac Herzog spoke.", "وتحدث زعيم المعارضة يتسحاق هيرتسوغ"),
    ("Pope Francis spoke.", "وتحدث البابا فرنسيس"),
])
def test_given_names_in_their_arabic_form(text: str, span: str) -> None:
    assert problems(text, span) == []


@pytest.mark.parametrize(("text", "span"), [
    ("The envoy met Jacob Kamara.", "والتقى المبعوث يوسف كامارا"),  # another given name
    ("The envoy met Moses Kamara.", "والتقى المبعوث الموسيقي كامارا"),  # موسى inside "the musician"
])
def test_given_names_are_not_matched_by_another_or_inside_a_word(text: str, span: str) -> None:
    assert problems(text, span) != []


def test_a_turkish_oglu_name_by_its_last_part() -> None:
    assert problems("The envoy met Davutoglu.", "والتقى المبعوث داود أوغلو") == []
    assert problems("The envoy met Davutoglu.", "والتقى المبعوث أردوغان") != []
    # the part before -oglu must be the word before أوغلو (a review's fabrications)
    assert problems("The envoy met Davutoglu.", "والتقى المبعوث مولود جاويش أوغلو") != []
    assert problems("The talks were led by Prime Minister Kilicdaroglu.",
                    "وقاد المحادثات رئيس الوزراء أحمد داود أوغلو") != []


@pytest.mark.parametrize(("text", "span"), [
    # a review's fabrications against this round's closed lists
    ("The delegation was received by Joseph Aoun.", "واستقبل الرئيس ميشال عون الوفد بحضور وزير المالية يوسف خليل"),
    ("The ceremony was addressed by President Isaac Rivlin.",
     "وتحدث في الحفل الرئيس رؤوفين ريفلين في ذكرى اغتيال يتسحاق رابين"),
    ("Police arrested two Ivorian smugglers.", "واعتقلت الشرطة اثنين من مهربي العاج"),  # عاج: ivory
    ("The strike hit Ivorian fighters.", "واستهدفت الضربة مقاتلين لداعش في قضاء بعاج"),
    ("The meeting was attended by the Laotian president.", "وحضر الاجتماع الرئيس الروماني كلاوس يوهانيس"),
    ("The statement was read by a Gazan cleric.", "وتلا البيان الشيخ محمد الغزي"),  # a surname
])
def test_closed_lists_do_not_match_another_word(text: str, span: str) -> None:
    assert problems(text, span) != []


def test_a_detail_refused_as_context_says_where_the_article_states_it() -> None:
    # the quote names Sanaa and the claim puts Aden, named elsewhere: a possible swap, still
    # unverified, and the reviewer is told where Aden is and why it was not taken
    quote = "وقال المسؤول إن القصف استهدف صنعاء أمس"
    article = _article("ووصل الوزير إلى عدن الأسبوع الماضي. " + _FILLER * 3 + quote + ". " + _FILLER)
    checked = check_claim(_claim("The official said the shelling targeted Aden yesterday.", quote), article, packaged())
    assert checked.status == "unverified"
    assert any("elsewhere, «ووصل الوزير إلى عدن الأسبوع الماضي»" in p and "a possible swap" in p
               for p in checked.problems), checked.problems
    # a name the article does not state anywhere gets no such line
    checked = check_claim(_claim("The official said the shelling targeted Aleppo yesterday.", quote), article,
                          packaged())
    assert checked.status == "unverified" and not any("elsewhere" in p for p in checked.problems)


def test_a_relative_day_takes_the_weekday_beside_it() -> None:
    # published (as the corpus dates it) on Friday 24 July 2015; the report says "today, Thursday"
    span = "قالت الصحيفة اليوم الخميس إن تركيا وافقت"
    assert problems("The paper said on Thursday that Turkey had agreed.", span, PUB15) == []
    assert problems("The paper said today that Turkey had agreed.", span, PUB15) == []
    assert problems("The paper said on Friday that Turkey had agreed.", span, PUB15) != []
    span = "حدد رئيس الوزراء اليوم (الاثنين) ملامح استراتيجية"
    assert problems("The prime minister outlined a strategy on Friday.", span, PUB15) != []
    assert problems("The prime minister outlined a strategy on Monday.", span, PUB15) == []


def test_a_month_the_span_gives_is_not_replaced_by_another_of_the_same_year() -> None:
    span = "خلال أحداث عرسال في شهر أغسطس من العام 2014"
    assert problems("It happened during the Arsal events in August 2014.", span, PUB15) == []
    assert problems("It happened during the Arsal events in October 2014.", span, PUB15) != []
    # a relative day beside it gives no month (a review: أمس made July one of the span's months)
    assert problems("The minister said yesterday it happened in July 2014.",
                    "وقال الوزير أمس إن ذلك حدث في شهر أغسطس من العام 2014", PUB15) != []


def test_the_newspapers_named_today_are_not_a_date() -> None:
    # Al-Yaum («اليوم») and Ain Alyoum (عين اليوم) are outlets of the corpus, not "today"
    assert problems("A source told Al-Yaum on Friday that the talks failed.",
                    "وقال مصدر لـ«اليوم» إن المحادثات فشلت", PUB15) != []
    assert problems("Ain Alyoum reported on Friday that the talks failed.",
                    "عين اليوم – واشنطن: فشلت المحادثات", PUB15) != []
    assert problems("The ambassador told Ain Alyoum on Friday that work goes on.",
                    "وذكر السفير لعين اليوم أن وتيرة الأعمال مستمرة", PUB15) != []
    assert problems("The editor of Al-Yaum said on Friday that contracts are weak.",
                    "وقال رئيس القسم الرياضي بجريدة اليوم إن التعاقدات ضعيفة", PUB15) != []
    assert problems("The minister said on Friday that the talks failed.",
                    "وقال الوزير اليوم إن المحادثات فشلت", PUB15) == []


def test_a_day_is_backed_by_a_day_when_the_span_gives_days() -> None:
    span = "وأظهرت بيانات المعهد يوم الثلاثاء زيادة في المخزونات الاسبوع الماضي"
    assert problems("The institute's data showed on Tuesday a rise in stocks last week.", span, PUB15) == []
    assert problems("The institute's data showed on Friday a rise in stocks last week.", span, PUB15) != []


@pytest.mark.parametrize(("text", "span", "published"), [
    # true claims a review found flagged by the first version of the date rules above
    ("The spokesman issued a statement on Sunday mourning the soldiers killed on 8 August 2015.",
     "وأصدر المتحدث بيانا يوم الأحد ينعى فيه الجنود الذين استشهدوا في 2015/8/8 م", dt.date(2015, 8, 10)),
    ("He announced his resignation on the morning of Friday, 6 January 2012.",
     "عندما أعلنت استقالتي صباح يوم الجمعة 06/01/2012م من فندق السفير", PUB15),
    ("Submissions close on 1 Muharram 1437 AH, corresponding to 14 October 2015.",
     "قبل إغلاق باب المشاركات في الأول من محرم عام 1437هـ الموافق 14/10/2015م", PUB15),
    ('He added: "Today ships passed in both directions."', "وأضاف “اليوم تم المرور من الاتجاهين", PUB15),
    ('"Today we apologize for the events of our past," the company said.',
     "وقالت الشركة «اليوم نعتذر عن أحداث ماضينا»", PUB15),
    ("The new ambassador, who was appointed today, will take up his post next month.",
     "وسيتسلم السفير الجديد الذي عين اليوم مهامه الشهر المقبل", PUB15),
    ("Thousands demonstrated on Thursday and last Wednesday.", "وتظاهر الآلاف أمس والأربعاء الماضي",
     dt.date(2015, 7, 24)),
])
def test_date_rules_keep_true_claims(text: str, span: str, published: dt.date) -> None:
    assert problems(text, span, published) == []


def test_ib_and_a_father_are_not_august() -> None:
    # folded, آب (August), إب (Ibb) and أب (a father) are one word: only آب is the month
    span = "سقوط قتلى في كمين للمقاومة بمحافظة إب فجر اليوم"
    assert problems("Militiamen were killed in an ambush in Ibb province on Tuesday.", span,
                    dt.date(2015, 7, 21)) == []
    assert problems("It happened in August 2014.", "وقال إن ذلك حدث في آب من العام 2014", PUB15) == []
