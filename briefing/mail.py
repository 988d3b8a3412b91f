"""Deliver: a written briefing by email (``generate --email``, ``send``).

    mailing = plan_mailing(config, group, smtp, formats)       # before any model call
    result = email_briefing(briefing, pdf_path, sender=..., recipients=[...], smtp=...)

The message is built by ``message`` (bodies from templates, headers from fixed strings) and
sent by ``smtp``; nothing here touches the PDF file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, SendError, UsageError
from .message import EmailConfig, build_message, write_eml
from .models import Briefing
from .smtp import SendReport, SmtpSettings, send_message


def briefing_json_for(pdf_path: Path) -> Path:
    """``briefing-DATE.pdf`` -> the ``briefing-DATE.json`` written next to it."""
    return pdf_path.with_suffix(".json")


def reviewed_edition(pdf_path: Path) -> tuple[Path, str]:
    """``briefing-DATE.pdf`` -> ``briefing-DATE.reviewed.pdf`` when one was published beside it, and
    a note for the user (empty when the PDF given is sent as it is)."""
    m = re.fullmatch(r"briefing-(\d{4}-\d{2}-\d{2})\.pdf", pdf_path.name)
    reviewed = pdf_path.with_name(f"briefing-{m.group(1)}.reviewed.pdf") if m else None
    if reviewed is None or not reviewed.is_file():
        return pdf_path, ""
    note = f"sending the reviewed edition {reviewed}"
    log = pdf_path.with_name(f"briefing-{m.group(1)}.review.json") if m else None
    if log is not None and log.is_file() and log.stat().st_mtime > reviewed.stat().st_mtime:
        note += " (decisions were saved after it was published: run `briefing publish` to include them)"
    return reviewed, note


def check_pdf_date(pdf_path: Path, date: dt.date) -> None:
    m = re.fullmatch(r"briefing-(\d{4}-\d{2}-\d{2})(?:\.reviewed)?\.pdf", pdf_path.name)
    if m and m.group(1) != date.isoformat():
        raise UsageError(f"{pdf_path} is dated {m.group(1)} but its briefing JSON is for {date.isoformat()}")


@dataclass(frozen=True)
class EmailResult:
    subject: str
    recipients: list[str]
    size_bytes: int
    sent: SendReport | None  # None: written to ``eml`` instead (--dry-run)
    eml: Path | None = None


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024  # most servers refuse 20-25 MB (base64 adds a third); many refuse 10


def email_briefing(briefing: Briefing, pdf_path: Path, *, sender: str | None, recipients: Sequence[str],
                   smtp: SmtpSettings, sent_at: dt.datetime | None = None,
                   dry_run: Path | None = None, force: bool = False, require_review: bool = False) -> EmailResult:
    """Build the email for ``briefing`` with the PDF at ``pdf_path`` and send it (or write ``dry_run``).
    A PDF over ``MAX_ATTACHMENT_BYTES`` is not sent unless ``force``; an unreviewed briefing is not
    sent with ``require_review``."""
    if require_review and briefing.methodology.review is None:
        raise UsageError(f"not sent: {pdf_path.name} is not reviewed (--require-review); review it with `briefing "
                         f"review`, publish, then send the reviewed edition")
    if not sender:
        raise UsageError("no sender: give --from ADDRESS or `from` under [email] in the config file")
    check_pdf_date(pdf_path, briefing.date)
    if dry_run is None:
        smtp.check()
    try:
        pdf = pdf_path.read_bytes()
    except OSError as exc:
        raise InputError(f"{pdf_path}: cannot read the PDF ({exc.strerror or exc})") from None
    if len(pdf) > MAX_ATTACHMENT_BYTES and not force:
        raise SendError(f"not sent: {pdf_path} is {len(pdf) / 1024 / 1024:.1f} MB, over the "
                        f"{MAX_ATTACHMENT_BYTES // 1024 // 1024} MB that many mail servers accept (most refuse "
                        "20-25 MB); send a shorter digest (--digest-pages) or use --force")
    message = build_message(briefing, pdf, sender=sender, recipients=recipients, sent_at=sent_at)
    to = [a.addr_spec for a in message["To"].addresses]
    if dry_run is not None:
        size = write_eml(message, dry_run)
        return EmailResult(subject=str(message["Subject"]), recipients=to, size_bytes=size, sent=None, eml=dry_run)
    try:
        report = send_message(message, smtp)
    except SendError as exc:
        raise SendError(f"not sent: {exc}; {pdf_path} is unchanged") from None
    return EmailResult(subject=str(message["Subject"]), recipients=to, size_bytes=report.size_bytes, sent=report)


@dataclass(frozen=True)
class Mailing:
    """Who gets the briefing and how, settled before ``generate`` makes any model call."""

    sender: str
    recipients: list[str]
    smtp: SmtpSettings


def plan_mailing(config: EmailConfig, group: str | None, smtp: SmtpSettings, formats: Sequence[str]) -> Mailing:
    """``generate --email [GROUP]``: check the PDF is written, the group, the sender and the server settings."""
    if "pdf" not in formats:
        raise UsageError("--email sends the PDF: add pdf to --format")
    if not config.sender:
        raise UsageError(f"--email needs `from` under [email] in the config file ({config.source or 'none found'})")
    if smtp.tls == "none":
        raise UsageError("generate --email never sends unencrypted (tls = \"none\"); write the briefing, then "
                         "use `briefing send PDF --tls none --insecure-no-tls`")
    smtp.check()
    return Mailing(sender=config.sender, recipients=config.group(group), smtp=smtp)

