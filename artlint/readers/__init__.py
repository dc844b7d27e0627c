"""Built-in readers, registered as a plugin through the ``artlint`` entry-point group."""

from __future__ import annotations

from artlint._hookimpl import hookimpl
from artlint.readers.base import Reader
from artlint.readers.markdown import read_markdown
from artlint.readers.records import read_json, read_json_lines
from artlint.readers.text import read_text


@hookimpl
def artlint_readers() -> list[Reader]:
    return [
        Reader(
            name="text",
            suffixes=(".txt", ".text"),
            read=read_text,
            description="the scraped page as plain text",
        ),
        Reader(
            name="markdown",
            suffixes=(".md", ".markdown"),
            read=read_markdown,
            description="Markdown with optional YAML front matter",
        ),
        Reader(
            name="json",
            suffixes=(".json",),
            read=read_json,
            description="one JSON record, or an array of records",
        ),
        Reader(
            name="jsonl",
            suffixes=(".jsonl", ".ndjson"),
            read=read_json_lines,
            description="JSON Lines: one record per line",
        ),
    ]
