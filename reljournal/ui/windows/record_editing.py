"""Editing what the window shows: the Account menu and the context menus of accounts,
entries, promises and people.

Edit, merge and delete an account; override its label with a reason or clear the
override; add, edit, move and remove people. Every write goes through the journal facade
on the task runner and is undoable (Edit → Undo); the window hears of it through
``JournalEdits.journal_changed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox, QTreeView

from reljournal.core.model import GROUP_CUSTOMER, GROUP_INTERNAL, Stakeholder
from reljournal.core.records import Change, StakeholderRow
from reljournal.journal.facade import Journal
from reljournal.ui import keys as K
from reljournal.ui.dialogs.record_dialogs import (
    AccountDialog,
    MergeDialog,
    OverrideDialog,
    PersonDialog,
)
from reljournal.ui.windows.edits import JournalEdits
from reljournal.ui.windows.menus import MainActions
from reljournal.ui.work.tasks import TaskContext


class EditingHost(Protocol):
    """What the editing needs of the main window."""

    journal: Journal
    edits: JournalEdits
    menus: MainActions
    today: dt.date
    accounts: Any  # AccountsPane
    account_view: Any  # AccountView

    def open_quick_entry(self, start: Any = None) -> object: ...
    def edit_selected_entry(self) -> None: ...
    def delete_selected_entry(self) -> None: ...


class RecordEditing(QObject):
    last_dialog: QDialog | None = None  # the form open now (tests drive it)
    last_menu: QMenu | None = None  # the context menu shown last

    def __init__(self, window: QMainWindow, host: EditingHost) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        tr = self.tr
        self.edit_account_action = self._action(
            tr("&Edit account…"), K.EDIT_ACCOUNT,
            tr("Change the account's name, industry, web domain, phones, addresses and notes"), self.edit_account,
        )  # fmt: skip
        self.override_action = self._action(
            tr("&Override the label…"), K.OVERRIDE_LABEL,
            tr("Set your own label for the account, with the reason"), self.override_label,
        )  # fmt: skip
        self.clear_override_action = self._action(
            tr("&Clear the override"), "",
            tr("Go back to the label the journal computes"), self.clear_override,
        )  # fmt: skip
        self.merge_action = self._action(
            tr("&Merge into another account…"), "",
            tr("Move everything of this account into another one"), self.merge_account,
        )  # fmt: skip
        self.delete_account_action = self._action(
            tr("&Delete account…"), "",
            tr("Delete the account with its entries and people (Ctrl+Z brings it back)"),
            self.delete_account,
        )  # fmt: skip
        self.add_person_action = self._action(
            tr("&Add a person…"), K.ADD_PERSON,
            tr("A customer contact, someone of your team, or a partner"), self.add_person,
        )  # fmt: skip
        self.edit_person_action = self._action(
            tr("Edit &person…"), "", tr("Change the selected person's details or account"),
            self.edit_person,
        )  # fmt: skip
        self.move_person_action = self._action(
            tr("Mo&ve person to…"), "", tr("Move the selected person to another account"),
            self.move_person,
        )  # fmt: skip
        self.remove_person_action = self._action(
            tr("&Remove person"), "", tr("Remove the selected person (their entries stay)"),
            self.remove_person,
        )  # fmt: skip
        self.menu = host.menus.account_menu  # in the menu bar from the first paint (issue 18)
        self.menu.addActions(
            [self.edit_account_action, self.override_action, self.clear_override_action]
        )
        self.menu.addSeparator()
        self.menu.addActions([self.merge_action, self.delete_account_action])
        self.menu.addSeparator()
        self.menu.addActions(
            [
                self.add_person_action,
                self.edit_person_action,
                self.move_person_action,
                self.remove_person_action,
            ]
        )
        self.menu.aboutToShow.connect(self.update_actions)
        self._context(host.accounts.view, self._account_menu)
        view = host.account_view
        self._context(view.timeline_view, self._entry_menu)
        self._context(view.commitments_view, self._promise_menu)
        self._context(view.people_view, self._people_menu)
        # the actions follow what is selected (a disabled action's key does nothing)
        host.accounts.account_selected.connect(lambda _id: self.update_actions())
        host.accounts.team_selected.connect(self.update_actions)
        view.tabs.currentChanged.connect(lambda _i: self.update_actions())
        view.people_view.selectionModel().currentChanged.connect(
            lambda _c, _p: self.update_actions()
        )
        view.people.modelReset.connect(self.update_actions)
        host.edits.journal_changed.connect(lambda _change: self.update_actions())
        self.update_actions()

    # --- plumbing ------------------------------------------------------------------------
    def _action(self, text: str, keys: str, tip: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(f"{tip} ({K.shown(keys)})")
        else:
            action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _context(self, view: QTreeView, build: Callable[[QMenu, QModelIndex], None]) -> None:
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        def show(pos: QPoint) -> None:
            index = view.indexAt(pos)
            if index.isValid():
                view.setCurrentIndex(index)
            elif view.currentIndex().isValid() and view.hasFocus():  # the Menu key
                index = view.currentIndex()
                pos = view.visualRect(index).center()
            menu = QMenu(view)
            build(menu, index)
            self.update_actions()
            if not menu.isEmpty():
                self.last_menu = menu
                menu.popup(view.viewport().mapToGlobal(pos))

        view.customContextMenuRequested.connect(show)

    def _write(self, operation: Callable[[Journal], Change], title: str) -> None:
        """Run a write on the task runner; the window refreshes from its Change."""

        def run(ctx: TaskContext) -> Change:
            return operation(ctx.journal)

        edits = self.host.edits

        def done(change: Change) -> None:
            edits.journal_changed.emit(change)
            edits.history_changed.emit()

        edits.runner.run(run, title=title, parent_widget=self.window, on_success=done)

    def _account_id(self) -> int | None:
        return self.host.account_view.account_id  # type: ignore[no-any-return]

    def _person(self) -> StakeholderRow | None:
        view = self.host.account_view
        index = view.people_view.currentIndex()
        if not index.isValid() or view.tabs.currentWidget() is not view.people_view:
            return None
        return view.people.row_at(index.row())  # type: ignore[no-any-return]

    def update_actions(self) -> None:
        account = self._account_id()
        overridden = False
        if account is not None:
            summary = self.host.accounts.model.account_by_id(account)
            overridden = bool(summary and summary.overridden)
        for action in (
            self.edit_account_action,
            self.override_action,
            self.merge_action,
            self.delete_account_action,
        ):
            action.setEnabled(account is not None)
        self.clear_override_action.setEnabled(overridden)
        person = self._person() is not None
        for action in (self.edit_person_action, self.move_person_action, self.remove_person_action):
            action.setEnabled(person)
        self.add_person_action.setEnabled(account is not None or self.host.account_view.team)

    # --- context menus -----------------------------------------------------------------
    def _account_menu(self, menu: QMenu, index: QModelIndex) -> None:
        if not index.isValid():
            return
        menu.addAction(self.host.menus.new)
        menu.addSeparator()
        menu.addActions(
            [self.edit_account_action, self.override_action, self.clear_override_action]
        )
        menu.addSeparator()
        menu.addActions([self.add_person_action, self.merge_action, self.delete_account_action])

    def _entry_menu(self, menu: QMenu, index: QModelIndex) -> None:
        menu.addAction(self.host.menus.new)
        if index.isValid():
            menu.addActions([self.host.menus.edit, self.host.menus.delete])

    def _promise_menu(self, menu: QMenu, index: QModelIndex) -> None:
        if not index.isValid():
            return
        view = self.host.account_view
        row = view.commitments.row_at(index.row())
        today = self.host.today
        edits = self.host.edits
        if row.state == "open":
            done = menu.addAction(self.tr("Mark &done"))
            done.triggered.connect(lambda: edits.set_commitment_state(row.id, "done", today))
            drop = menu.addAction(self.tr("D&rop it"))
            drop.triggered.connect(lambda: edits.set_commitment_state(row.id, "dropped", today))
        else:
            again = menu.addAction(self.tr("&Open again"))
            again.triggered.connect(lambda: edits.set_commitment_state(row.id, "open", today))
        if row.entry_id is not None:
            menu.addSeparator()
            entry_id = row.entry_id
            show = menu.addAction(self.tr("&Edit its entry…"))
            show.triggered.connect(lambda: self.window.edit_entry(entry_id))  # type: ignore[attr-defined]

    def _people_menu(self, menu: QMenu, index: QModelIndex) -> None:
        menu.addAction(self.add_person_action)
        if index.isValid():
            menu.addActions(
                [self.edit_person_action, self.move_person_action, self.remove_person_action]
            )

    # --- accounts ------------------------------------------------------------------------
    def edit_account(self) -> None:
        account_id = self._account_id()
        if account_id is None:
            return
        journal = self.host.journal
        dialog = AccountDialog(
            journal.account(account_id),
            self.window,
            points=journal.account_contact_points(account_id),
        )

        def submit(values: dict[str, Any]) -> None:
            self._submit(dialog, lambda j: j.edit_account_with_contacts(account_id, **values))

        dialog.submit = submit
        self.last_dialog = dialog
        dialog.exec()

    def override_label(self) -> None:
        account_id = self._account_id()
        if account_id is None:
            return
        journal = self.host.journal
        summary = journal.account_summary(account_id, self.host.today)
        current = journal.override(account_id)
        dialog = OverrideDialog(
            summary.name,
            summary.computed_label,
            (current.label, current.reason) if current else None,
            self.window,
        )

        def submit(values: tuple[str, str]) -> None:
            label, reason = values
            self._submit(dialog, lambda j: j.set_override(account_id, label, reason))

        dialog.submit = submit
        self.last_dialog = dialog
        dialog.exec()

    def clear_override(self) -> None:
        account_id = self._account_id()
        if account_id is not None:
            self._write(
                lambda j: (
                    Change(accounts={account_id}) if j.clear_override(account_id) else Change()
                ),
                self.tr("Saving…"),
            )

    def merge_account(self) -> None:
        account_id = self._account_id()
        if account_id is None:
            return
        journal = self.host.journal
        name = journal.account(account_id).name
        others = [(i, n) for i, n in journal.account_names() if i != account_id]
        dialog = MergeDialog(name, others, self.window)
        merged: list[int] = []

        def submit(target: int) -> None:
            merged[:] = [target]
            self._submit(dialog, lambda j: j.merge_accounts(account_id, target))

        dialog.submit = submit
        self.last_dialog = dialog
        dialog.exec()
        if merged and dialog.result() == dialog.DialogCode.Accepted:
            self.host.accounts.filter.clear()
            self.host.accounts.select_account(merged[0])

    def delete_account(self) -> None:
        account_id = self._account_id()
        if account_id is None:
            return
        journal = self.host.journal
        name = journal.account(account_id).name
        entries = journal.count_entries(account_id)
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete the account?"))
        text = (
            self.tr("Delete %1 with its %2 entries, its people and promises?")
            if entries != 1
            else self.tr("Delete %1 with its entry, its people and promises?")
        )
        box.setText(
            text.replace("%1", name).replace("%2", f"{entries:,}")
            + " "
            + self.tr("Ctrl+Z brings it back.")
        )
        delete = box.addButton(self.tr("&Delete"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        if box.clickedButton() is delete:
            self._write(lambda j: j.delete_account(account_id), self.tr("Deleting…"))

    # --- people --------------------------------------------------------------------------
    def add_person(self) -> None:
        account_id = self._account_id()
        team = self.host.account_view.team
        group = GROUP_INTERNAL if team or account_id is None else GROUP_CUSTOMER
        dialog = PersonDialog(
            self.tr("Add a person"),
            self.host.journal.account_names(),
            account_id=None if team else account_id,
            group=group,
            parent=self.window,
        )
        dialog.submit = lambda person: self._submit(dialog, lambda j: j.add_person(person)[1])
        self.last_dialog = dialog
        dialog.exec()

    def edit_person(self, *, moving: bool = False) -> None:
        person = self._person()
        if person is None:
            return
        dialog = PersonDialog(
            self.tr("Move %1").replace("%1", person.name)
            if moving
            else self.tr("Edit %1").replace("%1", person.name),
            self.host.journal.account_names(),
            person,
            parent=self.window,
        )
        if moving:
            dialog.focus_on = dialog.account
        person_id = person.id

        def submit(values: Stakeholder) -> None:
            self._submit(dialog, lambda j: j.edit_person(person_id, values))

        dialog.submit = submit
        self.last_dialog = dialog
        dialog.exec()

    def move_person(self) -> None:
        self.edit_person(moving=True)

    def remove_person(self) -> None:
        person = self._person()
        if person is None:
            return
        person_id = person.id
        self._write(lambda j: j.remove_person(person_id), self.tr("Removing…"))
        self.window.statusBar().showMessage(
            self.tr("Removed %1 (Ctrl+Z brings them back).").replace("%1", person.name), 8000
        )

    def _submit(self, dialog: _FormLike, operation: Callable[[Journal], Change]) -> None:
        """A form's write on the task runner: the form closes once it is saved, and stays
        open with the reason when it is not."""
        edits = self.host.edits

        def done(change: Change) -> None:
            edits.journal_changed.emit(change)
            edits.history_changed.emit()
            dialog.written()

        edits.runner.run(
            lambda ctx: operation(ctx.journal),
            title=self.tr("Saving…"),
            parent_widget=self.window,
            on_success=done,
            on_error=dialog.write_failed,
        )


class _FormLike(Protocol):
    def written(self) -> None: ...
    def write_failed(self, exc: BaseException) -> None: ...
