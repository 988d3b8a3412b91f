"""The ``briefing`` command: a thin layer over ``briefing.api``.

Exit codes: 0 success · 1 failure · 2 usage or input error · 3 briefing written but some
articles failed · 4 (``verify``) some claims are unverified.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import EXIT_FAILURE, EXIT_OK, EXIT_PARTIAL, EXIT_UNVERIFIED, BriefingError, UsageError

F = TypeVar("F", bound=Callable[..., Any])


def _errors(fn: F) -> F:
    """Print a ``BriefingError`` as one line and exit with its code; never a traceback."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except BriefingError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _formats(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(p.strip() for p in value.split(",") if p.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing")
def cli() -> None:
    """Dated English situation briefings from Arabic news articles."""


@cli.command()
@click.option("--sources", type=click.Path(dir_okay=False, path_type=Path),
              help="The sources file [config: [fetch] sources; default ./sources.toml].")
@click.option("--archive", type=click.Path(file_okay=False, path_type=Path),
              help="The archive folder [config: [fetch] archive; default ./archive].")
@click.option("--since", callback=_date, help="Archive only articles published on or after this date.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="TOML config file.")
@_errors
def fetch(sources: Path | None, archive: Path | None, since: dt.date | None, config_file: Path | None) -> None:
    """Fetch the sources' feeds and pages into the dated archive that `generate --archive` reads.

    Prints one line per source (new, not modified, duplicates, failures with their reasons) and
    writes fetch-report.json in the archive. Exits 0 when nothing failed, 3 when a source or some
    of its items failed, 1 when no source gave anything.
    """
    from . import fetch as fetching
    from .config import load_config
    from .sources import load_sources

    cfg = load_config({"sources": sources, "archive": archive}, os.environ, config_file=config_file,
                      cwd=Path.cwd(), home=Path.home())
    f = cfg.fetch
    report = fetching.fetch(load_sources(f.sources), fetching.FetchOptions(
        archive=f.archive, now=dt.datetime.now(dt.UTC), timezone=cfg.desk.timezone, since=since,
        concurrency=f.concurrency, per_host_delay_s=f.per_host_delay_s, timeout_s=f.timeout_s,
        max_bytes=f.max_bytes, max_redirects=f.max_redirects))
    for s in report.sources:
        click.echo(f"{s.name}: {s.new} new, {s.not_modified} not modified, {s.duplicates} duplicate(s)"
                   + (f", {s.old} older than --since" if s.old else "")
                   + (f", {len(s.failures)} failed" if s.failures else "") + f" ({s.seconds:.1f} s)", err=True)
        for note in s.notes:
            click.echo(f"  note: {note}", err=True)
        for failure in s.failures:
            click.echo(f"  failed: {failure.url}: {failure.reason}", err=True)
    days = ", ".join(f"{d}: {n}" for d, n in report.new_by_day.items()) or "none"
    click.echo(f"new articles by day: {days}; report: {f.archive / 'fetch-report.json'}", err=True)
    sys.exit(report.exit_code)


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--date", "date", required=True, callback=_date, help="Briefing date, YYYY-MM-DD.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write briefing-DATE.{html,pdf,json} into.")
@click.option("--model", help="litellm model, e.g. openai/gpt-4o-mini [env BRIEFING_MODEL].")
@click.option("--api-base", help="Endpoint of an OpenAI-compatible server [env BRIEFING_API_BASE].")
@click.option("--structured-output", type=click.Choice(["auto", "json_schema", "json_object", "prompt"]),
              help="How the model is asked for JSON; auto (default) chooses per provider "
                   "[env BRIEFING_STRUCTURED_OUTPUT].")
@click.option("--format", "formats", help="Comma-separated: html,pdf,json (default: all three).")
@click.option("--concurrency", type=int, help="Parallel model calls (default 4).")
@click.option("--pack", "pack_articles", type=int,
              help="Short articles summarized together per call (default 6; 1: one call per article).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="TOML config file.")
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path),
              help="Extra transliteration registry TOML (adds to the packaged one).")
