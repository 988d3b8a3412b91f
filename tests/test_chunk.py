from __future__ import annotations

from briefing.chunk import chunk_article, sentences
from briefing.models import Article


def _article(text: str) -> Article:
    return Article(id="x" * 16, text=text, origin="t")


def count(text: str) -> int:
    return len(text.split())


def test_sentences_cover_text_and_split_on_arabic_punctuation() -> None:
    text = "قال المتحدث، إن القوات تقدمت؟ نعم!ثم انسحبت؛ والنسبة 3.5 في المئة.\nسطر جديد"
    spans = sentences(text)
    assert "".join(text[s:e] for s, e in spans) == text
    pieces = [text[s:e] for s, e in spans]
    assert pieces[0] == "قال المتحدث، "
    assert any("3.5 في المئة." in p for p in pieces)  # a decimal point is not a boundary


def test_short_article_is_one_chunk() -> None:
    a = _article("جملة قصيرة. وأخرى.")
    (chunk,) = chunk_article(a, 100, count)
    assert (chunk.start, chunk.end, chunk.text) == (0, len(a.text), a.text)


def test_long_article_chunks_respect_budget_and_offsets() -> None:
    sentence = "تقدمت القوات العراقية نحو مدينة القائم الحدودية مع سوريا. "
    text = sentence * 50 + "كلمة " * 300  # plus one sentence longer than a chunk
    a = _article(text)
    chunks = chunk_article(a, 40, count)
    assert len(chunks) > 10
    assert all(c.tokens <= 40 for c in chunks)
    assert "".join(c.text for c in chunks) == text
    for c in chunks:
        assert text[c.start:c.end] == c.text
    assert [c.index for c in chunks] == list(range(len(chunks)))
