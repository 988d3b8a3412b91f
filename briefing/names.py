"""Names in an English claim, matched against the cited Arabic across scripts and languages.

A capitalized English name (a person, place, organization, people or community) is supported
when the span names it, in one of these ways, tried in order:

1. the registry (``registry.toml`` and ``--registry``): any Arabic variant of its entry;
2. the gazetteer (``data/gazetteer.json``, GeoNames' Arabic names of towns and CLDR's of
   countries): ``Diyarbakir`` is named by ``ديار بكر``;
3. meaning, for names that are translations: institutional words (Ministry -> وزارة),
   peoples and communities (Druze -> دروز, Shiites -> شيعة, Turkmen -> تركمان), and demonyms
   derived from a country's Arabic name (Yemeni -> اليمن/يمني);
4. the model's own name pairs (its ``entities``/``places``, Arabic form -> English): a pair is
   used only when its Arabic form is in the span and the pair passes a check of its own
   (transliteration against that Arabic form, the gazetteer or meaning);
5. transliteration: consonant skeletons of the English and of 1-3 consecutive words of the span,
   compared with loose classes (rapidfuzz). ``bench/verification/romanize_compare.py`` measured
   uroman + rapidfuzz against it on the tuning and dev sets' name pairs; the skeletons accepted
   more true pairs and as few false ones, and need no 4 s load, so they stay.

Capitalized English words that are ordinary words (a translated title: League, Passports) are
not names and are not checked. A phrase is a name with its small words ("Saudi Food and Drug
Authority", "Al-Qaeda in the Islamic Maghreb"); when it is not one registered name, the names
joined by and/in/for in it are checked one by one, and each unsupported word is its own problem
(``NameProblem.part``), so that ``verify`` can look for exactly that word in the article.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .arabic import fold, fold_words
from .lexicon import translates
from .registry import Registry
from .spelling import renders

GAZETTEER = Path(__file__).parent / "data" / "gazetteer.json"

_STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "if", "of", "on", "in", "at", "by", "to", "for", "from", "with",
    "without", "into", "onto", "over", "under", "after", "before", "during", "while", "as", "since", "until",
    "than", "then", "there", "here", "this", "that", "these", "those", "it", "its", "he", "she", "they", "them",
    "their", "his", "her", "we", "our", "you", "i", "according", "also", "some", "all", "other", "another",
    "both", "each", "every", "many", "most", "more", "much", "several", "such", "no", "not", "nor", "only",
    "however", "meanwhile", "moreover", "although", "though", "when", "where", "which", "who", "whom", "whose",
    "what", "why", "how", "earlier", "later", "last", "next", "first", "second", "third", "new", "one", "two",
    "mr", "mrs", "ms", "dr", "gen", "gen.", "general", "maj", "lt", "col", "brig", "brigadier", "colonel",
    "major", "lieutenant", "staff", "sergeant", "captain", "capt", "sgt", "sheikh", "sheik", "prince",
    "princess", "king", "queen",
    "eng", "engineer", "prof", "professor", "judge", "imam", "emir",
    "president", "minister", "spokesman", "spokeswoman", "commander", "chief", "head", "deputy", "sources",
    "source", "official", "officials", "media", "report", "reports", "reported", "local", "sunday", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "yesterday", "today", "tomorrow",
    "muharram", "shawwal", "shawal", "shaban", "sha'ban", "jumada", "dhul-hijjah", "dhul-qadah", "hijjah", "qadah",
    "dhu", "al-qadah", "al-qa'dah", "al-hijjah", "al-qidah"
})
# institutional words: English -> folded Arabic stems, any of which must be in the span
_GLOSS = {
    "army": ["جيش", "الجيش"], "ministry": ["وزاره"], "minister": ["وزير"], "interior": ["داخلي"],
    "defense": ["دفاع"], "defence": ["دفاع"], "foreign": ["خارجي"], "health": ["صح"], "crown": ["عهد"],
    "division": ["فرق"], "brigade": ["لواء"], "council": ["مجلس"], "court": ["محكم", "ديوان"], "kingdom": ["مملك"],
    "islamic": ["اسلامي"], "state": ["دول", "ولاي"], "coalition": ["تحالف"],
    "seventh": ["سابع"], "media": ["اعلام"], "forces": ["قوات", "قوه", "قوي"], "popular": ["شعبي"],
    "mobilization": ["حشد"], "mobilisation": ["حشد"], "operations": ["عمليات"], "service": ["جهاز", "خدم"],
    "security": ["امن", "امني"], "police": ["شرط"], "front": ["جبه"], "city": ["مدين"],
    "province": ["محافظ", "ولاي", "اقليم", "منطق"], "celsius": ["مئوي", "ميوي"],
    "governorate": ["محافظ", "ولاي"], "district": ["قضاء", "حي"], "valley": ["وادي"], "river": ["نهر"],
    "heights": ["هضب"],
    "mount": ["جبل", "بركان"], "gendarmerie": ["درك"], "safar": ["صفر"],
    "rabi": ["ربيع"], "rajab": ["رجب"], "qada": ["قعده"], "hijja": ["حجه"], "ottoman": ["عثمان"],
    "arabic": ["عرب"], "hijri": ["هجري", "هـ"],
    "cooperative": ["تعاوني"], "heritage": ["تراث"], "tourism": ["سياح"], "railway": ["حديد", "قطار"],
    "railways": ["حديد", "قطار"],
    "bridge": ["جسر", "كوبري"], "island": ["جزير"], "islands": ["جزر"], "road": ["طريق", "شارع"],
    "street": ["شارع"], "highway": ["طريق"], "square": ["ميدان", "ساح"], "mountain": ["جبل"],
    "mountains": ["جبال"], "dam": ["سد"], "republic": ["جمهوري"],
    "national": ["وطني", "قومي"], "united": ["متحد"],
    "nations": ["امم"], "red": ["احمر"], "crescent": ["هلال"], "civil": ["مدني"],
    "authority": ["هيئ", "سلط", "مصلح", "موسس"],
    "company": ["شرك"], "programme": ["برنامج"], "program": ["برنامج"], "food": ["غذا", "اغذيه", "طعام"],
    "bank": ["بنك", "مصرف"], "university": ["جامع"], "hospital": ["مستشف"],
    "airport": ["مطار"], "eid": ["عيد"], "chamber": ["غرف"], "commerce": ["تجار"], "trade": ["تجار"],
    "education": ["تعليم", "تربي"], "justice": ["عدل", "قضاء"], "finance": ["مالي"],
    "economy": ["اقتصاد"], "labor": ["عمل"],
    "labour": ["عمل"], "housing": ["اسكان"], "water": ["مياه", "ماء"], "electricity": ["كهرباء"],
    "municipality": ["امان", "بلدي"], "emirate": ["امار"], "region": ["منطق"], "north": ["شمال"],
    "northern": ["شمال"], "south": ["جنوب"], "southern": ["جنوب"], "east": ["شرق"], "eastern": ["شرق"],
    "middle": ["اوسط", "وسط"],
    "west": ["غرب"], "central": ["وسط", "مركز"], "affairs": ["شوون", "شيون"],
    "directorate": ["مديري", "اداره"], "agency": ["وكال"], "organization": ["منظم", "موسس", "هيئ"],
    "organisation": ["منظم", "موسس", "هيئ"], "bundestag": ["برلمان", "بوندستاغ"],
    "committee": ["لجن"], "party": ["حزب"], "movement": ["حرك"], "air": ["جوي", "طيران"], "force": ["قو"],
    "guard": ["حرس"], "border": ["حدود", "حدودي"], "ramadan": ["رمضان"], "hajj": ["حج"], "umrah": ["عمر"],
    "grand": ["كبير", "اكبر", "كبري"], "mosque": ["مسجد", "جامع"], "holy": ["مقدس", "حرم"], "communications": ["اتصال"],
    "telecom": ["اتصال"],
    "information": ["معلومات", "اعلام"], "culture": ["ثقاف"], "transport": ["نقل"], "agriculture": ["زراع"],
    "energy": ["طاق"], "oil": ["نفط", "بترول"], "petroleum": ["بترول", "نفط"], "market": ["سوق"],
    "stock": ["اسهم", "مال"], "exchange": ["تداول", "بورص"], "general": ["عام"], "supreme": ["اعلي", "عليا", "العلي"],
    "royal": ["ملكي"], "high": ["عالي", "اعلي"], "school": ["مدرس"], "college": ["كلي"], "team": ["فريق"],
    "club": ["نادي"], "league": ["دوري", "جامع"], "cup": ["كاس"], "federation": ["اتحاد"], "union": ["اتحاد"],
    "human": ["انسان"], "rights": ["حقوق"], "prosecution": ["نياب", "ادعاء"], "public": ["عام"],
    "criminal": ["جزائي", "جنائي", "جنايات"], "saudization": ["توطين", "سعود"], "specialized": ["متخصص"],
    # Saudi papers call a Saudi national مواطن ("a citizen"); Belarus is روسيا البيضاء in the press
    "saudi": ["سعودي"], "specialist": ["تخصص"], "belarus": ["روسيا البيضاء", "بيلاروس"],
    "heliopolis": ["مصر الجديده"],
    "appeals": ["استئناف"], "shura": ["شوري"],
    "islamic state": ["داعش", "الدوله"], "international": ["دولي"], "counter-terrorism": ["مكافح"],
    "terrorism": ["ارهاب"], "arabia": ["عربي"],
    "arabian": ["عربي"],
    "egyptian": ["مصر"], "jordanian": ["اردن"], "qatari": ["قطر"],
    "emirati": ["امارات"], "kuwaiti": ["كويت"], "bahraini": ["بحرين"], "omani": ["عمان"],
    "palestinian": ["فلسطين"],
    "german": ["الماني"],
    "pakistani": ["باكستان"],
    # words of translated organization names and titles
    "guards": ["حرس"], "revolutionary": ["ثور"], "revolution": ["ثور"], "brotherhood": ["اخوان"],
    "watch": ["مراقب", "رايتس ووتش", "ووتش"], "observatory": ["مرصد"], "free": ["حر"], "army's": ["جيش"],
    "liberation": ["تحرير", "تحرر"], "resistance": ["مقاوم"], "legitimate": ["شرعي"], "legitimacy": ["شرعي"],
    "parliament": ["برلمان", "مجلس النواب", "البرلمان", "مجلس الشعب", "مجلس الامه"], "cabinet": ["وزراء", "حكوم"],
    "government": ["حكوم"], "presidency": ["رئاس"], "presidential": ["رئاس"], "palace": ["قصر"],
    "assembly": ["جمعي", "مجلس"], "cooperation": ["تعاون"], "conference": ["موتمر"], "summit": ["قم"],
    "mufti": ["مفتي", "افتاء"], "scholars": ["علماء"], "senior": ["كبار", "كبير"], "corps": ["فيلق"],
    "sea": ["بحر"], "ocean": ["محيط"],
    "counterterrorism": ["ارهاب"],
    "old": ["قديم"], "holy mosque": ["حرم"], "mosques": ["مسجد", "مساجد", "حرم"], "ports": ["موان"],
    "port": ["ميناء", "مرفا"], "investigation": ["تحقيق", "تحري", "ابحاث", "بحث"],
    "intelligence": ["استخبار", "مخابرات"],
    "house": ["بيت", "مجلس"], "white": ["ابيض"], "department": ["وزار", "دائر", "قسم", "مصلح", "اداره"],
    "office": ["مكتب"],
    "command": ["قياد"], "leadership": ["قياد"], "saudi-led": ["تحالف", "سعودي", "بقياده"],
    "emergency": ["طوارئ", "طواري"], "relief": ["اغاث"], "humanitarian": ["انسان"], "aid": ["مساعد", "اغاث"],
    "development": ["تنمي"], "fund": ["صندوق"], "investment": ["استثمار"], "statistics": ["احصاء"],
    "monetary": ["نقد"], "agency's": ["وكال"], "news": ["انباء", "اخبار", "نيوز"], "press": ["صحاف", "انباء"],
    "institute": ["معهد"], "center": ["مركز"], "centre": ["مركز"], "association": ["جمعي", "رابط"],
    "society": ["جمعي", "مجتمع"], "network": ["شبك"], "channel": ["قنا"], "alliance": ["تحالف"],
    "opposition": ["معارض"], "regime": ["نظام"], "rebels": ["مسلح", "معارض", "ثوار"], "tribes": ["قبائل", "عشائر"],
    "tribal": ["قبل", "عشائر"], "civil defense": ["دفاع المدني"], "traffic": ["مرور"], "customs": ["جمارك"],
    "passports": ["جوازات"], "prisons": ["سجون"], "endowments": ["اوقاف"], "pilgrims": ["حجاج"],
    "municipal": ["بلدي"], "elections": ["انتخاب"], "election": ["انتخاب"], "referendum": ["استفتاء"],
    "doctors": ["اطباء", "طبيب"], "borders": ["حدود"], "islamist": ["اسلامي"], "islamists": ["اسلامي"],
    "qaeda": ["قاعد"], "hebrew": ["عبري"], "humvee": ["همر", "هامفي"],
    "humvees": ["همر", "هامفي"], "tigris": ["دجل"], "euphrates": ["فرات"], "mps": ["نواب", "برلمان", "اعضاء"],
    "kingdom's": ["مملك"], "sharia": ["شريع"], "fitr": ["فطر"], "adha": ["اضحي"],
    "peshmerga": ["بيشمرك", "البيشمركه", "بشمرك"], "group": ["مجموع", "جماع", "مجموعه", "فريق"],
    "foundation": ["موسس"], "commission": ["هيئ", "لجن", "مفوضي"], "corporation": ["موسس", "شرك"],
    "anti-corruption": ["فساد", "نزاه"], "corruption": ["فساد"], "protection": ["حماي"], "units": ["وحدات"],
    "people's": ["شعب"],
}
# peoples, communities and sects: English (singular, plural, adjective) -> folded Arabic stems
# peoples: matched as a word of their own (_group_ok), not as letters anywhere as glosses are (ترك
# "left" is not Turkish), so no word is both a gloss and a people
_GROUPS = {
    ("druze",): ["درز", "دروز"], ("shiite", "shiites", "shia", "shias", "shi'ite", "shi'ites"): ["شيع"],
    ("sunni", "sunnis"): ["سن"], ("kurd", "kurds", "kurdish"): ["كرد", "اكراد"],
    ("turkmen", "turkoman", "turkomans"): ["تركمان"], ("alawite", "alawites"): ["علوي"],
    ("yazidi", "yazidis", "yezidi", "yezidis"): ["يزيد", "ازيد"], ("christian", "christians"): ["مسيح", "نصار"],
    ("copt", "copts", "coptic"): ["قبط"], ("arab", "arabs"): ["عرب"], ("houthi", "houthis"): ["حوثي"],
    ("salafi", "salafis", "salafist", "salafists"): ["سلف"], ("jew", "jews", "jewish"): ["يهود"],
    ("muslim", "muslims"): ["مسلم", "اسلام"], ("ismaili", "ismailis"): ["اسماعيل"],
    ("assyrian", "assyrians"): ["اشور"], ("armenian", "armenians"): ["ارمن"], ("persian", "persians"): ["فارس"],
    ("bedouin", "bedouins"): ["بدو"], ("zaydi", "zaydis", "zaidi"): ["زيد"], ("sufi", "sufis"): ["صوف"],
    ("wahhabi", "wahhabis"): ["وهاب"], ("jihadist", "jihadists"): ["جهاد"], ("takfiri", "takfiris"): ["تكفير"],
    ("baathist", "baathists", "ba'athist"): ["بعث"], ("zionist", "zionists"): ["صهيون"],
    ("palestinians",): ["فلسطين"], ("israelis",): ["اسرائيل"], ("westerners", "western"): ["غرب"],
    ("afghans", "afghan"): ["افغان"], ("gulf",): ["خليج"], ("asian", "asians", "asia"): ["اسيو", "اسيا"],
    ("african", "africans", "africa"): ["افريق"], ("european", "europeans", "europe"): ["اوروب", "اوروبا"],
    ("american", "americans"): ["امريك", "اميرك", "واشنطن"],
    ("russian", "russians"): ["روس", "موسكو"], ("iranian", "iranians"): ["ايران", "طهران"],
    ("turkish", "turks", "turk"): ["ترك", "اتراك", "انقر"],
    # demonyms that the country's English name does not give by a suffix
    ("dutch",): ["هولند"], ("swiss",): ["سويسر"], ("danish", "dane", "danes"): ["دنمارك", "دانمارك"],
    ("greek", "greeks"): ["يونان", "اغريق"], ("finnish", "finn", "finns"): ["فنلند"],
    ("polish", "pole", "poles"): ["بولند", "بولون"], ("hungarian", "hungarians"): ["مجر", "هنغار"],
    ("korean", "koreans"): ["كوري"], ("thai", "thais"): ["تايلند", "تايلاند"], ("mexican", "mexicans"): ["مكسيك"],
    ("argentine", "argentinian", "argentinians", "argentines"): ["ارجنتين"], ("cuban", "cubans"): ["كوبا", "كوبي"],
    ("chechen", "chechens"): ["شيشان"], ("irish",): ["ايرلند", "ارلند"], ("scottish", "scots"): ["اسكتلند", "اسكوتلند"],
    ("peruvian", "peruvians"): ["بيرو", "بيروف"], ("ghanaian", "ghanaians"): ["غانا", "غاني"],
    ("indian", "indians"): ["هند", "هنود"], ("spanish", "spaniard", "spaniards"): ["اسبان"],
    ("french",): ["فرنس"], ("british", "briton", "britons"): ["بريطان"], ("swedish", "swede", "swedes"): ["سويد"],
    ("filipino", "filipinos", "philippine"): ["فلبين", "فيليبين"], ("portuguese",): ["برتغال"],
    ("chinese",): ["صين"], ("japanese",): ["يابان"], ("lebanese",): ["لبنان"], ("sudanese",): ["سودان"],
    ("senegalese",): ["سنغال"], ("nepalese", "nepali", "nepalis"): ["نيبال"], ("vietnamese",): ["فيتنام"],
    ("congolese",): ["كونغو"], ("maltese",): ["مالط"],
    # the rest of the countries' demonyms that no suffix derives (a closed list, not cases)
    ("norwegian", "norwegians"): ["نرويج"], ("cypriot", "cypriots"): ["قبرص"],
    ("azeri", "azeris"): ["اذري", "اذربيجان"],
    ("icelandic", "icelander", "icelanders"): ["ايسلند", "ايسلاند"], ("ivorian", "ivorians"): ["ساحل العاج"],
    ("kazakh", "kazakhs"): ["كازاخ", "كازاخستان"], ("kyrgyz",): ["قرغيز", "قيرغيز", "قيرغيزستان", "قرغيزستان"],
    ("tajik", "tajiks"): ["طاجيك", "طاجيكستان"], ("uzbek", "uzbeks"): ["اوزبك", "اوزبكستان"],
    ("malagasy",): ["مدغشقر", "ملغاش"], ("monegasque",): ["موناكو"], ("mozambican", "mozambicans"): ["موزمبيق"],
    ("nigerien", "nigeriens"): ["نيجر"], ("panamanian", "panamanians"): ["بنما"],
    ("salvadoran", "salvadorans", "salvadorean"): ["سلفادور"], ("lankan", "lankans"): ["سريلانك", "لانك"],
    ("togolese",): ["توغو", "توجو"], ("kosovar", "kosovars"): ["كوسوفو", "كوسوفي"], ("sahrawi", "sahrawis"): ["صحراوي"],
    ("kashmiri", "kashmiris"): ["كشمير"], ("tibetan", "tibetans"): ["تبت"], ("crimean",): ["قرم"],
    ("gazan", "gazans"): ["غزه"], ("welsh",): ["ويلز"], ("basque", "basques"): ["باسك"],
    ("catalan", "catalans"): ["كتالون", "كاتالون"], ("bosniak", "bosniaks"): ["بوسن", "بشناق"],
    ("burkinabe",): ["بوركين"], ("emirati", "emiratis"): ["امارات", "اماراتي"],
}
_GROUP = {word: [fold(s) for s in stems] for words, stems in _GROUPS.items() for word in words}
_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western"})
_GROUP_ENDING = "(?:يتين|يتان|يين|يون|يان|يات|يه|يا|تين|تان|ين|ون|ات|ستان|لي|ي|ا|ه)?"
# stems that are also everyday words or names (ترك "left", مجرى, هند, سن "age"): with the article or an ending
_GROUP_WORDS = frozenset({"ترك", "مجر", "هند", "سن", "زيد", "فارس", "سلف", "صوف", "درز"})
_GLOSS = {word: [fold(stem) for stem in stems] for word, stems in _GLOSS.items()}
# a capitalized name, with the small words of a name inside it (al-, bin, of the, and, in, for:
# "Saudi Food and Drug Authority", "Al-Qaeda in the Islamic Maghreb")
_NAME = re.compile(r"[A-Z][\w'’\-]*(?:\s+(?:(?:al|el|bin|ibn|bint|abu|abd|de|of|the|ez|ad|as|ash|an|and|in|for)"
                   r"[-\s]+(?:the\s+)?)?[A-Z][\w'’\-]*)*")
_ARTICLE = re.compile(r"^(?:al|el|ez|ad|as|ash|an|ar|at|az|adh|ath)-", re.I)


def _skeleton_en(word: str, turkish: int = 0) -> str:
    """Consonant skeleton of an English word. ``turkish``: 1, c is j and v may be a vowel (Recep =
    رجب, Suruc = سروج, Javad = جواد), as Turkish and Persian names are romanized; 2, c is ch (Suruc =
    سوروتش, from Suruç); 3, s between vowels is z and a final h is silent (Louise, Leah); 4, gh is
    silent and ch is k (Chris); 5, gh is silent and a final s is z (Hughes, James); 6, ch is tsh
    (Chelsea)."""
    w = _ARTICLE.sub("", ascii_key(word))  # Hissène, Habré: the letters without their accents
    w = re.sub(r"[^a-z]", "", w)
    if turkish == 3:  # English and French given names: Louise = لويز, Leah = ليا
        w = re.sub(r"h$", "", re.sub(r"(?<=[aeiou])s(?=[aeiou])", "z", w))
    elif turkish == 4:  # English names: a silent gh, ch as k (Hughes = هيوز, Chris = كريس)
        w = w.replace("gh", "").replace("ch", "k")
    elif turkish == 5:  # and a voiced final s (Hughes = هيوز, James = جيمز)
        w = re.sub(r"s$", "z", w.replace("gh", ""))
    elif turkish == 6:  # ch as tsh (Chelsea = تشيلسي, Charles = تشارلز)
        w = w.replace("ch", "tS")
    elif turkish:
        w = w.replace("c", "j" if turkish == 1 else "tS").replace("v", "")
    w = re.sub(r"c(?=[eiy])", "s", w)  # soft c: Pearce -> بيرس
    for a, b in (("sh", "S"), ("kh", "k"), ("gh", "G"), ("th", "s"), ("dh", "d"), ("ph", "f"), ("ch", "S"),
                 ("q", "k"), ("c", "k"), ("x", "ks"), ("g", "j"), ("G", "g"), ("v", "f"), ("p", "b"), ("e", ""),
                 ("a", ""), ("i", ""), ("o", ""), ("u", ""), ("y", ""), ("w", ""), ("'", "")):
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


_AR_SKEL = {
    "ب": "b", "ت": "t", "ث": "s", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z", "س": "s",
    "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "پ": "b", "چ": "S", "گ": "g", "ڤ": "f",
}


def _skeleton_ar(word: str, article: bool = True) -> str:
    w = re.sub(r"^(?:وال|بال|فال|لل|ال)(?=..)", "", word) if article else word
    w = re.sub(r"ه$", "", w)  # ta marbuta (folded to ha)
    return re.sub(r"(.)\1+", r"\1", "".join(_AR_SKEL.get(ch, "") for ch in w))


def _skeletons_ar(words: list[str]) -> set[str]:
    """Skeletons of a word sequence, with and without a leading clitic و/ب on its first word."""
    joined = "".join(_skeleton_ar(w) for w in words)
    # a letter doubled across two words is one, as in the English (ردفان العند = Radfan-Anad: rdfnd)
    out = {re.sub(r"(.)\1+", r"\1", joined)}
    if words and words[-1].endswith("ه"):  # ta marbuta read as t: الحياة = Al-Hayat; or a final h: ربه = Rabbuh
        out |= {joined + "t", joined + "h"}
    if words and len(words[0]) > 3 and words[0][0] in "وبلف":
        out.add("".join(_skeleton_ar(w) for w in [words[0][1:], *words[1:]]))
    if words and words[0][:3] in ("فال", "وال", "بال"):  # فالديس = Valdis, not ف + ال + ديس
        out.add("".join(_skeleton_ar(w, article=n > 0) for n, w in enumerate(words)))
    return out


_LOOSE = str.maketrans({"k": "h", "g": "h", "q": "h", "S": "s", "z": "d", "j": "h", "t": "d"})


def _translit_supported(name: str, folded_span: str, strict: bool = False,
                        window: int = 3, exact: bool = False) -> bool:
    """Whether the English name sounds like some 1-3 consecutive words of the span.

    Consonant skeletons on both sides, with loose classes (kh/h/g/q, s/sh/z, j, t/d) because
    transliterations of foreign names vary (بخاري = Buhari); an ``Abdel``-style fused article
    is also tried without it."""
    from rapidfuzz import fuzz

    variants = {"".join(_skeleton_en(w, turkish) for w in name.split()).translate(_LOOSE)
                for turkish in (0, 1, 2, 3, 4, 5, 6)}
    target = min(variants, key=len)
    if strict and len(target) < 4:
        return False  # a short skeleton (Ahmed: hmd) matches some words of any sentence by chance
    if len(target) <= 1:
        return True
    targets = variants | {t[:-1] for t in variants if t.endswith("l") and len(t) > 2}
    words = [w for w in folded_span.split() if not w.isascii()]  # Latin in the span is matched as written
    # a short skeleton (Hodeidah: hdh) is matched against single words only: across two or three
    # words of a span some letters line up by chance
    widest = max(window, 4 if strict else 3) if len(target) >= 5 else 2
    for n in range(1, widest + 1):
        for i in range(len(words) - n + 1):
            for cand in (c.translate(_LOOSE) for c in _skeletons_ar(words[i:i + n])):
                if cand in targets and (not strict or n == 1 or len(target) >= 5) \
                        and (len(target) > 3 or _long_enough(words[i:i + n], name)):
                    return True  # in context, four letters must be one word: الدهلكي = Dahlaki
                if exact:
                    continue
                if strict and (len(target) < 8 or max(fuzz.ratio(cand, t) for t in variants) < 85):
                    continue  # whole sentences of context: a fuzzy match only for a long name, closely
                if len(target) >= 4 and len(cand) >= 3 and max(fuzz.ratio(cand, t) for t in variants) >= 75:
                    return True
    return False


def _long_enough(arabic: list[str], name: str) -> bool:
    """A short skeleton (Hodeidah: hd) matches only Arabic of about the name's length: not أحد."""
    letters = sum(len(re.sub(r"^(?:[وفبل]?ال|[وفب])", "", w)) for w in arabic)
    english = re.sub(r"(?<![A-Za-z])(?:al|el|ad|as|ash|az|an|ar|at)-", "", name, flags=re.I)  # the article
    return letters * 2 >= len(re.sub(r"[^A-Za-z]", "", english))


