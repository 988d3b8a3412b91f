"""The library API. The CLI only calls these functions.

    >>> from briefing.api import GenerateOptions, generate
    >>> result = generate(["seeds/"], settings, GenerateOptions(date=date(2017, 11, 4), out_dir=Path("out")))

Nothing here reads the environment or the clock for content: the date and every setting are
parameters.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import multiprocessing
import resource
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from . import cassette, compose, prompting, render, summarize
from .archive import write_archive
from .changes import mark_disputed
from .chunk import chunk_corpus
from .cluster import cluster, load_watchlist, story_view
from .config import DEFAULTS, FORMATS
from .errors import InputError, UsageError
from .files import output_name, write_outputs
from .ingest import IngestOptions, ingest
from .llm import (
    STRUCTURED_MODES,
    Completion,
    LiteLLMCompletion,
    MeteredCompletion,
    ModelSettings,
    client_loaded,
    token_counter,
)
from .mail import EmailResult
from .mail import email_briefing as email_briefing
from .models import Article, Briefing, Corpus, FailedArticle, Manifest, OtherReport, StoryPlan
from .registry import Registry
from .slots import Slots
from .smtp import SmtpSettings
from .store import open_store
from .tracking import History, Threads, changes_since, day_record, load_history, record_reviewed, thread_stories
from .verify import forget, verify
from .verify import warm_up as warm_up_checks

__all__ = ["FORMATS", "GenerateOptions", "GenerateResult", "PublishOptions", "VerifyReport", "build_briefing",
           "check_formats", "email_briefing", "email_file", "generate", "load_briefing", "publish", "read_inputs",
           "render_file",
           "settings_from_cassette", "verify_briefing"]

_RUN = DEFAULTS.run  # the defaults live in the settings model (config.py)


@dataclass(frozen=True)
class GenerateOptions:
    date: dt.date
    out_dir: Path
    formats: tuple[str, ...] = _RUN.formats
    max_chunk_tokens: int = _RUN.max_chunk_tokens
    concurrency: int = _RUN.concurrency
    pack_articles: int = _RUN.pack_articles  # short articles summarized together per call
    max_reasks: int = _RUN.max_reasks
    compose_stories: int = _RUN.compose_stories
    digest_pages: int = _RUN.digest_pages
    digest_stories: int = _RUN.digest_stories
    digest_evidence: bool = _RUN.digest_evidence
    ingest: IngestOptions = field(default_factory=IngestOptions)
    record: Path | None = None
    replay: Path | None = None
    registry: Path | None = None  # a user registry file, on top of the packaged one
    cache_path: Path | None = None  # the response cache (SQLite); None: no cache
    max_cost_usd: float | None = None
    max_stories: int | None = _RUN.max_stories  # full summaries for the top N; the rest as "Other reports"
    watchlist: Path | None = None
    store: Path | None = None  # the run store (SQLite): previous days in, today's record out
    progress: Callable[[str, int, int], None] | None = None  # (stage, done, total)


@dataclass(frozen=True)
class GenerateResult:
    briefing: Briefing
    paths: list[Path]
    manifest: Manifest

    @property
    def partial(self) -> bool:
        """Written, but some articles could not be summarized."""
        return bool(self.briefing.failed)


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"unknown format(s) {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(formats))


def settings_from_cassette(path: Path, fallback: ModelSettings | None = None) -> ModelSettings:
    """The model settings a cassette was recorded with (its ``briefing:`` header)."""
    header = cassette.read_header(path)
    mode = header.get("structured_output", "json_schema")
    if mode not in STRUCTURED_MODES:
        raise UsageError(f"{path}: unknown structured_output {mode!r} in the cassette header")
    base = fallback or ModelSettings(model=str(header["model"]))
    return ModelSettings(
        model=str(header["model"]), api_base=header.get("api_base"), api_key=None,
        timeout_s=base.timeout_s, structured_output=mode, temperature=float(header.get("temperature", 0.0)),
        max_output_tokens=int(header.get("max_output_tokens", base.max_output_tokens)), transport_retries=0,
    )


def read_inputs(inputs: Sequence[str | Path], options: IngestOptions | None = None) -> Corpus:
    return ingest(inputs, options)


class _Stages:
    """Wall and CPU seconds per stage (CPU: this process, every thread), and the peak memory."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.peak_rss_mb: dict[str, float] = {}

    @contextlib.contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[name] = round(self.wall.get(name, 0.0) + time.perf_counter() - start, 3)
            self.cpu[name] = round(self.cpu.get(name, 0.0) + time.process_time() - cpu, 3)
            self.peak_rss_mb[name] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    def record(self, name: str, measured: Measured[Any]) -> None:
        """A stage measured where it ran (``measured``: in this process or in a child process)."""
        self.wall[name] = round(self.wall.get(name, 0.0) + measured.wall_s, 3)
        self.cpu[name] = round(self.cpu.get(name, 0.0) + measured.cpu_s, 3)
        here = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.peak_rss_mb[name] = round(max(here, measured.peak_rss_mb), 1)


