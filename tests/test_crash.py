"""Crash safety: ``kill -9`` mid-run, then run again.

The run resumes from the response cache (every answer is written as its call finishes), no call
that had completed is sent again, and no output file is ever half written (each is written to a
temporary file and renamed over the target).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from briefing import files
from tests.support.echo import extractive_responder
from tests.support.faults import request_digest
from tests.support.server import OpenAIServer, Reply

from .conftest import ROOT

TEXTS = [
    "أعلن الجيش العراقي اليوم تحرير مدينة القائم.\nوقالت مصادر عسكرية إن القوات تقدمت 10 كيلومترات.",
    "فرض نظام الرئيس السوري سيطرته على مدينة دير الزور.\nوقال المرصد إن المعارك مستمرة.",
    "قالت وزارة الصحة إن عدد المصابين ارتفع إلى 35 شخصا.\nوأضافت أن المستشفيات تعمل بكامل طاقتها.",
    "وقع البنك المركزي اتفاقا مع صندوق النقد الدولي.\nويتضمن الاتفاق قرضا بقيمة ملياري دولار.",
    "افتتح وزير التعليم معرض الكتاب في الرياض.\nويشارك في المعرض أكثر من 500 دار نشر.",
]


def _env(tmp_path: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "SYSTEMROOT")}
    return {**keep, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "xdg"), "PYTHONUNBUFFERED": "1",
            "LITELLM_LOCAL_MODEL_COST_MAP": "True"}


def _cached(cache: Path) -> int:
    if not cache.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM responses").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the table is not created yet


@pytest.mark.slow
def test_kill_9_mid_run_then_resume(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i, text in enumerate(TEXTS):
        (inputs / f"a{i}.txt").write_text(text, encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    answer = extractive_responder()
    answered: list[set[str]] = [set(), set()]  # digests answered in run 1, run 2
    asked: list[list[str]] = [[], []]
    run = 0
    lock = threading.Lock()
    stall_after = 3

    def respond(request: dict[str, Any]) -> Reply:
        digest = request_digest(request)
        with lock:
            asked[run].append(digest)
            if run == 0 and len(answered[0]) >= stall_after:
                return Reply(answer(request).body, delay_s=120)  # in flight when the process is killed
            answered[run].add(digest)
        reply = answer(request)
        reply.delay_s = 0.2
        return reply

    with OpenAIServer(respond) as server:
        command = [sys.executable, "-m", "briefing", "generate", str(inputs), "--date", "2017-11-04",
                   "--out", str(out), "--model", "openai/test", "--api-base", server.base_url,
                   "--cache-dir", str(cache), "--pack", "1", "--concurrency", "1", "--format", "html,json"]
        proc = subprocess.Popen(command, cwd=tmp_path, env=_env(tmp_path), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while _cached(cache / "responses.sqlite") < stall_after:
            assert proc.poll() is None, proc.communicate()[0].decode()
            assert time.monotonic() < deadline, "the first run never got three answers"
            time.sleep(0.05)
        while len(asked[0]) <= stall_after:  # the fourth call is on the wire, stalled
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        # killed before delivery: no output at all, complete or partial, and no temporary file
        assert not out.exists() or list(out.iterdir()) == []

        run = 1
        second = subprocess.run(command, cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True,
                                timeout=300)
    assert second.returncode == 0, second.stdout + second.stderr
    # no call that completed in the first run went out again; the stalled one did
    assert not answered[0] & set(asked[1])
    assert asked[0][stall_after] in asked[1]
    assert len(asked[1]) == len(TEXTS) + 1 - stall_after  # the rest of the articles, then compose
    manifest = json.loads((out / "briefing-2017-11-04.manifest.json").read_text(encoding="utf-8"))
    assert (manifest["cache_hits"], manifest["calls"], manifest["summarized"]) == (stall_after, 3, len(TEXTS))
    briefing = json.loads((out / "briefing-2017-11-04.json").read_text(encoding="utf-8"))
    assert len(briefing["summaries"]) == len(TEXTS) and not briefing["failed"]
    assert (out / "briefing-2017-11-04.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert sorted(p.name for p in out.iterdir()) == [
        "briefing-2017-11-04.html", "briefing-2017-11-04.json", "briefing-2017-11-04.manifest.json"]


WRITER = textwrap.dedent("""
    import hashlib, sys
    from pathlib import Path
    from briefing.files import write_atomic

    target = Path(sys.argv[1])
    n = 0
    while True:
        n += 1
        body = (str(n).encode() * 8_000_000)[:8_000_000]  # 8 MB: a write takes a while
        write_atomic(target, hashlib.sha256(body).hexdigest().encode() + b"\\n" + body)
        print(n, flush=True)
""")


@pytest.mark.slow
def test_kill_9_while_writing_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    target = tmp_path / "briefing-2017-11-04.pdf"
    for attempt in range(4):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], cwd=ROOT, stdout=subprocess.PIPE)
        assert proc.stdout is not None
        for _ in range(attempt % 2 + 1):
            proc.stdout.readline()  # some writes completed
        before = {p.name for p in tmp_path.glob(".*.tmp")}
        while not any(p.stat().st_size > 1_000_000 for p in tmp_path.glob(".*.tmp") if p.name not in before):
            time.sleep(0.001)  # the next write is half done
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        data = target.read_bytes()
        digest, _, body = data.partition(b"\n")
        assert len(body) == 8_000_000 and hashlib.sha256(body).hexdigest().encode() == digest
    # a kill leaves dot-named temporaries, never a half-written file under the target's name ...
    leftovers = sorted(tmp_path.glob(".briefing-2017-11-04.pdf.*.tmp"))
    assert len(leftovers) == 4 and {p.name for p in tmp_path.iterdir() if not p.name.startswith(".")} == {target.name}
    # ... and the next delivery into the folder removes those older than a few minutes
    old = time.time() - files.STALE_TMP_S - 1
    for p in leftovers[:3]:
        os.utime(p, (old, old))
    files.write_outputs({"json": b"{}"}, tmp_path, dt.date(2017, 11, 4))
    assert sorted(tmp_path.glob(".*.tmp")) == leftovers[3:]
