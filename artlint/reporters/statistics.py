"""``--statistics``: how many violations of each code, with the rule's name and fixability.

Two ways in: :func:`render` works from counts alone (``RunSummary.by_code``), and
:class:`StatisticsReporter` is a reporter that also counts the violations that carry a fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from artlint.models import Violation
from artlint.reporters._common import dumps, rule_meta
from artlint.reporters.base import ReportContext, RunSummary

if TYPE_CHECKING:
    from artlint.plugins import Registry

FORMATS = ("text", "json")


def rows(
    counts: Mapping[str, int],
    registry: Registry,
    fixable_counts: Mapping[str, int] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[dict[str, object]]:
    """One row per code, most frequent first (ties by code).

    ``fix`` is what the rule can do (``safe``, ``unsafe`` or ``none``); ``fixable_count`` is how
    many of these violations carry a fix (``None`` when only counts were given).
    """
    table: list[dict[str, object]] = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        meta = rule_meta(registry, code, (names or {}).get(code, ""))
        fixable_count = None if fixable_counts is None else fixable_counts.get(code, 0)
        fixable = meta.fix != "none" if fixable_count is None else fixable_count > 0
        table.append(
            {
                "code": code,
                "name": meta.name,
                "count": count,
                "fixable": fixable,
                "fixable_count": fixable_count,
                "fix": meta.fix,
            }
        )
    return table


def render(
    counts: Mapping[str, int],
    registry: Registry,
    fmt: str = "text",
    fixable_counts: Mapping[str, int] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """The statistics as text (aligned columns, ``[*]`` marks fixable codes) or a JSON array."""
    if fmt not in FORMATS:
        raise ValueError(f"statistics format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    table = rows(counts, registry, fixable_counts, names)
    if fmt == "json":
        return dumps(table, indent=2) + "\n"
    if not table:
        return ""
    width = max(len(str(row["count"])) for row in table)
    lines = []
    for row in table:
        marker = "[*]" if row["fixable"] else "   "
        lines.append(f"{row['count']:>{width}}  {row['code']}  {marker} {row['name']}")
    total = sum(counts.values())
    lines.append(f"{total:>{width}}  total")
    return "\n".join(lines) + "\n"


class StatisticsReporter:
    """Prints only the statistics; the format is ``context.options['statistics_format']``."""

    def __init__(self, context: ReportContext, fmt: str | None = None) -> None:
        self.context = context
        self.fmt = fmt or context.options.get("statistics_format", "text")
        if self.fmt not in FORMATS:
            raise ValueError(f"statistics format must be one of {', '.join(FORMATS)}")
        self.counts: dict[str, int] = {}
        self.fixable: dict[str, int] = {}
        self.names: dict[str, str] = {}

    def start(self) -> None:
        pass

    def report(self, violation: Violation) -> None:
        code = violation.code
        self.counts[code] = self.counts.get(code, 0) + 1
        self.fixable[code] = self.fixable.get(code, 0) + (violation.fix is not None)
        self.names.setdefault(code, violation.name)

    def finish(self, summary: RunSummary) -> None:
        self.context.stream.write(
            render(self.counts, self.context.registry, self.fmt, self.fixable, self.names)
        )
