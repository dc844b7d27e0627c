"""Regular expressions that can never hang a run: every match call carries a timeout.

Rules compile their patterns with :func:`compile` (the ``regex`` module underneath). A match that
runs past the configured timeout raises :class:`PatternTimeout`; the engine reports it against the
rule and the article and carries on with the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import regex

from artlint.pattern_cache import compile_regex

#: seconds; set from the ``regex-timeout`` setting by the engine
_timeout: float = 1.0


class PatternTimeout(Exception):
    """A pattern took longer than the configured timeout on some input."""


def set_timeout(seconds: float) -> None:
    global _timeout
    _timeout = seconds


class TimedPattern:
    """A compiled ``regex`` pattern whose every match call is bounded by the timeout.

    With ``lazy=True`` the pattern is compiled on first use: ``regex`` compiles in Python and a
    rule pack with a hundred large phrase patterns (the AD templates) spent a quarter of a
    second compiling patterns most runs never try. Syntax errors then surface on first use,
    so only patterns built from vetted data should be lazy.
    """

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, pattern: str, flags: int = 0, lazy: bool = False) -> None:
        self._source = pattern
        self._flags = flags
        self._compiled: Any = None if lazy else compile_regex(pattern, flags)

    @property
    def pattern(self) -> Any:
        """The compiled ``regex`` pattern (compiled now if it was lazy)."""
        if self._compiled is None:
            self._compiled = compile_regex(self._source, self._flags)
        return self._compiled

    def _timed_out(self, error: TimeoutError) -> PatternTimeout:
        return PatternTimeout(f"pattern {self._source[:60]!r} timed out")

    # Each method calls the compiled pattern directly (no shared helper): these are called
    # once per line of every article, and an extra Python call per match was measurable.

    def search(self, text: str, pos: int = 0) -> Any:
        try:
            return self.pattern.search(text, pos, timeout=_timeout)
        except TimeoutError as error:
            raise self._timed_out(error) from error

    def match(self, text: str, pos: int = 0) -> Any:
        try:
            return self.pattern.match(text, pos, timeout=_timeout)
        except TimeoutError as error:
            raise self._timed_out(error) from error

    def fullmatch(self, text: str) -> Any:
        try:
            return self.pattern.fullmatch(text, timeout=_timeout)
        except TimeoutError as error:
            raise self._timed_out(error) from error

    def finditer(self, text: str) -> Iterator[Any]:
        # Materialised inside the guard so that the timeout covers the whole scan.
        try:
            return iter(list(self.pattern.finditer(text, timeout=_timeout)))
        except TimeoutError as error:
            raise self._timed_out(error) from error

    def sub(self, replacement: str | Callable[[Any], str], text: str) -> str:
        try:
            return str(self.pattern.sub(replacement, text, timeout=_timeout))
        except TimeoutError as error:
            raise self._timed_out(error) from error


def longest_first(text: str) -> tuple[int, str]:
    """Sort key for the branches of an alternation: longer first, so that no branch shadows a
    longer one it begins; ties in text order, so that the pattern reads the same in every
    process (the order of a set does not), which the compiled-pattern store relies on."""
    return (-len(text), text)


def literal_trie(words: Iterable[str]) -> str:
    """Pattern source that matches any of ``words`` literally, shaped as a trie.

    A flat alternation (``april|august|...``) makes either engine try every word at every
    position it scans; the trie tries one branch per next character, several times faster for
    a long list. At a position it prefers the longest word, as a flat alternation sorted
    longest-first does, so swapping one for the other finds the same matches; under IGNORECASE
    that holds when no two words are equal once case-folded (give the words lower-cased).
    No words give a pattern that matches nothing.
    """
    words = list(words)
    if not words:
        return "(?!)"
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def compile(  # noqa: A001 - mirrors re.compile
    pattern: str, flags: int = 0, *, lazy: bool = False
) -> TimedPattern:
    return TimedPattern(pattern, flags, lazy)


IGNORECASE = regex.IGNORECASE
MULTILINE = regex.MULTILINE
VERBOSE = regex.VERBOSE
UNICODE = regex.UNICODE
