"""Fabrications a review of the checker's wider context (names from the whole article, ages, the
speaker exemption, ألا / حظر / neither-nor) built: each passed the checker before its mend and must stay
unverified."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.models import Article, Claim, Evidence
from briefing.registry import packaged
from briefing.verify import check_claim

_ART0 = (
    "أعلن رئيس الوزراء العراقي حيدر العبادي أمس إقالة قائد عمليات الأنبار اللواء قاسم المحمدي. وجاء "
    "القرار بعد سقوط مدينة الرمادي بيد تنظيم داعش الأسبوع الماضي. وقال المتحدث باسم وزارة الدفاع "
    "العميد تحسين إبراهيم إن القوات تعيد انتشارها حول المدينة. وفي سياق متصل، اعتقلت قوات الأمن في "
    "بغداد مسؤولا محليا بتهمة الفساد. وأكد وزير الداخلية محمد الغبان أن الأجهزة الأمنية ستلاحق كل "
    "المتورطين. وأضاف أن التحقيقات ستشمل مسؤولين كبارا. من جهته، دعا رئيس البرلمان سليم الجبوري إلى "
    "محاسبة المقصرين. وأشار إلى أن البرلمان سيستضيف القادة العسكريين الأسبوع المقبل. وقتل خمسة جنود "
    "في هجوم انتحاري قرب الفلوجة، فيما أصيب 12 آخرون."
)
_ART0_PAIRS = [
    ("حيدر العبادي", "Haider al-Abadi"),
    ("قاسم المحمدي", "Qasim al-Mohammadi"),
    ("الأنبار", "Anbar"),
    ("الرمادي", "Ramadi"),
    ("داعش", "ISIS"),
    ("وزارة الدفاع", "Defense Ministry"),
    ("تحسين إبراهيم", "Tahseen Ibrahim"),
    ("بغداد", "Baghdad"),
    ("محمد الغبان", "Mohammed al-Ghabban"),
    ("سليم الجبوري", "Salim al-Jabouri"),
    ("الفلوجة", "Fallujah"),
    ("العراق", "Iraq"),
]
_ART0_PLACES = [("الأنبار", "Anbar"), ("الرمادي", "Ramadi"), ("بغداد", "Baghdad"), ("الفلوجة", "Fallujah")]

_ART1 = (
    "قضت محكمة جنايات القاهرة أمس بالسجن المشدد على متهمين في قضية اقتحام قسم شرطة. وكان المتهم "
    "الأول محمود سعيد (32 عاما) قد اعتقل في الجيزة عام 2013. وتضمنت القضية اتهامات بحيازة أسلحة "
    "وإتلاف ممتلكات عامة. أما المتهم الثاني، أحمد فتحي البالغ من العمر 24 عاما، فقد اعتقل في "
    "الإسكندرية. وقال محامي الدفاع خالد علي إن موكليه سيطعنان في الحكم أمام محكمة النقض. وأضاف أن "
    "المحكمة تجاهلت شهادات الشهود. كما برأت المحكمة متهما ثالثا لعدم كفاية الأدلة. وقالت النيابة "
    "العامة في بيان إن الحكم يمثل رسالة ردع لكل من يعتدي على المنشآت العامة. ويقضي شقيق المتهم الأول "
    "حكما بالسجن 15 عاما في قضية أخرى. واحتشد العشرات من أنصار المتهمين أمام مقر المحكمة في التجمع "
    "الخامس."
)
_ART1_PAIRS = [
    ("محكمة جنايات القاهرة", "Cairo Criminal Court"),
    ("القاهرة", "Cairo"),
    ("محمود سعيد", "Mahmoud Said"),
    ("الجيزة", "Giza"),
    ("أحمد فتحي", "Ahmed Fathi"),
    ("الإسكندرية", "Alexandria"),
    ("خالد علي", "Khaled Ali"),
    ("محكمة النقض", "Court of Cassation"),
    ("النيابة العامة", "Public Prosecution"),
    ("التجمع الخامس", "Fifth Settlement"),
]
_ART1_PLACES = [
    ("القاهرة", "Cairo"),
    ("الجيزة", "Giza"),
    ("الإسكندرية", "Alexandria"),
    ("التجمع الخامس", "Fifth Settlement"),
]

_ART2 = (
    "شنت طائرات التحالف العربي بقيادة السعودية غارات على مواقع للحوثيين في محافظة صعدة أمس. وقال "
    "المتحدث باسم التحالف العميد أحمد عسيري إن الغارات استهدفت مخازن أسلحة. وفي تعز، قتل ثمانية "
    "مدنيين بقصف للميليشيات على حي الروضة. وأفاد مصدر طبي بأن بين القتلى ثلاثة أطفال. وفي مديرية "
    "الوازعية، سيطرت المقاومة الشعبية على جبل العروس بعد معارك عنيفة. وقال القيادي في المقاومة عبده "
    "الحذيفي إن المعارك أسفرت عن مقتل 20 حوثيا. من جهته، قال المتحدث باسم الحوثيين محمد عبد السلام "
    "إن قواتهم صدت الهجوم. وفي مأرب، تواصلت الاشتباكات في منطقة صرواح. ولا تزال المعارك مستمرة في "
    "مديرية حيس."
)
_ART2_PAIRS = [
    ("التحالف العربي", "Arab coalition"),
    ("السعودية", "Saudi Arabia"),
    ("الحوثيين", "Houthis"),
    ("صعدة", "Saada"),
    ("أحمد عسيري", "Ahmed Asiri"),
    ("تعز", "Taiz"),
    ("الروضة", "al-Rawda"),
    ("الوازعية", "al-Waziiyah"),
    ("المقاومة الشعبية", "Popular Resistance"),
    ("جبل العروس", "Jabal al-Arous"),
    ("عبده الحذيفي", "Abdu al-Hudhaifi"),
    ("محمد عبد السلام", "Mohammed Abdulsalam"),
    ("مأرب", "Marib"),
    ("صرواح", "Sirwah"),
    ("حيس", "Hays"),
]
_ART2_PLACES = [
    ("صعدة", "Saada"),
    ("تعز", "Taiz"),
    ("الروضة", "al-Rawda"),
    ("الوازعية", "al-Waziiyah"),
    ("جبل العروس", "Jabal al-Arous"),
    ("مأرب", "Marib"),
    ("صرواح", "Sirwah"),
    ("حيس", "Hays"),
]

_ART3 = (
    "أعلنت وزارة التجارة المصرية أمس رفع الحظر عن استيراد السيارات المستعملة بعد ثلاث سنوات من فرضه. "
    "وقال وزير التجارة منير فخري عبد النور إن القرار يهدف إلى خفض الأسعار. وما هذه الخطوة إلا تمهيد "
    "لتحرير السوق بالكامل، بحسب الوزير. وفي سياق آخر، ألغت محكمة القضاء الإداري قرار منع سفر رجل "
    "الأعمال حسين سالم. ودعت جمعية رجال الأعمال الحكومة إلى ألا تتراجع عن القرار. ولم يعلق الرئيس "
    "عبد الفتاح السيسي على القرار خلال زيارته التي استمرت يومين إلى الإمارات ولا رئيس الوزراء "
    "إبراهيم محلب. ولم تصدر الحكومة أي بيان رسمي بشأن موعد تطبيق القرار الذي أثار جدلا واسعا، ولا "
    "تعرف الشركات متى يبدأ الاستيراد. لن يسمح للشركات بالاستيراد إلا تدريجيا."
)
_ART3_PAIRS = [
    ("وزارة التجارة", "Trade Ministry"),
    ("منير فخري عبد النور", "Mounir Fakhry Abdel Nour"),
    ("محكمة القضاء الإداري", "Administrative Court"),
    ("حسين سالم", "Hussein Salem"),
    ("جمعية رجال الأعمال", "Businessmen's Association"),
    ("عبد الفتاح السيسي", "Abdel Fattah al-Sisi"),
    ("الإمارات", "UAE"),
    ("إبراهيم محلب", "Ibrahim Mahlab"),
    ("مصر", "Egypt"),
]
_ART3_PLACES = []

_ART4 = (
    "أعلنت وزارة التجارة المصرية أمس رفع الحظر عن استيراد السيارات المستعملة بعد ثلاث سنوات من فرضه. "
    "وقال وزير التجارة منير فخري عبد النور إن القرار يهدف إلى خفض الأسعار. وما هذه الخطوة الا تمهيد "
    "لتحرير السوق بالكامل، بحسب الوزير. وفي سياق آخر، ألغت محكمة القضاء الإداري قرار منع سفر رجل "
    "الأعمال حسين سالم. ودعت جمعية رجال الأعمال الحكومة إلى ألا تتراجع عن القرار. ولم يعلق الرئيس "
    "عبد الفتاح السيسي على القرار خلال زيارته التي استمرت يومين إلى الإمارات ولا رئيس الوزراء "
    "إبراهيم محلب. ولم تصدر الحكومة أي بيان رسمي بشأن موعد تطبيق القرار الذي أثار جدلا واسعا، ولا "
    "تعرف الشركات متى يبدأ الاستيراد. لن يسمح للشركات بالاستيراد إلا تدريجيا."
)
_ART4_PAIRS = [
    ("وزارة التجارة", "Trade Ministry"),
    ("منير فخري عبد النور", "Mounir Fakhry Abdel Nour"),
    ("محكمة القضاء الإداري", "Administrative Court"),
    ("حسين سالم", "Hussein Salem"),
    ("جمعية رجال الأعمال", "Businessmen's Association"),
    ("عبد الفتاح السيسي", "Abdel Fattah al-Sisi"),
    ("الإمارات", "UAE"),
    ("إبراهيم محلب", "Ibrahim Mahlab"),
    ("مصر", "Egypt"),
]
_ART4_PLACES = []

_ART5 = (
    "أعلنت وزارة التجارة المصرية أمس رفع الحظر عن استيراد السيارات المستعملة بعد ثلاث سنوات من فرضه. "
    "وقال وزير التجارة منير فخري عبد النور إن القرار يهدف إلى خفض الأسعار. وما هذه الخطوة إلا تمهيد "
    "لتحرير السوق بالكامل، بحسب الوزير. وفي سياق آخر، ألغت محكمة القضاء الإداري قرار منع سفر رجل "
    "الأعمال حسين سالم. ودعت جمعية رجال الأعمال الحكومة إلى ألا تتراجع عن القرار. ولم يعلق الرئيس "
    "عبد الفتاح السيسي على القرار خلال زيارته التي استمرت يومين إلى الإمارات ولا رئيس الوزراء "
    "إبراهيم محلب. ولم تصدر الحكومة أي بيان رسمي بشأن موعد تطبيق القرار الذي أثار جدلا واسعا، ولا "
    "تعرف الشركات متى يبدأ الاستيراد. لن يسمح للشركات بالاستيراد الا تدريجيا."
)
_ART5_PAIRS = [
    ("وزارة التجارة", "Trade Ministry"),
    ("منير فخري عبد النور", "Mounir Fakhry Abdel Nour"),
    ("محكمة القضاء الإداري", "Administrative Court"),
    ("حسين سالم", "Hussein Salem"),
    ("جمعية رجال الأعمال", "Businessmen's Association"),
    ("عبد الفتاح السيسي", "Abdel Fattah al-Sisi"),
    ("الإمارات", "UAE"),
    ("إبراهيم محلب", "Ibrahim Mahlab"),
    ("مصر", "Egypt"),
]
_ART5_PLACES = []

_ART6 = (
    "أعلنت وزارة التجارة المصرية أمس رفع حظر استيراد السيارات المستعملة بعد ثلاث سنوات من فرضه. وقال "
    "وزير التجارة منير فخري عبد النور إن القرار يهدف إلى خفض الأسعار. وما هذه الخطوة إلا تمهيد "
    "لتحرير السوق بالكامل، بحسب الوزير. وفي سياق آخر، ألغت محكمة القضاء الإداري قرار منع سفر رجل "
    "الأعمال حسين سالم. ودعت جمعية رجال الأعمال الحكومة إلى ألا تتراجع عن القرار. ولم يعلق الرئيس "
    "عبد الفتاح السيسي على القرار خلال زيارته التي استمرت يومين إلى الإمارات ولا رئيس الوزراء "
    "إبراهيم محلب. ولم تصدر الحكومة أي بيان رسمي بشأن القرار، ولا تعرف الشركات موعد الاستيراد. لن "
    "يسمح للشركات بالاستيراد إلا تدريجيا."
)
_ART6_PAIRS = [
    ("وزارة التجارة", "Trade Ministry"),
    ("منير فخري عبد النور", "Mounir Fakhry Abdel Nour"),
    ("محكمة القضاء الإداري", "Administrative Court"),
    ("حسين سالم", "Hussein Salem"),
    ("جمعية رجال الأعمال", "Businessmen's Association"),
    ("عبد الفتاح السيسي", "Abdel Fattah al-Sisi"),
    ("الإمارات", "UAE"),
    ("إبراهيم محلب", "Ibrahim Mahlab"),
    ("مصر", "Egypt"),
]
_ART6_PLACES = []

_ART7 = (
    "أعلنت وزارة التجارة المصرية أمس إنهاء حظر استيراد السيارات المستعملة بعد ثلاث سنوات من فرضه. "
    "وقال وزير التجارة منير فخري عبد النور إن القرار يهدف إلى خفض الأسعار. وما هذه الخطوة إلا تمهيد "
    "لتحرير السوق بالكامل، بحسب الوزير. وفي سياق آخر، ألغت محكمة القضاء الإداري قرار منع سفر رجل "
    "الأعمال حسين سالم. ودعت جمعية رجال الأعمال الحكومة إلى ألا تتراجع عن القرار. ولم يعلق الرئيس "
    "عبد الفتاح السيسي على القرار خلال زيارته التي استمرت يومين إلى الإمارات ولا رئيس الوزراء "
    "إبراهيم محلب. ولم تصدر الحكومة أي بيان رسمي بشأن القرار، ولا تعرف الشركات موعد الاستيراد. لن "
    "يسمح للشركات بالاستيراد إلا تدريجيا."
)
_ART7_PAIRS = [
    ("وزارة التجارة", "Trade Ministry"),
    ("منير فخري عبد النور", "Mounir Fakhry Abdel Nour"),
    ("محكمة القضاء الإداري", "Administrative Court"),
    ("حسين سالم", "Hussein Salem"),
    ("جمعية رجال الأعمال", "Businessmen's Association"),
    ("عبد الفتاح السيسي", "Abdel Fattah al-Sisi"),
    ("الإمارات", "UAE"),
    ("إبراهيم محلب", "Ibrahim Mahlab"),
    ("مصر", "Egypt"),
]
_ART7_PLACES = []

CASES = [
    (
        "A8b_wrong_arrestee_title",
        _ART0,
        _ART0_PAIRS,
        _ART0_PLACES,
        "the outlet",
        "Security forces in Baghdad arrested Defense Ministry spokesman Tahseen Ibrahim on corruption charges.",
        ["اعتقلت قوات الأمن في بغداد مسؤولا محليا بتهمة الفساد"],
    ),
    (
        "C3b_swap_speaker_attr_short",
        _ART2,
        _ART2_PAIRS,
        _ART2_PLACES,
        "Ahmed Asiri",
        "Ahmed Asiri said the fighting killed 20 Houthis.",
        ["عبده الحذيفي إن المعارك أسفرت عن مقتل 20 حوثيا"],
    ),
    (
        "C4_also_said",
        _ART2,
        _ART2_PAIRS,
        _ART2_PLACES,
        "the outlet",
        "Houthi spokesman Mohammed Abdulsalam also said three children were among the dead.",
        ["وأفاد مصدر طبي بأن بين القتلى ثلاثة أطفال"],
    ),
    (
        "A1_also_said_wrong_speaker",
        _ART0,
        _ART0_PAIRS,
        _ART0_PLACES,
        "the outlet",
        "Parliament Speaker Salim al-Jabouri also said the investigations would include senior officials.",
        ["وأضاف أن التحقيقات ستشمل مسؤولين كبارا"],
    ),
    (
        "A4_wrong_dismissed_commander",
        _ART0,
        _ART0_PAIRS,
        _ART0_PLACES,
        "the outlet",
        "Haider al-Abadi announced yesterday the dismissal of Anbar operations commander Tahseen Ibrahim.",
        ["أعلن رئيس الوزراء العراقي حيدر العبادي أمس إقالة قائد عمليات الأنبار"],
    ),
    (
        "A8_wrong_arrestee",
        _ART0,
        _ART0_PAIRS,
        _ART0_PLACES,
        "the outlet",
        "Security forces in Baghdad arrested Tahseen Ibrahim on corruption charges.",
        ["اعتقلت قوات الأمن في بغداد مسؤولا محليا بتهمة الفساد"],
    ),
    (
        "A10b_wrong_person_called_for2",
        _ART0,
        _ART0_PAIRS,
        _ART0_PLACES,
        "the outlet",
        "Mohammed al-Ghabban called for those responsible to be held accountable.",
        ["إلى محاسبة المقصرين"],
    ),
    (
        "A3d_swap_named_speaker_attr",
        _ART0,
        _ART0_PAIRS,
        _ART0_PLACES,
        "Salim al-Jabouri",
        "Salim al-Jabouri said security agencies would pursue all those involved.",
        ["وأكد وزير الداخلية محمد الغبان أن الأجهزة الأمنية ستلاحق كل المتورطين"],
    ),
    (
        "B1_age_moved",
        _ART1,
        _ART1_PAIRS,
        _ART1_PLACES,
        "the outlet",
        "Mahmoud Said, 24, was arrested in Giza in 2013.",
        ["قد اعتقل في الجيزة عام 2013"],
    ),
    (
        "B1b_age_moved_yearold",
        _ART1,
        _ART1_PAIRS,
        _ART1_PLACES,
        "the outlet",
        "The first defendant, a 24-year-old, was arrested in Giza in 2013.",
        ["قد اعتقل في الجيزة عام 2013"],
    ),
    (
        "B2_age_from_sentence_length",
        _ART1,
        _ART1_PAIRS,
        _ART1_PLACES,
        "the outlet",
        "The 15-year-old defendant Ahmed Fathi was arrested in Alexandria.",
        ["فقد اعتقل في الإسكندرية"],
    ),
    (
        "B2b_age_from_sentence_length_acquitted",
        _ART1,
        _ART1_PAIRS,
        _ART1_PLACES,
        "the outlet",
        "The court acquitted a third defendant, aged 15, for lack of evidence.",
        ["كما برأت المحكمة متهما ثالثا لعدم كفاية الأدلة"],
    ),
    (
        "B4_wrong_acquitted",
        _ART1,
        _ART1_PAIRS,
        _ART1_PLACES,
        "the outlet",
        "The court acquitted Ahmed Fathi for lack of evidence.",
        ["كما برأت المحكمة متهما ثالثا لعدم كفاية الأدلة"],
    ),
    (
        "B5_wrong_body_speaks_also",
        _ART1,
        _ART1_PAIRS,
        _ART1_PLACES,
        "the outlet",
        "The Public Prosecution argued that the court ignored witness testimony.",
        ["وأضاف أن المحكمة تجاهلت شهادات الشهود"],
    ),
    (
        "B6_lawyer_as_prosecutor",
        _ART1,
        _ART1_PAIRS,
        _ART1_PLACES,
        "the outlet",
        "Prosecutor Khaled Ali described the verdict as a deterrent to anyone attacking public facilities.",
        ["إن الحكم يمثل رسالة ردع لكل من يعتدي على المنشآت العامة"],
    ),
    (
        "C3_swap_speaker_attr",
        _ART2,
        _ART2_PAIRS,
        _ART2_PLACES,
        "Ahmed Asiri",
        "Ahmed Asiri said the fighting killed 20 Houthis.",
        ["وقال القيادي في المقاومة عبده الحذيفي إن المعارك أسفرت عن مقتل 20 حوثيا"],
    ),
    (
        "C4b_stressed",
        _ART2,
        _ART2_PAIRS,
        _ART2_PLACES,
        "the outlet",
        "Mohammed Abdulsalam stressed that three children were among the dead.",
        ["بأن بين القتلى ثلاثة أطفال"],
    ),
    (
        "C5_accused",
        _ART2,
        _ART2_PAIRS,
        _ART2_PLACES,
        "the outlet",
        "Abdu al-Hudhaifi accused the militias of killing eight civilians in Taiz.",
        ["وفي تعز، قتل ثمانية مدنيين بقصف للميليشيات"],
    ),
    (
        "D2_cancel_travel_ban",
        _ART3,
        _ART3_PAIRS,
        _ART3_PLACES,
        "the outlet",
        "The Administrative Court ruled that businessman Hussein Salem may not travel.",
        ["ألغت محكمة القضاء الإداري قرار منع سفر رجل الأعمال حسين سالم"],
    ),
    (
        "D3_ma_illa_flip",
        _ART3,
        _ART3_PAIRS,
        _ART3_PLACES,
        "the outlet",
        "According to the minister, this step is not a prelude to fully liberalising the market.",
        ["وما هذه الخطوة إلا تمهيد لتحرير السوق بالكامل، بحسب الوزير"],
    ),
    (
        "D3b_ma_illa_flip_nohamza",
        _ART4,
        _ART4_PAIRS,
        _ART4_PLACES,
        "the outlet",
        "According to the minister, this step is not a prelude to fully liberalising the market.",
        ["وما هذه الخطوة الا تمهيد لتحرير السوق بالكامل، بحسب الوزير"],
    ),
    (
        "D7_illa_gradual_flip",
        _ART3,
        _ART3_PAIRS,
        _ART3_PLACES,
        "the outlet",
        "Companies will not be allowed to import, and will not import gradually.",
        ["لن يسمح للشركات بالاستيراد إلا تدريجيا"],
    ),
    (
        "D7b_illa_gradual_flip2",
        _ART5,
        _ART5_PAIRS,
        _ART5_PLACES,
        "the outlet",
        "Companies will not be allowed to import and will not do so gradually.",
        ["لن يسمح للشركات بالاستيراد الا تدريجيا"],
    ),
    (
        "D1c_lift_ban_construct",
        _ART6,
        _ART6_PAIRS,
        _ART6_PLACES,
        "the outlet",
        "The Egyptian Trade Ministry announced yesterday that used cars may not be imported.",
        ["أعلنت وزارة التجارة المصرية أمس رفع حظر استيراد السيارات المستعملة"],
    ),
    (
        "D1d_ended_ban",
        _ART7,
        _ART7_PAIRS,
        _ART7_PLACES,
        "the outlet",
        "The Egyptian Trade Ministry announced yesterday that used cars may not be imported.",
        ["أعلنت وزارة التجارة المصرية أمس إنهاء حظر استيراد السيارات المستعملة"],
    ),
    (
        "D5c_neither_nor_drop_8words",
        _ART6,
        _ART6_PAIRS,
        _ART6_PLACES,
        "the outlet",
        "Neither the government nor companies commented on the decision, and companies know the import date.",
        ["ولم تصدر الحكومة أي بيان رسمي بشأن القرار، ولا تعرف الشركات موعد الاستيراد"],
    ),
    (
        "D5d_neither_nor_true_8words",
        _ART6,
        _ART6_PAIRS,
        _ART6_PLACES,
        "the outlet",
        "The government neither issued an official statement on the decision nor do companies know the import date.",
        ["ولم تصدر الحكومة أي بيان رسمي بشأن القرار، ولا تعرف الشركات موعد الاستيراد"],
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "pairs", "places", "attributed_to", "text_en", "quotes"), CASES, ids=[c[0] for c in CASES]
)
def test_fabrication_stays_unverified(
    case: str,
    text: str,
    pairs: list[tuple[str, str]],
    places: list[tuple[str, str]],
    attributed_to: str,
    text_en: str,
    quotes: list[str],
) -> None:
    article = Article(id="a1", text=text, origin="test", published=dt.date(2015, 7, 24), source="test")
    claim = Claim(
        id="a1-c1",
        article_id="a1",
        text_en=text_en,
        attributed_to=attributed_to,
        evidence=[Evidence(quote_ar=q) for q in quotes],
    )
    checked = check_claim(claim, article, packaged(), pairs=pairs, places=places)
    assert checked.status == "unverified", (case, checked.problems)
