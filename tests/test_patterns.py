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
