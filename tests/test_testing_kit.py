"""artlint.testing: lint strings, records and files; fixes, assertions, case files, meta-tests."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from artlint import Article, Finding, Fix, rule
from artlint.rules import Rule
from artlint.testing import (
    CaseFileError,
    apply_fixes,
    assert_rules_conform,
    assert_violations,
    case_params,
    duplicate_problems,
    fix,
    lint,
    load_case_file,
    rule_problems,
    run_case,
)

CASES = Path(__file__).resolve().parent / "cases"


@rule(code="ZT101", name="shouting-title", summary="Title in capitals", fix="unsafe")
def shouting_title(article: Article, options: object) -> Iterator[Finding]:
    """## What it does
    Flags titles written in capitals.

    ## Why is this bad?
    Capitals come from the site's style sheet, not from the article.

    ## Example
    `MINISTER VISITS VIENNA`

    ## How to fix or suppress
    Write the title in sentence case, or `--ignore ZT101`.
    """
    title = article.title or ""
    if len(title) > 3 and title.isupper():
        yield Finding(
            message="title in capitals",
            field="title",
            end=len(title),
            fix=Fix(replacement=title.title(), start=0, end=len(title), applicability="unsafe"),
        )


@rule(code="ZT102", name="double-space", summary="Two spaces in a row", fix="safe")
def double_space(article: Article, options: object) -> Iterator[Finding]:
    """## What it does
    Flags two spaces in a row.

    ## Why is this bad?
    They are left over from markup.

    ## Example
    `a  b`

    ## How to fix or suppress
    Use one space, or `--ignore ZT102`.
    """
    start = article.body.find("  ")
    while start >= 0:
        yield Finding(
            message="two spaces",
            start=start,
            end=start + 2,
            fix=Fix(replacement=" ", start=start, end=start + 2),
        )
        start = article.body.find("  ", start + 2)


RULES = [shouting_title, double_space]


def test_lint_a_string_reports_positions_of_the_raw_text() -> None:
    found = lint("First line.\nSecond  line and  more.\n", rules=RULES)
    assert_violations(found, ["ZT102:2:7", "ZT102:2:17"])
    assert found[0].path == "article.txt"


def test_lint_a_record_and_a_list_of_records() -> None:
    record = {"title": "MINISTER VISITS VIENNA", "text": "The minister arrived on Monday."}
    found = lint(record, rules=RULES)
    assert_violations(found, [("ZT101", 1)])
    assert found[0].field == "title"
    found = lint([{"text": "ok"}, record], rules=RULES)
    assert [(v.code, v.line, v.record) for v in found] == [("ZT101", 2, 2)]


def test_lint_a_file_by_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"title": "ALL CAPS TITLE", "text": "body"}', encoding="utf-8")
    assert_violations(lint(path, rules=RULES), ["ZT101:1"])


def test_select_and_options_reach_the_rules() -> None:
    text = "A  b"
    assert lint(text, rules=RULES, select=["ZT101"]) == []
    found = lint(text, rules=RULES, options={"ZT102": {"severity": "error"}})
    assert [v.severity for v in found] == ["error"]


def test_builtin_rules_are_installed_and_selectable() -> None:
    found = lint({"text": "Body.", "date": "2021-02-30"}, select=["DT001"])
    assert [v.code for v in found] == ["DT001"]


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'csvish'"):
        lint("x", format="csvish", rules=RULES)


def test_fix_text_applies_safe_fixes_only_unless_unsafe() -> None:
    assert fix("A  b  c", rules=RULES) == "A b c"
    record = {"title": "ALL CAPS TITLE", "text": "a  b"}
    assert fix(record, rules=RULES) == {"title": "ALL CAPS TITLE", "text": "a b"}
    fixed = fix(record, rules=RULES, unsafe=True)
    assert fixed == {"title": "All Caps Title", "text": "a b"}
    assert record["title"] == "ALL CAPS TITLE", "the input record is never changed"


def test_fix_keeps_markdown_front_matter() -> None:
    text = "---\ntitle: x\n---\nOne  two.\n"
    assert fix(text, rules=RULES, format="markdown") == "---\ntitle: x\n---\nOne two.\n"


def test_apply_fixes_right_to_left_and_skips_overlaps() -> None:
    fixes = [
        Fix(replacement="X", start=0, end=2),
        Fix(replacement="Y", start=4, end=6),
        Fix(replacement="Z", start=5, end=7),
    ]
    assert apply_fixes("abcdefgh", fixes) == "XcdeZh"
    assert apply_fixes("abc", [Fix(replacement="-", start=3, end=3)]) == "abc-"


@pytest.mark.parametrize(
    ("expected", "agrees"),
    [
        pytest.param(["ZT102"] * 2, True, id="codes-only"),
        pytest.param(["ZT102:1", ("ZT102", 1, 5)], True, id="mixed-precision"),
        pytest.param(["ZT102:1:2", "ZT102:1:5"], True, id="exact"),
        pytest.param(["ZT102:1:3", "ZT102:1:5"], False, id="wrong-column"),
        pytest.param(["ZT102"], False, id="one-too-few"),
        pytest.param(["ZT102"] * 3, False, id="one-too-many"),
        pytest.param(["ZT101", "ZT102"], False, id="wrong-code"),
    ],
)
def test_assert_violations(expected: list[object], agrees: bool) -> None:
    found = lint("a  b  c", rules=RULES)
    if agrees:
        assert_violations(found, expected)  # type: ignore[arg-type]
    else:
        with pytest.raises(AssertionError, match="violations found:"):
            assert_violations(found, expected)  # type: ignore[arg-type]


def test_assert_violations_names_what_is_missing_and_unexpected() -> None:
    found = lint("a  b", rules=RULES)
    with pytest.raises(AssertionError) as error:
        assert_violations(found, ["ZT102:3"])
    assert "missing ZT102:3" in str(error.value)
    assert "unexpected ZT102:1:2 two spaces" in str(error.value)


# -- case files ---------------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_case_params_ids_are_code_and_case_name() -> None:
    ids = [param.id for param in case_params(CASES)]
    assert "DT001:real-date" in ids and "DT001:february-30" in ids
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", case_params(CASES))
def test_repository_case_files(case: object) -> None:
    run_case(case)  # type: ignore[arg-type]


def test_yaml_and_toml_cases_load_alike(tmp_path: Path) -> None:
    toml = write(
        tmp_path / "DT001.toml",
        """
        [fail.bad]
        record = { text = "Body.", date = "2021-02-30" }
        violations = ["DT001:1"]
        """,
    )
    yaml = write(
        tmp_path / "DT001.yaml",
        """
        fail:
          bad:
            record: {text: "Body.", date: "2021-02-30"}
            violations: ["DT001:1"]
        """,
    )
    (one,), (two,) = load_case_file(toml), load_case_file(yaml)
    assert (one.rule, one.kind, one.source, one.violations) == (
        two.rule,
        two.kind,
        two.source,
        two.violations,
    )
    run_case(one)


def test_a_case_with_a_custom_rule_from_config_and_a_fixed_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "cases.toml",
        """
        rule = "XS001"

        [[config.custom-rules]]
        code = "XS001"
        name = "spelled-e-mail"
        kind = "substitution"
        replace = { "e-mail" = "email" }

        [pass.spelled-right]
        text = "Send us an email."

        [fail.spelled-wrong]
        text = "Send us an e-mail."
        violations = ["XS001:1:12"]
        fixed = "Send us an email."
        """,
    )
    cases = load_case_file(path)
    assert [c.id for c in cases] == ["XS001:spelled-right", "XS001:spelled-wrong"]
    for case in cases:
        run_case(case)


def test_a_case_whose_expectation_is_wrong_fails_naming_the_case(tmp_path: Path) -> None:
    path = write(
        tmp_path / "DT001.toml",
        """
        [fail.wrong-line]
        record = { text = "Body.", date = "2021-02-30" }
        violations = ["DT001:7"]
        """,
    )
    (case,) = load_case_file(path)
    with pytest.raises(AssertionError, match=r"DT001.toml fail.wrong-line:\nmissing DT001:7"):
        run_case(case)


def test_a_case_whose_fixed_text_is_wrong_fails(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.toml",
        """
        rule = "XS001"
        [fail.x]
        text = "an e-mail"
        violations = ["XS001"]
        fixed = "an e-mail"
        [[config.custom-rules]]
        code = "XS001"
        name = "e-mail"
        kind = "substitution"
        replace = { "e-mail" = "email" }
        """,
    )
    (case,) = load_case_file(path)
    with pytest.raises(AssertionError, match="fixed text differs"):
        run_case(case)


BAD_CASE_FILES = {
    "fail-without-violations": ('[fail.x]\ntext = "a"\n', "'fail.x.violations': a fail case"),
    "pass-with-violations": (
        '[pass.x]\ntext = "a"\nviolations = ["DT001"]\n',
        "a pass case expects none",
    ),
    "unknown-case-key": ('[pass.x]\ntext = "a"\ncolour = 1\n', "'pass.x.colour': unknown key"),
    "unknown-file-key": ('colour = 1\n[pass.x]\ntext = "a"\n', "'colour': unknown key"),
    "two-sources": ('[pass.x]\ntext = "a"\nrecord = {}\n', "exactly one of"),
    "bad-expectation": (
        '[fail.x]\ntext = "a"\nviolations = ["DT001:x"]\n',
        "line and column are numbers",
    ),
    "missing-file": ('[pass.x]\nfile = "nope.txt"\n', "no such file"),
    "empty": ("", "no cases"),
    "broken-toml": ("[pass.x\n", "cannot read"),
}


@pytest.mark.parametrize(("text", "message"), BAD_CASE_FILES.values(), ids=BAD_CASE_FILES.keys())
def test_case_file_errors_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "DT001.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CaseFileError) as error:
        load_case_file(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_case_file_needs_a_rule_code(tmp_path: Path) -> None:
    path = write(tmp_path / "my_cases.toml", '[pass.x]\ntext = "a"\n')
    with pytest.raises(CaseFileError, match="key 'rule': a rule code"):
        load_case_file(path)


# -- meta-tests ---------------------------------------------------------------------------------


def test_conforming_rules_have_no_problems() -> None:
    assert_rules_conform(RULES)


def test_rule_problems_finds_each_defect() -> None:
    bare = Rule(code="ZT103", name="no-thing", summary="Ends with a period.", check=lambda a, o: [])
    problems = "\n".join(rule_problems(bare))
    assert "no-/disallow- prefix" in problems
    assert "final period" in problems
    for section in ("## What it does", "## Why is this bad?", "## Example", "## How to fix"):
        assert section in problems

    def check(article: Article, options: object) -> list[Finding]:
        """## Why is this bad?
        x
        ## What it does
        y
        ## Example

        ## How to fix or suppress
        z
        """
        return []

    unordered = Rule(code="ZT104", name="thing", summary="Thing", check=check)
    problems = "\n".join(rule_problems(unordered))
    assert "must come in the order" in problems
    assert "'## Example' is empty" in problems


def test_duplicate_names_are_found() -> None:
    twin = shouting_title.model_copy(update={"code": "ZT109"})
    assert duplicate_problems([shouting_title, twin]) == [
        "'shouting-title' is used by ZT101 (shouting-title) and ZT109 (shouting-title)"
    ]
    with pytest.raises(AssertionError, match="is used by"):
        assert_rules_conform([shouting_title, twin])


# -- the pytest plugin --------------------------------------------------------------------------


def test_the_kit_is_registered_as_a_pytest_plugin() -> None:
    assert any(ep.value == "artlint.testing" for ep in entry_points(group="pytest11"))


def test_fixtures_work_in_a_plugin_authors_test_run(tmp_path: Path) -> None:
    write(
        tmp_path / "test_mine.py",
        """
        from artlint.testing import assert_violations

        def test_lint(artlint_lint):
            found = artlint_lint({"text": "Body.", "date": "2021-02-30"}, select=["DT001"])
            assert_violations(found, ["DT001:1"])

        def test_fix(artlint_fix):
            assert artlint_fix("no fixes here", select=["DT001"]) == "no fixes here"
        """,
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_records_with_lone_surrogates_are_linted_not_refused() -> None:
    # a JSON scraper record may hold "\ud800"; the kit writes such records with ASCII escapes
    from artlint.testing import lint as kit_lint

    paragraph = "A paragraph that is repeated here in full for the test of it."
    record = {"text": f"{paragraph}\n\n{paragraph}\n\nBad \ud800 character here."}
    assert [(v.code, v.line) for v in kit_lint(record, select=["DU"])] == [("DU001", 1)]
