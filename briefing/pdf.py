"""PDF printing for the render stage: WeasyPrint, in parts when the briefing is long.

WeasyPrint lays a whole document out in memory: a full day (1,300 stories, 450 pages) peaks near
1 GB. A long briefing is therefore printed in parts of about ``part_bytes`` of HTML each, one
after the other, and the parts are joined with pikepdf (qpdf):

* the body is split between top-level blocks; a block too big for one part is split between its
  children into shallow copies of itself (same tag and attributes), recursively, so every part is
  well-formed HTML with the full ``<head>`` (styles included);
* page numbers ("Page N of M") cannot be known inside a part, so parts are printed without their
  bottom margin boxes, and one overlay document of M empty pages, printed with the same CSS but
  only its bottom margin boxes, is stamped onto the joined pages;
* bookmarks (the PDF outline) of every part are kept, shifted to their place in the whole;
* ``page_of`` in the result maps each element id that starts a bookmark to its page (1-based),
  so a caller can print a table of contents with page numbers.

Every fetch is refused by ``fetcher``: the HTML is self-contained.
"""

from __future__ import annotations

import gc
import io
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import RenderError

PART_BYTES = 250_000  # HTML per part: about 60 pages, about 150 MB of WeasyPrint layout at its peak
_NO_BOTTOM = "<style>@page { @bottom-left { content: none } @bottom-center { content: none } " \
             "@bottom-right { content: none } }</style>"
_TOC_PAGES = "<style>nav a[data-page]::after { content: leader('.') attr(data-page) !important }</style>"
_NO_TOP = "<style>@page { @top-left { content: none } @top-center { content: none } " \
          "@top-right { content: none } }</style>"


@dataclass
class PrintedPdf:
    data: bytes
    pages: int
    parts: int
    bookmarks: list[tuple[str, int, int]] = field(default_factory=list)  # (label, level, page 1-based)


_warming: threading.Thread | None = None


def warm_up(fetcher: Callable[[], Any]) -> None:
    """Load WeasyPrint, Pango and the Arabic fonts in a background thread, once per process.

    Importing WeasyPrint and laying out the first Arabic line cost about 0.6 s of the 4-page digest's
    1.1 s; the pipeline starts this while it waits for the model, and ``print_pdf`` waits for it
    to finish (the thread never prints concurrently with a real print). ``fetcher`` makes the URL
    fetcher in the thread (making it imports WeasyPrint).
    """
    global _warming
    if _warming is None:
        _warming = threading.Thread(target=_warm, args=(fetcher,), name="briefing-pdf-warm-up", daemon=True)
        _warming.start()


def _warm(fetcher: Callable[[], Any]) -> None:
    try:
        import weasyprint  # type: ignore[import-untyped, unused-ignore]

        weasyprint.HTML(string='<p dir="rtl" lang="ar">نص عربي <b>Latin</b></p>', base_url=None,
                        url_fetcher=fetcher()).render()
    except Exception:  # a warm-up only: the real print reports what is wrong
        pass


def print_pdf(html: str, fetcher: Any, *, part_bytes: int = PART_BYTES) -> PrintedPdf:
    """The HTML printed to PDF; in parts (see the module docstring) when it is over ``part_bytes``."""
    if _warming is not None:
        _warming.join()
    import weasyprint  # type: ignore[import-untyped, unused-ignore]  # slow: import only for a PDF

    try:
        if len(html.encode("utf-8")) <= part_bytes:
            document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render()
            marks = _bookmarks(document, 0)
            return PrintedPdf(document.write_pdf(), len(document.pages), 1, marks)
        head, bodies = split_html(html, part_bytes)
        return _print_parts(weasyprint, head, bodies, fetcher)
    except RenderError:
        raise
    except Exception as e:  # WeasyPrint and qpdf raise many kinds; the caller needs one
        raise RenderError(f"could not render the PDF briefing: {e}") from e


@dataclass
class _Part:
    pdf: bytes
    pages: int
    marks: list[tuple[str, int, int]]  # page numbers within the part
    anchors: dict[str, int]  # element id -> page within the part


def _print_part(weasyprint: Any, html: str, fetcher: Any) -> _Part:
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render()
    anchors: dict[str, int] = {}
    for n, page in enumerate(document.pages):  # a box split over pages is an anchor on each: keep the first
        for name in page.anchors:
            anchors.setdefault(name, n + 1)
    part = _Part(document.write_pdf(), len(document.pages), _bookmarks(document, 0), anchors)
    del document  # the layout is the memory: free it before the next part (its boxes hold cycles)
    gc.collect()
    return part


_TOC_LINK = re.compile(r'<a href="#([^"]+)"')


def _numbered_toc(body: str, page_of: dict[str, int]) -> str:
    """Links of the table of contents (in the first ``<nav>``) with their page as ``data-page``."""
    start, end = body.find("<nav"), body.find("</nav>")
    if start == -1 or end == -1:
        return body
    nav = _TOC_LINK.sub(lambda m: f'<a href="#{m.group(1)}" data-page="{page_of.get(m.group(1), "")}"',
                        body[start:end])
    return body[:start] + nav + body[end:]


