"""Fabrications two reviews of the checker's wider context (names from the whole article, ages, the
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

_ART8 = (
    "قتل 15 شخصا على الأقل أمس الأحد في غارات جوية شنها الطيران الحربي التابع للنظام السوري على "
    "مدينة دوما في الغوطة الشرقية، بينهم أربعة أطفال، فيما قتل 7 مقاتلين من المعارضة في "
    "اشتباكات مع قوات النظام في حي جوبر، بحسب ما أفاد المرصد السوري لحقوق الإنسان. وقال مدير "
    "المرصد رامي عبد الرحمن إن الطيران شن أكثر من 20 غارة على المدينة، وإن عدد القتلى مرشح "
    "للارتفاع بسبب وجود جرحى في حالات خطرة. وفي حلب، سقطت قذائف أطلقتها فصائل المعارضة على حي "
    "الميدان، ما أدى إلى مقتل ثلاثة مدنيين وإصابة 11 آخرين، وفق ما ذكرت وكالة الأنباء السورية "
    "الرسمية (سانا). وفي درعا، أعلنت الجبهة الجنوبية أنها سيطرت على حاجز عسكري قرب بلدة الشيخ "
    "مسكين، بعد معارك استمرت يومين، قتل فيها 9 من عناصر النظام. من جهة أخرى، يلتقي المبعوث "
    "الأممي ستيفان دي ميستورا وزير الخارجية السوري وليد المعلم في دمشق يوم الثلاثاء، على أن "
    "يتوجه إلى طهران في الثاني من أغسطس لبحث الأزمة."
)
_ART8_PAIRS = [
    ("دوما", "Douma"),
    ("الغوطة الشرقية", "Eastern Ghouta"),
    ("جوبر", "Jobar"),
    ("المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights"),
    ("رامي عبد الرحمن", "Rami Abdulrahman"),
    ("حلب", "Aleppo"),
    ("الميدان", "al-Midan"),
    ("سانا", "SANA"),
    ("درعا", "Daraa"),
    ("الجبهة الجنوبية", "Southern Front"),
    ("الشيخ مسكين", "Sheikh Maskin"),
    ("ستيفان دي ميستورا", "Staffan de Mistura"),
    ("وليد المعلم", "Walid al-Muallem"),
    ("دمشق", "Damascus"),
    ("طهران", "Tehran"),
]
_ART8_PLACES = [
    ("دوما", "Douma"),
    ("الغوطة الشرقية", "Eastern Ghouta"),
    ("جوبر", "Jobar"),
    ("حلب", "Aleppo"),
    ("الميدان", "al-Midan"),
    ("درعا", "Daraa"),
    ("الشيخ مسكين", "Sheikh Maskin"),
    ("دمشق", "Damascus"),
    ("طهران", "Tehran"),
]

_ART9 = (
    "يبدأ مجلس النواب الأردني دورته الاستثنائية الأحد المقبل. وقال رئيس المجلس عاطف الطراونة إن "
    "الدورة ستناقش قانون الانتخاب، وإن التصويت على القانون سيجري في 15 آب، على أن تنتهي الدورة "
    "في 30 أيلول، وسيشارك فيها 150 نائبا. وأضاف أن الحكومة أحالت إلى المجلس 12 مشروع قانون."
)
_ART9_PAIRS = [("مجلس النواب", "House of Representatives"), ("عاطف الطراونة", "Atef Tarawneh")]
_ART9_PLACES = []

_ART10 = (
    "قتل خمسة أشخاص وأصيب 17 آخرون في تفجير سيارة مفخخة استهدف سوقا شعبية في مدينة الخالص "
    "بمحافظة ديالى أمس. وقال مصدر في الشرطة إن السيارة كانت مركونة قرب محال لبيع الخضار. ولم "
    "تتبن أي جهة المسؤولية عن التفجير حتى الآن. وتشهد المحافظة توترا أمنيا منذ أن طردت القوات "
    "العراقية وفصائل الحشد الشعبي تنظيم داعش منها مطلع العام. وفي بغداد، اعتقلت قوة أمنية ثلاثة "
    "مشتبه بهم في حي الشعب. وكانت وزارة الداخلية قد أعلنت الأسبوع الماضي خطة أمنية جديدة "
    "للعاصمة. من جهة أخرى، أعلنت كتائب حزب الله العراقية أنها ستقاطع اجتماعات هيئة الحشد "
    "الشعبي."
)
_ART10_PAIRS = [
    ("الخالص", "Khalis"),
    ("ديالى", "Diyala"),
    ("الحشد الشعبي", "Popular Mobilization Forces"),
    ("داعش", "ISIS"),
    ("بغداد", "Baghdad"),
    ("الشعب", "al-Shaab"),
    ("وزارة الداخلية", "Interior Ministry"),
    ("كتائب حزب الله", "Kataib Hezbollah"),
    ("هيئة الحشد الشعبي", "Popular Mobilization Commission"),
]
_ART10_PLACES = [("الخالص", "Khalis"), ("ديالى", "Diyala"), ("بغداد", "Baghdad"), ("الشعب", "al-Shaab")]

_ART11 = (
    "خرج آلاف المتظاهرين في عدة محافظات مصرية أمس للمطالبة بالإفراج عن المعتقلين. وقالت مصادر "
    "أمنية إن قوات الأمن فرقت مسيرة في حي المطرية بالقاهرة واعتقلت 20 شخصا. وكانت محكمة مصرية "
    "قد أصدرت الشهر الماضي حكما بإعدام قيادات في جماعة الإخوان المسلمين. وفي سيناء، قتل أربعة "
    "جنود في هجوم بقذائف الهاون على كمين للجيش في مدينة الشيخ زويد. وكان تنظيم ولاية سيناء قد "
    "تبنى هجمات سابقة على الجيش في المنطقة. من جهته، دعا حزب النور أنصاره إلى عدم المشاركة في "
    "أي مظاهرات."
)
_ART11_PAIRS = [
    ("المطرية", "Matariya"),
    ("القاهرة", "Cairo"),
    ("جماعة الإخوان المسلمين", "Muslim Brotherhood"),
    ("سيناء", "Sinai"),
    ("الشيخ زويد", "Sheikh Zuweid"),
    ("ولاية سيناء", "Sinai Province"),
    ("حزب النور", "Nour Party"),
]
_ART11_PLACES = [("المطرية", "Matariya"), ("القاهرة", "Cairo"), ("سيناء", "Sinai"), ("الشيخ زويد", "Sheikh Zuweid")]

_ART12 = (
    "أعلن التحالف العربي بقيادة السعودية أن الدفاعات الجوية اعترضت صاروخا باليستيا أطلق باتجاه "
    "مدينة جازان أمس. وقالت وزارة الداخلية السعودية في بيان منفصل إنها ألقت القبض على 11 شخصا "
    "يشتبه في انتمائهم لخلية إرهابية في القطيف. وفي صنعاء، فجر مسلحون منزل قيادي في حزب "
    "الإصلاح. وتتهم الحكومة اليمنية جماعة الحوثي بتفجير عشرات المنازل منذ سيطرتها على العاصمة."
)
_ART12_PAIRS = [
    ("التحالف العربي", "Arab coalition"),
    ("السعودية", "Saudi Arabia"),
    ("جازان", "Jazan"),
    ("وزارة الداخلية", "Interior Ministry"),
    ("القطيف", "Qatif"),
    ("صنعاء", "Sanaa"),
    ("حزب الإصلاح", "Islah Party"),
    ("الحوثي", "Houthis"),
]
_ART12_PLACES = [("جازان", "Jazan"), ("القطيف", "Qatif"), ("صنعاء", "Sanaa")]

_ART13 = (
    "قتل شاب فلسطيني برصاص الجيش الإسرائيلي فجر اليوم خلال مواجهات في مخيم قلنديا شمال القدس، "
    "فيما أصيب آخرون بالرصاص المطاطي. واندلعت المواجهات بعد اقتحام قوة إسرائيلية للمخيم لتنفيذ "
    "حملة اعتقالات. وقالت وزارة الصحة الفلسطينية إن الشاب محمد أبو لطيفة (18 عاما) أصيب برصاصة "
    "في الصدر. وقال والده رائد أبو لطيفة إن الجنود منعوا سيارة الإسعاف من الوصول إليه. واعتقل "
    "الجيش خلال المداهمة ثلاثة شبان بينهم شقيقه أحمد. وقالت متحدثة باسم الجيش الإسرائيلي إن "
    "الجنود تعرضوا لرشق بالحجارة والزجاجات الحارقة."
)
_ART13_PAIRS = [
    ("قلنديا", "Qalandia"),
    ("القدس", "Jerusalem"),
    ("وزارة الصحة", "Health Ministry"),
    ("محمد أبو لطيفة", "Mohammed Abu Latifa"),
    ("رائد أبو لطيفة", "Raed Abu Latifa"),
    ("أحمد", "Ahmed"),
]
_ART13_PLACES = [("قلنديا", "Qalandia"), ("القدس", "Jerusalem")]

_ART14 = (
    "طالب نواب في البرلمان الكويتي الحكومة بحظر استيراد السيارات المستعملة التي يزيد عمرها على "
    "خمس سنوات. وقال النائب عبدالله التميمي إن الحكومة تدرس منع سفر المطلوبين في قضايا مالية. "
    "وأوضح أن اللجنة المالية قررت ألا تناقش الميزانية قبل تسلم تقرير ديوان المحاسبة. وكانت "
    "وزارة التجارة قد هددت بمنع المحلات المخالفة من العمل. ويسعى وزير الداخلية إلى حظر التجول "
    "في بعض المناطق، بحسب مصادر."
)
_ART14_PAIRS = [
    ("عبدالله التميمي", "Abdullah al-Tamimi"),
    ("اللجنة المالية", "Finance Committee"),
    ("ديوان المحاسبة", "Audit Bureau"),
    ("وزارة التجارة", "Commerce Ministry"),
]
_ART14_PLACES = []

_ART15 = (
    "أعلنت الشرطة المصرية مقتل ثلاثة مسلحين في تبادل لإطلاق النار في محافظة الفيوم. وقال وزير "
    "الداخلية اللواء مجدي عبد الغفار إن الأجهزة الأمنية ستواصل ملاحقة العناصر الإرهابية. وكان "
    "النائب العام هشام بركات قد اغتيل الشهر الماضي في تفجير استهدف موكبه بالقاهرة. وأضاف مصدر "
    "أمني أن أحد القتلى يدعى محمد عبد الرحمن وكان مطلوبا في قضايا عنف. وفي سياق متصل، قضت محكمة "
    "جنايات الجيزة بإعدام محمد بديع مرشد جماعة الإخوان المسلمين."
)
_ART15_PAIRS = [
    ("الفيوم", "Fayoum"),
    ("مجدي عبد الغفار", "Magdy Abdel Ghaffar"),
    ("هشام بركات", "Hisham Barakat"),
    ("القاهرة", "Cairo"),
    ("محمد عبد الرحمن", "Mohammed Abdel Rahman"),
    ("محكمة جنايات الجيزة", "Giza Criminal Court"),
    ("محمد بديع", "Mohammed Badie"),
    ("جماعة الإخوان المسلمين", "Muslim Brotherhood"),
]
_ART15_PLACES = [("الفيوم", "Fayoum"), ("القاهرة", "Cairo")]

CASES = [
    (
        "E4_date_from_next_clause",
        _ART8,
        _ART8_PAIRS,
        _ART8_PLACES,
        "the outlet",
        "UN envoy Staffan de Mistura will meet Syrian Foreign Minister Walid al-Muallem in Damascus on August 2.",
        ["يلتقي المبعوث الأممي ستيفان دي ميستورا وزير الخارجية السوري وليد المعلم في دمشق"],
    ),
    (
        "H1_date_swap_end_vote",
        _ART9,
        _ART9_PAIRS,
        _ART9_PLACES,
        "the outlet",
        "Atef Tarawneh said the vote on the election law would take place on September 30.",
        ["وإن التصويت على القانون سيجري"],
    ),
    (
        "I1_isis_car_bomb",
        _ART10,
        _ART10_PAIRS,
        _ART10_PLACES,
        "the outlet",
        "An ISIS car bomb killed five people and wounded 17 in a market in Khalis, Diyala.",
        ["قتل خمسة أشخاص وأصيب 17 آخرون في تفجير سيارة مفخخة استهدف سوقا شعبية في مدينة الخالص بمحافظة ديالى"],
    ),
    (
        "I1b_isis_claimed",
        _ART10,
        _ART10_PAIRS,
        _ART10_PLACES,
        "the outlet",
        "ISIS carried out the car bombing in Khalis that killed five people.",
        ["قتل خمسة أشخاص", "في تفجير سيارة مفخخة استهدف سوقا شعبية في مدينة الخالص"],
    ),
    (
        "J1_brotherhood_protests",
        _ART11,
        _ART11_PAIRS,
        _ART11_PLACES,
        "the outlet",
        "Thousands of Muslim Brotherhood supporters protested in several Egyptian provinces demanding the release "
        "of detainees.",
        ["خرج آلاف المتظاهرين في عدة محافظات مصرية أمس للمطالبة بالإفراج عن المعتقلين"],
    ),
    (
        "K1_houthi_blew_up",
        _ART12,
        _ART12_PAIRS,
        _ART12_PLACES,
        "the outlet",
        "Houthi gunmen blew up the house of an Islah Party leader in Sanaa.",
        ["وفي صنعاء، فجر مسلحون منزل قيادي في حزب الإصلاح"],
    ),
    (
        "K3_houthi_fired",
        _ART12,
        _ART12_PAIRS,
        _ART12_PLACES,
        "the outlet",
        "Air defenses intercepted a ballistic missile fired by the Houthis toward Jazan.",
        ["الدفاعات الجوية اعترضت صاروخا باليستيا أطلق باتجاه مدينة جازان"],
    ),
    (
        "L1_age_to_brother",
        _ART13,
        _ART13_PAIRS,
        _ART13_PLACES,
        "the outlet",
        "The army arrested three young men, including his 18-year-old brother Ahmed.",
        ["واعتقل الجيش خلال المداهمة ثلاثة شبان بينهم شقيقه أحمد"],
    ),
    (
        "N2_considering_travel_ban_as_ban",
        _ART14,
        _ART14_PAIRS,
        _ART14_PLACES,
        "the outlet",
        "Abdullah al-Tamimi said people wanted in financial cases may not travel.",
        ["وقال النائب عبدالله التميمي إن الحكومة تدرس منع سفر المطلوبين في قضايا مالية"],
    ),
    (
        "N4_curfew_as_may_not",
        _ART14,
        _ART14_PAIRS,
        _ART14_PLACES,
        "the outlet",
        "Residents of some areas may not leave their homes, according to sources.",
        ["ويسعى وزير الداخلية إلى حظر التجول في بعض المناطق، بحسب مصادر"],
    ),
    (
        "O1_first_name_anchor",
        _ART15,
        _ART15_PAIRS,
        _ART15_PLACES,
        "the outlet",
        "One of those killed was Mohammed Badie, who was wanted in cases of violence, a security source said.",
        ["وأضاف مصدر أمني أن أحد القتلى يدعى محمد", "وكان مطلوبا في قضايا عنف"],
    ),
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
