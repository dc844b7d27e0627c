"""JUnit XML, for CI test-report views (GitLab, Jenkins, Azure, ...).

One test suite; one test case per violation, because most viewers show only the first failure
of a test case. A rule finding is a ``failure``; artlint's own AL001/AL002 (a file or rule that
could not be checked) is an ``error``. A clean run has one passing case, since some viewers
treat an empty report as missing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from artlint.models import Violation
from artlint.reporters._common import meta_for, report_path, visible
from artlint.reporters.base import ReportContext, RunSummary

_ERROR_CODES = frozenset({"AL001", "AL002"})


class JunitReporter:
    def __init__(self, context: ReportContext) -> None:
        self.context = context
        self.cases: list[ET.Element] = []
        self.failures = 0
        self.errors = 0

    def start(self) -> None:
        pass

    def report(self, violation: Violation) -> None:
        path = visible(report_path(violation.path, self.context.root))
        where = f"{path}:{violation.line}:{violation.column}"
        case = ET.Element(
            "testcase",
            {
                "name": f"{violation.code} {violation.name} at {where}",
                "classname": path,
                "file": path,
                "line": str(violation.line),
                "time": "0",
            },
        )
        is_error = violation.code in _ERROR_CODES
        self.errors += is_error
        self.failures += not is_error
        outcome = ET.SubElement(
            case,
            "error" if is_error else "failure",
            {"message": visible(f"{violation.code} {violation.message}"), "type": violation.code},
        )
        meta = meta_for(self.context.registry, violation)
        details = [
            f"{where}: {violation.code} {violation.message}",
            f"rule: {meta.name} ({violation.severity})",
        ]
        if meta.summary:
            details.append(f"hint: {meta.summary}")
        outcome.text = visible("\n".join(details))
        self.cases.append(case)

    def finish(self, summary: RunSummary) -> None:
        cases = self.cases or [
            ET.Element("testcase", {"name": "artlint check", "classname": "artlint", "time": "0"})
        ]
        counts = {
            "tests": str(len(cases)),
            "failures": str(self.failures),
            "errors": str(self.errors),
            "skipped": "0",
            "time": "0",
        }
        root = ET.Element("testsuites", {"name": "artlint", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "artlint", **counts})
        suite.extend(cases)
        ET.indent(root)
        self.context.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.context.stream.write(ET.tostring(root, encoding="unicode") + "\n")
