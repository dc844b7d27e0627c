"""The one-line-per-violation form: ``path:line:col: CODE message``."""

from __future__ import annotations

from artlint.models import Violation
from artlint.reporters._common import one_line
from artlint.reporters.base import ReportContext, RunSummary

_BOLD = "\033[1m"
_RED = "\033[31m"
_CYAN = "\033[36m"
_RESET = "\033[0m"


class TextReporter:
    def __init__(self, context: ReportContext) -> None:
        self.context = context

    def start(self) -> None:
        pass

    def report(self, violation: Violation) -> None:
        where = f"{violation.path}:{violation.line}:{violation.column}:"
        code = violation.code
        if self.context.color:
            where = f"{_BOLD}{where}{_RESET}"
            code = f"{_RED}{code}{_RESET}"
        self.context.stream.write(f"{where} {code} {one_line(violation.message)}\n")

    def finish(self, summary: RunSummary) -> None:
        if summary.violations and not self.context.quiet:
            noun = "violation" if summary.violations == 1 else "violations"
            line = (
                f"Found {summary.violations} {noun} in {summary.files} "
                f"file{'s' if summary.files != 1 else ''}."
            )
            if self.context.color:
                line = f"{_CYAN}{line}{_RESET}"
            self.context.stream.write(line + "\n")