@click.option("--max-cost", type=float, help="Budget in USD: no paid call starts past it.")
@click.option("--max-stories", type=int, help="Full summaries for the top N stories; the rest as Other reports.")
@click.option("--digest-pages", type=int, help="Pages the emailed digest (the PDF) aims at [config: run].")
@click.option("--digest-evidence", is_flag=True, default=None,
              help="Show each claim's Arabic evidence in the digest too (default: by reference).")
@click.option("--watchlist", type=click.Path(dir_okay=False, path_type=Path),
              help="TOML of topics/places/actors (Arabic and English terms) that rank stories.")
@click.option("--no-cache", is_flag=True, help="Do not use the response cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Response cache folder [default: $XDG_CACHE_HOME/briefing or ~/.cache/briefing].")
@click.option("-q", "--quiet", is_flag=True, help="Only errors and the written paths.")
@click.option("-v", "--verbose", is_flag=True, help="Also list every input note and unverified claim.")
@click.option("--record", type=click.Path(dir_okay=False, path_type=Path),
              help="Save every LLM exchange as a vcrpy cassette (keys scrubbed).")
@click.option("--replay", type=click.Path(dir_okay=False, path_type=Path),
              help="Answer every LLM request from a cassette; no network.")
@click.option("--email", "email_group", is_flag=False, flag_value="", default=None, metavar="[GROUP]",
              help="Then email the PDF to GROUP of [email.groups] in the config (default: its default_group).")
@click.option("--require-review", is_flag=True,
              help="Refuse --email: a briefing just generated is not reviewed (review, publish, then send).")
@click.option("--archive", type=click.Path(file_okay=False, path_type=Path),
              help="Brief the day from this archive (`briefing fetch`): the articles published on --date.")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
              help="The run store (SQLite): say what changed since the last briefing in it, then record this "
                   "one [config: [desk] store].")
