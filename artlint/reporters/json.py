"""JSON reports: one array of violation objects (``json``) or one object per line (``json-lines``).

Each object is :class:`~artlint.models.Violation` as data: at least ``code``, ``name``,
``message``, ``severity``, ``path``, ``line``, ``column``, ``end_line``, ``end_column``,
``record``, ``field`` and ``fix``. Fields are only ever added, never renamed or removed.
"""

from __future__ import annotations

from artlint.models import Violation
from artlint.reporters._common import dumps
from artlint.reporters.base import ReportContext, RunSummary


def violation_dict(violation: Violation) -> dict[str, object]:
    return violation.model_dump(mode="json")


class JsonReporter:
    def __init__(self, context: ReportContext) -> None:
        self.context = context
        self.first = True

    def start(self) -> None:
        self.context.stream.write("[")

    def report(self, violation: Violation) -> None:
        separator = "\n  " if self.first else ",\n  "
        self.first = False
        self.context.stream.write(separator + dumps(violation_dict(violation)))

    def finish(self, summary: RunSummary) -> None:
        self.context.stream.write("]\n" if self.first else "\n]\n")


class JsonLinesReporter:
    """One JSON object per line, written as violations arrive: streams and greps well."""

    def __init__(self, context: ReportContext) -> None:
        self.context = context

    def start(self) -> None:
        pass

    def report(self, violation: Violation) -> None:
        self.context.stream.write(dumps(violation_dict(violation)) + "\n")

    def finish(self, summary: RunSummary) -> None:
        pass
