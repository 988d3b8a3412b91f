"""Deliver: rendered outputs -> files in the output folder, written atomically.

File names are built from the date only (``briefing-YYYY-MM-DD.<format>``), never from content,
so nothing can be written outside ``out_dir``. Each file is written to a temporary file in the
same folder, flushed to disk, then renamed over the target: a reader (or a crash) never sees a
half-written briefing.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import DeliveryError


def output_name(date: dt.date, fmt: str) -> str:
    return f"briefing-{date.isoformat()}.{fmt}"


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


def write_outputs(rendered: Mapping[str, bytes], out_dir: Path, date: dt.date) -> list[Path]:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for fmt, data in rendered.items():
            path = out_dir / output_name(date, fmt)
            write_atomic(path, data)
            paths.append(path)
    except OSError as exc:
        raise DeliveryError(f"{out_dir}: cannot write the briefing ({exc.strerror or exc})") from None
    return paths
