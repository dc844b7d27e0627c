"""Run every case file in tests/cases/ (ids like ``EX001:capitals``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from artlint.testing import RuleCase, case_params, run_case


@pytest.mark.parametrize("case", case_params(Path(__file__).parent / "cases"))
def test_case(case: RuleCase) -> None:
    run_case(case)
