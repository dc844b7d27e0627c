"""JSON reports: one array of violation objects (``json``) or one object per line (``json-lines``).

Each object is :class:`~artlint.models.Violation` as data: at least ``code``, ``name``,
``message``, ``severity``, ``path``, ``line``, ``column``, ``end_line``, ``end_column``,
``record``, ``field`` and ``fix``. Fields are only ever added, never renamed or removed.
"""

from __future__ import annotations

from artlint.models import Violation
from artlint.reporters._common import dumps
from artlint.reporters.base import ReportContext, RunSummary

_FIELDS = tuple(Violation.model_fields)


def violation_dict(violation: Violation) -> dict[str, object]:
    """``violation.model_dump(mode="json")``, built from its values at once: called for every
    violation of a report, in the parent process of a -j run, where the generic walk over
    the fields was most of the parent's work."""
    data: dict[str, object] = dict(zip(_FIELDS, violation.pack(), strict=True))
    if violation.fix is not None:
        data["fix"] = violation.fix.model_dump(mode="json")
    return data


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