@_errors
def generate(inputs: tuple[Path, ...], date: dt.date, out_dir: Path, model: str | None, api_base: str | None,
             structured_output: str | None, formats: str | None, concurrency: int | None, pack_articles: int | None,
             config_file: Path | None, registry: Path | None, max_cost: float | None, max_stories: int | None,
             watchlist: Path | None, digest_pages: int | None, digest_evidence: bool | None, no_cache: bool,
             cache_dir: Path | None, quiet: bool, verbose: bool, record: Path | None, replay: Path | None,
             email_group: str | None, require_review: bool, archive: Path | None, store: Path | None) -> None:
    """Summarize INPUT files/folders (.txt .html .json .jsonl .zip) into a dated briefing.

    With --archive DIR, the day's articles come from the archive `briefing fetch` writes
    (DIR/DATE.jsonl: published on DATE in the desk's time zone), besides any INPUT."""
    from . import api
    from .config import load_config

    if archive is not None:
        day = archive / f"{date.isoformat()}.jsonl"
        if not day.is_file():
            raise UsageError(f"no articles archived for {date.isoformat()} in {archive} (run `briefing fetch`)")
        inputs = (*inputs, day)
    if not inputs:
        raise UsageError("no input: give INPUT files or folders, or --archive DIR")

    if require_review and email_group is not None:
        raise UsageError("--require-review: a briefing just generated is not reviewed, so --email would send it "
                         "unreviewed; run `briefing review`, then `briefing send --require-review`")

    cfg = load_config(
        {"model": model, "api_base": api_base, "structured_output": structured_output,
         "formats": _formats(formats), "concurrency": concurrency, "pack_articles": pack_articles,
         "digest_pages": digest_pages, "digest_evidence": digest_evidence, "max_stories": max_stories,
         "store": store},
        os.environ, config_file=config_file, cwd=Path.cwd(), home=Path.home())
    settings = api.settings_from_cassette(replay) if replay else cfg.model_settings()
    run = cfg.run
    options = api.GenerateOptions(
        date=date, out_dir=out_dir, formats=run.formats, max_chunk_tokens=run.max_chunk_tokens,
        concurrency=run.concurrency, pack_articles=run.pack_articles, max_reasks=run.max_reasks,
        compose_stories=run.compose_stories, digest_pages=run.digest_pages, digest_evidence=run.digest_evidence,
        digest_stories=run.digest_stories,
        record=record,
        replay=replay,
        registry=registry or run.registry, max_cost_usd=max_cost, max_stories=run.max_stories, watchlist=watchlist,
        cache_path=None if no_cache else _cache_dir(cache_dir) / "responses.sqlite", store=cfg.desk.store)
    mailing = _mailing(email_group, cfg, options.formats) if email_group is not None else None
    corpus = api.read_inputs(inputs, options.ingest)
    for problem in corpus.problems:
        if problem.level == "error" or verbose or (not quiet and len(corpus.problems) <= 20):
            click.echo(f"{'note' if problem.level == 'note' else 'skipped'}: {problem.origin}: {problem.reason}",
                       err=True)
    if not quiet:
        click.echo(f"{len(corpus.articles)} article(s) read; model {settings.model}"
                   + (f" (replaying {replay})" if replay else ""), err=True)
    with contextlib.ExitStack() as stack:
        if not quiet and len(corpus.articles) > 1:
            from .progress import PlainProgress, RichProgress

            bar: Any = stack.enter_context(RichProgress()) if sys.stderr.isatty() else PlainProgress()
            options = dataclasses.replace(options, progress=bar)
        result = api.generate(inputs, settings, options, corpus=corpus)
    if not quiet:
        _report(result.briefing, verbose)
    for path in result.paths:
        click.echo(str(path))
    if not result.briefing.summaries and result.briefing.failed:
        # a briefing with no summary is a failure, kept for the record, never sent
        click.secho(f"error: no article could be summarized ({len(result.briefing.failed)} failed)"
                    + ("; the briefing is not emailed" if mailing is not None else ""), fg="red", err=True)
        sys.exit(EXIT_FAILURE)
    if mailing is not None:
        pdf = next(p for p in result.paths if p.suffix == ".pdf")
        _email_report(api.email_briefing(result.briefing, pdf, sender=mailing.sender, recipients=mailing.recipients,
                                         smtp=mailing.smtp, sent_at=dt.datetime.now(dt.UTC)))
    if result.partial:
        click.secho(f"partial: {len(result.briefing.failed)} article(s) not summarized", fg="yellow", err=True)
        sys.exit(EXIT_PARTIAL)
    sys.exit(EXIT_OK)


def _cache_dir(explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing"


def _report(briefing: Any, verbose: bool = False) -> None:
    m = briefing.methodology
    cost = f"${m.cost_usd:.4f}" if m.cost_usd is not None else "cost not priced"
    click.echo(
        f"{len(briefing.summaries)} summarized, {len(briefing.failed)} failed; claims {m.claims_verified} "
        f"verified, {m.claims_supported} verified with context, {m.claims_unverified} unverified; "
        f"{m.calls} call(s), {m.input_tokens}+{m.output_tokens} tokens, "
        f"{cost}; {m.wall_s:.1f}s", err=True)
    for failed in briefing.failed:
        click.echo(f"not summarized: {failed.origin}: {failed.reason}", err=True)
    if verbose:
        for claim in briefing.claims():
            if claim.status not in ("verified", "supported"):
                click.echo(f"unverified {claim.id}: {claim.text_en[:90]} — {'; '.join(claim.problems)}", err=True)


@cli.command()
@click.argument("briefing_json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "formats", default="html,pdf", show_default=True, help="Comma-separated: html,pdf,json.")
@_errors
def render(briefing_json: Path, out_dir: Path, formats: str) -> None:
    """Re-render a briefing JSON as HTML/PDF (no LLM calls)."""
    from . import api

    for path in api.render_file(briefing_json, out_dir, _formats(formats) or ()):
        click.echo(str(path))


@cli.command()
@click.argument("briefing_json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", type=int, default=0, show_default=True, help="Port on 127.0.0.1 (0: any free port).")
@click.option("--reviewer", help="Your name, saved with each decision [default: your login name].")
@click.option("--no-browser", is_flag=True, help="Print the URL only; do not open a browser.")
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help="Extra registry TOML.")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
              help="The run store: Publish records the reviewed claims there [config: [desk] store].")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="TOML config file.")
