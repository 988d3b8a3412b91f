"""Render a ``Briefing`` as HTML, PDF (WeasyPrint) and JSON.

The HTML is self-contained (inline CSS, one small inline script, an inline SVG map, no external
resources) and carries a Content-Security-Policy that allows exactly that inline style and
script, by hash, and nothing else. The PDF renderer is given a URL fetcher that refuses
everything: nothing in a briefing can make it read a file or reach the network.

The HTML is also the analyst's review page: every evidence span is highlighted in the original
article text at render time (``<mark>`` elements, boundaries widened to whole words so that no
tag lands inside an Arabic word), claims carry data attributes naming their evidence, places and
actors, and the script only toggles classes.
"""

from __future__ import annotations

import base64
import bisect
import datetime as dt
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NoReturn
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from briefing import reliability
from briefing.config import DEFAULTS
from briefing.errors import RenderError
from briefing.mapsvg import MapPlace, in_region, outlines, render_map
from briefing.models import ArticleSummary, Briefing
from briefing.pdf import print_pdf
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
def environment(autoescape: bool = True) -> jinja2.Environment:
    """The templates' environment (``autoescape=False`` for plain-text templates only)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.filters["long_date"] = long_date
    env.tests["http_url"] = is_http_url
    env.filters["bidi"] = bidi
    env.globals["check_reliability"] = reliability.note()
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


# --------------------------------------------------------------------------- review page: highlights


def _is_word_char(ch: str) -> bool:
    """Part of a word: letters, marks (Arabic diacritics), digits, tatweel and zero-width joiners."""
    return unicodedata.category(ch)[0] in "LMN" or ch in "\u0640\u200c\u200d"


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened to whole words, so a tag placed there never splits an Arabic word.

    A quote that begins after a clitic (``دخلت`` in ``ودخلت``) is highlighted from the word's start.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    while start > 0 and _is_word_char(text[start - 1]) and start < len(text) and _is_word_char(text[start]):
        start -= 1
    while 0 < end < len(text) and _is_word_char(text[end - 1]) and _is_word_char(text[end]):
        end += 1
    return start, end


@dataclass(frozen=True)
class Piece:
    """A run of article text; ``ev`` names the evidence spans covering it (space-separated), if any."""

    text: str
    ev: str = ""
    anchors: tuple[str, ...] = ()  # the spans that begin here (each gets an id to link to)


@dataclass
class _Review:
    """What the template needs for the review page, computed once per render."""

    # claim id -> [(evidence token, article id the span is in, or None when not located)]
    evidence: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    # article id -> paragraphs -> pieces
    originals: dict[str, list[list[Piece]]] = field(default_factory=dict)
    places: list[tuple[str, str, int]] = field(default_factory=list)  # (key, English name, claims)
    actors: list[tuple[str, str, int]] = field(default_factory=list)
    claim_places: dict[str, list[str]] = field(default_factory=dict)
    claim_actors: dict[str, list[str]] = field(default_factory=dict)
    map_svg: Markup = field(default_factory=Markup)
    unmapped: list[str] = field(default_factory=list)


def _paragraphs(text: str, spans: list[tuple[int, int, str]]) -> list[list[Piece]]:
    """The article's non-empty lines (stripped) as pieces, each span's text wrapped by token.

    Overlapping spans split into segments at every boundary; a segment lists every span over it.
    """
    bounds = sorted({b for s, e, _ in spans for b in (s, e)})
    anchored: set[str] = set()
    paragraphs: list[list[Piece]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.strip()
        if body:
            lo = pos + line.index(body[0])
            hi = lo + len(body)
            cuts = [lo, *(b for b in bounds[bisect.bisect_right(bounds, lo):bisect.bisect_left(bounds, hi)]), hi]
            pieces: list[Piece] = []
            for a, b in itertools.pairwise(cuts):
                tokens = [tok for s, e, tok in spans if s <= a and b <= e]
                ev = " ".join(tokens)
                if pieces and pieces[-1].ev == ev:
                    pieces[-1] = Piece(pieces[-1].text + text[a:b], ev, pieces[-1].anchors)
                else:
                    anchors = tuple(t for t in tokens if t not in anchored)
                    anchored.update(anchors)
                    pieces.append(Piece(text[a:b], ev, anchors))
            paragraphs.append(pieces)
        pos += len(line)
    return paragraphs


def _review(briefing: Briefing, include_originals: bool) -> _Review:
    review = _Review()
    texts = {a.id: a.text for a in briefing.articles}
    spans: dict[str, list[tuple[int, int, str]]] = {}
    n = 0
    for claim in briefing.claims():
        refs: list[tuple[str, str | None]] = []
        for ev in claim.evidence:
            n += 1
            token = f"e{n}"
            aid = ev.article_id or claim.article_id
            if ev.start is not None and ev.end is not None and aid in texts and ev.start < ev.end \
                    and not ev.in_title:
                for start, end in ev.parts or [(ev.start, ev.end)]:  # a quote with an ellipsis: each part
                    s, e = word_bounds(texts[aid], start, end)
                    spans.setdefault(aid, []).append((s, e, token))
                refs.append((token, aid))
            else:
                refs.append((token, None))
        review.evidence[claim.id] = refs
    if include_originals:
        review.originals = {a.id: _paragraphs(a.text, spans.get(a.id, [])) for a in briefing.articles}

    for facet in briefing.facets:  # computed in compose, stored in the JSON
        options = review.places if facet.kind == "place" else review.actors
        by_claim = review.claim_places if facet.kind == "place" else review.claim_actors
        options.append((facet.key, facet.name, len(facet.claim_ids)))
        for claim_id in facet.claim_ids:
            by_claim.setdefault(claim_id, []).append(facet.key)
    countries = set(outlines())
    dots: list[MapPlace] = []
    shaded: list[str] = []
    for facet in (f for f in briefing.facets if f.kind == "place"):
        if facet.registered and facet.name in countries:
            shaded.append(facet.name)
        elif facet.lat is None or facet.lon is None:
            review.unmapped.append(f"{facet.name} (no coordinates)")
        elif not in_region(facet.lon, facet.lat):
            review.unmapped.append(f"{facet.name} (outside the map)")
        else:
            dots.append(MapPlace(facet.name, facet.lat, facet.lon, len(facet.claim_ids), facet.key))
    review.map_svg = render_map(dots, shaded)
    return review


@cache
def _script(name: str) -> tuple[Markup, str]:
    """A page script (``review.js``, ``decide.js``) and its CSP source (``'sha256-...'``)."""
    text = (templates_dir() / name).read_text(encoding="utf-8")
    if "</" in text:
        raise RenderError(f"{name} may not contain '</'")
    return Markup(text), _csp_hash(text)


def _csp_hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


PDF_ORIGINALS_MAX = 10  # beyond this many articles the emailed PDF leaves the originals to the HTML
TOC_MAX_ENTRIES = 60  # story headlines in the contents, at most


def _contents(briefing: Briefing, sections: list[_SectionView], include_originals: bool,
              has_map: bool) -> list[tuple[str, str, int]]:
    """The table of contents: ``(anchor, text, level)`` in document order.

    Story headlines are listed under their sections up to ``TOC_MAX_ENTRIES`` of them; a whole day
    (a thousand stories, twenty pages of contents) lists its sections only, and the PDF's
    bookmarks still name every story."""
    out = [("#bluf", "Bottom line up front", 1)]
    if has_map:
        out.append(("#map", "Map", 1))
    stories = sum(len(view.summaries) for view in sections) <= TOC_MAX_ENTRIES
    for n, view in enumerate(sections, start=1):
        out.append((f"#section-{n}", view.heading, 1))
        if stories:
            out += [(f"#summary-{s.article_id}", s.headline_en, 2) for s in view.summaries]
    for present, anchor, text in (
        (briefing.failed, "#not-summarized", "Not summarized"),
        (briefing.other_reports, "#other-reports", "Other reports"),
        (True, "#sources", "Sources"),
        (True, "#methodology", "Methodology"),
        (briefing.unregistered_names, "#unregistered-names", "Names not in the registry"),
        (briefing.input_problems, "#input-problems", "Input problems"),
    ):
        if present:
            out.append((anchor, text, 1))
    if briefing.articles:
        out.append(("#originals", "Appendix: Original articles" if include_originals else "Original articles", 1))
        if include_originals and len(briefing.articles) <= TOC_MAX_ENTRIES:
            out += [(f"#article-{a.id}", a.title or a.origin, 2) for a in briefing.articles]
    return out


DIGEST_PAGES = DEFAULTS.run.digest_pages  # A4 pages the emailed digest aims at
DIGEST_LINES = 40  # one-line reports in the digest; the rest are counted


def render_html(briefing: Briefing, *, include_originals: bool = True, toc: bool = True) -> str:
    """The briefing as one self-contained HTML document: the emailed text, and the review page.

    ``include_originals`` embeds the original articles with the evidence highlighted; ``toc`` adds
    the table of contents. The map and the filters come from the briefing's facets (compose).
    """
    context = _context(briefing, include_originals, toc)
    return _page(_labelled(context), "briefing.html", context, "the HTML briefing")


@dataclass(frozen=True)
class Deciding:
    """What the review server adds to the page: its token (sent back with every request), the
    reviewer's name, and the decision items' ids (``review.items``) in the page's order."""

    token: str
    reviewer: str
    bluf_ids: list[str]


