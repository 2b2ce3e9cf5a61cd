"""The journal as Markdown: one readable document per account.

Each account's document starts with a short brief (its class; what the customer
says they expect, latest per question, verbatim with speaker and date; open
promises both ways, overdue first), then its entries in date order with their
answers and commitments. ``journal_markdown`` puts every account in one file;
``markdown_files`` gives one file per account (safe, distinct file names) and an
``index.md``. Pure: works on an interchange ``Document`` and a name → label map.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

from reljournal.core.formats.interchange import DocAccount, DocCommitment, DocEntry, Document
from reljournal.core.model import LABEL_UNDETERMINED, STATE_DONE, STATE_OPEN, text_key

INDEX_NAME: Final = "index.md"
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")
_UNSAFE_FILE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_WINDOWS_RESERVED: Final = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))]
)
MAX_FILE_BYTES: Final = 120


@dataclass(frozen=True)
class MdWords:
    """The words of the Markdown export (English by default; the UI may pass others)."""

    brief: str = "Brief"
    class_: str = "Class"
    your_override: str = "your override"
    computed: str = "computed"
    expect: str = "What they say they expect"
    commitments: str = "Open commitments"
    entries: str = "Entries"
    people: str = "People"
    answers: str = "Answers"
    promises: str = "Commitments"
    me: str = "I"
    them: str = "They"
    overdue: str = "overdue"
    due: str = "due"
    no_date: str = "no date"
    done: str = "done"
    dropped: str = "dropped"
    minutes: str = "min"
    nothing: str = "(nothing yet)"
    team: str = "Team and partners"
    journal: str = "Journal"
    exported: str = "exported"


def md_inline(text: str) -> str:
    """One line of text, with Markdown's special characters escaped."""
    line = _INLINE.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)


def md_block(text: str, prefix: str = "") -> list[str]:
    """Multi-line text as escaped lines; line breaks kept (CommonMark hard breaks)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        lines = [md_inline(line) for line in paragraph.splitlines() if line.strip()]
        out += [
            prefix + line + ("\\" if i < len(lines) - 1 else "") for i, line in enumerate(lines)
        ]
        if index < len(paragraphs) - 1:
            out.append(prefix.rstrip())
    return out


def _when(entry: DocEntry) -> str:
    return entry.date.isoformat() + (f" {entry.time:%H:%M}" if entry.time else "")


def _all_commitments(account: DocAccount) -> list[DocCommitment]:
    return [c for e in account.entries for c in e.commitments] + list(account.commitments)


def open_commitment_lines(account: DocAccount, today: dt.date, w: MdWords) -> list[str]:
    rows = [c for c in _all_commitments(account) if c.state == STATE_OPEN]
    rows.sort(key=lambda c: (c.due is None, c.due or dt.date.max))
    lines = []
    for c in rows:
        who = w.me if c.owner == "me" else w.them
        if c.due is None:
            when = w.no_date
        elif c.due < today:
            when = f"**{w.overdue} {c.due.isoformat()}**"
        else:
            when = f"{w.due} {c.due.isoformat()}"
        lines.append(f"- {when} — {who}: {md_inline(c.text)}")
    return lines


def expectation_lines(account: DocAccount, w: MdWords) -> list[str]:
    """The latest answer to each question, newest first, verbatim."""
    seen: set[str] = set()
    lines: list[str] = []
    for entry in sorted(account.entries, key=lambda e: e.at, reverse=True):
        for answer in entry.answers:
            key = text_key(answer.question)
            if key in seen:
                continue
            seen.add(key)
            lines += md_block(f"“{answer.answer}”", "> ")
            who = f"{md_inline(answer.speaker)}, " if answer.speaker else ""
            lines += [f"> — {who}{entry.date.isoformat()} · *{md_inline(answer.question)}*", ""]
    return lines


def _class_line(account: DocAccount, label: str, w: MdWords) -> str:
    if account.override is not None:
        reason = f": {md_inline(account.override.reason)}" if account.override.reason else ""
        return (
            f"**{w.class_}:** {account.override.label} ({w.your_override}{reason}; "
            f"{w.computed}: {label})"
        )
    return f"**{w.class_}:** {label}"


def _commitment_item(c: DocCommitment, w: MdWords) -> str:
    who = w.me if c.owner == "me" else w.them
    box = {STATE_OPEN: "[ ]", STATE_DONE: "[x]"}.get(c.state, "[-]")
    extra = []
    if c.due:
        extra.append(f"{w.due} {c.due.isoformat()}")
    if c.state == STATE_DONE:
        extra.append(w.done + (f" {c.done.isoformat()}" if c.done else ""))
    elif c.state != STATE_OPEN:
        extra.append(w.dropped)
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"- {box} {who}: {md_inline(c.text)}{tail}"


def entry_lines(entry: DocEntry, w: MdWords, level: int = 3) -> list[str]:
    bits = [_when(entry), entry.kind]
    if entry.minutes:
        bits.append(f"{entry.minutes} {w.minutes}")
    title = f" — {md_inline(entry.title)}" if entry.title else ""
    lines = [f"{'#' * level} {' · '.join(bits)}{title}", ""]
    if entry.people:
        lines += [f"*{w.people}:* {', '.join(md_inline(p) for p in entry.people)}", ""]
    if entry.notes.strip():
        lines += [*md_block(entry.notes), ""]
    if entry.answers:
        lines += [f"**{w.answers}**", ""]
        for a in entry.answers:
            who = f" — {md_inline(a.speaker)}" if a.speaker else ""
            lines.append(f"- *{md_inline(a.question)}* “{md_inline(a.answer)}”{who}")
        lines.append("")
    if entry.commitments:
        lines += [f"**{w.promises}**", ""]
        lines += [_commitment_item(c, w) for c in entry.commitments]
        lines.append("")
    return lines


def account_markdown(
    account: DocAccount, label: str, today: dt.date, w: MdWords | None = None
) -> str:
    """One account's document: brief, then entries in date order."""
    w = w or MdWords()
    out = [f"# {md_inline(account.name)}", ""]
    facts = [md_inline(x) for x in (account.industry, account.website) if x.strip()]
    if facts:
        out += [" · ".join(facts), ""]
    out += [f"## {w.brief}", "", _class_line(account, label or LABEL_UNDETERMINED, w), ""]
    if account.stakeholders:
        people = [
            md_inline(p.name + (f" ({p.title or p.role})" if p.title or p.role else ""))
            for p in account.stakeholders
        ]
        out += [f"**{w.people}:** {', '.join(people)}", ""]
    out += [f"### {w.expect}", "", *(expectation_lines(account, w) or [w.nothing, ""])]
    out += [f"### {w.commitments}", "", *(open_commitment_lines(account, today, w) or [w.nothing])]
    out += ["", f"## {w.entries}", ""]
    for entry in sorted(account.entries, key=lambda e: e.at):
        out += entry_lines(entry, w)
    if not account.entries:
        out += [w.nothing, ""]
    return "\n".join(out).rstrip() + "\n"


