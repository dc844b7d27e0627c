"""ST001 empty-body: empty and white-space-only bodies, records, and clean articles."""

from __future__ import annotations

import pytest

from artlint.testing import assert_violations, lint

ARTICLE = "The council approved the budget on Monday after a long debate over school funding.\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", ["ST001:1:1"]),
        ("   \n\n\t\n", ["ST001:1:1"]),
        ("\u200b\n\ufeff \n", ["ST001:1:1"]),
        ({"title": "Budget", "body": ""}, ["ST001"]),
        ({"title": "Budget", "body": " \n "}, ["ST001"]),
        (ARTICLE, []),
        ("Short.", []),
        ({"title": "Budget", "body": ARTICLE}, []),
    ],
)
def test_empty_body(source: object, expected: list[str]) -> None:
    assert_violations(lint(source, select=["ST001"]), expected)  # type: ignore[arg-type]


def test_message_names_the_problem() -> None:
    [violation] = lint("  \n", select=["ST001"])
    assert "empty" in violation.message and "white space" in violation.message


def test_invisible_only_body_can_count_as_text() -> None:
    found = lint("\u200b\n", select=["ST001"], options={"ST001": {"invisible-is-empty": False}})
    assert found == []


def test_no_truncation_finding_on_empty_files() -> None:
    assert [v.code for v in lint("", select=["TR", "ST"])] == ["ST001"]
