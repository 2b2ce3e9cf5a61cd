"""The Qt interface (PySide6 only).

Importing anything from ``reljournal.ui`` first applies the work-arounds for the Qt
bindings in use (see ``qt_compat``): PySide6 6.12.0 on Python 3.11 releases ``None``
once too often on every call of a void method, which aborts the process within seconds.
"""

from reljournal.ui import qt_compat as _qt_compat  # noqa: F401
