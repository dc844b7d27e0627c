"""Bounded memos for judgements that depend on a line's text alone.

Sites print the same menus, footers and widgets on every page, so most short lines of a dataset
were seen before: remembering a verdict by the text saves the pattern work, and clearing the
memo when it grows keeps memory bounded on a stream of millions of articles.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

#: entries a memo may hold before it is cleared (a few MB of short lines)
MEMO_MAX = 65536

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


def remembered(memo: dict[_K, _V], key: _K, judge: Callable[..., _V], *args: Any) -> _V:
    """``memo[key]``, computed as ``judge(*args)`` and stored the first time the key is seen."""
    if key in memo:
        return memo[key]
    value = judge(*args)
    if len(memo) >= MEMO_MAX:
        memo.clear()
    memo[key] = value
    return value
