"""What a reader is, what it gets, and what it may yield besides articles."""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from artlint.fields import FieldMap
from artlint.models import Article, PlainData


@dataclass(frozen=True, slots=True)
class ReadProblem(PlainData):
    """Something a reader could not turn into an article: reported, never raised.

    ``fatal`` means nothing more of the file could be read (a binary file, a truncated gzip);
    otherwise only this record was skipped and the reader goes on.
    """

    path: str
    message: str
    line: int | None = None
    record: int | None = None
    fatal: bool = False


@dataclass(frozen=True, slots=True)
class InputFile(PlainData):
    """A file to read: its display path and how to open it as (decompressed) bytes."""

    path: str
    #: the name without a compression suffix (``a.jsonl`` for ``a.jsonl.gz``): selects the reader
    logical_name: str
    open: Callable[[], BinaryIO]


ReadFunction = Callable[[InputFile, FieldMap], Iterator["Article | ReadProblem"]]


@dataclass(frozen=True, slots=True)
class Reader(PlainData):
    """An input format: the suffixes it claims and the function that reads such a file."""

    name: str
    suffixes: tuple[str, ...]
    read: ReadFunction
    description: str = ""

    def __post_init__(self) -> None:
        # what a plugin gets wrong is said when it registers the reader, not when a file is read
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"reader name must be a non-empty string, not {self.name!r}")
        suffixes = (self.suffixes,) if isinstance(self.suffixes, str) else self.suffixes
        if not all(isinstance(suffix, str) for suffix in suffixes):
            raise ValueError(f"reader {self.name!r}: suffixes must be strings")
        object.__setattr__(self, "suffixes", tuple(suffixes))
        if not callable(self.read):
            raise ValueError(f"reader {self.name!r}: read must be a function")


BINARY_SNIFF_BYTES = 8192
#: what reading a (possibly gzip-compressed) file may raise: reported as a ReadProblem, never raised
READ_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, zlib.error)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF16_MESSAGE = (
    "UTF-16 text (it starts with a UTF-16 byte-order mark); artlint reads UTF-8: "
    "re-encode the file, e.g. iconv -f UTF-16 -t UTF-8"
)


def binary_message(head: bytes, kind: str) -> str:
    """Why a file with NUL bytes is not read: UTF-16 text says so, anything else is binary."""
    if head.startswith(_UTF16_BOMS):
        return UTF16_MESSAGE
    return f"binary file (NUL bytes), not {kind}"


def decode_text(data: bytes, path: str) -> str | ReadProblem:
    """Decode UTF-8 (a BOM is allowed) or explain exactly where and why it is not text."""
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return ReadProblem(path=path, message=binary_message(data, "an article"), fatal=True)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # the codec counts from after a byte-order mark; the file's bytes include it
        at = error.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        line = data.count(b"\n", 0, at) + 1
        column = at - (data.rfind(b"\n", 0, at) + 1) + 1
        return invalid_utf8_problem(path, line, column, data[at])


def invalid_utf8_problem(path: str, line: int, column: int, byte: int) -> ReadProblem:
    """The problem of a file that is not UTF-8: where the first bad byte is (``column`` counts
    bytes) and what it is."""
    return ReadProblem(
        path=path,
        line=line,
        message=f"invalid UTF-8 at line {line}, byte column {column} "
        f"(byte 0x{byte:02x}); re-encode the file as UTF-8",
        fatal=True,
    )


def read_all(file: InputFile) -> bytes | ReadProblem:
    """Read a whole (decompressed) file, turning I/O and gzip errors into a ReadProblem."""
    try:
        with file.open() as stream:
            return stream.read()
    except READ_ERRORS as error:
        return ReadProblem(path=file.path, message=describe_io_error(error), fatal=True)


def describe_io_error(error: BaseException) -> str:
    if isinstance(error, EOFError):
        return "truncated compressed stream: the file ends before the compressed data does"
    if isinstance(error, zlib.error):
        return f"corrupt compressed data ({error})"
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read: {error.strerror}"
    return f"cannot read: {error}"
