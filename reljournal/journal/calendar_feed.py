"""The calendar subscription (issue 14): the private iCal address Google Calendar and
Outlook offer, fetched over HTTPS. The address is a secret (whoever has it reads the
calendar): it is kept only inside the encrypted journal, and no message or log line
ever shows more of it than its host name."""

from __future__ import annotations

import logging
import ssl
import urllib.error
import urllib.parse
import urllib.request
from typing import Final

from reljournal import APP_NAME, __version__
from reljournal.core.errors import RelJournalError, ValidationError
from reljournal.core.meetings.records import MAX_BYTES

log = logging.getLogger(__name__)

TIMEOUT_S: Final = 30


class FeedError(RelJournalError):
    """The calendar could not be fetched; the message names only the host."""


def clean_feed_url(text: str) -> str:
    """The address as fetched: ``webcal://`` becomes ``https://``; anything but an
    HTTPS address is refused (the address carries the key to the calendar)."""
    url = text.strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[9:]
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise ValidationError(
            "The calendar address must start with https:// (or webcal://): copy the "
            "private address in iCal format from your calendar's settings."
        )
    return url


def host_of(url: str) -> str:
    return urllib.parse.urlsplit(url).hostname or "?"


def fetch_feed(
    url: str, *, context: ssl.SSLContext | None = None, timeout: float = TIMEOUT_S
) -> bytes:
    """The calendar's bytes (at most one over the size limit); a ``FeedError`` saying
    what went wrong in a few words."""
    host = host_of(url)
    request = urllib.request.Request(url, headers={"User-Agent": f"{APP_NAME}/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            if urllib.parse.urlsplit(response.geturl()).scheme.lower() != "https":
                raise FeedError(f"{host} sent the calendar over an unencrypted connection")
            return bytes(response.read(MAX_BYTES + 1))
    except urllib.error.HTTPError as exc:
        exc.close()
        log.info("calendar subscription: HTTP %s from %s", exc.code, host)
        raise FeedError(f"{host} answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        log.info("calendar subscription: %s from %s", type(reason).__name__, host)
        if isinstance(reason, ssl.SSLCertVerificationError):
            raise FeedError(f"{host}'s certificate is not trusted") from None
        raise FeedError(f"{host} could not be reached") from None
    except (TimeoutError, OSError) as exc:
        log.info("calendar subscription: %s from %s", type(exc).__name__, host)
        raise FeedError(f"{host} could not be reached") from None
