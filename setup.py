"""One build step on top of pyproject.toml: ship ``resources/`` inside the wheel.

A source checkout keeps ``resources/`` beside the package; an installed wheel has it at
``reljournal/_resources`` (where ``reljournal.resources.resources_dir`` looks). The
installer recipes under ``resources/installer/`` are left out of the wheel.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCES = ROOT / "resources"
LEFT_OUT = ("installer", "__pycache__", "*.pyc")


class BuildPyWithResources(build_py):
    """``build_py`` that also copies ``resources/`` to ``reljournal/_resources``."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads resources/ from the checkout
            return
        target = Path(self.build_lib) / "reljournal" / "_resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(RESOURCES, target, ignore=shutil.ignore_patterns(*LEFT_OUT))


setup(cmdclass={"build_py": BuildPyWithResources})
