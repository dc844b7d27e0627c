"""The bounded text memo shared by the structure analysis and the AD rules."""

from __future__ import annotations

import pytest

from artlint import memo


def test_a_judgement_is_made_once_per_key() -> None:
    calls: list[str] = []

    def judge(text: str) -> int:
        calls.append(text)
        return len(text)

    seen: dict[str, int] = {}
    assert memo.remembered(seen, "menu", judge, "menu") == 4
    assert memo.remembered(seen, "menu", judge, "menu") == 4
    assert calls == ["menu"]


def test_a_full_memo_is_cleared_not_grown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "MEMO_MAX", 3)
    seen: dict[int, int] = {}
    for key in range(10):
        memo.remembered(seen, key, abs, key)
        assert len(seen) <= 3
    assert seen[9] == 9