def render_decide_page(briefing: Briefing, deciding: Deciding) -> str:
    """The review page served by ``briefing review``: the full briefing with the controls to approve,
    reject and edit each claim and bottom-line sentence (``decide.js``). Its CSP lets the page
    talk to its own server only."""
    context = {**_context(briefing, True, True), "deciding": deciding}
    return _page(_labelled(context), "briefing.html", context, "the review page", decide=True)


def _labelled(context: dict[str, Any]) -> jinja2.Environment:
    """The environment with a ``label`` filter: a claim id -> its number in the page (2.1)."""
    env = environment()
    labels = context["claim_labels"]
    env.filters["label"] = lambda claim_id: labels.get(claim_id, "")
    return env


def _context(briefing: Briefing, include_originals: bool, toc: bool) -> dict[str, Any]:
    sections = _sections(briefing)
    claim_labels: dict[str, str] = {}
    for n, summary in enumerate((s for v in sections for s in v.summaries), start=1):
        for k, claim in enumerate(summary.claims, start=1):
            claim_labels[claim.id] = f"{n}.{k}"
    claims = briefing.claims()
    date_text = long_date(briefing.date)
    review = _review(briefing, include_originals)
    context: dict[str, Any] = {
        "briefing": briefing,
        "sections": sections,
        "claim_labels": claim_labels,
        "sources": {s.article_id: s for s in briefing.sources},
        "articles": {a.id: a for a in briefing.articles},
        "date_text": date_text,
        "include_originals": include_originals,
        "review": review,
        "contents": _contents(briefing, sections, include_originals, bool(review.map_svg)) if toc else [],
        "stats": {
            "claims": len(claims),
            "verified": sum(c.status == "verified" for c in claims),
            "supported": sum(c.status == "supported" for c in claims),
            "unverified": sum(c.status == "unverified" for c in claims),
            "unchecked": sum(c.status == "unchecked" for c in claims),
        },
        "deciding": None,
    }
    return context


