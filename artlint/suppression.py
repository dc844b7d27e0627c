"""Suppressing violations without editing article text.

- Markdown (and plain-text) comments: ``<!-- artlint: disable=AD001,DT -->`` from that line on,
  ``<!-- artlint: enable=AD001 -->`` to end it (a bare ``enable`` ends them all),
  ``<!-- artlint: disable-next-line=AD001 -->`` for the next line only. Without ``=codes`` they
  apply to every code.
- A front-matter key or a JSON record key: ``artlint: {ignore: [DT003], reason: "..."}`` or
  ``"_artlint": {"ignore": ["DT003"], "reason": "..."}`` for the whole record (a string,
  ``"ignore": "DT003,AD001"``, is read as its comma-separated codes).

Selectors are codes, code prefixes or rule names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from artlint._hookimpl import hookimpl
from artlint.models import Article, Finding, Violation
from artlint.rules import Rule, rule

_DIRECTIVE = re.compile(
    r"<!--\s*artlint:\s*(disable-next-line|disable|enable)\s*(?:=\s*([A-Za-z0-9_,\s-]*?))?\s*-->"
)
RECORD_KEYS = ("_artlint", "artlint")
UNUSED_CODE = "AL004"


@dataclass
class Directive:
    kind: str
    selectors: tuple[str, ...]  # empty: every code
    line: int
    column: int
    used: bool = False
    #: for disable: the line where a matching enable ends it (exclusive); None = end of file
    until: int | None = None

    def matches(self, violation: Violation) -> bool:
        if not self.selectors:
            return True
        return any(violation.code.startswith(s) or violation.name == s for s in self.selectors)


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    record_selectors: tuple[str, ...] = ()
    record_used: bool = False

    def __bool__(self) -> bool:
        return bool(self.directives or self.record_selectors)


def _split(selectors: str | None) -> tuple[str, ...]:
    if not selectors:
        return ()
    return tuple(part.strip() for part in selectors.split(",") if part.strip())


def collect(article: Article) -> Suppressions:
    found = Suppressions()
    for key in RECORD_KEYS:
        table = article.extra.get(key)
        ignore = table.get("ignore") if isinstance(table, dict) else None
        if isinstance(ignore, list):
            found.record_selectors = tuple(str(item) for item in ignore)
            break
        if isinstance(ignore, str):
            # "ignore": "AD001" or "AD001, DT003", as a list of one was meant
            found.record_selectors = _split(ignore)
            break
    body = article.body
    if "artlint:" not in body:
        return found
    open_disables: list[Directive] = []
    for match in _DIRECTIVE.finditer(body):
        line, column = article.locate("body", match.start())
        directive = Directive(match.group(1), _split(match.group(2)), line, column)
        if directive.kind == "enable":
            for disable in open_disables:
                if not directive.selectors or set(disable.selectors) <= set(directive.selectors):
                    disable.until = line
            open_disables = [d for d in open_disables if d.until is None]
            continue
        if directive.kind == "disable":
            open_disables.append(directive)
        found.directives.append(directive)
    return found


def _covers(directive: Directive, violation: Violation) -> bool:
    if directive.kind == "disable-next-line":
        return violation.line == directive.line + 1
    return violation.line >= directive.line and (
        directive.until is None or violation.line < directive.until
    )


def apply(article: Article, violations: list[Violation], report_unused: bool) -> list[Violation]:
    """Drop suppressed violations; with ``report_unused`` add AL004 for idle directives."""
    found = collect(article)
    if not found:
        return violations
    kept = []
    for violation in violations:
        if violation.code.startswith("AL"):
            kept.append(violation)
            continue
        if found.record_selectors and any(
            violation.code.startswith(s) or violation.name == s for s in found.record_selectors
        ):
            found.record_used = True
            continue
        suppressed = False
        for directive in found.directives:
            if directive.matches(violation) and _covers(directive, violation):
                directive.used = True
                suppressed = True
        if not suppressed:
            kept.append(violation)
    if report_unused:
        kept.extend(_unused(article, found))
    return kept


def _unused(article: Article, found: Suppressions) -> Iterator[Violation]:
    for directive in found.directives:
        if not directive.used:
            codes = ",".join(directive.selectors) or "every code"
            yield _unused_violation(
                article,
                directive.line,
                directive.column,
                f"suppression '{directive.kind}' for {codes} suppresses nothing; remove it",
            )
    if found.record_selectors and not found.record_used:
        line, column = article.locate("body", 0)
        yield _unused_violation(
            article,
            line,
            column,
            f"record suppression of {','.join(found.record_selectors)} "
            "suppresses nothing; remove it",
        )


def _unused_violation(article: Article, line: int, column: int, message: str) -> Violation:
    return Violation(
        code=UNUSED_CODE,
        name=unused_suppression.name,
        message=message,
        severity="info",
        path=article.path,
        line=line,
        column=column,
        end_line=line,
        end_column=column,
        record=article.record,
        field="body",
    )


@rule(
    code=UNUSED_CODE,
    name="unused-suppression",
    severity="info",
    default_enabled=False,
    summary="A suppression comment or record key that suppresses nothing",
)
def unused_suppression(article: Article, options: object) -> Iterator[Finding]:
    """## What it does
    Reports ``<!-- artlint: disable... -->`` comments and ``_artlint`` record keys that did not
    suppress any violation in this run. Off by default; enable it with
    ``--extend-select AL004``.

    ## Why is this bad?
    A suppression outlives the problem it hid: once the text is cleaned, the stale comment can
    hide the next, unrelated problem of the same kind.

    ## Example
    ```markdown
    <!-- artlint: disable-next-line=AD001 -->
    A perfectly normal paragraph.
    ```

    ## How to fix or suppress
    Delete the comment or key. To keep it anyway, leave this rule off (the default).
    """
    # The engine reports this rule itself after suppressions are applied; the check is a marker.
    return iter(())


@hookimpl
def artlint_rules() -> list[Rule]:
    return [unused_suppression]
