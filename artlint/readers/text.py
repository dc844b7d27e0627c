"""Plain-text articles: the scraped page as text, head lines, body paragraphs and tail lines."""

from __future__ import annotations

from collections.abc import Iterator

from artlint.fields import FieldMap
from artlint.models import Article, FieldSource
from artlint.readers.base import InputFile, ReadProblem, decode_text, read_all


def read_text(file: InputFile, fields: FieldMap) -> Iterator[Article | ReadProblem]:
    data = read_all(file)
    if isinstance(data, ReadProblem):
        yield data
        return
    text = decode_text(data, file.path)
    if isinstance(text, ReadProblem):
        yield text
        return
    yield Article(path=file.path, format="text", body=text, sources={"body": FieldSource()})
