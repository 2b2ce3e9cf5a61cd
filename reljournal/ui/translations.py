"""The app's translation catalogues (``resources/translations/reljournal_<lang>.qm``).

English is the source language, but its plural forms live in a catalogue too: the code
says ``tr("%n day(s)", "", n)`` and ``reljournal_en.qm`` turns that into "1 day" or
"3 days". ``install_translations`` loads the English catalogue, then the catalogue of
the user's language when one is shipped (it takes precedence). ``tools/translations.py``
extracts the strings (pyside6-lupdate) and compiles the catalogues (pyside6-lrelease).
"""

from __future__ import annotations

import logging
from typing import Final

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from reljournal.resources import resource_path

log = logging.getLogger(__name__)

CATALOGUE: Final = "reljournal"
FOLDER: Final = "translations"


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Load and install the English catalogue and the user's language's (if shipped);
    return the installed translators (kept alive by the application as their parent)."""
    folder = str(resource_path(FOLDER))
    installed: list[QTranslator] = []
    english = QTranslator(app)
    if english.load(f"{CATALOGUE}_en", folder):
        app.installTranslator(english)
        installed.append(english)
    else:
        log.warning(
            "the English catalogue is missing from %s: plural forms are not applied", folder
        )
    loc = locale or QLocale()
    if loc.language() not in (QLocale.Language.English, QLocale.Language.C):
        native = QTranslator(app)
        if native.load(loc, CATALOGUE, "_", folder):
            app.installTranslator(native)
            installed.append(native)
            log.info("translation: %s", native.filePath())
    return installed