_FUSED = ("abd", "abdel", "abdul", "abdal")


def _sounds(word: str, before: str, folded_span: str, strict: bool = False) -> bool:
    """``word`` transliterated in the span; after Abd also the two fused, as Arabic writes them
    (Abd Rabbuh = عبدربه). A town the gazetteer knows, whose Arabic names are not in the span, must
    match a word of it exactly (another spelling of it), not fuzzily: Benghazi is not بين."""
    exact = _gazetteer_ok(word, folded_span) is False
    if _translit_supported(word, folded_span, strict=strict, exact=exact):
        return True
    return before.lower() in _FUSED and _translit_supported(before + word, folded_span, strict=strict,
                                                            exact=exact)


@cache
def _common_words() -> frozenset[str]:
    """Lower-case English words (Webster's 2nd): a capitalized one in a claim is a translation
    (League, Passports), not a transliterated name, so transliteration cannot check it."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())


def _is_common(word: str) -> bool:
    low = word.lower()
    forms = [low, low.replace("co", "co-", 1) if low.startswith("co") else low]
    if low.endswith("ies"):
        forms.append(low[:-3] + "y")
    elif low.endswith("es"):
        forms += [low[:-2], low[:-1]]
    elif low.endswith("s"):
        forms.append(low[:-1])
    if low.endswith("ing"):
        forms += [low[:-3], low[:-3] + "e"]
    if low.endswith("ed"):
        forms += [low[:-2], low[:-1]]
    if low.endswith("ation"):
        forms += [low[:-5] + "ate", low[:-5] + "e"]
    common = _common_words()
    return any(form in common for form in forms)


# given names that Arabic writes in its own form, not by their English spelling (Isaac = إسحاق,
# Hebrew يتسحاق; Joseph = يوسف; Turkish Davut = داود): a closed list, matched as words of their own
# and right before the surname that follows in the English (``_given_ok``); a miss says nothing (the
# English spelling may still be transliterated: آيزك)
_GIVEN = {
    "isaac": ["اسحق", "اسحاق", "يتسحاق", "يتسحق"], "joseph": ["يوسف", "جوزيف"], "moses": ["موسي"],
    "abraham": ["ابراهيم"],
    "jesus": ["عيسي", "يسوع"], "mary": ["مريم"], "jacob": ["يعقوب"], "david": ["داود", "داوود"],
    "davut": ["داود", "داوود"], "solomon": ["سليمان"], "george": ["جرجس"], "michael": ["ميخائيل"],
    "gabriel": ["جبرائيل", "جبريل"], "noah": ["نوح"], "aaron": ["هارون"],
    "zechariah": ["زكريا"], "zachary": ["زكريا"], "francis": ["فرنسيس"], "anthony": ["انطون", "انطونيوس"],
    "stephen": ["اسطفان"], "peter": ["بطرس"], "paul": ["بولس"], "john": ["يوحنا"], "thomas": ["توما"],
    "elizabeth": ["اليصابات"], "jonah": ["يونس", "يونان"], "job": ["ايوب"], "joshua": ["يشوع"],
    "ishmael": ["اسماعيل"], "gregory": ["غريغوريوس"], "mehmet": ["محمد"], "ahmet": ["احمد"],
}
_GIVEN = {word: [fold(form) for form in forms] for word, forms in _GIVEN.items()}


def _given_ok(word: str, following: str, folded_span: str) -> bool | None:
    """A given name in the Arabic form of ``_GIVEN``, as a word of its own and, when the English
    goes on with a surname (``following``), right before a word that spells it: Joseph Aoun is not
    يوسف in a sentence that names عون apart. None where it says nothing."""
    for form in _GIVEN.get(word.lower(), ()):
        for m in re.finditer(rf"(?<!\S)[وفبل]?{re.escape(form)}(?!\S)", folded_span):
            after = folded_span[m.end():].split()[:2]
            if not following or any(renders(following, re.sub(r"^(?:ال|[وبل]ال)(?=\S{3})", "", " ".join(after[:n])))
                                    for n in (1, 2) if len(after) >= n):
                return True
    return None


def _gloss_ok(word: str, folded_span: str) -> bool | None:
    low = word.lower()
    if low in ("saudi", "saudis") and _citizen(folded_span):
        return True
    oglu = re.fullmatch(r"(\w+?)o[gğ]lu", low)
    if oglu:  # Turkish -oğlu names go by that part in Arabic, after the first (داود أوغلو for Davutoğlu)
        stem = oglu.group(1)
        for m in re.finditer(r"(?<!\S)(\S+) [وفبل]?(?:او|ا)غلو(?!\S)", folded_span):
            if m.group(1) in _GIVEN.get(stem, ()) or renders(stem, m.group(1)):
                return True
    stems = _GLOSS.get(low)
    if stems is None and low.endswith("s") and len(low) > 4 and low[:-1] in _GLOSS:
        # Organisations: the singular's gloss may confirm it, not refute it (الوزراء is not وزير)
        return True if any(stem in folded_span for stem in _GLOSS[low[:-1]]) else None
    if stems is None:
        return None
    return any(stem in folded_span for stem in stems)


@cache
def _demonym_stem_list() -> tuple[str, ...]:
    return tuple(s for stems in _demonym_stems().values() for s in stems)


def _citizen(folded_span: str) -> bool:
    """Saudi papers call a Saudi national مواطن ("a citizen"); not when a nationality follows
    (مواطنا كويتيا, مواطن مصري)."""
    stems = _demonym_stem_list()
    for m in re.finditer(r"(?<!\S)[وفبل]?(?:ال)?(?:مواطن|مواطنا|مواطنين|مواطنون|مواطنه)(?!\S)(?:\s+(\S+))?",
                         folded_span):
        following = re.sub(r"^ال", "", m.group(1) or "")
        if not any(following.startswith(s) and len(following) - len(s) <= 3 for s in stems):
            return True
    return False


@cache
def _group_pattern(stem: str) -> re.Pattern[str]:
    """A people's stem as a word of its own: clitics, the article, nisba endings (الأمريكيين); a stem
    that is also an everyday word (ترك) only with the article or a nisba ending (تركي)."""
    word = re.escape(stem)
    if stem in _GROUP_WORDS:
        nisba = "(?:يتين|يتان|يين|يون|يات|يه|ي)"
        return re.compile(rf"(?<!\S)[وف]?[بكل]?(?:(?:ال|ل){word}{_GROUP_ENDING}|{word}{nisba})(?!\S)")
    return re.compile(rf"(?<!\S)[وف]?[بكل]?(?:ال|ل)?{word}{_GROUP_ENDING}(?!\S)")


def _group_ok(word: str, folded_span: str) -> bool | None:
    """A people or community (Druze, Shiites, Turkmen) or a demonym of a country (Yemeni)."""
    low = word.lower().replace("’", "'")
    stems = _GROUP.get(low) or _GROUP.get(low.removesuffix("'s"))
    if stems is not None:  # a word of its own, with clitics, article and nisba endings: Peru is not in بيروت
        return any(re.search(_group_pattern(stem), folded_span) for stem in stems)
    country = _demonym_country(low)
    if country is None:
        return None
    return any(form in folded_span for form in country)


@cache
def _demonym_stems() -> dict[str, tuple[str, ...]]:
    """English country-name stems -> Arabic stems of that country's name (nisba without ي/ة)."""
    out: dict[str, tuple[str, ...]] = {}
    for english, arabic in gazetteer().get("countries", {}).items():
        stems = tuple(dict.fromkeys(re.sub(r"(?:يا|ا|ه|ي)$", "", re.sub(r"^ال", "", fold(a))) for a in arabic))
        out[english.lower()] = tuple(s for s in stems if len(s) >= 3)
    return out


