"""RelJournal: an offline, encrypted journal of customer relationships.

This module is the single source of the app's name and version for
``pyproject.toml`` and ``build.spec``.
"""

__version__ = "0.1.0"
APP_NAME = "RelJournal"
APP_ID = "reljournal"
ORGANIZATION = "RelJournal"
BUNDLE_IDENTIFIER = "org.reljournal.RelJournal"
