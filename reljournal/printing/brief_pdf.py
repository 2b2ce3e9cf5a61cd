"""The one-page PDF brief: QTextDocument laid out on a QPdfWriter page (A4 or Letter).

The brief is rendered in two columns with the Goerger chart as an image; the font
shrinks step by step until the brief fits one page, and as a last resort the page
content is scaled down. The file is written beside the target and then moved into
place, so a failed export never leaves half a PDF.
"""

from __future__ import annotations

import os
from typing import Final

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QMarginsF,
    QRectF,
    QSize,
    QSizeF,
    QUrl,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from reljournal import APP_NAME
from reljournal.core.brief.build import Brief
from reljournal.core.brief.html import HtmlOptions, render_html
from reljournal.core.brief.words import BriefWords
from reljournal.core.errors import RelJournalError
from reljournal.printing.brief_words import translated_words
from reljournal.printing.health_chart import health_chart_image

PAGE_A4: Final = "a4"
PAGE_LETTER: Final = "letter"
PAGE_AUTO: Final = "auto"
PAGE_SIZES: Final = (PAGE_AUTO, PAGE_A4, PAGE_LETTER)
MARGIN_MM: Final = 12.0
RESOLUTION: Final = 300
FONT_STEPS: Final = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
CHART_URL: Final = "chart:goerger"


class PdfExportError(RelJournalError):
    """The PDF could not be written (the message says why, in the user's words)."""


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new one on the offscreen platform (for the CLI)."""
    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([APP_NAME])
    assert isinstance(app, QGuiApplication)
    return app


def default_page_size(locale: QLocale | None = None) -> str:
    """Letter where the locale measures in US units (and in Canada), else A4."""
    loc = locale or QLocale()
    if loc.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return PAGE_LETTER
    if loc.territory() == QLocale.Country.Canada:
        return PAGE_LETTER
    return PAGE_A4


def _page_size(page: str, locale: QLocale | None) -> QPageSize:
    if page == PAGE_AUTO:
        page = default_page_size(locale)
    size_id = QPageSize.PageSizeId.Letter if page == PAGE_LETTER else QPageSize.PageSizeId.A4
    return QPageSize(size_id)


def layout_dpi() -> float:
    """The resolution QTextDocument lays text out at (the screen's logical DPI)."""
    screen = QGuiApplication.primaryScreen()
    return float(screen.logicalDotsPerInchY()) if screen is not None else 96.0


PDF_COMMITMENTS: Final = 5  # per side, overdue first; the rest is counted
PDF_PEOPLE: Final = 8


def brief_document(
    brief: Brief, words: BriefWords, width: float, base_pt: float, chart: QImage | None = None
) -> QTextDocument:
    """The brief laid out ``width`` layout pixels wide (two columns, chart embedded)."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    font = QFont(doc.defaultFont())
    font.setPointSizeF(base_pt)
    doc.setDefaultFont(font)
    chart_w = int(width / 2 - 20)
    if chart is not None:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_URL), chart)
    options = HtmlOptions(
        links=False,
        columns=2,
        chart_src=CHART_URL if chart is not None else "",
        chart_size=(chart_w, int(chart_w * 0.34)),
        heading_pt=base_pt + 1.5,
        max_commitments=PDF_COMMITMENTS,
        max_people=PDF_PEOPLE,
    )
    doc.setHtml(render_html(brief, words, options))
    doc.setTextWidth(width)
    return doc


def fit_to_page(brief: Brief, words: BriefWords, page: QSizeF) -> tuple[QTextDocument, float]:
    """The document at the largest font that fits ``page``, and the scale to draw it at."""
    chart = None
    if len(brief.health) >= 2:  # one rating is said better in words
        chart = health_chart_image(
            brief.health, words.areas, QSize(380, 130), format_date=words.format_date
        )
    doc = QTextDocument()
    for base_pt in FONT_STEPS:
        doc = brief_document(brief, words, page.width(), base_pt, chart)
        if doc.size().height() <= page.height():
            return doc, 1.0
    # Still too long at the smallest font: shrink the whole page. A wider text is
    # shorter, so the scale settles in a few rounds.
    scale = 1.0
    for _ in range(6):
        scale = min(1.0, page.height() / doc.size().height())
        doc.setTextWidth(page.width() / scale)
    while doc.size().height() * scale > page.height():
        scale *= 0.98
    return doc, scale


def brief_pdf(
    brief: Brief,
    *,
    page: str = PAGE_AUTO,
    words: BriefWords | None = None,
    locale: QLocale | None = None,
) -> bytes:
    """The one-page brief as a PDF document (the caller writes it where the user chose)."""
    ensure_gui_application()
    words = words or translated_words(locale)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"{words.brief_of}: {brief.account_name}")
    writer.setCreator(APP_NAME)
    writer.setPageLayout(
        QPageLayout(
            _page_size(page, locale),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    area = writer.pageLayout().paintRect(QPageLayout.Unit.Inch)
    dpi = layout_dpi()
    page_size = QSizeF(area.width() * dpi, area.height() * dpi)
    doc, scale = fit_to_page(brief, words, page_size)
    painter = QPainter()
    if not painter.begin(writer):
        raise PdfExportError("The PDF could not be drawn.")
    try:
        painter.scale(scale * RESOLUTION / dpi, scale * RESOLUTION / dpi)
        doc.drawContents(
            painter, QRectF(0, 0, page_size.width() / scale, page_size.height() / scale)
        )
    finally:
        painter.end()
    del writer
    buffer.close()
    return bytes(data.data())
