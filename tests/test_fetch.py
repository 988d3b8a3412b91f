"""briefing fetch against a local news site (tests/support/feeds.py) built from real corpus days.

Every source here is on 127.0.0.1; ``_only_loopback`` refuses to run a sources file that names
another host, and conftest's network guard refuses any connection that is not loopback.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from briefing import fetch
from briefing.cli import cli
from briefing.sources import Source, load_sources

from .conftest import ROOT
from .support.feeds import NewsSite, corpus_days

CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
DAYS = [dt.date(2015, 7, d) for d in range(21, 28)]
NOW = dt.datetime(2015, 7, 28, 6, tzinfo=dt.UTC)

pytestmark = pytest.mark.skipif(not (CORPUS / "2015-07-21.zip").exists(), reason="the corpus is not here")


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    days = corpus_days([CORPUS / f"{d.isoformat()}.zip" for d in DAYS], per_day=4)
    with NewsSite(days, slow_s=2.0) as s:
        yield s


def _only_loopback(sources: list[Source]) -> list[Source]:
    hosts = {h for s in sources for h in s.hosts()}
    if hosts - {"127.0.0.1"}:
        raise RuntimeError(f"a test sources file names a host that is not 127.0.0.1: {sorted(hosts)}")
    return sources


def _source(site: NewsSite, name: str, path: str, **kw: object) -> Source:
    return Source(name=name, feed=site.url(path), allow_private_hosts=("127.0.0.1",), **kw)  # type: ignore[arg-type]


def _options(archive: Path, **kw: object) -> fetch.FetchOptions:
    return fetch.FetchOptions(archive=archive, now=NOW, per_host_delay_s=0.02, timeout_s=1.0, max_bytes=1_000_000,
                              **kw)  # type: ignore[arg-type]


def _lines(archive: Path) -> list[dict[str, object]]:
    return [json.loads(line) for p in sorted(archive.glob("*.jsonl")) for line in p.read_text().splitlines()]


def test_day_after_day_into_a_dated_archive_then_304(site: NewsSite, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    for n, day in enumerate(DAYS):  # RSS on some days, Atom on others; both feeds link to the same pages
        kind = "rss" if n % 2 == 0 else "atom"
        report = fetch.fetch(_only_loopback([_source(site, "outlet", f"/feeds/{day}.{kind}"),
                                             _source(site, "outlet again", f"/feeds/{day}.rss", outlet="outlet")]),
                             _options(archive))
        assert sum(s.new for s in report.sources) == 4 and sum(s.duplicates for s in report.sources) == 4, report
        assert not [f for s in report.sources for f in s.failures]
        assert report.new_by_day == {day.isoformat(): 4}
    assert sorted(p.name for p in archive.glob("*.jsonl")) == [f"{d}.jsonl" for d in DAYS]
    records = _lines(archive)
    assert len(records) == 28 and len({r["canonical_url"] for r in records}) == 28
    first = json.loads((archive / "2015-07-21.jsonl").read_text().splitlines()[0])
    assert first["published"] == "2015-07-21" and first["text"] and first["title"] and first["url"].startswith("http://127")
    # the same day again: the feeds answer 304 to the ETag sent back; nothing new, nothing failed
    before = len(site.requests("/feeds/2015-07-27"))
    again = fetch.fetch([_source(site, "outlet again", "/feeds/2015-07-27.rss")], _options(archive))
    assert (again.sources[0].not_modified, again.sources[0].new, again.sources[0].failures) == (1, 0, [])
    sent = site.requests("/feeds/2015-07-27")[before:]
    assert sent and sent[0]["headers"].get("If-None-Match")
    # generate reads the archive as it is: the day's file, the articles with their titles and dates
    from briefing.api import read_inputs

    corpus = read_inputs([archive / "2015-07-23.jsonl"])
    assert len(corpus.articles) == 4
    assert all(a.published == dt.date(2015, 7, 23) for a in corpus.articles)


def test_each_failure_has_its_reason_and_never_stops_the_others(site: NewsSite, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    names = {"slow": "/slow.rss", "500": "/500.rss", "bad": "/bad.rss", "loop": "/loop.rss",
             "error page": "/error-page.rss", "robots": "/private.rss", "big": "/big.rss", "english": "/english.rss"}
    sources = [_source(site, n, p) for n, p in names.items()] + [_source(site, "good", "/feeds/2015-07-21.rss")]
    start = time.monotonic()
    report = fetch.fetch(_only_loopback(sources), _options(archive))
    assert time.monotonic() - start < 10
    reasons = {s.name: " ".join(f.reason for f in s.failures) for s in report.sources}
    assert "timed out" in reasons["slow"]
    assert reasons["500"] == "HTTP 500"
    assert reasons["bad"].startswith("not a feed")
    assert "too many redirects" in reasons["loop"]
    assert "error page served as HTTP 200" in reasons["error page"]
    assert reasons["robots"] == "robots.txt disallows it"
    assert "too large" in reasons["big"]
    assert reasons["english"].startswith("not Arabic")
    good = next(s for s in report.sources if s.name == "good")
    assert (good.new, good.failures) == (4, [])
    assert not site.requests("/private/")  # robots.txt was read first; the page was never asked for
    saved = json.loads((archive / "fetch-report.json").read_text())
    assert {s["name"] for s in saved["sources"]} == set(names) | {"good"}


def test_private_addresses_are_refused_without_a_connection(site: NewsSite, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    ssrf = _source(site, "ssrf", "/ssrf.rss")
    not_allowed = Source(name="not allowed", feed=site.url("/feeds/2015-07-21.rss"))
    report = fetch.fetch([ssrf, not_allowed], _options(archive))
    reasons = [f.reason for s in report.sources for f in s.failures]
    assert any("10.0.0.1 is a private address" in r for r in reasons)
    assert any("169.254.169.254 is a link-local address" in r for r in reasons)
    assert any("::1 is a loopback address" in r for r in reasons)
    assert any("127.0.0.1 is a loopback address" in r for r in reasons)  # a source must allow its own host
    assert not _lines(archive)


def test_duplicates_and_repeated_items_are_archived_once(site: NewsSite, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    fetch.fetch([_source(site, "day", "/feeds/2015-07-21.rss")], _options(archive))
    report = fetch.fetch([_source(site, "day", "/dupes.rss", outlet="day")], _options(archive))
    assert (report.sources[0].new, report.sources[0].duplicates) == (0, 7)  # 3 + 3 repeats + 1 tracking link
    # the same texts at other URLs: from the same outlet, duplicates; from another outlet (a syndicated
    # copy), kept: clustering counts outlets
    same = fetch.fetch([_source(site, "day", "/syndicated.rss", outlet="day")], _options(archive))
    assert (same.sources[0].new, same.sources[0].duplicates) == (0, 4)
    other = fetch.fetch([_source(site, "other outlet", "/syndicated.rss")], _options(archive))
    assert (other.sources[0].new, other.sources[0].duplicates) == (4, 0)
    assert len(_lines(archive)) == 8


def test_a_windows_1256_page_is_read(site: NewsSite, tmp_path: Path) -> None:
    report = fetch.fetch([_source(site, "cp", "/cp1256.rss")], _options(tmp_path / "archive"))
    assert report.sources[0].new == 1, report.sources[0].failures
    text = str(_lines(tmp_path / "archive")[0]["text"])
    assert sum("\u0621" <= ch <= "\u064a" for ch in text) > 100


def test_an_interrupted_fetch_resumes_without_duplicates(site: NewsSite, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    sources = tmp_path / "sources.toml"
    sources.write_text("".join(f'[[source]]\nname = "d{d.day}"\nfeed = "{site.url(f"/feeds/{d}.rss")}"\n'
                               'allow_private_hosts = ["127.0.0.1"]\n\n' for d in DAYS), encoding="utf-8")
    _only_loopback(load_sources(sources))
    config = tmp_path / "desk.toml"
    config.write_text(f'[fetch]\nsources = "{sources}"\narchive = "{archive}"\nper_host_delay_s = 0.25\n'
                      'concurrency = 2\n', encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "briefing", "fetch", "--config", str(config)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(_lines(archive) if archive.exists() else []) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = len(_lines(archive))
    assert 3 <= partial < 28
    with (archive / "2015-07-21.jsonl").open("ab") as fh:  # as if killed in the middle of a line
        fh.write(b'{"title": "torn')
    result = CliRunner().invoke(cli, ["fetch", "--config", str(config)])
    assert result.exit_code == 0, result.output
    records = _lines(archive)
    assert len(records) == 28 and len({r["canonical_url"] for r in records}) == 28
    assert "torn by an interrupted fetch" in result.output


def test_fetch_exit_codes_and_report(site: NewsSite, tmp_path: Path) -> None:
    def run(*feeds: str) -> subprocess.CompletedProcess[str] | object:
        sources = tmp_path / "s.toml"
        sources.write_text("".join(f'[[source]]\nname = "s{n}"\nfeed = "{site.url(f)}"\n'
                                   'allow_private_hosts = ["127.0.0.1"]\n' for n, f in enumerate(feeds)))
        _only_loopback(load_sources(sources))
        config = tmp_path / "desk.toml"
        config.write_text("[fetch]\nper_host_delay_s = 0.02\ntimeout_s = 2\n")
        return CliRunner().invoke(cli, ["fetch", "--sources", str(sources), "--archive", str(tmp_path / "a"),
                                        "--config", str(config)])

    ok = run("/feeds/2015-07-24.rss")
    assert ok.exit_code == 0, ok.output  # type: ignore[attr-defined]
    assert "s0: 4 new, 0 not modified, 0 duplicate(s)" in ok.output  # type: ignore[attr-defined]
    partial = run("/feeds/2015-07-25.rss", "/500.rss")
    assert partial.exit_code == 3 and "failed: " in partial.output  # type: ignore[attr-defined]
    assert run("/500.rss").exit_code == 1  # type: ignore[attr-defined]


def test_since_and_the_desk_time_zone(site: NewsSite, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    report = fetch.fetch([_source(site, "a", "/feeds/2015-07-21.rss"), _source(site, "b", "/feeds/2015-07-22.rss")],
                         _options(archive, since=dt.date(2015, 7, 22)))
    assert [(s.new, s.old) for s in report.sources] == [(0, 4), (4, 0)]
    # published 09:00 in Riyadh = 06:00 UTC; in Honolulu (UTC-10) that is the evening before
    hawaii = fetch.fetch([_source(site, "c", "/feeds/2015-07-23.rss")],
                         _options(tmp_path / "hawaii", timezone="Pacific/Honolulu"))
    assert hawaii.new_by_day == {"2015-07-22": 4}


def test_sources_file_errors_name_the_source_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "x"\nfeed = "ftp://example.org/feed"\n[[source]]\nname = "y"\n')
    with pytest.raises(Exception) as exc:
        load_sources(bad)
    assert "source 1 (x): feed" in str(exc.value) and "source 2 (y)" in str(exc.value)


def test_the_example_sources_file_is_never_fetched_here() -> None:
    example = load_sources(ROOT / "docs" / "sources.example.toml")
    assert example and all(urlsplit(s.feed or s.pages[0]).scheme == "https" for s in example)
    with pytest.raises(RuntimeError):
        _only_loopback(example)


def test_generate_briefs_a_day_from_the_archive(site: NewsSite, tmp_path: Path) -> None:
    """The day fetched as scripts/record_archive_cassette.py fetched it, briefed from its cassette."""
    archive = tmp_path / "archive"
    report = fetch.fetch([_source(site, "outlet", "/feeds/2015-07-23.rss")], _options(archive))
    assert report.sources[0].new == 4
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["generate", "--archive", str(archive), "--date", "2015-07-23", "--out", str(out),
                                      "--format", "json", "--replay",
                                      str(ROOT / "tests" / "cassettes" / "archive-2015-07-23.yaml")])
    assert result.exit_code == 0, result.output
    briefing = json.loads((out / "briefing-2015-07-23.json").read_text(encoding="utf-8"))
    assert len(briefing["articles"]) == 4 and len(briefing["summaries"]) == 4
    assert {a["source"] for a in briefing["articles"]} == {"outlet"}
    claims = [c for s in briefing["summaries"] for c in s["claims"]]
    assert claims and all(c["status"] in ("verified", "supported") for c in claims)
    missing = CliRunner().invoke(cli, ["generate", "--archive", str(archive), "--date", "2015-07-30", "--out",
                                       str(out)])
    assert missing.exit_code == 2 and "no articles archived for 2015-07-30" in missing.output


def test_daily_fetches_briefs_records_and_locks(site: NewsSite, tmp_path: Path) -> None:
    from filelock import FileLock

    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "outlet"\nfeed = "{site.url("/feeds/2015-07-23.rss")}"\n'
                       'allow_private_hosts = ["127.0.0.1"]\n', encoding="utf-8")
    _only_loopback(load_sources(sources))
    config = tmp_path / "desk.toml"
    config.write_text(f'[fetch]\nsources = "{sources}"\narchive = "{tmp_path / "archive"}"\nper_host_delay_s = 0.02\n'
                      f'[desk]\nstore = "{tmp_path / "store.sqlite"}"\nout = "{tmp_path / "out"}"\n'
                      'timezone = "Asia/Riyadh"\nemail_group = "desk"\nrequire_review = true\n', encoding="utf-8")
    cassette = ROOT / "tests" / "cassettes" / "archive-2015-07-23.yaml"
    args = ["daily", "--config", str(config), "--date", "2015-07-23", "--replay", str(cassette)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "outlet: 4 new" in result.output
    assert "not emailing: [desk] require_review is set" in result.output  # briefed and written, not sent
    out = tmp_path / "out"
    assert (out / "briefing-2015-07-23.html").exists() and (out / "index.html").exists()
    import sqlite3

    db = sqlite3.connect(tmp_path / "store.sqlite")
    assert db.execute("SELECT day FROM runs").fetchall() == [("2015-07-23",)]
    with FileLock(str(tmp_path / "store.sqlite") + ".lock"):  # a run already under way
        locked = CliRunner().invoke(cli, args)
    assert locked.exit_code == 6 and "another `briefing daily` is running" in locked.output


def test_a_full_text_feed_and_a_list_of_pages(site: NewsSite, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    first = sorted(site.days)[0]
    full = Source(name="full text", feed=site.url("/fulltext.rss"), content="feed", allow_private_hosts=("127.0.0.1",))
    pages = Source(name="pages", pages=tuple(site.url(f"/a/{a.id}.html") for a in site.days[first][:2]),
                   outlet="pages outlet", allow_private_hosts=("127.0.0.1",))
    before = len(site.requests("/ft/"))
    report = fetch.fetch([full, pages], _options(archive))
    assert [(s.name, s.new, s.failures) for s in report.sources] == [("full text", 4, []), ("pages", 2, [])]
    assert len(site.requests("/ft/")) == before  # the feed's own text: its links are never fetched
    records = _lines(archive)
    texts = {r["source"]: r["text"] for r in records}
    assert sum("\u0621" <= ch <= "\u064a" for ch in str(texts["full text"])) > 100
    # the pages again: they send no ETag, so they are fetched again and found already archived
    again = fetch.fetch([pages], _options(archive))
    assert (again.sources[0].new, again.sources[0].duplicates) == (0, 2)


def test_one_bad_item_fails_alone_and_the_feed_is_read_again(site: NewsSite, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    source = _source(site, "gz", "/badgzip.rss")
    report = fetch.fetch([source], _options(archive))
    (s,) = report.sources
    assert s.new == 2 and len(s.failures) == 1 and s.failures[0].reason.startswith("a corrupt gzip body")
    assert s.failures[0].url.endswith("/badgzip.html")  # the item's own URL, not the feed's
    assert all(r["headers"].get("Accept-Encoding") == "gzip, deflate" for r in site.requests("/badgzip"))
    state = json.loads((archive / ".fetch-state.json").read_text()) if (archive / ".fetch-state.json").exists() else {}
    assert site.url("/badgzip.rss") not in state  # an item failed: no ETag kept, the feed is read again
    again = fetch.fetch([source], _options(archive))
    assert (again.sources[0].not_modified, again.sources[0].duplicates, len(again.sources[0].failures)) == (0, 2, 1)


def test_two_fetches_never_write_one_archive_at_once(site: NewsSite, tmp_path: Path) -> None:
    from filelock import FileLock

    from briefing.errors import LockedError

    archive = tmp_path / "archive"
    archive.mkdir()
    with FileLock(str(archive / ".fetch.lock")), pytest.raises(LockedError):
        fetch.fetch([_source(site, "a", "/feeds/2015-07-21.rss")], _options(archive))
    assert not list(archive.glob("*.jsonl"))
    assert fetch.fetch([_source(site, "a", "/feeds/2015-07-21.rss")], _options(archive)).sources[0].new == 4


def test_a_moved_feed_still_answers_304(site: NewsSite, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    source = _source(site, "moved", "/moved.rss")
    assert fetch.fetch([source], _options(archive)).sources[0].new == 4
    again = fetch.fetch([source], _options(archive)).sources[0]
    assert (again.not_modified, again.new, again.failures) == (1, 0, [])  # the ETag went to the final URL
