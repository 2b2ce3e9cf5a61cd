"""Device sync through a shared folder (issue 16).

``capture`` (the app's own driver) installs the triggers that note every local edit of a
synced table and reads the sync state; ``engine`` and ``changefile`` run only in the sync
worker process (``python -m reljournal.store.sync.worker``), which opens the journal with
apsw (SQLite's session extension) and never shares a process with sqlcipher3.
"""
