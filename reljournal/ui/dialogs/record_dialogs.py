"""The small forms that edit what the journal holds: an account, a person, the label
override, the account to merge into.

Each form hands its values to a ``submit`` callable (which writes through the facade)
and stays open when the write fails, with the reason under the fields: nothing typed is
lost to a typo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.errors import RelJournalError
from reljournal.core.formats.account_contacts import (
    format_addresses,
    format_phones,
    parse_account_points,
)
from reljournal.core.formats.contacts import ContactPoint
from reljournal.core.model import GROUP_CUSTOMER, GROUPS, LABELS, Account, Stakeholder
from reljournal.core.records import StakeholderRow
from reljournal.ui import theme
from reljournal.ui.errors import log_unexpected
from reljournal.ui.wording import group_text, label_text

Submit = Callable[[Any], None]  # writes the values; then written() or write_failed()


class _Form(QDialog):
    """A form with OK/Cancel and a line for what went wrong."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit: Submit | None = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {theme.colours().overdue.name()};")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        em = self.fontMetrics().averageCharWidth()
        self.setMinimumWidth(em * 75)

    focus_on: QWidget | None = None  # the field the form opens in

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.focus_on is not None:
            self.focus_on.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(self.focus_on, QComboBox) and self.focus_on.lineEdit() is not None:
                self.focus_on.lineEdit().selectAll()  # type: ignore[union-attr]
            elif isinstance(self.focus_on, QLineEdit):
                self.focus_on.selectAll()

    def values(self) -> Any:
        raise NotImplementedError

    def say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def accept(self) -> None:
        """Check the values, then hand them to ``submit``, which writes them (off the GUI
        thread) and calls ``written`` or ``write_failed``."""
        if self.submit is None:
            super().accept()
            return
        try:
            values = self.values()
        except RelJournalError as exc:
            self.say(exc.message)
            return
        self.say("")
        self.buttons.setEnabled(False)
        self.submit(values)

    def written(self) -> None:
        super().accept()

    def write_failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, RelJournalError):
            self.say(exc.message)
        else:  # logged with its traceback; what was typed stays
            log_unexpected(exc, "saving a form")
            self.say(self.tr("That could not be saved; the log file has the details."))


