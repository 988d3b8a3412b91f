"""Rendering: HTML escaping and Arabic markup, the PDF (text, no fetching), JSON."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from briefing.errors import RenderError
from briefing.facets import facets
from briefing.models import (
    Article,
    ArticleSummary,
    BlufPoint,
    Briefing,
    Claim,
    Entity,
    Evidence,
    FailedArticle,
    InputProblem,
    Methodology,
    Place,
    Section,
    Source,
)
from briefing.registry import packaged
from briefing.render import (
    bidi,
    css_string,
    is_http_url,
    refuse_url,
    refusing_fetcher,
    render,
    render_html,
    render_json,
    render_pdf,
)
from briefing.resources import prompts_dir, templates_dir

# WeasyPrint warns when the system lacks libharfbuzz-subset (it then subsets fonts with fontTools, slower).
pytestmark = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning")

TEXT_HAYAT = (
    "فرض نظام الرئيس السوري بشار الأسد أمس سيطرته على كامل دير الزور، آخر مدينة كبرى يوجد فيها "
    "تنظيم «داعش»، في هزيمة جديدة له، تزامنت مع تقدم الجيش العراقي داخل مدينة القائم الحدودية، "
    "آخر أهم معاقل التنظيم في العراق المجاور.\n"
    "ودخلت القوات العراقية صباح أمس مركز مدينة القائم في غرب العراق بعد تمهيد من سلاح المدفعية، "
    "وطيران الجيش، والتحالف الدولي بقيادة واشنطن.\n"
)
TEXT_MAYADEEN = (
    "بالتزامن مع تحرك الجيش العراقي في اتجاه الحدود السورية للقضاء على آخر مراكز “داعش” في البلاد، "
    "أحرز الجيش السوري مزيداً من التقدم ضد التنظيم في منطقة البوكمال على الحدود مع العراق.\n"
    "تقرير عباس الزين\n"
)
TEXT_FAILED = "خبر قصير لم يلخص.\n"

QUOTE_VERIFIED = "فرض نظام الرئيس السوري بشار الأسد أمس سيطرته على كامل دير الزور"
QUOTE_UNVERIFIED = "أحرز الجيش السوري تقدماً كبيراً في البوكمال"  # not in the article
HEADLINE = "Syrian army takes full control of Deir ez-Zor"
SCRIPT = "<script>alert(1)</script>"
FAILED_REASON = "the model kept returning invalid JSON"


def _id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _evidence(text: str, quote: str) -> Evidence:
    start = text.find(quote)
    if start < 0:
        return Evidence(quote_ar=quote)
    return Evidence(quote_ar=quote, start=start, end=start + len(quote))


def make_briefing() -> Briefing:
    a1 = Article(
        id=_id(TEXT_HAYAT),
        text=TEXT_HAYAT,
        origin="seeds/004.txt",
        title="النظام يسيطر على دير الزور",
        source="الحياة",
        url="https://www.alhayat.com/article/4551440",
        published=dt.date(2017, 11, 4),
    )
    a2 = Article(
        id=_id(TEXT_MAYADEEN),
        text=TEXT_MAYADEEN,
        origin="seeds/000.txt",
        title="Al-Mayadeen report",
        source="Al Mayadeen",
        url="javascript:alert(1)",
        published=dt.date(2017, 11, 3),
        published_note="inferred from the text",
    )
    a3 = Article(id=_id(TEXT_FAILED), text=TEXT_FAILED, origin="seeds/999.txt")
    c1 = Claim(
        id=f"{a1.id}-c1",
        article_id=a1.id,
        text_en="The Syrian government took full control of Deir ez-Zor (دير الزور).",
        evidence=[_evidence(TEXT_HAYAT, QUOTE_VERIFIED)],
        status="verified",
    )
    c2 = Claim(
        id=f"{a2.id}-c1",
        article_id=a2.id,
        text_en=f"The Syrian army made major gains near Albu Kamal. {SCRIPT}",
        evidence=[_evidence(TEXT_MAYADEEN, QUOTE_UNVERIFIED)],
        status="unverified",
        problems=["quote not found in the article text"],
    )
    s1 = ArticleSummary(
        article_id=a1.id,
        headline_en=HEADLINE,
        summary_en="Syrian government forces took Deir ez-Zor while Iraqi forces entered Al-Qaim.",
        claims=[c1],
        entities=[Entity(name_ar="بشار الأسد", name_en="Bashar al-Assad", kind="person")],
        places=[Place(name_ar="دير الزور", name_en="Deir ez-Zor")],
        chunks=1,
    )
    s2 = ArticleSummary(
        article_id=a2.id,
        headline_en="Syrian army advances on Albu Kamal",
        summary_en=f"The Syrian army advanced against ISIS near the Iraqi border. {SCRIPT}",
        claims=[c2],
        chunks=1,
    )

    def source(a: Article) -> Source:
        return Source(
            article_id=a.id,
            outlet=a.source,
            title=a.title,
            url=a.url,
            published=a.published,
            published_note=a.published_note,
            origin=a.origin,
        )

    return Briefing(
        date=dt.date(2017, 11, 4),
        title='Syria & Iraq: "closing in" on ISIS </style><script>alert(1)</script>',
        bluf=[
            BlufPoint(text_en="Deir ez-Zor is under full Syrian government control.", claim_ids=[c1.id]),
            BlufPoint(text_en=f"Albu Kamal is the next objective. {SCRIPT}", claim_ids=[c2.id, "nope-c9"]),
        ],
        sections=[
            Section(
                heading="Syria: Deir ez-Zor and Albu Kamal",
                summary_en="Two fronts.",
                article_ids=[a1.id, a2.id],
            ),
            Section(heading="Other", summary_en="Unsummarized.", article_ids=[a3.id]),
        ],
        summaries=[s1, s2],
        facets=facets([s1, s2], packaged()),  # as compose computes them
        failed=[FailedArticle(article_id=a3.id, origin=a3.origin, reason=FAILED_REASON)],
        sources=[source(a1), source(a2), source(a3)],
        articles=[a1, a2, a3],
        input_problems=[InputProblem(origin="seeds/broken.pdf", reason="not a supported file type")],
        methodology=Methodology(
            model="openai/gpt-4o-mini",
            structured_output="json_schema",
            prompt_versions={"summarize": "0123456789ab", "compose": "ba9876543210"},
            calls=4,
            reasks=1,
            input_tokens=12345,
            output_tokens=2345,
            cost_usd=None,
            cost_note="litellm has no price for this model",
            wall_s=12.34,
            composed_by="model",
            claims_total=2,
            claims_verified=1,
            claims_unverified=1,
            replayed_from="tests/cassettes/sample.jsonl",
        ),
    )


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    return make_briefing()


@pytest.fixture(scope="module")
def html(briefing: Briefing) -> str:
    return render_html(briefing)


@pytest.fixture(scope="module")
def pdf(html: str) -> bytes:
    return render_pdf(html)


def _squash(text: str) -> str:
    """Text for comparing extracted PDF text.

    pdftotext wraps RTL runs in embedding marks (U+202B ... U+202C) and may emit presentation
    forms: NFKC, then drop whitespace and format characters.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")


