"""A JSON array of violation objects: the stable machine-readable contract."""

from __future__ import annotations

import json

from artlint.models import Violation
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
        self.context.stream.write(separator + json.dumps(violation_dict(violation),
                                                         ensure_ascii=False))

    def finish(self, summary: RunSummary) -> None:
        self.context.stream.write("]\n" if self.first else "\n]\n")
