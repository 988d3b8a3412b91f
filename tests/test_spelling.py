"""briefing.spelling: one (English, Arabic) name pair, aligned letter by letter."""

import pytest

from briefing.arabic import fold
from briefing.names import pair_ok
from briefing.spelling import cost, renders


@pytest.mark.parametrize(("english", "arabic"), [
    ("Idriss Deby Itno", "ادريس ديبي انتو"),  # French spellings of a Chadian name
    ("Georges-Henri Beauthier", "جورج هنري بوتييه"),  # eau = و, a silent h
    ("Joseph Shepard", "جوزيف شيبرد"),
    ("Mohammed al-Thubaiban", "محمد الذبيبان"),  # th = ذ, a doubled m
    ("Hazm al-Udayn", "حزم العدين"),  # the article dropped, ع unwritten
    ("Lexus", "لكزس"),  # x = كز
    ("Suruc", "سروج"),  # Turkish c = ج
    ("Alexis Kalambry", "الكسيس كالامبري"),  # ال here is letters of the name, not the article
    # French endings Arabic does not write
    ("Jules", "جول"), ("Laurent", "لوران"), ("Bernard", "برنار"), ("François", "فرانسوا"),
    ("Georges", "جورج"), ("Bordeaux", "بوردو"), ("Calais", "كاليه"),
])
def test_true_pairs_render(english: str, arabic: str) -> None:
    assert renders(english, fold(arabic)), cost(english, fold(arabic))


@pytest.mark.parametrize(("english", "arabic"), [
    ("Ahmed", "محمد"),  # a short name with a letter that does not line up
    ("Benghazi", "بين"),
    ("Hassan Nasrallah", "حسن روحاني"),  # one word right is not the name
    ("Cadiz", "قندوز"),
    ("Tarib", "الطره"),  # the dropped article is not counted as a letter spelled
    # a final s that Arabic names pronounce is not a silent French one
    ("Hamas", "حماه"), ("Idris", "ادري"), ("Anas", "انا"), ("Younes", "يون"), ("Abbas", "عبا"),
    ("Akhund", "خان"),  # -und is not a French silent ending (a review)
])
def test_chance_pairs_do_not(english: str, arabic: str) -> None:
    assert not renders(english, fold(arabic)), cost(english, fold(arabic))


def test_pair_ok_uses_the_alignment_word_by_word_and_whole() -> None:
    assert pair_ok("Abu Rudeis", "أبورديس")  # Abu fused with the name, as Arabic writes it
    assert pair_ok("Baghli", "للبغلي")  # a clitic on the model's Arabic form
    assert pair_ok("Egypt's", "مصر")
    assert pair_ok("Queen Elizabeth", "الملكة إليزابيث")  # a title, then the name
    assert not pair_ok("Queen Victoria", "الملكة إليزابيث")
    assert pair_ok("Georges-Henri Beauthier", "جورج هنري بوتييه")  # the French -ier, whole
    assert pair_ok("Jules Bianchi", "جول بيانكي")
    assert not pair_ok("Bryant Hook", "براين هوك")  # -ant is not a French silent ending (a review)
    assert not pair_ok("Ahmed Saleh", "محمد صالح")
