"""What every list of rows the rep picks from shares: one whole row selected at a time,
nothing edited in place, no row numbers."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView


def pick_one_row(table: QTableView) -> QTableView:
    """Make ``table`` a read-only list of rows of which the rep selects one; returns it."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    return table