def _demonym_country(word: str) -> tuple[str, ...] | None:
    """The Arabic stems of the country a demonym names: Yemeni, Syrians, Lebanese, Turkish, Saudis."""
    low = word.lower()
    if len(low) < 4:
        return None
    countries = _demonym_stems()
    for suffix in ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "s", ""):
        if not low.endswith(suffix):
            continue
        stem = low[: len(low) - len(suffix)] if suffix else low
        if len(stem) < 4:
            continue
        for english, arabic in countries.items():
            first, *rest = english.split()  # South Korea: Korean
            compass = len(rest) == 1 and first in ("north", "south", "east", "west") and suffix != ""
            forms = {english, rest[0]} if compass else {english}  # Korean, not Africa, for South Korea
            if arabic and any(e.startswith(stem) and len(e) - len(stem) <= 3 for e in forms):
                return arabic
    return None


@cache
def gazetteer() -> dict[str, dict[str, list[str]]]:
    """``{"places": {english: [arabic, ...]}, "countries": {...}}`` (see scripts/make_gazetteer.py)."""
    if not GAZETTEER.exists():
        return {"places": {}, "countries": {}}
    data: dict[str, dict[str, list[str]]] = json.loads(GAZETTEER.read_text(encoding="utf-8"))
    countries = data.setdefault("countries", {})
    for english, (official, arabic) in _COUNTRY_NAMES.items():
        countries.setdefault(english, [])
        countries[english] += [f for f in (*countries.get(official, []), *arabic) if f not in countries[english]]
    return data


