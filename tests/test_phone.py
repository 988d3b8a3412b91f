"""The digest (the emailed PDF, and its HTML) and the email's HTML body on a phone: Debian's
Chromium at 390 px wide. Headings, status marks and the bottom line are legible without zoom
(at least 14 px), and nothing is wider than the screen. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefing.api import load_briefing
from briefing.cli import cli
from briefing.message import build_message
from briefing.render import render_digest_html

from .conftest import ARTIFACTS, SEEDS

pytestmark = pytest.mark.slow
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("phone")
    result = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", "2017-11-04", "--format", "pdf,json", "-q",
                                      "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    briefing = load_briefing(out / "briefing-2017-11-04.json")
    digest = out / "digest.html"
    digest.write_text(render_digest_html(briefing), encoding="utf-8")
    message = build_message(briefing, (out / "briefing-2017-11-04.pdf").read_bytes(), sender="desk@example.org",
                            recipients=["a@example.org"])
    body = out / "email.html"
    body.write_text(message.get_body(("html",)).get_content(), encoding="utf-8")  # type: ignore[union-attr]
    return {"digest": digest, "email": body}


SIZES = """(selector) => Array.from(document.querySelectorAll(selector)).map(
    e => parseFloat(getComputedStyle(e).fontSize))"""


@pytest.mark.parametrize("name", ["digest", "email"])
def test_legible_on_a_phone(pages: dict[str, Path], browser: Any, name: str) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, java_script_enabled=True)
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(pages[name].resolve().as_uri())
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{name}: {width} px wide on a {PHONE['width']} px screen"
    for selector in ("h1", "h2", "li"):
        sizes = page.evaluate(SIZES, selector)
        assert sizes and min(sizes) >= 14, (name, selector, sizes)
    if name == "digest":
        marks = page.evaluate(SIZES, ".badge")
        assert marks and min(marks) >= 10, marks  # the marks are words (VERIFIED), bold, in a box
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=False)
    context.close()
    shutil.copy(pages[name], ARTIFACTS / f"phone-{name}.html")
