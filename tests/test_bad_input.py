"""Bad input: each bad file gets one line naming it and the reason; the other inputs are still read."""

from __future__ import annotations

import io
import json
import random
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.ingest import IngestOptions, ingest
from tests.support.echo import extractive_responder
from tests.support.server import OpenAIServer

AR = "أعلن الجيش العراقي اليوم تحرير مدينة القائم.\nوقالت مصادر عسكرية إن القوات تقدمت 10 كيلومترات."


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _random_bytes(n: int, *, nul: bool) -> bytes:
    rng = random.Random(5)
    return bytes(rng.randrange(0 if nul else 1, 256) for _ in range(n))


# file name -> (content, level, what the one line says)
BAD: dict[str, tuple[bytes, str, str]] = {
    "undecodable.txt": (_random_bytes(3000, nul=False), "error",
                        "undecodable bytes: not UTF-8 and no other text encoding fits"),
    "binary.txt": (_random_bytes(3000, nul=True), "error", "binary data, not text"),
    "empty.txt": (b"", "error", "empty: no text to summarize"),
    "blank.txt": (b" \n\t\r\n  \n", "error", "empty: no text to summarize"),
    "report.pdf.txt": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n", "error", "looks like a PDF document, not text"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(64), "error", "looks like a PNG image, not text"),
    "scan.txt": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), "error", "looks like a JPEG image, not text"),
    "huge.txt": (("خبر " * 5_000_000).encode("utf-8"), "error",  # 20 MB of UTF-8
                 "too long: 20,000,000 characters (limit 2,000,000)"),
    "english.txt": (b"The army entered the city on Tuesday.", "note", "no Arabic text found; summarized as given"),
    "broken.json": (b'[{"content": "\xd8\xae\xd8\xa8\xd8\xb1"},\n {"content": ', "error",
                    "invalid JSON at line 2, column 14: Expecting value"),
    "lines.jsonl": (json.dumps({"content": AR + " ثالثة"}, ensure_ascii=False).encode() + b"\n{not json\n", "error",
                    "invalid JSON line (Expecting property name enclosed in double quotes); skipped"),
    "escape.zip": (_zip({"../../etc/evil.txt": (AR + " شر").encode()}), "error", "unsafe path inside zip; skipped"),
    "bomb.zip": (_zip({"bomb.txt": ("ا" * 30_000_000).encode()}), "error",
                 "compression ratio above 200:1; skipped as a zip bomb"),
    "zz-copy.txt": (AR.encode("utf-8"), "note", "same text as"),  # read after good.txt
}
ORIGIN_SUFFIX = {"lines.jsonl": "lines.jsonl:2", "escape.zip": "escape.zip!../../etc/evil.txt",
                 "bomb.zip": "bomb.zip!bomb.txt"}
# decoded with a detected encoding, each noted
ENCODED = {
    "cp1256.txt": ((AR + " ويندوز").encode("cp1256"), "not UTF-8; read as cp1256 (detected)"),
    "cp1256-short.txt": ("خبر عاجل".encode("cp1256"), "not UTF-8; read as cp1256 (detected)"),
    "utf16-bom.txt": ((AR + " يونيكود").encode("utf-16"), ""),
    "utf16le.txt": ((AR + " بلا علامة").encode("utf-16-le"), "not UTF-8; read as utf_16_le (detected)"),
}


def _write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(AR, encoding="utf-8")
    for name, (data, _, _) in BAD.items():
        (folder / name).write_bytes(data)
    for name, (data, _) in ENCODED.items():
        (folder / name).write_bytes(data)
    return folder


