"""JSON (one object or an array of them) and JSON Lines scraper records.

Each record's top-level object is walked key by key (values are decoded by the C scanner of the
``json`` module), so the reader knows where every value starts without searching the raw text:
a key that also appears in a nested object, or inside a string, can never be mistaken for it.
"""

from __future__ import annotations

import bisect
import io
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol

from artlint.fields import RECORDS, FieldMap, lookup, map_fields, wrapped_records
from artlint.models import RECORD_SOURCE, Article, FieldSource
from artlint.readers.base import (
    BINARY_SNIFF_BYTES,
    READ_ERRORS,
    InputFile,
    ReadProblem,
    binary_message,
    describe_io_error,
)
from artlint.readers.own_outputs import is_own_record
from artlint.readers.window import Window

_decoder = json.JSONDecoder()
# the C scanner json.loads itself uses (typeshed does not declare these attributes)
_scan_once: Callable[[str, int], tuple[Any, int]] = _decoder.scan_once  # type: ignore[attr-defined]
_scan_string: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
# JSON whitespace only: Python's \s would also skip no-break spaces that JSON rejects
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _skip(text: str, position: int) -> int:
    return _JSON_SPACE.match(text, position).end()  # type: ignore[union-attr]


def _char(text: str, position: int) -> str:
    return text[position : position + 1]


def parse_object(text: str, position: int) -> tuple[dict[str, Any], dict[str, int], int]:
    """Decode the object at ``text[position] == "{"``: its value, where each top-level value
    starts, and the offset just after it. Raises JSONDecodeError like ``json.loads``."""
    values: dict[str, Any] = {}
    starts: dict[str, int] = {}
    position = _skip(text, position + 1)
    if _char(text, position) == "}":
        return values, starts, position + 1
    while True:
        if _char(text, position) != '"':
            raise json.JSONDecodeError(
                "Expecting property name enclosed in double quotes", text, position
            )
        key, position = _scan_string(text, position + 1, True)
        position = _skip(text, position)
        if _char(text, position) != ":":
            raise json.JSONDecodeError("Expecting ':' delimiter", text, position)
        position = _skip(text, position + 1)
        try:
            value, end = _scan_once(text, position)
            _check_nesting(text, position, end)
        except (RecursionError, ValueError) as failure:
            raise _unreadable(failure, text, position) from None
        except StopIteration as stop:
            # reported at the value, though decoding failed where it stopped (deep inside a
            # nested value cut short): that is what tells a cut from a mistake
            error = json.JSONDecodeError("Expecting value", text, position)
            error.stopped_at = stop.value  # type: ignore[attr-defined]
            raise error from None
        values[key] = value
        starts[key] = position
        position = _skip(text, end)
        separator = _char(text, position)
        if separator == "}":
            return values, starts, position + 1
        if separator != ",":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, position)
        position = _skip(text, position + 1)


def _raw_decode(text: str, position: int) -> tuple[Any, int]:
    """``JSONDecoder.raw_decode``, with a value too deep or too long to decode as a
    JSONDecodeError too: one hostile record must not end the whole run."""
    try:
        value, end = _decoder.raw_decode(text, position)
        _check_nesting(text, position, end)
    except (RecursionError, ValueError) as error:
        raise _unreadable(error, text, position) from None
    return value, end


#: the deepest a value may nest. How deep the decoder itself gets before Python's recursion
#: limit stops it depends on the stack of the process that decodes, so a record near it read
#: in one process and failed in a -j worker: a fixed limit, well below, decides the same in each
MAX_NESTING = 500
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _check_nesting(text: str, start: int, end: int, limit: int = MAX_NESTING) -> None:
    """Raise RecursionError when the value ``text[start:end]`` nests deeper than ``limit``."""
    if end - start <= 2 * limit or text[start] not in "[{":
        return
    if text.count("[", start, end) + text.count("{", start, end) <= limit:
        return  # the common case: a C-level count rules it out
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text, start, end):
        mark = text[match.start()]
        if mark in "[{":
            depth += 1
            if depth > limit:
                raise RecursionError(f"nested deeper than {MAX_NESTING} levels")
        elif mark in "]}":
            depth -= 1


def _unreadable(error: Exception, text: str, position: int) -> json.JSONDecodeError:
    if isinstance(error, json.JSONDecodeError):
        return error
    if isinstance(error, RecursionError):
        return json.JSONDecodeError("Nested too deeply to decode", text, position)
    if "digits" in str(error):  # Python refuses to make an int of over 4,300 digits
        return json.JSONDecodeError("Number too long to decode", text, position)
    return json.JSONDecodeError(f"Cannot decode the value ({error})", text, position)


def read_json_lines(file: InputFile, fields: FieldMap) -> Iterator[Article | ReadProblem]:
    return read_json_lines_range(file, fields)


