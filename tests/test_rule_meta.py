"""Meta-tests over every installed rule: documented, well-formed, codes and names unique."""

from __future__ import annotations

import pytest

from artlint.rules import Rule
from artlint.testing import duplicate_problems, installed_rules, rule_problems

RULES = installed_rules()


def test_rules_are_installed() -> None:
    assert len(RULES) >= 10, "the built-in rule packs did not load"


@pytest.mark.parametrize("item", RULES, ids=[f"{r.code}:{r.name}" for r in RULES])
def test_rule_conforms_to_the_house_style(item: Rule) -> None:
    assert rule_problems(item) == []


def test_codes_and_names_are_unique() -> None:
    assert duplicate_problems(RULES) == []
