"""Prompt templates: Jinja2 files in ``prompts/``, strict about undefined names.

Each template's version is the first 12 hex digits of the SHA-256 of its source, recorded in
the briefing's methodology block. Nothing that varies between runs (clock time, paths, random
ids) may go into a prompt: cassettes match request bodies exactly.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any

import jinja2

from .resources import prompts_dir


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(prompts_dir()),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tojson_ar"] = lambda v: json.dumps(v, ensure_ascii=False, indent=2)
    return env


@cache
def version(name: str) -> str:
    source = (prompts_dir() / name).read_bytes()
    return hashlib.sha256(source).hexdigest()[:12]


def render(name: str, **context: Any) -> str:
    return _env().get_template(name).render(**context).strip()


def versions(names: list[str]) -> dict[str, str]:
    return {name: version(name) for name in sorted(set(names))}
