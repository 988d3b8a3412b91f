"""`briefing review` in a real browser (Debian's Chromium, driven by Playwright): approve, reject
and edit, reload, a second tab, the server killed and restarted, publish. A screenshot of the page
mid-review goes to ``test-artifacts/review-server.png``."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.models import Briefing

from .conftest import ARTIFACTS, ROOT

pytestmark = pytest.mark.slow
expect = pytest.importorskip("playwright.sync_api").expect


class Server:
    """``briefing review JSON --no-browser`` in a child process; ``url`` is the one it printed."""

    def __init__(self, path: Path, reviewer: str = "alice") -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "briefing", "review", str(path), "--no-browser",
                                      "--reviewer", reviewer], cwd=ROOT, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"})
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:"), (line, self.proc.stderr.read() if self.proc.stderr else "")
        self.url = line
        self.base = line.split("/?token=")[0]
        self.token = line.split("token=")[1]
        for _ in range(100):  # uvicorn may take a moment after the socket is bound
            try:
                urllib.request.urlopen(f"{self.base}/api/state?token={self.token}", timeout=2).read()
                break
            except OSError:
                import time

                time.sleep(0.1)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for s in started:
        if s.proc.poll() is None:
            s.kill()


def _item(page: Any, item_id: str) -> Any:
    return page.locator(f'[data-item="{item_id}"]')


def _state(page: Any, item_id: str) -> str:
    return str(_item(page, item_id).locator(".decide-state").first.inner_text())


def test_review_in_the_browser(sample_json: Path, browser: Any, reviewable: tuple[Path, Briefing],
                               servers: list[Server]) -> None:
    path, briefing = reviewable
    claims = briefing.claims()
    approved, rejected = claims[0], claims[1]
    edited = next(c for c in claims if "10 km" in c.text_en)
    total = len(briefing.bluf) + len(claims)
    server = Server(path)
    servers.append(server)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server.url, wait_until="load")
    expect(page.locator("#decide-progress")).to_have_text(f"0 of {total} decided")

    # approve with the button
    _item(page, approved.id).locator(".decide-approve").click()
    expect(page.locator("#decide-progress")).to_have_text(f"1 of {total} decided")
    assert _state(page, approved.id).startswith("APPROVED by alice")

    # reject with the keyboard: focus the claim, r, a reason, Enter
    _item(page, rejected.id).focus()
    page.keyboard.press("r")
    page.keyboard.type("the quote says otherwise")
    page.keyboard.press("Enter")
    expect(page.locator("#decide-progress")).to_have_text(f"2 of {total} decided")
    assert _state(page, rejected.id) == "REJECTED by alice: the quote says otherwise"

    # edit: a number that is not in the evidence shows as unverified before saving
    item = _item(page, edited.id)
    item.locator(".decide-edit").click()
    box = item.locator(".decide-text")
    box.fill(edited.text_en.replace("10 km", "40 km"))
    item.locator(".decide-check").click()
    result = item.locator(".decide-check-result")
    expect(result).to_have_text(re.compile(r"^UNVERIFIED"))
    assert "40" in result.inner_text()
    box.fill("Other military formations are now under 10 km from Al-Qaim.")
    item.locator(".decide-check").click()
    expect(result).to_have_text(re.compile(r"^VERIFIED"))
    item.locator(".decide-save").click()
    expect(page.locator("#decide-progress")).to_have_text(f"3 of {total} decided")
    assert "EDITED by alice (VERIFIED): Other military formations are now under 10 km" in _state(page, edited.id)
    ARTIFACTS.mkdir(exist_ok=True)
    item.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "review-server.png"))

    # reload: every decision is still there; a second tab sees the same
    page.reload(wait_until="load")
    expect(page.locator("#decide-progress")).to_have_text(f"3 of {total} decided")
    assert _state(page, rejected.id).startswith("REJECTED")
    tab = context.new_page()
    tab.goto(server.url, wait_until="load")
    expect(tab.locator("#decide-progress")).to_have_text(f"3 of {total} decided")

    # a conflict: the second tab approves a claim, the first (which loaded before) tries to reject it
    target = claims[2]
    page.reload(wait_until="load")
    expect(page.locator("#decide-progress")).to_have_text(f"3 of {total} decided")
    _item(tab, target.id).locator(".decide-approve").click()
    expect(tab.locator("#decide-progress")).to_have_text(f"4 of {total} decided")
    _item(page, target.id).locator(".decide-reject").click()
    _item(page, target.id).locator(".decide-reject-save").click()
    expect(_item(page, target.id).locator(".decide-state").first).to_have_text(re.compile(r"^Conflict"))
    assert json.loads(path.with_name("briefing-2017-11-04.review.json").read_text())["decisions"][-1]["decision"] \
        == "approve"

    # kill the server mid-review: a decision then says it was not saved (no uncaught error, the
    # page's periodic refresh included); start it again: everything saved is there (a new token)
    server.kill()
    _item(page, claims[3].id).locator(".decide-approve").click()
    expect(_item(page, claims[3].id).locator(".decide-state").first).to_have_text(
        re.compile(r"^Not saved: the review server is not reachable"))
    again = Server(path)
    servers.append(again)
    page.goto(again.url, wait_until="load")
    expect(page.locator("#decide-progress")).to_have_text(f"4 of {total} decided")
    assert "EDITED" in _state(page, edited.id)

    # publish from the page
    page.locator("#decide-publish").click()
    expect(page.locator("#decide-published")).to_have_text(re.compile(r"^Published"), timeout=30_000)
    links = page.locator("#decide-published a").all_inner_texts()
    assert "briefing-2017-11-04.reviewed.pdf" in links
    text = subprocess.run(["pdftotext", str(path.with_name("briefing-2017-11-04.reviewed.pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "under 10 km from Al-Qaim" in flat
    assert rejected.text_en[:60] not in flat
    assert "Reviewed by alice" in flat
    assert not errors, errors
    context.close()


def test_a_forged_request_is_refused(reviewable: tuple[Path, Briefing], servers: list[Server]) -> None:
    path, briefing = reviewable
    server = Server(path)
    servers.append(server)
    body = json.dumps({"item_id": briefing.claims()[0].id, "decision": "reject", "seen_version": 0}).encode()

    def post(headers: dict[str, str]) -> int:
        request = urllib.request.Request(f"{server.base}/api/decision", data=body, method="POST",
                                         headers={"Content-Type": "application/json", **headers})
        try:
            return int(urllib.request.urlopen(request, timeout=5).status)
        except urllib.error.HTTPError as e:
            return int(e.code)

    assert post({}) == 403
    assert post({"X-Briefing-Token": "guess"}) == 403
    assert post({"X-Briefing-Token": server.token, "Origin": "http://attacker.example"}) == 403
    assert not path.with_name("briefing-2017-11-04.review.json").exists()
    assert post({"X-Briefing-Token": server.token}) == 200
    assert re.search(r'"decision": "reject"', path.with_name("briefing-2017-11-04.review.json").read_text())
