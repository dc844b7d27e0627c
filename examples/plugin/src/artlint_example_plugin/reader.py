"""Reader for ``.article`` files: ``Key: value`` header lines, a blank line, then the body."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from artlint import Article
from artlint.fields import FieldMap
from artlint.models import METADATA_FIELDS, FieldSource
from artlint.readers.base import InputFile, ReadProblem, decode_text, read_all


def read_article_file(file: InputFile, fields: FieldMap) -> Iterator[Article | ReadProblem]:
    data = read_all(file)
    text = decode_text(data, file.path) if isinstance(data, bytes) else data
    if isinstance(text, ReadProblem):
        yield text
        return
    values: dict[str, Any] = {}
    extra: dict[str, str] = {}
    sources: dict[str, FieldSource] = {}
    lines = text.split("\n")
    body_line = len(lines)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            body_line = number + 1
            break
        key, colon, value = line.partition(":")
        if not colon or not key.strip() or " " in key.strip():
            yield ReadProblem(
                path=file.path,
                line=number,
                message=f"header line {number} is not 'Key: value' "
                "(end the header with a blank line)",
                fatal=True,
            )
            return
        name = _field_name(key.strip().lower(), fields)
        stripped = value.strip()
        column = len(key) + 2 + (len(value) - len(value.lstrip()))
        (values if name in (*METADATA_FIELDS, "language") else extra)[name] = stripped
        sources[name] = FieldSource(line=number, column=column)
    body = "\n".join(lines[body_line - 1 :])
    sources["body"] = FieldSource(line=body_line)
    yield Article(
        path=file.path, format="article", body=body, extra=extra, sources=sources, **values
    )


def _field_name(key: str, fields: FieldMap) -> str:
    """The article field a header key fills, by the same key lists as JSON records use."""
    for name, keys in fields.keys.items():
        if name != "body" and key in (k.lower() for k in keys):
            return name
    return key
