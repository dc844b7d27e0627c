"""Built-in output formats, registered as a plugin through the ``artlint`` entry-point group."""

from __future__ import annotations

from artlint._hookimpl import hookimpl
from artlint.reporters.base import ReporterSpec
from artlint.reporters.json import JsonReporter
from artlint.reporters.text import TextReporter


@hookimpl
def artlint_reporters() -> list[ReporterSpec]:
    return [
        ReporterSpec("text", TextReporter, "path:line:col: CODE message, one per line"),
        ReporterSpec("concise", TextReporter, "same as text"),
        ReporterSpec("json", JsonReporter, "a JSON array of violation objects"),
    ]
