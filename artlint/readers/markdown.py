"""Markdown articles with optional YAML front matter (read with a safe loader only)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from artlint.fields import FieldMap, map_fields
from artlint.models import Article, FieldSource
from artlint.readers.base import InputFile, ReadProblem, decode_text, read_all

_FENCE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)
_SafeLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_markdown(file: InputFile, fields: FieldMap) -> Iterator[Article | ReadProblem]:
    data = read_all(file)
    if isinstance(data, ReadProblem):
        yield data
        return
    text = decode_text(data, file.path)
    if isinstance(text, ReadProblem):
        yield text
        return
    front, body_offset = _split_front_matter(text)
    if front is None:
        yield Article(path=file.path, format="markdown", body=text, sources={"body": FieldSource()})
        return
    try:
        meta = yaml.load(front, Loader=_SafeLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1  # `front` starts on the fence line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        yield ReadProblem(
            path=file.path, line=line, message=f"front matter is not safe YAML: {problem}",
            fatal=True,
        )
        return
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        yield ReadProblem(
            path=file.path, line=2, message="front matter must be a mapping of keys to values",
            fatal=True,
        )
        return
    meta = {str(key): value for key, value in meta.items()}
    body = text[body_offset:]
    body_line = text.count("\n", 0, body_offset) + 1
    values, chosen = map_fields(_stringify_dates(meta), fields)
    values.pop("body", None)
    sources = {"body": FieldSource(line=body_line)}
    sources.update(_front_matter_sources(front, chosen))
    used = {key.split(".")[0] for key in chosen.values()}
    extra = {key: value for key, value in meta.items() if key not in used}
    yield Article(
        path=file.path, format="markdown", body=body, sources=sources, extra=extra, **values,
    )


def _split_front_matter(text: str) -> tuple[str | None, int]:
    if not text.startswith("---"):
        return None, 0
    first = _FENCE.match(text)
    if first is None:
        return None, 0
    closing = _FENCE.search(text, first.end())
    if closing is None:
        return None, 0
    front = text[first.end() : closing.start()]
    end = closing.end()
    if text.startswith("\n", end):
        end += 1
    return front, end


def _stringify_dates(meta: dict[str, Any]) -> dict[str, Any]:
    # YAML turns 2024-05-01 into a date object; rules validate the text the author wrote.
    return {key: value.isoformat() if hasattr(value, "isoformat") else value
            for key, value in meta.items()}


def _front_matter_sources(front: str, chosen: dict[str, str]) -> dict[str, FieldSource]:
    sources: dict[str, FieldSource] = {}
    lines = front.split("\n")
    for field, key in chosen.items():
        top = key.split(".")[0]
        pattern = re.compile(rf"^{re.escape(top)}[ \t]*:[ \t]*(['\"]?)")
        for index, line in enumerate(lines):
            match = pattern.match(line)
            if match:
                # `front` starts with the rest of the fence line, so index 0 is file line 1
                sources[field] = FieldSource(line=index + 1, column=match.end() + 1)
                break
    return sources
