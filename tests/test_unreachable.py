"""A model that cannot be used at all stops the run at once: exit 1, a message naming the
endpoint and the fix, no retries, no briefing written (so none is emailed)."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.llm import ModelSettings, unreachable
from tests.support.server import OpenAIServer, Reply

from .conftest import SEEDS


def _generate(tmp_path: Path, *args: str, env: dict[str, str | None] | None = None) -> Any:
    return CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", "2017-11-04", "--out", str(tmp_path / "out"),
                                    "--no-cache", "--format", "json", *args], env=env)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_nothing_listening_stops_the_run_at_once(tmp_path: Path) -> None:
    base = f"http://127.0.0.1:{_free_port()}/v1"
    started = time.monotonic()
    result = _generate(tmp_path, "--model", "openai/local", "--api-base", base)
    assert time.monotonic() - started < 30
    assert result.exit_code == 1, result.output
    assert f"nothing is listening at {base}: is the server running?" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_missing_key_stops_the_run_with_the_variable_to_set(tmp_path: Path) -> None:
    result = _generate(tmp_path, "--model", "openai/gpt-4o-mini",
                       env={"OPENAI_API_KEY": None, "BRIEFING_API_BASE": None})
    assert result.exit_code == 1, result.output
    assert "openai/gpt-4o-mini needs an API key: set OPENAI_API_KEY in the environment" in result.output


def test_rejected_key_is_not_retried(tmp_path: Path) -> None:
    secret = "sk-test-SECRET-0123456789"

    def reject(request: dict[str, Any]) -> Reply:
        return Reply(body={"error": {"message": f"Incorrect API key provided: {secret}",
                                     "type": "invalid_request_error"}}, status=401)

    with OpenAIServer(reject) as server:
        result = _generate(tmp_path, "--model", "openai/test", "--api-base", server.base_url,
                           env={"OPENAI_API_KEY": secret})
        calls = len(server.requests)
    assert result.exit_code == 1, result.output
    assert f"{server.base_url} rejected the API key (HTTP 401)" in result.output
    assert calls == 1  # the first call, not retried, and no other story tried after it
    assert secret not in result.output


def test_dns_failure_is_named() -> None:
    settings = ModelSettings(model="openai/test", api_base="http://llm.internal.example/v1")
    try:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except socket.gaierror as inner:
            raise ConnectionError("Connection error.") from inner
    except ConnectionError as exc:
        why = unreachable(exc, settings)
    assert why == ("the host of http://llm.internal.example/v1 has no address (DNS lookup failed): "
                   "check the URL (--api-base)")


@pytest.mark.parametrize("status", [429, 500, 503])
def test_transient_errors_are_not_taken_for_unreachable(status: int) -> None:
    class Transient(Exception):
        status_code = status

    assert unreachable(Transient("busy"), ModelSettings(model="openai/test")) is None
