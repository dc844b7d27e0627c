"""GitLab Code Quality report (a JSON array of Code Climate issues).

GitLab matches issues between the base and head of a merge request by ``fingerprint``, so the
fingerprint must not move when lines above a problem are added or removed: it hashes the path,
the code and the flagged text (else the whole line, else the message), never the line number.
The same text flagged twice in one file gets an occurrence number, keeping both issues apart.
"""

from __future__ import annotations

import hashlib

from artlint.models import Violation
from artlint.reporters._common import dumps, report_path
from artlint.reporters.base import ReportContext, RunSummary
from artlint.reporters.source import SourceCache

SEVERITIES = {"info": "info", "warning": "minor", "error": "major"}
#: an artlint error means part of the input was not checked at all: worse than any finding
_UNCHECKED_CODES = frozenset({"AL001", "AL002"})


def severity_of(violation: Violation) -> str:
    if violation.code in _UNCHECKED_CODES:
        return "critical"
    return SEVERITIES.get(violation.severity, "minor")


def _normalise(text: str) -> str:
    return " ".join(text.split())


class GitlabReporter:
    def __init__(self, context: ReportContext) -> None:
        self.context = context
        self.sources = SourceCache(context.sources)
        self.seen: dict[str, int] = {}
        self.first = True

    def start(self) -> None:
        self.context.stream.write("[")

    def content_of(self, violation: Violation) -> str:
        """What identifies the problem independently of where it sits in the file."""
        span = self.sources.span_text(
            violation.path,
            violation.line,
            violation.column,
            violation.end_line,
            violation.end_column,
        )
        if span and span.strip():
            return "span:" + _normalise(span)
        line = self.sources.line(violation.path, violation.line)
        if line and line.strip():
            return "line:" + _normalise(line)
        engine_fingerprint = getattr(violation, "fingerprint", None)
        if engine_fingerprint:
            return "engine:" + str(engine_fingerprint)
        return "message:" + _normalise(violation.message)

    def fingerprint(self, violation: Violation, path: str) -> str:
        key = "\0".join((path, violation.code, violation.field or "", self.content_of(violation)))
        occurrence = self.seen.get(key, 0)
        self.seen[key] = occurrence + 1
        if occurrence:
            key += f"\0{occurrence}"
        return hashlib.md5(key.encode("utf-8", "surrogatepass"), usedforsecurity=False).hexdigest()

    def issue(self, violation: Violation) -> dict[str, object]:
        path = report_path(violation.path, self.context.root)
        return {
            "type": "issue",
            "check_name": violation.code,
            "description": f"{violation.code} {violation.name}: {violation.message}",
            "severity": severity_of(violation),
            "fingerprint": self.fingerprint(violation, path),
            "location": {"path": path, "lines": {"begin": violation.line}},
        }

    def report(self, violation: Violation) -> None:
        separator = "\n  " if self.first else ",\n  "
        self.first = False
        self.context.stream.write(separator + dumps(self.issue(violation)))

    def finish(self, summary: RunSummary) -> None:
        self.context.stream.write("]\n" if self.first else "\n]\n")
