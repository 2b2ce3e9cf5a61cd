"""Reading a whole entry without opening the editor: the entry selected in the timeline
shows in full below it (notes, what they said, promises, who was there)."""

from __future__ import annotations

from typing import Any

from reljournal.ui.models.timeline_model import ENTRY_ID_ROLE


def _select_row(window: Any, row: int) -> int:
    view = window.account_view.timeline_view
    index = window.account_view.timeline.index(row, 0)
    view.setCurrentIndex(index)
    return int(index.data(ENTRY_ID_ROLE))


def test_the_selected_entry_reads_whole_below_the_timeline(window: Any, seeded: Any) -> None:
    window.show_account(seeded.acme)
    preview = window.account_view.preview
    assert preview.entry_id is None and preview.toPlainText() == ""
    entry_id = _select_row(window, 0)  # the newest: "Visit with Dana." on 5 March
    assert preview.entry_id == entry_id
    text = preview.toPlainText()
    assert "Visit with Dana." in text
    assert "Answer 5: quick and accurate." in text and "Dana Smith" in text
    assert "Promise 5" in text and "30 min" in text
    assert window.quick_entry is None  # read, not opened in the editor


def test_a_long_note_is_shown_whole(window: Any, seeded: Any, qtbot: Any) -> None:
    long_note = " ".join(f"sentence{n} about the plan." for n in range(300))
    window.show_account(seeded.acme)
    entry_id = _select_row(window, 0)
    entry, extras = window.journal.entry(entry_id)
    from reljournal.journal.entry_form import form_from_entry

    form = form_from_entry(entry, extras, "Acme Ltd")
    form.notes = long_note
    window.edits.entry_saved(window.journal.record_entry(form))
    _select_row(window, 0)
    assert long_note in window.account_view.preview.toPlainText()


def test_switching_account_clears_the_preview(window: Any, seeded: Any) -> None:
    window.show_account(seeded.acme)
    _select_row(window, 0)
    window.show_account(seeded.globex)
    assert window.account_view.preview.entry_id is None
    assert window.account_view.preview.toPlainText() == ""