T = TypeVar("T")


@dataclass(frozen=True)
class Measured(Generic[T]):
    value: T
    wall_s: float
    cpu_s: float
    peak_rss_mb: float  # of the process it ran in


def _measured(fn: Callable[..., T], *args: object) -> Measured[T]:
    start, cpu = time.perf_counter(), time.process_time()
    value = fn(*args)
    gc.collect()  # what it left (the MinHash index of clustering: about 100 MB a day) goes now
    return Measured(value, time.perf_counter() - start, time.process_time() - cpu,
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


# WeasyPrint is loaded while the compose call is waited for, saving 0.6 s of a 40 s run; on a run of
# hundreds of full summaries (4 minutes) that is nothing, and its 25-35 MB would sit on the run's peak
WARM_PDF_MAX_STORIES = 100
def _measured_thread(fn: Callable[..., T], *args: object) -> Measured[T]:
    """``_measured`` for a worker thread: its own CPU time (``time.thread_time``), no collection."""
    start, cpu = time.perf_counter(), time.thread_time()
    value = fn(*args)
    return Measured(value, time.perf_counter() - start, time.thread_time() - cpu,
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


CLUSTER_APART_ABOVE = 300  # articles: below, clustering takes under 0.3 s, less than starting a process


@contextlib.contextmanager
def _beside(apart: bool, fn: Callable[..., T], *args: object) -> Iterator[Future[Measured[T]]]:
    """``fn(*args)`` in a child process (``apart``), measured there, while the ``with`` body runs
    here; or here, at once. The pipeline uses it for one thing: clustering a day (1-1.5 s) on the
    second core while litellm is imported (2-3 s; README, "Speed"). A fork: the child shares the
    corpus already read instead of receiving it pickled; only the stories come back.
    """
    if not apart:
        done: Future[Measured[T]] = Future()
        done.set_result(_measured(fn, *args))
        yield done
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool.submit(_measured, fn, *args)


def _metered(settings: ModelSettings, options: GenerateOptions, completion: Completion | None) -> MeteredCompletion:
    from .llm import cost_estimator

    cache = None
    if options.cache_path is not None and not (options.replay or options.record):
        from .cache import ResponseCache, request_key

        cache = ResponseCache(options.cache_path)
    return MeteredCompletion(
        completion or LiteLLMCompletion(settings, connections=options.concurrency), cache=cache,
        cache_key=(lambda r: request_key(settings.model, settings.structured_output, r)) if cache else None,
        max_cost_usd=options.max_cost_usd,
        estimate_cost=cost_estimator(settings) if options.max_cost_usd is not None else None,
    )


@dataclass(frozen=True)
class Built:
    briefing: Briefing
    metered: MeteredCompletion
    plan: StoryPlan
    threads: Threads | None  # with a history: every story's thread


async def build_briefing(corpus: Corpus, settings: ModelSettings, options: GenerateOptions, *,
                         completion: Completion | None = None,
                         count_tokens: Callable[[str], int] | None = None,
                         stages: _Stages | None = None, history: History | None = None) -> Built:
    """Cluster, chunk, summarize, verify and compose (and with ``history``: thread the stories
    and say what changed); no files are written."""
    if not corpus.articles:
        raise InputError("no articles to summarize: " + (
            "; ".join(f"{p.origin}: {p.reason}" for p in corpus.problems) or "no inputs given"))
    stage = stages or _Stages()
    started = time.perf_counter()
    metered = _metered(settings, options, completion)
    try:
        return await _build(corpus, settings, options, metered, count_tokens, stage, started, history)
    finally:
        await metered.aclose()
        gc.unfreeze()  # what _build froze goes back to the collector, whatever happened


async def _build(corpus: Corpus, settings: ModelSettings, options: GenerateOptions, metered: MeteredCompletion,
                 count_tokens: Callable[[str], int] | None, stage: _Stages, started: float,
                 history: History | None) -> Built:
    articles = {a.id: a for a in corpus.articles}
    watchlist = load_watchlist(options.watchlist) if options.watchlist else []

    # the LLM client (litellm's import and its tokenizer: 2-3 s) loads while a child process
    # clusters a day, when there is one to load; else clustering runs here first
    apart = (count_tokens is None and not client_loaded() and len(corpus.articles) >= CLUSTER_APART_ABOVE
             and "fork" in multiprocessing.get_all_start_methods())
    with _beside(apart, cluster, corpus, watchlist) as clustering:
        with stage("client"), _loading():
            count = count_tokens or token_counter(settings.model)
            count("نص")
        measured = clustering.result()
    stage.record("cluster", measured)
    stories = measured.value
    top = stories.stories[:options.max_stories] if options.max_stories is not None else stories.stories
    below = stories.stories[len(top):]
    views = Corpus(articles=[story_view(s, articles) for s in top])
    # every story's thread across days (threads.py: 1-3 s of CPU on a day): in a worker thread
    # while the model is waited for, collected after compose, where the changes need it
    threading_ = (asyncio.get_running_loop().run_in_executor(
        None, _measured_thread, thread_stories, options.date, stories, articles, history)
        if history is not None else None)
    gc.freeze()  # the corpus and the stories live to the end: later collections skip them
    with stage("chunk"):
        plan = chunk_corpus(views, tokenizer_model=settings.model, max_tokens=options.max_chunk_tokens,
                            count_tokens=count)
    registry = Registry.load(options.registry)
    reports = [OtherReport(story_id=s.id, article_ids=s.article_ids, outlets=s.outlets,
                           headline_ar=_headline_ar(articles[s.lead_id])) for s in below]
    by_story = {s.id: s for s in top}
    # while the model is waited for, threads load what later steps need: the checker's tables
    # now (the first drafts are checked as they arrive); WeasyPrint during the compose call below
    threading.Thread(target=warm_up_checks, name="briefing-check-warm-up", daemon=True).start()
    with stage("summarize"):
        gate = Slots(options.concurrency)  # requests in flight, summaries and headlines together
        batch, reports = await asyncio.gather(
            summarize.summarize(plan, metered, summarize.SummarizeOptions(
                max_reasks=options.max_reasks, concurrency=options.concurrency,
                pack_articles=options.pack_articles, gate=gate, registry=registry, progress=options.progress)),
            summarize.translate_headlines(reports, metered, max_reasks=options.max_reasks, gate=gate))
    with stage("verify"):
        linked = [s.model_copy(update={"story_article_ids": by_story[s.article_id].article_ids,
                                       "outlets": by_story[s.article_id].outlets}) for s in batch.summaries]
        batch = verify(batch.model_copy(update={
            "summaries": linked,
            "failed": [_with_story(f, by_story[f.article_id].article_ids, articles) for f in batch.failed]}),
            articles, registry)
    forget()  # the checks' memo tables: WeasyPrint's fonts (35 MB) take their place, not on top of them
    gc.collect()
    if "pdf" in options.formats and len(batch.summaries) <= WARM_PDF_MAX_STORIES:
        render.warm_up()
    run = compose.RunFacts(
        model=settings.model, structured_output=settings.structured_output,
        prompt_versions=prompting.versions(
            batch.prompts + compose.PROMPTS + (summarize.HEADLINE_PROMPTS if reports else [])),
        replayed_from=options.replay.name if options.replay else None,
        started=started, max_cost_usd=options.max_cost_usd,
    )
    with stage("compose"):
        briefing = await compose.compose(
            batch, corpus, date=options.date, completion=metered, run=run, max_reasks=options.max_reasks,
            registry=registry, other_reports=reports, framed=options.compose_stories,
            digest_stories=options.digest_stories,
            clustering=f"{len(corpus.articles)} articles in {len(stories.stories)} stories ({stories.method})")
    threads = None
    if threading_ is not None and history is not None:
        threaded = await threading_
        stage.record("threads", threaded)  # measured in its thread: it overlapped summarize and compose
        threads = threaded.value
        with stage("changes"):  # what changed since the last briefing (changes.py)
            changes = changes_since(briefing, threads, history)
            briefing = briefing.model_copy(update={"changes": changes, "bluf": mark_disputed(briefing, changes)})
    return Built(briefing, metered, stories, threads)


@contextlib.contextmanager
def _loading() -> Iterator[None]:
    """Loading a big library (litellm: a million objects that all live on) with the cyclic garbage
    collector paused, then frozen out of later collections (``gc.freeze``): otherwise the collector
    traverses the growing heap again and again meanwhile (1.1 s of a 3.4 s import here)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _with_story(failed: FailedArticle, story_ids: list[str], articles: dict[str, Article]) -> FailedArticle:
    """A failed story names its other reports too: every article read is summarized or listed."""
    others = [articles[a].origin for a in story_ids if a != failed.article_id]
    if not others:
        return failed
    return failed.model_copy(update={"reason": f"{failed.reason} (also not summarized, the same story: "
                                               f"{', '.join(others)})"})


def _headline_ar(article: Article) -> str:
    text = article.title or article.lede
    return text if len(text) <= 200 else text[:199] + "…"


@contextlib.contextmanager
def _traffic(settings: ModelSettings, options: GenerateOptions) -> Iterator[None]:
    if options.replay and options.record:
        raise UsageError("--record and --replay cannot be used together")
    if options.replay:
        with cassette.replaying(options.replay):
            yield
    elif options.record:
        header = {
            "model": settings.model, "api_base": settings.api_base,
            "structured_output": settings.structured_output, "temperature": settings.temperature,
            "max_output_tokens": settings.max_output_tokens, "date": options.date.isoformat(),
        }
        with cassette.recording(options.record, header, secrets=(settings.api_key or "",)):
            yield
    else:
        yield


def generate(inputs: Sequence[str | Path], settings: ModelSettings, options: GenerateOptions, *,
             completion: Completion | None = None, corpus: Corpus | None = None) -> GenerateResult:
    """Read the inputs, build the briefing and write it in every requested format."""
    formats = check_formats(options.formats)
    started = time.perf_counter()
    stage = _Stages()
    with stage("ingest"):
        corpus = corpus if corpus is not None else read_inputs(inputs, options.ingest)
    store = open_store(options.store) if options.store is not None else None
    history = load_history(store, options.date) if store is not None else None
    with _traffic(settings, options):
        built = asyncio.run(build_briefing(corpus, settings, options, completion=completion, stages=stage,
                                           history=history))
    briefing, metered = built.briefing, built.metered
    forget()  # the checks' memo tables; their memory goes to rendering
    gc.unfreeze()  # a full collection: what died since the freezes (cycles among them) goes too
    gc.collect()
    if options.progress:
        options.progress("render", 0, 1)
    paths: list[Path] = []
    for fmt in (f for f in FORMATS if f in formats):  # html, pdf, json: the PDF names its stories in the JSON
        with stage(f"render_{fmt}"):
            data, briefing = render.render_format(briefing, fmt, digest_evidence=options.digest_evidence,
                                                  digest_pages=options.digest_pages)
        with stage("write"):  # each format written as soon as it is made: one at a time in memory
            paths += write_outputs({fmt: data}, options.out_dir, options.date)
        del data
    if options.progress:
        options.progress("render", 1, 1)
    if store is not None and built.threads is not None:
        with stage("record"):  # today's record, replacing any earlier run of the same day
            json_path = options.out_dir / output_name(options.date, "json")
            store.record(day_record(briefing, built.plan, built.threads, briefing_path=str(json_path.resolve())),
                         recorded_at=dt.datetime.now(dt.UTC))
            paths += write_archive(store, options.out_dir)  # index.html and the stories' timelines
            store.close()
    u = metered.usage
    manifest = Manifest(
        date=options.date, model=settings.model, articles=len(corpus.articles),
        stories=len(briefing.summaries) + len(briefing.failed) + len(briefing.other_reports),
        summarized=len(briefing.summaries), failed=len(briefing.failed), calls=u.calls, retries=u.retries,
        reasks=u.reasks,
        input_tokens=u.input_tokens, output_tokens=u.output_tokens,
        cost_usd=None if u.unpriced_calls else round(u.cost_usd, 6), unpriced_calls=u.unpriced_calls,
        cache_hits=u.cache_hits, budget_usd=options.max_cost_usd, refused_for_budget=metered.refused,
        stage_wall_s=stage.wall, stage_cpu_s=stage.cpu, stage_peak_rss_mb=stage.peak_rss_mb,
        wall_s=round(time.perf_counter() - started, 3),
    )
    paths += write_outputs({"manifest.json": (manifest.model_dump_json(indent=2) + "\n").encode()},
                           options.out_dir, options.date)
    return GenerateResult(briefing=briefing, paths=paths, manifest=manifest)


def load_briefing(path: Path) -> Briefing:
    from pydantic import ValidationError

    try:
        return Briefing.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except ValidationError as exc:
        raise InputError(f"{path}: not a briefing JSON ({exc.error_count()} problem(s), "
                         f"first: {exc.errors()[0]['msg']})") from None


def publish(path: Path, *, published_at: dt.datetime, formats: Sequence[str] = FORMATS,
            options: PublishOptions | None = None) -> list[Path]:
    """The reviewed edition of the briefing at ``path``, from its review file: rejected claims out,
    edits in, the review in the methodology; written beside it as ``briefing-DATE.reviewed.*``."""
    from . import review

    opts = options or PublishOptions()
    briefing = load_briefing(path)
    store = review.ReviewStore(path, briefing)
    log = store.load()
    if not log.decisions:
        raise UsageError(f"nothing to publish: no decision in {store.path.name} yet (run `briefing review {path}`)")
    reviewed = review.apply(briefing, log, published_at=published_at, review_file=store.path.name,
                            registry=Registry.load(opts.registry))
    rendered: dict[str, bytes] = {}
    for fmt in (f for f in FORMATS if f in check_formats(formats)):
        rendered[fmt], reviewed = render.render_format(reviewed, fmt, digest_evidence=opts.digest_evidence,
                                                       digest_pages=opts.digest_pages)
    paths = write_outputs(rendered, path.parent, briefing.date, edition="reviewed")
    if opts.store is not None:  # the reviewed claims replace the generated ones in the day's record
        runs = open_store(opts.store)
        try:
            if record_reviewed(runs, reviewed):
                paths += write_archive(runs, path.parent)
        finally:
            runs.close()
    return paths


@dataclass(frozen=True)
class PublishOptions:
    digest_pages: int = _RUN.digest_pages
    digest_evidence: bool = _RUN.digest_evidence
    registry: Path | None = None
    store: Path | None = None  # the run store: the reviewed edition replaces the day's claims there


def render_file(path: Path, out_dir: Path, formats: Sequence[str]) -> list[Path]:
    """Re-render a briefing JSON into the requested formats; no LLM calls."""
    briefing = load_briefing(path)
    return write_outputs(render.render(briefing, check_formats(formats)), out_dir, briefing.date)


@dataclass(frozen=True)
class VerifyReport:
    briefing: Briefing
    changed: int  # claims whose status or problems changed

    @property
    def claims(self) -> int:
        return self.briefing.methodology.claims_total

    @property
    def unverified(self) -> list[tuple[str, str, list[str]]]:
        return [(c.id, c.text_en, c.problems) for c in self.briefing.claims()
                if c.status not in ("verified", "supported")]


def verify_briefing(briefing: Briefing, registry: Path | None = None) -> VerifyReport:
    """Re-check every claim against the article texts embedded in the briefing."""
    from .verify import verify_bluf, verify_summary

    reg = Registry.load(registry)
    articles = {a.id: a for a in briefing.articles}
    missing = [s.article_id for s in briefing.summaries if s.article_id not in articles]
    if missing:
        raise InputError(f"the briefing JSON lacks the original text of article(s) {', '.join(missing)}")
    summaries = [verify_summary(s, articles[s.article_id], reg) for s in briefing.summaries]
    before = {c.id: (c.status, c.problems) for c in briefing.claims()}
    after = [c for s in summaries for c in s.claims]
    changed = sum(before.get(c.id) != (c.status, c.problems) for c in after)
    m = briefing.methodology
    methodology = m.model_copy(update={
        "claims_total": len(after),
        "claims_verified": sum(c.status == "verified" for c in after),
        "claims_supported": sum(c.status == "supported" for c in after),
        "claims_unverified": sum(c.status == "unverified" for c in after),
    })
    updated = briefing.model_copy(update={"summaries": summaries, "methodology": methodology,
                                          "bluf": verify_bluf(briefing.bluf, summaries, articles, reg),
                                          "unregistered_names": compose.unregistered(summaries, reg)})
    return VerifyReport(briefing=updated, changed=changed)


def email_file(pdf_path: Path, json_path: Path | None = None, *, sender: str | None, recipients: Sequence[str],
               smtp: SmtpSettings, sent_at: dt.datetime | None = None, dry_run: Path | None = None,
               force: bool = False, require_review: bool = False) -> EmailResult:
    """Email a written briefing PDF; the date and bottom line come from the briefing JSON next to it."""
    from .mail import briefing_json_for

    briefing = load_briefing(json_path or briefing_json_for(pdf_path))
    return email_briefing(briefing, pdf_path, sender=sender, recipients=recipients, smtp=smtp, sent_at=sent_at,
                          dry_run=dry_run, force=force, require_review=require_review)
