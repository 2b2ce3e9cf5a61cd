"""The calendar subscription (issue 14) against a local HTTPS server on 127.0.0.1 whose
self-signed certificate (made here with openssl) the test trusts: fetched, imported,
kept as the last good copy for offline use; failures are short messages that never
show the secret address."""

from __future__ import annotations

import datetime as dt
import http.server
import logging
import os
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reljournal.core.errors import ValidationError
from reljournal.journal.calendar_feed import FeedError, clean_feed_url, fetch_feed
from reljournal.journal.facade import Journal
from reljournal.journal.transfer import read_journal_document
from tests.helpers.facade import facade

DATA = Path(__file__).parents[1] / "data" / "calendars"
SECRET = "/calendar/ical/sam%40example/private-5f3a9c0e2b7d41aa/basic.ics"
CALENDAR = (DATA / "cases" / "32_reimport_export_1_google.ics").read_bytes()
TODAY = dt.date(2025, 11, 30)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that refused the certificate


class _Handler(http.server.BaseHTTPRequestHandler):
    body: bytes = CALENDAR

    def do_GET(self) -> None:  # noqa: N802
        if self.path == SECRET:
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar; charset=utf-8")
            self.end_headers()
            self.wfile.write(type(self).body)
        else:
            self.send_response(404)
            self.end_headers()
            self.wfile.write(b"<html><body>Not Found</body></html>")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (ssl.SSLError, ConnectionError):
            pass


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def server(certificate: tuple[Path, Path]) -> Iterator[str]:
    cert, key = certificate
    httpd = _Server(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    # the handshake in the handler's thread: a client refusing the certificate then ends
    # in a closed connection, not in a socket lost by accept()
    httpd.socket = context.wrap_socket(
        httpd.socket, server_side=True, do_handshake_on_connect=False
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.body = CALENDAR
    yield f"https://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture
def trusted(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


@pytest.fixture
def rep(journal: object) -> Iterator[Journal]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    j = facade(journal)
    j.import_document(read_journal_document(str(DATA / "journal.json")))
    j.import_calendar(
        b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", ["sam.taylor@tandem-medical.example"]
    )
    yield j
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_fetch_over_https_with_a_trusted_certificate(server: str, trusted: ssl.SSLContext) -> None:
    assert fetch_feed(server + SECRET, context=trusted) == CALENDAR


def test_an_untrusted_certificate_is_refused(server: str) -> None:
    with pytest.raises(FeedError, match="certificate is not trusted") as caught:
        fetch_feed(server + SECRET, timeout=5)
    assert "private" not in caught.value.message


def test_failures_never_show_the_secret(
    server: str, trusted: ssl.SSLContext, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(FeedError, match="404") as caught:
        fetch_feed(server + SECRET.replace("basic", "other"), context=trusted)
    assert caught.value.message.startswith("127.0.0.1 ")
    with pytest.raises(FeedError, match="could not be reached"):
        fetch_feed("https://127.0.0.1:1" + SECRET, context=trusted, timeout=5)
    assert "private-5f3a" not in caplog.text and "private-5f3a" not in caught.value.message


def test_only_https_addresses() -> None:
    assert clean_feed_url(" webcal://p01-caldav.icloud.com/published/2/abc ") == (
        "https://p01-caldav.icloud.com/published/2/abc"
    )
    for bad in ("http://calendar.example/private.ics", "ftp://x/y", "calendar.google.com", ""):
        with pytest.raises(ValidationError):
            clean_feed_url(bad)


def test_subscription_imports_and_keeps_the_last_good_copy(
    rep: Journal, server: str, trusted: ssl.SSLContext, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    rep.set_calendar_subscription(server + SECRET)
    assert rep.calendar_subscription() == server + SECRET
    outcome = rep.apply_calendar_feed(
        fetch_feed(rep.calendar_subscription(), context=trusted), today=TODAY
    )
    assert outcome.fresh and not outcome.problem and outcome.result is not None
    queued = rep.meetings_queue()
    assert len(queued) == 6
    # offline (or a broken download): the last good copy keeps the queue going
    _Handler.body = b"<html>Service unavailable</html>"
    data = fetch_feed(rep.calendar_subscription(), context=trusted)
    outcome = rep.apply_calendar_feed(data, today=TODAY)
    assert not outcome.fresh and "web page" in outcome.problem
    assert rep.meetings_queue() == queued
    outcome = rep.apply_calendar_feed(None, "127.0.0.1 could not be reached", today=TODAY)
    assert not outcome.fresh and outcome.result is not None
    assert rep.meetings_queue() == queued
    assert "private-5f3a" not in caplog.text
    rep.set_calendar_subscription("")
    assert rep.calendar_subscription() == ""
    assert rep.apply_calendar_feed(None, "offline", today=TODAY).result is None
