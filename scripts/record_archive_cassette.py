"""Record tests/cassettes/archive-2015-07-23.yaml: `briefing generate --archive` on the day that
tests/test_fetch.py fetches from its local news site (tests/support/feeds.py, 127.0.0.1 only).

    .venv/bin/python scripts/record_archive_cassette.py

What answers is bench/simulator.py on 127.0.0.1 with no latency: schema-valid JSON built from the
request's own Arabic sentences, **not a model** (see tests/cassettes/README.md).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.simulator import Simulator  # noqa: E402
from briefing import api, fetch  # noqa: E402
from briefing.llm import ModelSettings  # noqa: E402
from tests.support.feeds import NewsSite, corpus_days  # noqa: E402
from tests.support.server import OpenAIServer  # noqa: E402

DAY = dt.date(2015, 7, 23)
CORPUS = ROOT.parent / "shared" / "corpus" / "saudinewsnet"
CASSETTE = ROOT / "tests" / "cassettes" / "archive-2015-07-23.yaml"


def fetch_day(archive: Path) -> None:
    """The test's fetch of DAY: 4 articles, source "outlet" (tests/test_fetch.py does the same)."""
    from briefing.sources import Source

    with NewsSite(corpus_days([CORPUS / f"{DAY}.zip"], per_day=4)) as site:
        source = Source(name="outlet", feed=site.url(f"/feeds/{DAY}.rss"), allow_private_hosts=("127.0.0.1",))
        now = dt.datetime(2015, 7, 28, 6, tzinfo=dt.UTC)
        report = fetch.fetch([source], fetch.FetchOptions(archive=archive, now=now, per_host_delay_s=0.0))
        assert report.sources[0].new == 4, report


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="briefing-archive-"))
    fetch_day(work / "archive")
    sim = Simulator(0.0, 0.0, "gpt-4o-mini")
    with OpenAIServer(sim, port=18093) as server:
        sim.server = server
        settings = ModelSettings(model="openai/simulated", api_base=server.base_url, structured_output="json_schema")
        options = api.GenerateOptions(date=DAY, out_dir=work / "out", formats=("json",), record=CASSETTE)
        result = api.generate([work / "archive" / f"{DAY}.jsonl"], settings, options)
    print(f"{CASSETTE}: {result.manifest.calls} calls, {len(result.briefing.summaries)} summaries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
