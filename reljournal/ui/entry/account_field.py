"""The quick entry's account field: completes accounts and people's names; a name that
matches nothing becomes a new account when the entry is saved (said inline)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.model import text_key
from reljournal.ui import theme


@dataclass(frozen=True)
class Target:
    """What the entry is about: an account (maybe new), or the team and partners."""

    name: str
    account_id: int | None = None
    team: bool = False
    person_id: int | None = None

    @property
    def is_new(self) -> bool:
        return not self.team and self.account_id is None and bool(self.name.strip())


class AccountField(QWidget):
    """A line edit with completion and an inline note of what it resolved to."""

    target_changed = Signal(object)  # Target
    accepted = Signal()  # Enter: the dialog moves on to the notes

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.team_text = self.tr("Team & partners")
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("Account or person — type a few letters"))
        self.edit.setClearButtonEnabled(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self._choices: dict[str, Target] = {}
        self._accounts: dict[str, Target] = {}
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self._popup().setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        self.edit.setCompleter(self.completer)
        self.completer.activated[str].connect(self._on_completer_activated)  # type: ignore[index]
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.note)
        self.setFocusProxy(self.edit)
        self._target = Target("")
        self._update_note()

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # a completer always has its popup
        return popup

    def set_names(
        self,
        accounts: list[tuple[int, str]],
        people: list[tuple[int, str, int | None]],
    ) -> None:
        """Accounts as (id, name); people as (id, name, account id or None for the team)."""
        names = dict(accounts)
        self._accounts = {text_key(n): Target(n, account_id=i) for i, n in accounts}
        self._choices = {self.team_text: Target(self.team_text, team=True)}
        for account_id, name in accounts:
            self._choices[name] = Target(name, account_id=account_id)
        for person_id, name, person_account in people:
            if person_account is None:
                label = f"{name} — {self.team_text}"
                target = Target(self.team_text, team=True, person_id=person_id)
            elif person_account in names:
                label = f"{name} — {names[person_account]}"
                target = Target(
                    names[person_account], account_id=person_account, person_id=person_id
                )
            else:
                continue
            self._choices.setdefault(label, target)
        self._model.setStringList(list(self._choices))

    @property
    def target(self) -> Target:
        return self._target

    def set_target(self, target: Target) -> None:
        self.edit.blockSignals(True)
        self.edit.setText(target.name)
        self.edit.blockSignals(False)
        self._set_target(target)

    def resolve(self, text: str) -> Target:
        """What typed text stands for: a completion, an account, the team, or a new name."""
        clean = " ".join(text.split())
        if clean in self._choices:
            return self._choices[clean]
        key = text_key(clean)
        if key == text_key(self.team_text):
            return Target(self.team_text, team=True)
        if key in self._accounts:
            return self._accounts[key]
        return Target(clean)

    def _set_target(self, target: Target) -> None:
        changed = target != self._target
        self._target = target
        self._update_note()
        if changed:
            self.target_changed.emit(target)

    def _on_edit_text_changed(self, text: str) -> None:
        self._set_target(self.resolve(text))

    def _on_completer_activated(self, text: str) -> None:
        target = self.resolve(text)
        self.set_target(target)
        self.accepted.emit()

    def _on_edit_return_pressed(self) -> None:
        popup = self._popup()
        if popup.isVisible() and self.completer.completionCount() > 0:
            current = popup.currentIndex()
            row = current.row() if current.isValid() else 0
            self.completer.setCurrentRow(row)
            target = self.resolve(self.completer.currentCompletion())
            popup.hide()
        else:
            target = self.resolve(self.edit.text())
        self.set_target(target)
        self.accepted.emit()

    def _update_note(self) -> None:
        t = self._target
        colour = theme.colours().dimmed.name()
        if t.team:
            text = self.tr("An entry about your team or partners, not a customer.")
        elif t.is_new:
            colour = theme.colours().relational.name()
            text = self.tr("New account “%1”: it is created when you save.").replace("%1", t.name)
        elif t.account_id is not None:
            text = self.tr("Account: %1").replace("%1", t.name)
        else:
            text = " "
        self.note.setText(text)
        self.note.setStyleSheet(f"color: {colour};")
