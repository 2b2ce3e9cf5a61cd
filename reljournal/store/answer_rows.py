"""An answer as the store reads it: the columns and their mapping, written once for
every reader (the entry form, the brief, the classifier's input, the statement reader)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

from reljournal.core.model import Answer

# SELECT {ANSWER_COLUMNS} FROM answers …; the row goes to ``answer_from_row``
ANSWER_COLUMNS: Final = (
    "id, entry_id, account_id, question_id, question_text, answer, speaker_id, speaker_name, "
    "tags, said_on"
)


def answer_from_row(r: Sequence[Any]) -> Answer:
    return Answer(
        id=r[0],
        entry_id=r[1],
        account_id=r[2],
        question_id=r[3],
        question_text=r[4],
        answer=r[5],
        speaker_id=r[6],
        speaker=r[7],
        tags=[t for t in r[8].split(",") if t],
        said_on=dt.date.fromisoformat(r[9]),
    )
