"""Email: `briefing send` and `generate --email` against real SMTP servers (aiosmtpd) on loopback.

The servers run in this process on 127.0.0.1; TLS uses a throwaway CA and a server certificate
made with the openssl command in a temporary folder.
"""

from __future__ import annotations

import email
import email.policy
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markupsafe import escape

from briefing.cli import cli
from briefing.errors import SendError, UsageError
from briefing.message import build_message, email_config, subject, validate_address, validate_recipients
from briefing.models import Briefing
from briefing.smtp import SmtpSettings, _scrub

from .conftest import SEEDS

aiosmtpd = pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

DATE = "2017-11-04"
SUBJECT = "Situation briefing 2017-11-04 · الموجز اليومي 15 صفر 1439 هـ"
SENDER = "briefing@desk.example.org"
USER, PASSWORD = "desk-bot", "s3cret-Pa55-ت"


# --------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample briefing (replayed), written once for this module: briefing-DATE.{pdf,json,...}."""
    out = tmp_path_factory.mktemp("sample")
    result = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", DATE, "-q",
                                      "--replay", str(SEEDS / "sample-run.yaml"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def pdf(sample: Path, tmp_path: Path) -> Path:
    """A copy of the sample PDF and JSON in a folder of the test's own."""
    for ext in ("pdf", "json"):
        shutil.copy(sample / f"briefing-{DATE}.{ext}", tmp_path / f"briefing-{DATE}.{ext}")
    return tmp_path / f"briefing-{DATE}.pdf"


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A throwaway CA and a server certificate for 127.0.0.1 / localhost signed by it."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make test certificates")
    d = tmp_path_factory.mktemp("certs")

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    openssl("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=briefing test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (d / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                               "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n"
                               "authorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return {"ca": d / "ca.pem", "cert": d / "server.pem", "key": d / "server.key"}


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        msg = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        return msg


@dataclass
class Handler:
    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content
                                      or envelope.content))
        return "250 Message accepted"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    handler: Handler
    port: int


@pytest.fixture
def smtp_server(request: pytest.FixtureRequest, certs: dict[str, Path]) -> Iterator[Server]:
    """An aiosmtpd server on 127.0.0.1; ``@pytest.mark.parametrize('smtp_server', [kind], indirect=True)``.

    kind: "plain" (no TLS, no AUTH), "starttls" (STARTTLS + AUTH required) or "ssl" (implicit TLS + AUTH).
    """
    kind = getattr(request, "param", "plain")
    handler = Handler()
    port = _free_port()
    kwargs: dict[str, Any] = {}
    if kind != "plain":
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(certs["cert"], certs["key"])
        kwargs = {"authenticator": _authenticator, "auth_required": True, "auth_require_tls": True}
        if kind == "starttls":
            kwargs |= {"tls_context": tls, "require_starttls": True}
        else:  # aiosmtpd only counts STARTTLS as TLS for AUTH; this whole connection is TLS
            kwargs |= {"ssl_context": tls, "auth_require_tls": False}
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield Server(handler, port)
    finally:
        controller.stop()


def _send(pdf: Path, server: Server | None, *extra: str, env: dict[str, str] | None = None) -> Any:
    port = str(server.port if server else _free_port())
    args = ["send", str(pdf), "--from", SENDER, "--smtp-host", "127.0.0.1", "--smtp-port", port,
            "--timeout", "5", *extra]
    if not any(a.startswith("--to") for a in extra):
        args += ["--to", "analyst@example.org"]
    runner = CliRunner(env={"BRIEFING_SMTP_USER": "", "BRIEFING_SMTP_PASSWORD": "", "BRIEFING_CONFIG": "",
                            **(env or {})})
    return runner.invoke(cli, args)


def _plain(pdf: Path, server: Server | None, *extra: str) -> Any:
    return _send(pdf, server, "--tls", "none", "--insecure-no-tls", *extra)


