"""Search: more than 8 hits per kind through "Show all", with true counts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from reljournal.store.accounts import create_account
from reljournal.store.search import count_matches
from reljournal.ui.dialogs.search_dialog import SHOW_MORE, SearchDialog
from reljournal.ui.models.search_model import MORE_ROLE
from tests.helpers.facade import facade


@pytest.fixture
def many(db: Any) -> int:
    for n in range(23):
        create_account(db, f"Harbour {n:02d} Ltd")
    create_account(db, "Solo Singleton")
    return 23


@pytest.fixture
def dialog(qtbot: Any, journal: Any, many: int) -> Iterator[SearchDialog]:
    dlg = SearchDialog(facade(journal))
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    dlg.shutdown()


def _search(qtbot: Any, dlg: SearchDialog, text: str) -> None:
    with qtbot.waitSignal(dlg.results_shown, timeout=3000, check_params_cb=lambda q, n: q == text):
        dlg.field.setText(text)


def _rows(dlg: SearchDialog) -> list[str]:
    m = dlg.model
    return [str(m.data(m.index(r))) for r in range(m.rowCount())]


def test_the_store_counts_every_match(db: Any, many: int) -> None:
    counts = count_matches(db, "harbour")
    assert counts["account"] == 23 and counts["entry"] == 0
    assert count_matches(db, "")["account"] == 0


def test_a_kind_shows_its_true_count_and_show_all_brings_the_rest(
    qtbot: Any, dialog: SearchDialog
) -> None:
    _search(qtbot, dialog, "harbour")
    rows = _rows(dialog)
    assert rows[0] == "Accounts (23)"
    assert dialog.model.hit_count() == 8
    more_row = len(rows) - 1
    assert dialog.model.data(dialog.model.index(more_row), MORE_ROLE) == "account"
    assert rows[more_row] == "Show all 23 (15 more) ›"
    assert dialog.status.text() == "23 results, 8 shown"
    for _ in range(8):  # Down reaches the "Show all" row; Enter brings the rest in
        qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    assert dialog.results.currentIndex().row() == more_row
    with qtbot.waitSignal(dialog.results_shown, timeout=3000):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.isVisible()  # showing more does not close the search
    assert dialog.model.hit_count() == 23
    assert all(dialog.model.more_kind(r) is None for r in range(dialog.model.rowCount()))
    assert dialog.status.text() == "23 results"
    assert dialog.results.currentIndex().row() == more_row  # where the user was
    assert SHOW_MORE >= 100


def test_one_hit_is_one_result(qtbot: Any, dialog: SearchDialog) -> None:
    _search(qtbot, dialog, "singleton")
    assert dialog.status.text() == "1 result"
    assert _rows(dialog)[0] == "Accounts (1)"


def test_a_new_query_starts_from_the_best_eight_again(qtbot: Any, dialog: SearchDialog) -> None:
    _search(qtbot, dialog, "harbour")
    dialog.show_more("account")
    qtbot.waitUntil(lambda: dialog.model.hit_count() == 23)
    _search(qtbot, dialog, "harbour ltd")
    assert dialog.model.hit_count() == 8
