"""Phrase lists and other rule data, read from ``rules/data``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable  # Python 3.11+


@cache
def data_folder() -> Path | Traversable:
    """The ``data`` folder beside this module: a plain folder when the package is one (any pip
    install), else what importlib.resources finds (a zip file on ``sys.path``), whose import
    and readers cost 1-2 ms of every run."""
    here = Path(__file__).parent / "data"
    if here.is_dir():
        return here
    from importlib.resources import files

    return files("artlint_rules").joinpath("data")


@cache
def phrase_list(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``data/<name>.txt`` (UTF-8; ``#`` starts a comment)."""
    text = data_folder().joinpath(f"{name}.txt").read_text(encoding="utf-8")
    items = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            items.append(line)
    return tuple(items)
