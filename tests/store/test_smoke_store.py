from reljournal.store.accounts import create_account, list_account_summaries


def test_fixture_journal_is_usable(db) -> None:
    import datetime as dt

    create_account(db, "Acme Dental")
    rows = list_account_summaries(db, dt.date.today())
    assert [r.name for r in rows] == ["Acme Dental"]
