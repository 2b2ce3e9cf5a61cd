"""Search results as a flat list model: a header row per kind (with its true count),
then its hits, then a "show more" row when the kind has more hits than shown."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from reljournal.core.records import SEARCH_KINDS as KINDS
from reljournal.core.records import SEARCH_MARK_CLOSE as MARK_CLOSE
from reljournal.core.records import SEARCH_MARK_OPEN as MARK_OPEN
from reljournal.core.records import SearchHit
from reljournal.ui import qt_compat  # noqa: F401  (PySide6 6.12 returns of None)

HIT_ROLE: Final = Qt.ItemDataRole.UserRole + 1
IS_HEADER_ROLE: Final = Qt.ItemDataRole.UserRole + 2
SNIPPET_HTML_ROLE: Final = Qt.ItemDataRole.UserRole + 3
META_ROLE: Final = Qt.ItemDataRole.UserRole + 4
MORE_ROLE: Final = Qt.ItemDataRole.UserRole + 5  # the kind whose "show more" row this is

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Row:
    kind: str
    hit: SearchHit | None  # None: the kind's header (or its "show more" row)
    more: int = 0  # on a "show more" row: the kind's hits not shown yet


def snippet_html(snippet: str, mark_style: str = "font-weight:bold") -> str:
    """The FTS snippet, escaped, with the matched words highlighted."""
    text = html.escape(" ".join(snippet.split()))
    return text.replace(MARK_OPEN, f'<span style="{mark_style}">').replace(MARK_CLOSE, "</span>")


class SearchResultsModel(QAbstractListModel):
    """Hits grouped by kind in ``KINDS`` order. Headers are enabled, not selectable."""

    def __init__(
        self,
        kind_names: dict[str, str],
        describe: Callable[[SearchHit], tuple[str, str]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._kind_names = kind_names
        self._describe = describe  # hit -> (title, meta)
        self._mark_style = "font-weight:bold"
        self._counts: dict[str, int] = {}
        # the "show more" row's words: (kind name, hits not shown, hits in all) -> text
        self.more_text: Callable[[str, int, int], str] = lambda name, left, total: (
            f"Show {left} more of {total}"
        )

    def set_mark_style(self, style: str) -> None:
        self._mark_style = style

    def set_hits(self, hits: Sequence[SearchHit], counts: dict[str, int] | None = None) -> None:
        """Show ``hits``; ``counts`` (kind -> hits in all) gives each header its true
        count and a "show more" row where not all are shown."""
        by_kind: dict[str, list[SearchHit]] = {}
        for hit in hits:
            by_kind.setdefault(hit.kind, []).append(hit)
        self._counts = dict(counts or {})
        rows: list[_Row] = []
        for kind in (*KINDS, *sorted(set(by_kind) - set(KINDS))):
            if by_kind.get(kind):
                shown = by_kind[kind]
                rows.append(_Row(kind, None))
                rows += [_Row(kind, h) for h in shown]
                left = self._counts.get(kind, len(shown)) - len(shown)
                if left > 0:
                    rows.append(_Row(kind, None, more=left))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def total(self) -> int:
        """The hits in all (the true counts where known, else those shown)."""
        shown = {k: 0 for k in self._counts}
        for r in self._rows:
            if r.hit is not None:
                shown[r.kind] = shown.get(r.kind, 0) + 1
        return sum(max(self._counts.get(k, 0), n) for k, n in shown.items())

    def kind_count(self, kind: str) -> int:
        return self._counts.get(kind, sum(1 for r in self._rows if r.kind == kind and r.hit))

    def more_kind(self, row: int) -> str | None:
        """The kind whose "show more" row is at ``row``, else None."""
        if 0 <= row < len(self._rows) and self._rows[row].more:
            return self._rows[row].kind
        return None

    def clear(self) -> None:
        self.set_hits([])

    def hit_count(self) -> int:
        return sum(1 for r in self._rows if r.hit is not None)

    def hit(self, row: int) -> SearchHit | None:
        return self._rows[row].hit if 0 <= row < len(self._rows) else None

    def next_hit_row(self, row: int, step: int) -> int:
        """The next row holding a hit from ``row`` in direction ``step`` (or ``row``)."""
        probe = row + step
        while 0 <= probe < len(self._rows):
            if self._rows[probe].hit is not None or self._rows[probe].more:
                return probe
            probe += step
        return row

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = self._rows[index.row()]
        if row.hit is None and not row.more:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == IS_HEADER_ROLE:
            return row.hit is None and not row.more
        if role == MORE_ROLE:
            return row.kind if row.more else None
        if row.hit is None:
            name = self._kind_names.get(row.kind, row.kind)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                if row.more:
                    return self.more_text(name, row.more, self.kind_count(row.kind))
                count = self._counts.get(row.kind)
                return f"{name} ({count:,})" if count is not None else name
            return None
        hit = row.hit
        if role == Qt.ItemDataRole.DisplayRole:
            return self._describe(hit)[0]
        if role == META_ROLE:
            return self._describe(hit)[1]
        if role == HIT_ROLE:
            return hit
        if role == SNIPPET_HTML_ROLE:
            plain = hit.snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
            if " ".join(plain.split()) == " ".join(self._describe(hit)[0].split()):
                return ""  # the snippet would only repeat the title
            return snippet_html(hit.snippet, self._mark_style)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            title, meta = self._describe(hit)
            plain = hit.snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
            return f"{title} — {meta}\n{plain}"
        return None