# Countries by the English names the press uses, where the gazetteer (CLDR) has another: the
# official name, and the Arabic forms besides the official one's
_COUNTRY_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Turkey": ("Türkiye", ()), "Czech Republic": ("Czechia", ("جمهورية التشيك",)),
    "Ivory Coast": ("Côte d’Ivoire", ()), "Myanmar": ("Myanmar (Burma)", ("ميانمار",)),
    "Burma": ("Myanmar (Burma)", ("بورما",)), "Palestine": ("Palestinian Territories", ("فلسطين",)),
    "Macedonia": ("North Macedonia", ("مقدونيا",)), "Swaziland": ("Eswatini", ("سوازيلاند",)),
    "Britain": ("United Kingdom", ("بريطانيا",)), "Great Britain": ("United Kingdom", ("بريطانيا",)),
    "Bosnia": ("Bosnia & Herzegovina", ("البوسنة",)), "Vatican": ("Vatican City", ()),
    "Democratic Republic of the Congo": ("Congo - Kinshasa", ("الكونغو الديمقراطية",)),
    "Republic of the Congo": ("Congo - Brazzaville", ("الكونغو برازافيل",)),
}


def ascii_key(name: str) -> str:
    """``Diyarbakır`` -> ``diyarbakir``: the gazetteer's key for an English (Latin) name."""
    name = name.replace("ı", "i").replace("’", "'").replace("ʿ", "'").replace("ʾ", "'")
    text = unicodedata.normalize("NFKD", name)
    return re.sub(r"[^a-z0-9' -]", "", "".join(c for c in text if not unicodedata.combining(c)).lower()).strip()


