"""Rule pack: ads."""

from __future__ import annotations

from artlint import hookimpl
from artlint.rule import Rule


@hookimpl
def artlint_rules() -> list[Rule]:
    return []
