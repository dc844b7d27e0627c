"""Regular expressions that can never hang a run: every match call carries a timeout.

Rules compile their patterns with :func:`compile` (the ``regex`` module underneath). A match that
runs past the configured timeout raises :class:`PatternTimeout`; the engine reports it against the
rule and the article and carries on with the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import regex

#: seconds; set from the ``regex-timeout`` setting by the engine
_timeout: float = 1.0


class PatternTimeout(Exception):
    """A pattern took longer than the configured timeout on some input."""


def set_timeout(seconds: float) -> None:
    global _timeout
    _timeout = seconds


class TimedPattern:
    """A compiled ``regex`` pattern whose every match call is bounded by the timeout."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = regex.compile(pattern, flags)

    def _run(self, method: Callable[..., Any], *args: Any) -> Any:
        try:
            return method(*args, timeout=_timeout)
        except TimeoutError as error:
            raise PatternTimeout(f"pattern {self.pattern.pattern[:60]!r} timed out") from error

    def search(self, text: str, pos: int = 0) -> Any:
        return self._run(self.pattern.search, text, pos)

    def match(self, text: str, pos: int = 0) -> Any:
        return self._run(self.pattern.match, text, pos)

    def fullmatch(self, text: str) -> Any:
        return self._run(self.pattern.fullmatch, text)

    def finditer(self, text: str) -> Iterator[Any]:
        # Materialised inside the guard so that the timeout covers the whole scan.
        try:
            return iter(list(self.pattern.finditer(text, timeout=_timeout)))
        except TimeoutError as error:
            raise PatternTimeout(f"pattern {self.pattern.pattern[:60]!r} timed out") from error

    def sub(self, replacement: str | Callable[[Any], str], text: str) -> str:
        return str(self._run(self.pattern.sub, replacement, text))


def compile(pattern: str, flags: int = 0) -> TimedPattern:  # noqa: A001 - mirrors re.compile
    return TimedPattern(pattern, flags)


IGNORECASE = regex.IGNORECASE
MULTILINE = regex.MULTILINE
VERBOSE = regex.VERBOSE
UNICODE = regex.UNICODE
