"""The selected entry, whole, read-only, under the timeline: its notes, what they said,
the promises and who was there, without opening the editor (Enter or a double-click
still opens it)."""

from __future__ import annotations

import datetime as dt
import html
import logging

from PySide6.QtWidgets import QTextBrowser, QWidget

from reljournal.core.errors import RelJournalError
from reljournal.core.model import Entry
from reljournal.journal.facade import Journal
from reljournal.ui.wording import format_due, format_moment, kind_text, owner_text

log = logging.getLogger(__name__)


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


class EntryPreview(QTextBrowser):
    """``show_entry(journal, id, today)`` shows an entry; ``clear_entry()`` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry_id: int | None = None
        self.setOpenLinks(False)
        self.setAccessibleName(self.tr("Selected entry"))
        self.setPlaceholderText(
            self.tr("Select an entry to read it here; Enter or a double-click edits it.")
        )
        self.document().setDocumentMargin(8)

    def clear_entry(self) -> None:
        self.entry_id = None
        self.clear()

    def show_entry(self, journal: Journal, entry_id: int, today: dt.date) -> None:
        try:
            entry, _extras = journal.entry(entry_id)
            names = {pid: name for pid, name, _a in journal.people_names()}
        except RelJournalError as exc:
            log.info("entry %s not shown: %s", entry_id, exc.message)
            self.entry_id = None
            self.setPlainText(exc.message)
            return
        self.entry_id = entry_id
        self.setHtml(self.entry_html(entry, names, today))

    def entry_html(self, entry: Entry, names: dict[int, str], today: dt.date) -> str:
        head = [kind_text(entry.kind), format_moment(entry.at, today)]
        if entry.minutes:
            head.append(self.tr("%n min", "", entry.minutes))
        people = [names[i] for i in entry.stakeholder_ids if i in names]
        if people:
            head.append(self.tr("with %1").replace("%1", ", ".join(people)))
        out = [f"<p><b>{_e(' · '.join(head))}</b></p>"]
        if entry.title:
            out.append(f"<h3 style='margin:4px 0'>{_e(entry.title)}</h3>")
        if entry.notes:
            out.append(f"<p>{_e(entry.notes)}</p>")
        if entry.answers:
            out.append(f"<p><b>{_e(self.tr('What they said'))}</b></p><ul>")
            for a in entry.answers:
                who = f" — {_e(a.speaker)}" if a.speaker else ""
                out.append(f"<li>“{_e(a.answer)}”{who}<br><i>{_e(a.question_text)}</i></li>")
            out.append("</ul>")
        if entry.commitments:
            out.append(f"<p><b>{_e(self.tr('Promises'))}</b></p><ul>")
            for c in entry.commitments:
                due = (
                    " · " + self.tr("due %1").replace("%1", format_due(c.due, today))
                    if c.due
                    else ""
                )
                out.append(f"<li>{_e(owner_text(c.owner))}: {_e(c.text)}{_e(due)}</li>")
            out.append("</ul>")
        return "".join(out)
