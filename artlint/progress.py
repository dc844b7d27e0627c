"""A one-line progress display on stderr for long runs at a terminal (stdlib only).

It shows nothing for the first second, so a pre-commit run of a few files never flickers, and
redraws at most a few times a second, so it costs nothing measurable. Whether it is shown at
all is :func:`wanted`: never in CI, never with ``--quiet``, never when stderr is not a terminal,
never with the CI report formats, and never when a machine-readable report is being written to
that same terminal (the line would land in the middle of the JSON).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Mapping
from typing import TextIO

#: formats made for CI systems: a run that writes them is not watched by a person
CI_FORMATS = frozenset({"github", "gitlab", "sarif", "junit"})
#: formats written line by line for a person: the progress line is cleared before each line
HUMAN_FORMATS = frozenset({"text", "concise", "full", "auto"})
#: environment variables that mean "running in CI" (set by GitHub, GitLab, Travis, Azure, ...)
CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL")

DELAY_SECONDS = 1.0
REFRESH_SECONDS = 0.2


def wanted(
    *,
    quiet: bool,
    format_name: str,
    report_to_terminal: bool,
    stderr_is_terminal: bool,
    environ: Mapping[str, str] = os.environ,
) -> bool:
    """Whether a run should show progress on stderr.

    ``report_to_terminal``: the report goes to stdout and stdout is a terminal (not ``-o FILE``,
    not a pipe).
    """
    if quiet or not stderr_is_terminal:
        return False
    if any(environ.get(name, "").lower() not in ("", "0", "false") for name in CI_VARIABLES):
        return False
    if environ.get("TERM") == "dumb":
        return False
    if format_name in CI_FORMATS:
        return False
    # JSON and other machine formats are fine when redirected; on the terminal, a progress line
    # would be drawn into a half-written object
    return format_name in HUMAN_FORMATS or not report_to_terminal


class Progress:
    """Counts files, articles and violations; draws ``artlint: ...`` on one stderr line."""

    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        import sys

        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.files = 0
        self.articles = 0
        self.violations = 0
        self.started = time.monotonic()
        self.next_draw = self.started + DELAY_SECONDS
        self.shown = False

    def update(self, files: int, articles: int, violations: int) -> None:
        """New totals; draws when the delay and the refresh interval have passed."""
        if not self.enabled:
            return
        self.files, self.articles, self.violations = files, articles, violations
        now = time.monotonic()
        if now < self.next_draw:
            return
        self.next_draw = now + REFRESH_SECONDS
        self._draw(self.line(now - self.started))

    def line(self, elapsed: float) -> str:
        rate = self.articles / elapsed if elapsed > 0 else 0.0
        return (
            f"artlint: {self.files:,} files, {self.articles:,} articles, "
            f"{self.violations:,} violations, {_duration(elapsed)} ({rate:,.0f} articles/s)"
        )

    def _draw(self, text: str) -> None:
        width = shutil.get_terminal_size((80, 24)).columns - 1
        if len(text) > width:
            text = text[: max(0, width - 1)] + "…"
        self.stream.write("\r\033[K" + text)
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        """Remove the line (before a report line is printed, and at the end)."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
