"""DU rules: repeated paragraphs and repeated article blocks; legitimate repetition."""

from __future__ import annotations

from pathlib import Path

import pytest

from artlint.testing import assert_violations, lint

SHARED = Path(__file__).resolve().parents[2] / "shared"

P1 = "Israeli courts, however, have declared most major settlements legal under their law."
P2 = "The minister said the decision would be reviewed by the cabinet next week in Jerusalem."
P3 = "Opposition leaders called the move reckless and promised to challenge it in parliament."
P4 = "Analysts expect the dispute to dominate the campaign until the election in the spring."


def test_repeated_paragraph_points_to_the_first() -> None:
    text = f"{P1}\n\n{P2}\n\n{P1.upper()}\n"
    [violation] = lint(text, select=["DU"])
    assert (violation.code, violation.line) == ("DU001", 5)
    assert "line 1" in violation.message


def test_digits_and_spacing_are_normalised() -> None:
    first = "Sales rose 5% to 120 million euros in the third quarter, the company said today."
    again = "Sales  rose 7% to 130 million euros in the third quarter, the company said today."
    assert_violations(lint(f"{first}\n{again}", select=["DU"]), ["DU001:2"])


def test_whole_article_repeated_is_one_block() -> None:
    body = "\n\n".join([P1, P2, P3, P4])
    found = lint(f"{body}\n\n{body}\n", select=["DU"])
    assert_violations(found, ["DU002:9"])
    assert "lines 9-15" in found[0].message and "lines 1-7" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        # short labels, questions, data-like list items and credits recur legitimately
        "Q: Favorite apps?\nA: Uber\nQ: Favorite apps?\nA: Maps",
        "What inspired you to start cooking for your family and friends every day?\n" * 2,
        "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp. of olive oil and salt.\n" * 2,
        "— The Nigerian Senate (@NGRSenate) October 9, 2018\n" * 2,
        "Short line that repeats.\n" * 3,
        f"{P1}\n{P2}\n{P3}",
    ],
)
def test_legitimate_repetition_is_not_flagged(text: str) -> None:
    assert lint(text, select=["DU"]) == []


def test_min_chars_option() -> None:
    text = f"{P1}\n{P1}"
    assert lint(text, select=["DU"], options={"DU001": {"min-chars": 200}}) == []


def test_clean_ground_truth_has_no_duplication_findings() -> None:
    folder = SHARED / "corpus" / "aeb" / "txt" / "gt"
    if not folder.is_dir():
        pytest.skip("aeb corpus not available")
    found = [v for path in sorted(folder.glob("*.txt")) for v in lint(path, select=["DU"])]
    assert len(found) <= 1, found
