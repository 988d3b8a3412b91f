"""Seven consecutive corpus days through the latency simulator with one run store (README,
"Across days"): threads, what changed, stopped stories, disputes, per day.

    .venv/bin/python bench/week.py [--latency 0.5 --per-token 0.015] [--out DIR]

Each day is generated as `briefing generate --store` would (the default 20 full stories), in
order, against bench/simulator.py; then the first day is generated again, to show that re-running
a day replaces its record. Prints one line per day and a JSON summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.day import Sim  # noqa: E402
from briefing import api  # noqa: E402
from briefing.llm import ModelSettings  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--per-token", type=float, default=0.0)
    parser.add_argument("--port", type=int, default=18095)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="briefing-week-"))
    store = work / "store.sqlite"
    sim = Sim(args.port, args.latency, args.per_token)
    days = [dt.date(2015, 7, d) for d in range(21, 28)]
    summary = []
    try:
        settings = ModelSettings(model="openai/gpt-4o-mini", api_base=sim.base_url, timeout_s=120)
        for day in [*days, days[0]]:
            options = api.GenerateOptions(date=day, out_dir=work / "out", formats=("html", "json"),
                                          cache_path=work / "cache.sqlite", store=store,
                                          concurrency=args.concurrency)
            result = api.generate([CORPUS / f"{day}.zip"], settings, options)
            ch = result.briefing.changes
            assert ch is not None
            row = {"day": day.isoformat(), "summarized": len(result.briefing.summaries),
                   "continuing": len(ch.continuing),
                   "day_numbers": sorted({t.day_number for t in ch.threads.values()}),
                   "new_claims": sum(len(c.new_claim_ids) for c in ch.continuing),
                   "figure_changes": sum(len(c.figure_changes) for c in ch.continuing),
                   "stopped": len(ch.stopped), "disputes": len(ch.disputes),
                   "wall_s": result.manifest.wall_s,
                   "threads_s": result.manifest.stage_wall_s.get("threads"),
                   "summarize_s": result.manifest.stage_wall_s.get("summarize")}
            summary.append(row)
            print(json.dumps(row), flush=True)
    finally:
        sim.close()
    db = sqlite3.connect(store)
    per_day = db.execute("SELECT day, COUNT(*) FROM stories GROUP BY day ORDER BY day").fetchall()
    runs = db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    threads = db.execute("SELECT COUNT(DISTINCT thread_id), COUNT(*) FROM stories").fetchone()
    multi = db.execute("SELECT COUNT(*) FROM (SELECT thread_id FROM stories GROUP BY thread_id "
                       "HAVING COUNT(DISTINCT day) > 1)").fetchone()[0]
    print(json.dumps({"work": str(work), "runs": runs, "stories_per_day": per_day, "threads": threads[0],
                      "stories": threads[1], "threads_over_several_days": multi}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
