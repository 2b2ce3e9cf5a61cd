"""Issue 18: keyring's back-end chosen without its search when the platform's is known.

Left to itself, keyring finds its back-end by loading every one it ships and every
plug-in (entry points: a scan of the installed packages) and asking each whether it
works here; on Linux the macOS back-end alone asks ctypes for its frameworks, which runs
``ldconfig`` and a compiler. Where the user has not chosen a back-end (no
``PYTHON_KEYRING_BACKEND``, no keyring config file), the platform's own keychain is what
that search ends with: the Secret Service on Linux (priority 5, above KWallet's 4.9), the
macOS Keychain, the Windows Credential Locker. So that one is asked first, alone; only if
it does not work here does keyring search as always. A back-end the program already set
(``keyring.set_keyring``) is left as it is.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from typing import Final

log = logging.getLogger(__name__)

PLATFORM_BACKENDS: Final = {
    "linux": "keyring.backends.SecretService.Keyring",
    "darwin": "keyring.backends.macOS.Keyring",
    "win32": "keyring.backends.Windows.WinVaultKeyring",
}


def _user_chose_backend() -> bool:
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    from keyring.core import _config_path

    return bool(_config_path().exists())  # type: ignore[no-untyped-call]


def choose_platform_keychain() -> bool:
    """Set keyring's back-end to this platform's keychain if nothing chose one yet and it
    works here; return whether it did (else keyring's own search is left to run)."""
    import keyring.core

    if getattr(keyring.core, "_keyring_backend", None) is not None:
        return False  # already chosen, by keyring or by the program
    name = PLATFORM_BACKENDS.get(sys.platform)
    if name is None or _user_chose_backend():
        return False
    module_name, _, class_name = name.rpartition(".")
    try:
        backend_class = getattr(importlib.import_module(module_name), class_name)
        if backend_class.priority < 1:  # raises where it cannot work (no daemon, no module)
            return False
        backend = backend_class()
    except Exception:  # keyring's search then finds what works, or reports it
        log.debug("the platform keychain %s is not usable here", name, exc_info=True)
        return False
    keyring.core.set_keyring(backend)
    return True
