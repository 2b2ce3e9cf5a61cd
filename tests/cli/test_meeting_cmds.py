"""`reljournal import-ics` and `reljournal meetings` (issue 14) on the calendar corpus in
tests/data/calendars: every run of expected.json (hand-written hard cases and real
Google, Outlook and Apple exports), the re-import sequences and the bad files, through
the command line in this process, against a journal holding journal.json."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reljournal.cli import main
from tests.cli.test_journal_cmds import Run
from tests.store.test_calendar_feed import SECRET, _Handler, certificate, server  # noqa: F401

DATA = Path(__file__).parents[1] / "data" / "calendars"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
ME = "sam.taylor@tandem-medical.example"


def _set_tz(name: str) -> None:
    os.environ["TZ"] = name
    time.tzset()


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    """The machine's zone is UTC unless a run says otherwise (then restored)."""
    before = os.environ.get("TZ")
    _set_tz("UTC")
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture(scope="module")
def _corpus_journal(
    _template_journal: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The empty template journal with journal.json imported, built once."""
    from reljournal.journal import opening
    from reljournal.journal.transfer import read_journal_document

    source, recovery = _template_journal
    path = tmp_path_factory.mktemp("calendars") / "journal.db"
    shutil.copyfile(source, path)
    journal = opening.unlock(path, recovery_key=recovery)
    try:
        journal.import_document(read_journal_document(str(DATA / "journal.json")))
        journal.checkpoint_and_cipher_version()
    finally:
        journal.close()
    return path


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str],
    _corpus_journal: Path,
    _template_journal: tuple[Path, str],
    tmp_path: Path,
) -> Run:
    from reljournal.store.keys import key_from_recovery, store_in_keychain

    path = tmp_path / "journal.db"
    shutil.copyfile(_corpus_journal, path)
    os.chmod(path, 0o600)
    store_in_keychain(path, key_from_recovery(_template_journal[1]))
    return Run(capsys, path)


def import_ics(run: Run, step: dict[str, Any]) -> str:
    args: list[str | Path] = ["import-ics", DATA / step["file"]]
    for address in step["me"]:
        args += ["--me", address]
    args += ["--since", step["since"], "--until", step["until"]]
    return run.ok(*args)


def queue(run: Run) -> list[dict[str, Any]]:
    data = json.loads(run.ok("meetings", "--json"))
    assert isinstance(data, list)
    return data


def comparable(item: dict[str, Any]) -> tuple[Any, ...]:
    start = dt.datetime.fromisoformat(item["start"])
    assert start.utcoffset() is not None, f"start without a UTC offset: {item['start']}"
    return (
        item["uid"],
        start.astimezone(dt.UTC),
        item["minutes"],
        item["title"],
        item["account"],
        frozenset(item["people"]),
        frozenset(a.lower() for a in item["unmatched"]),
    )


def skipped_counts(summary: str) -> dict[str, int]:
    """The counts the summary names, kinds left out being 0."""
    line = next(line for line in summary.splitlines() if line.startswith("skipped:"))
    counts = dict.fromkeys(("cancelled", "all-day", "declined", "without other attendees"), 0)
    if line.strip() != "skipped: none":
        for part in line.removeprefix("skipped:").split(","):
            number, _, kind = part.strip().partition(" ")
            counts[kind] = int(number.replace(",", ""))
    return counts


RUNS = EXPECTED["runs"] + EXPECTED["real_runs"]


@pytest.mark.parametrize("case", RUNS, ids=[r["id"] for r in RUNS])
def test_expected_run(run: Run, case: dict[str, Any]) -> None:
    tz = (case.get("env") or {}).get("TZ")
    if tz:
        _set_tz(tz)
    summary = import_ics(run, case)
    assert skipped_counts(summary) == case["skipped"], summary
    got = [comparable(item) for item in queue(run)]
    assert len(got) == len(set(got)), "an occurrence is queued twice"
    if "queued" in case:
        assert sorted(got, key=repr) == sorted((comparable(q) for q in case["queued"]), key=repr)
    if "queued_count" in case:
        assert len(got) == case["queued_count"]
    for wanted in case.get("queued_includes", []):
        assert comparable(wanted) in got


@pytest.mark.parametrize("sequence", EXPECTED["sequences"], ids=lambda s: s["id"])
def test_reimport_sequence(run: Run, sequence: dict[str, Any]) -> None:
    for step in sequence["steps"]:
        import_ics(run, step)
    after = queue(run)
    assert sorted(map(comparable, after), key=repr) == sorted(
        map(comparable, sequence["queue_after"]), key=repr
    )
    # once more: nothing changes, not even the ids
    import_ics(run, sequence["steps"][-1])
    assert queue(run) == after


BAD = EXPECTED["bad"]


@pytest.mark.parametrize("bad", BAD, ids=[b["file"] for b in BAD])
def test_bad_file_is_refused_and_the_queue_unchanged(run: Run, bad: dict[str, Any]) -> None:
    first = next(r for r in EXPECTED["runs"] if r["id"] == "case-01")
    import_ics(run, first)
    before = queue(run)
    line = run.fails(
        "import-ics",
        DATA / bad["file"],
        "--me",
        ME,
        "--since",
        "2025-10-01",
        "--until",
        "2025-11-30",
    )
    assert bad["file"].split("/")[-1] in line
    assert queue(run) == before


def test_bad_messages_say_what_is_wrong(run: Run) -> None:
    words = {
        "empty.ics": "empty",
        "whitespace_only.ics": "empty",
        "takeout_zip_saved_as.ics": "zip",
        "truncated_mid_vevent.ics": "truncated",
        "missing_end_vcalendar.ics": "truncated",
        "html_error_page.ics": "web page",
        "vcard_not_calendar.ics": "vCard",
    }
    for name, word in words.items():
        assert word in run.fails("import-ics", DATA / "bad" / name, "--me", ME)


def test_a_100_mb_file_is_refused(run: Run, tmp_path: Path) -> None:
    big = tmp_path / "huge.ics"
    with big.open("wb") as handle:
        handle.write(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        handle.write(b"X-PAD:" + b"x" * 1000 + b"\r\n")
        handle.seek(100 * 1024 * 1024)
        handle.write(b"END:VCALENDAR\r\n")
    line = run.fails("import-ics", big, "--me", ME)
    assert "huge.ics" in line and "too large" in line
    assert queue(run) == []


def test_missing_file_folder_and_no_me(run: Run, tmp_path: Path) -> None:
    assert "no such file" in run.fails("import-ics", tmp_path / "nope.ics", "--me", ME)
    assert "folder" in run.fails("import-ics", tmp_path, "--me", ME)
    case = DATA / "cases" / "01_weekly_us_dst_google.ics"
    assert "--me" in run.fails("import-ics", case)
    assert "not an email" in run.fails("import-ics", case, "--me", "sam")
    assert "after" in run.fails(
        "import-ics", case, "--me", ME, "--since", "2025-12-01", "--until", "2025-11-01"
    )
    assert "outside the years" in run.fails(
        "import-ics", case, "--me", ME, "--since", "0001-01-01", "--until", "0001-01-02"
    )
    assert "outside the years" in run.fails("import-ics", case, "--me", ME, "--until", "9999-12-31")
    code, _, err = run("import-ics", case, "--me", ME, "--since", "1.10.2025")
    assert code == 2 and "YYYY-MM-DD" in err


def test_me_is_remembered_and_stdin_works(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    case = next(r for r in EXPECTED["runs"] if r["id"] == "case-11")
    import_ics(run, case)  # two --me addresses
    first = queue(run)
    data = (DATA / case["file"]).read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    out = run.ok("import-ics", "-", "--since", case["since"], "--until", case["until"])
    assert "standard input" in out
    assert skipped_counts(out)["declined"] == case["skipped"]["declined"]
    assert queue(run) == first


def test_default_window_is_the_60_days_up_to_today(run: Run, tmp_path: Path) -> None:
    today = dt.date.today()

    def event(uid: str, day: dt.date) -> str:
        return (
            f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\n"
            f"DTSTART:{day:%Y%m%d}T120000Z\r\nDTEND:{day:%Y%m%d}T123000Z\r\n"
            f"SUMMARY:{uid}\r\nORGANIZER:mailto:{ME}\r\n"
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:dana.ruiz@acme-dental.example\r\nEND:VEVENT\r\n"
        )

    days = {"today": today, "d59": today - dt.timedelta(days=59),
            "d60": today - dt.timedelta(days=60), "tomorrow": today + dt.timedelta(days=1)}  # fmt: skip
    body = "".join(event(uid, day) for uid, day in days.items())
    path = tmp_path / "recent.ics"
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{body}END:VCALENDAR\r\n")
    run.ok("import-ics", path, "--me", ME)
    assert sorted(m["title"] for m in queue(run)) == ["d59", "today"]


def test_dismiss_and_logged_meetings_survive_reimport(run: Run) -> None:
    case = next(r for r in EXPECTED["runs"] if r["id"] == "case-01")
    import_ics(run, case)
    items = json.loads(run.ok("meetings", "--json"))
    assert "dismissed" in run.ok("meetings", "dismiss", str(items[0]["id"]))
    assert len(queue(run)) == len(items) - 1
    import_ics(run, case)
    assert [m["id"] for m in queue(run)] == [m["id"] for m in items[1:]]
    assert "not waiting" in run.fails("meetings", "dismiss", str(items[0]["id"]))
    assert "no meeting" in run.fails("meetings", "dismiss", "99999")
    assert "number" in run.fails("meetings", "dismiss", "x")
    listing = run.ok("meetings")
    assert (
        "Acme Dental weekly check-in" in listing and f"{len(items) - 1} meetings to log" in listing
    )


def test_assign_an_unmatched_address(run: Run) -> None:
    case = next(r for r in EXPECTED["runs"] if r["id"] == "case-12")
    import_ics(run, case)
    before = queue(run)
    unknown = sorted({a for m in before for a in m["unmatched"]})
    assert unknown, "case 12 has an unknown organizer"
    run.ok("meetings", "assign", unknown[0], "Acme Dental", "--name", "Terry Unknown")
    after = queue(run)
    for old, new in zip(before, after, strict=True):
        if unknown[0] in old["unmatched"]:
            assert unknown[0] not in new["unmatched"]
            assert "Terry Unknown" in new["people"]
            assert new["account"] == "Acme Dental"
    exported = json.loads(run.ok("export", "-"))
    acme = next(a for a in exported["accounts"] if a["name"] == "Acme Dental")
    assert {"name": "Terry Unknown", "email": unknown[0]}.items() <= next(
        p for p in acme["stakeholders"] if p["name"] == "Terry Unknown"
    ).items()
    assert "not an email" in run.fails("meetings", "assign", "nobody", "Acme Dental")


def test_meetings_with_an_empty_queue(run: Run) -> None:
    assert run.ok("meetings") == "No meetings waiting to be logged.\n"
    assert json.loads(run.ok("meetings", "--json")) == []


def test_help(run: Run) -> None:
    code, out, _ = run("import-ics", "--help", db=False)
    assert code == 0 and "--me" in out and "--since" in out
    assert main(["meetings", "--help"]) == 0


def test_events_without_uid_are_queued_once_each(run: Run, tmp_path: Path) -> None:
    def event(day: int, title: str) -> str:
        return (
            f"BEGIN:VEVENT\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:202506{day:02d}T120000Z\r\n"
            f"DURATION:PT45M\r\nSUMMARY:{title}\r\nORGANIZER:MAILTO:{ME}\r\n"
            "ATTENDEE:mailto:Omar.Haddad@northwind.example\r\nEND:VEVENT\r\n"
        )

    body = event(2, "One") + event(3, "Two")
    path = tmp_path / "hand-made.ics"
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n")
    for _ in range(2):
        run.ok("import-ics", path, "--me", ME, "--since", "2025-06-01", "--until", "2025-06-30")
    items = queue(run)
    assert [(m["title"], m["minutes"], m["account"], m["people"]) for m in items] == [
        ("One", 45, "Northwind Clinics", ["Omar Haddad"]),
        ("Two", 45, "Northwind Clinics", ["Omar Haddad"]),
    ]


def test_calendar_subscription_from_the_command_line(
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    certificate: tuple[Path, Path],  # noqa: F811
    server: str,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    import io
    import logging

    caplog.set_level(logging.DEBUG)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    _Handler.body = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:sub-1\r\n"
        f"DTSTAMP:20250101T000000Z\r\nDTSTART:{yesterday:%Y%m%d}T120000Z\r\n"
        f"DTEND:{yesterday:%Y%m%d}T130000Z\r\nSUMMARY:Subscribed meeting\r\n"
        f"ORGANIZER:mailto:{ME}\r\nATTENDEE:mailto:klaus.weber@globex.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # trust the test's server
    assert run.ok("calendar-subscription") == "No calendar subscription.\n"
    assert "https://" in run.fails("calendar-subscription", "set", "http://x.example/a.ics")
    monkeypatch.setattr("sys.stdin", io.StringIO(server + SECRET + "\n"))
    assert run.ok("calendar-subscription", "set", "-") == (
        "Subscribed to the calendar on 127.0.0.1.\n"
    )
    run.ok("import-ics", DATA / "cases" / "01_weekly_us_dst_google.ics", "--me", ME,
           "--since", "2025-10-01", "--until", "2025-10-02")  # remembers --me  # fmt: skip
    out = run.ok("calendar-subscription", "fetch")
    assert out.startswith("127.0.0.1: 1 meeting from ")
    assert [(m["title"], m["account"]) for m in queue(run)] == [
        ("Subscribed meeting", "Globex Imaging")
    ]
    assert "last fetched" in run.ok("calendar-subscription", "show")
    # the server gone wrong: the last copy is used, with a warning
    _Handler.body = b"<html>down</html>"
    code, out, err = run("calendar-subscription", "fetch")
    assert code == 0 and "web page" in err and "last copy" in err
    everything = out + err + caplog.text + run.ok("calendar-subscription", "show")
    assert "private-5f3a" not in everything
    assert run.ok("calendar-subscription", "remove") == "Calendar subscription removed.\n"
    assert "no calendar subscription" in run.fails("calendar-subscription", "fetch")
