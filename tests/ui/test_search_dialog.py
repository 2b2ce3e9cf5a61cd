"""Ctrl+K search: as-you-type, grouped, by keyboard, stale queries dropped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from reljournal.core.records import SearchHit
from reljournal.store.search import MARK_CLOSE, MARK_OPEN
from reljournal.ui.dialogs.search_dialog import SearchDialog, run_search
from reljournal.ui.models.search_model import IS_HEADER_ROLE, SNIPPET_HTML_ROLE, SearchResultsModel
from tests.helpers.facade import facade
from tests.helpers.review_journal import ReviewJournal, build_review_journal


@pytest.fixture
def review(db: object) -> ReviewJournal:
    return build_review_journal(db)


@pytest.fixture
def dialog(qtbot, journal, review) -> Iterator[SearchDialog]:  # type: ignore[no-untyped-def]
    dlg = SearchDialog(facade(journal))
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    dlg.shutdown()


def _type(qtbot, dlg: SearchDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dlg.results_shown, timeout=3000, check_params_cb=lambda q, n: q == text):
        qtbot.keyClicks(dlg.field, text)


def test_keyboard_down_and_enter_open_the_hit(qtbot, dialog: SearchDialog, review) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, dialog, "routing")
    model = dialog.model
    assert model.data(model.index(0), IS_HEADER_ROLE)  # "Notes" header first
    assert dialog.results.currentIndex().row() == 1  # the first hit is selected
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)  # skips the "Commitments" header
    hit = model.hit(dialog.results.currentIndex().row())
    assert hit is not None and hit.kind == "commitment"
    with qtbot.waitSignal(dialog.entry_requested) as blocker:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert blocker.args == [review.relational_entry_ids[-1]]
    assert not dialog.isVisible()


def test_account_hit_and_up_key(qtbot, dialog: SearchDialog, review) -> None:  # type: ignore[no-untyped-def]
    _type(qtbot, dialog, "harb")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Up)  # already on the first hit: stays
    with qtbot.waitSignal(dialog.account_requested) as blocker:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Enter)
    assert blocker.args == [review.relational_id]


def test_only_the_last_query_is_shown(qtbot, dialog: SearchDialog) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    dialog.results_shown.connect(lambda q, n: shown.append(q))
    _type(qtbot, dialog, "quarterly")
    assert shown == ["quarterly"]
    dialog.field.clear()
    assert dialog.model.rowCount() == 0
    _type(qtbot, dialog, "zzzz")
    assert dialog.status.text() == "No matches."


def test_run_search_keeps_every_kind(journal, review) -> None:  # type: ignore[no-untyped-def]
    hits = run_search(facade(journal), "anna", per_kind=1)
    assert len({h.kind for h in hits}) == len(hits)


def test_results_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = SearchResultsModel({"account": "Accounts"}, lambda h: (h.title, h.account_name))
    hits = [
        SearchHit("account", 1, 1, "A", None, None, "A", f"{MARK_OPEN}A{MARK_CLOSE} <b>"),
        SearchHit("entry", 2, 1, "A", 2, None, "", "note"),
    ]
    model.set_hits(hits)
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert model.data(model.index(1), SNIPPET_HTML_ROLE) == (
        '<span style="font-weight:bold">A</span> &lt;b&gt;'
    )
    assert model.next_hit_row(1, 1) == 3 and model.next_hit_row(3, 1) == 3
    same = SearchHit("account", 3, 3, "B", None, None, "B", f"{MARK_OPEN}B{MARK_CLOSE}")
    model.set_hits([same])
    assert model.data(model.index(1), SNIPPET_HTML_ROLE) == ""  # would repeat the title