def read_json_lines_range(
    file: InputFile,
    fields: FieldMap,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
    first_record: int = 1,
    data: bytes | None = None,
) -> Iterator[Article | ReadProblem]:
    """The records of ``file[start:end]`` (bytes of the decompressed stream, both at line starts).

    A worker of ``-j N`` reads one such piece of a big file; the caller has counted the lines and
    records before ``start``, so line and record numbers are those of the whole file. ``data``:
    the piece's bytes, when the caller has read them already (a piece of a compressed file).
    """
    record = first_record - 1
    line_number = first_line - 1
    # only the file's first bytes are sniffed for binary content, as when reading it whole
    sniffed = 0 if start == 0 else BINARY_SNIFF_BYTES
    try:
        with file.open() if data is None else io.BytesIO(data) as stream:
            if start and data is None:
                stream.seek(start)
            lines = stream if end is None or data is not None else _limited(stream, end - start)
            for raw in lines:
                line_number += 1
                if sniffed < BINARY_SNIFF_BYTES:
                    sniffed += len(raw)
                    if b"\x00" in raw:
                        yield ReadProblem(
                            path=file.path,
                            line=line_number,
                            fatal=True,
                            message=binary_message(raw if line_number == 1 else b"", "JSON Lines"),
                        )
                        return
                if line_number == 1 and raw.startswith(_UTF8_BOM):
                    raw = raw[len(_UTF8_BOM) :]  # the file's BOM: a blank first line stays blank
                if not raw.strip():
                    continue
                record += 1
                item = _json_line(file.path, raw, line_number, record, fields)
                if item is None:
                    return  # a json-lines report of artlint's: no articles
                yield item
    except READ_ERRORS as error:
        after = (
            f" (after line {line_number}, record {record}; the records before it were linted)"
            if record
            else ""  # nothing was read: a .gz that is no gzip file, a stream broken at once
        )
        yield ReadProblem(
            path=file.path,
            line=line_number + 1,
            message=f"{describe_io_error(error)}{after}",
            fatal=True,
        )


def _limited(stream: BinaryIO, length: int) -> Iterator[bytes]:
    """The lines of the next ``length`` bytes of ``stream`` (which end at a line start)."""
    remaining = length
    for raw in stream:
        yield raw
        remaining -= len(raw)
        if remaining <= 0:
            return


def count_lines_and_records(data: bytes) -> tuple[int, int]:
    """How many lines and how many records (non-blank lines) ``read_json_lines`` finds in
    ``data``, a whole number of lines: what a piece of a split file must start counting from."""
    lines = data.count(b"\n")
    if data and not data.endswith(b"\n"):
        lines += 1
    # Blank lines are rare in JSON Lines: find them from the newlines that precede them (a
    # pattern that starts with a literal newline runs at memchr speed), plus the first line.
    blank = len(_BLANK_AFTER_NEWLINE.findall(data))
    if data.endswith(b"\n"):
        blank -= 1  # the match at the final newline stands for a line that does not exist
    if data and _BLANK_LINE.match(data, len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0):
        blank += 1
    return lines, lines - blank


_UTF8_BOM = b"\xef\xbb\xbf"
_SPACE = rb"[ \t\r\x0b\x0c]*"
_BLANK_AFTER_NEWLINE = re.compile(rb"\n(?=" + _SPACE + rb"(?:\n|\Z))")
_BLANK_LINE = re.compile(_SPACE + rb"(?:\n|\Z)")


