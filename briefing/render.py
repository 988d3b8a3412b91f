"""Render a ``Briefing`` as HTML, PDF (WeasyPrint) and JSON.

The HTML is self-contained (inline CSS, no scripts, no external resources), so the PDF renderer
is given a URL fetcher that refuses everything: nothing in a briefing can make it read a file or
reach the network.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import Any, NoReturn
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from briefing.errors import RenderError
from briefing.models import ArticleSummary, Briefing
from briefing.resources import templates_dir

FORMATS = ("html", "pdf", "json")

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_AR = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC = re.compile(f"[{_AR}]")
# A run of Arabic words: Arabic letters, and spaces, digits or punctuation only between them.
_ARABIC_RUN = re.compile(f"[{_AR}]+(?:[ \\t\u00a0\\d«»\"“”'()\\-.,:/%]+[{_AR}]+)*")
_RTL_SPAN = Markup('<bdi dir="rtl" lang="ar">{}</bdi>')
_CSS_ESCAPES = {"\\": "\\\\", '"': "\\22 ", "'": "\\27 ", "<": "\\3C ", ">": "\\3E ", "&": "\\26 "}


def long_date(value: dt.date) -> str:
    """``4 November 2017``, independent of the locale."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def css_string(value: object) -> Markup:
    """A double-quoted CSS string literal for ``value``, safe inside ``<style>``.

    Backslashes, quotes, ``<``, ``>``, ``&`` and control characters become CSS escapes, so the
    literal cannot end early, nor can ``</style`` appear in the document.
    """
    out: list[str] = []
    for ch in str(value):
        if ch in _CSS_ESCAPES:
            out.append(_CSS_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\{ord(ch):X} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')


def is_http_url(value: object) -> bool:
    """Whether ``value`` may become an ``href``: an absolute http(s) URL and nothing else."""
    if not isinstance(value, str) or value != value.strip() or any(ord(c) < 0x21 for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _starts_arabic(text: str) -> bool:
    """Whether the first strongly directional character is Arabic (as ``dir="auto"`` decides)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return _ARABIC.match(ch) is not None
    return False


def bidi(value: object) -> Markup:
    """``value`` escaped, with Arabic isolated: all of it when it is Arabic text, else each Arabic run.

    Runs end at word boundaries, so no tag ever lands inside an Arabic word.
    """
    text = str(value)
    if _starts_arabic(text):
        return _RTL_SPAN.format(text)
    parts: list[Markup] = []
    pos = 0
    for match in _ARABIC_RUN.finditer(text):
        parts.append(escape(text[pos : match.start()]))
        parts.append(_RTL_SPAN.format(match.group()))
        pos = match.end()
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.filters["long_date"] = long_date
    env.tests["http_url"] = is_http_url
    env.filters["bidi"] = bidi
    return env


@dataclass(frozen=True)
class _SectionView:
    heading: str
    summary_en: str
    summaries: list[ArticleSummary]
    missing: list[str]


def _sections(briefing: Briefing) -> list[_SectionView]:
    """The sections as rendered: each article once, in section order; leftovers in a last section."""
    by_id = {s.article_id: s for s in briefing.summaries}
    placed: set[str] = set()
    views: list[_SectionView] = []
    for section in briefing.sections:
        summaries: list[ArticleSummary] = []
        missing: list[str] = []
        for article_id in section.article_ids:
            if article_id in placed:
                continue
            placed.add(article_id)
            if article_id in by_id:
                summaries.append(by_id[article_id])
            else:
                missing.append(article_id)
        views.append(_SectionView(section.heading, section.summary_en, summaries, missing))
    rest = [s for s in briefing.summaries if s.article_id not in placed]
    if rest:
        views.append(_SectionView("Other reports", "", rest, []))
    return views


PDF_ORIGINALS_MAX = 10  # beyond this many articles the emailed PDF leaves the originals to the HTML


def render_html(briefing: Briefing, *, include_originals: bool = True) -> str:
    """The briefing as one self-contained HTML document (with the original articles, for review)."""
    sections = _sections(briefing)
    claim_labels: dict[str, str] = {}
    for n, summary in enumerate((s for v in sections for s in v.summaries), start=1):
        for k, claim in enumerate(summary.claims, start=1):
            claim_labels[claim.id] = f"{n}.{k}"
    claims = briefing.claims()
    date_text = long_date(briefing.date)
    try:
        template = _environment().get_template("briefing.html")
        return template.render(
            briefing=briefing,
            sections=sections,
            claim_labels=claim_labels,
            sources={s.article_id: s for s in briefing.sources},
            articles={a.id: a for a in briefing.articles},
            date_text=date_text,
            include_originals=include_originals,
            stats={
                "claims": len(claims),
                "verified": sum(c.status == "verified" for c in claims),
                "unverified": sum(c.status == "unverified" for c in claims),
                "unchecked": sum(c.status == "unchecked" for c in claims),
            },
        )
    except jinja2.TemplateError as e:
        raise RenderError(f"could not render the HTML briefing: {e}") from e


def refuse_url(url: str, headers: object = None) -> NoReturn:
    """Every fetch WeasyPrint asks for is refused: the HTML is self-contained."""
    raise RenderError(f"refusing to fetch {url[:200]!r}: briefings are self-contained")


def refusing_fetcher() -> Any:
    """A WeasyPrint ``URLFetcher`` whose ``fetch`` refuses every URL (WeasyPrint logs a warning, goes on).

    Recent WeasyPrint (70 here) wants a ``URLFetcher`` instance: a plain function passed as
    ``url_fetcher`` breaks on the first refusal (it reads ``url_fetcher._fail_on_errors``).
    Older ones, without the class, take the plain function.
    """
    try:
        from weasyprint.urls import URLFetcher  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return refuse_url

    class RefusingFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> NoReturn:
            refuse_url(url, headers)

    return RefusingFetcher()


def render_pdf(html: str) -> bytes:
    """The HTML rendered to PDF by WeasyPrint, with every external fetch refused."""
    import weasyprint  # type: ignore[import-untyped, unused-ignore]  # slow: import only for a PDF

    try:
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=refusing_fetcher())
        pdf = document.write_pdf()
    except Exception as e:  # WeasyPrint raises many kinds; the caller needs one
        raise RenderError(f"could not render the PDF briefing: {e}") from e
    if not isinstance(pdf, bytes):
        raise RenderError("WeasyPrint returned no PDF")
    return pdf


def render_json(briefing: Briefing) -> str:
    """The briefing as indented JSON, Arabic left unescaped."""
    return briefing.model_dump_json(indent=2) + "\n"


def render(briefing: Briefing, formats: Collection[str]) -> dict[str, bytes]:
    """Each requested format (``html``, ``pdf``, ``json``) as bytes; the PDF comes from the same HTML."""
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise RenderError(f"unknown output format(s): {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    out: dict[str, bytes] = {}
    if "html" in formats or "pdf" in formats:
        html = render_html(briefing)
        if "html" in formats:
            out["html"] = html.encode("utf-8")
        if "pdf" in formats:
            # The PDF is the HTML printed; a whole day's originals (megabytes of Arabic) stay in the HTML.
            small = len(briefing.articles) <= PDF_ORIGINALS_MAX
            out["pdf"] = render_pdf(html if small else render_html(briefing, include_originals=False))
    if "json" in formats:
        out["json"] = render_json(briefing).encode("utf-8")
    return out
