"""GitHub Actions workflow commands (annotations) plus a Markdown job summary.

GitHub shows only the first few annotations of a step (10 of each kind), so when
``GITHUB_STEP_SUMMARY`` names a file the reporter also appends a table of counts per rule there:
the job page then shows the whole picture.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from artlint.models import Violation
from artlint.reporters._common import meta_for, plural, report_path, visible
from artlint.reporters.base import ReportContext, RunSummary

SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
MAX_SUMMARY_FILES = 20


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus the ``:`` and ``,`` that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(violation: Violation, path: str) -> str:
    line, end_line = violation.line, violation.end_line
    end_column: int | None = violation.end_column
    if end_line == line + 1 and end_column == 1:
        # The span ends with its line break: it is a one-line span.
        end_line, end_column = line, None
    properties = [("file", path), ("line", str(line)), ("endLine", str(end_line))]
    if end_line == line:
        # GitHub reads columns only on single-line annotations.
        properties.append(("col", str(violation.column)))
        if end_column is not None and end_column > violation.column:
            properties.append(("endColumn", str(end_column)))
    properties.append(("title", f"{violation.code} {violation.name}"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    command = COMMANDS.get(violation.severity, "warning")
    # visible(): terminal escapes and other controls never reach the runner's log
    return f"::{command} {rendered}::{escape_data(visible(violation.message))}"


@dataclass
class _Tally:
    name: str
    severity: str
    count: int = 0
    fixable: int = 0


@dataclass
class _Totals:
    by_code: dict[str, _Tally] = field(default_factory=dict)
    by_file: dict[str, int] = field(default_factory=dict)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


class GithubReporter:
    def __init__(self, context: ReportContext) -> None:
        self.context = context
        self.totals = _Totals()

    def start(self) -> None:
        pass

    def report(self, violation: Violation) -> None:
        path = report_path(violation.path, self.context.root)
        self.context.stream.write(annotation(violation, path) + "\n")
        tally = self.totals.by_code.get(violation.code)
        if tally is None:
            name = meta_for(self.context.registry, violation).name
            tally = self.totals.by_code[violation.code] = _Tally(name, violation.severity)
        tally.count += 1
        tally.fixable += violation.fix is not None
        self.totals.by_file[path] = self.totals.by_file.get(path, 0) + 1

    def finish(self, summary: RunSummary) -> None:
        target = os.environ.get(SUMMARY_ENV)
        if not target:
            return
        try:
            with open(target, "a", encoding="utf-8") as stream:
                stream.write(self.markdown(summary))
        except OSError as error:
            reason = escape_data(f"artlint could not write the job summary: {error}")
            self.context.stream.write(f"::warning::{reason}\n")

    def markdown(self, summary: RunSummary) -> str:
        total = sum(t.count for t in self.totals.by_code.values())
        lines = ["## artlint", ""]
        if not total:
            lines += [f"No violations in {plural(summary.files, 'file')}.", ""]
            return "\n".join(lines) + "\n"
        fixable = sum(t.fixable for t in self.totals.by_code.values())
        lines += [
            f"{plural(total, 'violation')} in {plural(len(self.totals.by_file), 'file')}"
            f" ({summary.files} checked, {fixable} fixable).",
            "",
            "| Code | Rule | Severity | Count | Fixable |",
            "| --- | --- | --- | ---: | ---: |",
        ]
        ranked = sorted(self.totals.by_code.items(), key=lambda item: (-item[1].count, item[0]))
        for code, tally in ranked:
            lines.append(
                f"| {code} | {_cell(tally.name)} | {tally.severity} | {tally.count} "
                f"| {tally.fixable} |"
            )
        lines += ["", "| File | Violations |", "| --- | ---: |"]
        files = sorted(self.totals.by_file.items(), key=lambda item: (-item[1], item[0]))
        for path, count in files[:MAX_SUMMARY_FILES]:
            shown = _cell(path).replace("`", "'")
            lines.append(f"| `{shown}` | {count} |")
        if len(files) > MAX_SUMMARY_FILES:
            lines.append(f"| ... and {plural(len(files) - MAX_SUMMARY_FILES, 'more file')} | |")
        lines += [
            "",
            "GitHub shows only the first annotations of each step; run "
            "`artlint check --output-format full` locally for every violation.",
            "",
        ]
        return "\n".join(lines) + "\n"
