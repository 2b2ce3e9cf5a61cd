"""The quick entry's "Ask them" panel: the question bank (Rosen's two first), the
customer's answers in their own words, who said it, and questions of the rep's own.

Keyboard: arrows pick a question, Space ticks it as discussed, Tab goes to the answer
(typing an answer ticks the question), then to the speaker; Enter in "Add a question"
adds one and moves to its answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QWidget,
)

from reljournal.core.model import text_key
from reljournal.core.records import QuestionRow
from reljournal.journal.entry_form import FormAnswer

_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class _Slot:
    question_text: str
    question_id: int | None
    answer: str = ""
    speaker: str = ""


class QuestionList(QListWidget):
    """The questions: arrows pick one, Space ticks it. Typed text goes nowhere (it used to
    jump between questions by their first letters, and the space in a typed name ticked
    whichever question it had landed on): ``typed_text_ignored`` lets the form say where
    to type instead. A Space within the keyboard-input interval after typed text belongs
    to those words and ticks nothing."""

    typed_text_ignored = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = QElapsedTimer()

    def keyboardSearch(self, search: str) -> None:
        """No jumping to a question by its first letters."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not (
            event.modifiers()
            & (
                Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier
            )
        )
        if event.key() == Qt.Key.Key_Space and plain:
            if self._typed.isValid() and (
                self._typed.elapsed() < QApplication.keyboardInputInterval()
            ):
                self._typed.start()
                event.accept()
                return
        elif plain and text and text.isprintable():
            self._typed.start()
            event.accept()
            self.typed_text_ignored.emit()
            return
        super().keyPressEvent(event)


class AskThemPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._slots: dict[str, _Slot] = {}
        self._current: str | None = None
        self.questions = QuestionList()
        # whole questions, wrapped on two lines where need be: never cut off
        self.questions.setWordWrap(True)
        self.questions.setUniformItemSizes(False)
        self.questions.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.questions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.questions.setAccessibleName(self.tr("Questions"))
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        font = self.question_label.font()
        font.setBold(True)
        self.question_label.setFont(font)
        self.answer = QPlainTextEdit()
        self.answer.setTabChangesFocus(True)
        self.answer.setPlaceholderText(self.tr("Their answer, in their own words"))
        self.answer.setAccessibleName(self.tr("Answer"))
        self.speaker = QComboBox()
        self.speaker.setEditable(True)
        self.speaker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        speaker_edit = self.speaker.lineEdit()
        assert speaker_edit is not None  # an editable combo box has its line edit
        speaker_edit.setPlaceholderText(self.tr("Who said it (new names are added)"))
        self.speaker.setAccessibleName(self.tr("Who said it"))
        self.new_question = QLineEdit()
        self.new_question.setPlaceholderText(self.tr("Add a question of your own, then Enter"))
        self.new_question.returnPressed.connect(self._on_new_question_return_pressed)
        self.questions.currentItemChanged.connect(self._on_questions_current_item_changed)
        self.questions.itemChanged.connect(self._on_questions_item_changed)
        self.answer.textChanged.connect(self._on_answer_text_changed)
        self.speaker.editTextChanged.connect(self._on_speaker_edit_text_changed)
        speaker_label = QLabel(self.tr("&Who:"))
        speaker_label.setBuddy(self.speaker)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.questions, 0, 0, 1, 2)
        grid.addWidget(self.question_label, 1, 0, 1, 2)
        grid.addWidget(self.answer, 2, 0, 1, 2)
        grid.addWidget(speaker_label, 3, 0)
        grid.addWidget(self.speaker, 3, 1)
        grid.addWidget(self.new_question, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(2, 2)
        self.setTabOrder(self.questions, self.answer)
        self.setTabOrder(self.answer, self.speaker)
        self.setTabOrder(self.speaker, self.new_question)
        self._set_editor_enabled(False)

    # --- content ---------------------------------------------------------------------
    def set_questions(self, rows: list[QuestionRow]) -> None:
        self.questions.clear()
        self._slots.clear()
        for row in rows:
            self._add_item(row.text, row.id)
        if self.questions.count():
            self.questions.setCurrentRow(0)

    def set_speakers(self, names: list[str]) -> None:
        current = self.speaker.currentText()
        self.speaker.blockSignals(True)
        self.speaker.clear()
        self.speaker.addItems([""] + names)
        self.speaker.setEditText(current)
        self.speaker.blockSignals(False)

    def _add_item(self, text: str, question_id: int | None) -> QListWidgetItem:
        key = f"q{question_id}" if question_id is not None else f"t:{text_key(text)}"
        if question_id is None:  # a question typed again that the bank already has
            same = [k for k, s in self._slots.items() if text_key(s.question_text) == key[2:]]
            key = same[0] if same else key
        if key in self._slots:
            return self._item(key)
        self._slots[key] = _Slot(text, question_id)
        item = QListWidgetItem(text)
        item.setData(_KEY_ROLE, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setToolTip(text)
        self.questions.addItem(item)
        return item

    def _item(self, key: str) -> QListWidgetItem:
        for row in range(self.questions.count()):
            item = self.questions.item(row)
            if item.data(_KEY_ROLE) == key:
                return item
        raise KeyError(key)

    # --- state -----------------------------------------------------------------------
    def state(self) -> list[FormAnswer]:
        """The ticked questions with their answers, in the list's order."""
        result = []
        for row in range(self.questions.count()):
            item = self.questions.item(row)
            slot = self._slots[item.data(_KEY_ROLE)]
            if item.checkState() == Qt.CheckState.Checked or slot.answer.strip():
                result.append(
                    FormAnswer(slot.question_text, slot.answer, slot.speaker, slot.question_id)
                )
        return result

    def set_state(self, answers: list[FormAnswer]) -> None:
        for a in answers:
            item = self._add_item(a.question_text, a.question_id)
            slot = self._slots[item.data(_KEY_ROLE)]
            slot.answer, slot.speaker = a.answer, a.speaker
            item.setCheckState(Qt.CheckState.Checked)
        self._show(self.questions.currentItem())

    def unanswered(self) -> list[str]:
        """Ticked questions with no answer typed."""
        return [a.question_text for a in self.state() if not a.answer.strip()]

    def focus_question(self, text: str) -> None:
        for row in range(self.questions.count()):
            if self.questions.item(row).text() == text:
                self.questions.setCurrentRow(row)
                self.answer.setFocus()
                return

    # --- slots -----------------------------------------------------------------------
    def _set_editor_enabled(self, enabled: bool) -> None:
        for widget in (self.answer, self.speaker):
            widget.setEnabled(enabled)

    def _show(self, item: QListWidgetItem | None) -> None:
        self._current = item.data(_KEY_ROLE) if item is not None else None
        slot = self._slots.get(self._current) if self._current else None
        self._set_editor_enabled(slot is not None)
        self.answer.blockSignals(True)
        self.speaker.blockSignals(True)
        self.question_label.setText(slot.question_text if slot else "")
        self.answer.setPlainText(slot.answer if slot else "")
        self.speaker.setEditText(slot.speaker if slot else "")
        self.answer.blockSignals(False)
        self.speaker.blockSignals(False)

    def _on_questions_current_item_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        self._show(current)

    def _on_questions_item_changed(self, item: QListWidgetItem) -> None:
        font = item.font()
        font.setBold(item.checkState() == Qt.CheckState.Checked)
        item.setFont(font)

    def _on_answer_text_changed(self) -> None:
        if self._current is None:
            return
        slot = self._slots[self._current]
        slot.answer = self.answer.toPlainText()
        item = self._item(self._current)
        if slot.answer.strip() and item.checkState() != Qt.CheckState.Checked:
            item.setCheckState(Qt.CheckState.Checked)

    def _on_speaker_edit_text_changed(self, text: str) -> None:
        if self._current is not None:
            self._slots[self._current].speaker = text

    def _on_new_question_return_pressed(self) -> None:
        text = " ".join(self.new_question.text().split())
        if not text:
            return
        item = self._add_item(text, None)
        item.setCheckState(Qt.CheckState.Checked)
        self.questions.setCurrentItem(item)
        self.new_question.clear()
        self.answer.setFocus()
