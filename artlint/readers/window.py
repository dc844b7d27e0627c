"""A file's decoded text, read a chunk at a time: what lets a JSON array of any size be read
record by record in bounded memory.

A scraper's JSON export (Scrapy's ``-o items.json``, a dump of a crawl) is one array that can
hold gigabytes. Read whole, a 112 MB array took 600 MiB (the bytes, the text and an index of
every line); read through a window, memory holds the record being read and about a chunk of
text around it, whatever the file's size.
"""

from __future__ import annotations

import bisect
import codecs
from typing import BinaryIO

from artlint.readers.base import (
    BINARY_SNIFF_BYTES,
    READ_ERRORS,
    ReadProblem,
    binary_message,
    describe_io_error,
    invalid_utf8_problem,
)

#: bytes read at a time; text a reader has moved past is dropped once this much has piled up
#: (256 KiB: a JSON array then takes no more memory than a JSON Lines file)
CHUNK_BYTES = 1 << 18
_BOM = codecs.BOM_UTF8


class Window:
    """The text of a (decompressed) stream from the reader's current position to as far as has
    been read: ``text[i]`` is the character at offset ``base + i`` of the whole decoded text.

    Offsets a reader passes in and gets back are offsets in ``text``; :meth:`position` turns
    them into the file's line and column. A problem met while reading on (invalid UTF-8, a
    truncated gzip stream) ends the text there; it is kept in ``problem`` for the reader to
    report once it needs the text that is missing.
    """

    def __init__(self, stream: BinaryIO, path: str, chunk_bytes: int | None = None) -> None:
        self.stream = stream
        self.path = path
        self.chunk_bytes = chunk_bytes or CHUNK_BYTES
        self.text = ""
        self.base = 0
        self.eof = False
        self.problem: ReadProblem | None = None
        #: the problem is the stream's own (a read error, corrupt or truncated gzip data)
        self.broken = False
        #: absolute offsets of the starts of the lines still in reach, and the first one's number
        self._starts = [0]
        self._first_line = 1
        #: bytes read but not decoded yet (a character cut by the chunk's end)
        self._pending = b""
        #: for the line and byte column of invalid UTF-8: newlines read, bytes since the last
        self._newlines = 0
        self._since_newline = 0
        self._started = False

    # ---------------------------------------------------------------- reading

    def read_more(self, size: int | None = None) -> bool:
        """Append the next chunk of text; False when there is no more (the end, or a problem)."""
        if self.eof:
            return False
        size = size or self.chunk_bytes
        try:
            if self._started:
                data = self.stream.read(size)
            else:  # the first read holds everything the byte-order mark and NUL tests look at
                data = _read_at_least(self.stream, max(size, BINARY_SNIFF_BYTES))
        except READ_ERRORS as error:
            self.broken = True
            return self._stop(self._problem(describe_io_error(error)))
        if not self._started:
            self._started = True
            if b"\x00" in data[:BINARY_SNIFF_BYTES]:
                return self._stop(self._problem(binary_message(data, "an article")))
            if data.startswith(_BOM):
                self._since_newline = len(_BOM)  # counted in byte columns, not read as text
                data = data[len(_BOM) :]
        final = not data
        data = self._pending + data
        try:
            added, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError as error:
            added, used = codecs.utf_8_decode(data[: error.start], "strict", True)
            self._append(added, data[:used])
            return self._stop(self._broken_stream() or self._invalid(data, error.start)) or bool(
                added
            )
        self._pending = data[used:]
        if final:
            self.eof = True
        self._append(added, data[:used])
        return bool(added) or (not final and self.read_more(size))

    def read_all(self) -> None:
        # from as much as is held: a text read in part already goes on doubling
        size = max(self.chunk_bytes, len(self.text))
        while self.read_more(size):
            size *= 2  # each read copies the text so far: doubling keeps the whole linear

    def _broken_stream(self) -> ReadProblem | None:
        """A compressed stream's own error past a bad byte: corrupt gzip data decodes to
        garbage before its checksum fails, and the gzip error is what the file has."""
        try:
            while self.stream.read(self.chunk_bytes):
                pass
        except READ_ERRORS as error:
            self.broken = True
            return self._problem(describe_io_error(error))
        return None

    def _append(self, added: str, raw: bytes) -> None:
        start = self.base + len(self.text)
        self.text += added
        starts = self._starts
        find = added.find
        position = find("\n")
        while position != -1:
            starts.append(start + position + 1)
            position = find("\n", position + 1)
        newlines = raw.count(b"\n")
        if newlines:
            self._newlines += newlines
            self._since_newline = len(raw) - raw.rfind(b"\n") - 1
        else:
            self._since_newline += len(raw)

    def _invalid(self, data: bytes, at: int) -> ReadProblem:
        # data[:at] has been appended already, so the counts run up to the bad byte
        line, column = self._newlines + 1, self._since_newline + 1
        return invalid_utf8_problem(self.path, line, column, data[at])

    def _problem(self, message: str) -> ReadProblem:
        return ReadProblem(path=self.path, message=message, fatal=True)

    def _stop(self, problem: ReadProblem) -> bool:
        self.problem = problem
        self.eof = True
        return False

    # ---------------------------------------------------------------- moving on

    def forget_before(self, offset: int) -> int:
        """Drop the text before ``offset`` once a chunk of it has piled up; returns the offset
        that now stands for the same character."""
        if offset < self.chunk_bytes:
            return offset
        self._drop(offset)
        return 0

    def drain(self) -> None:
        """Read to the end, keeping none of the text: only a problem there still counts."""
        while self.read_more():
            self._drop(len(self.text))

    def _drop(self, offset: int) -> None:
        self.text = self.text[offset:]
        self.base += offset
        row = bisect.bisect_right(self._starts, self.base) - 1
        if row > 0:
            del self._starts[:row]
            self._first_line += row

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``text[offset]`` in the file."""
        absolute = self.base + offset
        row = bisect.bisect_right(self._starts, absolute) - 1
        return self._first_line + row, absolute - self._starts[row] + 1


def _read_at_least(stream: BinaryIO, size: int) -> bytes:
    """``size`` bytes, or all there are: a pipe's read may hand over less than was asked."""
    data = stream.read(size)
    while 0 < len(data) < size:
        more = stream.read(size - len(data))
        if not more:
            break
        data += more
    return data