@_errors
def review(briefing_json: Path, port: int, reviewer: str | None, no_browser: bool, registry: Path | None,
           store: Path | None, config_file: Path | None) -> None:
    """Review a briefing in the browser: approve, reject or edit each claim, then publish.

    Serves the review page on 127.0.0.1 only, with a secret token in the URL. Every decision is
    saved at once to briefing-DATE.review.json beside the briefing; Publish (or `briefing publish`)
    writes briefing-DATE.reviewed.html, .pdf and .json. Stop with Ctrl-C: nothing saved is lost.
    """
    import getpass
    import secrets
    import webbrowser

    from . import api, server
    from .config import load_config
    from .registry import Registry
    from .review import ReviewStore

    cfg = load_config({"store": store}, os.environ, config_file=config_file, cwd=Path.cwd(), home=Path.home())
    runs = cfg.desk.store

    briefing = api.load_briefing(briefing_json)
    ReviewStore(briefing_json, briefing).load()  # a broken or stale review file stops here, not in the page
    sock = server.bind(port)
    bound = sock.getsockname()[1]
    rs = server.ReviewServer(
        briefing_path=briefing_json.resolve(), briefing=briefing, reviewer=reviewer or getpass.getuser(),
        token=secrets.token_urlsafe(24), port=bound, clock=lambda: dt.datetime.now(dt.UTC),
        registry=Registry.load(registry),
        publish=lambda path, at: api.publish(path, published_at=at,
                                             options=api.PublishOptions(registry=registry, store=runs)))
    url = f"http://127.0.0.1:{bound}/?token={rs.token}"
    click.echo(f"reviewing {briefing_json} as {rs.reviewer}: {url}", err=True)
    click.echo(url)
    if not no_browser:
        with contextlib.suppress(webbrowser.Error):  # no browser here: the URL is printed
            webbrowser.open(url)
    server.serve(rs, sock)


@cli.command()
@click.argument("briefing_json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "formats", default="html,pdf,json", show_default=True, help="Comma-separated: html,pdf,json.")
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help="Extra registry TOML.")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
              help="The run store: the reviewed claims replace the day's there [config: [desk] store].")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="TOML config file.")
@_errors
def publish(briefing_json: Path, formats: str, registry: Path | None, store: Path | None,
            config_file: Path | None) -> None:
    """Write the reviewed edition (briefing-DATE.reviewed.*) from the review's decisions."""
    from . import api
    from .config import load_config

    cfg = load_config({"store": store}, os.environ, config_file=config_file, cwd=Path.cwd(), home=Path.home())
    for path in api.publish(briefing_json, published_at=dt.datetime.now(dt.UTC), formats=_formats(formats) or (),
                            options=api.PublishOptions(registry=registry, store=cfg.desk.store)):
        click.echo(str(path))


@cli.command()
@click.argument("briefing_json", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the re-checked briefing JSON here.")
@click.option("--registry", type=click.Path(dir_okay=False, path_type=Path), help="Extra registry TOML.")
@_errors
def verify(briefing_json: Path, out_file: Path | None, registry: Path | None) -> None:
    """Re-check every claim of a briefing JSON against its embedded Arabic articles.

    Exits 0 when every claim is verified (with context or without), 4 otherwise.
    """
    from . import api
    from .files import write_atomic
    from .render import render_json

    report = api.verify_briefing(api.load_briefing(briefing_json), registry)
    bad = report.unverified
    supported = sum(c.status == "supported" for c in report.briefing.claims())
    click.echo(f"{report.claims} claim(s): {report.claims - len(bad) - supported} verified, {supported} verified with "
               f"context, {len(bad)} unverified ({report.changed} changed)")
    for claim_id, text, problems in bad:
        click.echo(f"  UNVERIFIED {claim_id}: {text[:100]}")
        for problem in problems:
            click.echo(f"    - {problem}")
    if out_file is not None:
        write_atomic(out_file, render_json(report.briefing).encode("utf-8"))
        click.echo(str(out_file))
    sys.exit(EXIT_OK if not bad else EXIT_UNVERIFIED)


@cli.command()
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "to", multiple=True, metavar="ADDR|GROUP",
              help="Recipient, or a group name from [email.groups]; repeatable or comma-separated "
                   "[default: the config's default_group].")
