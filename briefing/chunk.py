"""Chunk: ``Corpus`` -> ``ChunkPlan``.

Sentence-aware splitting for Arabic: boundaries after ``. ! ? ؟ ، ؛`` and at line breaks, with
character offsets into the original text. Sentences are packed greedily into chunks of at most
``max_tokens`` as counted by the target model's tokenizer (passed in, so this module does not
depend on litellm). A sentence longer than a chunk is split at spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .models import Article, Chunk, ChunkedArticle, ChunkPlan, Corpus

# A boundary follows sentence punctuation (not a decimal point: "3.5") or ends a line; a clause
# boundary also follows an Arabic comma or semicolon.
_BOUNDARY = re.compile(r"(?:[.!?؟](?!\d)|[،؛]|\n)+[\s\u200f\u200e]*")
_FULL_STOP = re.compile(r"(?:[.!?؟](?!\d)|\n)+[\s\u200f\u200e]*")

CountTokens = Callable[[str], int]


def sentences(text: str, clauses: bool = True) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of sentence-like pieces covering ``text`` without gaps: clauses
    (cut at ، and ؛ too), or with ``clauses=False`` whole sentences."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in (_BOUNDARY if clauses else _FULL_STOP).finditer(text):
        if match.end() > start:
            spans.append((start, match.end()))
            start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def chunk_article(article: Article, max_tokens: int, count_tokens: CountTokens) -> list[Chunk]:
    text = article.text
    size = len(text.encode("utf-8"))
    # A token is at least one byte, so a text of at most max_tokens bytes fits without counting.
    tokens = size if size <= max_tokens else count_tokens(text)
    if tokens <= max_tokens:
        return [Chunk(article_id=article.id, index=0, start=0, end=len(text), text=text, tokens=tokens)]
    pieces: list[tuple[int, int, int]] = []  # start, end, tokens
    for start, end in sentences(text):
        tokens = count_tokens(text[start:end])
        if tokens <= max_tokens:
            pieces.append((start, end, tokens))
        else:
            pieces.extend(_split_long(text, start, end, max_tokens, count_tokens))
    chunks: list[Chunk] = []
    cur_start, cur_end, cur_tokens = pieces[0]
    for start, end, tokens in pieces[1:]:
        if cur_tokens + tokens <= max_tokens:
            cur_end, cur_tokens = end, cur_tokens + tokens
            continue
        chunks.append(_make(article, len(chunks), cur_start, cur_end, cur_tokens))
        cur_start, cur_end, cur_tokens = start, end, tokens
    chunks.append(_make(article, len(chunks), cur_start, cur_end, cur_tokens))
    return chunks


def chunk_corpus(corpus: Corpus, *, tokenizer_model: str, max_tokens: int,
                 count_tokens: CountTokens) -> ChunkPlan:
    return ChunkPlan(
        tokenizer_model=tokenizer_model,
        max_chunk_tokens=max_tokens,
        items=[ChunkedArticle(article=a, chunks=chunk_article(a, max_tokens, count_tokens))
               for a in corpus.articles],
    )


def _make(article: Article, index: int, start: int, end: int, tokens: int) -> Chunk:
    return Chunk(article_id=article.id, index=index, start=start, end=end,
                 text=article.text[start:end], tokens=tokens)


def _split_long(text: str, start: int, end: int, max_tokens: int,
                count_tokens: CountTokens) -> list[tuple[int, int, int]]:
    """Split one over-long sentence at spaces; a single over-long word is cut by characters."""
    groups: list[tuple[int, int]] = []
    for match in re.finditer(r"\S+\s*", text[start:end]):
        ws, we = start + match.start(), start + match.end()
        if groups and count_tokens(text[groups[-1][0]:we]) <= max_tokens:
            groups[-1] = (groups[-1][0], we)
        else:
            groups.append((ws, we))
    if groups:
        groups[0] = (start, groups[0][1])  # keep leading whitespace: no gaps in coverage
    out: list[tuple[int, int, int]] = []
    for gs, ge in groups:
        tokens = count_tokens(text[gs:ge])
        if tokens <= max_tokens:
            out.append((gs, ge, tokens))
            continue
        step = max(1, (ge - gs) * max_tokens // (tokens + 1))
        for cs in range(gs, ge, step):
            ce = min(ge, cs + step)
            out.append((cs, ce, count_tokens(text[cs:ce])))
    return out
