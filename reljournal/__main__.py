"""``python -m reljournal``: the same as the ``reljournal`` command."""

from reljournal.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