def _json_line(
    path: str, raw: bytes, line_number: int, record: int, fields: FieldMap
) -> Article | ReadProblem | None:
    """One record; None for the first line of an artlint report (the file holds no articles)."""
    try:
        text = raw.decode("utf-8-sig" if line_number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        return ReadProblem(
            path=path,
            line=line_number,
            record=record,
            message=f"record {record}: invalid UTF-8 at byte {error.start + 1} of the line "
            f"(byte 0x{raw[error.start]:02x})",
        )
    start = _skip(text, 0)
    if _char(text, start) != "{":
        return _not_an_object(path, text, start, line_number, record)
    try:
        value, starts, end = parse_object(text, start)
        if _skip(text, end) != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
    except json.JSONDecodeError as error:
        return ReadProblem(
            path=path,
            line=line_number,
            record=record,
            message=f"record {record}: invalid JSON at column {error.colno}: {error.msg}",
        )
    if line_number == 1 and is_own_record(value):
        return None
    index = _LineIndex(text, first_line=line_number)
    return _article(path, "jsonl", record, value, starts, text, start, end, index, fields)


def _not_an_object(path: str, text: str, start: int, line_number: int, record: int) -> ReadProblem:
    try:
        try:
            value = json.loads(text)
            _check_nesting(text, start, len(text))
        except (RecursionError, ValueError) as error:
            raise _unreadable(error, text, start) from None
    except json.JSONDecodeError as error:
        return ReadProblem(
            path=path,
            line=line_number,
            record=record,
            message=f"record {record}: invalid JSON at column {error.colno}: {error.msg}",
        )
    return ReadProblem(
        path=path,
        line=line_number,
        record=record,
        message=f"record {record}: expected a JSON object, got {_kind(value)}",
    )


def _kind(value: Any) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


#: a JSON object longer than this (in characters) is first walked without keeping its text, to
#: see whether it wraps a list of records (a news API's answer) that can be read record by
#: record; shorter ones are read whole (decoded, a 1 MB object takes a few MB)
WHOLE_OBJECT_CHARS = 1024 * 1024


def read_json(file: InputFile, fields: FieldMap) -> Iterator[Article | ReadProblem]:
    """A JSON file: one record (an object) or an array of them, which is read a chunk at a time
    (see :mod:`artlint.readers.window`), or an object that wraps an array of records."""
    try:
        with file.open() as stream:
            window = Window(stream, file.path)
            yield from _json_records(window, fields, file.open)
    except READ_ERRORS as error:  # opening failed (reading problems are the window's)
        yield ReadProblem(path=file.path, message=describe_io_error(error), fatal=True)


def _json_records(
    window: Window, fields: FieldMap, reopen: Callable[[], BinaryIO]
) -> Iterator[Article | ReadProblem]:
    path = window.path
    start = _skip_on(window, 0)
    first = _char_on(window, start)
    if first == "[":
        yield from _array_records(path, window, start + 1, fields)
        return
    if first == "{" and not _read_up_to(window, WHOLE_OBJECT_CHARS):
        # Too big to read whole at once (decoded, a 112 MB news API answer took 900 MiB):
        # when it wraps its records, they are read as a top-level array's. The object is
        # first walked in a second reading of the file, a chunk at a time, then read a third
        # time for its records; anything else about it (one big record, a problem) is read on
        # whole from where the first reading stands, as a smaller file is.
        with reopen() as stream:
            walk = Window(stream, path)
            wrapped = _wrapped_array(walk, _skip_on(walk, 0), fields)
        if wrapped is not None:
            window.forget_before(len(window.text))  # let go of the first reading's text
            with reopen() as stream:
                yield from _records_at(Window(stream, path), wrapped, fields)
            return
    window.read_all()  # one record: read whole, as it must be decoded whole
    yield from _object_records(window, start, fields)


def _object_records(
    window: Window, start: int, fields: FieldMap
) -> Iterator[Article | ReadProblem]:
    """The records of a JSON file read whole that does not open with "[": one object, or the
    records of the array it wraps."""
    path = window.path
    if window.problem is not None:
        yield window.problem
        return
    text = window.text
    first = _char(text, start)
    if first == "":
        yield ReadProblem(path=path, line=1, message="empty JSON file", fatal=True)
        return
    if first != "{":
        yield _whole_file_problem(path, text, start, window)
        return
    try:
        value, starts, end = parse_object(text, start)
    except json.JSONDecodeError as error:
        yield _json_problem(path, error, None, window)
        return
    if is_own_record(value):
        return  # an artlint baseline, SARIF log or json-lines report: no article
    extra = _skip(text, end)
    if extra != len(text):
        advice = "use .jsonl for one record per line, or wrap the records in [ ]"
        # placed where the extra data starts: the next record, when the file is JSON Lines
        yield _extra_data(path, window, extra, "the JSON object", advice)
        return
    wrapper = None if _maps_a_body(value, fields) else wrapped_records(value, fields)
    if wrapper is not None:
        # a news API's answer: its records are the articles, the object around them is not
        list_start = _value_start(text, starts, wrapper)
        if list_start is not None:
            yield from _listed_records(path, text, list_start, window, fields)
            return
    yield _article(path, "json", None, value, starts, text, start, end, window, fields)


def _no_object(path: str, window: Window, position: int, record: int, value: Any) -> ReadProblem:
    """A record of an array that is no object."""
    line, _ = window.position(position)
    return ReadProblem(
        path=path,
        line=line,
        record=record,
        message=f"record {record}: expected a JSON object, got {_kind(value)}",
    )


def _maps_a_body(value: dict[str, Any], fields: FieldMap) -> bool:
    return any(lookup(value, key) is not None for key in fields.keys["body"])


def _listed_records(
    path: str, text: str, position: int, window: Window, fields: FieldMap
) -> Iterator[Article | ReadProblem]:
    """The records of the array at ``text[position] == "["`` inside a whole decoded file,
    numbered from 1 as the records of a top-level array are."""
    position = _skip(text, position + 1)
    record = 0
    while _char(text, position) not in ("]", ""):
        record += 1
        if _char(text, position) == "{":
            value, starts, end = parse_object(text, position)
            yield _article(path, "json", record, value, starts, text, position, end, window, fields)
        else:
            other, end = _raw_decode(text, position)
            yield _no_object(path, window, position, record, other)
        position = _skip(text, end)
        if _char(text, position) == ",":
            position = _skip(text, position + 1)


def _read_up_to(window: Window, limit: int) -> bool:
    """Read on until the text holds ``limit`` characters or the stream ends; whether it ended
    (or stopped at a problem) first."""
    size = window.chunk_bytes
    while len(window.text) < limit:
        if not window.read_more(size):
            return True
        size *= 2  # each read copies the text so far: doubling keeps the whole linear
    return False


def _wrapped_array(window: Window, start: int, fields: FieldMap) -> int | None:
    """Where (as an offset in the whole text) the array of records starts that the JSON object
    at ``start`` wraps, found the way a file read whole finds it, while holding only a chunk of
    the text and one value at a time; None when the object is one record, or anything about it
    is amiss (it is then read whole, and reported as such a file is)."""
    try:
        walked = _walk_object(window, start, "", _record_paths(fields), 0)
    except (json.JSONDecodeError, RecursionError):
        return None
    if walked is None:
        return None
    value, arrays, end = walked
    if _char_on(window, _skip_on(window, end)) != "" or window.problem is not None:
        return None
    if is_own_record(value) or _maps_a_body(value, fields):
        return None
    wrapper = wrapped_records(value, fields)
    return arrays.get(wrapper) if wrapper is not None else None


_Paths = tuple[frozenset[str], frozenset[str], frozenset[str]]


def _record_paths(fields: FieldMap) -> _Paths:
    """The dotted keys that may hold a list of records, the objects on the way to them, and
    the body's keys with the objects on the way to them (the walk stops there)."""
    keys = fields.keys.get(RECORDS, ())
    return (
        frozenset(keys),
        _on_the_way(keys),
        frozenset(fields.keys["body"]) | _on_the_way(fields.keys["body"]),
    )


def _on_the_way(keys: Sequence[str]) -> frozenset[str]:
    """The objects that lead to dotted keys (``a`` and ``a.b`` for ``a.b.c``)."""
    return frozenset(
        key.rsplit(".", depth)[0] for key in keys for depth in range(1, key.count(".") + 1)
    )


def _walk_object(
    window: Window, position: int, prefix: str, paths: _Paths, level: int
) -> tuple[dict[str, Any], dict[str, int], int] | None:
    """The object at ``window.text[position] == "{"`` with every array that may hold records
    replaced by a stand-in ([{}] when its first item is an object, [] when empty, [None] else),
    where each such array starts (whole-text offsets, by dotted key), and where the object ends.
    Values are decoded one at a time and the text behind them let go. None where the walk
    cannot go on (a cut or malformed object: reading it whole reports that).

    ``level``: how many objects and arrays hold this one inside a top-level value. Reading the
    file whole measures how deep a value nests from the top-level value, so a value decoded
    here may nest that much less deep (RecursionError past it)."""
    record_keys, on_the_way, body_keys = paths
    value: dict[str, Any] = {}
    arrays: dict[str, int] = {}
    position = _skip_on(window, position + 1)
    if _char_on(window, position) == "}":
        return value, arrays, position + 1
    while True:
        if _char_on(window, position) != '"':
            return None
        key, position = _record_on_string(window, position)
        position = _skip_on(window, position)
        if _char_on(window, position) != ":":
            return None
        position = _skip_on(window, position + 1)
        # a key holding a dot is never a path's step: lookup splits dotted keys at their dots
        dotted = f"{prefix}{key}" if "." not in key else ""
        if dotted in body_keys:
            return None  # an article's text, or on the way to it: no wrapper, read it whole
        opening = _char_on(window, position)
        if opening == "[" and dotted in record_keys:
            arrays[dotted] = window.base + position
            walked_array = _walk_array(window, position, level)
            if walked_array is None:
                return None
            value[key], position = walked_array
        elif opening == "{" and dotted in on_the_way:
            walked = _walk_object(window, position, f"{dotted}.", paths, level + 1)
            if walked is None:
                return None
            value[key], inner, position = walked
            arrays.update(inner)
        else:
            start = position
            value[key], _, position = _record_on(window, position, _decode_value)
            _check_nesting(window.text, start, position, MAX_NESTING - level)
        position = window.forget_before(_skip_on(window, position))
        separator = _char_on(window, position)
        if separator == "}":
            return value, arrays, position + 1
        if separator != ",":
            return None
        position = _skip_on(window, position + 1)


def _record_on_string(window: Window, position: int) -> tuple[str, int]:
    key, _, end = _record_on(window, position, _decode_value)
    if not isinstance(key, str):
        raise json.JSONDecodeError("Expecting property name enclosed in double quotes", "", 0)
    return key, end


def _walk_array(window: Window, position: int, level: int) -> tuple[list[Any], int] | None:
    """The stand-in of the array at ``position`` (see :func:`_walk_object`) and its end."""
    stand_in: list[Any] | None = None
    position = _skip_on(window, position + 1)
    if _char_on(window, position) == "]":
        return [], position + 1
    while True:
        item, _, end = _record_on(window, position, _decode_value)
        _check_nesting(window.text, position, end, MAX_NESTING - level - 1)
        if stand_in is None:
            stand_in = [{}] if isinstance(item, dict) else [None]
        position = window.forget_before(_skip_on(window, end))
        separator = _char_on(window, position)
        if separator == "]":
            return stand_in, position + 1
        if separator != ",":
            return None
        position = _skip_on(window, position + 1)


def _records_at(window: Window, offset: int, fields: FieldMap) -> Iterator[Article | ReadProblem]:
    """The records of the array that starts ``offset`` characters into the (re-read) file."""
    while window.base + len(window.text) <= offset:
        window.forget_before(len(window.text))
        if not window.read_more():
            break
    if _char(window.text, offset - window.base) != "[":
        # the file changed between the readings: what the walk found is gone
        yield window.problem or ReadProblem(
            path=window.path, fatal=True, message="the file changed while it was read"
        )
        return
    yield from _array_records(window.path, window, offset - window.base + 1, fields, inner=True)


def _skip_on(window: Window, position: int) -> int:
    """Past the JSON white space at ``position``, reading on while it runs to the text's end."""
    while True:
        position = _skip(window.text, position)
        if position < len(window.text) or not window.read_more():
            return position


def _char_on(window: Window, position: int) -> str:
    """The character at ``position`` ('' at the end), reading on to reach it."""
    while position >= len(window.text) and window.read_more():
        pass
    return _char(window.text, position)


def _may_go_on(error: json.JSONDecodeError) -> bool:
    """Whether a decoding error may only mean that the value goes on past the text read so far.

    Decoding is left to right, so an error well before the text's end stands however the file
    goes on; a string still open at the end is reported at its start.
    """
    stopped_at: int = getattr(error, "stopped_at", error.pos)
    return stopped_at >= len(error.doc) - 8 or error.msg.startswith("Unterminated string")


def _whole_file_problem(path: str, text: str, start: int, window: Window) -> ReadProblem:
    try:
        value, _ = _raw_decode(text, start)
    except json.JSONDecodeError as error:
        return _json_problem(path, error, None, window)
    line, _ = window.position(start)
    return ReadProblem(
        path=path,
        line=line,
        fatal=True,
        message=f"expected a JSON object or an array of objects, got {_kind(value)}",
    )


def _array_records(
    path: str, window: Window, position: int, fields: FieldMap, inner: bool = False
) -> Iterator[Article | ReadProblem]:
    """The records of the array whose first item is at or after ``position``; ``inner``: an
    array inside a wrapping object, read as :func:`_listed_records` reads it (what follows it
    is the object's, and was checked)."""
    record = 0
    position = _skip_on(window, position)
    if _char_on(window, position) == "]":
        if not inner:
            yield from _rest(path, window, position + 1)
        return
    while True:
        record += 1
        try:
            value, starts, end = _record_on(window, position, _decode_record)
        except json.JSONDecodeError as error:
            skipped = _skipped_record(path, error, record, window, position)
            if skipped is None:
                if not _may_go_on(error):
                    yield _first_problem(path, error, record, window)
                else:  # it may go on, but the text has ended
                    yield window.problem or _json_problem(path, error, record, window)
                return
            problem, end = skipped
            yield problem
        else:
            if isinstance(value, dict):
                if record == 1 and not inner and is_own_record(value):
                    return  # an artlint report (json, gitlab): no articles
                text = window.text
                yield _article(
                    path, "json", record, value, starts, text, position, end, window, fields
                )
            else:
                yield _no_object(path, window, position, record, value)
        position = _skip_on(window, end)
        separator = _char_on(window, position)
        if separator == "]":
            if not inner:
                yield from _rest(path, window, position + 1)
            return
        if separator != ",":
            if separator == "" and window.problem is not None:
                yield window.problem  # the text ended at a bad byte or a broken stream
                return
            line, column = window.position(position)
            yield ReadProblem(
                path=path,
                line=line,
                record=record,
                fatal=True,
                message=f"expected ',' or ']' after record {record} at line {line}, "
                f"column {column}",
            )
            return
        position = window.forget_before(_skip_on(window, position + 1))


# --------------------------------------------------------------------------------------------
# A big array over several workers (-j)


@dataclass(frozen=True)
class ArrayPart:
    """Whole records of a JSON array, as the text between them reads (UTF-8: a worker's part
    is smaller in flight as bytes than as text, which takes up to 4 bytes a character): the
    first is record ``first_record`` and starts at ``line``/``column`` of the file."""

    data: bytes
    first_record: int
    line: int
    column: int


def array_parts(stream: BinaryIO, path: str, part_chars: int) -> Iterator[ArrayPart | int]:
    """Cut the JSON array in ``stream`` into parts of about ``part_chars`` characters of whole
    records, for workers to read with :func:`read_array_part`.

    Only records that decode as objects go into parts. At anything else (not an array, an
    artlint report, a record that does not decode or is no object, text after the last record
    that is not ``,`` or ``]``, a bad byte or a broken stream, even after the array) the
    number of the first record not handed out is yielded, and nothing more: the caller has
    the rest read by :func:`read_json` itself, so that it is reported as in a one-process run.
    """
    window = Window(stream, path)
    start = _skip_on(window, 0)
    if _char_on(window, start) != "[":
        yield 1
        return
    position = _skip_on(window, start + 1)
    if _char_on(window, position) == "]":
        yield 1
        return
    record = 0
    first = 1
    line, column = window.position(position)
    part_start = position
    while True:
        record += 1
        try:
            value, _, end = _record_on(window, position, _decode_value)
        except json.JSONDecodeError:
            value, end = None, -1
        if not isinstance(value, dict) or (record == 1 and is_own_record(value)):
            if record > first:
                yield _part(window.text[part_start:position], first, line, column)
            yield record
            return
        after = _skip_on(window, end)
        separator = _char_on(window, after)
        if separator not in (",", "]") or end - part_start >= part_chars or separator == "]":
            yield _part(window.text[part_start:end], first, line, column)
            first = record + 1
            if separator != ",":
                if separator == "]":
                    # what follows the array, as _rest reads it
                    extra = _extra_after_array(path, window, after + 1)
                    window.drain()
                    if window.problem is None and extra is None:
                        return
                yield first
                return
            position = window.forget_before(_skip_on(window, after + 1))
            line, column = window.position(position)
            part_start = position
        else:
            position = _skip_on(window, after + 1)


def _decode_value(text: str, position: int) -> _Decoded:
    # the C decoder alone: the parent only needs to know where each record ends
    value, end = _raw_decode(text, position)
    return value, {}, end


def _part(text: str, first: int, line: int, column: int) -> ArrayPart:
    # the text was decoded from UTF-8 strictly, so it holds no lone surrogate to refuse
    return ArrayPart(text.encode("utf-8"), first, line, column)


def read_array_part(
    path: str, part: ArrayPart, fields: FieldMap
) -> Iterator[Article | ReadProblem]:
    """The records of a part :func:`array_parts` cut (which decode: the parent checked)."""
    text = part.data.decode("utf-8")
    index = _PartIndex(text, part.line, part.column)
    record = part.first_record - 1
    position = _skip(text, 0)
    while position < len(text):
        record += 1
        try:
            value, starts, end = parse_object(text, position)
        except json.JSONDecodeError as error:  # the parent decoded it: never, but never a crash
            yield _json_problem(path, error, record, index)
            return
        yield _article(path, "json", record, value, starts, text, position, end, index, fields)
        position = _skip(text, end)
        if _char(text, position) == ",":
            position = _skip(text, position + 1)


class _PartIndex:
    """Offset -> line and column in a part whose first character is at ``line``/``column``."""

    def __init__(self, text: str, line: int, column: int) -> None:
        self.lines = _LineIndex(text, line)
        self.column = column

    def position(self, offset: int) -> tuple[int, int]:
        line, column = self.lines.position(offset)
        return (line, column) if line != self.lines.first_line else (line, self.column + offset)


_Decoded = tuple[Any, dict[str, int], int]


def _decode_record(text: str, position: int) -> _Decoded:
    """A record of an array: an object with where its values start, or any other value."""
    if _char(text, position) == "{":
        return parse_object(text, position)
    value, end = _raw_decode(text, position)
    return value, {}, end


def _record_on(window: Window, position: int, decode: Callable[[str, int], _Decoded]) -> _Decoded:
    """``decode(window.text, position)``, reading on while the value may go on past the text
    read so far; raises the JSONDecodeError of the last try when it does not decode. The reads
    double, so a record of many chunks is decoded a few times, not once a chunk."""
    more = window.chunk_bytes
    while True:
        text = window.text
        try:
            value, starts, end = decode(text, position)
        except json.JSONDecodeError as error:
            if _may_go_on(error) and window.read_more(more):
                more *= 2
                continue
            raise
        # an object ends at its brace; a number or literal may go on past the text read
        ended = end < len(text) if isinstance(value, dict) else end + 8 < len(text)
        if ended or not window.read_more(more):
            return value, starts, end
        more *= 2


#: decoding errors of a record that is well-formed JSON but too big for Python: the array goes
#: on after it, as a JSON Lines file goes on after a bad line
_TOO_BIG = ("Nested too deeply to decode", "Number too long to decode")
_STRING = r'"[^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*'
#: one JSON token after white space; nothing matches where the value is malformed or cut
_TOKEN = re.compile(
    r"[ \t\n\r]*(?:"
    rf'(?P<string>{_STRING}")'
    r"|(?P<scalar>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)"
    r"|(?P<mark>[\[\]{},:]))"
)
#: a string the text ends in (its end is still to be read)
_OPEN_STRING = re.compile(rf"[ \t\n\r]*{_STRING}(?:\\(?:u[0-9a-fA-F]{{0,3}})?)?\Z")
#: what a token may be cut to at the end of the text read so far
_CUT_SHORT = 16
#: _value_end: the text ends before the value does
_READ_ON = -1
#: what _value_end expects next
_VALUE, _VALUE_OR_CLOSE, _KEY, _KEY_OR_CLOSE, _COLON, _AFTER = range(6)


def _skipped_record(
    path: str, error: json.JSONDecodeError, record: int, window: Window, start: int
) -> tuple[ReadProblem, int] | None:
    """For a record too big to decode, its problem and where it ends, reading on as far as it
    goes; None for any other error, a record that is not well-formed JSON after all (the
    decoder stopped before checking it all), or one the text ends in."""
    if error.msg not in _TOO_BIG:
        return None
    problem = _json_problem(path, error, record, window).model_copy(update={"fatal": False})
    more = window.chunk_bytes
    while True:
        end = _value_end(window.text, start)
        if end is None:
            return None
        if end != _READ_ON:
            return problem, end
        if not window.read_more(more):
            return None
        more *= 2


def _value_end(text: str, start: int) -> int | None:
    """Where the JSON value at ``start`` ends, checked token by token without decoding it (no
    recursion, no number conversion): None when it is not well-formed, _READ_ON when the text
    ends before it does."""
    closers: list[str] = []
    expect = _VALUE
    position = start
    while True:
        match = _TOKEN.match(text, position)
        kind = match.lastgroup if match is not None else None
        if match is None or kind is None or (kind == "scalar" and match.end() == len(text)):
            # a scalar at the end may go on; a string, a literal or a mark may be cut short
            cut = len(text) - position <= _CUT_SHORT or _OPEN_STRING.match(text, position)
            return _READ_ON if cut else None
        token = match.group(kind)
        position = match.end()
        if expect in (_VALUE, _VALUE_OR_CLOSE):
            if kind != "mark":
                expect = _AFTER
            elif token in "[{":
                closers.append("]" if token == "[" else "}")
                expect = _VALUE_OR_CLOSE if token == "[" else _KEY_OR_CLOSE
                continue
            elif token == "]" and expect == _VALUE_OR_CLOSE:
                closers.pop()
                expect = _AFTER
            else:
                return None
        elif expect in (_KEY, _KEY_OR_CLOSE):
            if kind == "string":
                expect = _COLON
                continue
            if token != "}" or expect != _KEY_OR_CLOSE:
                return None
            closers.pop()
            expect = _AFTER
        elif expect == _COLON:
            if token != ":":
                return None
            expect = _VALUE
            continue
        else:  # _AFTER a value inside a container
            if token == ",":
                expect = _VALUE if closers[-1] == "]" else _KEY
                continue
            if kind != "mark" or token != closers[-1]:
                return None
            closers.pop()
        if not closers:
            return position  # the value just completed is the whole record


def _first_problem(
    path: str, error: json.JSONDecodeError, record: int, window: Window
) -> ReadProblem:
    """A record that does not decode, unless the stream itself breaks further on: corrupt
    gzip data decodes to garbage before its checksum fails, and the broken stream is what is
    wrong with the file (the file read whole reported only that)."""
    problem = _json_problem(path, error, record, window)  # placed before the text moves on
    window.drain()
    if window.broken and window.problem is not None:
        return window.problem
    return problem


def _rest(path: str, window: Window, position: int) -> Iterator[ReadProblem]:
    """What follows the array at ``position``: only white space, read as when the file was read
    whole, so that a bad byte or a broken stream after it is still reported."""
    extra = _extra_after_array(path, window, position)
    window.drain()
    if window.problem is not None:
        yield window.problem
    elif extra is not None:
        yield extra


def _extra_after_array(path: str, window: Window, position: int) -> ReadProblem | None:
    """Text after the array's ``]``: records the file holds that no reader would read."""
    position = _skip_on(window, position)
    if _char_on(window, position) == "":
        return None
    advice = "a file holds one array of records (or use .jsonl, one record per line)"
    return _extra_data(path, window, position, "the JSON array", advice)


def _extra_data(path: str, window: Window, position: int, what: str, advice: str) -> ReadProblem:
    line, column = window.position(position)
    return ReadProblem(
        path=path,
        line=line,
        fatal=True,
        message=f"extra data after {what} at line {line}, column {column}; {advice}",
    )


def _json_problem(
    path: str, error: json.JSONDecodeError, record: int | None, index: Positions
) -> ReadProblem:
    where = f"record {record}: " if record else ""
    line, column = index.position(error.pos)
    return ReadProblem(
        path=path,
        line=line,
        record=record,
        fatal=True,
        message=f"{where}invalid JSON at line {line}, column {column}: {error.msg}",
    )


class Positions(Protocol):
    """Turns an offset in the text being read into the file's 1-based line and column."""

    def position(self, offset: int) -> tuple[int, int]: ...


class _LineIndex:
    """Offsets of line starts in a decoded text, for offset -> (line, column)."""

    def __init__(self, text: str, first_line: int) -> None:
        self.first_line = first_line
        self.starts = [0]
        find = text.find
        position = find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = find("\n", position + 1)

    def position(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + row, offset - self.starts[row] + 1


def _article(
    path: str,
    fmt: str,
    record: int | None,
    value: dict[str, Any],
    starts: dict[str, int],
    text: str,
    record_start: int,
    record_end: int,
    index: Positions,
    fields: FieldMap,
) -> Article:
    values, chosen = map_fields(value, fields)
    body = values.pop("body", None) or ""
    sources: dict[str, FieldSource] = {}
    for field, key in chosen.items():
        start = _value_start(text, starts, key)
        if start is not None:
            sources[field] = _source_at(text, start, index, None if key == field else key)
    line, column = index.position(record_start)
    sources[RECORD_SOURCE] = FieldSource(kind="value", line=line, column=column)
    if "body" not in sources:
        # no body in the record: located at the record, and never a place for a fix to write
        sources["body"] = FieldSource(kind="value", line=line, column=column)
    used = {key.split(".")[0] for key in chosen.values()}
    extra = {key: item for key, item in value.items() if key not in used}
    article = Article(
        path=path, format=fmt, record=record, body=body, sources=sources, extra=extra, **values
    )
    # text_of reads the record's other top-level keys whose values are strings
    offsets = {
        key: starts[key] - record_start
        for key, item in extra.items()
        if isinstance(item, str) and key in starts
    }
    if offsets:
        finder = _KeyFinder(text[record_start:record_end], offsets, line, column)
        article.find_sources_with(finder.source)
    return article


class _KeyFinder:
    """Finds the raw literal of a record's key when a finding first asks for it. It holds the
    record's own text only: a finder that held a JSON file's whole text would keep it in
    memory for as long as any of its articles lived."""

    def __init__(self, raw: str, offsets: dict[str, int], line: int, column: int) -> None:
        self.raw = raw
        self.offsets = offsets
        self.line = line
        self.column = column

    def source(self, key: str) -> FieldSource | None:
        offset = self.offsets.get(key)
        if offset is None:
            return None
        newlines = self.raw.count("\n", 0, offset)
        if newlines:
            line = self.line + newlines
            column = offset - self.raw.rfind("\n", 0, offset)
        else:
            line, column = self.line, self.column + offset
        return _literal_source(self.raw, offset, line, column)


def _value_start(text: str, starts: dict[str, int], dotted: str) -> int | None:
    """Where the value of a (dotted) key starts; nested objects are walked only when asked."""
    head, _, rest = dotted.partition(".")
    start = starts.get(head)
    if start is None or not rest:
        return start
    if _char(text, start) != "{":
        return None
    try:
        _, inner, _ = parse_object(text, start)
    except json.JSONDecodeError:  # pragma: no cover - the record was decoded already
        return None
    return _value_start(text, inner, rest)


def _source_at(text: str, start: int, index: Positions, key: str | None) -> FieldSource:
    line, column = index.position(start)
    return _literal_source(text, start, line, column, key)


def _literal_source(
    text: str, start: int, line: int, column: int, key: str | None = None
) -> FieldSource:
    """The source of the value at ``text[start]``, which sits at ``line``/``column``; ``key``
    is the record's key where it is not the field's name."""
    if _char(text, start) != '"':
        # a number, list or object rendered as text: point at the value itself
        return FieldSource(kind="value", line=line, column=column, key=key)
    _, end = _scan_string(text, start + 1, True)
    literal = text[start + 1 : end - 1]
    if "\\" not in literal:
        # no escapes: decoded and raw characters coincide, and a JSON string has no raw newline
        return FieldSource(line=line, column=column + 1, continuation_column=column + 1, key=key)
    return FieldSource(kind="json", line=line, column=column + 1, literal=literal, key=key)