def _page(env: jinja2.Environment, template: str, context: dict[str, Any], what: str, *,
          decide: bool = False) -> str:
    """A self-contained page: its CSS inline, the review script (and with ``decide`` the review
    server's), a CSP allowing just those (and with ``decide`` requests to the page's own server)."""
    try:
        css = env.get_template("briefing.css").render(context)
        script, script_hash = _script("review.js")
        decide_script, decide_hash = _script("decide.js") if decide else (Markup(""), "")
        csp = (f"default-src 'none'; script-src {script_hash}{' ' + decide_hash if decide else ''}; "
               f"style-src {_csp_hash(css)}; img-src data:; base-uri 'none'; form-action 'none'"
               + ("; connect-src 'self'" if decide else ""))
        return env.get_template(template).render(context, css=Markup(css), script=script, csp=csp,
                                                 decide_script=decide_script)
    except jinja2.TemplateError as e:
        raise RenderError(f"could not render {what}: {e}") from e


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


def warm_up() -> None:
    """Start loading WeasyPrint and its fonts in the background (see ``pdf.warm_up``)."""
    from .pdf import warm_up as start

    start(refusing_fetcher)


def _write_pdf(html: str) -> tuple[bytes, int]:
    """The PDF and its number of pages (printed in parts when long: see ``pdf``)."""
    printed = print_pdf(html, refusing_fetcher())
    return printed.data, printed.pages


