"""The engine in-process: binding and selection, findings to violations, crash isolation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from artlint import Article, Finding, NoOptions, Rule, rule
from artlint.config import ConfigError, Settings
from artlint.engine import (
    BoundRule,
    bind_rules,
    check_article,
    check_articles,
    lint,
    problem_violation,
)
from artlint.models import RECORD_SOURCE, FieldSource
from artlint.plugins import Registry
from artlint.readers.base import ReadProblem
from artlint.rules import InvalidRule
from artlint.selection import SelectionError


@rule(code="ZZ701", name="word-needle", summary="The word NEEDLE")
def word_needle(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags NEEDLE.
    """
    start = article.body.find("NEEDLE")
    if start != -1:
        yield Finding(message="needle", start=start, end=start + 6)


@rule(code="ZZ702", name="title-needle", summary="NEEDLE in the title", severity="error")
def title_needle(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags NEEDLE in the title.
    """
    start = (article.title or "").find("NEEDLE")
    if start != -1:
        yield Finding(message="title needle", field="title", start=start, end=start + 6)


@rule(code="ZZ703", name="always-crashes", summary="Raises")
def always_crashes(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Raises.
    """
    raise ValueError("bad rule")
    yield  # pragma: no cover


@rule(code="ZZ711", name="opt-in-rule", summary="Off by default", default_enabled=False)
def opt_in(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Always flags the first character.
    """
    yield Finding(message="opt-in", start=0, end=1)


def registry(*rules: Rule) -> Registry:
    chosen = rules or (word_needle, title_needle, always_crashes, opt_in)
    return Registry(rules={item.code: item for item in chosen})


def selected(settings: Settings) -> list[str]:
    return [bound.rule.code for bound in bind_rules(registry(), settings)]


ARTICLE = Article(
    path="a.jsonl",
    format="jsonl",
    record=3,
    body="Text with NEEDLE.",
    title="Title NEEDLE",
    url="https://example.org/x",
    sources={
        "body": FieldSource(line=7, column=30),
        "title": FieldSource(kind="json", line=7, column=11, literal="Title NEEDLE"),
    },
)


@pytest.mark.parametrize(
    ("settings", "codes"),
    [
        (Settings(), ["ZZ701", "ZZ702", "ZZ703"]),
        (Settings(select=["ZZ70"]), ["ZZ701", "ZZ702", "ZZ703"]),
        (Settings(select=["ZZ7"]), ["ZZ701", "ZZ702", "ZZ703"]),
        (Settings(select=["ALL"]), ["ZZ701", "ZZ702", "ZZ703", "ZZ711"]),
        (Settings(extend_select=["opt-in-rule"]), ["ZZ701", "ZZ702", "ZZ703", "ZZ711"]),
        (Settings(ignore=["ZZ70"], extend_select=["ZZ701"]), ["ZZ701"]),
        (Settings(select=["ZZ70"], ignore=["always-crashes"]), ["ZZ701", "ZZ702"]),
        (Settings(select=["ZZ701"], ignore=["ZZ701"]), []),
    ],
)
def test_selection(settings: Settings, codes: list[str]) -> None:
    assert selected(settings) == codes


def test_prefix_does_not_enable_an_opt_in_rule() -> None:
    assert "ZZ711" not in selected(Settings(select=["ZZ71"]))


def test_unknown_selector_and_options() -> None:
    with pytest.raises(SelectionError, match="'ZZ9'"):
        selected(Settings(select=["ZZ9"]))
    with pytest.raises(ConfigError, match="unknown rule"):
        selected(Settings(rules={"nope": {"x": 1}}))
    with pytest.raises(ConfigError, match="options of rule ZZ701"):
        selected(Settings(rules={"word-needle": {"x": 1}}))


def test_severity_override_by_name() -> None:
    bound = bind_rules(registry(), Settings(rules={"word-needle": {"severity": "info"}}))
    assert {b.rule.code: b.severity for b in bound}["ZZ701"] == "info"


def test_findings_become_located_violations() -> None:
    bound = bind_rules(registry(), Settings(select=["ZZ701", "ZZ702"]))
    found = {v.code: v for v in check_article(ARTICLE, bound)}
    body, title = found["ZZ701"], found["ZZ702"]
    assert (body.line, body.column, body.end_line, body.end_column) == (7, 40, 7, 46)
    assert (title.line, title.column, title.end_column) == (7, 17, 23)
    assert (body.record, body.field, title.field) == (3, "body", "title")
    assert (body.severity, title.severity) == ("warning", "error")
    assert body.path == "a.jsonl" and body.name == "word-needle"
    assert body.fingerprint and body.fingerprint != title.fingerprint


def test_articles_checked_together_get_what_each_gets_alone() -> None:
    """check_articles runs rule by rule over the articles; each article's violations, and
    their order, are what check_article gives it, crashes of a rule included."""

    def crashes_on_short(article: Article, options: object) -> Iterator[Finding]:
        if len(article.body) < 10:
            raise RuntimeError("too short")
        yield Finding(message="long enough", start=0, end=4)

    crashing = Rule(code="ZZ790", name="crashes-on-short", summary="s", check=crashes_on_short)
    bound = [
        *bind_rules(registry(), Settings(select=["ZZ701", "ZZ702"])),
        BoundRule(crashing, NoOptions(), "warning"),
    ]
    articles = [
        ARTICLE,
        Article(path="b.txt", format="text", body="short"),
        ARTICLE.model_copy(update={"body": "No needle at all in this one, it is long."}),
    ]
    together = check_articles(articles, bound)
    assert together == [check_article(article, bound) for article in articles]
    assert [[v.code for v in each] for each in together] == [
        ["ZZ701", "ZZ702", "ZZ790"],
        ["AL001"],
        ["ZZ702", "ZZ790"],
    ]


def test_fingerprint_ignores_position_but_not_identity() -> None:
    bound = bind_rules(registry(), Settings(select=["ZZ701"]))
    moved = ARTICLE.model_copy(update={"sources": {"body": FieldSource(line=99)}})
    elsewhere = ARTICLE.model_copy(update={"url": "https://example.org/other"})
    first = check_article(ARTICLE, bound)[0]
    assert check_article(moved, bound)[0].fingerprint == first.fingerprint
    assert check_article(elsewhere, bound)[0].fingerprint != first.fingerprint


def test_a_crashing_rule_is_isolated() -> None:
    bound = bind_rules(registry(), Settings())
    violations = check_article(ARTICLE, bound)
    assert sorted(v.code for v in violations) == ["AL001", "ZZ701", "ZZ702"]
    crash = next(v for v in violations if v.code == "AL001")
    assert crash.message == "rule ZZ703 (always-crashes) crashed: ValueError: bad rule"
    assert (crash.severity, crash.line, crash.column, crash.record) == ("error", 7, 30, 3)


def test_crash_on_one_article_does_not_stop_the_next() -> None:
    @rule(code="ZZ704", name="crash-on-boom", summary="Raises on BOOM")
    def boom(article: Article, options: NoOptions) -> Iterator[Finding]:
        """## What it does
        Raises on BOOM.
        """
        if "BOOM" in article.body:
            raise KeyError("boom")
        yield from ()

    articles = [
        Article(path="a.txt", format="text", body="BOOM NEEDLE"),
        Article(path="b.txt", format="text", body="fine NEEDLE"),
    ]
    violations = lint(articles, Settings(), registry(word_needle, boom))
    assert [(v.path, v.code) for v in violations] == [
        ("a.txt", "ZZ701"),
        ("a.txt", "AL001"),
        ("b.txt", "ZZ701"),
    ]


def test_read_problem_becomes_an_error_violation() -> None:
    problem = ReadProblem(path="x.jsonl", line=4, record=2, message="record 2: invalid JSON")
    violation = problem_violation(problem)
    assert (violation.code, violation.name, violation.severity) == (
        "AL002",
        "unreadable-input",
        "error",
    )
    assert (violation.path, violation.line, violation.column, violation.record) == (
        "x.jsonl",
        4,
        1,
        2,
    )
    whole_file = problem_violation(ReadProblem(path="y.txt", message="binary file"))
    assert (whole_file.line, whole_file.column) == (1, 1)


def test_empty_span_and_reversed_end_are_safe() -> None:
    @rule(code="ZZ705", name="odd-spans", summary="Odd spans")
    def odd(article: Article, options: NoOptions) -> Iterator[Finding]:
        """## What it does
        Yields odd spans.
        """
        yield Finding(message="empty", start=3)
        yield Finding(message="reversed", start=5, end=2)

    article = Article(path="a.txt", format="text", body="one\ntwo", sources={"body": FieldSource()})
    violations = lint([article], Settings(), registry(odd))
    spans = [(v.line, v.column, v.end_line, v.end_column) for v in violations]
    assert spans == [(1, 4, 1, 4), (2, 2, 2, 2)]


def _misbehaving(behaviour: str) -> Rule:
    @rule(code="ZZ706", name="misbehaves", summary="Misbehaves", fix="safe")
    def misbehaves(article: Article, options: NoOptions) -> Iterator[Finding]:
        """## What it does
        Misbehaves on purpose.
        """
        import sys

        from artlint import Fix

        if behaviour == "exit":
            sys.exit(0)
        elif behaviour == "not-a-finding":
            yield {"message": "x"}  # type: ignore[misc]
        elif behaviour == "past-the-end":
            yield Finding(message="x", start=10_000)
        elif behaviour == "negative":
            yield Finding(message="x", start=-5, end=-1)
        elif behaviour == "reversed-fix":
            yield Finding(message="x", start=0, end=3, fix=Fix(replacement="Z", start=3, end=0))
        elif behaviour == "fix-past-the-end":
            yield Finding(message="x", start=0, end=3, fix=Fix(replacement="Z", start=5, end=999))
        elif behaviour == "surrogate-fix":
            yield Finding(
                message="x", start=0, end=3, fix=Fix(replacement="\udcff", start=0, end=3)
            )
        elif behaviour == "unprintable-error":

            class Broken(Exception):
                def __str__(self) -> str:
                    raise RuntimeError("no")

            raise Broken
        elif behaviour == "multi-line-error":
            raise ValueError("first line\nsecond line")

    return misbehaves


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [
        ("exit", "crashed: SystemExit"),
        ("not-a-finding", "gave a bad finding: yielded dict, not a Finding"),
        ("past-the-end", "gave a bad finding: span 10000-10000 lies outside the body text"),
        ("negative", "gave a bad finding: span -5--1 lies outside the body text"),
        ("reversed-fix", "gave a bad finding: fix span 3-0 lies outside the body text"),
        ("fix-past-the-end", "gave a bad finding: fix span 5-999 lies outside the body text"),
        ("surrogate-fix", "fix replacement holds a lone surrogate"),
        ("unprintable-error", "crashed: Broken: (its message could not be shown)"),
        ("multi-line-error", "crashed: ValueError: first line second line"),
    ],
)
def test_a_misbehaving_rule_is_one_al001_and_the_others_still_run(
    behaviour: str, message: str
) -> None:
    article = Article(
        path="a.txt", format="text", body="one NEEDLE\ntwo", sources={"body": FieldSource()}
    )
    violations = lint([article], Settings(), registry(word_needle, _misbehaving(behaviour)))
    codes = [v.code for v in violations]
    assert sorted(codes) == ["AL001", "ZZ701"], codes
    crash = next(v for v in violations if v.code == "AL001")
    assert message in crash.message
    assert "\n" not in crash.message


def test_options_of_a_plain_model_still_refuse_unknown_keys_and_odd_validators() -> None:
    from pydantic import BaseModel, field_validator

    class Plain(BaseModel):  # not a RuleOptions: would drop unknown keys without a word
        min_words: int = 3

        @field_validator("min_words")
        @classmethod
        def _boom(cls, value: int) -> int:
            if value == 13:
                raise RuntimeError("unlucky")
            return value

    @rule(code="ZZ707", name="plain-options", summary="Plain options", options=Plain)
    def plain(article: Article, options: Plain) -> Iterator[Finding]:
        """## What it does
        Nothing.
        """
        return iter(())

    with pytest.raises(
        ConfigError, match=r"ZZ707 \(plain-options\): unknown option\(s\) 'min-word'"
    ):
        bind_rules(registry(plain), Settings(rules={"ZZ707": {"min-word": 5}}))
    with pytest.raises(ConfigError, match="ZZ707 .*RuntimeError: unlucky"):
        bind_rules(registry(plain), Settings(rules={"ZZ707": {"min_words": 13}}))
    bound = bind_rules(registry(plain), Settings(rules={"ZZ707": {"min_words": 5}}))
    assert bound[0].options == Plain(min_words=5)


@pytest.mark.parametrize(
    ("declared", "offered", "expected"),
    [("none", "safe", None), ("unsafe", "safe", "unsafe"), ("safe", "unsafe", "unsafe")],
)
def test_a_fix_is_never_more_applicable_than_its_rule_declares(
    declared: str, offered: str, expected: str | None
) -> None:
    from artlint import Fix

    @rule(code="ZZ708", name="declares-fixes", summary="Declares fixes", fix=declared)
    def declares(article: Article, options: NoOptions) -> Iterator[Finding]:
        """## What it does
        Offers a fix.
        """
        fix = Fix(replacement="", start=0, end=3, applicability=offered)  # type: ignore[arg-type]
        yield Finding(message="x", start=0, end=3, fix=fix)

    article = Article(path="a.txt", format="text", body="one", sources={"body": FieldSource()})
    (violation,) = lint([article], Settings(), registry(declares))
    assert (violation.fix.applicability if violation.fix else None) == expected


def _spans_rule(code: str, spans: list[tuple[int, int]], covers: tuple[str, ...] = ()) -> Rule:
    def check(article: Article, options: object) -> Iterator[Finding]:
        for start, end in spans:
            yield Finding(message=f"{code} {start}", start=start, end=end)

    return Rule(code=code, name=f"spans-{code.lower()}", summary="s", check=check, covers=covers)


def test_a_covering_finding_stands_for_the_covered_findings_inside_its_span() -> None:
    body = "0123456789 0123456789 0123456789"
    block = _spans_rule("ZZ750", [(0, 10)], covers=("ZZ76",))
    inner = _spans_rule("ZZ761", [(0, 4), (3, 10), (8, 14), (22, 26)])
    other = _spans_rule("ZZ771", [(2, 5)])  # not among what the block covers
    found = lint(
        [Article(path="a.txt", format="text", body=body, sources={"body": FieldSource()})],
        registry=Registry(rules={r.code: r for r in (block, inner, other)}),
    )
    # inside (0-4, 3-10) dropped; across the block's end (8-14) and outside (22-26) kept
    assert sorted((v.code, v.message) for v in found) == [
        ("ZZ750", "ZZ750 0"),
        ("ZZ761", "ZZ761 22"),
        ("ZZ761", "ZZ761 8"),
        ("ZZ771", "ZZ771 2"),
    ]


def test_covering_needs_the_covering_rule_to_run_and_never_drops_its_own_findings() -> None:
    body = "0123456789 0123456789"
    block = _spans_rule("ZZ750", [(0, 20), (2, 4)], covers=("ZZ75",))  # covers its own prefix
    inner = _spans_rule("ZZ751", [(2, 4)])
    rules = Registry(rules={r.code: r for r in (block, inner)})
    article = Article(path="a.txt", format="text", body=body, sources={"body": FieldSource()})
    assert [v.code for v in lint([article], registry=rules)] == ["ZZ750", "ZZ750"]
    alone = lint([article], Settings(ignore=["ZZ750"]), registry=rules)
    assert [v.code for v in alone] == ["ZZ751"]


def test_a_field_located_only_roughly_covers_nothing() -> None:
    """A body made of a JSON list (kind "value") reports every finding at the list's place,
    so a block would seem to hold every other finding."""
    block = _spans_rule("ZZ750", [(0, 4)], covers=("ZZ76",))
    inner = _spans_rule("ZZ761", [(1, 2), (8, 9)])
    rules = Registry(rules={r.code: r for r in (block, inner)})
    located_at_the_record = {RECORD_SOURCE: FieldSource(kind="value", line=2, column=1)}
    for sources in (located_at_the_record, {"body": FieldSource(kind="value", line=3, column=9)}):
        article = Article(path="a.json", format="json", body="abcd efgh ijkl", sources=sources)
        assert [v.code for v in lint([article], registry=rules)] == ["ZZ750", "ZZ761", "ZZ761"]


def test_an_article_made_in_code_is_located_and_covered_as_a_text_file_is() -> None:
    block = _spans_rule("ZZ750", [(0, 4)], covers=("ZZ76",))
    inner = _spans_rule("ZZ761", [(1, 2), (7, 9)])
    rules = Registry(rules={r.code: r for r in (block, inner)})
    article = Article(path="a.txt", format="text", body="abcd\nefgh ijkl")
    found = lint([article], registry=rules)
    assert [(v.code, v.line, v.column) for v in found] == [("ZZ750", 1, 1), ("ZZ761", 2, 3)]


def test_covering_spares_higher_severities_and_mutual_covers() -> None:
    body = "0123456789 0123456789"
    article = Article(path="a.txt", format="text", body=body, sources={"body": FieldSource()})
    block = _spans_rule("ZZ750", [(0, 20)], covers=("ZZ76",))
    inner = _spans_rule("ZZ761", [(2, 4)])
    rules = Registry(rules={r.code: r for r in (block, inner)})
    as_error = Settings(rules={"ZZ761": {"severity": "error"}})
    assert [v.code for v in lint([article], as_error, registry=rules)] == ["ZZ750", "ZZ761"]
    one = _spans_rule("ZZ770", [(0, 20)], covers=("ZZ771",))
    other = _spans_rule("ZZ771", [(0, 20)], covers=("ZZ770",))
    both = Registry(rules={r.code: r for r in (one, other)})
    assert [v.code for v in lint([article], registry=both)] == ["ZZ770", "ZZ771"]


def test_covers_must_name_codes_or_prefixes() -> None:
    with pytest.raises(InvalidRule, match="covers"):
        _spans_rule("ZZ750", [], covers=("not a code",))
    assert rule(code="ZZ752", name="x", summary="s", covers="AD00")(word_needle.check).covers == (
        "AD00",
    )
