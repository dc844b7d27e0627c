"""The plugin's rule, reader and shape, tested with artlint's test kit (fixtures from pytest11)."""

from __future__ import annotations

from artlint.testing import FixFunction, LintFunction, assert_rules_conform, assert_violations

import artlint_example_plugin

ARTICLE = """Title: MINISTER VISITS VIENNA
Author:   Jane Doe
Section: World

The minister arrived in Vienna on Monday for two days of talks, officials said.
"""


def test_rules_conform_to_artlint_house_style() -> None:
    assert_rules_conform(artlint_example_plugin.artlint_rules())


def test_reader_maps_headers_to_fields_with_positions(artlint_lint: LintFunction) -> None:
    found = artlint_lint(ARTICLE, select=["EX001"], format="article")
    assert_violations(found, ["EX001:1:8"])
    assert (found[0].end_line, found[0].end_column) == (1, 30)


def test_min_letters_option(artlint_lint: LintFunction) -> None:
    options = {"EX001": {"min-letters": 30}}
    assert artlint_lint(ARTICLE, select=["EX001"], format="article", options=options) == []


def test_a_header_without_a_colon_is_reported_not_raised(artlint_lint: LintFunction) -> None:
    found = artlint_lint("Title MINISTER\n\nBody.\n", select=["EX001"], format="article")
    assert_violations(found, ["AL002:1"])


def test_unsafe_fix(artlint_fix: FixFunction) -> None:
    fixed = artlint_fix(ARTICLE, select=["EX001"], format="article", unsafe=True)
    assert isinstance(fixed, str)
    assert fixed.splitlines()[0] == "Title: Minister visits vienna"
    assert artlint_fix(ARTICLE, select=["EX001"], format="article") == ARTICLE
