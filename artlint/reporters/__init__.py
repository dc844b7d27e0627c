"""Built-in output formats, registered as a plugin through the ``artlint`` entry-point group.

Each format's module is imported only when a run makes its reporter: a run uses one format, and
importing all of them (XML for junit, source-line rendering for full, ...) would cost every
pre-commit run ~10 ms of start-up for nothing.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable

from artlint._hookimpl import hookimpl
from artlint.reporters.base import ReportContext, Reporter, ReporterSpec


def _lazy(module: str, name: str) -> Callable[[ReportContext], Reporter]:
    """A factory that imports ``artlint.reporters.<module>`` on first use."""

    def make(context: ReportContext) -> Reporter:
        factory: Callable[[ReportContext], Reporter] = getattr(
            importlib.import_module(f"artlint.reporters.{module}"), name
        )
        return factory(context)

    make.__name__ = name
    make.__qualname__ = name
    return make


def text_reporter(context: ReportContext) -> Reporter:
    """The one-line form, or the full form when the caller asked for source lines."""
    if context.show_source:
        from artlint.reporters.full import FullReporter

        return FullReporter(context)
    from artlint.reporters.text import TextReporter

    return TextReporter(context)


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
        from artlint.reporters.github import GithubReporter

        return GithubReporter(context)
    if chosen == "full":
        from artlint.reporters.full import FullReporter

        return FullReporter(context)
    from artlint.reporters.text import TextReporter

    return TextReporter(context)


@hookimpl
def artlint_reporters() -> list[ReporterSpec]:
    return [
        ReporterSpec(
            "concise", _lazy("text", "TextReporter"), "path:line:col: CODE message, one per line"
        ),
        ReporterSpec("text", text_reporter, "same as concise (full with show_source)"),
        ReporterSpec(
            "full",
            _lazy("full", "FullReporter"),
            "source line with the span underlined, rule, hint, fix",
        ),
        ReporterSpec("json", _lazy("json", "JsonReporter"), "a JSON array of violation objects"),
        ReporterSpec(
            "json-lines", _lazy("json", "JsonLinesReporter"), "one JSON violation object per line"
        ),
        ReporterSpec(
            "sarif",
            _lazy("sarif", "SarifReporter"),
            "SARIF 2.1.0 (GitHub code scanning and others)",
        ),
        ReporterSpec(
            "github", _lazy("github", "GithubReporter"), "GitHub Actions annotations + job summary"
        ),
        ReporterSpec("gitlab", _lazy("gitlab", "GitlabReporter"), "GitLab Code Quality JSON"),
        ReporterSpec(
            "junit", _lazy("junit", "JunitReporter"), "JUnit XML, one test case per violation"
        ),
        ReporterSpec(
            "auto", auto_reporter, "github in GitHub Actions, full on a terminal, else concise"
        ),
    ]
