"""Email: the briefing PDF, with its bottom line in the body, to a list of recipients over SMTP.

    config = email_config(toml_table, source)                 # [email] of the config file (config.EmailSection)
    message = build_message(briefing, pdf, sender=..., recipients=[...], sent_at=...)
    report = send_message(message, SmtpSettings(host=..., username=..., password=...))
    write_eml(message, path)                                  # --dry-run

**Headers carry no model or article text.** Every header is built from the briefing's date, the
validated addresses and fixed strings: the subject is the fixed bilingual product title with the
Gregorian date and the same date in the Umm al-Qura (Hijri) calendar, e.g.
``Situation briefing 2017-11-04 · الموجز اليومي 15 صفر 1439 هـ``; the attachment is named from
the date (``briefing-2017-11-04.pdf``). The model's title and bottom line and the Arabic evidence
quotes go into the body only (a plain-text and an HTML part, HTML-escaped, UTF-8).

**Addresses** are bare ``local@domain.tld`` in ASCII: no display names, no comments, no
control characters (header injection), checked by a regular expression and by a round trip
through ``email.headerregistry.Address``.

**Transport.** ``starttls`` (default, port 587) and ``ssl`` (port 465) verify the server's
certificate and host name with ``ssl.create_default_context()`` (``ca_file`` adds a private
CA); a server that does not offer STARTTLS is an error, never a silent downgrade. ``none``
(port 25) must be allowed explicitly (``allow_no_tls``) and never carries credentials.
Credentials are parameters (the CLI reads ``BRIEFING_SMTP_USER`` / ``BRIEFING_SMTP_PASSWORD``);
the password is never logged and is scrubbed from every error message. Every failure raises
:class:`SendError` with one line saying why; nothing here touches the PDF file.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from .deliver import output_name, write_atomic
from .errors import InputError, SendError, UsageError
from .models import Briefing, Claim

if TYPE_CHECKING:
    from .config import EmailSection

TlsMode = Literal["starttls", "ssl", "none"]
TLS_MODES: tuple[str, ...] = get_args(TlsMode)
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}

TITLE_EN = "Situation briefing"
TITLE_AR = "الموجز اليومي"
MAX_RECIPIENTS = 100
QUOTE_CHARS = 240  # an evidence quote in the body is cut at this length
QUOTES_PER_POINT = 2

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*\Z")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)\Z")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")
# CRLF on the wire, and 7-bit clean: the stdlib picks quoted-printable or base64 per body part, whichever
# is shorter, so no server needs 8BITMIME.
_POLICY = policy.SMTP.clone(cte_type="7bit")


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
class SmtpSettings:
    host: str = "localhost"
    port: int | None = None  # None: the usual port of the TLS mode
    tls: TlsMode = "starttls"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    ca_file: Path | None = None  # extra trusted CA (PEM), e.g. a company CA
    timeout_s: float = 30.0
    allow_no_tls: bool = False  # tls="none" is refused unless this is set

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else DEFAULT_PORTS[self.tls]

    def check(self) -> None:
        if not self.host or _CONTROL.search(self.host) or any(c.isspace() for c in self.host):
            raise UsageError(f"SMTP host {self.host!r} is not a host name")
        if self.tls not in TLS_MODES:
            raise UsageError(f"tls must be one of {', '.join(TLS_MODES)}, not {self.tls!r}")
        if not 0 < self.effective_port < 65536:
            raise UsageError(f"SMTP port {self.effective_port} is out of range")
        if self.timeout_s <= 0:
            raise UsageError("the SMTP timeout must be > 0 seconds")
        if self.tls == "none" and not self.allow_no_tls:
            raise UsageError("--tls none sends the briefing unencrypted; add --insecure-no-tls to allow it")
        if self.tls == "none" and (self.username or self.password):
            raise UsageError("credentials are never sent without TLS: use --tls starttls or ssl, "
                             "or unset BRIEFING_SMTP_USER / BRIEFING_SMTP_PASSWORD")
        if bool(self.username) != bool(self.password):
            raise UsageError("set both BRIEFING_SMTP_USER and BRIEFING_SMTP_PASSWORD, or neither")
        if self.ca_file is not None and not self.ca_file.is_file():
            raise UsageError(f"{self.ca_file}: CA file not found")


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


# ---------------------------------------------------------------------------------------------
# the message


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
                             point.status == "supported"))
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


def _text_body(briefing: Briefing, points: list[_Point], pdf_name: str) -> str:
    hijri = hijri_date_ar(briefing.date)
    partial = _partial_line(briefing)
    lines = ([partial, ""] if partial else []) + [
        f"{TITLE_EN} — {briefing.date.isoformat()}", f"{TITLE_AR}" + (f" — {hijri}" if hijri else ""), "",
        briefing.title, "", "BOTTOM LINE", ""]
    if not points:
        lines.append("(no bottom line: no article could be summarized)")
    for n, point in enumerate(points, 1):
        flag = "[UNVERIFIED] " if point.unverified else "[VERIFIED WITH CONTEXT] " if point.supported else ""
        lines.append(f"{n}. {flag}{point.text_en}")
        if point.unverified and point.problems:
            lines.append(f"   Problems: {'; '.join(point.problems)}")
        lines.extend(f"   {quote}" for quote in point.quotes_ar)
        lines.append("")
    lines += ["", _counts(briefing),
              f"The attached PDF ({pdf_name}) has every claim with its Arabic evidence, the sources and the "
              "original articles.", ""]
    return "\n".join(lines)


_AR_STYLE = "font-family:'Noto Naskh Arabic','Amiri','Arial',sans-serif;font-size:1.1em;"


def _html_body(briefing: Briefing, points: list[_Point], pdf_name: str) -> str:
    e = html.escape
    hijri = hijri_date_ar(briefing.date)
    items = []
    for point in points:
        flag = ('<strong style="color:#8a1c1c">UNVERIFIED</strong> ' if point.unverified
                else '<strong style="color:#5a4a00">VERIFIED WITH CONTEXT</strong> ' if point.supported else "")
        problems = (f'<br><small>Problems: {e("; ".join(point.problems))}</small>'
                    if point.unverified and point.problems else "")
        quotes = "".join(f'<blockquote dir="rtl" lang="ar" style="{_AR_STYLE}margin:.3em 0 .3em 1em;'
                         f'color:#333">{e(quote)}</blockquote>' for quote in point.quotes_ar)
        items.append(f"<li>{flag}{e(point.text_en)}{problems}{quotes}</li>")
    body = f"<ol>{''.join(items)}</ol>" if items else "<p>(no bottom line: no article could be summarized)</p>"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(TITLE_EN)} {briefing.date.isoformat()}</title></head>"
        '<body style="font-family:sans-serif;max-width:46em;line-height:1.45">'
        + (f'<p style="color:#8a1c1c"><strong>{e(_partial_line(briefing))}</strong></p>'
           if briefing.failed else "")
        + f"<p><strong>{e(TITLE_EN)} — {briefing.date.isoformat()}</strong><br>"
        f'<span dir="rtl" lang="ar" style="{_AR_STYLE}">{e(TITLE_AR)}'
        + (f" — {e(hijri)}" if hijri else "") + "</span></p>"
        f"<h1 style=\"font-size:1.3em\">{e(briefing.title)}</h1>"
        f"<h2 style=\"font-size:1.1em\">Bottom line</h2>{body}"
        f"<p><small>{e(_counts(briefing))}<br>The attached PDF ({e(pdf_name)}) has every claim with its "
        "Arabic evidence, the sources and the original articles.</small></p></body></html>\n"
    )


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
    msg.set_content(_text_body(briefing, points, pdf_name), subtype="plain", charset="utf-8")
    msg.add_alternative(_html_body(briefing, points, pdf_name), subtype="html", charset="utf-8")
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


# ---------------------------------------------------------------------------------------------
# sending


@dataclass(frozen=True)
class SendReport:
    host: str
    port: int
    tls: str
    recipients: list[str]
    size_bytes: int
    wall_s: float


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=str(settings.ca_file) if settings.ca_file else None)
    except (OSError, ssl.SSLError) as exc:
        raise UsageError(f"{settings.ca_file}: cannot load the CA file ({exc})") from None


def _scrub(text: str, settings: SmtpSettings) -> str:
    secrets = []
    if settings.password:
        secrets.append(settings.password)
        if settings.username:
            secrets.append(base64.b64encode(f"\0{settings.username}\0{settings.password}".encode()).decode())
        secrets.append(base64.b64encode(settings.password.encode()).decode())
    for secret in secrets:
        text = text.replace(secret, "***")
    return " ".join(text.split())[:300]


def _reply(code: int, raw: bytes | str) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return f"{code} {text}".strip()


def _why(exc: BaseException, settings: SmtpSettings) -> str:
    where = f"{settings.host}:{settings.effective_port}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{a} ({_reply(c, m)})" for a, (c, m) in exc.recipients.items())
        return f"{where} refused every recipient: {refused}"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"{where} refused the sender {exc.sender} ({_reply(exc.smtp_code, exc.smtp_error)})"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"{where} rejected the login of {settings.username} ({_reply(exc.smtp_code, exc.smtp_error)})"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        if "STARTTLS" in str(exc).upper():
            return (f"{where} does not offer STARTTLS, so nothing was sent (use --tls ssl for port 465, "
                    "or --tls none --insecure-no-tls for an unencrypted server)")
        return f"{where}: {exc}"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{where} answered {_reply(exc.smtp_code, exc.smtp_error)}"
    if isinstance(exc, smtplib.SMTPServerDisconnected) and isinstance(exc.__context__, TimeoutError):
        return f"{where} did not answer within {settings.timeout_s:g} s"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"{where} closed the connection ({exc or 'no reason given'})"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (f"the TLS certificate of {settings.host} could not be verified ({exc.verify_message}); "
                "for a private CA give --ca-file")
    if isinstance(exc, ssl.SSLError):
        return f"TLS with {where} failed ({exc.reason or exc})"
    if isinstance(exc, TimeoutError):
        return f"{where} did not answer within {settings.timeout_s:g} s"
    if isinstance(exc, ConnectionRefusedError):
        return f"cannot connect to {where} (connection refused)"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve {settings.host} ({exc.strerror or exc})"
    if isinstance(exc, OSError):
        return f"cannot talk to {where} ({exc.strerror or exc})"
    return f"{where}: {exc}"


def _login(client: smtplib.SMTP, username: str, password: str) -> None:
    """``SMTP.login``, except that non-ASCII credentials go as UTF-8 AUTH PLAIN (RFC 4616)."""
    if username.isascii() and password.isascii():
        client.login(username, password)
        return
    if not client.has_extn("auth") or "PLAIN" not in client.esmtp_features["auth"].upper().split():
        raise smtplib.SMTPNotSupportedError("non-ASCII credentials need AUTH PLAIN, which the server does not offer")
    token = base64.b64encode(f"\0{username}\0{password}".encode()).decode("ascii")
    code, reply = client.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def send_message(message: EmailMessage, settings: SmtpSettings) -> SendReport:
    """Send ``message`` to its ``To`` addresses; ``SendError`` (one line, no password) on failure.

    Some recipients refused while others were accepted is also an error: it names them.
    """
    settings.check()
    sender = message["From"].addresses[0].addr_spec
    recipients = [a.addr_spec for a in message["To"].addresses]
    data = message.as_bytes(policy=_POLICY)
    port = settings.effective_port
    started = time.perf_counter()
    try:
        context = _tls_context(settings) if settings.tls != "none" else None
        client: smtplib.SMTP
        if settings.tls == "ssl":
            client = smtplib.SMTP_SSL(settings.host, port, timeout=settings.timeout_s, context=context)
        else:
            client = smtplib.SMTP(settings.host, port, timeout=settings.timeout_s)
        with client:
            client.ehlo()
            if settings.tls == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if settings.username and settings.password:
                _login(client, settings.username, settings.password)
            refused = client.sendmail(sender, recipients, data)
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(_scrub(_why(exc, settings), settings)) from None
    except Exception as exc:  # anything else: its text could hold the credentials, so only its kind
        raise SendError(f"{settings.host}:{port}: unexpected {type(exc).__name__}") from None
    if refused:
        listed = "; ".join(f"{a} ({_reply(c, m)})" for a, (c, m) in refused.items())
        raise SendError(_scrub(f"{settings.host}:{port} accepted {len(recipients) - len(refused)} of "
                               f"{len(recipients)} recipient(s) and refused: {listed}", settings))
    return SendReport(host=settings.host, port=port, tls=settings.tls, recipients=recipients,
                      size_bytes=len(data), wall_s=round(time.perf_counter() - started, 3))


# ---------------------------------------------------------------------------------------------
# one briefing -> one email


def briefing_json_for(pdf_path: Path) -> Path:
    """``briefing-DATE.pdf`` -> the ``briefing-DATE.json`` written next to it."""
    return pdf_path.with_suffix(".json")


def check_pdf_date(pdf_path: Path, date: dt.date) -> None:
    m = re.fullmatch(r"briefing-(\d{4}-\d{2}-\d{2})\.pdf", pdf_path.name)
    if m and m.group(1) != date.isoformat():
        raise UsageError(f"{pdf_path} is dated {m.group(1)} but its briefing JSON is for {date.isoformat()}")


@dataclass(frozen=True)
class EmailResult:
    subject: str
    recipients: list[str]
    size_bytes: int
    sent: SendReport | None  # None: written to ``eml`` instead (--dry-run)
    eml: Path | None = None


def email_briefing(briefing: Briefing, pdf_path: Path, *, sender: str | None, recipients: Sequence[str],
                   smtp: SmtpSettings, sent_at: dt.datetime | None = None,
                   dry_run: Path | None = None) -> EmailResult:
    """Build the email for ``briefing`` with the PDF at ``pdf_path`` and send it (or write ``dry_run``)."""
    if not sender:
        raise UsageError("no sender: give --from ADDRESS or `from` under [email] in the config file")
    check_pdf_date(pdf_path, briefing.date)
    if dry_run is None:
        smtp.check()
    try:
        pdf = pdf_path.read_bytes()
    except OSError as exc:
        raise InputError(f"{pdf_path}: cannot read the PDF ({exc.strerror or exc})") from None
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
