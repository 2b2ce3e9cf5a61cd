"""Work-arounds for bugs of the Qt bindings, applied once at import.

PySide6 6.12.0 drops one reference to ``None`` each time a Python override of a
virtual that returns a QVariant (``QAbstractItemModel.data``, ``headerData``…)
returns ``None``. On Python 3.11, where ``None`` is not immortal, a view scrolling
through a few thousand rows brings its count to zero and the process aborts
("Fatal Python error: none_dealloc"). 6.11.3 is not affected, and on Python 3.12+
``None`` is immortal. Until the bindings are fixed, ``None`` is given a reference
count no program can exhaust.
"""

from __future__ import annotations

import ctypes
import logging
import sys

import PySide6

log = logging.getLogger(__name__)

_RESERVE = 1 << 48


def _affected() -> bool:
    version = tuple(int(p) for p in PySide6.__version__.split(".")[:2] if p.isdigit())
    return sys.version_info < (3, 12) and version >= (6, 12)


def protect_none_refcount() -> bool:
    """Give ``None`` a huge reference count when the bindings are affected; idempotent."""
    if not _affected() or sys.implementation.name != "cpython":
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < _RESERVE:
        count.value += _RESERVE
        log.info("PySide6 %s: protected None's reference count", PySide6.__version__)
    return True


def protect_bool_refcounts() -> bool:
    """The same for ``True`` and ``False``: in PySide6 6.12.0 ``Signal.emit()`` returns
    ``True`` one reference short, so every emit from Python drops a reference to it and,
    after a few thousand emits (minutes of use), the process aborts ("bool_dealloc").
    ``False`` gets the same reserve in case another path does the same. Idempotent."""
    if not _affected() or sys.implementation.name != "cpython":
        return False
    for value in (True, False):
        count = ctypes.c_ssize_t.from_address(id(value))
        if count.value < _RESERVE:
            count.value += _RESERVE
    log.info("PySide6 %s: protected True's and False's reference counts", PySide6.__version__)
    return True


protect_none_refcount()
protect_bool_refcounts()
