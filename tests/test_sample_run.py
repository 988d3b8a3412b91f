"""The sample run: replayed from seeds/sample-run.yaml through the real litellm + HTTP path."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli

from .conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", "2017-11-04",
                                      "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_sample_run_writes_three_files(sample_out: Path) -> None:
    names = sorted(p.name for p in sample_out.iterdir())
    assert names == ["briefing-2017-11-04.html", "briefing-2017-11-04.json", "briefing-2017-11-04.manifest.json",
                     "briefing-2017-11-04.pdf"]
    manifest = json.loads((sample_out / "briefing-2017-11-04.manifest.json").read_text(encoding="utf-8"))
    assert (manifest["calls"], manifest["cache_hits"], manifest["articles"]) == (2, 0, 2)
    assert list(manifest["stage_wall_s"]) == ["ingest", "client", "cluster", "chunk", "summarize", "verify", "compose",
                                              "render_html", "write", "render_pdf", "render_json"]
    assert (sample_out / "briefing-2017-11-04.pdf").read_bytes().startswith(b"%PDF")


def test_sample_briefing_json(sample_out: Path) -> None:
    raw = (sample_out / "briefing-2017-11-04.json").read_text(encoding="utf-8")
    assert "\\u06" not in raw and "داعش" in raw  # Arabic unescaped
    data = json.loads(raw)
    assert data["date"] == "2017-11-04"
    m = data["methodology"]
    assert (m["calls"], m["reasks"], m["composed_by"]) == (2, 0, "model")
    assert m["model"] == "openai/reference-answers" and m["replayed_from"] == "sample-run.yaml"
    assert m["cost_usd"] is None and "no price" in m["cost_note"]
    assert set(m["prompt_versions"]) >= {"summarize.system.j2", "summarize.user.j2", "compose.system.j2"}
    claims = [c for s in data["summaries"] for c in s["claims"]]
    # verified with context, the sentence that states it added as evidence by the check: one claim
    # names Al-Qaim, which its quote leaves out and the sentence before it states; another is
    # "according to PMF media", whom its quote does not have speak and the sentence before does
    assert len(claims) == 20 and sorted(c["status"] for c in claims) == ["supported"] * 2 + ["verified"] * 18
    for supported in (c for c in claims if c["status"] == "supported"):
        assert any(e["added_by_check"] for e in supported["evidence"])
    pmf = next(c for c in claims if c["text_en"].startswith("According to PMF media"))
    assert pmf["status"] == "supported" and [e["quote_ar"] for e in pmf["evidence"] if e["added_by_check"]] == [
        "وبحسب إعلام “الحشد الشعبي”،"]
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for claim in claims:
        for ev in claim["evidence"]:
            assert texts[claim["article_id"]][ev["start"]:ev["end"]] == ev["quote_ar"]
    assert {s["published_note"][:8] for s in data["sources"]} == {"inferred"}


def test_render_reproduces_html(sample_out: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(sample_out / "briefing-2017-11-04.json"),
                                      "--out", str(tmp_path), "--format", "html,json"])
    assert result.exit_code == 0, result.output
    for fmt in ("html", "json"):
        name = f"briefing-2017-11-04.{fmt}"
        assert (tmp_path / name).read_bytes() == (sample_out / name).read_bytes()


def test_replay_miss_is_a_clear_error(tmp_path: Path) -> None:
    article = tmp_path / "new.txt"
    article.write_text("أعلن الجيش العراقي اليوم تحرير مدينة القائم بالكامل.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["generate", str(article), "--date", "2017-11-04",
                                      "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(tmp_path)])
    # briefing written for the record, the article listed as not summarized; with no summary at
    # all the run is a failure (exit 1), not a partial briefing (3)
    assert result.exit_code == 1
    assert "no recorded answer in the cassette matches this request" in result.output
    data = json.loads((tmp_path / "briefing-2017-11-04.json").read_text(encoding="utf-8"))
    assert data["failed"][0]["reason"].startswith("no recorded answer")


def test_no_model_exits_2_with_howto(tmp_path: Path) -> None:
    result = CliRunner(env={"BRIEFING_MODEL": "", "BRIEFING_CONFIG": ""}).invoke(
        cli, ["generate", str(SEEDS), "--date", "2017-11-04", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "no model configured" in result.output and "--model" in result.output and "--replay" in result.output
    assert "Traceback" not in result.output


def test_bad_inputs_named_without_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["generate", str(tmp_path / "missing.txt"), "--date", "2017-11-04",
                                      "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "missing.txt: no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_help_is_fast() -> None:
    best = min(_timed([sys.executable, "-m", "briefing", "--help"]) for _ in range(3))
    assert best < 0.5, f"briefing --help took {best:.2f}s"


def test_schema_command() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    schema = json.loads(result.output)
    assert schema["title"] == "Briefing" and "methodology" in schema["properties"]


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def test_progress_lines_when_not_a_tty_and_quiet_mode(tmp_path: Path) -> None:
    args = ["generate", str(SEEDS), "--date", "2017-11-04", "--format", "json",
            "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(tmp_path)]
    loud = CliRunner().invoke(cli, args)
    assert loud.exit_code == 0 and "summarize: 2/2" in loud.output and "render: 1/1" in loud.output
    quiet = CliRunner().invoke(cli, [*args, "-q"])
    assert quiet.exit_code == 0 and "summarize:" not in quiet.output
    assert quiet.output.strip().splitlines() == [str(tmp_path / "briefing-2017-11-04.json"),
                                                 str(tmp_path / "briefing-2017-11-04.manifest.json")]


def test_facets_are_in_the_json(sample_out: Path) -> None:
    data = json.loads((sample_out / "briefing-2017-11-04.json").read_text(encoding="utf-8"))
    claim_ids = {c["id"] for s in data["summaries"] for c in s["claims"]}
    places = {f["name"]: f for f in data["facets"] if f["kind"] == "place"}
    assert {"Al-Qaim", "Deir ez-Zor"} <= set(places) and places["Al-Qaim"]["lat"] is not None
    assert any(f["kind"] == "actor" for f in data["facets"])
    assert all(set(f["claim_ids"]) <= claim_ids and f["claim_ids"] for f in data["facets"])
