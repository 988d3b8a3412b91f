"""The built wheel carries prompts/ and templates/ and works from any working directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS


@pytest.mark.slow
def test_wheel_ships_prompts_and_templates_and_renders_elsewhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
                   cwd=ROOT, check=True, capture_output=True)
    (wheel,) = dist.glob("briefing-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefing/prompts/summarize.system.j2" in names
    assert "briefing/templates/briefing.html" in names and "briefing/templates/briefing.css" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    # Dependencies come from this environment's site-packages (its editable .pth is not processed there),
    # so the only `briefing` the new venv can import is the wheel's.
    site = next((venv / "lib").glob("python3*/site-packages"))
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (site / "deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    "--target", str(site), str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import briefing.resources as r, briefing.prompting as p; "
            "print(r.templates_dir()); print(r.prompts_dir()); print(p.version('summarize.system.j2'))")
    out = subprocess.run([str(py), "-c", code], cwd=elsewhere, check=True, capture_output=True, text=True).stdout
    assert str(venv) in out.splitlines()[0] and str(venv) in out.splitlines()[1]
    run = subprocess.run(
        [str(py), "-m", "briefing", "generate", str(SEEDS), "--date", "2017-11-04",
         "--replay", str(SEEDS / "sample-run.yaml"), "--out", "out", "--format", "html,json"],
        cwd=elsewhere, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    html = (elsewhere / "out" / "briefing-2017-11-04.html").read_text(encoding="utf-8")
    assert "Noto Naskh Arabic" in html and "الحشد الشعبي" in html
