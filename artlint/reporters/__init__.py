"""Built-in output formats, registered as a plugin through the ``artlint`` entry-point group."""

from __future__ import annotations

import os

from artlint._hookimpl import hookimpl
from artlint.reporters.base import ReportContext, Reporter, ReporterSpec
from artlint.reporters.full import FullReporter
from artlint.reporters.github import GithubReporter
from artlint.reporters.gitlab import GitlabReporter
from artlint.reporters.json import JsonLinesReporter, JsonReporter
from artlint.reporters.junit import JunitReporter
from artlint.reporters.sarif import SarifReporter
from artlint.reporters.text import TextReporter


def text_reporter(context: ReportContext) -> Reporter:
    """The one-line form, or the full form when the caller asked for source lines."""
    return FullReporter(context) if context.show_source else TextReporter(context)


def auto_format(context: ReportContext) -> str:
    """The format a plain ``artlint check`` should use for this stream.

    GitHub annotations inside GitHub Actions (as yamllint's ``auto`` does), the full form for a
    person at a terminal, and the one-line form for pipes, files and everything else.
    """
    isatty = getattr(context.stream, "isatty", None)
    at_terminal = bool(isatty and isatty())
    if os.environ.get("GITHUB_ACTIONS") == "true" and not at_terminal:
        return "github"
    return "full" if at_terminal else "concise"


def auto_reporter(context: ReportContext) -> Reporter:
    chosen = auto_format(context)
    if chosen == "github":
        return GithubReporter(context)
    return FullReporter(context) if chosen == "full" else TextReporter(context)


@hookimpl
def artlint_reporters() -> list[ReporterSpec]:
    return [
        ReporterSpec("concise", TextReporter, "path:line:col: CODE message, one per line"),
        ReporterSpec("text", text_reporter, "same as concise (full with show_source)"),
        ReporterSpec("full", FullReporter, "source line with the span underlined, rule, hint, fix"),
        ReporterSpec("json", JsonReporter, "a JSON array of violation objects"),
        ReporterSpec("json-lines", JsonLinesReporter, "one JSON violation object per line"),
        ReporterSpec("sarif", SarifReporter, "SARIF 2.1.0 (GitHub code scanning and others)"),
        ReporterSpec("github", GithubReporter, "GitHub Actions annotations + job summary"),
        ReporterSpec("gitlab", GitlabReporter, "GitLab Code Quality JSON"),
        ReporterSpec("junit", JunitReporter, "JUnit XML, one test case per violation"),
        ReporterSpec(
            "auto", auto_reporter, "github in GitHub Actions, full on a terminal, else concise"
        ),
    ]
