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


def test_a_record_with_its_text_under_an_unmapped_key_says_where() -> None:
    [violation] = lint({"title": "Budget", "story": ARTICLE * 3}, select=["ST001"])
    assert "under 'story'" in violation.message
    assert '[tool.artlint.fields] body = ["story"]' in violation.message
    # front matter has no body key to map: no advice there
    markdown = "---\ndescription: " + "word " * 80 + "\n---\n"
    [violation] = lint(markdown, select=["ST001"], format="markdown")
    assert "under" not in violation.message
    # short values (a title, a URL) are no article text
    [violation] = lint({"title": "Budget", "url": "https://example.com/a"}, select=["ST001"])
    assert "under" not in violation.message


def test_invisible_only_body_can_count_as_text() -> None:
    found = lint("\u200b\n", select=["ST001"], options={"ST001": {"invisible-is-empty": False}})
    assert found == []


def test_no_truncation_finding_on_empty_files() -> None:
    assert [v.code for v in lint("", select=["TR", "ST"])] == ["ST001"]


@pytest.mark.parametrize(
    ("body", "empty"),
    [
        # white space and invisible characters interleaved, in any order and amount
        ("\u200b \u200c\n\u200d\t\u2060\u3000\ufeff\u00ad\u00a0\n" * 3, True),
        ("\u00ad", True),
        # one visible character anywhere makes it an article, however late it comes
        ("\u200b \n" * 50 + "x", False),
        ("\u200b \n" * 50 + "é" + "\u200b" * 5, False),
        ("\u00a0\u200b é", False),
        # an invisible character that is not on the list (INVISIBLE TIMES) is not white space
        ("\u2062\n", False),
    ],
)
def test_white_space_and_invisible_characters_in_any_order(body: str, empty: bool) -> None:
    assert [v.code for v in lint(body, select=["ST001"])] == (["ST001"] if empty else [])