# --------------------------------------------------------------------------- resources


def test_resource_dirs_exist() -> None:
    assert (templates_dir() / "briefing.html").is_file()
    assert prompts_dir().is_dir()


# --------------------------------------------------------------------------- HTML


def test_html_is_english_ltr_document(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en" dir="ltr">' in html
    assert "Situation briefing — 4 November 2017" in html


def test_model_text_is_escaped(html: str) -> None:
    # the only script is the review page's own, allowed by its hash in the CSP
    assert html.lower().count("<script") == 1
    script = html.split("<script>", 1)[1].split("</script>", 1)[0]
    assert "alert" not in script and script == (templates_dir() / "review.js").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # </style> in the title cannot close the style element early
    assert html.lower().count("</style") == 1


def test_css_font_names_survive(html: str) -> None:
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert '"Noto Naskh Arabic"' in style
    assert "&#34;" not in style and "&quot;" not in style
    assert '@top-right {\n    content: "4 November 2017";' in style
    # the title is a CSS string literal with its quotes, < and & escaped
    title = 'content: "Syria \\26  Iraq: \\22 closing in\\22  on ISIS \\3C /style\\3E \\3C script\\3E '
    assert title in style


def test_css_string() -> None:
    assert css_string('a"b\\c\n<') == '"a\\22 b\\\\c\\A \\3C "'
    assert css_string("٤ نوفمبر") == '"٤ نوفمبر"'


def test_bidi_isolates_arabic_runs_at_word_boundaries() -> None:
    rtl = '<bdi dir="rtl" lang="ar">'
    assert bidi("بشار الأسد") == f"{rtl}بشار الأسد</bdi>"
    assert bidi("Bashar <al-Assad>") == "Bashar &lt;al-Assad&gt;"
    assert bidi("According to «الحشد الشعبي», forces entered القائم في 27 أكتوبر.") == (
        f"According to «{rtl}الحشد الشعبي</bdi>», forces entered {rtl}القائم في 27 أكتوبر</bdi>."
    )
    assert bidi("الحياة <b>") == f"{rtl}الحياة &lt;b&gt;</bdi>"


def test_arabic_evidence_is_isolated_rtl(html: str) -> None:
    for quote in (QUOTE_VERIFIED, QUOTE_UNVERIFIED):
        assert f'<blockquote class="ar" dir="rtl" lang="ar"><bdi>{quote}</bdi></blockquote>' in html
    # entity names and Arabic titles/outlets are isolated inline
    assert '<bdi dir="rtl" lang="ar">بشار الأسد</bdi>' in html
    assert '<bdi dir="rtl" lang="ar">الحياة</bdi>' in html
    assert 'Deir ez-Zor (<bdi dir="rtl" lang="ar">دير الزور</bdi>).' in html  # Arabic inside English text


def test_every_arabic_run_is_inside_an_rtl_element(html: str) -> None:
    """Strip the Arabic-marked elements; no Arabic letters may be left in the rest."""
    body = html.split("</style>", 1)[1]
    rest = re.sub(r'<(bdi|blockquote|div)\b[^>]*\blang="ar"[^>]*>.*?</\1>', "", body, flags=re.S)
    assert re.search("[\u0600-\u06ff]", rest) is None


def test_claim_status_markers(html: str, briefing: Briefing) -> None:
    assert "UNVERIFIED — not confirmed by the source" in html
    assert "VERIFIED</span>" in html
    assert "quote not found in the article text" in html
    for claim in briefing.claims():
        assert f'id="claim-{claim.id}"' in html
        assert f'href="#claim-{claim.id}"' in html  # linked from the BLUF
    assert "nope-c9?" in html  # an unknown claim id is shown, not linked
    assert 'href="#claim-nope-c9"' not in html


def test_only_http_urls_become_links(html: str) -> None:
    assert 'href="https://www.alhayat.com/article/4551440"' in html
    assert 'href="javascript' not in html.lower()
    assert "javascript:alert(1)" in html  # shown as text
    assert is_http_url("http://example.com/x")
    for bad in ("javascript:alert(1)", " https://x.org", "https:x", "file:///etc/passwd", "HTTPS://", None):
        assert not is_http_url(bad)


def test_failed_problems_methodology_and_appendix(html: str, briefing: Briefing) -> None:
    assert "Not summarized" in html
    assert FAILED_REASON in html
    assert "not a supported file type" in html
    assert "not priced: litellm has no price for this model" in html
    assert "12,345 in / 2,345 out" in html
    assert "tests/cassettes/sample.jsonl" in html
    for article in briefing.articles:
        assert f'<article class="original-article" id="article-{article.id}">' in html
    assert '<div class="original" dir="rtl" lang="ar">' in html
    assert "<p>تقرير عباس الزين</p>" in html


# --------------------------------------------------------------------------- JSON / render


def test_render_json_keeps_arabic(briefing: Briefing) -> None:
    text = render_json(briefing)
    assert text.endswith("}\n")
    assert QUOTE_VERIFIED in text
    assert Briefing.model_validate(json.loads(text)) == briefing


def test_render_formats(briefing: Briefing) -> None:
    out = render(briefing, ["html", "json"])
    assert set(out) == {"html", "json"}
    assert out["html"].decode("utf-8") == render_html(briefing)
    with pytest.raises(RenderError):
        render(briefing, ["docx"])


# --------------------------------------------------------------------------- PDF


def test_pdf_is_a_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF")


def test_pdf_text_has_headline_and_arabic_in_logical_order(pdf: bytes, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert HEADLINE in text
    assert _squash(QUOTE_VERIFIED) in _squash(text)
    assert "Page 1 of" in text


def test_fetcher_refuses_everything() -> None:
    fetcher = refusing_fetcher()
    for url in ("file:///etc/passwd", "https://example.com/x.png", "data:,x"):
        with pytest.raises(RenderError):
            refuse_url(url)
        with pytest.raises(RenderError):
            fetcher.fetch(url)
        with pytest.raises(RenderError):
            fetcher(url)


def test_pdf_does_not_fetch_local_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-7f3a")
    html = (
        '<!DOCTYPE html><html lang="en"><body><p>before</p>'
        f'<img src="file:///etc/passwd"><img src="{secret.as_uri()}">'
        f'<object data="{secret.as_uri()}"></object>'
        f'<link rel="stylesheet" href="{secret.as_uri()}">'
        "<p>after</p></body></html>"
    )
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = render_pdf(html)
    assert "refusing to fetch 'file:///etc/passwd'" in caplog.text  # asked, and refused
    assert pdf.startswith(b"%PDF")
    assert b"TOPSECRET" not in pdf
    assert b"root:" not in pdf
    if shutil.which("pdftotext") is not None:
        path = tmp_path / "x.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
        assert "root:" not in text.stdout and "TOPSECRET" not in text.stdout and "after" in text.stdout


def test_checked_unregistered_names_are_ready_to_paste_once() -> None:
    from briefing.models import UnregisteredName

    entry = '[[entry]]\nenglish = "Diyarbakir"\nkind = "place"\narabic = ["ديار بكر"]\n'
    names = [UnregisteredName(name_ar="ديار بكر", name_en="Diyarbakir", kind="place", article_ids=["x"], checked=True,
                              registry_entry=entry),
             UnregisteredName(name_ar="فلان", name_en="Someone", kind="person", article_ids=["x"])]
    html = render_html(make_briefing().model_copy(update={"unregistered_names": names}))
    section = html.split('id="unregistered-names"', 1)[1].split("</section>", 1)[0]
    assert html.count('class="registry-entries"') == 1 and 'class="registry-entries"' in section
    assert "english = &#34;Diyarbakir&#34;" in section or 'english = "Diyarbakir"' in section
    assert "Someone" in section and "Someone" not in section.split('class="registry-entries"', 1)[1]