class AccountDialog(_Form):
    """Name, industry, web domain and notes of an account, and its phones and postal
    addresses (issue 13: the ones an account file brought in, or typed)."""

    def __init__(
        self,
        account: Account,
        parent: QWidget | None = None,
        points: Sequence[ContactPoint] = (),
    ) -> None:
        super().__init__(self.tr("Edit account"), parent)
        self.name = QLineEdit(account.name)
        self.industry = QLineEdit(account.industry)
        self.website = QLineEdit(account.website)
        self.website.setPlaceholderText(self.tr("example.com"))
        self.notes = QPlainTextEdit(account.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(self.fontMetrics().height() * 6)
        lines = self.fontMetrics().height()
        self.phones = QPlainTextEdit(format_phones(points))
        self.phones.setTabChangesFocus(True)
        self.phones.setPlaceholderText(
            self.tr("One per line (the first is the main one), a label before a colon:\n"
                    "Main: +44 20 7946 0412\nFax: +44 20 7946 0999")
        )  # fmt: skip
        self.phones.setMinimumHeight(lines * 4)
        self.phones.setMaximumHeight(lines * 6)
        self.addresses = QPlainTextEdit(format_addresses(points))
        self.addresses.setTabChangesFocus(True)
        self.addresses.setPlaceholderText(
            self.tr("An empty line between two addresses, a label alone on the first line:\n"
                    "Billing:\n1 Canada Square\nLondon E14 5AB")
        )  # fmt: skip
        self.addresses.setMinimumHeight(lines * 6)
        self.addresses.setMaximumHeight(lines * 9)
        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Industry:"), self.industry)
        self.form.addRow(self.tr("&Web domain:"), self.website)
        self.form.addRow(self.tr("&Phones:"), self.phones)
        self.form.addRow(self.tr("&Addresses:"), self.addresses)
        self.form.addRow(self.tr("N&otes:"), self.notes)
        for first, then in (
            (self.name, self.industry), (self.industry, self.website),
            (self.website, self.phones), (self.phones, self.addresses),
            (self.addresses, self.notes),
        ):  # fmt: skip
            QWidget.setTabOrder(first, then)  # the order they are shown in
        self.focus_on = self.name

    def values(self) -> dict[str, Any]:
        return {
            "name": self.name.text(),
            "industry": self.industry.text(),
            "website": self.website.text(),
            "notes": self.notes.toPlainText(),
            "points": parse_account_points(self.phones.toPlainText(), self.addresses.toPlainText()),
        }


class OverrideDialog(_Form):
    """The rep's own label with the reason for it."""

    def __init__(
        self, account_name: str, computed: str, current: tuple[str, str] | None, parent: QWidget
    ) -> None:
        super().__init__(self.tr("Override the label"), parent)
        intro = QLabel(
            self.tr("The journal says %1 is %2. Your own label stays beside it, with your reason.")
            .replace("%1", account_name)
            .replace("%2", label_text(computed))
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.label = QComboBox()
        for label in LABELS:
            self.label.addItem(label_text(label), label)
        wanted = current[0] if current else next(lb for lb in LABELS if lb != computed)
        self.label.setCurrentIndex(max(0, self.label.findData(wanted)))
        self.reason = QLineEdit(current[1] if current else "")
        self.reason.setPlaceholderText(self.tr("Why: what you know that the journal does not"))
        self.form.addRow(self.tr("&Label:"), self.label)
        self.form.addRow(self.tr("&Reason:"), self.reason)
        self.focus_on = self.reason

    def values(self) -> tuple[str, str]:
        return self.label.currentData(), self.reason.text()


class MergeDialog(_Form):
    """The account another one is merged into."""

    def __init__(self, source_name: str, others: list[tuple[int, str]], parent: QWidget) -> None:
        super().__init__(self.tr("Merge accounts"), parent)
        intro = QLabel(
            self.tr(
                "Move the entries, promises, answers and people of “%1” into the account "
                "below; “%1” is then removed. Ctrl+Z takes it back."
            ).replace("%1", source_name)
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for account_id, name in others:
            self.target.addItem(name, account_id)
        completer = self.target.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.target.setCurrentIndex(-1)
        self.form.addRow(self.tr("&Into:"), self.target)
        self.focus_on = self.target
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Merge"))

    def values(self) -> int:
        text = self.target.currentText().strip()
        index = self.target.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            raise RelJournalError(self.tr("Choose an account from the list."))
        return int(self.target.itemData(index))


class PersonDialog(_Form):
    """A person: name, group, account (none for the team), title, role, email, phone."""

    def __init__(
        self,
        title: str,
        accounts: list[tuple[int, str]],
        person: StakeholderRow | Stakeholder | None = None,
        *,
        account_id: int | None = None,
        group: str = GROUP_CUSTOMER,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.name = QLineEdit(person.name if person else "")
        self.group = QComboBox()
        for g in GROUPS:
            self.group.addItem(group_text(g), g)
        self.group.setCurrentIndex(self.group.findData(person.group if person else group))
        self.account = QComboBox()
        self.account.setEditable(True)
        self.account.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.account.addItem(self.tr("— none (your team) —"), None)
        for i, name in accounts:
            self.account.addItem(name, i)
        completer = self.account.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        where = person.account_id if person else account_id
        self.account.setCurrentIndex(max(0, self.account.findData(where)))
        self.job_title = QLineEdit(person.title if person else "")
        self.role = QLineEdit(person.role if person else "")
        self.role.setPlaceholderText(self.tr("decision maker, user, champion…"))
        self.email = QLineEdit(person.email if person else "")
        self.phone = QLineEdit(person.phone if person else "")
        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Group:"), self.group)
        self.form.addRow(self.tr("&Account:"), self.account)
        self.form.addRow(self.tr("&Title:"), self.job_title)
        self.form.addRow(self.tr("&Role:"), self.role)
        self.form.addRow(self.tr("&Email:"), self.email)
        self.form.addRow(self.tr("&Phone:"), self.phone)
        self.focus_on = self.name

    def values(self) -> Stakeholder:
        text = self.account.currentText().strip()
        index = self.account.findText(text, Qt.MatchFlag.MatchFixedString) if text else 0
        if index < 0:
            raise RelJournalError(
                self.tr('No account is called "%1": choose one from the list.').replace("%1", text)
            )
        account_id = self.account.itemData(index)
        return Stakeholder(
            name=self.name.text(),
            group=self.group.currentData(),
            account_id=account_id if isinstance(account_id, int) else None,
            title=self.job_title.text(),
            role=self.role.text(),
            email=self.email.text(),
            phone=self.phone.text(),
        )
