"""The dark theme: the Undo/Redo arrows and empty check boxes stand out from the
background (they almost disappeared with Fusion's own drawing)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton

from reljournal.ui import theme


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _best_contrast(image: QImage, background: QColor) -> float:
    best = 1.0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() < 128:
                continue
            best = max(best, contrast(pixel, background))
    return best


@pytest.fixture(params=["light", "dark"])
def themed(request: Any, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.delenv(theme.ENV_THEME, raising=False)
    yield theme.apply_theme(qapp, request.param)
    theme.apply_theme(qapp, "light")


def test_the_undo_arrow_stands_out_in_both_themes(themed: str, qapp: QApplication) -> None:
    icon = qapp.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack)
    background = qapp.palette().color(QPalette.ColorRole.Window)
    normal = icon.pixmap(24, 24, QIcon.Mode.Normal).toImage()
    disabled = icon.pixmap(24, 24, QIcon.Mode.Disabled).toImage()
    assert _best_contrast(normal, background) >= 4.5, themed
    assert _best_contrast(disabled, background) >= 2.0, themed  # dimmed, but there


def test_an_empty_check_box_has_a_visible_edge(themed: str, qapp: QApplication) -> None:
    palette = qapp.palette()
    background = palette.color(QPalette.ColorRole.Base)
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    image.fill(background)
    option = QStyleOptionButton()
    option.rect = QRect(2, 2, 16, 16)
    option.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Off
    option.palette = palette
    painter = QPainter(image)
    qapp.style().drawPrimitive(
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, option, painter
    )
    painter.end()
    assert _best_contrast(image, background) >= 3.0, themed
    assert image.pixelColor(10, 10) != QColor(Qt.GlobalColor.black)
