"""SMTP transport: one message to its recipients, with TLS that is never silently skipped.

``starttls`` (default, port 587) and ``ssl`` (port 465) verify the server's certificate and
host name with ``ssl.create_default_context()`` (``ca_file`` adds a private CA); a server that
does not offer STARTTLS is an error, never a silent downgrade. ``none`` (port 25) must be allowed
explicitly (``allow_no_tls``) and never carries credentials. Credentials are parameters (the CLI
reads ``BRIEFING_SMTP_USER`` / ``BRIEFING_SMTP_PASSWORD``); the password is never logged and is
scrubbed from every error message. Every failure raises :class:`SendError` with one line saying
why.
"""

from __future__ import annotations

import base64
import re
import smtplib
import socket
import ssl
import time
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Literal, get_args

from .errors import SendError, UsageError

TlsMode = Literal["starttls", "ssl", "none"]
TLS_MODES: tuple[str, ...] = get_args(TlsMode)
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "ssl": 465, "none": 25}
# CRLF on the wire, and 7-bit clean: the stdlib picks quoted-printable or base64 per body part, whichever
# is shorter, so no server needs 8BITMIME.
SMTP_POLICY = policy.SMTP.clone(cte_type="7bit")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]")


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
    data = message.as_bytes(policy=SMTP_POLICY)
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