def _headers(msg: EmailMessage) -> list[str]:
    return [f"{k}: {v}" for part in msg.walk() for k, v in part.items()]


def _briefing(pdf: Path) -> Briefing:
    return Briefing.model_validate_json(pdf.with_suffix(".json").read_bytes())


# --------------------------------------------------------------------------------------------- arrival


def test_message_arrives_with_identical_pdf_and_arabic(pdf: Path, smtp_server: Server) -> None:
    pdf_bytes = pdf.read_bytes()
    started = time.perf_counter()
    result = _plain(pdf, smtp_server, "--to", "analyst@example.org,editor@example.org")
    wall = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert "sent to 2 recipient(s) via 127.0.0.1" in result.output
    [got] = smtp_server.handler.received
    assert got.mail_from == SENDER and got.rcpt_tos == ["analyst@example.org", "editor@example.org"]
    assert max(len(line) for line in got.data.split(b"\r\n")) <= 998 and got.data.isascii()  # 7-bit clean
    msg = got.message
    assert msg["Subject"] == SUBJECT  # Arabic survives RFC 2047 encoding
    assert msg["From"] == SENDER and msg["To"] == "analyst@example.org, editor@example.org"
    assert msg["Auto-Submitted"] == "auto-generated" and msg["Date"] and msg["Message-ID"]

    [attachment] = list(msg.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == f"briefing-{DATE}.pdf"
    assert attachment.get_content() == pdf_bytes  # byte-identical

    briefing = _briefing(pdf)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    page = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "الموجز اليومي — 15 صفر 1439 هـ" in text and "الموجز اليومي — 15 صفر 1439 هـ" in page
    assert briefing.title in text and str(escape(briefing.title)) in page
    claims = {c.id: c for c in briefing.claims()}
    for point in briefing.bluf:
        assert point.text_en in text and str(escape(point.text_en)) in page
        quote = claims[point.claim_ids[0]].evidence[0].quote_ar
        assert quote in text and str(escape(quote)) in page  # the Arabic evidence, intact
    assert '<blockquote dir="rtl" lang="ar"' in page
    assert pdf.read_bytes() == pdf_bytes
    print(f"\nemail: {len(got.data):,} bytes on the wire for a {len(pdf_bytes):,}-byte PDF; "
          f"send over loopback {wall:.3f}s")


def test_no_model_or_article_text_in_any_header(pdf: Path) -> None:
    briefing = _briefing(pdf)
    msg = build_message(briefing, pdf.read_bytes(), sender=SENDER, recipients=["a@example.org"])
    wire = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    headers = "\n".join(_headers(wire))  # decoded
    raw_headers = b"\n".join(part.as_bytes().split(b"\r\n\r\n")[0] for part in msg.walk())
    forbidden = [briefing.title, *(p.text_en for p in briefing.bluf), *(s.headline_en for s in briefing.summaries),
                 *(e.quote_ar for c in briefing.claims() for e in c.evidence),
                 *(a.title for a in briefing.articles if a.title), *(a.lede for a in briefing.articles)]
    for text in forbidden:
        for piece in (text[:20], text[-20:]):
            assert piece not in headers
    assert b"Deir" not in raw_headers and "دير" not in headers
    # the only Arabic in any header is the fixed title and the Hijri date
    arabic = {w for w in headers.split() if any("\u0600" <= ch <= "\u06ff" for ch in w)}
    assert arabic == {"الموجز", "اليومي", "صفر", "هـ"}
    assert subject(briefing.date) == SUBJECT


def test_dry_run_writes_the_message(pdf: Path, tmp_path: Path) -> None:
    eml = tmp_path / "out.eml"
    result = _send(pdf, None, "--dry-run", str(eml))  # no server: nothing is sent
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(eml)
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert msg["Subject"] == SUBJECT
    assert next(msg.iter_attachments()).get_content() == pdf.read_bytes()  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------- TLS and credentials


@pytest.mark.parametrize("smtp_server", ["starttls"], indirect=True)
def test_starttls_verifies_the_certificate(pdf: Path, smtp_server: Server, certs: dict[str, Path]) -> None:
    env = {"BRIEFING_SMTP_USER": USER, "BRIEFING_SMTP_PASSWORD": PASSWORD}
    refused = _send(pdf, smtp_server, env=env)  # the test CA is not trusted: verification is on by default
    assert refused.exit_code == 5, refused.output
    assert "TLS certificate of 127.0.0.1 could not be verified" in refused.output
    assert "is unchanged" in refused.output and pdf.is_file()
    assert smtp_server.handler.received == []

    ok = _send(pdf, smtp_server, "--ca-file", str(certs["ca"]), env=env)
    assert ok.exit_code == 0, ok.output
    assert "(starttls)" in ok.output
    [got] = smtp_server.handler.received
    assert got.message["Subject"] == SUBJECT
    for output in (refused.output, ok.output):
        assert PASSWORD not in output


@pytest.mark.parametrize("smtp_server", ["starttls"], indirect=True)
def test_wrong_password_and_missing_credentials(pdf: Path, smtp_server: Server, certs: dict[str, Path]) -> None:
    wrong = _send(pdf, smtp_server, "--ca-file", str(certs["ca"]),
                  env={"BRIEFING_SMTP_USER": USER, "BRIEFING_SMTP_PASSWORD": "nope-" + PASSWORD})
    assert wrong.exit_code == 5
    assert f"rejected the login of {USER} (535" in wrong.output and PASSWORD not in wrong.output
    missing = _send(pdf, smtp_server, "--ca-file", str(certs["ca"]))
    assert missing.exit_code == 5 and "530" in missing.output  # authentication required
    assert smtp_server.handler.received == []


@pytest.mark.parametrize("smtp_server", ["ssl"], indirect=True)
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls(pdf: Path, smtp_server: Server, certs: dict[str, Path]) -> None:
    env = {"BRIEFING_SMTP_USER": USER, "BRIEFING_SMTP_PASSWORD": PASSWORD}
    refused = _send(pdf, smtp_server, "--tls", "ssl", env=env)
    assert refused.exit_code == 5 and "could not be verified" in refused.output
    ok = _send(pdf, smtp_server, "--tls", "ssl", "--ca-file", str(certs["ca"]), env=env)
    assert ok.exit_code == 0, ok.output
    assert next(smtp_server.handler.received[0].message.iter_attachments()).get_content() == pdf.read_bytes()  # type: ignore[attr-defined]


def test_starttls_is_never_silently_skipped(pdf: Path, smtp_server: Server) -> None:
    result = _send(pdf, smtp_server)  # the plain server offers no STARTTLS
    assert result.exit_code == 5 and "does not offer STARTTLS" in result.output
    assert smtp_server.handler.received == []


def test_no_tls_needs_the_explicit_flag(pdf: Path) -> None:
    result = _send(pdf, None, "--tls", "none")
    assert result.exit_code == 2 and "--insecure-no-tls" in result.output
    result = _send(pdf, None, "--tls", "none", "--insecure-no-tls",
                   env={"BRIEFING_SMTP_USER": USER, "BRIEFING_SMTP_PASSWORD": PASSWORD})
    assert result.exit_code == 2 and "never sent without TLS" in result.output and PASSWORD not in result.output


def test_password_is_scrubbed_from_messages() -> None:
    settings = SmtpSettings(username=USER, password=PASSWORD)
    assert PASSWORD not in _scrub(f"535 bad credentials {PASSWORD} for {USER}", settings)
    assert "s3cret" not in repr(settings)


# --------------------------------------------------------------------------------------------- failures


def test_connection_refused(pdf: Path) -> None:
    before = (pdf.read_bytes(), pdf.stat().st_mtime_ns)
    result = _plain(pdf, None)
    assert result.exit_code == 5
    assert "connection refused" in result.output and f"{pdf} is unchanged" in result.output
    assert (pdf.read_bytes(), pdf.stat().st_mtime_ns) == before


def test_server_that_never_answers_times_out(pdf: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts the connection in the kernel, never greets
        port = str(listener.getsockname()[1])
        started = time.perf_counter()
        result = CliRunner(env={"BRIEFING_SMTP_USER": "", "BRIEFING_SMTP_PASSWORD": "", "BRIEFING_CONFIG": ""}).invoke(
            cli, ["send", str(pdf), "--from", SENDER, "--to", "a@example.org", "--smtp-host", "127.0.0.1",
                  "--smtp-port", port, "--tls", "none", "--insecure-no-tls", "--timeout", "0.5"])
    assert result.exit_code == 5 and "did not answer within 0.5 s" in result.output
    assert time.perf_counter() - started < 5


def test_recipient_refused(pdf: Path, smtp_server: Server) -> None:
    smtp_server.handler.refuse = {"gone@example.org"}
    result = _plain(pdf, smtp_server, "--to", "gone@example.org")
    assert result.exit_code == 5
    assert "refused every recipient: gone@example.org (550 5.1.1 no such mailbox here)" in result.output
    partial = _plain(pdf, smtp_server, "--to", "gone@example.org", "--to", "ok@example.org")
    assert partial.exit_code == 5 and "accepted 1 of 2 recipient(s) and refused: gone@example.org" in partial.output
    assert [r.rcpt_tos for r in smtp_server.handler.received] == [["ok@example.org"]]


def test_json_must_match_the_pdf(pdf: Path, tmp_path: Path) -> None:
    other = tmp_path / "briefing-2017-11-05.pdf"
    shutil.copy(pdf, other)
    result = _send(other, None, "--json", str(pdf.with_suffix(".json")), "--dry-run", str(tmp_path / "x.eml"))
    assert result.exit_code == 2 and "dated 2017-11-05" in result.output
    pdf.with_suffix(".json").unlink()
    result = _send(pdf, None, "--dry-run", str(tmp_path / "x.eml"))
    assert result.exit_code == 2 and "no such file" in result.output


# --------------------------------------------------------------------------------------------- addresses


@pytest.mark.parametrize("bad", [
    "analyst@example.org\r\nBcc: spy@evil.example", "analyst@example.org\nBcc: spy@evil.example",
    "Eve <eve@evil.example>", '"Eve" eve@evil.example', "eve@evil.example (Eve)", '"a@b"@example.org',
    "a b@example.org", "a@b", "a@@example.org", "@example.org", "analyst@", "a@-x.example.org", "a@x..org",
    "a..b@example.org", ".a@example.org", "a@[127.0.0.1]", "محلل@example.org", "a@example.123",
    "a@example.org,", "a@example.org>", "", "x" * 65 + "@example.org",
])
def test_bad_addresses_are_refused(bad: str) -> None:
    with pytest.raises(UsageError):
        validate_address(bad)


def test_good_addresses() -> None:
    assert validate_address(" first.last+tag@sub.example-mail.org ") == "first.last+tag@sub.example-mail.org"
    assert validate_recipients(["A@example.org", "a@example.org", "b@example.org"]) == ["A@example.org",
                                                                                       "b@example.org"]
    with pytest.raises(UsageError):
        validate_recipients([])


def test_header_injection_from_the_command_line(pdf: Path, tmp_path: Path) -> None:
    result = _send(pdf, None, "--to", "a@example.org\r\nBcc: spy@evil.example", "--dry-run", str(tmp_path / "x.eml"))
    assert result.exit_code == 2 and "control characters" in result.output
    assert not (tmp_path / "x.eml").exists()


# --------------------------------------------------------------------------------------------- config and generate


def test_group_without_config_file(pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    result = _send(pdf, None, "--to", "desk", "--dry-run", str(tmp_path / "x.eml"))
    assert result.exit_code == 2 and "no recipient group 'desk' (no config file found" in result.output
    result = CliRunner(env={"BRIEFING_CONFIG": ""}).invoke(cli, ["send", str(pdf), "--from", SENDER])
    assert result.exit_code == 2 and "no recipients" in result.output


def test_email_config_groups() -> None:
    cfg = email_config({"from": SENDER, "default_group": "desk", "smtp_host": "smtp.example.org", "tls": "ssl",
                        "groups": {"desk": ["a@example.org", "b@example.org"], "chief": "c@example.org"}}, "x.toml")
    assert cfg.group(None) == ["a@example.org", "b@example.org"]
    assert cfg.recipients(["chief,desk", "d@example.org"]) == ["c@example.org", "a@example.org", "b@example.org",
                                                               "d@example.org"]
    assert cfg.smtp.effective_port == 465 and cfg.smtp.host == "smtp.example.org"
    with pytest.raises(UsageError, match="no recipient group 'nobody'"):
        cfg.recipients(["nobody"])
    with pytest.raises(UsageError, match="BRIEFING_SMTP_PASSWORD"):
        email_config({"password": "x"}, "x.toml")
    with pytest.raises(UsageError, match=r"\[email.groups\] desk"):
        email_config({"groups": {"desk": ["Eve <e@example.org>"]}}, "x.toml")


@pytest.mark.parametrize("smtp_server", ["starttls"], indirect=True)
def test_generate_email_sends_to_the_group(smtp_server: Server, certs: dict[str, Path], tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text(f"""
[email]
from = "{SENDER}"
default_group = "desk"
smtp_host = "127.0.0.1"
smtp_port = {smtp_server.port}
ca_file = "{certs['ca']}"
timeout_s = 5

[email.groups]
desk = ["analyst@example.org", "editor@example.org"]
""", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner(env={"BRIEFING_SMTP_USER": USER, "BRIEFING_SMTP_PASSWORD": PASSWORD}).invoke(
        cli, ["generate", str(SEEDS), "--date", DATE, "-q", "--replay", str(SEEDS / "sample-run.yaml"),
              "--out", str(out), "--config", str(config), "--email"])
    assert result.exit_code == 0, result.output
    [got] = smtp_server.handler.received
    assert got.rcpt_tos == ["analyst@example.org", "editor@example.org"]
    assert next(got.message.iter_attachments()).get_content() == (out / f"briefing-{DATE}.pdf").read_bytes()  # type: ignore[attr-defined]
    assert PASSWORD not in result.output


@pytest.mark.parametrize("smtp_server", ["starttls"], indirect=True)
def test_generate_email_failure_keeps_the_files(smtp_server: Server, certs: dict[str, Path], tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"  # the server's CA is not trusted: the send fails after writing
    config.write_text(f'[email]\nfrom = "{SENDER}"\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp_server.port}\n'
                      '[email.groups]\ndesk = ["a@example.org"]\n', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner(env={"BRIEFING_SMTP_USER": USER, "BRIEFING_SMTP_PASSWORD": PASSWORD}).invoke(
        cli, ["generate", str(SEEDS), "--date", DATE, "-q", "--replay", str(SEEDS / "sample-run.yaml"),
              "--out", str(out), "--config", str(config), "--email=desk"])
    assert result.exit_code == 5
    assert "not sent: the TLS certificate of 127.0.0.1 could not be verified" in result.output
    assert (out / f"briefing-{DATE}.pdf").read_bytes().startswith(b"%PDF") and (out / f"briefing-{DATE}.json").is_file()
    assert smtp_server.handler.received == [] and PASSWORD not in result.output


def test_generate_email_checks_before_any_model_call(tmp_path: Path) -> None:
    config = tmp_path / "briefing.toml"
    config.write_text(f'[email]\nfrom = "{SENDER}"\n[email.groups]\ndesk = ["a@example.org"]\n', encoding="utf-8")
    result = CliRunner(env={"BRIEFING_SMTP_USER": "", "BRIEFING_SMTP_PASSWORD": ""}).invoke(
        cli, ["generate", str(SEEDS), "--date", DATE, "--replay", str(SEEDS / "sample-run.yaml"),
              "--out", str(tmp_path / "out"), "--config", str(config), "--email=nobody"])
    assert result.exit_code == 2 and "no recipient group 'nobody'" in result.output
    assert not (tmp_path / "out").exists()
    result = CliRunner().invoke(cli, ["generate", str(SEEDS), "--date", DATE,
                                      "--replay", str(SEEDS / "sample-run.yaml"),
                                      "--out", str(tmp_path / "out"), "--config", str(config), "--format", "html",
                                      "--email=desk"])
    assert result.exit_code == 2 and "pdf" in result.output


def test_send_error_is_a_delivery_error() -> None:
    assert SendError("x").exit_code == 5


def test_partial_briefing_says_so_in_the_first_line(pdf: Path) -> None:
    from briefing.models import FailedArticle

    briefing = _briefing(pdf)
    partial = briefing.model_copy(update={"failed": [FailedArticle(article_id="x", origin="x.txt", reason="HTTP 503")]})
    msg = build_message(partial, pdf.read_bytes(), sender=SENDER, recipients=["a@example.org"])
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html_body = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    first = "PARTIAL BRIEFING: 1 of 3 stories could not be summarized"
    assert text.splitlines()[0].startswith(first)
    assert first in html_body.split("<h1")[0]
    full = build_message(briefing, pdf.read_bytes(), sender=SENDER, recipients=["a@example.org"])
    assert "PARTIAL" not in full.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_no_summary_at_all_is_a_failure_and_is_not_emailed(smtp_server: Server, certs: dict[str, Path],
                                                           tmp_path: Path) -> None:
    from tests.support.server import OpenAIServer, Reply

    config = tmp_path / "briefing.toml"
    config.write_text(f"""
[email]
from = "{SENDER}"
default_group = "desk"
smtp_host = "127.0.0.1"
smtp_port = {smtp_server.port}
ca_file = "{certs['ca']}"

[email.groups]
desk = ["analyst@example.org"]
""", encoding="utf-8")
    with OpenAIServer(lambda request: Reply(body={"error": {"message": "overloaded"}}, status=503)) as server:
        result = CliRunner(env={"BRIEFING_SMTP_USER": USER, "BRIEFING_SMTP_PASSWORD": PASSWORD}).invoke(
            cli, ["generate", str(SEEDS), "--date", DATE, "--out", str(tmp_path / "o"), "--model", "openai/test",
                  "--api-base", server.base_url, "--no-cache", "--config", str(config), "--email"])
    assert result.exit_code == 1, result.output
    assert "no article could be summarized (2 failed); the briefing is not emailed" in result.output
    assert smtp_server.handler.received == []


def test_the_message_states_the_attachment_and_refuses_one_over_10_mb(pdf: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing import mail
    from briefing.message import size_text

    eml = tmp_path / "out.eml"
    assert _send(pdf, None, "--dry-run", str(eml)).exit_code == 0
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"Attached: the digest, {pdf.name} ({size_text(pdf.stat().st_size)})" in text
    monkeypatch.setattr(mail, "MAX_ATTACHMENT_BYTES", pdf.stat().st_size - 1)  # as if it were over 10 MB
    refused = _send(pdf, None, "--dry-run", str(tmp_path / "big.eml"))
    assert refused.exit_code == 5 and "use --force" in refused.output and not (tmp_path / "big.eml").exists()
    forced = _send(pdf, None, "--dry-run", str(tmp_path / "big.eml"), "--force")
    assert forced.exit_code == 0 and (tmp_path / "big.eml").exists()
    assert size_text(12 * 1024 * 1024) == "12.0 MB" and size_text(350 * 1024) == "350 KB"