def arabic_in_span(form: str, folded_span: str) -> bool:
    """A folded Arabic name in the span as whole words, with a clitic or the article allowed."""
    core = re.sub(r"^ال(?=..)", "", form)
    return re.search(r"(?<!\S)(?:[وفبلك]{0,2}(?:ال|ل)?)" + re.escape(core).replace(r"\ ", " ") + r"(?!\S)",
                     folded_span) is not None


def is_institution(name: str, registry: Registry) -> bool:
    """Whether ``name`` is an institution or group by every word of it (the Houthis, the Israeli
    army, the Interior Ministry), not a person's name (which has a transliterated word)."""
    entry = registry.by_english(re.sub(r"^the ", "", name, flags=re.I))
    if entry is not None:
        return entry.kind != "person"
    words = [w.lower().strip(".,'’") for w in name.split()]
    words = [w for w in words if w and w not in _STOP and w not in _PARTICLES]
    return bool(words) and all(w in _GLOSS or w in _GROUP or _demonym_country(w) is not None
                               or ((e := registry.by_english(w)) is not None and e.kind != "person")
                               for w in words)


def is_place(name: str) -> bool:
    """Whether the gazetteer knows ``name`` as a town or a country."""
    key = ascii_key(name)
    return key in gazetteer().get("places", {}) or name in gazetteer().get("countries", {})


