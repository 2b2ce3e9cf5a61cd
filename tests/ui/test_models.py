"""Every item model passes qtmodeltester; each is also checked without a view."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from reljournal.core.model import Entry
from reljournal.store.accounts import list_account_summaries
from reljournal.store.commitments import list_commitments
from reljournal.store.entries import save_entry
from reljournal.store.expectations import list_expectations
from reljournal.store.people import list_stakeholders
from reljournal.ui.models.account_model import (
    ACCOUNT_ID_ROLE,
    COL_CLASS,
    COL_DUE,
    COL_LAST_CONTACT,
    COL_NAME,
    AccountListModel,
)
from reljournal.ui.models.detail_models import (
    ROW_ID_ROLE,
    CommitmentsModel,
    ExpectationsModel,
    StakeholdersModel,
)
from reljournal.ui.models.timeline_model import ENTRY_ID_ROLE, TimelineModel
from reljournal.ui.wording import label_text
from tests.helpers.facade import facade
from tests.ui.conftest import TODAY, Seed

pytestmark = pytest.mark.usefixtures("no_qt_warnings")


def _names(model: AccountListModel) -> list[str]:
    return [model.index(r, COL_NAME).data() for r in range(model.rowCount())]


def test_account_model(qtmodeltester: Any, db: Any, seeded: Seed) -> None:
    model = AccountListModel()
    model.set_accounts(list_account_summaries(db, TODAY), TODAY)
    qtmodeltester.check(model)
    assert _names(model) == ["Acme Ltd", "Globex Corporation"]
    acme = model.account_at(0)
    assert model.index(0, COL_CLASS).data() == label_text(acme.label)
    assert model.index(0, COL_LAST_CONTACT).data() == "2025-03-05"
    assert model.index(0, COL_DUE).data() == "2 overdue"  # due on the 3rd and the 7th
    assert model.index(0, COL_DUE).data(Qt.ItemDataRole.ForegroundRole) is not None
    model.set_filter("glo")
    qtmodeltester.check(model)
    assert _names(model) == ["Globex Corporation"]
    model.set_filter("MANUFACT")  # industry counts, case aside
    assert _names(model) == ["Acme Ltd"]
    model.set_filter("")
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    assert _names(model) == ["Globex Corporation", "Acme Ltd"]


def test_account_model_sort_keeps_selection_and_updates_in_place(
    qtbot: Any, db: Any, seeded: Seed
) -> None:
    model = AccountListModel()
    model.set_accounts(list_account_summaries(db, TODAY), TODAY)
    kept = QPersistentModelIndex(model.index(0, COL_NAME))  # Acme
    model.sort(COL_LAST_CONTACT, Qt.SortOrder.AscendingOrder)  # Globex (never) first
    assert kept.row() == 1 and kept.data() == "Acme Ltd"
    acme = model.account_at(kept.row())
    changed = dataclasses.replace(acme, label="relational", overdue=0, next_due=None)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        assert model.update_accounts([changed])
    assert blocker.args[0].row() == kept.row()
    assert model.index(kept.row(), COL_CLASS).data() == "Relational"
    assert not model.update_accounts([dataclasses.replace(acme, id=999)])


def test_timeline_model_pages_lazily(
    qtmodeltester: Any, db: Any, journal: Any, seeded: Seed
) -> None:
    for day in range(25):
        save_entry(
            db,
            Entry(
                at=dt.datetime(2025, 1, 1, 8, 0) + dt.timedelta(days=day), account_id=seeded.globex
            ),
        )
    model = TimelineModel(page_size=10)
    model.set_source(facade(journal), seeded.globex)
    assert model.rowCount() == 10 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 25
    moments = [model.entry_at(r).at for r in range(25)]
    assert moments == sorted(moments, reverse=True)
    model.reload()
    assert model.rowCount() == 25
    model.set_source(facade(journal), None, team=True)
    assert [model.entry_at(r).notes for r in range(model.rowCount())] == ["Team sync."]
    model.set_source(None, None)
    assert model.rowCount() == 0 and not model.canFetchMore(QModelIndex())


def test_timeline_shows_what_they_said(db: Any, journal: Any, seeded: Seed) -> None:
    model = TimelineModel()
    model.set_source(facade(journal), seeded.acme)
    assert model.index(0, 0).data(ENTRY_ID_ROLE) == seeded.entries[1]
    assert model.index(0, 4).data() == "“Answer 5: quick and accurate.”"
    assert "Dana Smith" in model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)


def test_detail_models(qtmodeltester: Any, qtbot: Any, db: Any, seeded: Seed) -> None:
    expectations = ExpectationsModel()
    expectations.set_rows(list_expectations(db, seeded.acme), TODAY)
    qtmodeltester.check(expectations)
    assert expectations.index(0, ExpectationsModel.COL_ANSWER).data().startswith("Answer 5")
    older = expectations.index(1, ExpectationsModel.COL_ANSWER)
    assert older.data(Qt.ItemDataRole.FontRole).italic()  # superseded by the newer answer

    people = StakeholdersModel()
    people.set_rows(list_stakeholders(db, seeded.acme), TODAY)
    qtmodeltester.check(people)
    assert people.index(0, StakeholdersModel.COL_NAME).data() == "Dana Smith"

    commitments = CommitmentsModel()
    commitments.set_rows(list_commitments(db, seeded.acme), TODAY)
    qtmodeltester.check(commitments)
    first = commitments.index(0, CommitmentsModel.COL_DONE)
    assert first.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    due = commitments.index(0, CommitmentsModel.COL_DUE).data()
    assert "overdue" in due
    with qtbot.waitSignal(commitments.state_change_requested) as blocker:
        assert commitments.setData(
            first, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
        )
    assert blocker.args == [first.data(ROW_ID_ROLE), "done"]
    assert first.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_account_ids_in_the_model(db: Any, seeded: Seed) -> None:
    model = AccountListModel()
    model.set_accounts(list_account_summaries(db, TODAY), TODAY)
    assert model.index(0, 0).data(ACCOUNT_ID_ROLE) == seeded.acme
    assert model.row_of(seeded.globex) == 1