def team_markdown(doc: Document, w: MdWords | None = None) -> str:
    w = w or MdWords()
    out = [f"# {w.team}", ""]
    if doc.team:
        out += [f"**{w.people}:** {', '.join(md_inline(p.name) for p in doc.team)}", ""]
    for entry in sorted(doc.team_entries, key=lambda e: e.at):
        out += entry_lines(entry, w, level=2)
    return "\n".join(out).rstrip() + "\n"


def journal_markdown(
    doc: Document, labels: dict[str, str], today: dt.date, w: MdWords | None = None
) -> str:
    """Every account (and the team's entries) in one document."""
    w = w or MdWords()
    parts = [account_markdown(a, labels.get(a.name, ""), today, w) for a in doc.accounts]
    if doc.team_entries:
        parts.append(team_markdown(doc, w))
    return "\n---\n\n".join(parts) if parts else f"# {w.journal}\n\n{w.nothing}\n"


def safe_filename(name: str, taken: set[str], suffix: str = ".md") -> str:
    """A file name for ``name`` that works on Windows, macOS and Linux and differs
    (case aside) from every name in ``taken``; the name is added to ``taken``."""
    stem = _UNSAFE_FILE.sub("-", unicodedata.normalize("NFC", name))
    stem = " ".join(stem.split()).strip(" .-") or "account"
    while len(stem.encode("utf-8")) > MAX_FILE_BYTES:
        stem = stem[:-1].rstrip(" .")
    if stem.split(".")[0].casefold() in _WINDOWS_RESERVED:
        stem += "_"
    candidate, n = stem + suffix, 2
    while candidate.casefold() in taken:
        candidate, n = f"{stem} ({n}){suffix}", n + 1
    taken.add(candidate.casefold())
    return candidate


def markdown_files(
    doc: Document, labels: dict[str, str], today: dt.date, w: MdWords | None = None
) -> dict[str, str]:
    """File name → Markdown: one file per account, the team's entries, and an index."""
    w = w or MdWords()
    taken = {INDEX_NAME}
    files: dict[str, str] = {}
    index = [f"# {w.journal}", "", f"*{w.exported} {today.isoformat()}*", ""]
    for account in doc.accounts:
        name = safe_filename(account.name, taken)
        files[name] = account_markdown(account, labels.get(account.name, ""), today, w)
        label = labels.get(account.name) or LABEL_UNDETERMINED
        index.append(f"- [{md_inline(account.name)}]({quote(name)}) — {label}")
    if doc.team_entries:
        name = safe_filename(w.team, taken)
        files[name] = team_markdown(doc, w)
        index.append(f"- [{md_inline(w.team)}]({quote(name)})")
    files[INDEX_NAME] = "\n".join(index) + "\n"
    return files
