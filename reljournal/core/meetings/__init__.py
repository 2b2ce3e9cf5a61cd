"""Meetings from the rep's calendar, waiting to be logged (issue 14).

``reading`` checks and parses an iCalendar export, ``occurrences`` expands it into the
rep's meetings in a window (with the skipped ones counted), ``matching`` finds the
journal's people and account for each meeting's participants. Pure Python: the store
keeps the queue, the application layer ties them together.
"""
