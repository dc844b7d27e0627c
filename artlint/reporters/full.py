"""The human form: the offending source line with the span underlined, the rule, a hint, the fix.

::

    article.txt:33:1: AD001 [*] newsletter prompt left in the article
       |
    33 | Join the mailing list for daily news
       | ^^^^^^^^^^^^^^^^^^^^^ AD001
       |
       = rule: newsletter-prompt (warning)
       = hint: Newsletter or mailing-list prompt in the article text
       = fix (safe): delete the line
       - Join the mailing list for daily news
       +

Columns are code points; the underline is placed by display width, so wide (CJK) characters
and tabs keep it aligned. Very long lines (a JSON record is one line) are cut to a window
around the span.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from artlint.models import Fix, Violation
from artlint.reporters._common import meta_for, one_line, plural, visible
from artlint.reporters.base import ReportContext, RunSummary
from artlint.reporters.source import SourceCache

MAX_WIDTH = 120
LEFT_CONTEXT = 30
TAB_WIDTH = 4
ELLIPSIS = "…"

_BOLD = "\033[1m"
_RED = "\033[31m"
_BLUE = "\033[34m"
_CYAN = "\033[36m"
_GREEN = "\033[32m"
_RESET = "\033[0m"


@functools.lru_cache(maxsize=4096)
def _cell(char: str) -> tuple[str, int]:
    """How one code point is shown and how many terminal cells it takes."""
    if char == "\t":
        return " " * TAB_WIDTH, TAB_WIDTH
    shown = visible(char)
    if unicodedata.combining(shown) or unicodedata.category(shown) in ("Mn", "Me", "Cf"):
        return shown, 0
    return shown, 2 if unicodedata.east_asian_width(shown) in ("W", "F") else 1


@dataclass(frozen=True)
class Snippet:
    text: str
    #: cells before the underline and its length in cells (at least 1)
    pad: int
    carets: int


def snippet(line: str, start: int, end: int, width: int = MAX_WIDTH) -> Snippet:
    """Render ``line`` with the 0-based code-point span ``[start, end)`` located in cells.

    Only the shown window is measured: a JSON record is one line of maybe megabytes, and a
    report may point into it many times.
    """
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    fits = len(line) <= 2 * width and sum(_cell(char)[1] for char in line) <= width
    first = 0
    if not fits:
        first = start
        used = 0
        while first > 0 and used + _cell(line[first - 1])[1] <= LEFT_CONTEXT:
            first -= 1
            used += _cell(line[first])[1]
    last = first
    used = 0
    limit = width if first == 0 else width - 1
    while last < len(line) and used + _cell(line[last])[1] <= limit:
        used += _cell(line[last])[1]
        last += 1
    # A span near the end of the line gets the unused width as left context.
    while last == len(line) and first > 0 and used + _cell(line[first - 1])[1] <= limit:
        first -= 1
        used += _cell(line[first])[1]
    cells = [_cell(char) for char in line[first:last]]
    prefix = ELLIPSIS if first > 0 else ""
    suffix = ELLIPSIS if last < len(line) else ""
    text = prefix + "".join(shown for shown, _ in cells) + suffix
    pad = len(prefix) + sum(w for _, w in cells[: start - first])
    carets = sum(w for _, w in cells[start - first : min(end, last) - first])
    return Snippet(text, pad, max(1, carets))


def fix_preview(fix: Fix, line: str | None, start: int, end: int) -> tuple[str, str] | None:
    """The line before and after the fix, when the fix visibly covers the violation's span.

    A violation carries its fix in field offsets, not file positions, so the preview is shown
    only when the fix has exactly the span's length (it replaces the span) or the span plus its
    line break (it deletes the line); otherwise the caller describes the fix in words.
    """
    if line is None:
        return None
    length = fix.end - fix.start
    if length == end - start and end <= len(line):
        return line, line[:start] + fix.replacement + line[end:]
    if fix.replacement == "" and start == 0 and end == len(line) and length == end + 1:
        return line, ""
    return None


def describe_fix(fix: Fix) -> str:
    if fix.description:
        return fix.description
    count = plural(fix.end - fix.start, "character")
    if not fix.replacement:
        return f"delete {count}"
    shown = visible(fix.replacement)
    if len(shown) > 60:
        shown = shown[:59] + ELLIPSIS
    return f"replace {count} with {shown!r}"


class FullReporter:
    def __init__(self, context: ReportContext) -> None:
        self.context = context
        self.sources = SourceCache(context.sources)
        self.count = 0
        self.fixable = 0

    def start(self) -> None:
        pass

    def _paint(self, text: str, *styles: str) -> str:
        if not self.context.color or not text:
            return text
        return "".join(styles) + text + _RESET

    def report(self, violation: Violation) -> None:
        self.count += 1
        write = self.context.stream.write
        if self.count > 1:
            write("\n")
        marker = ""
        if violation.fix is not None:
            self.fixable += 1
            marker = " [*]"
        where = self._paint(f"{violation.path}:{violation.line}:{violation.column}:", _BOLD)
        code = self._paint(violation.code, _BOLD, _RED)
        write(f"{where} {code}{marker} {one_line(violation.message)}\n")
        line = self.sources.line(violation.path, violation.line)
        gutter_width = len(str(violation.line))
        bar = self._paint(" " * gutter_width + " |", _BLUE)
        if line is not None:
            write(self._source_lines(violation, line, gutter_width, bar))
        self._notes(violation, line, gutter_width)

    def _span(self, violation: Violation, line: str) -> tuple[int, int, int | None]:
        """0-based start and end on the first line, and the last line if the span goes on."""
        start = violation.column - 1
        continues_to: int | None = None
        if violation.end_line == violation.line:
            end = violation.end_column - 1
        else:
            end = len(line)
            ends_at_break = violation.end_line == violation.line + 1 and violation.end_column == 1
            continues_to = None if ends_at_break else violation.end_line
        return start, end, continues_to

    def _source_lines(self, violation: Violation, line: str, gutter_width: int, bar: str) -> str:
        start, end, continues_to = self._span(violation, line)
        shown = snippet(line, start, end)
        number = self._paint(f"{violation.line} |", _BLUE)
        underline = self._paint("^" * shown.carets, _BOLD, _RED)
        out = [
            bar,
            f"{number} {shown.text}".rstrip(),
            f"{bar} {' ' * shown.pad}{underline} {self._paint(violation.code, _RED)}",
        ]
        if continues_to is not None:
            out.append(f"{bar} {ELLIPSIS} the span goes on to line {continues_to}")
        out.append(bar)
        return "".join(item + "\n" for item in out)

    def _notes(self, violation: Violation, line: str | None, gutter_width: int) -> None:
        write = self.context.stream.write
        meta = meta_for(self.context.registry, violation)
        lead = " " * gutter_width + " = "
        write(f"{lead}rule: {meta.name} ({violation.severity})\n")
        if meta.summary:
            write(f"{lead}hint: {visible(meta.summary)}\n")
        fix = violation.fix
        if fix is None:
            return
        write(f"{lead}fix ({fix.applicability}): {describe_fix(fix)}\n")
        start, end, continues_to = self._span(violation, line) if line is not None else (0, 0, None)
        preview = None if continues_to is not None else fix_preview(fix, line, start, end)
        if preview is not None:
            before, after = preview
            indent = " " * (gutter_width + 1)
            write(
                self._paint(f"{indent}- {snippet(before, start, end).text}", _RED).rstrip() + "\n"
            )
            after_end = start + len(fix.replacement)
            write(
                self._paint(f"{indent}+ {snippet(after, start, after_end).text}", _GREEN).rstrip()
                + "\n"
            )

    def finish(self, summary: RunSummary) -> None:
        if not summary.violations or self.context.quiet:
            return
        fixable = f" ({self.fixable} fixable)" if self.fixable else ""
        line = (
            f"\nFound {plural(summary.violations, 'violation')} in "
            f"{plural(summary.files, 'file')}{fixable}."
        )
        self.context.stream.write(self._paint(line, _CYAN) + "\n")
