"""Who attended: names separated by commas, each completing from the account's people
and the team as it is typed. A name the journal does not know yet becomes a contact of
the account when the entry is saved."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from reljournal.core.model import text_key


class AttendeesField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStringListModel(self)
        self.completer_ = QCompleter(self._model, self)
        self.completer_.setWidget(self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.activated.connect(self._on_completer_activated)
        self.textEdited.connect(self._on_text_edited)
        self.setPlaceholderText(self.tr("Who was there: names separated by commas"))
        self.setAccessibleName(self.tr("People who attended"))
        self.setToolTip(
            self.tr(
                "Names complete from the account's people and your team; a new name is "
                "added to the account"
            )
        )

    def set_names(self, names: list[str]) -> None:
        """The names to complete from (the account's people first, then the team)."""
        self._model.setStringList(list(dict.fromkeys(names)))

    def names(self) -> list[str]:
        """The names typed, cleaned, each once."""
        seen: dict[str, str] = {}
        for part in self.text().split(","):
            clean = " ".join(part.split())
            if clean and text_key(clean) and text_key(clean) not in seen:
                seen[text_key(clean)] = clean
        return list(seen.values())

    def set_attendees(self, names: list[str]) -> None:
        self.setText(", ".join(names))

    def _span(self) -> tuple[int, int]:
        """Where the name under the cursor starts and ends."""
        text, pos = self.text(), self.cursorPosition()
        start = text.rfind(",", 0, pos) + 1
        end = text.find(",", pos)
        return start, len(text) if end == -1 else end

    def _on_text_edited(self, _text: str) -> None:
        start, _end = self._span()
        prefix = self.text()[start : self.cursorPosition()].strip()
        popup = self.completer_.popup()
        assert popup is not None  # a completer always has its popup
        if not prefix:
            popup.hide()
            return
        self.completer_.setCompletionPrefix(prefix)
        if self.completer_.completionCount():
            self.completer_.complete()
        else:
            popup.hide()

    def _on_completer_activated(self, name: str) -> None:
        text = self.text()
        start, end = self._span()
        before = text[:start].rstrip()
        after = text[end:].lstrip(", ")
        head = f"{before} " if before else ""
        new = f"{head}{name}, {after}" if after else f"{head}{name}, "
        self.setText(new)
        self.setCursorPosition(len(head) + len(name) + 2)
