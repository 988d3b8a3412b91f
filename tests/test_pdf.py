"""The sample run's PDF, read back with poppler: text in logical order, metadata, contents, page 1 not blank."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import time
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.render import TOC_MIN_PAGES, render_briefing_pdf

from .conftest import SEEDS
from .test_render import make_briefing

pytestmark = [
    pytest.mark.filterwarnings("ignore:HarfBuzz-Subset will be required:DeprecationWarning"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed"),
]


def _squash(text: str) -> str:
    """NFKC (pdftotext may give presentation forms), no whitespace, no bidi marks (U+202B ... U+202C)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf")


def _words(text: str) -> str:
    return " ".join(text.split())


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("pdf")
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", "2017-11-04", "--format", "pdf,json", "-q",
                                      "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    # the full briefing printed (the emailed PDF is the digest, tested below)
    from briefing.api import load_briefing

    data_path = out / "briefing-2017-11-04.json"
    pdf = out / "briefing-2017-11-04-full.pdf"
    pdf.write_bytes(render_briefing_pdf(load_briefing(data_path)))
    print(f"\nsample PDF: {pdf.stat().st_size:,} bytes, generated in {time.perf_counter() - start:.1f}s")
    return pdf, json.loads(data_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def digest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample's emailed PDF, the digest: as it is by default, and with its Arabic evidence."""
    out: dict[str, Path] = {}
    for name, flags in (("plain", []), ("evidence", ["--digest-evidence"])):
        folder = tmp_path_factory.mktemp(f"digest-{name}")
        result = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", "2017-11-04", "--format", "pdf,json",
                                          "-q", "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(folder),
                                          *flags])
        assert result.exit_code == 0, result.output
        out[name] = folder
    return out


def test_digest_is_short_with_a_mark_per_claim_and_its_evidence_by_reference(digest: dict[str, Path]) -> None:
    folder = digest["plain"]
    pdf = folder / "briefing-2017-11-04.pdf"
    data = json.loads((folder / "briefing-2017-11-04.json").read_text(encoding="utf-8"))
    assert _pages(pdf) <= 3  # the full briefing of the same two articles is 12 pages
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info  # printed on A4
    text = _words(_pdftotext(pdf))
    assert "bottom line up front" in text.lower() and "top stories" in text.lower() and _words(data["title"]) in text
    claims = [c for s in data["summaries"] for c in s["claims"]]
    assert text.count("VERIFIED") >= len(claims)  # a status mark for every claim
    assert text.count("in the full briefing)") == len(claims)
    assert data["digest_article_ids"] == [s["article_id"] for s in data["summaries"]]
    arabic = [ev["quote_ar"] for c in claims for ev in c["evidence"]]
    plain = _squash(_pdftotext(pdf))
    assert not any(_squash(q) in plain for q in arabic)  # no Arabic evidence unless asked for


def test_digest_with_evidence_has_every_model_quote_in_logical_order(digest: dict[str, Path]) -> None:
    folder = digest["evidence"]
    pdf = folder / "briefing-2017-11-04.pdf"
    data = json.loads((folder / "briefing-2017-11-04.json").read_text(encoding="utf-8"))
    quotes = [ev["quote_ar"] for s in data["summaries"] for c in s["claims"] for ev in c["evidence"]
              if not ev["added_by_check"]]
    text = _letters(_reading_order(pdf, {_squash(data["title"]), _squash("4 November 2017")}))
    missing = [q for q in quotes if _letters(q) not in text]
    assert not missing, f"{len(missing)} of {len(quotes)} quotes not found in logical order: {missing[:3]}"


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


_AR = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def _letters(text: str) -> str:
    """Letters and digits only. pdftotext splits the Allah ligature as اهلل; punctuation next to an
    RTL/LTR boundary and combining marks come out in its own order, so they are left out."""
    text = unicodedata.normalize("NFKC", text).replace("اهلل", "الله")
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def _reading_order(pdf: Path, running: set[str]) -> str:
    """The text rebuilt from pdftotext's word boxes: lines top to bottom, Arabic lines right to left.

    In ``-bbox`` output each word's characters are in visual order; an Arabic word is reversed back
    to logical order (its digit runs kept left to right). Running headers and footers are dropped.
    """
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", raw).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    out: list[str] = []
    for page in root.iter("page"):
        lines: list[tuple[float, list[tuple[float, str]]]] = []
        boxes = [((float(w.get("yMin", 0)) + float(w.get("yMax", 0))) / 2, float(w.get("xMin", 0)), w.text or "")
                 for w in page.iter("word")]
        for mid, x, word in sorted(boxes):
            if lines and abs(lines[-1][0] - mid) < 3:
                lines[-1][1].append((x, word))
            else:
                lines.append((mid, [(x, word)]))
        for _, words in lines:
            rtl = 2 * sum(bool(_AR.search(w)) for _, w in words) > len(words)
            words.sort(reverse=rtl)
            line = " ".join(
                re.sub(r"[0-9.]+", lambda m: m.group()[::-1], w[::-1]) if _AR.search(w) else w for _, w in words)
            if _squash(line) not in running and not re.fullmatch(r"Page\d+of\d+", _squash(line)):
                out.append(line)
    return "\n".join(out)


