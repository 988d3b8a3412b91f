"""Shared fixtures. No test reaches the network: only loopback connections are allowed."""

from __future__ import annotations

import json
import os
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"

from briefing.llm import LLMRequest, LLMResponse, MeteredCompletion
from tests.support.reference import reference_answer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1", "localhost"):
        raise RuntimeError(f"tests may not reach the network (tried {address!r})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


class ScriptedCompletion:
    """A fake completion: answers from a script (a list, or a function of the request)."""

    def __init__(self, script: list[Any] | Callable[[LLMRequest], Any]) -> None:
        self.script = script
        self.requests: list[LLMRequest] = []

    async def __call__(self, request: LLMRequest) -> LLMResponse:
        self.requests.append(request)
        if callable(self.script):
            answer = self.script(request)
        else:
            if not self.script:
                raise AssertionError(f"unexpected extra request: {request.purpose}")
            answer = self.script.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        content = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        return LLMResponse(content=content, input_tokens=100, output_tokens=50, cost_usd=0.001)


@pytest.fixture
def scripted() -> Callable[[Any], MeteredCompletion]:
    def make(script: Any) -> MeteredCompletion:
        return MeteredCompletion(ScriptedCompletion(script))

    return make


@pytest.fixture
def reference() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load((SEEDS / "reference-responses.yaml").read_text(encoding="utf-8"))
    return data


def reference_script(reference: dict[str, Any]) -> Callable[[LLMRequest], Any]:
    """Answers like the reference server: by article id for summaries, the briefing for compose."""

    def answer(request: LLMRequest) -> Any:
        first_user = next(m["content"] for m in request.messages if m["role"] == "user")
        return reference_answer(reference, request.schema_name, first_user)

    return answer


@pytest.fixture
def chdir_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path


# --------------------------------------------------------------------------- the browser tests

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
        "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
        "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication"]

@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (./dev test installs it)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample briefing's JSON, replayed from seeds/sample-run.yaml once per module (request it
    before ``browser``: generating runs asyncio.run, which the browser's loop would not allow)."""
    from click.testing import CliRunner

    from briefing.cli import cli

    out = tmp_path_factory.mktemp("generated")
    result = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", "2017-11-04", "--replay",
                                      str(SEEDS / "sample-run.yaml"), "--out", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    return out / "briefing-2017-11-04.json"


@pytest.fixture
def reviewable(sample_json: Path, tmp_path: Path) -> tuple[Path, Any]:
    """A copy of the sample briefing's JSON in the test's own folder (a review writes beside it), loaded."""
    from briefing.api import load_briefing

    path = tmp_path / sample_json.name
    shutil.copy(sample_json, path)
    return path, load_briefing(path)
