"""A local news site for the fetch tests (127.0.0.1 only): RSS and Atom feeds of real corpus days,
article pages, and the ways a real site misbehaves.

    with NewsSite(days) as site:          # days: {date: [Article, ...]} from ../shared/corpus
        site.url("/feeds/2015-07-21.rss")

Routes: ``/robots.txt`` (disallows ``/private/``), ``/feeds/DAY.rss`` and ``/feeds/DAY.atom``
(ETag and Last-Modified, 304 on a match), ``/a/ID.html`` (an article page), ``/slow.rss`` (answers
after ``slow_s``), ``/500.rss``, ``/bad.rss`` (not XML), ``/loop/a`` (redirects forever),
``/syndicated.rss`` (the first day's texts at other URLs), ``/fulltext.rss`` (a full-text feed),
``/error-page.rss`` (an item whose page is an error page served with 200), ``/dupes.rss`` (items
repeated, and a link with tracking parameters), ``/ssrf.rss`` (items linking to private and
link-local addresses), ``/private.rss`` (an item robots.txt disallows), ``/big.rss`` (an enormous
page), ``/english.rss`` (an English article), ``/cp1256.rss`` (a page in Windows-1256).
Every request is logged (``site.log``: path, time, headers).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Iterator
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

from briefing.models import Article

PUBLISHED_HOUR = 9  # every article of a day is published at 09:00 Riyadh time


def _pub(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, PUBLISHED_HOUR, tzinfo=dt.timezone(dt.timedelta(hours=3)))


def page_html(article: Article, day: dt.date) -> str:
    paras = "".join(f"<p>{escape(p)}</p>" for p in article.text.split("\n") if p.strip())
    title = escape(article.title or article.lede[:80])
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta name="date" content="{day.isoformat()}"></head><body><header><nav>الرئيسية | أخبار</nav>'
            f"</header><article><h1>{title}</h1>{paras}</article><footer>جميع الحقوق محفوظة</footer></body></html>")


def rss(items: list[tuple[str, str, dt.datetime]], title: str = "أخبار") -> str:
    body = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
                   f"<pubDate>{format_datetime(when)}</pubDate><guid>{escape(link)}</guid></item>"
                   for t, link, when in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><description>test</description>{body}</channel></rss>")


def atom(items: list[tuple[str, str, dt.datetime]]) -> str:
    body = "".join(f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>'
                   f"<updated>{when.isoformat()}</updated></entry>" for t, link, when in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار</title>'
            f"<id>urn:test</id><updated>2015-07-27T00:00:00Z</updated>{body}</feed>")


class NewsSite:
    def __init__(self, days: dict[dt.date, list[Article]], *, slow_s: float = 3.0) -> None:
        self.days = days
        self.slow_s = slow_s
        self.articles = {a.id: (a, day) for day, arts in days.items() for a in arts}
        self.log: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> NewsSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def items(self, day: dt.date) -> list[tuple[str, str, dt.datetime]]:
        return [(a.title or a.lede[:80], self.url(f"/a/{a.id}.html"), _pub(day)) for a in self.days[day]]

    def requests(self, prefix: str = "") -> list[dict[str, Any]]:
        with self.lock:
            return [r for r in self.log if r["path"].startswith(prefix)]

    def _route(self, path: str, headers: Any) -> tuple[int, dict[str, str], bytes] | None:
        first = next(iter(self.days))
        feed = {"Content-Type": "application/rss+xml"}
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        if path.startswith("/feeds/"):
            name = path.removeprefix("/feeds/")
            day = dt.date.fromisoformat(name.split(".")[0])
            if day not in self.days:
                return None
            text = rss(self.items(day)) if name.endswith(".rss") else atom(self.items(day))
            etag = '"' + hashlib.sha256(text.encode()).hexdigest()[:16] + '"'
            modified = format_datetime(_pub(day).astimezone(dt.UTC), usegmt=True)
            if headers.get("If-None-Match") == etag:
                return 304, {"ETag": etag}, b""
            kind = "application/rss+xml" if name.endswith(".rss") else "application/atom+xml"
            return 200, {"Content-Type": kind, "ETag": etag, "Last-Modified": modified}, text.encode()
        if path == "/fulltext.rss":  # a full-text feed: each item carries its article's paragraphs
            items = []
            for a in self.days[first]:
                paras = "".join(f"<p>{escape(p)}</p>" for p in a.text.split("\n") if p.strip())
                items.append(f"<item><title>{escape(a.title or '')}</title><link>{escape(self.url('/ft/' + a.id))}"
                             f"</link><pubDate>{format_datetime(_pub(first))}</pubDate>"
                             f"<description>{escape(paras)}</description></item>")
            return 200, feed, ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ft</title>'
                               '<link>http://127.0.0.1/</link><description>t</description>'
                               + "".join(items) + "</channel></rss>").encode()
        if path == "/moved.rss":  # a feed that moved: a permanent redirect to the first day's feed
            return 301, {"Location": f"/feeds/{first.isoformat()}.rss"}, b""
        if path == "/badgzip.rss":  # two good items and one whose page is a corrupt gzip body
            items = [*self.items(first)[:2], ("bad", self.url("/badgzip.html"), _pub(first))]
            return 200, {**feed, "ETag": '"badgzip"'}, rss(items).encode()
        if path == "/badgzip.html":
            return 200, {**html, "Content-Encoding": "gzip"}, b"\x1f\x8b\x08\x00not really gzip"
        if path == "/syndicated.rss":  # another outlet's pages, the same texts as the first day's
            items = [(t, link.replace("/a/", "/copy/"), when) for t, link, when in self.items(first)]
            return 200, feed, rss(items).encode()
        if path.startswith(("/a/", "/copy/")) and path.endswith(".html"):
            found = self.articles.get(path.split("/")[2][:-5])
            if found is None:
                return None
            return 200, html, page_html(*found).encode()
        a, day = next(iter(self.articles.values()))
        if path == "/slow.rss":
            time.sleep(self.slow_s)
            return 200, feed, rss(self.items(first)).encode()
        if path == "/500.rss":
            return 500, {"Content-Type": "text/plain"}, b"internal error"
        if path == "/bad.rss":
            return 200, feed, b"<html><body>this is not a feed <b></body>"
        if path.startswith("/loop/"):
            return 302, {"Location": "/loop/b" if path == "/loop/a" else "/loop/a"}, b""
        if path == "/loop.rss":
            return 302, {"Location": "/loop/a"}, b""
        if path == "/error-page.rss":
            return 200, feed, rss([("x", self.url("/gone.html"), _pub(day))]).encode()
        if path == "/gone.html":
            return 200, html, (
                "<html><head><title>404 الصفحة غير موجودة</title></head><body><h1>404</h1>"
                "<p>الصفحة غير موجودة</p></body></html>").encode()
        if path == "/dupes.rss":
            items = self.items(first)[:3]
            tracked = (items[0][0], items[0][1] + "?utm_source=rss&utm_medium=feed", items[0][2])
            return 200, feed, rss([*items, *items, tracked]).encode()
        if path == "/ssrf.rss":
            when = _pub(day)
            return 200, feed, rss([
                ("private", "http://10.0.0.1/x.html", when), ("metadata", "http://169.254.169.254/latest", when),
                ("ipv6 loopback", "http://[::1]/x.html", when)]).encode()
        if path == "/private.rss":
            return 200, feed, rss([("p", self.url("/private/a.html"), _pub(day))]).encode()
        if path == "/big.rss":
            return 200, feed, rss([("big", self.url("/big.html"), _pub(day))]).encode()
        if path == "/big.html":
            return 200, html, b"<html><body>" + b"<p>x</p>" * 400_000 + b"</body></html>"
        if path == "/english.rss":
            return 200, feed, rss([("en", self.url("/english.html"), _pub(day))]).encode()
        if path == "/english.html":
            text = "<p>" + "The ministry said the talks would resume next week in Geneva. " * 10 + "</p>"
            page = f"<html><head><title>Talks</title></head><body><article><h1>Talks</h1>{text}</article></body></html>"
            return 200, html, page.encode()
        if path == "/cp1256.rss":
            return 200, feed, rss([("cp", self.url("/cp1256.html"), _pub(day))]).encode()
        if path == "/cp1256.html":
            page = page_html(a, day).replace('<meta charset="utf-8">', '<meta charset="windows-1256">')
            return 200, {"Content-Type": "text/html; charset=windows-1256"}, page.encode("cp1256", errors="replace")
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with site.lock:
                    site.log.append({"path": self.path, "t": time.monotonic(), "headers": dict(self.headers)})
                try:
                    routed = site._route(self.path, self.headers)
                except Exception:
                    routed = (500, {}, b"")
                status, headers, body = routed or (404, {"Content-Type": "text/plain"}, b"not found")
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


def corpus_days(zips: Iterator[Any] | list[Any], per_day: int) -> dict[dt.date, list[Article]]:
    """The first ``per_day`` Arabic articles (with a title) of each corpus day zip."""
    from briefing.api import read_inputs

    days = {}
    for path in zips:
        day = dt.date.fromisoformat(path.stem)
        corpus = read_inputs([path])
        days[day] = [a for a in corpus.articles if a.title and len(a.text) > 400][:per_day]
    return days
