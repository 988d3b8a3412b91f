"""The pipeline's own machinery: clustering in a child process beside the client's loading,
stage accounting, the PDF warm-up."""

from __future__ import annotations

import os

from briefing import api, pdf, render
from briefing.cluster import cluster

from .conftest import SEEDS
from .test_render import make_briefing


def _pid(_: object) -> int:
    return os.getpid()


def test_beside_runs_in_a_child_process_and_measures_it_there() -> None:
    with api._beside(True, _pid, None) as future:
        here = os.getpid()
    measured = future.result()
    assert measured.value != here
    assert measured.wall_s >= 0 and measured.cpu_s >= 0 and measured.peak_rss_mb > 0


def test_beside_inline_gives_the_same_stories() -> None:
    corpus = api.read_inputs([SEEDS])
    with api._beside(False, cluster, corpus, []) as inline:
        pass
    with api._beside(True, cluster, corpus, []) as apart:
        pass
    assert inline.result().value == apart.result().value
    stages = api._Stages()
    stages.record("cluster", apart.result())
    assert stages.wall["cluster"] == round(apart.result().wall_s, 3)
    assert stages.peak_rss_mb["cluster"] >= apart.result().peak_rss_mb - 0.1


def test_pdf_warm_up_then_print() -> None:
    render.warm_up()
    assert pdf._warming is not None
    data, kept = render.render_digest_pdf(make_briefing())
    assert not pdf._warming.is_alive()  # the print waited for the warm-up
    assert data.startswith(b"%PDF") and kept