@cache
def _countries_by_key() -> dict[str, list[str]]:
    """The gazetteer's countries by ``ascii_key`` of their English name (sierra leone)."""
    return {ascii_key(english): arabic for english, arabic in gazetteer().get("countries", {}).items()}


def _gazetteer_ok(phrase: str, folded_span: str) -> bool | None:
    places = gazetteer().get("places", {})
    forms = places.get(ascii_key(phrase)) or _countries_by_key().get(ascii_key(phrase))
    if not forms:
        return None
    return any(arabic_in_span(fold(f), folded_span) for f in forms)


@cache
def _places_by_arabic() -> dict[str, frozenset[str]]:
    """Folded Arabic form (without its article) -> ``ascii_key`` of the gazetteer places it names."""
    out: dict[str, set[str]] = {}
    tables = (gazetteer().get("places", {}), gazetteer().get("countries", {}))
    folded = fold_words(sorted({f for table in tables for forms in table.values() for f in forms if " " not in f}))
    for table in tables:
        for english, forms in table.items():
            for form in forms:
                out.setdefault(_no_article(folded.get(form) or fold(form)), set()).add(ascii_key(english))
    return {form: frozenset(keys) for form, keys in out.items()}


def _no_article(folded: str) -> str:
    return re.sub(r"^ال(?=\S{3})", "", folded)


def _names_another_place(english: str, folded: str) -> bool:
    """Whether the Arabic form is the gazetteer's name of another place (الكوت is Kut, not Kuwait)."""
    others = _places_by_arabic().get(_no_article(folded), frozenset())
    return bool(others) and ascii_key(english) not in others


