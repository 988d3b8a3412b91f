"""Files: rendered outputs -> files in the output folder, written atomically.

File names are built from the date only (``briefing-YYYY-MM-DD.<format>``), never from content,
so nothing can be written outside ``out_dir``. Each file is written to a temporary file in the
same folder, flushed to disk, then renamed over the target: a reader (or a crash) never sees a
half-written briefing. A process killed mid-write leaves at most a dot-named temporary file,
which a later run in the same folder removes once it is a few minutes old.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from .errors import DeliveryError

STALE_TMP_S = 300  # a temporary this old is left over from a killed run, not being written now


def output_name(date: dt.date, fmt: str, edition: str = "") -> str:
    """``briefing-DATE.pdf``; with ``edition="reviewed"``: ``briefing-DATE.reviewed.pdf``."""
    return f"briefing-{date.isoformat()}{'.' + edition if edition else ''}.{fmt}"


def write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_outputs(rendered: Mapping[str, bytes], out_dir: Path, date: dt.date, edition: str = "") -> list[Path]:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _remove_stale_temporaries(out_dir)
        paths = []
        for fmt, data in rendered.items():
            path = out_dir / output_name(date, fmt, edition)
            write_atomic(path, data)
            paths.append(path)
    except OSError as exc:
        raise DeliveryError(f"{out_dir}: cannot write the briefing ({exc.strerror or exc})") from None
    return paths


def _remove_stale_temporaries(out_dir: Path) -> None:
    cutoff = time.time() - STALE_TMP_S
    for tmp in out_dir.glob(".briefing-*.tmp"):
        try:
            if tmp.is_file() and tmp.stat().st_mtime < cutoff:
                tmp.unlink()
        except OSError:
            pass  # gone already, or not ours to remove
