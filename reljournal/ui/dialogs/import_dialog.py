"""Import accounts or contacts from a CRM's CSV export or a vCard file.

Pages: the file and its kind → the mapping of the file's columns to the journal's fields
with a preview of the first rows (CSV only; a known export — Google Contacts, Outlook,
LinkedIn, HubSpot, Salesforce, Pipedrive, Zoho — comes mapped) → a summary of what the
import would do, with the records skipped counted by reason → done. Reading, planning and writing run through the task runner (its own connection);
writing can be cancelled and then leaves the journal unchanged.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reljournal.core.errors import CancelledError, RelJournalError
from reljournal.core.formats.contacts import (
    CREATE,
    SKIP,
    UNCHANGED,
    UPDATE,
    WHY_NO_ACCOUNT,
    WHY_NOT_PERSON,
    WHY_PROBLEM,
)
from reljournal.core.formats.contacts_read import records_from_table
from reljournal.core.formats.crm_columns import (
    FIELDS,
    KIND_ACCOUNTS,
    KIND_CONTACTS,
    ColumnMapping,
    check_mapping,
)
from reljournal.journal.transfer import read_contacts
from reljournal.ui.errors import show_error
from reljournal.ui.work.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

PAGE_FILE: Final = 0
PAGE_MAPPING: Final = 1
PAGE_SUMMARY: Final = 2
PAGE_DONE: Final = 3
PREVIEW_ROWS: Final = 5
SHOWN_PROBLEMS: Final = 50
# columns of the mapping table
COL_HEADER, COL_FIELD, COL_SAMPLE = 0, 1, 2


class ImportDialog(QDialog):
    """File → mapping → summary → import → done."""

    imported = Signal(object)  # the ApplyResult
    check_requested = Signal()  # the rep asks to see the matches to check (issue 13)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.table: Any = None  # the CsvTable read
        self.file: Any = None  # the ContactsFile read
        self.plan: Any = None
        self.result: Any = None
        self._vcard = False
        self.busy = False
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Import accounts or contacts"))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._make_file_page())
        self.pages.addWidget(self._make_mapping_page())
        self.pages.addWidget(self._make_summary_page())
        self.pages.addWidget(self._make_done_page())
        self.back_button = QPushButton(self.tr("< &Back"))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.import_button = QPushButton(self.tr("&Import"))
        self.close_button = QPushButton(self.tr("Cancel"))
        self.back_button.clicked.connect(self._on_back_clicked)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button, self.close_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        width = self.fontMetrics().averageCharWidth()
        self.resize(width * 120, self.fontMetrics().height() * 36)
        self._go(PAGE_FILE)

    # --- pages ------------------------------------------------------------------------
    def _make_file_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            self.tr(
                "Choose a vCard file, or a CSV file exported from Google Contacts, Outlook, "
                "LinkedIn, HubSpot, Salesforce, Pipedrive, Zoho or a spreadsheet. Nothing is "
                "written before you have seen what the import will do."
            )
        )
        intro.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("The file to import"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.accounts_radio = QRadioButton(self.tr("&Accounts (companies)"))
        self.contacts_radio = QRadioButton(self.tr("C&ontacts (people)"))
        self.accounts_radio.setChecked(True)
        self.kind_group = QButtonGroup(page)
        self.kind_group.addButton(self.accounts_radio)
        self.kind_group.addButton(self.contacts_radio)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(
            QLabel(
                self.tr("A CSV file that is not a known export (Google, Outlook, a CRM…) holds:")
            )
        )
        layout.addWidget(self.accounts_radio)
        layout.addWidget(self.contacts_radio)
        self.keep_unassigned_check = QCheckBox(
            self.tr("&Keep people whose organisation is not given, as people without an account")
        )
        self.keep_unassigned_check.setToolTip(
            self.tr(
                "Phones and mail programs often have no company for a person. Without this, "
                "such people are skipped (and counted in the summary)."
            )
        )
        layout.addSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(self.keep_unassigned_check)
        layout.addStretch(1)
        return page

    def _make_mapping_page(self) -> QWidget:
        page = QWidget()
        self.file_label = QLabel()
        self.file_label.setWordWrap(True)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Journal field"), self.tr("First row")]
        )
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(COL_HEADER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.mapping_table.verticalHeader().setVisible(False)
        self.mapping_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table = QTableWidget(0, 0)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.horizontalHeader().setStretchLastSection(True)
        self.preview_table.setWordWrap(False)
        self.preview_table.setToolTip(self.tr("The numbers on the left are the file's rows"))
        layout = QVBoxLayout(page)
        layout.addWidget(self.file_label)
        layout.addWidget(self.mapping_table, 3)
        layout.addWidget(QLabel(self.tr("What the first rows become:")))
        layout.addWidget(self.preview_table, 2)
        return page

    def _make_summary_page(self) -> QWidget:
        page = QWidget()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.problems_text = QPlainTextEdit()
        self.problems_text.setReadOnly(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        layout.addWidget(QLabel(self.tr("Skipped rows and warnings:")))
        layout.addWidget(self.problems_text, 1)
        return page

    def _make_done_page(self) -> QWidget:
        page = QWidget()
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.check_button = QPushButton(self.tr("&Check them…"))
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self._on_check_clicked)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button)
        check_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_label)
        layout.addWidget(self.check_label)
        layout.addLayout(check_row)
        layout.addStretch(1)
        return page

    def _on_check_clicked(self) -> None:
        self.check_requested.emit()
        self.accept()

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setEnabled(page in (PAGE_MAPPING, PAGE_SUMMARY))
        self.back_button.setVisible(page != PAGE_DONE)
        self.next_button.setVisible(page in (PAGE_FILE, PAGE_MAPPING))
        self.import_button.setVisible(page == PAGE_SUMMARY)
        self.import_button.setEnabled(
            page == PAGE_SUMMARY and bool(self.plan and self.plan.changed)
        )
        self.close_button.setText(self.tr("Close") if page == PAGE_DONE else self.tr("Cancel"))
        default = {PAGE_SUMMARY: self.import_button, PAGE_DONE: self.close_button}
        button = default.get(page, self.next_button)
        button.setDefault(True)
        if page == PAGE_FILE and not self.path_edit.text():
            self.path_edit.setFocus()
        else:
            button.setFocus()

    # --- running work ------------------------------------------------------------------
    def _run(
        self,
        operation: Callable[[Any], Any],
        *,
        title: str,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        cancellable: bool = True,
    ) -> Task:
        """Run ``operation`` in the task runner; the dialog's buttons wait for it."""
        self._set_busy(True)

        def succeeded(result: Any) -> None:
            self._set_busy(False)
            on_success(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            (on_error or self._on_task_failed)(exc)

        self.task = self.runner.run(
            operation,
            title=title,
            parent_widget=self,
            cancellable=cancellable,
            on_success=succeeded,
            on_error=failed,
        )
        return self.task

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        if not busy:
            self.task = None  # the runner deletes its tasks once they end
        self.pages.setEnabled(not busy)
        for button in (self.back_button, self.next_button, self.import_button, self.close_button):
            button.setEnabled(not busy)
        if not busy:
            self._go(self.pages.currentIndex())

    def _on_task_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CancelledError):
            log.info("cancelled: %s", exc)
            return
        show_error(self, exc)

    def reject(self) -> None:
        if self.busy:
            return  # the progress dialog's Cancel stops the work; then the dialog closes
        super().reject()

    # --- the file ---------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return KIND_CONTACTS if self.contacts_radio.isChecked() else KIND_ACCOUNTS

    def _on_browse_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import from"),
            self.path_edit.text(),
            self.tr("CSV or vCard files (*.csv *.tsv *.txt *.vcf *.vcard);;All files (*)"),
        )
        if name:
            self.path_edit.setText(name)

    def _on_next_clicked(self) -> None:
        page = self.pages.currentIndex()
        if page == PAGE_FILE:
            self._read_file()
        elif page == PAGE_MAPPING:
            self._plan_csv()

    @property
    def keep_unassigned(self) -> bool:
        return self.keep_unassigned_check.isChecked()

    def _on_back_clicked(self) -> None:
        page = self.pages.currentIndex()
        if page == PAGE_SUMMARY and not self._vcard:
            self._go(PAGE_MAPPING)
        else:
            self._go(PAGE_FILE)

    def _read_file(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.path_edit.setFocus()
            return
        path = Path(text).expanduser()
        kind = self.kind
        self._run(
            lambda _ctx: read_contacts(path, kind=kind),
            title=self.tr("Reading the file…"),
            on_success=self._on_file_read,
            cancellable=False,
        )

    def _on_file_read(self, file: Any) -> None:
        self.file = file
        self._vcard = file.table is None
        if self._vcard:
            keep = self.keep_unassigned

            def plan_cards(ctx: Any) -> Any:
                return ctx.journal.plan_contacts_import(
                    file,
                    keep_unassigned=keep,
                    progress=ctx.progress,
                    should_cancel=ctx.should_cancel,
                )

            self._run(
                plan_cards, title=self.tr("Comparing the cards with the journal…"),
                on_success=self._on_plan_made,
            )  # fmt: skip
            return
        if file.kind == KIND_CONTACTS:
            self.contacts_radio.setChecked(True)
        else:
            self.accounts_radio.setChecked(True)
        self._on_table_read(file.table, file.mapping, file.label)

    def _on_table_read(self, table: Any, mapping: ColumnMapping, source: str) -> None:
        self.table = table
        details = self.tr("Recognised as %4: %1, %2, separated by %3.")
        details = (
            details.replace("%1", self.tr("%n row(s)", "", len(table.rows)))
            .replace("%2", table.encoding)
            .replace("%3", table.delimiter_name)
            .replace("%4", source)
        )
        self.file_label.setText(
            self.tr("Choose the journal field for each column; leave the others unmapped. ")
            + details
            + "".join(f"\n{w}" for w in table.warnings)
        )
        self.source = mapping.source
        self._fill_mapping(mapping)
        self._go(PAGE_MAPPING)

    # --- the mapping ------------------------------------------------------------------
    def _fill_mapping(self, mapping: ColumnMapping) -> None:
        headers = self.table.headers
        first = self.table.rows[0].cells if self.table.rows else ()
        self.mapping_table.setRowCount(len(headers))
        self.combos: list[QComboBox] = []
        for index, header in enumerate(headers):
            item = QTableWidgetItem(header)
            font = item.font()
            font.setBold(index in mapping.fields)
            item.setFont(font)
            self.mapping_table.setItem(index, COL_HEADER, item)
            combo = QComboBox()
            combo.addItem(self.tr("— not imported —"), "")
            for name in FIELDS[self.kind]:
                combo.addItem(name.replace("_", " "), name)
            combo.setCurrentIndex(max(0, combo.findData(mapping.fields.get(index, ""))))
            combo.currentIndexChanged.connect(self._on_combo_changed)
            self.mapping_table.setCellWidget(index, COL_FIELD, combo)
            self.combos.append(combo)
            sample = first[index] if index < len(first) else ""
            self.mapping_table.setItem(index, COL_SAMPLE, QTableWidgetItem(sample.split("\n")[0]))
        self.mapping_table.resizeRowsToContents()
        self._update_preview()

    def current_mapping(self) -> ColumnMapping:
        """The columns as mapped on the page; a known export's emails, phones and
        addresses are still read from its own columns."""
        fields = {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}
        return ColumnMapping(self.kind, fields, getattr(self, "source", "custom"))

    def set_field(self, header: str, field: str) -> None:
        """Map the column named ``header`` to ``field`` ("" leaves it unmapped)."""
        index = self.table.headers.index(header)
        self.combos[index].setCurrentIndex(self.combos[index].findData(field))

    def _on_combo_changed(self, _index: int) -> None:
        self._update_preview()

    def _update_preview(self) -> None:
        mapping = self.current_mapping()
        names = [n for n in FIELDS[self.kind] if n in mapping.fields.values()]
        records = list(itertools.islice(records_from_table(self.table, mapping), PREVIEW_ROWS))
        self.preview_table.clear()
        self.preview_table.setColumnCount(len(names))
        self.preview_table.setHorizontalHeaderLabels([n.replace("_", " ") for n in names])
        self.preview_table.setRowCount(len(records))
        self.preview_table.setVerticalHeaderLabels([str(r.number) for r in records])
        for row, record in enumerate(records):
            for col, name in enumerate(names):
                value = record.values.get(name, "").split("\n")[0]
                self.preview_table.setItem(row, col, QTableWidgetItem(value))
        self.preview_table.resizeColumnsToContents()
        limit = self.fontMetrics().averageCharWidth() * 30
        for col in range(len(names)):
            if self.preview_table.columnWidth(col) > limit:
                self.preview_table.setColumnWidth(col, limit)

    # --- plan and summary ------------------------------------------------------------
    def _plan_csv(self) -> None:
        mapping = self.current_mapping()
        try:
            check_mapping(mapping, self.table.headers)
        except RelJournalError as exc:
            show_error(self, exc)
            return
        table = self.table
        keep = self.keep_unassigned
        self._run(
            lambda ctx: ctx.journal.plan_csv_import(
                table,
                mapping,
                keep_unassigned=keep,
                progress=ctx.progress,
                should_cancel=ctx.should_cancel,
            ),
            title=self.tr("Comparing the file with the journal…"),
            on_success=self._on_plan_made,
        )

    def _on_plan_made(self, plan: Any) -> None:
        self.plan = plan
        what = self.tr("contacts") if plan.kind == KIND_CONTACTS else self.tr("accounts")
        text = (
            self.tr("Importing these %1 will: ").replace("%1", what)
            + ", ".join(
                [
                    self.tr("create %n", "", plan.count(CREATE)),
                    self.tr("update %n", "", plan.count(UPDATE)),
                    self.tr("leave %n as they are", "", plan.count(UNCHANGED)),
                    self.tr("skip %n row(s)", "", plan.count(SKIP)),
                ]
            )
            + "."
        )
        if plan.kind == KIND_CONTACTS and plan.new_accounts:
            text += " " + self.tr(
                "%n new account(s) will be made for them.", "", len(plan.new_accounts)
            )
        text += self._skipped_text(plan)
        if plan.outcomes and plan.count(SKIP) == len(plan.outcomes):
            text += "\n" + self.tr(
                "Nothing can be imported: every record in this file was skipped (the reasons "
                "are below)."
            )
        elif not plan.outcomes:
            text += "\n" + self.tr("Nothing can be imported: the file holds no records.")
        elif not plan.changed:
            text += "\n" + self.tr("The journal already holds everything in this file.")
        self.summary_label.setText(text)
        lines = list(plan.warnings)
        for match in plan.to_confirm[:SHOWN_PROBLEMS]:
            lines.append(
                (
                    self.tr("Check card %1: %2 may be %3; they are kept apart.")
                    if self._vcard
                    else self.tr("Check row %1: %2 may be %3; they are kept apart.")
                )
                .replace("%1", str(match.number))
                .replace("%2", match.name)
                .replace("%3", match.other)
            )
        problems = plan.problems
        for problem in problems[:SHOWN_PROBLEMS]:
            name = problem.name or self.tr("(no name)")
            where = self.tr("Card %1: %2 — %3") if self._vcard else self.tr("Row %1: %2 — %3")
            lines.append(
                where.replace("%1", str(problem.number))
                .replace("%2", name)
                .replace("%3", problem.reason)
            )
        if len(problems) > SHOWN_PROBLEMS:
            more = len(problems) - SHOWN_PROBLEMS
            lines.append(self.tr("… and %1 more skipped rows.").replace("%1", str(more)))
        self.problems_text.setPlainText("\n".join(lines) or self.tr("No problems found."))
        self._go(PAGE_SUMMARY)

    def _skipped_text(self, plan: Any) -> str:
        """The records skipped, counted by reason, in the user's words."""
        parts = []
        no_account = len(plan.skipped(WHY_NO_ACCOUNT))
        if no_account:
            parts.append(
                self.tr(
                    "%n without an organisation (go back and tick \u201cKeep people whose "
                    "organisation is not given\u201d to import them as people without an "
                    "account)",
                    "",
                    no_account,
                )
            )
        not_person = len(plan.skipped(WHY_NOT_PERSON))
        if not_person:
            parts.append(
                self.tr(
                    "%n not a person (an organisation or group card, a deleted or nameless record)",
                    "",
                    not_person,
                )
            )
        bad = len(plan.skipped(WHY_PROBLEM))
        if bad:
            parts.append(self.tr("%n with a problem", "", bad))
        if not parts:
            return ""
        return "\n" + self.tr("Skipped: %1.").replace("%1", "; ".join(parts))

    # --- the import -------------------------------------------------------------------
    def _on_import_clicked(self) -> None:
        plan = self.plan
        self._run(
            lambda ctx: ctx.journal.apply_import_plan(
                plan, progress=ctx.progress, should_cancel=ctx.should_cancel
            ),
            title=self.tr("Importing…"),
            on_success=self._on_import_done,
            on_error=self._on_import_failed,
        )

    def _on_import_done(self, result: Any) -> None:
        self.result = result
        self.done_label.setText(
            self.tr("Done: %1 created, %2 updated; %3 added, %4 updated.")
            .replace("%1", self.tr("%n account(s)", "", result.accounts_created))
            .replace("%2", str(result.accounts_updated))
            .replace("%3", self.tr("%n person(s)", "", result.people_created))
            .replace("%4", str(result.people_updated))
        )
        to_check = len(self.plan.to_confirm) if self.plan is not None else 0
        self.check_label.setText(
            self.tr(
                "%n person(s) may be someone the journal already has (the same name, but no "
                "account or another one): they were kept apart. Check them and merge those "
                "who are one person.",
                "",
                to_check,
            )
        )
        self.check_label.setVisible(bool(to_check))
        self.check_button.setVisible(bool(to_check))
        self._go(PAGE_DONE)
        self.imported.emit(result)

    def _on_import_failed(self, exc: BaseException) -> None:
        if isinstance(exc, CancelledError):
            log.info("import cancelled")
            QMessageBox.information(
                self,
                self.tr("Import cancelled"),
                self.tr("The import was cancelled; the journal is unchanged."),
            )
            return
        show_error(self, exc)
