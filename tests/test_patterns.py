"""artlint.patterns: every match call is bounded by the timeout; lazy patterns compile on use."""

from __future__ import annotations

import pytest

from artlint import patterns


def test_methods_match_like_regex() -> None:
    pattern = patterns.compile(r"b(\d)")
    assert pattern.search("ab1").group(1) == "1"
    assert pattern.search("ab1b2", 3).group(1) == "2"
    assert pattern.match("b3") is not None and pattern.match("ab3") is None
    assert pattern.fullmatch("b4") is not None and pattern.fullmatch("b44") is None
    assert [m.group(1) for m in pattern.finditer("b1 b2")] == ["1", "2"]
    assert pattern.sub("x", "ab1b2") == "axx"
    assert pattern.pattern.pattern == r"b(\d)"


def test_lazy_pattern_compiles_on_first_use() -> None:
    lazy = patterns.compile(r"(", lazy=True)  # a syntax error, not noticed yet
    with pytest.raises(Exception, match="missing"):
        lazy.search("x")
    assert patterns.compile(r"a+", lazy=True).fullmatch("aaa") is not None
    with pytest.raises(Exception, match="missing"):
        patterns.compile(r"(")


def test_timeout_raises_pattern_timeout() -> None:
    catastrophic = patterns.compile(r"(?:a|aa)+$", lazy=True)  # exponential backtracking
    before = patterns._timeout
    patterns.set_timeout(0.01)
    try:
        for method in (catastrophic.search, catastrophic.match, catastrophic.fullmatch):
            with pytest.raises(patterns.PatternTimeout):
                method("a" * 60 + "!")
        with pytest.raises(patterns.PatternTimeout):
            catastrophic.finditer("a" * 60 + "!")
        with pytest.raises(patterns.PatternTimeout):
            catastrophic.sub("", "a" * 60 + "!")
    finally:
        patterns.set_timeout(before)


def test_a_literal_trie_finds_what_the_flat_alternation_finds() -> None:
    """Shaped as a trie, a word list matches the same spans as the flat alternation sorted
    longest first, case-sensitive and (for lower-case words) case-insensitive, words that
    begin other words included."""
    import random
    import re

    from artlint.patterns import literal_trie, longest_first

    chooser = random.Random(7)
    alphabet = "abc.-é "
    for _ in range(200):
        words = {
            "".join(chooser.choice(alphabet) for _ in range(chooser.randint(1, 5)))
            for _ in range(chooser.randint(1, 12))
        }
        text = "".join(chooser.choice(alphabet + "ABÉ") for _ in range(80))
        flat = "|".join(re.escape(word) for word in sorted(words, key=longest_first))
        for flags in (0, re.IGNORECASE):
            expected = [m.span() for m in re.finditer(flat, text, flags)]
            found = [m.span() for m in re.finditer(literal_trie(words), text, flags)]
            assert found == expected, (sorted(words), text)
    assert literal_trie(["may", "march", "mar"]) == "ma(?:r(?:ch)?|y)"
    assert re.search(literal_trie([]), "anything") is None  # no words: no match
