"""Raw source lines for reports that show them, read lazily and cached per file."""

from __future__ import annotations

import gzip
import zlib
from collections import OrderedDict
from collections.abc import Mapping

#: violations arrive grouped by file, so only the file in hand (and the one before) is kept
_KEEP_FILES = 2


class SourceCache:
    """Lines of the files violations point at; ``None`` for a file that cannot be read.

    Lines are split on ``\\n`` only, exactly as the readers count lines, so the columns of a
    violation index the returned line in code points. ``texts`` supplies files that are not on
    disk (stdin) or whose disk copy differs from what was linted.
    """

    def __init__(self, texts: Mapping[str, str] | None = None) -> None:
        self.texts = dict(texts or {})
        self._files: OrderedDict[str, list[str] | None] = OrderedDict()

    def line(self, path: str, number: int) -> str | None:
        lines = self.lines(path)
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]

    def lines(self, path: str) -> list[str] | None:
        if path in self._files:
            self._files.move_to_end(path)
            return self._files[path]
        text = self.texts[path] if path in self.texts else _read(path)
        lines = None if text is None else [line.removesuffix("\r") for line in text.split("\n")]
        self._files[path] = lines
        while len(self._files) > _KEEP_FILES:
            self._files.popitem(last=False)
        return lines

    def span_text(
        self, path: str, line: int, column: int, end_line: int, end_column: int
    ) -> str | None:
        """The text a violation covers (lines joined by ``\\n``), or None if unreadable."""
        lines = self.lines(path)
        if lines is None or not 1 <= line <= end_line <= len(lines):
            return None
        if line == end_line:
            return lines[line - 1][column - 1 : end_column - 1]
        parts = [lines[line - 1][column - 1 :]]
        parts.extend(lines[line : end_line - 1])
        parts.append(lines[end_line - 1][: end_column - 1])
        return "\n".join(parts)


def _read(path: str) -> str | None:
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError:
        return None
    return decode_source(data, path)


def decode_source(data: bytes, name: str) -> str | None:
    """The text reports show for raw input bytes (gunzipped when ``name`` ends in ``.gz``).

    The CLI uses it to put stdin into ``ReportContext.sources``; ``None`` for binary data.
    """
    if name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            return None
    if b"\x00" in data[:8192]:
        return None
    return data.decode("utf-8-sig", errors="replace")
