"""The HTML briefing as a review page, in a real headless Chromium (Debian's, driven by Playwright).

The browser is the system one (``/usr/bin/chromium`` from the Debian package), launched with
background networking off; every request it makes is recorded and must be the page's own file.
A screenshot of the page with a claim's evidence highlighted goes to ``test-artifacts/``.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.models import Briefing, Claim, Evidence
from briefing.render import render_html, word_bounds

from .conftest import ARTIFACTS, SEEDS
from .test_render import make_briefing

pytestmark = pytest.mark.slow

INJECTED = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def _squash(text: str) -> str:
    """Without whitespace: a span that crosses a paragraph is highlighted in two marks, minus the newline."""
    return "".join(text.split())


class Page:
    """A page with every request and console message recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.console: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.goto(self.url, wait_until="load")

    def close(self) -> None:
        self.context.close()

    def check_offline(self) -> None:
        assert self.requests == [self.url], f"the page made requests: {self.requests}"
        assert not [m for m in self.console if "Content Security Policy" in m or m.startswith("pageerror")], \
            self.console


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Briefing, Path]:
    out = tmp_path_factory.mktemp("review")
    result = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", "2017-11-04", "--format", "json", "-q",
                                      "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    briefing = Briefing.model_validate_json((out / "briefing-2017-11-04.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    html = render_html(briefing)
    print(f"\nreview page: {len(html.encode('utf-8')):,} bytes, rendered in {time.perf_counter() - start:.2f}s")
    path = out / "briefing-2017-11-04.html"
    path.write_text(html, encoding="utf-8")
    return briefing, path


def _highlights(page: Any, claim_id: str) -> dict[str, str]:
    """Evidence token -> the text of the active marks carrying it, for the claim's tokens."""
    result: dict[str, str] = page.evaluate(
        """(id) => {
            const claim = document.getElementById("claim-" + id);
            const out = {};
            for (const t of claim.dataset.ev.split(" ")) {
                const marks = Array.from(document.querySelectorAll(`mark.active[data-ev~="${t}"]`));
                out[t] = marks.map(m => m.textContent).join("");
            }
            return out;
        }""",
        claim_id,
    )
    return result


def test_click_claim_highlights_its_evidence(sample: tuple[Briefing, Path], browser: Any) -> None:
    briefing, path = sample
    texts = {a.id: a.text for a in briefing.articles}
    started = time.perf_counter()
    view = Page(browser, path)
    page = view.page
    try:
        assert page.evaluate("document.documentElement.classList.contains('review')")  # the script ran (CSP hash)
        assert page.is_visible("#review-bar")
        assert page.text_content("#f-count") == "20 claims"
        assert not page.evaluate("document.documentElement.classList.contains('source-open')")
        exact = 0
        for claim in briefing.claims():
            page.click(f"#claim-{claim.id} .claim-text")
            article_id = claim.evidence[0].article_id or claim.article_id
            assert page.is_visible(f"#article-{article_id}")  # the source opened beside the claims
            assert page.evaluate("document.querySelectorAll('.original-article.current').length") == 1
            highlighted = _highlights(page, claim.id)
            assert len(highlighted) == len(claim.evidence)
            for ev, text in zip(claim.evidence, highlighted.values(), strict=True):
                assert ev.start is not None and ev.end is not None
                source = texts[ev.article_id or claim.article_id]
                s, e = word_bounds(source, ev.start, ev.end)
                # the highlight is the evidence widened to whole words, nothing more
                assert _squash(text) == _squash(source[s:e])
                assert _squash(ev.quote_ar) in _squash(text)
                exact += _squash(text) == _squash(ev.quote_ar)
            # the first highlighted span is scrolled into the panel's view
            assert page.evaluate("""() => { const r = document.querySelector('mark.active').getBoundingClientRect();
                                     return r.top >= 0 && r.bottom <= window.innerHeight; }""")
        evidence = sum(len(c.evidence) for c in briefing.claims())
        assert exact >= evidence - 3, f"only {exact} of {evidence} highlights equal their quote exactly"

        # a claim in the second article, its source panel and the screenshot
        target = briefing.summaries[1].claims[1]
        page.click(f"#claim-{target.id} .claim-text")
        assert "Evidence of claim" in (page.text_content("#panel-claim") or "")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "review-page.png"))
        page.keyboard.press("Escape")
        assert page.evaluate("document.querySelectorAll('mark.active').length") == 0
        assert page.is_visible("#originals")  # back in the flow, at the end of the page
        view.check_offline()
    finally:
        view.close()
    print(f"browser test (20 claims clicked): {time.perf_counter() - started:.2f}s")


def _visible_claims(page: Any) -> list[str]:
    ids: list[str] = page.evaluate(
        "Array.from(document.querySelectorAll('li.claim')).filter(c => c.offsetParent !== null).map(c => c.id)")
    return [i.removeprefix("claim-") for i in ids]


def _option(page: Any, select: str, name: str) -> str:
    value: str = page.evaluate(
        """([sel, name]) => Array.from(document.querySelectorAll(sel + " option"))
               .find(o => o.textContent.startsWith(name + " (")).value""", [select, name])
    return value


