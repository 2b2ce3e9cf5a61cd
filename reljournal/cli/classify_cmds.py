"""Classification commands (classify, override, effort) — filled in by the classifier work."""

from __future__ import annotations

import argparse
from typing import Any


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    return None
