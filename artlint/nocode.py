"""No-code rules: phrase and pattern rules declared in ``[[tool.artlint.custom-rules]]``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from artlint.rules import Rule


def build_rules(tables: Sequence[dict[str, Any]], root: Path, origin: str) -> list[Rule]:
    """Validate each table and turn it into a Rule; raise ConfigError naming origin and key."""
    return []
