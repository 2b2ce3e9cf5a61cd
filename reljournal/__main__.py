"""``python -m reljournal``: the same as the ``reljournal`` command."""

from reljournal.launcher import main

if __name__ == "__main__":
    raise SystemExit(main())
