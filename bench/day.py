"""Generate the briefing of one corpus day against the latency simulator and measure it.

    .venv/bin/python bench/day.py ../shared/corpus/saudinewsnet/2015-07-23.zip --concurrency 32

Latency is a hosted model's for structured output by default: 0.5 s per call plus 15 ms per
output token (``--latency``, ``--per-token``).

Prints a table, then (last line) one JSON object with: articles, stories, calls, input_tokens,
output_tokens, naive_calls, naive_input_tokens, wall_s, bound_s, cpu_ms_per_article, warm_calls,
warm_wall_s, peak_rss_mb, pdf_pages, pdf_s, pdf_pages_per_s; then cold_cpu_ms_per_article, retries,
pdf_render_peak_rss_mb, pdf_render_s.

* bound_s: the critical path: max(the summaries' and headlines' simulated call time /
  concurrency, the longest chain of one story's dependent calls), then the compose call (it
  needs every summary), then the render time.
* utilization_summarize, utilization_run: the provider's use, request-seconds over
  (concurrency x wall time) of the summarize stage and of the whole run.
* naive_*: the usual map-reduce recipe on the same day: one map call per chunk and one reduce
  call per article, for every article (syndicated copies included), with the same prompts.
* warm_*: the same day again against the response cache, in a new process (imports included).
* cpu_ms_per_article: non-LLM CPU, i.e. the warm rerun's CPU in every stage but rendering and
  loading the LLM client (it does all the work but the model calls); cold_cpu_ms_per_article is
  the cold run's CPU without rendering, the LLM client's work included.
* peak_rss_mb: this process (the cold run, PDF included) or the child process that clustered the
  day, whichever peaked higher; pdf_s: the digest's print (render_pdf stage: WeasyPrint is loaded
  while the model is waited for); pdf_render_*: `briefing render` of the
  day's JSON to PDF alone, in its own process (/usr/bin/time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"

from briefing import api, prompting  # noqa: E402
from briefing.chunk import chunk_corpus  # noqa: E402
from briefing.llm import ModelSettings, token_counter  # noqa: E402
from briefing.models import ArticleDraft, MergeDraft  # noqa: E402


class Sim:
    def __init__(self, port: int, latency: float, per_token: float) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "simulator.py"), "--port", str(port), "--latency", str(latency),
             "--per-token", str(per_token)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert "ready" in line, line
        self.base_url = f"http://127.0.0.1:{port}/v1"

    def dump(self) -> list[dict[str, Any]]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as fh:
            path = fh.name
        self.proc.stdin.write(f"dump {path}\n")
        self.proc.stdin.flush()
        self.proc.stdout.readline()
        text = Path(path).read_text(encoding="utf-8")
        os.unlink(path)
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def warm(self, texts: list[str]) -> None:
        """Let the simulator build its answers for these texts now, outside the timed run."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
            json.dump(texts, fh, ensure_ascii=False)
        self.proc.stdin.write(f"warm {fh.name}\n")
        self.proc.stdin.flush()
        self.proc.stdout.readline()
        os.unlink(fh.name)

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


def naive(corpus: Any, model: str, max_tokens: int, avg_map_output: float) -> tuple[int, int]:
    """Calls and input tokens of one map call per chunk + one reduce call per article, all articles."""
    count = token_counter(model)
    plan = chunk_corpus(corpus, tokenizer_model=model, max_tokens=max_tokens, count_tokens=count)
    system = prompting.render("summarize.system.j2", registry=[], pack=False)
    schema_tokens = count(json.dumps(ArticleDraft.model_json_schema(), ensure_ascii=False))
    merge_system = prompting.render("merge.system.j2")
    merge_schema = count(json.dumps(MergeDraft.model_json_schema(), ensure_ascii=False))
    calls = tokens = 0
    for item in plan.items:
        for i, chunk in enumerate(item.chunks):
            user = prompting.render("summarize.user.j2", article=item.article, text=chunk.text, part_number=i + 1,
                                    part_count=len(item.chunks))
            tokens += count(system + user) + schema_tokens
            calls += 1
        tokens += count(merge_system) + merge_schema + int(avg_map_output * len(item.chunks))
        calls += 1
    return calls, tokens


def _stories(args: argparse.Namespace) -> dict[str, Any]:
    """GenerateOptions' max_stories: --max-stories, None for --all-stories, else the default."""
    if args.all_stories:
        return {"max_stories": None}
    return {"max_stories": args.max_stories} if args.max_stories else {}


