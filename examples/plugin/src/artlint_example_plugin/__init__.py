"""An example artlint plugin: the hooks artlint calls, each returning what this package offers."""

from __future__ import annotations

from artlint import Rule, hookimpl
from artlint.readers.base import Reader

from artlint_example_plugin.reader import read_article_file
from artlint_example_plugin.rules import shouting_title


@hookimpl
def artlint_rules() -> list[Rule]:
    return [shouting_title]


@hookimpl
def artlint_readers() -> list[Reader]:
    return [
        Reader(
            name="article",
            suffixes=(".article",),
            read=read_article_file,
            description="'Key: value' header lines, a blank line, then the body",
        )
    ]
