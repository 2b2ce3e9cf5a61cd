"""A recovery key with a typo in one group that its check character catches."""

from __future__ import annotations

from reljournal.store.keys import MistypedRecoveryKeyError, normalize_recovery_key

_LETTERS = "QRSTUVWXYZ234567ABCDEFGHJKMNP"


def mistyped(recovery_key: str, group: int, position: int = 1) -> str:
    """``recovery_key`` with one character of its ``group`` (0-based) changed so that the
    group's check character no longer fits: a check character misses one typo in 32, so
    the replacement is chosen rather than fixed (a fixed one made tests fail by chance)."""
    groups = recovery_key.split("-")
    text = groups[group]
    for letter in _LETTERS:
        if letter == text[position]:
            continue
        groups[group] = text[:position] + letter + text[position + 1 :]
        candidate = "-".join(groups)
        try:
            normalize_recovery_key(candidate)
        except MistypedRecoveryKeyError:
            return candidate
    raise AssertionError("no typo the check character catches")  # pragma: no cover