def run_day(path: Path, args: argparse.Namespace, sim: Sim, cache: Path, out: Path,
            formats: tuple[str, ...]) -> dict[str, Any]:
    settings = ModelSettings(model="openai/gpt-4o-mini", api_base=sim.base_url, timeout_s=120)
    options = api.GenerateOptions(date=args.date, out_dir=out, formats=formats, concurrency=args.concurrency,
                                  cache_path=cache, **_stories(args))
    cpu0, t0 = time.process_time(), time.perf_counter()
    result = api.generate([path], settings, options)
    return {"result": result, "wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - cpu0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("day", type=Path)
    parser.add_argument("--concurrency", type=int, default=32)
    # a hosted model's structured output: a fixed 0.5 s per call plus 15 ms per output token
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--per-token", type=float, default=0.015)
    parser.add_argument("--max-stories", type=int, default=None, help="default: the product's default (20)")
    parser.add_argument("--all-stories", action="store_true", help="full summaries for every story (as before)")
    parser.add_argument("--port", type=int, default=18090)
    parser.add_argument("--story-texts", type=Path, help=argparse.SUPPRESS)  # internal: write story texts, exit
    parser.add_argument("--warm-run", nargs=3, help=argparse.SUPPRESS)  # internal: CACHE OUT BASE_URL
    args = parser.parse_args()
    args.date = dt.date.fromisoformat(re.search(r"\d{4}-\d{2}-\d{2}", args.day.name).group(0))  # type: ignore[union-attr]
    if args.warm_run:  # internal: re-run the day against the cache in a fresh process, print its manifest
        cache, out, base_url = args.warm_run
        settings = ModelSettings(model="openai/gpt-4o-mini", api_base=base_url, timeout_s=120)
        options = api.GenerateOptions(date=args.date, out_dir=Path(out), formats=("json",),
                                      concurrency=args.concurrency, cache_path=Path(cache),
                                      **_stories(args))
        print(api.generate([args.day], settings, options).manifest.model_dump_json())
        return 0
    if args.story_texts:
        from briefing.cluster import cluster, story_text

        corpus = api.read_inputs([args.day])
        by_id = {a.id: a for a in corpus.articles}
        args.story_texts.write_text(json.dumps([story_text(st, by_id) for st in cluster(corpus).stories],
                                               ensure_ascii=False), encoding="utf-8")
        return 0
    sim = Sim(args.port, args.latency, args.per_token)
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    # the simulator builds its answers for the day's story texts ahead (a child process computes
    # the texts, so this process imports and caches nothing before the timed run)
    texts = work / "texts.json"
    subprocess.run([sys.executable, __file__, str(args.day), "--story-texts", str(texts)], check=True)
    sim.warm(json.loads(texts.read_text(encoding="utf-8")))
    try:
        cold = run_day(args.day, args, sim, work / "cache.sqlite", work / "out", ("html", "pdf", "json"))
        log = sim.dump()
        (work / "calls.jsonl").write_text("".join(json.dumps(e) + "\n" for e in log), encoding="utf-8")
        # the warm rerun, as a user would run it: a new process (imports included) against the cache
        t0 = time.perf_counter()
        warm_run = subprocess.run([sys.executable, __file__, str(args.day), "--concurrency", str(args.concurrency),
                                   *(["--max-stories", str(args.max_stories)] if args.max_stories else []),
                                   *(["--all-stories"] if args.all_stories else []),
                                   "--warm-run", str(work / "cache.sqlite"), str(work / "out-warm"), sim.base_url],
                                  capture_output=True, text=True, check=True)
        warm_wall = time.perf_counter() - t0
        warm_manifest = json.loads(warm_run.stdout.strip().splitlines()[-1])
        warm_log = sim.dump()
    finally:
        sim.close()
    result = cold["result"]
    briefing, manifest = result.briefing, result.manifest
    corpus = api.read_inputs([args.day])

    # the cold run rendered HTML + PDF + JSON: its render stage is the PDF time
    pdf_path = next((work / "out").glob("*.pdf"))
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    pdf_s = manifest.stage_wall_s.get("render_pdf", 0.0)  # the digest printed (WeasyPrint warmed while waiting)
    render_s = sum(v for k, v in manifest.stage_wall_s.items() if k.startswith("render"))  # html, pdf, json

    total_sim = sum(e["delay_s"] for e in log)
    per_story: dict[str, float] = {}
    for e in log:
        if e["schema"] in ("ArticleDraft", "PackDraft", "MergeDraft") and e["story"]:
            per_story[e["story"]] = per_story.get(e["story"], 0.0) + e["delay_s"]
    compose_s = sum(e["delay_s"] for e in log if e["schema"] == "BriefingDraft")
    chain = max(per_story.values(), default=0.0) + compose_s
    # the critical path: the compose call needs every summary, so it follows them; before it, the
    # summaries and headlines at full use of the concurrency, or the longest chain of one story
    bound_s = max((total_sim - compose_s) / args.concurrency, chain - compose_s) + compose_s + render_s
    # the naive reduce call reads each article's map output: the average per article summarized
    summarize_calls = [e for e in log if e["schema"] in ("ArticleDraft", "PackDraft")]
    avg_out = sum(e["completion_tokens"] for e in summarize_calls) / max(1, sum(e["articles"] for e in summarize_calls))
    chunk_limit = api.GenerateOptions(date=args.date, out_dir=work).max_chunk_tokens  # same chunks as ours
    naive_calls, naive_tokens = naive(corpus, "openai/gpt-4o-mini", chunk_limit, avg_out)
    # non-LLM CPU: the warm rerun does every stage but the model calls (answers come from the cache);
    # its CPU per stage, without rendering and without loading the LLM client (importing litellm and
    # its tokenizer). The cold run's CPU with the LLM client's work (litellm, httpx, JSON per call,
    # the import) is reported beside it.
    warm_cpu = sum(v for k, v in warm_manifest["stage_cpu_s"].items() if not k.startswith("render") and k != "client")
    cold_cpu = sum(v for k, v in manifest.stage_cpu_s.items() if not k.startswith("render"))
    # the PDF alone, as `briefing render` prints it from the JSON: its own process, time and peak memory
    pdf_only = subprocess.run(["/usr/bin/time", "-f", "%M %e", str(ROOT / ".venv" / "bin" / "briefing"), "render",
                               str(next((work / "out").glob("*.json"))), "--format", "pdf", "--out",
                               str(work / "out-pdf")], capture_output=True, text=True, check=True)
    pdf_kb, pdf_only_s = pdf_only.stderr.strip().splitlines()[-1].split()
    # provider utilization: request-seconds over (concurrency x wall), for summarize and the run
    summarize_req_s = sum(e["delay_s"] for e in log if e["schema"] != "BriefingDraft")
    summarize_wall = manifest.stage_wall_s.get("summarize", 0.0)
    out = {
        "utilization_summarize": round(summarize_req_s / max(1e-9, args.concurrency * summarize_wall), 3),
        "utilization_run": round(total_sim / max(1e-9, args.concurrency * cold["wall_s"]), 3),
        "articles": manifest.articles, "stories": manifest.stories, "calls": manifest.calls,
        "input_tokens": manifest.input_tokens, "output_tokens": manifest.output_tokens,
        "naive_calls": naive_calls, "naive_input_tokens": naive_tokens,
        "wall_s": round(cold["wall_s"], 2), "bound_s": round(bound_s, 2),
        "cpu_ms_per_article": round(1000 * warm_cpu / max(1, manifest.articles), 2),
        "warm_calls": warm_manifest["calls"] + len(warm_log), "warm_wall_s": round(warm_wall, 2),
        "peak_rss_mb": round(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                                 *manifest.stage_peak_rss_mb.values()), 1),
        "pdf_pages": pages, "pdf_s": round(pdf_s, 2), "pdf_pages_per_s": round(pages / max(1e-9, pdf_s), 1),
        "cold_cpu_ms_per_article": round(1000 * cold_cpu / max(1, manifest.articles), 2),
        "retries": manifest.retries, "pdf_render_peak_rss_mb": round(int(pdf_kb) / 1024, 1),
        "pdf_render_s": float(pdf_only_s),
    }
    print(f"{'day':<22}{args.day.name}")
    print(f"{'stages wall (s)':<22}{json.dumps(manifest.stage_wall_s)}")
    print(f"{'stages cpu (s)':<22}{json.dumps(manifest.stage_cpu_s)}")
    print(f"{'stages peak rss (MB)':<22}{json.dumps(manifest.stage_peak_rss_mb)}")
    print(f"{'warm stages cpu (s)':<22}{json.dumps(warm_manifest['stage_cpu_s'])}")
    print(f"{'simulated call time':<22}{total_sim:.1f} s over {len(log)} calls; longest chain {chain:.1f} s; "
          f"compose {compose_s:.1f} s")
    print(f"{'claims':<22}{briefing.methodology.claims_verified} verified, {briefing.methodology.claims_supported} "
          f"verified with context, {briefing.methodology.claims_unverified} unverified; failed stories "
          f"{len(briefing.failed)}; re-asks {manifest.reasks}")
    for key, value in out.items():
        print(f"{key:<22}{value}")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
