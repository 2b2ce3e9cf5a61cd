"""Property: any interleaving of edits on three computers, with their change files
carried between the computers' copies of the folder in any order and more than once,
ends with the same journal on all three."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reljournal.journal import opening
from reljournal.journal.entry_form import EntryForm
from reljournal.journal.facade import Journal
from reljournal.store.sync.capture import set_folder
from reljournal.store.sync.tables import parse_change_file_name
from tests.sync.devices import add_entry, dump, first_computer, join

DEVICES = 3

op = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 2), st.integers(0, 1), st.text("abc ", max_size=6)),
    st.tuples(st.just("notes"), st.integers(0, 2), st.integers(0, 9), st.text("xyz", max_size=4)),
    st.tuples(st.just("minutes"), st.integers(0, 2), st.integers(0, 9), st.integers(0, 90)),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 9), st.just(0)),
    st.tuples(st.just("undo"), st.integers(0, 2), st.just(0), st.just(0)),
    st.tuples(st.just("exchange"), st.integers(0, 2), st.just(0), st.just(0)),
    st.tuples(st.just("carry"), st.integers(0, 2), st.integers(0, 2), st.integers(0, 30)),
)


@pytest.fixture(scope="module")
def three_computers(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Three computers joined to one sync, each with its own copy of the folder (as a
    sync tool keeps one per computer); built once, copied per example."""
    import keyring

    from tests.helpers.keyrings import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        root = tmp_path_factory.mktemp("three")
        a, recovery, folder = first_computer(root)
        add_entry(a, "Shared", "made before the others joined")
        a.sync_now()
        others = [join(root, name, folder, recovery) for name in ("b", "c")]
        for n, journal in enumerate([a, *others]):
            own = root / f"folder{n}"
            shutil.copytree(folder, own)
            set_folder(journal._db(), own)  # noqa: SLF001
            journal.close()
    finally:
        keyring.set_keyring(previous)
    return root, recovery


def _open(root: Path, recovery: str) -> list[Journal]:
    return [
        opening.unlock(root / name / "journal.db", recovery_key=recovery)
        for name in ("a", "b", "c")
    ]


def _entry_ids(journal: Journal) -> list[int]:
    return [r[0] for r in dump(journal)["entries"]]


def _carry_all(root: Path) -> None:
    for src in range(DEVICES):
        for dst in range(DEVICES):
            if src != dst:
                _carry(root, src, dst, None)


def _carry(root: Path, src: int, dst: int, pick: int | None) -> None:
    if src == dst:
        return
    names = sorted(
        p.name for p in (root / f"folder{src}").iterdir() if parse_change_file_name(p.name)
    )
    if pick is not None:
        names = names[pick % len(names) : pick % len(names) + 1] if names else []
    for name in names:
        target = root / f"folder{dst}" / name
        if not target.exists() or pick is not None:  # carried again: a duplicate
            shutil.copyfile(root / f"folder{src}" / name, target)


def _edit(
    journal: Journal, entry_id: int, *, notes: str | None = None, minutes: int | None = None
) -> None:
    entry, _extras = journal.entry(entry_id)
    account = journal.account(entry.account_id).name if entry.account_id else ""
    journal.record_entry(
        EntryForm(
            at=dt.datetime.fromisoformat(entry.at.isoformat())
            if isinstance(entry.at, dt.datetime)
            else dt.datetime(2026, 3, 2, 10, 0),
            account_text=account,
            kind=entry.kind,
            minutes=entry.minutes if minutes is None else minutes,
            notes=entry.notes if notes is None else notes,
            entry_id=entry_id,
        )
    )


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=st.lists(op, min_size=3, max_size=12))
def test_three_computers_converge(
    ops: list[tuple[str, int, int, object]],
    three_computers: tuple[Path, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    template, recovery = three_computers
    root = tmp_path_factory.mktemp("example")
    shutil.rmtree(root)
    shutil.copytree(template, root)
    journals = _open(root, recovery)
    try:
        for o in journals:
            set_folder(o._db(), root / f"folder{journals.index(o)}")  # noqa: SLF001
        for kind, d, x, y in ops:
            journal = journals[d]
            ids = _entry_ids(journal)
            if kind == "add":
                add_entry(journal, f"Acme {x}", str(y))  # the same name on two computers too
            elif kind in ("notes", "minutes", "delete") and ids:
                target = ids[x % len(ids)]
                if kind == "delete":
                    journal.delete_entry(target)
                elif kind == "notes":
                    _edit(journal, target, notes=str(y))
                else:
                    _edit(journal, target, minutes=int(y))  # type: ignore[call-overload]
            elif kind == "undo" and journal.history.next_undo() is not None:
                journal.undo()
            elif kind == "exchange":
                journal.sync_now()
            elif kind == "carry":
                _carry(root, d, x, int(y))  # type: ignore[call-overload]
        for _round in range(2):
            for journal in journals:
                journal.sync_now()
            _carry_all(root)
            for journal in journals:
                journal.sync_now()
        first = dump(journals[0])
        for other in journals[1:]:
            assert dump(other) == first
    finally:
        for journal in journals:
            journal.close()
