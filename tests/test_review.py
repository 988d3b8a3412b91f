"""Review decisions (briefing review / publish): the store, the reviewed edition, the server's guards.

The browser flows are in tests/test_review_server.py (slow)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from briefing import api, review, server
from briefing.cli import cli
from briefing.models import Briefing
from briefing.registry import Registry

from .conftest import SEEDS

AT = dt.datetime(2017, 11, 4, 7, 30, tzinfo=dt.UTC)


def _claim(briefing: Briefing, n: int) -> Any:
    return briefing.claims()[n]


def test_decisions_are_saved_at_once_with_versions(reviewable: tuple[Path, Briefing]) -> None:
    path, briefing = reviewable
    store = review.ReviewStore(path, briefing)
    first = _claim(briefing, 0)
    saved = store.decide(first.id, "approve", reviewer="alice", at=AT, seen_version=0)
    assert saved.version == 1 and saved.before == first.text_en
    # a new store (a restarted server) reads the same decision from the file
    again = review.ReviewStore(path, briefing).latest()
    assert again[first.id].decision == "approve" and again[first.id].reviewer == "alice"
    log = json.loads(review.review_path(path).read_text(encoding="utf-8"))
    assert log["briefing"] == path.name and len(log["decisions"]) == 1
    # a second reviewer who loaded the page before alice saved gets a conflict, not an overwrite
    with pytest.raises(review.Conflict) as exc:
        review.ReviewStore(path, briefing).decide(first.id, "reject", reviewer="bob", at=AT, seen_version=0)
    assert exc.value.latest.reviewer == "alice"
    assert review.ReviewStore(path, briefing).latest()[first.id].decision == "approve"
    # deciding again on the version seen is allowed, and kept in the history
    store.decide(first.id, "reject", reviewer="bob", at=AT, seen_version=1, reason="  wrong town ")
    latest = store.latest()[first.id]
    assert (latest.decision, latest.version, latest.reason) == ("reject", 2, "wrong town")
    assert len(store.load().decisions) == 2


def test_an_edit_is_checked_like_generation(reviewable: tuple[Path, Briefing]) -> None:
    path, briefing = reviewable
    claim = next(c for c in briefing.claims() if "10 km" in c.text_en)
    store = review.ReviewStore(path, briefing)
    bad = store.decide(claim.id, "edit", reviewer="alice", at=AT, seen_version=0,
                       after=claim.text_en.replace("10 km", "40 km"))
    assert bad.status == "unverified" and any("40" in p for p in bad.problems)
    good = store.decide(claim.id, "edit", reviewer="alice", at=AT, seen_version=1,
                        after="Other military formations are now under 10 km from Al-Qaim.")
    assert good.status == "verified", good.problems


def test_reviewer_selected_arabic_counts_as_evidence(reviewable: tuple[Path, Briefing]) -> None:
    _, briefing = reviewable
    claim = next(c for c in briefing.claims() if "10 km" in c.text_en)
    article = next(a for a in briefing.articles if a.id == claim.article_id)
    status, problems = review.check(briefing, claim.id, claim.text_en + " Iraqi forces also took Tikrit.")
    assert status == "unverified" and any("Tikrit" in p for p in problems), problems  # nowhere in the article
    text = claim.text_en + " Iraqi forces also took Rutba."
    status, problems = review.check(briefing, claim.id, text)
    assert status == "supported", problems  # the article names Rutba elsewhere: verified with context
    assert "الرطبة" in article.text
    span = article.text[article.text.index("الرطبة") - 40:article.text.index("الرطبة") + 20]
    status, problems = review.check(briefing, claim.id, text, [span])
    assert "Rutba" not in " ".join(problems)  # the reviewer's selection is evidence of its own


def test_publish_drops_rejected_and_uses_edits(reviewable: tuple[Path, Briefing]) -> None:
    path, briefing = reviewable
    store = review.ReviewStore(path, briefing)
    point = briefing.bluf[0]
    rejected = point.claim_ids  # every claim a bottom-line sentence rests on
    for claim_id in rejected:
        store.decide(claim_id, "reject", reviewer="alice", at=AT, seen_version=0, reason="not in the source")
    edited = next(c for c in briefing.claims() if "10 km" in c.text_en)
    store.decide(edited.id, "edit", reviewer="alice", at=AT, seen_version=0,
                 after="Other military formations are now under 10 km from Al-Qaim.")
    paths = api.publish(path, published_at=AT)
    assert sorted(p.name for p in paths) == ["briefing-2017-11-04.reviewed.html", "briefing-2017-11-04.reviewed.json",
                                             "briefing-2017-11-04.reviewed.pdf"]
    reviewed = api.load_briefing(path.with_name("briefing-2017-11-04.reviewed.json"))
    ids = {c.id for c in reviewed.claims()}
    assert not ids & set(rejected)
    assert point.text_en not in [p.text_en for p in reviewed.bluf]  # it rested only on rejected claims
    new = next(c for c in reviewed.claims() if c.text_en.startswith("Other military formations are now under"))
    assert new.id != edited.id and new.status == "verified"  # other text, other id
    r = reviewed.methodology.review
    assert r is not None and (r.reviewers, r.rejected, r.edited, r.approved) == (["alice"], len(rejected), 1, 0)
    assert r.bluf_removed >= 1
    assert reviewed.methodology.claims_total == len(briefing.claims()) - len(rejected)
    pdf_text = subprocess.run(["pdftotext", str(path.with_name("briefing-2017-11-04.reviewed.pdf")), "-"],
                              capture_output=True, text=True, check=True).stdout
    assert "under 10 km" in " ".join(pdf_text.split())
    assert "Reviewed by alice" in " ".join(pdf_text.split())
    # the generated briefing itself is never changed
    assert api.load_briefing(path) == briefing


def test_publish_with_no_decision_is_refused(reviewable: tuple[Path, Briefing]) -> None:
    path, _ = reviewable
    result = CliRunner().invoke(cli, ["publish", str(path)])
    assert result.exit_code == 2 and "nothing to publish" in result.output


def test_a_stale_review_file_is_refused(reviewable: tuple[Path, Briefing]) -> None:
    path, briefing = reviewable
    review.ReviewStore(path, briefing).decide(briefing.claims()[0].id, "approve", reviewer="a", at=AT, seen_version=0)
    path.write_bytes(path.read_bytes().replace(b'"title"', b'"title" ', 1))  # generated again since
    with pytest.raises(Exception, match="another version"):
        review.ReviewStore(path, api.load_briefing(path)).load()


def _app(path: Path, briefing: Briefing, port: int = 8123) -> tuple[TestClient, server.ReviewServer]:
    rs = server.ReviewServer(briefing_path=path, briefing=briefing, reviewer="alice", token="s3cret-token", port=port,
                             clock=lambda: AT, registry=Registry.load(None),
                             publish=lambda p, at: api.publish(p, published_at=at))
    return TestClient(server.make_app(rs), base_url=f"http://127.0.0.1:{port}"), rs


def test_server_refuses_requests_without_the_token_or_from_elsewhere(reviewable: tuple[Path, Briefing]) -> None:
    path, briefing = reviewable
    client, rs = _app(path, briefing)
    claim_id = briefing.claims()[0].id
    body = {"item_id": claim_id, "decision": "approve", "seen_version": 0}
    ok = {"X-Briefing-Token": rs.token}
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    page = client.get(f"/?token={rs.token}")
    assert page.status_code == 200 and "connect-src &#39;self&#39;" in page.text and "decide-progress" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert client.post("/api/decision", json=body).status_code == 403
    assert client.post("/api/decision", json=body, headers={**ok, "Origin": "http://evil.example"}).status_code == 403
    assert client.post("/api/decision", json=body, headers={**ok, "Host": "evil.example:8123"}).status_code == 403
    form = client.post("/api/decision", content="item_id=x", headers={**ok, "Content-Type": "text/plain"})
    assert form.status_code == 415
    assert review.ReviewStore(path, briefing).latest() == {}  # none of those saved anything
    saved = client.post("/api/decision", json=body, headers={**ok, "Origin": f"http://127.0.0.1:{rs.port}"})
    assert saved.status_code == 200 and saved.json()["decision"]["reviewer"] == "alice"
    conflict = client.post("/api/decision", json=body, headers=ok)
    assert conflict.status_code == 409 and conflict.json()["latest"]["version"] == 1
    state = client.get("/api/state", headers=ok).json()
    assert (state["decided"], state["total"]) == (1, len(briefing.bluf) + len(briefing.claims()))
    assert client.get("/files/../../../etc/passwd", headers=ok).status_code in (403, 404)
    assert client.get("/files/%2e%2e/%2e%2e/etc/passwd", headers=ok).status_code == 403
    assert client.get(f"/files/{path.name}", headers=ok).status_code == 200
    bad = client.post("/api/decision", json={"item_id": "nope", "decision": "approve"}, headers=ok)
    assert bad.status_code == 400 and "no claim" in bad.json()["error"]


def test_server_check_shows_an_unverified_edit(reviewable: tuple[Path, Briefing]) -> None:
    path, briefing = reviewable
    client, rs = _app(path, briefing)
    claim = next(c for c in briefing.claims() if "10 km" in c.text_en)
    r = client.post("/api/check", json={"item_id": claim.id, "text_en": claim.text_en.replace("10", "75")},
                    headers={"X-Briefing-Token": rs.token})
    assert r.status_code == 200 and r.json()["status"] == "unverified"
    assert review.ReviewStore(path, briefing).latest() == {}  # a check saves nothing


def test_page_escapes_model_text(reviewable: tuple[Path, Briefing]) -> None:
    path, briefing = reviewable
    evil = '<img src=x onerror="alert(1)">'
    s = briefing.summaries[0]
    claims = [s.claims[0].model_copy(update={"text_en": evil}), *s.claims[1:]]
    hostile = briefing.model_copy(update={"summaries": [s.model_copy(update={"claims": claims}),
                                                        *briefing.summaries[1:]]})
    path.write_text(hostile.model_dump_json(), encoding="utf-8")
    client, rs = _app(path, api.load_briefing(path))
    page = client.get(f"/?token={rs.token}").text
    assert evil not in page and "&lt;img src=x" in page


def test_send_requires_review_and_prefers_the_reviewed_edition(reviewable: tuple[Path, Briefing],
                                                              tmp_path: Path) -> None:
    path, briefing = reviewable
    CliRunner().invoke(cli, ["render", str(path), "--out", str(path.parent), "--format", "pdf"])
    pdf = path.with_suffix(".pdf")
    assert pdf.exists()
    args = ["send", str(pdf), "--to", "desk@example.org", "--from", "bot@example.org"]
    refused = CliRunner().invoke(cli, [*args, "--require-review", "--dry-run", str(tmp_path / "a.eml")])
    assert refused.exit_code == 2 and "not reviewed" in refused.output
    unreviewed = CliRunner().invoke(cli, [*args, "--dry-run", str(tmp_path / "b.eml")])
    assert unreviewed.exit_code == 0, unreviewed.output
    assert "NOT REVIEWED" in (tmp_path / "b.eml").read_text(encoding="utf-8")
    review.ReviewStore(path, briefing).decide(briefing.claims()[0].id, "approve", reviewer="alice", at=AT,
                                              seen_version=0)
    api.publish(path, published_at=AT)
    sent = CliRunner().invoke(cli, [*args, "--require-review", "--dry-run", str(tmp_path / "c.eml")])
    assert sent.exit_code == 0, sent.output
    assert "reviewed edition" in sent.output
    eml = (tmp_path / "c.eml").read_text(encoding="utf-8")
    assert "Reviewed by alice" in eml and "NOT REVIEWED" not in eml
    gen = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", "2017-11-04", "--out", str(tmp_path / "g"),
                                   "--email", "--require-review"])
    assert gen.exit_code == 2 and "not reviewed" in gen.output
