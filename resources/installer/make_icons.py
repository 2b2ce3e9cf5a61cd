"""RelJournal's icon files, from ``resources/icons/reljournal.svg``.

Two jobs:

* ``python resources/installer/make_icons.py`` (a developer, after changing the SVG)
  renders the PNG sizes that are kept in ``resources/icons/`` (needs PySide6).
* ``write_ico`` and ``write_icns`` pack those PNGs into a Windows ``.ico`` and a macOS
  ``.icns`` at build time (``build.spec`` calls them; plain Python, no Qt, works on
  any platform). Both formats hold PNG images as they are.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

ICONS_DIR = Path(__file__).resolve().parent.parent / "icons"
SVG = ICONS_DIR / "reljournal.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns element types that hold PNG data, with their pixel size.
ICNS_TYPES = (
    (b"ic11", 32),  # 16x16@2x
    (b"ic12", 64),  # 32x32@2x
    (b"ic07", 128),
    (b"ic13", 256),  # 128x128@2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256x256@2x
    (b"ic09", 512),
)


def png_path(size: int) -> Path:
    return ICONS_DIR / f"reljournal-{size}.png"


def _png_bytes(size: int) -> bytes:
    data = png_path(size).read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError(f"{png_path(size)} is not a PNG file")
    return data


def write_ico(target: Path, sizes: tuple[int, ...] = ICO_SIZES) -> Path:
    """A Windows icon holding the PNGs of ``sizes`` (Vista and later read PNG entries)."""
    images = [_png_bytes(size) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    directory = b""
    for size, data in zip(sizes, images, strict=True):
        edge = 0 if size >= 256 else size  # 0 stands for 256
        directory += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(header + directory + b"".join(images))
    return target


def write_icns(target: Path) -> Path:
    """A macOS icon holding PNG elements (macOS 10.7 and later)."""
    body = b""
    for kind, size in ICNS_TYPES:
        data = _png_bytes(size)
        body += kind + struct.pack(">I", len(data) + 8) + data
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"icns" + struct.pack(">I", len(body) + 8) + body)
    return target


def render_pngs() -> list[Path]:
    """Render the SVG to every PNG size (and ``reljournal.png`` at 256 px)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(["make_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise ValueError(f"{SVG} is not a valid SVG")
    written = []
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        for path in [png_path(size)] + ([ICONS_DIR / "reljournal.png"] if size == 256 else []):
            if not image.save(str(path), "PNG"):
                raise OSError(f"could not write {path}")
            written.append(path)
    del app
    return written


if __name__ == "__main__":
    for written_path in render_pngs():
        print(written_path)
    sys.exit(0)
