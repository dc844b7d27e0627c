"""Phrase lists and other rule data, read from ``rules/data`` with importlib.resources."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def phrase_list(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``data/<name>.txt`` (UTF-8; ``#`` starts a comment)."""
    text = (
        files("artlint_rules").joinpath("data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    )
    items = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            items.append(line)
    return tuple(items)
