"""No-code rules from ``[[custom-rules]]``: kinds, scopes, options, validation, CLI wiring."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from artlint.config import ConfigError
from artlint.nocode import build_rules
from artlint.testing import assert_violations, fix, lint

ARTICLE = """Home | World | Sport

TEHRAN, July 23 - The minister said on Monday that the talks would resume in Vienna next week.
An e-mail went to every delegation; the line Sponsored by Acme was no footer there.

Sponsored by Acme
Share this article
"""


def rules_config(**table: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"code": "XS001", "name": "sponsor-line"}
    return {"custom-rules": [{**base, **table}]}


def run(text: str | dict[str, Any], **table: Any) -> list[Any]:
    return lint(text, select=["XS001"], config=rules_config(**table))


def test_existence_in_tail_flags_only_the_footer_line() -> None:
    found = run(ARTICLE, phrases=["Sponsored by Acme"], scope="tail", message="sponsor: {match}")
    assert_violations(found, ["XS001:6:1"])
    assert found[0].message == "sponsor: Sponsored by Acme"
    assert (found[0].end_line, found[0].end_column) == (6, 18)


def test_body_scope_finds_the_phrase_inside_prose_too() -> None:
    found = run(ARTICLE, phrases=["Sponsored by Acme"])
    assert_violations(found, ["XS001:4:46", "XS001:6:1"])


def test_whole_line_skips_the_phrase_inside_prose() -> None:
    found = run(ARTICLE, phrases=["sponsored by acme"], whole_line=True)
    assert_violations(found, ["XS001:6:1"])


def test_head_scope_and_a_pattern() -> None:
    found = run(ARTICLE, patterns=[r"Home\s*\|\s*\w+"], scope="head")
    assert_violations(found, ["XS001:1:1"])
    assert run(ARTICLE, patterns=[r"Share this \w+"], scope="head") == []


def test_case_sensitivity() -> None:
    assert run(ARTICLE, phrases=["SHARE THIS ARTICLE"]) != []
    assert run(ARTICLE, phrases=["SHARE THIS ARTICLE"], case_sensitive=True) == []


def test_word_boundary_is_on_by_default_and_can_be_turned_off() -> None:
    text = "The ministers met the premier of the region for a discussion on trade policy."
    assert run(text, phrases=["minister"]) == []
    assert_violations(run(text, phrases=["minister"], word_boundary=False), ["XS001:1:5"])


def test_a_phrase_matches_across_wrapped_and_doubled_spaces() -> None:
    assert_violations(
        run("Join  the\nmailing list today", phrases=["join the mailing list"]), ["XS001:1"]
    )


def test_title_field_and_record_scopes_on_a_record() -> None:
    record = {
        "title": "Advertisement: Minister visits Vienna",
        "body": "The minister visited Vienna on Monday, officials said in a statement.",
        "subtitle": "An Advertisement feature",
    }
    assert_violations(run(record, phrases=["advertisement"], scope="title"), ["XS001:1"])
    found = run(record, phrases=["advertisement"], scope="field", field="subtitle")
    assert [v.field for v in found] == ["subtitle"]
    found = run(record, phrases=["advertisement"], scope="record")
    assert sorted(v.field or "" for v in found) == ["subtitle", "title"]
    assert run(record, phrases=["advertisement"], scope="body") == []


def test_record_scope_skips_a_leftover_key_named_like_a_field() -> None:
    # "text" is the body; the leftover "body" key would be reported and fixed as the body
    record = {"text": "The weather was fine on Monday.", "body": "An advertisement", "id": "7"}
    assert run(record, phrases=["advertisement"], scope="record") == []


def test_substitution_suggests_and_fixes_keeping_a_capital() -> None:
    config = rules_config(
        name="spelled-e-mail", kind="substitution", replace={"e-mail": "email"}, fix="safe"
    )
    text = "E-mail us. We read every e-mail we get from our readers."
    found = lint(text, select=["XS001"], config=config)
    assert_violations(found, ["XS001:1:1", "XS001:1:26"])
    assert found[0].message == "use 'Email' instead of 'E-mail'"
    assert found[1].fix is not None and found[1].fix.applicability == "safe"
    assert fix(text, select=["XS001"], config=config) == (
        "Email us. We read every email we get from our readers."
    )


def test_unsafe_substitution_is_applied_only_when_asked() -> None:
    config = rules_config(kind="substitution", replace={"per cent": "percent"}, fix="unsafe")
    text = "Prices rose 3 per cent in July."
    assert fix(text, select=["XS001"], config=config) == text
    assert (
        fix(text, select=["XS001"], config=config, unsafe=True) == "Prices rose 3 percent in July."
    )


def test_occurrence_above_max_points_at_the_first_extra_match() -> None:
    text = "Read more\nThe minister said the talks would resume next week in Vienna.\nRead more\n"
    found = run(text, kind="occurrence", phrases=["read more"], max=1)
    assert_violations(found, ["XS001:3:1"])
    assert found[0].message == "2 matches (limit 1), first extra: Read more"
    assert run(text, kind="occurrence", phrases=["read more"], max=2) == []


def test_occurrence_below_min() -> None:
    text = "The minister said the talks would resume next week in Vienna."
    found = run(text, kind="occurrence", phrases=["(Reuters)"], word_boundary=False, min=1,
                message="no agency credit ({count} of {limit})")  # fmt: skip
    assert_violations(found, ["XS001:1:1"])
    assert found[0].message == "no agency credit (0 of 1)"


def test_phrases_file_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "lint").mkdir()
    (tmp_path / "lint" / "footers.txt").write_text(
        "# our sites' footers\n\nShare this article\n", encoding="utf-8"
    )
    found = lint(
        ARTICLE,
        select=["XS001"],
        config=rules_config(phrases_file="lint/footers.txt"),
        root=tmp_path,
    )
    assert_violations(found, ["XS001:7:1"])


def test_clean_text_is_not_flagged() -> None:
    clean = (
        "The minister said on Monday that talks would resume next week.\n\n"
        "Officials confirmed the date in a statement and declined to comment further.\n"
    )
    assert run(clean, phrases=["Sponsored by", "Share this article", "Read more"]) == []


def test_the_rule_is_documented_and_conforms() -> None:
    from artlint.testing import rule_problems

    (item,) = build_rules(
        [{"code": "XS001", "name": "sponsor-line", "phrases": ["Sponsored by"], "scope": "tail"}],
        Path("."),
        "artlint.toml",
    )
    assert rule_problems(item) == []
    assert "tail zone" in item.doc and "artlint.toml" in item.doc
    assert item.summary == "Unwanted phrase in tail"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        pytest.param(
            {"phrases": ["x"], "colour": "red"}, "key 'colour': Extra inputs", id="unknown-key"
        ),
        pytest.param({"phrases": ["x"], "code": "X1"}, "key 'code': rule code 'X1'", id="bad-code"),
        pytest.param({"phrases": ["x"], "name": "Sponsor_Line"}, "key 'name'", id="bad-name"),
        pytest.param({}, "give 'phrases', 'phrases-file' or 'patterns'", id="nothing-to-match"),
        pytest.param(
            {"patterns": ["(unclosed"]}, "key 'patterns[0]': invalid regex", id="bad-regex"
        ),
        pytest.param({"phrases": ["x"], "scope": "footer"}, "key 'scope'", id="bad-scope"),
        pytest.param(
            {"phrases": ["x"], "scope": "field"}, "'field' is required", id="field-missing"
        ),
        pytest.param(
            {"phrases": ["x"], "kind": "substitution"}, "needs 'replace'", id="no-replace"
        ),
        pytest.param(
            {"phrases": ["x"], "kind": "occurrence"}, "needs 'max' or 'min'", id="no-limit"
        ),
        pytest.param({"phrases": ["x"], "max": 2}, "occurrence rules only", id="max-on-existence"),
        pytest.param(
            {"phrases": ["x"], "message": "{matched}"},
            "unknown placeholder(s) {matched}",
            id="bad-placeholder",
        ),
        pytest.param(
            {"phrases": ["x"], "message": "{match"}, "key 'message'", id="broken-template"
        ),
        pytest.param(
            {"phrases": ["x"], "message": "{match!r:>999999999999}"},
            "placeholders take no conversion or format spec (write {match})",
            id="format-spec",
        ),
        pytest.param({"phrases": ["  "]}, "phrases must not be empty", id="empty-phrase"),
        pytest.param(
            {"phrases-file": "missing.txt"}, "key 'phrases-file': cannot read", id="missing-file"
        ),
        pytest.param({"phrases": ["x"], "severity": "fatal"}, "key 'severity'", id="bad-severity"),
    ],
)
def test_invalid_tables_name_file_index_and_key(
    tmp_path: Path, table: dict[str, Any], expected: str
) -> None:
    full = {"code": "XS001", "name": "sponsor-line", **table}
    with pytest.raises(ConfigError) as error:
        build_rules([full], tmp_path, "lint/artlint.toml")
    message = str(error.value)
    assert message.startswith("lint/artlint.toml: custom-rules[0]")
    assert expected in message


def test_two_tables_with_one_code_are_a_config_error(tmp_path: Path) -> None:
    tables = [
        {"code": "XS001", "name": "sponsor-line", "phrases": ["a"]},
        {"code": "XS001", "name": "other-line", "phrases": ["b"]},
    ]
    with pytest.raises(
        ConfigError, match=r"custom-rules\[1\].*'XS001' is already used by custom-rules\[0\]"
    ):
        build_rules(tables, tmp_path, "artlint.toml")


def test_a_pattern_that_runs_too_long_is_reported_not_hung() -> None:
    config = {**rules_config(patterns=[r"(a|aa)+$"], word_boundary=False), "regex-timeout": 0.05}
    found = lint("a" * 60 + "!", select=["XS001"], config=config)
    assert [v.code for v in found] == ["AL003"]


# -- through the CLI ---------------------------------------------------------------------------


def cli(*args: str, cwd: Path, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "artlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={
            "PATH": "/usr/bin:/bin",
            "NO_COLOR": "1",
            "ARTLINT_PATTERN_CACHE_DIR": os.environ.get("ARTLINT_PATTERN_CACHE_DIR", ""),
        },
        check=False,
        timeout=timeout,
    )


def test_the_command_line_pattern_limit_replaces_the_configured_one(tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text(
        # the configured limit would let the match run for a minute: the flag must replace it
        'select = ["XS001"]\nregex-timeout = 60\n[[custom-rules]]\ncode = "XS001"\n'
        "name = \"sponsor-line\"\npatterns = ['(a|aa)+$']\nword-boundary = false\n",
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("a" * 60 + "!\n", encoding="utf-8")
    result = cli(
        "check", "--no-cache", "--regex-timeout", "0.05", "a.txt", cwd=tmp_path, timeout=30
    )
    assert "AL003" in result.stdout, result.stderr
    assert cli("check", "--regex-timeout", "0", "a.txt", cwd=tmp_path).returncode == 2


def test_cli_runs_custom_rules_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.artlint]\n\n[[tool.artlint.custom-rules]]\ncode = "XS001"\nname = "sponsor-line"\n'
        'message = "sponsor line: {match}"\nscope = "tail"\nphrases = ["Sponsored by Acme"]\n',
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli(
        "check", "--no-cache", "--output-format", "text", "--select", "XS", "a.txt", cwd=tmp_path
    )
    assert result.returncode == 1, result.stderr
    assert "a.txt:6:1: XS001 sponsor line: Sponsored by Acme" in result.stdout


def test_cli_reports_a_bad_table_with_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text(
        '[[custom-rules]]\ncode = "XS001"\nname = "sponsor-line"\nphrase = ["x"]\n',
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    result = cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "artlint.toml: custom-rules[0]: key 'phrase': Extra inputs are not permitted"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_cli_custom_code_clashing_with_a_builtin_names_both(tmp_path: Path) -> None:
    (tmp_path / "artlint.toml").write_text(
        '[[custom-rules]]\ncode = "DT001"\nname = "my-date-rule"\nphrases = ["x"]\n',
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("text\n", encoding="utf-8")
    result = cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "DT001 is claimed by two plugins: 'dates' and 'config'" in result.stderr