def test_pdf_text_has_every_arabic_quote_in_logical_order(sample: tuple[Path, dict[str, Any]]) -> None:
    pdf, data = sample
    quotes = [ev["quote_ar"] for s in data["summaries"] for c in s["claims"] for ev in c["evidence"]]
    assert len(quotes) >= 20
    text = _letters(_reading_order(pdf, {_squash(data["title"]), _squash("4 November 2017")}))
    missing = [q for q in quotes if _letters(q) not in text]
    assert not missing, f"{len(missing)} of {len(quotes)} quotes not found in logical order: {missing[:3]}"
    assert _letters(quotes[0])[::-1] not in text  # visual (reversed) order would not match
    # pdftotext's own reading order agrees, word for word and with punctuation, for most of them
    plain = _squash(_pdftotext(pdf))
    assert sum(_squash(q) in plain for q in quotes) >= len(quotes) // 2


def test_pdf_text_has_english_headlines_title_and_sections(sample: tuple[Path, dict[str, Any]]) -> None:
    pdf, data = sample
    text = _words(_pdftotext(pdf))
    for summary in data["summaries"]:
        assert _words(summary["headline_en"]) in text
    assert _words(data["title"]) in text
    for heading in ("Bottom line up front", "Contents", "Map", "Sources", "Methodology"):
        assert heading in text


def test_pdf_metadata_header_footer_and_contents(sample: tuple[Path, dict[str, Any]]) -> None:
    pdf, data = sample
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert f"Title:           {data['title']} — 4 November 2017" in info
    pages = _pages(pdf)
    assert pages >= TOC_MIN_PAGES
    for n in range(1, pages + 1):
        page = _pdftotext(pdf, "-f", str(n), "-l", str(n))
        assert f"Page {n} of {pages}" in page
        assert "4 November 2017" in page  # the date in every page's header
    # the contents give each section's page number, and they are right
    first = _pdftotext(pdf, "-f", "1", "-l", "1", "-layout")
    toc = {line.split(".")[0].strip(): line.split()[-1] for line in first.splitlines() if "....." in line}
    assert toc["Methodology"].isdigit()
    methodology_page = int(toc["Methodology"])
    assert "Methodology" in _pdftotext(pdf, "-f", str(methodology_page), "-l", str(methodology_page))
    # the map is drawn in the PDF: its labels are text
    assert "SYRIA" in _pdftotext(pdf) and "Al-Bukamal" in _pdftotext(pdf)


def test_pdf_page_one_is_not_blank(sample: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    image_module = pytest.importorskip("PIL.Image")
    pdf, _ = sample
    png = subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", str(pdf)], check=True,
                         capture_output=True).stdout
    image = image_module.open(io.BytesIO(png)).convert("L")
    (tmp_path / "page-1.png").write_bytes(png)
    pixels = list(image.tobytes())
    inked = sum(p < 200 for p in pixels) / len(pixels)
    dark = sum(p < 80 for p in pixels) / len(pixels)
    assert image.size[0] > 400 and image.size[1] > 600
    assert 0.02 < inked < 0.6, f"{inked:.1%} of page 1 is inked"
    assert dark > 0.005  # text, not just tint


def test_short_pdf_has_no_contents_and_long_one_has(tmp_path: Path) -> None:
    briefing = make_briefing()
    short = briefing.model_copy(update={"articles": [], "summaries": briefing.summaries[:1]})
    for name, b in (("short", short), ("long", briefing)):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(render_briefing_pdf(b))
        pages = _pages(path)
        assert ("Contents" in _pdftotext(path)) == (pages >= TOC_MIN_PAGES), (name, pages)
    assert _pages(tmp_path / "short.pdf") < TOC_MIN_PAGES