def _print_parts(weasyprint: Any, head: tuple[str, str], bodies: list[str], fetcher: Any) -> PrintedPdf:
    """Parts 2.. first, then part 1 (the front matter) with its table of contents numbered."""
    import pikepdf

    opening, head_html = head

    def page_html(body: str, extra: str) -> str:
        return f"{opening}<head>{head_html}{extra}</head><body>{body}</body></html>"

    first_body, rest = bodies[0], bodies[1:]
    guess = {m.group(1): 888 for m in _TOC_LINK.finditer(first_body)}  # wide as real numbers
    first = _print_part(weasyprint, page_html(_numbered_toc(first_body, guess), _NO_BOTTOM + _TOC_PAGES), fetcher)
    parts = [_print_part(weasyprint, page_html(body, _NO_BOTTOM), fetcher) for body in rest]
    for _ in range(3):  # numbering the contents may change the front matter's length (rarely)
        page_of = dict(first.anchors)
        offset = first.pages
        for part in parts:
            page_of.update({name: offset + n for name, n in part.anchors.items()})
            offset += part.pages
        again = _print_part(weasyprint, page_html(_numbered_toc(first_body, page_of), _NO_BOTTOM + _TOC_PAGES),
                            fetcher)
        settled, first = again.pages == first.pages, again
        if settled:
            break
    merged = pikepdf.Pdf.new()
    marks: list[tuple[str, int, int]] = []
    info: dict[str, Any] = {}
    for part in (first, *parts):
        marks += [(label, level, len(merged.pages) + n) for label, level, n in part.marks]
        source = pikepdf.open(io.BytesIO(part.pdf))
        info = info or {str(k): source.docinfo[k] for k in source.docinfo.keys()}  # noqa: SIM118
        merged.add_pages_from(source)  # keeps the part's internal links (named destinations)
    total = len(merged.pages)
    blank = "<div style=\"break-after: page\"></div>" * (total - 1) + "<div></div>"
    overlay = pikepdf.open(io.BytesIO(
        weasyprint.HTML(string=page_html(blank, _NO_TOP), base_url=None, url_fetcher=fetcher).write_pdf()))
    if len(overlay.pages) != total:
        raise RenderError(f"page numbering failed: {len(overlay.pages)} overlay pages for {total} pages")
    for page, numbers in zip(merged.pages, overlay.pages, strict=True):
        page.add_overlay(numbers, None)
    for key, value in info.items():  # title, creator, dates: plain strings
        merged.docinfo[key] = pikepdf.String(str(value))
    _outline(merged, marks)
    out = io.BytesIO()
    merged.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return PrintedPdf(out.getvalue(), total, len(bodies), marks)


def _bookmarks(document: Any, offset: int) -> list[tuple[str, int, int]]:
    """``(label, level, page)`` in order, with the CSS ``bookmark-level`` (not renumbered per part)."""
    return [(str(label), int(level), offset + n + 1)
            for n, page in enumerate(document.pages) for level, label, *_ in page.bookmarks]


def _outline(pdf: Any, marks: list[tuple[str, int, int]]) -> None:
    import pikepdf

    with pdf.open_outline() as outline:
        stack: list[tuple[int, list[Any]]] = [(0, outline.root)]
        for label, level, page in marks:
            while stack[-1][0] >= level:
                stack.pop()
            item = pikepdf.OutlineItem(label, page - 1)
            stack[-1][1].append(item)
            stack.append((level, item.children))


def split_html(html: str, part_bytes: int) -> tuple[tuple[str, str], list[str]]:
    """``((opening <html> tag, inner <head>), [body HTML of each part])``."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    head, body = root.find("head"), root.find("body")
    if head is None or body is None:
        raise RenderError("could not split the HTML for printing: no <head> or <body>")
    attrs = "".join(f' {k}="{_attr(v)}"' for k, v in root.attrib.items())
    head_html = (head.text or "") + "".join(_html(child) for child in head)
    for script in body.iter("script"):  # nothing to print; a part of scripts alone would be a blank page
        script.drop_tree()
    blocks = [piece for child in list(body) for piece in _pieces(child, part_bytes)]
    bodies: list[str] = []
    current: list[str] = []
    size = 0
    for block in blocks:
        text = _html(block)
        if current and size + len(text) > part_bytes:
            bodies.append("".join(current))
            current, size = [], 0
        current.append(text)
        size += len(text)
        if block.tag == "nav" and len(bodies) == 0:  # the front matter ends with the contents: a part alone
            bodies.append("".join(current))
            current, size = [], 0
    if current:
        bodies.append("".join(current))
    return (f"<!DOCTYPE html><html{attrs}>", head_html), bodies


def _pieces(element: Any, part_bytes: int) -> list[Any]:
    """The element itself, or shallow copies of it sharing out its children, each under the budget."""
    if len(element) == 0 or len(_html(element)) <= part_bytes:
        return [element]
    import lxml.html

    tail, element.tail = element.tail, None
    out: list[Any] = []
    current = lxml.html.Element(element.tag, attrib=dict(element.attrib))
    current.text = element.text
    size = 0
    for child in list(element):
        for piece in _pieces(child, part_bytes):
            n = len(_html(piece))
            if len(current) and size + n > part_bytes:
                out.append(current)
                current = lxml.html.Element(element.tag, attrib={k: v for k, v in element.attrib.items() if k != "id"})
                size = 0  # a continuation: same tag and attributes but the id (ids stay unique)
            current.append(piece)
            size += n
    out.append(current)
    out[-1].tail = tail
    return out


def _html(element: Any) -> str:
    import lxml.html

    return str(lxml.html.tostring(element, encoding="unicode", method="html"))


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
