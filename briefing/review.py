"""Review: an analyst's decisions on a briefing, saved as they are made, and the reviewed edition.

    briefing-DATE.json            the briefing as generated (never changed)
    briefing-DATE.review.json     every decision, in the order made (``ReviewLog``)
    briefing-DATE.reviewed.*      what ``publish`` writes: HTML, PDF (the digest) and JSON

A decision approves, rejects (with an optional reason) or edits the English of one claim or one
bottom-line sentence. An edit is checked by the generation's own checker against the claim's
evidence and any Arabic the reviewer selected, and saved with its status.

Saving is safe for two servers (two reviewers) on one file: a save holds an exclusive lock on
``.briefing-DATE.review.json.lock``, reads the file again, and is refused with ``Conflict``
when the item's latest decision is no longer the one the reviewer saw (``version``); the file is
replaced atomically (``files.write_atomic``), so a killed server loses nothing that was saved.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from .errors import InputError, UsageError
from .files import write_atomic
from .models import (
    Article,
    ArticleSummary,
    BlufPoint,
    Briefing,
    Changes,
    Claim,
    ClaimStatus,
    Decision,
    Evidence,
    ReviewLog,
    ReviewSummary,
    text_id,
)
from .registry import Registry
from .verify import check_edit, verify_bluf

__all__ = ["Conflict", "Item", "ReviewStore", "apply", "check", "items", "review_path"]


def review_path(briefing_path: Path) -> Path:
    """``out/briefing-DATE.json`` -> ``out/briefing-DATE.review.json``."""
    name = briefing_path.name
    stem = name[:-len(".json")] if name.endswith(".json") else name
    if stem.endswith(".reviewed"):
        raise UsageError(f"{briefing_path} is a reviewed edition: review the briefing it was published from")
    return briefing_path.with_name(f"{stem}.review.json")


def bluf_id(point: BlufPoint) -> str:
    return "bluf-" + text_id(point.text_en)


@dataclass(frozen=True)
class Item:
    """Something a reviewer decides on: a claim or a bottom-line sentence."""

    id: str
    kind: Literal["claim", "bluf"]
    text_en: str


def items(briefing: Briefing) -> list[Item]:
    """The bottom line first, then every claim, in reading order."""
    return [Item(bluf_id(p), "bluf", p.text_en) for p in briefing.bluf] + \
           [Item(c.id, "claim", c.text_en) for c in briefing.claims()]


class Conflict(Exception):
    """The item was decided again since the reviewer loaded it."""

    def __init__(self, latest: Decision) -> None:
        super().__init__(f"{latest.item_id} was decided by {latest.reviewer} at {latest.at:%H:%M:%S} "
                         f"({latest.decision}) since you loaded it")
        self.latest = latest


class ReviewStore:
    """The review file of one briefing. Every method reads the file afresh: another server (a second
    reviewer) may have saved since."""

    def __init__(self, briefing_path: Path, briefing: Briefing) -> None:
        self.briefing_path = briefing_path
        self.path = review_path(briefing_path)
        self.briefing = briefing
        self.sha256 = hashlib.sha256(briefing_path.read_bytes()).hexdigest()
        self._items = {i.id: i for i in items(briefing)}

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        lock = self.path.with_name(f".{self.path.name}.lock")
        with open(lock, "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def load(self) -> ReviewLog:
        try:
            log = ReviewLog.model_validate_json(self.path.read_bytes())
        except FileNotFoundError:
            return ReviewLog(briefing=self.briefing_path.name, briefing_sha256=self.sha256)
        except ValidationError as exc:
            raise InputError(f"{self.path}: not a review file ({exc.error_count()} problem(s))") from None
        if log.briefing_sha256 != self.sha256:
            raise InputError(f"{self.path} was made for another version of {self.briefing_path.name} "
                             "(the briefing was generated again since): move it aside to start a new review")
        return log

    def latest(self) -> dict[str, Decision]:
        return latest(self.load())

    def decide(self, item_id: str, decision: Literal["approve", "reject", "edit"], *, reviewer: str,
               at: dt.datetime, seen_version: int, after: str | None = None, reason: str | None = None,
               extra_evidence: list[str] | None = None, registry: Registry | None = None) -> Decision:
        """Save one decision. ``seen_version``: the item's version the reviewer saw (0: undecided).
        An edit is checked here, whatever the page showed."""
        item = self._items.get(item_id)
        if item is None:
            raise UsageError(f"no claim or bottom-line sentence {item_id!r} in {self.briefing_path.name}")
        after = " ".join(after.split()) if after is not None else None
        if decision == "edit" and not after:
            raise UsageError("an edit needs the new English text")
        status: ClaimStatus | None = None
        problems: list[str] = []
        extra = [q.strip() for q in extra_evidence or [] if q.strip()]
        if decision == "edit" and after is not None:
            status, problems = check(self.briefing, item_id, after, extra, registry)
        with self._locked():
            log = self.load()
            current = latest(log).get(item_id)
            if current is None and seen_version != 0:
                raise UsageError(f"{item_id} has no decision in {self.path.name} any more (the review file was "
                                 "replaced?): reload the page")
            if current is not None and current.version != seen_version:
                raise Conflict(current)
            saved = Decision(item_id=item_id, kind=item.kind, decision=decision, reviewer=reviewer, at=at,
                             version=seen_version + 1, before=item.text_en,
                             after=after if decision == "edit" else None,
                             reason=(reason or "").strip() or None, extra_evidence=extra if decision == "edit" else [],
                             status=status, problems=problems)
            log.decisions.append(saved)
            write_atomic(self.path, (log.model_dump_json(indent=2) + "\n").encode("utf-8"))
        return saved


def latest(log: ReviewLog) -> dict[str, Decision]:
    out: dict[str, Decision] = {}
    for d in log.decisions:
        out[d.item_id] = d
    return out


def _articles(briefing: Briefing) -> dict[str, Article]:
    return {a.id: a for a in briefing.articles}


def _owner(briefing: Briefing, claim_id: str) -> tuple[ArticleSummary, Claim]:
    for s in briefing.summaries:
        for c in s.claims:
            if c.id == claim_id:
                return s, c
    raise UsageError(f"no claim {claim_id!r} in this briefing")


def _edited_claim(briefing: Briefing, claim_id: str, text_en: str, extra: list[str],
                  registry: Registry | None) -> Claim:
    summary, claim = _owner(briefing, claim_id)
    evidence = [Evidence(quote_ar=e.quote_ar) for e in claim.evidence if not e.added_by_check]
    evidence += [Evidence(quote_ar=q) for q in extra]
    edited = claim.model_copy(update={"id": f"{claim.id}-e{text_id(text_en)[:8]}", "text_en": text_en,
                                      "evidence": evidence, "status": "unchecked", "problems": []})
    return check_edit(edited, summary, _articles(briefing), registry)


def check(briefing: Briefing, item_id: str, text_en: str, extra: list[str] | None = None,
          registry: Registry | None = None) -> tuple[ClaimStatus, list[str]]:
    """The status and problems an edit would have: a claim against its evidence (and ``extra``
    Arabic the reviewer selected), a bottom-line sentence against the verified claims it cites."""
    text_en = " ".join(text_en.split())
    if item_id.startswith("bluf-"):
        point = next((p for p in briefing.bluf if bluf_id(p) == item_id), None)
        if point is None:
            raise UsageError(f"no bottom-line sentence {item_id!r} in this briefing")
        checked = verify_bluf([point.model_copy(update={"text_en": text_en})], briefing.summaries,
                              _articles(briefing), registry)[0]
        return checked.status, checked.problems
    claim = _edited_claim(briefing, item_id, text_en, extra or [], registry)
    return claim.status, claim.problems


def apply(briefing: Briefing, log: ReviewLog, *, published_at: dt.datetime, review_file: str,
          registry: Registry | None = None) -> Briefing:
    """The reviewed edition: rejected claims removed, and the bottom-line sentences that rest only
    on them; edited claims and sentences in their new wording, checked again (a new id: other
    text); the methodology says who reviewed it, when, and what they decided."""
    decided = latest(log)
    counts = {"approve": 0, "edit": 0, "reject": 0}
    for each in decided.values():
        counts[each.decision] += 1
    renamed: dict[str, str] = {}
    rejected: set[str] = set()
    summaries = []
    for s in briefing.summaries:
        claims = []
        for c in s.claims:
            on_claim = decided.get(c.id)
            if on_claim is not None and on_claim.decision == "reject":
                rejected.add(c.id)
                continue
            if on_claim is not None and on_claim.decision == "edit" and on_claim.after:
                c = _edited_claim(briefing, c.id, on_claim.after, on_claim.extra_evidence, registry)
                renamed[on_claim.item_id] = c.id
            claims.append(c)
        summaries.append(s.model_copy(update={"claims": claims}))
    bluf: list[BlufPoint] = []
    removed = 0
    for p in briefing.bluf:
        d = decided.get(bluf_id(p))
        ids = [renamed.get(i, i) for i in p.claim_ids if i not in rejected]
        if (d is not None and d.decision == "reject") or (p.claim_ids and not ids):
            removed += 1
            continue
        text = d.after if d is not None and d.decision == "edit" and d.after else p.text_en
        bluf.append(p.model_copy(update={"text_en": text, "claim_ids": ids}))
    articles = _articles(briefing)
    bluf = verify_bluf(bluf, summaries, articles, registry)
    claims = [c for s in summaries for c in s.claims]
    total_items = len(items(briefing))
    review = ReviewSummary(
        reviewers=list(dict.fromkeys(d.reviewer for d in log.decisions)),
        last_decision_at=max((d.at for d in log.decisions), default=None), published_at=published_at,
        approved=counts["approve"], edited=counts["edit"], rejected=counts["reject"],
        undecided=total_items - len(decided), bluf_removed=removed, review_file=review_file)
    methodology = briefing.methodology.model_copy(update={
        "review": review, "claims_total": len(claims),
        "claims_verified": sum(c.status == "verified" for c in claims),
        "claims_supported": sum(c.status == "supported" for c in claims),
        "claims_unverified": sum(c.status == "unverified" for c in claims)})
    reviewed = briefing.model_copy(update={"summaries": summaries, "bluf": bluf, "methodology": methodology,
                                           "changes": _reviewed_changes(briefing.changes, summaries, rejected,
                                                                        renamed)})
    if reviewed.changes is not None:  # the disputed notes again, from what is left
        from .changes import mark_disputed

        cleared = [p.model_copy(update={"disputed": []}) for p in reviewed.bluf]
        reviewed = reviewed.model_copy(update={"bluf": mark_disputed(reviewed.model_copy(update={"bluf": cleared}),
                                                                     reviewed.changes)})
    return reviewed


def _reviewed_changes(changes: Changes | None, summaries: list[ArticleSummary], rejected: set[str],
                      renamed: Mapping[str, str]) -> Changes | None:
    """What changed, without what rests on rejected claims; edited claims under their new ids."""
    if changes is None:
        return None
    quoted = {e.quote_ar for s in summaries for c in s.claims for e in c.evidence}
    continuing = [c.model_copy(update={
        "new_claim_ids": [renamed.get(i, i) for i in c.new_claim_ids if i not in rejected],
        "figure_changes": [f.model_copy(update={"claim_id": renamed.get(f.claim_id, f.claim_id)})
                           for f in c.figure_changes if f.claim_id not in rejected]}) for c in changes.continuing]
    disputes = [d for d in changes.disputes if sum(v.quote_ar in quoted for v in d.values) >= 2]
    return changes.model_copy(update={"continuing": continuing, "disputes": disputes})


def progress(briefing: Briefing, decided: Mapping[str, Decision]) -> tuple[int, int]:
    """(decided, total) items."""
    all_items = items(briefing)
    return sum(i.id in decided for i in all_items), len(all_items)