def render_pdf(html: str) -> bytes:
    """The HTML rendered to PDF by WeasyPrint, with every external fetch refused."""
    return _write_pdf(html)[0]


TOC_MIN_PAGES = 4  # a PDF this long or longer gets a table of contents
_CHARS_PER_PAGE = 3000  # rough, for guessing the length before laying it out


def _looks_long(briefing: Briefing, include_originals: bool) -> bool:
    chars = sum(len(s.summary_en) + 200 + sum(len(c.text_en) + 150 + sum(len(e.quote_ar) for e in c.evidence)
                                              for c in s.claims) for s in briefing.summaries)
    chars += 3000 if briefing.claims() else 0  # the map
    chars += 150 * len(briefing.sources) + 1500
    if include_originals:
        chars += sum(len(a.text) for a in briefing.articles) + _CHARS_PER_PAGE  # the appendix starts a page
    return chars >= (TOC_MIN_PAGES - 0.5) * _CHARS_PER_PAGE


def render_briefing_pdf(briefing: Briefing, *,
                        html: str | None = None) -> bytes:
    """The full briefing as a PDF (the emailed PDF is the digest): the HTML printed, with a table of
    contents when it runs to ``TOC_MIN_PAGES``.

    A whole day's originals (megabytes of Arabic) stay in the HTML. ``html``, when given, is
    ``render_html(briefing)`` already made, reused when it is what the PDF needs. The length is
    guessed first and the PDF laid out again only when the guess was wrong (near the threshold).
    """
    originals = len(briefing.articles) <= PDF_ORIGINALS_MAX
    toc = _looks_long(briefing, originals)

    def make(with_toc: bool) -> tuple[bytes, int]:
        if html is not None and originals and with_toc:
            return _write_pdf(html)
        return _write_pdf(render_html(briefing, include_originals=originals, toc=with_toc))

    pdf, pages = make(toc)
    if (pages >= TOC_MIN_PAGES) != toc:
        pdf, pages = make(not toc)
    return pdf


def review_line(briefing: Briefing) -> str:
    """Whether an analyst reviewed the briefing before it was sent, and what they decided."""
    r = briefing.methodology.review
    if r is None:
        return ("NOT REVIEWED: no analyst has approved these claims; each status is the automatic check's "
                "against the Arabic source.")
    when = f"{r.published_at:%Y-%m-%d %H:%M} UTC"
    return (f"Reviewed by {', '.join(r.reviewers) or 'nobody'} (published {when}): {r.approved} approved, "
            f"{r.edited} edited, {r.rejected} rejected" + (f", {r.undecided} not decided" if r.undecided else "")
            + (f"; {r.bluf_removed} bottom-line sentence(s) removed" if r.bluf_removed else "") + ".")


