"""Where ``briefing``'s packaged data (prompts, templates) lives.

In a source checkout (or an editable install) the data sits in top-level ``prompts/`` and
``templates/`` next to the ``briefing`` package; the built wheel maps them to
``briefing/prompts`` and ``briefing/templates``.
"""

from __future__ import annotations

from pathlib import Path

from briefing.errors import BriefingError


def _data_dir(name: str) -> Path:
    package = Path(__file__).resolve().parent
    candidates = (package / name, package.parent / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise BriefingError(f"briefing's {name!r} directory is missing (looked in {tried}): broken install")


def templates_dir() -> Path:
    """The directory holding the Jinja2 templates and the CSS."""
    return _data_dir("templates")


def prompts_dir() -> Path:
    """The directory holding the prompt templates."""
    return _data_dir("prompts")
