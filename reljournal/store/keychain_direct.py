"""Issue 18: the journal's key read straight from the Secret Service, for the app's first
window.

keyring reads the key the same way on Linux (its SecretService back-end: the default
collection, the item whose ``service`` and ``username`` attributes match, its secret),
but loading keyring and secretstorage costs more than the app's whole first window may.
This reads that one item over D-Bus with jeepney (what secretstorage itself uses), in a
"plain" session: the secret travels over the user's own session bus, as the Secret
Service specification allows; whoever can read that bus runs as the user, which the
threat model leaves out of scope (SECURITY.md).

It only reads, and only where keyring would have asked the Secret Service: on Linux,
when the user chose no other keyring back-end (``PYTHON_KEYRING_BACKEND``, keyring's
config file) and the keychain is not turned off (``RELJOURNAL_NO_KEYCHAIN``). Anything
else — no bus, no Secret Service, a locked collection, no such item, an unexpected
answer — gives None, and the caller takes the usual way through keyring, which unlocks,
asks or reports as always. Every key read here is checked by opening the journal with it.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any, Final

from reljournal.store.key_values import ENV_NO_KEYCHAIN, SERVICE

log = logging.getLogger(__name__)

_BUS_NAME: Final = "org.freedesktop.secrets"
_SERVICE_PATH: Final = "/org/freedesktop/secrets"
_DEFAULT_COLLECTION: Final = "/org/freedesktop/secrets/aliases/default"
_TIMEOUT_S: Final = 2.0  # a Secret Service that does not answer: keyring's way then


def keyring_config_path() -> Path:
    """Where keyring reads the user's choice of back-end on Linux (its config root:
    ``$XDG_CONFIG_HOME/python_keyring``, else ``~/.config/python_keyring``)."""
    root = os.environ.get("XDG_CONFIG_HOME") or str(Path("~/.config").expanduser())
    return Path(root) / "python_keyring" / "keyringrc.cfg"


def applies() -> bool:
    """Whether keyring would read this machine's key from the Secret Service."""
    if sys.platform != "linux" or os.environ.get(ENV_NO_KEYCHAIN):
        return False
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return False
    try:
        return not keyring_config_path().exists()
    except OSError:
        return False


def read_password(username: str) -> str | None:
    """The secret keyring keeps for (``reljournal``, ``username``) in the default
    collection, if it can be read without asking anything; else None."""
    if not applies():
        return None
    try:
        return _read(username)
    except Exception:  # anything unusual: keyring's way, which reports it properly
        log.debug("direct Secret Service read failed", exc_info=True)
        return None


def _read(username: str) -> str | None:
    from jeepney import DBusAddress, MessageType, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    service = DBusAddress(
        _SERVICE_PATH, bus_name=_BUS_NAME, interface="org.freedesktop.Secret.Service"
    )
    collection = DBusAddress(
        _DEFAULT_COLLECTION, bus_name=_BUS_NAME, interface="org.freedesktop.Secret.Collection"
    )
    conn = open_dbus_connection(bus="SESSION")
    try:

        def call(address: DBusAddress, method: str, signature: str, *body: Any) -> Any:
            reply = conn.send_and_get_reply(
                new_method_call(address, method, signature, body), timeout=_TIMEOUT_S
            )
            if reply.header.message_type != MessageType.method_return:
                return None  # an error reply: no such collection, locked, …
            return reply.body

        opened = call(service, "OpenSession", "sv", "plain", ("s", ""))
        if opened is None:
            return None
        session = opened[1]
        try:
            found = call(
                collection, "SearchItems", "a{ss}", {"service": SERVICE, "username": username}
            )
            if not found or not found[0]:
                return None
            first = found[0][0]  # keyring reads the first item found, so do we
            secrets = call(service, "GetSecrets", "aoo", [first], session)
            if not secrets or first not in secrets[0]:
                return None  # a locked item is not given: keyring unlocks it (a prompt)
            _session, _parameters, value, _content_type = secrets[0][first]
            return bytes(value).decode("utf-8")
        finally:
            session_object = DBusAddress(
                session, bus_name=_BUS_NAME, interface="org.freedesktop.Secret.Session"
            )
            conn.send(new_method_call(session_object, "Close"))
    finally:
        conn.close()
