"""The 'not decided' phrases are matched through one trie-shaped pattern (issue 15): it must
find exactly what the plain alternation of the phrases, longest first, finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reljournal.core.classify.cues import _trie_pattern

_WORDS = st.text(alphabet="ab '", min_size=1, max_size=6).map(str.strip).filter(bool)


def _plain(words: set[str]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ordered) + r")(?!\w)")


@settings(max_examples=300, deadline=None)
@given(st.sets(_WORDS, min_size=1, max_size=8), st.text(alphabet="ab '.", max_size=40))
def test_the_trie_pattern_finds_what_the_alternation_finds(words: set[str], text: str) -> None:
    trie = re.compile(r"(?<!\w)(?:" + _trie_pattern(words) + r")(?!\w)")
    assert [m.span() for m in trie.finditer(text)] == [
        m.span() for m in _plain(words).finditer(text)
    ]


def test_a_phrase_and_a_longer_one_that_begins_with_it() -> None:
    trie = re.compile(r"(?<!\w)(?:" + _trie_pattern({"not sure", "not sure yet"}) + r")(?!\w)")
    assert trie.search("i'm not sure yet, sorry").group(0) == "not sure yet"
    assert trie.search("i'm not sure, sorry").group(0) == "not sure"
    assert trie.search("i'm not surely") is None
