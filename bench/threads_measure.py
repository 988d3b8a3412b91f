"""Measure story linking across the corpus days 2015-07-21..27 (README, "Across days").

    .venv/bin/python bench/threads_measure.py [--top 40] [--out bench/results-threads.txt]

For each day, the day is clustered as `briefing generate` clusters it; each of its top stories
(by outlets, then length, as ranked without a watchlist) is scored against every story of the
previous seven days (threads.score). Prints the distribution of the best scores and every best
pair at or above 0.15 with both headlines (the Arabic titles), for checking by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.api import read_inputs  # noqa: E402
from briefing.cluster import cluster, story_text  # noqa: E402
from briefing.threads import LINK_DAYS, idf, score, story_names, story_words  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--min", type=float, default=0.15)
    parser.add_argument("--plain", action="store_true", help="words unweighted (no idf)")
    args = parser.parse_args()
    days = [dt.date(2015, 7, d) for d in range(21, 28)]
    stories: dict[dt.date, list[tuple[str, str, list[str], list[str], int]]] = {}
    for day in days:
        corpus = read_inputs([CORPUS / f"{day}.zip"])
        by_id = {a.id: a for a in corpus.articles}
        plan = cluster(corpus)
        rows = []
        for rank, s in enumerate(plan.stories):
            text = story_text(s, by_id)
            title = (by_id[s.lead_id].title or by_id[s.lead_id].lede)[:90]
            rows.append((s.id, title, story_words(text), story_names(text), rank))
        stories[day] = rows
        print(f"{day}: {len(corpus.articles)} articles, {len(rows)} stories", file=sys.stderr)
    weights = idf([r[2] for rows in stories.values() for r in rows]) if not args.plain else None
    name_weights = idf([r[3] for rows in stories.values() for r in rows]) if not args.plain else None
    best_scores = []
    pairs = []
    for day in days[1:]:
        earlier = [(d, r) for d in days if 0 < (day - d).days <= LINK_DAYS for r in stories[d]]
        for _sid, title, words, names, _rank in stories[day][: args.top]:
            best = max(((score(words, names, r[2], r[3], weights, name_weights), d, r) for d, r in earlier), key=lambda x: x[0])
            best_scores.append(best[0])
            if best[0] >= args.min:
                pairs.append((best[0], day, title, best[1], best[2][1]))
    print(f"top {args.top} stories of each of {len(days) - 1} days: best score against the previous days")
    for lo in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        print(f"  >= {lo:.2f}: {sum(s >= lo for s in best_scores)} of {len(best_scores)}")
    print()
    for s, day, title, d, other in sorted(pairs, reverse=True):
        print(f"{s:.3f}  {day} {title}\n       {d} {other}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