def test_filters_by_status_place_and_actor(sample: tuple[Briefing, Path], browser: Any) -> None:
    briefing, path = sample
    view = Page(browser, path)
    page = view.page
    try:
        assert len(_visible_claims(page)) == 20
        page.check("#f-unverified")
        assert _visible_claims(page) == []  # every sample claim is verified
        assert page.text_content("#f-count") == "Showing 0 of 20 claims"
        assert not page.is_visible(".summary")  # summaries without a matching claim are hidden
        page.uncheck("#f-unverified")

        page.select_option("#f-place", _option(page, "#f-place", "Al-Bukamal"))
        shown = _visible_claims(page)
        assert 0 < len(shown) < 20
        by_id = {c.id: c for c in briefing.claims()}
        for cid in shown:  # each names Al-Bukamal in its English or its Arabic evidence
            claim = by_id[cid]
            arabic = " ".join(e.quote_ar for e in claim.evidence)
            assert "Bukamal" in claim.text_en or "البوكمال" in arabic or "أبو كمال" in arabic, claim.text_en
        assert page.evaluate("document.querySelectorAll('svg.map g.place.chosen').length") == 1

        page.click("#f-reset")
        page.select_option("#f-actor", _option(page, "#f-actor", "Kataib Hezbollah"))
        shown = _visible_claims(page)
        assert shown and all("Kataib Hezbollah" in by_id[c].text_en or "كتائب حزب الله" in
                             " ".join(e.quote_ar for e in by_id[c].evidence) for c in shown)
        page.click("#f-reset")
        assert len(_visible_claims(page)) == 20

        # a click on a map dot filters by its place
        page.click("svg.map g.place[data-name='Rawa'] circle")
        assert page.input_value("#f-place") == _option(page, "#f-place", "Rawa")
        assert 0 < len(_visible_claims(page)) < 20
        view.check_offline()
    finally:
        view.close()


def _injected_briefing() -> Briefing:
    """The test_render briefing with script and an onerror image in an article text and a claim."""
    b = make_briefing()
    article = b.articles[0]
    text = article.text + f"ملاحظة {INJECTED} نهاية.\n"
    quote = "ملاحظة"
    start = text.index(quote)
    extra = Claim(id=f"{article.id}-c9", article_id=article.id, text_en=f"Injected {INJECTED}",
                  evidence=[Evidence(quote_ar=f"{quote} {INJECTED}", start=start, end=len(text) - 7)],
                  status="unverified", problems=[INJECTED])
    summary = b.summaries[0]
    summary = summary.model_copy(update={"claims": [*summary.claims, extra], "headline_en": INJECTED})
    return b.model_copy(update={
        "articles": [article.model_copy(update={"text": text}), *b.articles[1:]],
        "summaries": [summary, *b.summaries[1:]],
        "title": f"Injected {INJECTED}",
        "date": dt.date(2017, 11, 4),
    })


def test_injected_markup_never_runs(browser: Any, tmp_path: Path) -> None:
    briefing = _injected_briefing()
    html = render_html(briefing)
    assert html.count("<script") == 1 and "<img" not in html
    path = tmp_path / "injected.html"
    path.write_text(html, encoding="utf-8")
    view = Page(browser, path)
    page = view.page
    try:
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.scripts.length") == 1
        # the injected text is shown as text, in the claim and in the highlighted source
        extra = briefing.summaries[0].claims[-1]
        assert INJECTED in (page.text_content(f"#claim-{extra.id} .claim-text") or "")
        page.click(f"#claim-{extra.id} .claim-text")
        marked = _highlights(page, extra.id)
        assert INJECTED in next(iter(marked.values()))
        page.check("#f-unverified")
        visible = set(_visible_claims(page))
        assert visible == {c.id for c in briefing.claims() if c.status != "verified"}
        assert extra.id in visible
        assert page.evaluate("typeof window.__pwned") == "undefined"
        view.check_offline()
    finally:
        view.close()


def test_csp_blocks_a_script_that_slipped_in(browser: Any, tmp_path: Path) -> None:
    """Defence in depth: were a script tag ever to reach the page, the CSP would not run it."""
    html = render_html(make_briefing())
    html = html.replace("</body>", "<script>window.__pwned=3</script>\n</body>", 1)
    path = tmp_path / "tampered.html"
    path.write_text(html, encoding="utf-8")
    view = Page(browser, path)
    try:
        assert view.page.evaluate("typeof window.__pwned") == "undefined"
        assert view.page.evaluate("document.documentElement.classList.contains('review')")  # ours still runs
        assert any("Content Security Policy" in m for m in view.console)
        assert view.requests == [view.url]
    finally:
        view.close()


def test_arabic_is_rtl_in_the_browser(sample: tuple[Briefing, Path], browser: Any) -> None:
    _, path = sample
    view = Page(browser, path)
    try:
        dirs = view.page.evaluate("""() => ({
            quote: getComputedStyle(document.querySelector('blockquote.ar')).direction,
            original: getComputedStyle(document.querySelector('.original')).direction,
            font: getComputedStyle(document.querySelector('.original')).fontFamily })""")
        assert dirs["quote"] == "rtl" and dirs["original"] == "rtl"
        assert re.match(r'"?Noto Naskh Arabic', dirs["font"])
    finally:
        view.close()
