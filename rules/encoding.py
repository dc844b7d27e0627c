"""Rule pack: encoding."""

from __future__ import annotations

from artlint import hookimpl
from artlint.rules import Rule


@hookimpl
def artlint_rules() -> list[Rule]:
    return []
