"""The email of a briefing: addresses, recipient groups, the message with its bodies.

**Headers carry no model or article text.** Every header is built from the briefing's date, the
validated addresses and fixed strings: the subject is the fixed bilingual product title with the
Gregorian date and the same date in the Umm al-Qura (Hijri) calendar, e.g.
``Situation briefing 2017-11-04 · الموجز اليومي 15 صفر 1439 هـ``; the attachment is named from
the date (``briefing-2017-11-04.pdf``). The model's title and bottom line and the Arabic evidence
quotes go into the body only: a plain-text and an HTML part, rendered from the templates
``email.txt.j2`` and ``email.html.j2`` (the HTML one autoescaped), UTF-8.

**Addresses** are bare ``local@domain.tld`` in ASCII: no display names, no comments, no
control characters (header injection), checked by a regular expression and by a round trip
through ``email.headerregistry.Address``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, SendError, UsageError
from .files import output_name, write_atomic
from .models import Briefing, Claim
from .smtp import SMTP_POLICY, SmtpSettings

if TYPE_CHECKING:
    from .config import EmailSection

TITLE_EN = "Situation briefing"
TITLE_AR = "الموجز اليومي"
MAX_RECIPIENTS = 100
QUOTE_CHARS = 240  # an evidence quote in the body is cut at this length
QUOTES_PER_POINT = 2

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*\Z")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)\Z")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
_POLICY = SMTP_POLICY


# ---------------------------------------------------------------------------------------------
# addresses


def validate_address(value: str, what: str = "address") -> str:
    """``value`` as a bare ``local@domain`` address, or ``UsageError`` saying why not."""
    shown = repr(value[:80])
    if _CONTROL.search(value):
        raise UsageError(f"{what} {shown}: control characters (line breaks) are not allowed in an address")
    addr = value.strip()
    local, at, domain = addr.rpartition("@")
    if not at or not local or not domain:
        raise UsageError(f"{what} {shown}: not an email address (expected local@domain)")
    if not addr.isascii():
        raise UsageError(f"{what} {shown}: only ASCII addresses are supported (no SMTPUTF8)")
    if len(local) > 64 or not _LOCAL.match(local):
        raise UsageError(f"{what} {shown}: give the bare address, without a name, quotes, brackets or spaces")
    labels = domain.split(".")
    if len(addr) > 254 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels) \
            or labels[-1].isdigit():
        raise UsageError(f"{what} {shown}: {domain!r} is not a domain name like example.org")
    try:
        parsed = Address(addr_spec=addr)
    except (ValueError, IndexError) as exc:
        raise UsageError(f"{what} {shown}: not an email address ({exc})") from None
    if parsed.addr_spec != addr or parsed.display_name:
        raise UsageError(f"{what} {shown}: not a plain email address")
    return addr


def validate_recipients(values: Sequence[str]) -> list[str]:
    """Validated, de-duplicated (case-insensitively) recipients; at least one."""
    seen: dict[str, str] = {}
    for value in values:
        addr = validate_address(value, "recipient")
        seen.setdefault(addr.lower(), addr)
    if not seen:
        raise UsageError("no recipients: give --to ADDRESS (or a group from [email.groups])")
    if len(seen) > MAX_RECIPIENTS:
        raise UsageError(f"{len(seen)} recipients; at most {MAX_RECIPIENTS} per message")
    return list(seen.values())


# ---------------------------------------------------------------------------------------------
# configuration ([email] in the config file)


@dataclass(frozen=True)
class EmailConfig:
    """The ``[email]`` table: sender, recipient groups and SMTP server (never credentials)."""

    sender: str | None = None
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    default_group: str | None = None
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    source: str | None = None  # the config file, None: none found

    def recipients(self, values: Sequence[str]) -> list[str]:
        """Addresses and group names (anything without an ``@``) -> validated addresses."""
        out: list[str] = []
        for value in (v.strip(" ") for item in values for v in item.split(",")):
            if not value:
                continue
            if "@" in value:
                out.append(value)
            elif value in self.groups:
                out.extend(self.groups[value])
            else:
                known = ", ".join(sorted(self.groups)) or "none"
                raise UsageError(f"no recipient group {value!r} " + (
                    f"in [email.groups] of {self.source} (groups: {known})" if self.source
                    else "(no config file found: --config FILE, $BRIEFING_CONFIG or ./briefing.toml)"))
        return validate_recipients(out)

    def group(self, name: str | None) -> list[str]:
        """The recipients of group ``name``, or of ``default_group`` when ``name`` is empty."""
        chosen = name or self.default_group
        if not chosen:
            raise UsageError(f"no recipients: name them (--to ADDRESS or GROUP, --email=GROUP) or set default_group "
                             f"under [email] in the config file ({self.source or 'none found'})")
        return self.recipients([chosen])


def email_config(table: Any, source: str) -> EmailConfig:
    """The ``[email]`` table of a config file (``None``: not there), validated by the settings
    model (``config.EmailSection``), then its addresses and groups checked."""
    from .config import settings_from

    if table is None:
        return EmailConfig(source=source)
    if not isinstance(table, dict):
        raise UsageError(f"[email] in {source} must be a table")
    return from_section(settings_from({"email": table}, source).email, source)


def from_section(section: EmailSection, source: str | None) -> EmailConfig:
    groups = {name: tuple(validate_address(m, f"[email.groups] {name}:") for m in members)
              for name, members in section.groups.items()}
    if section.default_group is not None and section.default_group not in groups:
        raise UsageError(f"[email] default_group {section.default_group!r} in {source} is not in [email.groups]")
    smtp = SmtpSettings(host=section.smtp_host, port=section.smtp_port, tls=section.tls, ca_file=section.ca_file,
                        timeout_s=section.timeout_s)
    return EmailConfig(
        sender=validate_address(section.sender, "[email] from") if section.sender else None,
        groups=groups, default_group=section.default_group, smtp=smtp, source=source)




def hijri_date_ar(date: dt.date) -> str | None:
    """``15 صفر 1439 هـ`` (Umm al-Qura), or None outside the calendar's range."""
    try:
        from hijridate import Gregorian

        h = Gregorian(date.year, date.month, date.day).to_hijri()
        return f"{h.day} {h.month_name('ar')} {h.year} {h.notation('ar')}"
    except (ImportError, ValueError, OverflowError):
        return None