@click.option("--from", "sender", help="Sender address [config: from under [email]].")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="The briefing JSON (default: the .json next to the PDF).")
@click.option("--smtp-host", help="SMTP server [config: smtp_host; default localhost].")
@click.option("--smtp-port", type=int, help="[default: 587 starttls, 465 ssl, 25 none]")
@click.option("--tls", type=click.Choice(["starttls", "ssl", "none"]), help="[default: starttls]")
@click.option("--insecure-no-tls", is_flag=True, help="Allow --tls none (the briefing travels unencrypted).")
@click.option("--ca-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also trust this CA certificate (PEM), e.g. a company CA.")
@click.option("--timeout", "timeout_s", type=float, help="Seconds per SMTP step [default 30].")
@click.option("--dry-run", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.eml",
              help="Write the message to FILE.eml instead of sending it.")
@click.option("--force", is_flag=True, help="Send a PDF over 10 MB anyway (many mail servers refuse it).")
@click.option("--require-review", is_flag=True, help="Refuse to send a briefing that no analyst reviewed.")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="TOML config file.")
@_errors
def send(pdf: Path, to: tuple[str, ...], sender: str | None, json_path: Path | None, smtp_host: str | None,
         smtp_port: int | None, tls: str | None, insecure_no_tls: bool, ca_file: Path | None,
         timeout_s: float | None, dry_run: Path | None, force: bool, require_review: bool,
         config_file: Path | None) -> None:
    """Email a briefing PDF, with its bottom line in the body.

    Given briefing-DATE.pdf, sends the reviewed edition (briefing-DATE.reviewed.pdf) when one was
    published. The email says whether the briefing was reviewed. Credentials come only from
    BRIEFING_SMTP_USER and BRIEFING_SMTP_PASSWORD. Exits 5 when the message could not be sent;
    the PDF stays where it is.
    """
    from . import api
    from .mail import reviewed_edition

    if json_path is None:
        pdf, note = reviewed_edition(pdf)
        if note:
            click.echo(note, err=True)

    email = _email_config(config_file)
    smtp = _smtp(email.smtp, {"host": smtp_host, "port": smtp_port, "tls": tls, "ca_file": ca_file,
                              "timeout_s": timeout_s}, insecure_no_tls)
    result = api.email_file(pdf, json_path, sender=sender or email.sender,
                            recipients=email.recipients(to) if to else email.group(None), smtp=smtp,
                            sent_at=dt.datetime.now(dt.UTC), dry_run=dry_run, force=force,
                            require_review=require_review)
    _email_report(result)


def _email_config(config_file: Path | None, settings: Any = None) -> Any:
    """The [email] settings (of ``settings`` when the command read them already)."""
    from .config import load_config
    from .message import from_section

    cfg = settings or load_config({}, os.environ, config_file=config_file, cwd=Path.cwd(), home=Path.home())
    return from_section(cfg.email, None if cfg.source == "defaults" else cfg.source)


def _smtp(base: Any, flags: dict[str, Any], allow_no_tls: bool) -> Any:
    """SMTP settings: flags over the config file; credentials from the environment only."""
    return dataclasses.replace(base, **{k: v for k, v in flags.items() if v is not None}, allow_no_tls=allow_no_tls,
                               username=os.environ.get("BRIEFING_SMTP_USER") or None,
                               password=os.environ.get("BRIEFING_SMTP_PASSWORD") or None)