def pair_ok(english: str, arabic: str, *, lexicon: bool = True) -> bool:
    """Whether a model's (Arabic, English) name pair holds across scripts: the gazetteer, meaning
    (every content word glossed), or the English spelling that Arabic form, aligned letter by
    letter (:mod:`briefing.spelling`). ``lexicon``: whether a word may be a translation that the
    FreeDict lexicon knows (:mod:`briefing.lexicon`), where the glossary has no say; not for a name
    the registry knows, whose Arabic forms it lists."""
    folded = fold(arabic)
    english = re.sub(r"['’]s$", "", english)  # Egypt's
    known = _gazetteer_ok(english, folded)
    if known is not None:
        # the gazetteer knows the place's Arabic names; another spelling of it must render the
        # English letter for letter (ضباء for Duba, سيراليوان for Sierra Leone; Obama is not اسامه)
        return known or (renders(english, folded, whole=True) and not _names_another_place(english, folded))
    words = [w for w in re.findall(r"[\w'’-]+", english) if w.lower() not in _STOP and w.lower() not in _PARTICLES]
    if not words:
        return False
    if renders(" ".join(re.findall(r"[\w'’-]+", re.sub(r"['’]s$", "", english))), folded, whole=True):
        return True  # a transliteration of the whole Arabic form (briefing.spelling)
    every = re.findall(r"[\w'’-]+", english)
    missed = []
    for word in words:
        before = every[every.index(word) - 1] if every.index(word) else ""
        if not (_gloss_ok(word, folded) or _group_ok(word, folded) or _renders_part(word, before, folded)
                or _given_ok(word, "", folded)
                or (lexicon and _is_common(word) and _gloss_ok(word, folded) is None and translates(word, folded))):
            missed.append(word)
    # a translated name of three words or more may render one of them freely (Saudi Arabian Monetary
    # Agency = مؤسسة النقد العربي السعودي): an ordinary English word, not a name, and not one whose
    # Arabic the glossary knows (Defense for الداخلية is a wrong pair, not a free rendering)
    return not missed or (len(words) >= 3 and len(missed) == 1 and _is_common(missed[0])
                          and _gloss_ok(missed[0], folded) is None)


def _renders_part(word: str, before: str, folded: str) -> bool:
    """One word of a name pair spelling one or two consecutive words of its Arabic form (after
    Abd or Abu, the two fused: Abu Rudeis = أبورديس)."""
    arabic = folded.split()
    spans = [" ".join(arabic[i:i + n]) for n in (1, 2) for i in range(len(arabic) - n + 1)]
    spans += [re.sub(r"^(?:لل|[وبلف]ال)", "ال", span) if span[:2] == "لل" or span[1:3] == "ال" else span[1:]
              for span in spans if len(span) > 3 and span[0] in "وبلف"]  # a clitic: للبغلي = Baghli
    fused = before + word if before.lower() in (*_FUSED, "abu") else ""
    # no letter may fail to line up in a short name (Obama is not أسامة, Salim is not سلمان)
    return any(renders(word, span, whole=True) or (fused and renders(fused, span, whole=True)) for span in spans)


def _pair_supports(phrase: str, folded_span: str, pairs: Sequence[tuple[str, str]], registered: bool = False) -> bool:
    """A model pair whose English is ``phrase`` (or contains it as whole words: a first name or a
    surname) and whose Arabic form is in the span, and the pair itself holds."""
    key = ascii_key(phrase)
    for arabic, english in pairs:
        ekey = ascii_key(english)
        if not key or not (ekey == key or re.search(rf"(?<![\w']){re.escape(key)}(?![\w'-])", ekey)):
            continue
        if arabic_in_span(fold(arabic), folded_span) and pair_ok(english, arabic, lexicon=not registered):
            return True
    return False


_GENERIC_LATIN = frozenset({"international", "arabic", "news", "world", "online", "tv", "channel"})


def _latin_in_span(phrase: str, folded_span: str) -> bool:
    """Whether the span writes the name in Latin letters: as a whole run of Latin words, not a part
    of one (Human is not written in "Human Rights Watch"), except an acronym opening a run (CNN in
    "CNN International")."""
    runs = {run.strip() for run in re.findall(r"(?:[a-z0-9][a-z0-9'&.-]* ?)+", folded_span)}
    low = phrase.lower()
    return low in runs or (phrase.isupper() and any(run.startswith(low + " ") and run[len(low) + 1:] in _GENERIC_LATIN
                                                    for run in runs))


@dataclass(frozen=True)
class NameProblem:
    name: str  # the English name (the whole capitalized phrase) that the span does not support
    message: str
    part: str = ""  # the word (or words) of it at fault; the whole name when it fails as a whole


# head nouns Arabic leaves out once the rest is said: الخارجية (the Foreign Ministry), الشرقية (the
# Eastern Province)
_IMPLICIT = frozenset({"ministry", "province", "region", "governorate"})
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "abd", "abdul", "abdel", "albu", "of", "the", "bint", "de"})


# English names of several words whose Arabic is a fixed phrase, not word for word
_FIXED = {("secretary", "of", "state"): "وزير الخارجيه", ("west", "bank"): "الضفه الغربيه",
          ("supreme", "leader"): "مرشد",  # Iran's Supreme Leader = المرشد (الأعلى)
          ("grand", "prix"): "الكبري",  # جائزة ... الكبرى
          ("saudi", "arabian"): "سعودي"}  # the Saudi Arabian Anti-Doping Committee = اللجنة السعودية ...


def _fixed_phrases(words: list[str], folded_span: str) -> list[str]:
    """``words`` without a fixed phrase the span states (Secretary of State = وزير الخارجية)."""
    low = [w.lower().strip(".,'’") for w in words]
    for phrase, arabic in _FIXED.items():
        n = len(phrase)
        for k in range(len(words) - n + 1):
            if tuple(low[k:k + n]) == phrase and arabic in folded_span:
                return words[:k] + words[k + n:]
    return words


def _implied(word: str, head: str, folded_span: str) -> bool:
    """Whether ``word`` (Foreign, Eastern) stands in the span as a definite noun of its own
    (الخارجية, الشرقية) that implies ``head`` (Ministry, Province): not after another head noun or
    a title (وزير الخارجية is the minister, قيادة الجبهة الداخلية another body), not الدفاع المدني."""
    stems = _GLOSS.get(word.lower())
    if not stems or word.lower() in _IMPLICIT or word.lower() in _STOP:
        return False
    own = _GLOSS.get(head, [])
    tokens = folded_span.split()
    for i, token in enumerate(tokens):
        if not re.match(r"^(?:[وفبل]|وال|بال|لل)?ال", token) or not any(s in token for s in stems):
            continue
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if after in ("المدني", "المدنيه") or re.sub(r"^[وفبل]", "", before) in _TITLES_AR:
            continue
        if re.match(r"^(?:[وفبل]|وال|بال|لل)?ال", before) and not any(s in before for s in own):
            continue
        return True
    return False


_TITLES_AR = frozenset({"وزير", "وزيره", "مدير", "مديره", "رييس", "رييسه", "قياده", "متحدث", "نايب", "مساعد"})