def subject(date: dt.date) -> str:
    """Built from the date and fixed product strings only: never from model or article text."""
    hijri = hijri_date_ar(date)
    return f"{TITLE_EN} {date.isoformat()} · {TITLE_AR}" + (f" {hijri}" if hijri else "")


@dataclass(frozen=True)
class _Point:
    text_en: str
    unverified: bool
    problems: list[str]
    quotes_ar: list[str]
    supported: bool = False
    disputed: list[str] = field(default_factory=list)


def _points(briefing: Briefing) -> list[_Point]:
    claims: dict[str, Claim] = {c.id: c for c in briefing.claims()}
    points = []
    for point in briefing.bluf:
        quotes: list[str] = []
        for claim_id in point.claim_ids:
            claim = claims.get(claim_id)
            if claim is None or not claim.evidence or len(quotes) >= QUOTES_PER_POINT:
                continue
            quote = " ".join(claim.evidence[0].quote_ar.split())
            quotes.append(quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS - 1] + "…")
        points.append(_Point(point.text_en, point.status == "unverified", point.problems, quotes,
                             point.status == "supported", point.disputed))
    return points


def _counts(briefing: Briefing) -> str:
    m = briefing.methodology
    return (f"{m.claims_total} claim(s): {m.claims_verified} verified, {m.claims_supported} verified with context, "
            f"{m.claims_unverified} unverified; "
            f"{len(briefing.summaries)} article(s) summarized, {len(briefing.failed)} not summarized.")


def _partial_line(briefing: Briefing) -> str:
    """The first line of a partial briefing's email: how many stories are missing."""
    failed = len(briefing.failed)
    if not failed:
        return ""
    total = failed + len(briefing.summaries)
    return (f"PARTIAL BRIEFING: {failed} of {total} stories could not be summarized "
            "and are missing from it (listed under 'Not summarized').")


