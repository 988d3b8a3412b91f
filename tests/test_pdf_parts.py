"""A long briefing is printed in parts (bounded memory) and joined: same pages, numbers, contents."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from briefing import api
from briefing.pdf import print_pdf, split_html
from briefing.render import refusing_fetcher, render_html

from .conftest import SEEDS


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("out")
    settings = api.settings_from_cassette(SEEDS / "sample-run.yaml")
    options = api.GenerateOptions(date=dt.date(2017, 11, 4), out_dir=out, formats=("json",),
                                  replay=SEEDS / "sample-run.yaml")
    return render_html(api.generate([SEEDS], settings, options).briefing)


def _text(pdf: bytes, tmp: Path) -> str:
    path = tmp / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _contents(text: str) -> list[tuple[str, str]]:
    block = text.split("Contents", 1)[1].split("\f", 1)[0]
    return re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", block, re.M)


def test_split_keeps_every_block_once_and_ids_unique(sample_html: str) -> None:
    (_, head), bodies = split_html(sample_html, 30_000)
    assert len(bodies) >= 3 and "<style>" in head
    joined = "".join(bodies)
    ids = re.findall(r'\sid="([^"]+)"', joined)
    assert len(ids) == len(set(ids))  # continuations of a split block do not repeat its id
    for anchor in ("bluf", "contents", "section-1", "sources", "methodology", "originals"):
        assert f'id="{anchor}"' in joined
    assert "<script" not in joined  # nothing to print; it would only add a blank page
    # the front matter, ending with the table of contents, is a part of its own
    assert bodies[0].rstrip().endswith("</nav>")


@pytest.mark.slow
def test_parts_print_like_one_document(sample_html: str, tmp_path: Path) -> None:
    whole = print_pdf(sample_html, refusing_fetcher())
    parted = print_pdf(sample_html, refusing_fetcher(), part_bytes=30_000)
    assert whole.parts == 1 and parted.parts >= 3
    assert parted.pages == whole.pages
    text = _text(parted.data, tmp_path)
    pages = text.split("\f")[: parted.pages]
    for n, page in enumerate(pages, start=1):  # every page numbered, out of the whole
        assert f"Page {n} of {parted.pages}" in page
    # the contents of the parted PDF give the same pages as WeasyPrint's own target-counter()
    assert _contents(text) == _contents(_text(whole.data, tmp_path))
    assert len(_contents(text)) >= 8
    # bookmarks (PDF outline) and the title survive the join
    pdf = pikepdf.open(io.BytesIO(parted.data))
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
        assert any("Al-Qaim" in t for t in titles)
    assert "Al-Qaim" in str(pdf.docinfo["/Title"])
    assert [b[1:] for b in parted.bookmarks] == [b[1:] for b in whole.bookmarks]