def check_names(text_en: str, folded_span: str, registry: Registry,
                pairs: Sequence[tuple[str, str]] = (), strict: bool = False) -> list[NameProblem]:
    """The capitalized names of ``text_en`` that ``folded_span`` does not support. ``strict``: no
    fuzzy transliteration (for whole sentences of context, where a chance match is likely)."""
    problems = []
    for m in _NAME.finditer(text_en):
        phrase = re.sub(r"-[a-z][\w-]*", "", m.group(0)).rstrip(".").strip()  # "Washington-led" -> "Washington"
        words = phrase.split()
        at_start = m.start() == 0 or text_en[:m.start()].rstrip().endswith((".", ":", '"', "“"))
        if at_start and registry.by_english(words[0]) is None and _gloss_ok(words[0], folded_span) is None \
                and _group_ok(words[0], folded_span) is None and _gazetteer_ok(words[0], folded_span) is None \
                and not _translit_supported(words[0], folded_span, strict=strict):
            words = words[1:]  # a capitalized sentence opener ("Besides", "Military"), not a name
        elif at_start and len(words) == 1 and _is_common(words[0]) and registry.by_english(words[0]) is None \
                and _group_ok(words[0], folded_span) is None and _gazetteer_ok(words[0], folded_span) is None:
            continue  # an ordinary word opening a sentence ("Trade between France and Iran fell")
        while words and words[0].lower().strip(".") in _STOP \
                and registry.by_english(re.sub(r"['’]s$", "", " ".join(words))) is None:
            words = words[1:]  # a title (President, General) unless it opens a registered name
        if registry.by_english(re.sub(r"['’]s$", "", " ".join(words))) is None:
            words = _fixed_phrases(words, folded_span)
        if not words:
            continue
        phrase = " ".join(words)
        if _latin_in_span(re.sub(r"['’]s$", "", phrase), folded_span):
            continue  # the name written in Latin letters in the Arabic, as a whole ("Health Day News")
        whole = registry.by_english(re.sub(r"['’]s$", "", phrase)) is not None
        if not whole and not _pair_supports(phrase, folded_span, pairs):
            # not one registered name: "Guinea and Sierra Leone", "Mamuzini in Deraa" are two
            parts = [p for p in re.split(r"\s+(?:and|in|for)\s+(?:the\s+)?", phrase) if p]
        else:
            parts = [phrase]
        for part in parts:
            problems += _check_phrase(part, folded_span, registry, pairs, strict)
    return problems


def _check_phrase(phrase: str, folded_span: str, registry: Registry,
                  pairs: Sequence[tuple[str, str]], strict: bool = False) -> list[NameProblem]:
    """Every word of ``phrase`` the span does not support, each its own problem (a phrase may hold
    two names: "Mamuzini in Deraa"); or the whole name, when its words are each found apart."""
    words = [w.strip(".,'’") for w in phrase.split()]
    found: list[NameProblem] = []
    common: list[str] = []  # accepted as ordinary English words
    sounded: list[str] = []  # accepted by transliteration only
    i = 0
    while i < len(words):
        # the longest name starting here that the registry, the gazetteer or a model pair knows
        for j in range(len(words), i, -1):
            sub = re.sub(r"['’]s$", "", " ".join(words[i:j]))
            entry = registry.by_english(sub)
            if entry is not None:
                if not registry.supports(entry, folded_span) and not _pair_supports(sub, folded_span, pairs, True) \
                        and not (j == i + 1 and (_gloss_ok(sub, folded_span) or _group_ok(sub, folded_span))):
                    found.append(NameProblem(phrase, f"'{sub}' ({entry.english}) is not named in the cited Arabic",
                                             sub))
                i = j
                break
            # a town's name only as the whole name, or several words: "Ali" and "Saleh" are towns too
            whole = (i == 0 and j == len(words)) or j - i >= 2
            if (whole and _gazetteer_ok(sub, folded_span)) or _pair_supports(sub, folded_span, pairs):
                i = j
                break
        else:
            word = re.sub(r"['’]s$", "", words[i])
            low = word.lower()
            if low in _STOP or low in _PARTICLES or not word:
                i += 1
                continue
            if word.removesuffix("s").isupper() and len(word) <= 6:
                i += 1
                continue  # an unregistered acronym (MP, PKK): nothing to transliterate
            if strict:  # a name of several words, matched as a whole: "Haider al-Abadi" = حيدر العبادي
                run = [w for w in words[i:i + 4] if w.lower() not in _PARTICLES]
                if len(run) >= 2 and _translit_supported(" ".join(run), folded_span, strict=True):
                    i += len(words[i:i + 4])
                    continue
            group = _group_ok(word, folded_span)
            if group is None and "-" in word.strip("-"):  # Yemeni-Saudi, Turkish-Syrian
                halves = [_group_ok(h, folded_span) for h in word.split("-") if h]
                group = all(halves) if all(h is not None for h in halves) else None
            glossed = _gloss_ok(word, folded_span)
            if glossed is None and low in _GIVEN:
                rest = [w for w in words[i + 1:] if w.lower() not in _PARTICLES]
                # in whole sentences of context, a given name alone may be anyone's
                glossed = None if strict and not rest else \
                    _given_ok(word, re.sub(r"['’]s$", "", rest[0]) if rest else "", folded_span)
            gloss = glossed if group is None or (group is False and glossed) else group  # Belarus: روسيا البيضاء
            # a people the span does not name is not rescued by a chance transliteration (Thai)
            sounds = _sounds(word, words[i - 1] if i else "", folded_span, strict) \
                if not gloss and group is not False and low not in _COMPASS else False
            if gloss is False and not sounds and low in _IMPLICIT and any(
                    _implied(w, low, folded_span) for w in words if w != word):
                gloss = True  # الخارجية الجزائرية: the Algerian Foreign Ministry, وزارة understood
            if gloss is False and not sounds:
                found.append(NameProblem(phrase, f"'{word}' is not supported by the cited Arabic", word))
            if gloss is None and not sounds:
                if not _is_common(_ARTICLE.sub("", word).split("-")[-1]):
                    found.append(NameProblem(phrase, f"name '{word}' is not in the cited Arabic", word))
                else:
                    common.append(word)
            elif gloss is None:
                # an English word that also sounds like some Arabic word counts as an English word
                (common if _is_common(_ARTICLE.sub("", word).split("-")[-1]) else sounded).append(word)
            i += 1
    if found:
        return found
    if len(sounded) >= 2 and not _translit_supported(" ".join(sounded), folded_span, window=len(sounded) + 1):
        # "Hassan Nasrallah": each word sounds like some word of the span, but a person's name must
        # be there as a whole, its words together
        return [NameProblem(phrase, f"name '{phrase}' is not in the cited Arabic", phrase)]
    if len(words) == 2 and common and sounded and not _translit_supported(" ".join(words), folded_span) \
            and not translates(common[0], folded_span):  # Typhoon Soudelor: الإعصار سودلور, an English noun
        # "Khalifa Haftar": one word sounds like some word of the span, the other is taken for an
        # ordinary English word (khalifa); a person's name must then be found as a whole
        return [NameProblem(phrase, f"name '{phrase}' is not in the cited Arabic", phrase)]
    return []