def render_digest_html(briefing: Briefing, *, evidence: bool = False, stories: int | None = None,
                       lines_max: int = DIGEST_LINES) -> str:
    """The digest, the edition that is emailed as the PDF: the bottom line, the top ``stories``
    (default: the briefing's ``digest_article_ids``) with their claims and a status mark each, and
    one line for each other report (at most ``lines_max``), grouped under the sections. Arabic
    evidence only with ``evidence``; otherwise each claim names its number in the full briefing."""
    sections = _sections(briefing)
    labels: dict[str, str] = {}
    for n, summary in enumerate((s for v in sections for s in v.summaries), start=1):
        for k, claim in enumerate(summary.claims, start=1):
            labels[claim.id] = f"{n}.{k}"
    by_id = {s.article_id: s for s in briefing.summaries}
    ids = [i for i in briefing.digest_article_ids if i in by_id] or [s.article_id for s in briefing.summaries]
    top = [by_id[i] for i in ids[:stories if stories is not None else len(ids)]]
    chosen = {s.article_id for s in top}
    groups: list[tuple[str, list[tuple[str, list[str]]]]] = []
    for view in sections:
        items = [(s.headline_en, s.outlets) for s in view.summaries if s.article_id not in chosen]
        if items:
            groups.append((view.heading, items))
    if briefing.other_reports:
        groups.append(("Below the cut", [(r.headline_en or r.headline_ar, r.outlets) for r in briefing.other_reports]))
    lines: list[tuple[str, list[tuple[str, list[str]]]]] = []
    room = lines_max
    for heading, items in groups:
        if room <= 0:
            break
        lines.append((heading, items[:room]))
        room -= len(items[:room])
    total_lines = sum(len(items) for _, items in groups)
    claims = [c for s in top for c in s.claims]
    context: dict[str, Any] = {
        "briefing": briefing, "top": top, "lines": lines, "more_lines": total_lines - (lines_max - max(room, 0)),
        "evidence": evidence, "date_text": long_date(briefing.date),
        "sources": {s.article_id: s for s in briefing.sources},
        "story_count": len(briefing.summaries) + len(briefing.failed) + len(briefing.other_reports),
        "review_line": review_line(briefing),
        "partial": (f"PARTIAL: {len(briefing.failed)} of {len(briefing.failed) + len(briefing.summaries)} stories "
                    "could not be summarized; see the full briefing") if briefing.failed else "",
        "stats": {"claims": len(claims), "verified": sum(c.status == "verified" for c in claims),
                  "supported": sum(c.status == "supported" for c in claims),
                  "unverified": sum(c.status in ("unverified", "unchecked") for c in claims)},
    }
    env = environment()
    env.filters["label"] = lambda claim_id: labels.get(claim_id, "")
    return _page(env, "digest.html", {**context, "review": _Review(), "include_originals": False, "deciding": None},
                 "the digest")


def render_digest_pdf(briefing: Briefing, *, evidence: bool = False,
                      pages: int | None = DIGEST_PAGES) -> tuple[bytes, list[str]]:
    """The digest PDF within ``pages`` (None: no budget): when it runs longer, fewer top stories
    (the rest become one line each), at most four layouts. Returns the PDF and the stories in it."""
    ids = [i for i in briefing.digest_article_ids if briefing.summary(i) is not None] \
        or [s.article_id for s in briefing.summaries]
    count = len(ids)
    for _ in range(4):
        pdf, n_pages = _write_pdf(render_digest_html(briefing, evidence=evidence, stories=count))
        if pages is None or n_pages <= pages or count <= 1:
            break
        count = max(1, min(count - 1, int(count * pages / n_pages)))
    return pdf, ids[:count]


def render_json(briefing: Briefing) -> str:
    """The briefing as indented JSON, Arabic left unescaped."""
    return briefing.model_dump_json(indent=2) + "\n"


def render_format(briefing: Briefing, fmt: str, *, digest_evidence: bool = False,
                  digest_pages: int | None = DIGEST_PAGES) -> tuple[bytes, Briefing]:
    """One format as bytes, and the briefing (the PDF names the stories it kept in
    ``digest_article_ids``, for the JSON after it): ``html`` the full briefing (the analyst's
    review page), ``pdf`` the digest (what is emailed), ``json`` everything."""
    if fmt == "html":
        return render_html(briefing).encode("utf-8"), briefing
    if fmt == "pdf":
        pdf, kept = render_digest_pdf(briefing, evidence=digest_evidence, pages=digest_pages)
        return pdf, briefing.model_copy(update={"digest_article_ids": kept})
    if fmt == "json":
        return render_json(briefing).encode("utf-8"), briefing
    raise RenderError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")


def render(briefing: Briefing, formats: Collection[str], *, digest_evidence: bool = False,
           digest_pages: int | None = DIGEST_PAGES) -> dict[str, bytes]:
    """Each requested format as bytes, in the order html, pdf, json (see ``render_format``)."""
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise RenderError(f"unknown output format(s): {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    out: dict[str, bytes] = {}
    for fmt in (f for f in FORMATS if f in formats):
        out[fmt], briefing = render_format(briefing, fmt, digest_evidence=digest_evidence, digest_pages=digest_pages)
    return out
