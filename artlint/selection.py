"""Which rules run: select / extend-select / ignore by code, code prefix or rule name.

The most specific selector wins (a full code or a name beats a prefix, a longer prefix beats a
shorter one); between equally specific select and ignore selectors, ignore wins. Rules that are off
by default run only when selected by their exact code or name (or ``ALL``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from artlint.rules import Rule


class SelectionError(Exception):
    """A selector that matches no rule."""


def _specificity(selector: str, rule: Rule) -> int | None:
    if selector == "ALL":
        return 0
    if selector == rule.code or selector == rule.name:
        return 10
    if rule.code.startswith(selector):
        return len(selector)
    return None


def check_selectors(selectors: Iterable[str], rules: Sequence[Rule], origin: str) -> None:
    for selector in selectors:
        if not any(_specificity(selector, item) is not None for item in rules):
            raise SelectionError(
                f"{origin}: unknown rule selector '{selector}' "
                "(not a rule code, code prefix or rule name)"
            )


def select_rules(
    rules: Sequence[Rule],
    select: Sequence[str] | None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[Rule]:
    chosen = []
    for item in rules:
        best_select = -1
        if select is None and item.default_enabled:
            best_select = 0
        for selector in [*(select or ()), *extend_select]:
            score = _specificity(selector, item)
            if score is None:
                continue
            if not item.default_enabled and score not in (0, 10):
                continue
            if selector == "ALL" and not item.default_enabled:
                score = 0
            best_select = max(best_select, score)
        if best_select < 0:
            continue
        best_ignore = max(
            (s for s in (_specificity(sel, item) for sel in ignore) if s is not None), default=-1
        )
        if best_ignore >= best_select:
            continue
        chosen.append(item)
    return chosen
