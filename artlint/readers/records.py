"""JSON (one object or an array of them) and JSON Lines scraper records."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from typing import Any

from artlint.fields import FieldMap, map_fields
from artlint.models import Article, FieldSource
from artlint.readers.base import (
    InputFile,
    ReadProblem,
    decode_text,
    describe_io_error,
    read_all,
)

_STRING_BODY = re.compile(r'(?:[^"\\]|\\.)*', re.DOTALL)
_WHITESPACE = re.compile(r"\s*")
_decoder = json.JSONDecoder()


def read_json_lines(file: InputFile, fields: FieldMap) -> Iterator[Article | ReadProblem]:
    record = 0
    line_number = 0
    try:
        with file.open() as stream:
            for raw in stream:
                line_number += 1
                if not raw.strip():
                    continue
                record += 1
                yield _json_line(file.path, raw, line_number, record, fields)
    except (OSError, EOFError) as error:
        yield ReadProblem(
            path=file.path,
            line=line_number + 1,
            message=f"{describe_io_error(error)} (after line {line_number})",
            fatal=True,
        )


def _json_line(
    path: str, raw: bytes, line_number: int, record: int, fields: FieldMap
) -> Article | ReadProblem:
    try:
        text = raw.decode("utf-8-sig" if line_number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        return ReadProblem(
            path=path, line=line_number, record=record,
            message=f"record {record}: invalid UTF-8 at byte {error.start + 1} of the line",
        )
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        return ReadProblem(
            path=path, line=line_number, record=record,
            message=f"record {record}: invalid JSON at column {error.colno}: {error.msg}",
        )
    if not isinstance(value, dict):
        return ReadProblem(
            path=path, line=line_number, record=record,
            message=f"record {record}: expected a JSON object, got {type(value).__name__}",
        )
    index = _LineIndex(text, first_line=line_number)
    return _article(path, "jsonl", record, value, text, 0, index, fields)


def read_json(file: InputFile, fields: FieldMap) -> Iterator[Article | ReadProblem]:
    data = read_all(file)
    if isinstance(data, ReadProblem):
        yield data
        return
    text = decode_text(data, file.path)
    if isinstance(text, ReadProblem):
        yield text
        return
    index = _LineIndex(text, first_line=1)
    start = _WHITESPACE.match(text).end()  # type: ignore[union-attr]
    if start == len(text):
        yield ReadProblem(path=file.path, line=1, message="empty JSON file", fatal=True)
        return
    if text[start] != "[":
        try:
            value, end = _decoder.raw_decode(text, start)
        except json.JSONDecodeError as error:
            yield _json_problem(file.path, error, None)
            return
        if _WHITESPACE.match(text, end).end() != len(text):  # type: ignore[union-attr]
            line, column = index.position(end)
            yield ReadProblem(path=file.path, line=line, message=f"extra data after the JSON "
                              f"value at column {column}; use .jsonl for one record per line",
                              fatal=True)
            return
        if not isinstance(value, dict):
            yield ReadProblem(path=file.path, line=1, fatal=True,
                              message="expected a JSON object or an array of objects")
            return
        yield _article(file.path, "json", None, value, text, start, index, fields)
        return
    yield from _array_records(file.path, text, start + 1, index, fields)


def _array_records(
    path: str, text: str, position: int, index: _LineIndex, fields: FieldMap
) -> Iterator[Article | ReadProblem]:
    record = 0
    while True:
        position = _WHITESPACE.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith("]", position):
            return
        record += 1
        try:
            value, end = _decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            yield _json_problem(path, error, record)
            return
        if isinstance(value, dict):
            yield _article(path, "json", record, value, text, position, index, fields)
        else:
            line, _ = index.position(position)
            yield ReadProblem(path=path, line=line, record=record,
                              message=f"record {record}: expected a JSON object, "
                              f"got {type(value).__name__}")
        position = _WHITESPACE.match(text, end).end()  # type: ignore[union-attr]
        if text.startswith(",", position):
            position += 1
        elif not text.startswith("]", position):
            line, column = index.position(position)
            yield ReadProblem(path=path, line=line, record=record, fatal=True,
                              message=f"expected ',' or ']' after record {record} "
                              f"at column {column}")
            return


def _json_problem(path: str, error: json.JSONDecodeError, record: int | None) -> ReadProblem:
    where = f"record {record}: " if record else ""
    return ReadProblem(path=path, line=error.lineno, record=record, fatal=True,
                       message=f"{where}invalid JSON at column {error.colno}: {error.msg}")


class _LineIndex:
    """Offsets of line starts in a decoded text, for offset -> (line, column)."""

    def __init__(self, text: str, first_line: int) -> None:
        self.first_line = first_line
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        row = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + row, offset - self.starts[row] + 1


def _article(
    path: str,
    fmt: str,
    record: int | None,
    value: dict[str, Any],
    text: str,
    record_start: int,
    index: _LineIndex,
    fields: FieldMap,
) -> Article:
    values, chosen = map_fields(value, fields)
    body = values.pop("body", None) or ""
    sources: dict[str, FieldSource] = {}
    for field, key in chosen.items():
        source = _locate_value(text, record_start, key, index)
        if source is not None:
            sources[field] = source
    if "body" not in sources:
        line, column = index.position(record_start)
        sources["body"] = FieldSource(line=line, column=column, continuation_column=column)
    used = {key.split(".")[0] for key in chosen.values()}
    extra = {key: item for key, item in value.items() if key not in used}
    return Article(path=path, format=fmt, record=record, body=body, sources=sources,
                   extra=extra, **values)


def _locate_value(text: str, start: int, dotted: str, index: _LineIndex) -> FieldSource | None:
    """Find where a key's string value starts in the raw record (only computed for chosen keys)."""
    position = start
    for part in dotted.split("."):
        key = re.compile(re.escape(json.dumps(part)) + r"\s*:\s*")
        match = key.search(text, position)
        if match is None:
            return None
        position = match.end()
    if not text.startswith('"', position):
        line, column = index.position(position)
        return FieldSource(line=line, column=column, continuation_column=column)
    literal_match = _STRING_BODY.match(text, position + 1)
    literal = literal_match.group(0) if literal_match else ""
    line, column = index.position(position + 1)
    return FieldSource(kind="json", line=line, column=column, literal=literal)