def _mailing(group: str, settings: Any, formats: tuple[str, ...]) -> Any:
    from .mail import plan_mailing

    email = _email_config(None, settings)
    return plan_mailing(email, group or None, _smtp(email.smtp, {}, allow_no_tls=False), formats)


def _email_report(result: Any) -> None:
    if result.sent is None:
        click.echo(f"not sent (dry run): {len(result.recipients)} recipient(s), {result.size_bytes:,} bytes", err=True)
        click.echo(str(result.eml))
    else:
        r = result.sent
        click.echo(f"sent to {len(r.recipients)} recipient(s) via {r.host}:{r.port} ({r.tls}), "
                   f"{r.size_bytes:,} bytes, {r.wall_s:.2f}s", err=True)


@cli.command()
@click.option("--date", "date", callback=_date, help="The day to brief [default: today in [desk] timezone].")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="The desk's TOML config file.")
@click.option("--no-fetch", is_flag=True, help="Do not fetch the sources first.")
@click.option("--email", "email_group", is_flag=False, flag_value="", default=None, metavar="[GROUP]",
              help="Email the digest to GROUP [config: [desk] email_group].")
@click.option("--replay", type=click.Path(dir_okay=False, path_type=Path), hidden=True,
              help="Answer from a cassette (tests).")
@click.pass_context
@_errors
def daily(ctx: click.Context, date: dt.date | None, config_file: Path | None, no_fetch: bool,
          email_group: str | None, replay: Path | None) -> None:
    """The morning routine in one command, for cron or a systemd timer: fetch the sources (when a
    sources file exists), brief the day from the archive, record it in the store, write the files,
    and email the digest when a group is set.

    Exits like `generate` (0, 3 partial, 1 failure, 5 not sent), 3 also when a source failed, and
    6 when another run holds the lock (two runs never overlap).
    """
    from zoneinfo import ZoneInfo

    from filelock import FileLock, Timeout

    from .config import load_config
    from .errors import LockedError

    cfg = load_config({}, os.environ, config_file=config_file, cwd=Path.cwd(), home=Path.home())
    day = date or dt.datetime.now(ZoneInfo(cfg.desk.timezone)).date()
    store = cfg.desk.store or _data_dir() / "store.sqlite"
    store.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(store) + ".lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise LockedError(f"another `briefing daily` is running (lock {store}.lock held); not started") from None
    try:
        fetched = EXIT_OK
        if not no_fetch and cfg.fetch.sources.is_file():
            try:
                ctx.invoke(fetch, config_file=config_file)
            except SystemExit as exc:
                fetched = int(exc.code or 0)
                if fetched == 130:  # interrupted (Ctrl-C): stop, do not go on to the model
                    raise
            except Exception as exc:
                click.secho(f"warning: the fetch failed ({type(exc).__name__}: {exc})", fg="yellow", err=True)
                fetched = EXIT_FAILURE
            if fetched == EXIT_FAILURE:
                click.secho("warning: no source could be fetched; briefing what the archive holds", fg="yellow",
                            err=True)
        group = email_group if email_group is not None else cfg.desk.email_group
        if group is not None and cfg.desk.require_review:
            click.echo("not emailing: [desk] require_review is set (review, publish, then `briefing send`)", err=True)
            group = None
        code = EXIT_OK
        try:
            ctx.invoke(generate, inputs=(), date=day, out_dir=cfg.desk.out, config_file=config_file,
                       archive=cfg.fetch.archive, store=store, email_group=group, replay=replay)
        except SystemExit as exc:
            code = int(exc.code or 0)
    finally:
        lock.release()
    sys.exit(code if code != EXIT_OK else (EXIT_PARTIAL if fetched != EXIT_OK else EXIT_OK))


def _data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "briefing"


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the briefing JSON."""
    from .models import Briefing

    click.echo(json.dumps(Briefing.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:  # pragma: no cover
    cli()
