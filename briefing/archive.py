"""The archive: ``out/index.html`` lists every briefing in the store (date, title, bottom line,
counts), and ``out/stories/THREAD.html`` follows each story reported on several days. Static,
self-contained pages (inline CSS, a CSP, everything escaped), like the review page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .files import output_name, write_atomic
from .render import _page, environment
from .store import Store

__all__ = ["write_archive"]


def write_archive(store: Store, out_dir: Path) -> list[Path]:
    """Write the index and the timelines into ``out_dir``; returns the paths written."""
    days = store.days()
    if not days:
        return []
    stories = store.stories(days[0], days[-1])
    claims = store.claims(days[0], days[-1])
    by_day_claims: dict[dt.date, list[Any]] = {}
    for c in claims:
        by_day_claims.setdefault(c.day, []).append(c)
    runs = []
    for r in store.runs():
        day = r["day"]
        today = [s for s in stories if s.day == day]
        day_claims = by_day_claims.get(day, [])
        file = output_name(day, "html")
        runs.append({**r, "file": file if (out_dir / file).exists() else None, "stories": len(today),
                     "summarized": sum(s.summarized for s in today), "claims": len(day_claims),
                     "verified": sum(c.status in ("verified", "supported") for c in day_claims),
                     "unverified": sum(c.status == "unverified" for c in day_claims),
                     "continuing": sum(s.summarized and s.day_number > 1 for s in today)})
    threads: dict[str, list[Any]] = {}
    for s in stories:
        threads.setdefault(s.thread_id, []).append(s)
    followed = {t: v for t, v in threads.items()
                if len({s.day for s in v}) > 1 and any(s.summarized for s in v)}
    env = environment()
    paths = []
    listing = [{"thread_id": _safe(t), "headline": v[-1].headline, "days": len({s.day for s in v}), "first": v[0].day,
                "last": v[-1].day} for t, v in sorted(followed.items(), key=lambda kv: kv[1][-1].day, reverse=True)]
    index = out_dir / "index.html"
    page = {"briefing": {"title": "Briefings archive"}, "deciding": None, "date_text": ""}  # the page frame
    write_atomic(index, _page(env, "index.html", {**page, "runs": runs, "threads": listing},
                              "the archive").encode("utf-8"))
    paths.append(index)
    (out_dir / "stories").mkdir(parents=True, exist_ok=True)
    claims_by_story: dict[tuple[dt.date, str], list[Any]] = {}
    for c in claims:
        claims_by_story.setdefault((c.day, c.story_id), []).append(c)
    for thread_id, versions in followed.items():
        days_ = [{"day": s.day, "day_number": s.day_number, "headline": s.headline, "outlets": s.outlets,
                  "file": output_name(s.day, "html") if (out_dir / output_name(s.day, "html")).exists() else None,
                  "claims": claims_by_story.get((s.day, s.story_id), [])} for s in versions]
        path = out_dir / "stories" / f"{_safe(thread_id)}.html"
        frame = {"briefing": {"title": f"Story timeline: {versions[-1].headline}"}, "deciding": None, "date_text": ""}
        write_atomic(path, _page(env, "timeline.html", {**frame, "days": days_}, "a story timeline").encode("utf-8"))
        paths.append(path)
    return paths


def _safe(thread_id: str) -> str:
    return "".join(ch for ch in thread_id if ch.isalnum() or ch in "-_")[:64] or "story"