def test_every_bad_input_gets_one_line_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = _write(tmp_path / "in")
    started = time.monotonic()
    corpus = ingest([folder])
    assert time.monotonic() - started < 30  # the 20 MB file is measured and refused, not summarized
    by_origin: dict[str, list[tuple[str, str]]] = {}
    for p in corpus.problems:
        by_origin.setdefault(p.origin, []).append((p.level, p.reason))
    for name, (_, level, reason) in BAD.items():
        origin = str(folder / ORIGIN_SUFFIX.get(name, name))
        assert [lvl for lvl, _ in by_origin[origin]] == [level], (name, by_origin[origin])
        assert by_origin[origin][0][1].startswith(reason), (name, by_origin[origin])
    for p in corpus.problems:
        assert "\n" not in p.reason and "Traceback" not in p.reason
    texts = {Path(a.origin.split("!")[0].split(":")[0]).name: a.text for a in corpus.articles}
    assert texts["good.txt"] == AR
    assert texts["english.txt"].startswith("The army")  # processed, and noted
    assert texts["lines.jsonl"] == AR + " ثالثة"  # the good line of the file
    assert texts["cp1256.txt"] == AR + " ويندوز" and texts["cp1256-short.txt"] == "خبر عاجل"
    assert texts["utf16-bom.txt"] == AR + " يونيكود" and texts["utf16le.txt"] == AR + " بلا علامة"
    for name, (_, note) in ENCODED.items():
        assert by_origin.get(str(folder / name), []) == ([("note", note)] if note else [])
    assert "zz-copy.txt" not in texts and len(corpus.articles) == 7


def test_zip_that_expands_past_the_limit_is_refused(tmp_path: Path) -> None:
    z = tmp_path / "big.zip"
    z.write_bytes(_zip({"a.txt": AR.encode(), "b.txt": ("ب" * 600_000).encode()}))
    corpus = ingest([z], IngestOptions(max_zip_bytes=1_000_000))
    (problem,) = corpus.problems
    assert problem.reason.startswith("zip expands to 1,200,") and problem.reason.endswith(" bytes (limit 1,000,000)")
    assert not corpus.articles


@pytest.mark.slow
def test_a_folder_of_10000_files(tmp_path: Path) -> None:
    folder = tmp_path / "day"
    for i in range(10_000):
        sub = folder / f"{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:05d}.txt").write_text(f"{AR}\nتحديث رقم {i}.", encoding="utf-8")
    (folder / "000" / "00000.copy.txt").write_text(f"{AR}\nتحديث رقم 0.", encoding="utf-8")
    started = time.monotonic()
    corpus = ingest([folder])
    elapsed = time.monotonic() - started
    print(f"10,000 files ingested in {elapsed:.2f} s")
    assert len(corpus.articles) == 10_000 and len(corpus.problems) == 1 and elapsed < 60


@pytest.mark.slow
def test_cli_prints_one_line_per_bad_input_and_summarizes_the_rest(tmp_path: Path) -> None:
    folder = _write(tmp_path / "in")
    with OpenAIServer(extractive_responder()) as server:
        result = CliRunner().invoke(cli, [
            "generate", str(folder), "--date", "2017-11-04", "--out", str(tmp_path / "out"), "--model", "openai/test",
            "--api-base", server.base_url, "--format", "html,json", "--no-cache", "-v"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    for name, (_, level, reason) in BAD.items():
        origin = str(folder / ORIGIN_SUFFIX.get(name, name))
        prefix = f"{'note' if level == 'note' else 'skipped'}: {origin}: {reason}"
        assert sum(line.startswith(prefix) for line in lines) == 1, (prefix, result.output)
    briefing = json.loads((tmp_path / "out" / "briefing-2017-11-04.json").read_text(encoding="utf-8"))
    assert len(briefing["summaries"]) + len(briefing["failed"]) >= 1 and not briefing["failed"]
    page = (tmp_path / "out" / "briefing-2017-11-04.html").read_text(encoding="utf-8")
    assert "undecodable.txt" in page and "compression ratio above 200:1" in page  # listed in the briefing too


def test_deeply_nested_json_is_skipped_with_its_reason_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(AR, encoding="utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "deep.jsonl").write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
                                       + json.dumps({"text": AR + " سطر"}, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    corpus = ingest([folder])
    reasons = {p.origin: p.reason for p in corpus.problems}
    assert reasons[str(folder / "deep.json")].startswith("nested too deeply to read")
    assert reasons[str(folder / "deep.jsonl") + ":1"].startswith("JSON line nested too deeply")
    assert sorted(a.text for a in corpus.articles) == sorted([AR, AR + " سطر"])