def changes_lines(briefing: Briefing) -> list[str]:
    """What changed since the last briefing, a line each, for the email body (each figure's Arabic
    evidence is in the attached digest and the full briefing)."""
    ch = briefing.changes
    if ch is None:
        return []
    heads = {s.article_id: s.headline_en for s in briefing.summaries}
    lines = []
    for c in ch.continuing:
        head = heads.get(c.article_id, "")
        for f in c.figure_changes:
            mark = "" if f.status == "verified" else "[UNVERIFIED] "
            lines.append(f"{mark}{head}: {f.text_en} ({f.before_outlet} → {f.after_outlet})")
        if not c.figure_changes:
            lines.append(f"{head}: day {c.day_number}, {len(c.new_claim_ids)} new claim(s)")
    for d in ch.disputes:
        values = " vs ".join(f"{v.value:g} ({v.outlet})" for v in d.values)
        lines.append(f"Disputed, {heads.get(d.article_id, '')}: {d.kind} {values}; "
                     f"the lower, {d.conservative:g}, is used")
    if ch.stopped:
        n = len(ch.stopped)
        lines.append(f"No longer reported: {n} stor{'y' if n == 1 else 'ies'} of the last briefing")
    return lines


def size_text(n: int) -> str:
    """``350 KB``, ``2.4 MB``: the attachment's size, as the message states it."""
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def _bodies(briefing: Briefing, points: list[_Point], pdf_name: str, pdf_size: str) -> tuple[str, str]:
    """The plain-text and the HTML body, from ``email.txt.j2`` and ``email.html.j2``."""
    from .render import environment, review_line

    context = {"briefing": briefing, "points": points, "pdf_name": pdf_name, "pdf_size": pdf_size,
               "title_en": TITLE_EN, "title_ar": TITLE_AR, "hijri": hijri_date_ar(briefing.date),
               "partial": _partial_line(briefing), "review_line": review_line(briefing), "counts": _counts(briefing),
               "changes": changes_lines(briefing)}
    text = environment(autoescape=False).get_template("email.txt.j2").render(context)
    return text, environment().get_template("email.html.j2").render(context)


def build_message(briefing: Briefing, pdf: bytes, *, sender: str, recipients: Sequence[str],
                  sent_at: dt.datetime | None = None) -> EmailMessage:
    """The email: text and HTML body with the bottom line, the PDF attached byte for byte."""
    sender = validate_address(sender, "sender")
    to = validate_recipients(recipients)
    if not pdf.startswith(b"%PDF-"):
        raise InputError("the attachment is not a PDF (it does not start with %PDF-)")
    pdf_name = output_name(briefing.date, "pdf")
    points = _points(briefing)
    msg = EmailMessage(policy=_POLICY)
    # Headers: the date, validated addresses and fixed strings only.
    msg["Subject"] = subject(briefing.date)
    msg["From"] = Address(addr_spec=sender)
    msg["To"] = tuple(Address(addr_spec=a) for a in to)
    if sent_at is not None:
        msg["Date"] = format_datetime(sent_at if sent_at.tzinfo else sent_at.replace(tzinfo=dt.UTC))
    msg["Message-ID"] = make_msgid(idstring=f"briefing-{briefing.date.isoformat()}", domain=sender.split("@")[1])
    msg["Auto-Submitted"] = "auto-generated"
    text, html = _bodies(briefing, points, pdf_name, size_text(len(pdf)))
    msg.set_content(text, subtype="plain", charset="utf-8")
    msg.add_alternative(html, subtype="html", charset="utf-8")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    return msg


def write_eml(message: EmailMessage, path: Path) -> int:
    """Write the message as it would go on the wire (CRLF); returns its size in bytes."""
    data = message.as_bytes(policy=_POLICY)
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise SendError(f"{path}: cannot write the message ({exc.strerror or exc})") from None
    return len(data)


