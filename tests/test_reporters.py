"""Output formats: each one exercised on real violations, in-process and through the CLI."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from artlint import Article, Finding, Fix, NoOptions, Rule, Violation, rule
from artlint.engine import BoundRule, check_article
from artlint.models import FieldSource
from artlint.plugins import Registry, build_registry
from artlint.reporters import auto_format, text_reporter
from artlint.reporters import statistics as stats
from artlint.reporters.base import ReportContext, RunSummary
from artlint.reporters.full import FullReporter, snippet
from artlint.reporters.github import (
    GithubReporter,
    annotation,
    escape_data,
    escape_property,
)
from artlint.reporters.gitlab import GitlabReporter
from artlint.reporters.json import JsonLinesReporter, JsonReporter
from artlint.reporters.junit import JunitReporter
from artlint.reporters.text import TextReporter

NEEDLE = "Join the mailing list"

# The same rule as a local plugin file (for the CLI runs) and as an in-process Rule.
PLUGIN = textwrap.dedent(
    '''
    from artlint import Finding, Fix, hookimpl, rule

    NEEDLE = "Join the mailing list"

    @rule(code="ZZ901", name="mailing-list-prompt",
          summary="Mailing-list prompt left in the article", fix="safe")
    def mailing_list_prompt(article, options):
        """## What it does
        Flags mailing-list prompts.

        ## Why is this bad?
        They are page furniture, not article text.

        ## Example
        Join the mailing list for daily news

        ## How to fix or suppress
        Delete the prompt, or `--ignore ZZ901`.
        """
        start = article.body.find(NEEDLE)
        while start != -1:
            end = start + len(NEEDLE)
            yield Finding(message='mailing-list prompt: "a, b: 100%"', start=start, end=end,
                          fix=Fix(replacement="", start=start, end=end))
            start = article.body.find(NEEDLE, end)

    @rule(code="ZZ902", name="shouting-line", summary="A line in capitals", severity="info")
    def shouting_line(article, options):
        """## What it does
        Flags lines in capitals.
        """
        offset = 0
        for line in article.body.split("\\n"):
            if len(line) > 3 and line.isupper():
                yield Finding(message="line in capitals", start=offset, end=offset + len(line))
            offset += len(line) + 1

    @hookimpl
    def artlint_rules():
        return [mailing_list_prompt, shouting_line]
    '''
)

ARTICLE = (
    "Title of the piece\n"
    "\n"
    "The council met on Tuesday and agreed the budget.\n"
    "Join the mailing list for daily news\n"
    "BREAKING NEWS\n"
)


@rule(
    code="ZZ901",
    name="mailing-list-prompt",
    summary="Mailing-list prompt left in the article",
    fix="safe",
)
def _mailing(article: Article, options: NoOptions):  # type: ignore[no-untyped-def]
    """## What it does
    Flags mailing-list prompts.
    """
    start = article.body.find(NEEDLE)
    while start != -1:
        end = start + len(NEEDLE)
        yield Finding(
            message="mailing-list prompt",
            start=start,
            end=end,
            fix=Fix(replacement="", start=start, end=end),
        )
        start = article.body.find(NEEDLE, end)


def _registry(*rules: Rule) -> Registry:
    return Registry(rules={item.code: item for item in (rules or (_mailing,))})


def _violations(path: Path, text: str) -> list[Violation]:
    """Lint ``text`` (also written to ``path``) with the in-process rule through the engine."""
    path.write_text(text, encoding="utf-8")
    article = Article(path=str(path), format="text", body=text, sources={"body": FieldSource()})
    return check_article(article, [BoundRule(_mailing, NoOptions(), "warning")])


def _violation(**changes: object) -> Violation:
    base: dict[str, object] = dict(
        code="ZZ901",
        name="mailing-list-prompt",
        message="mailing-list prompt",
        severity="warning",
        path="a.txt",
        line=1,
        column=1,
        end_line=1,
        end_column=5,
        field="body",
    )
    base.update(changes)
    return Violation.model_validate(base)


def _render(factory, violations, registry=None, **context):  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    ctx = ReportContext(stream=stream, registry=registry or _registry(), **context)
    reporter = factory(ctx)
    reporter.start()
    for violation in violations:
        reporter.report(violation)
    reporter.finish(RunSummary(files=1, violations=len(violations)))
    return stream.getvalue()


# --- concise and full ---------------------------------------------------------------------


def test_concise_is_one_line_per_violation(tmp_path):
    violations = _violations(tmp_path / "a.txt", ARTICLE)
    out = _render(TextReporter, violations)
    assert out.splitlines()[0] == f"{tmp_path / 'a.txt'}:4:1: ZZ901 mailing-list prompt"


def test_full_underlines_span_and_shows_rule_hint_and_fix(tmp_path):
    text = "Headline\n中文 Join the mailing list today\n"
    violations = _violations(tmp_path / "a.txt", text)
    out = _render(FullReporter, violations)
    lines = out.splitlines()
    assert lines[0].endswith(":2:4: ZZ901 [*] mailing-list prompt")
    source = next(line for line in lines if line.startswith("2 | "))
    carets = next(line for line in lines if "^" in line)
    # The two wide characters take two cells each: the carets start under "J".
    assert carets.index("^") == source.index("中") + 5
    assert carets.count("^") == len(NEEDLE)
    assert carets.rstrip().endswith("ZZ901")
    assert "= rule: mailing-list-prompt (warning)" in out
    assert "= hint: Mailing-list prompt left in the article" in out
    assert "= fix (safe): delete 21 characters" in out
    assert "- 中文 Join the mailing list today" in out
    assert "+ 中文  today" in out
    assert "(1 fixable)" in out


def test_full_reads_gzip_sources(tmp_path):
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode()))
    out = _render(FullReporter, [_violation(path=str(path), line=4, column=1, end_column=22)])
    assert "4 | Join the mailing list for daily news" in out


def test_full_omits_snippet_when_file_is_unreadable_and_handles_internal_codes(tmp_path):
    missing = str(tmp_path / "gone.txt")
    violation = _violation(
        code="AL002",
        name="unreadable-input",
        severity="error",
        message="cannot read: No such file",
        path=missing,
        field=None,
    )
    out = _render(FullReporter, [violation])
    assert f"{missing}:1:1: AL002 cannot read: No such file" in out
    assert " | " not in out
    assert "= rule: unreadable-input (error)" in out
    assert "= hint: The input could not be read" in out


def test_full_uses_in_memory_sources_for_stdin():
    out = _render(
        FullReporter, [_violation(path="-", column=6, end_column=9)], sources={"-": "Some text\n"}
    )
    assert "1 | Some text" in out
    assert "  |      ^^^ ZZ901" in out


def test_full_strips_terminal_control_characters(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("evil \x1b[31mred\x1b[0m text\n", encoding="utf-8")
    out = _render(FullReporter, [_violation(path=str(path), message="bad \x1b[2J", end_column=4)])
    assert "\x1b" not in out


def test_full_multiline_span_says_where_it_ends(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one\ntwo\nthree\n", encoding="utf-8")
    out = _render(FullReporter, [_violation(path=str(path), line=1, end_line=3, end_column=3)])
    assert "the span goes on to line 3" in out
    ends_at_break = _render(FullReporter, [_violation(path=str(path), end_line=2, end_column=1)])
    assert "goes on" not in ends_at_break


def test_snippet_windows_long_lines_around_the_span():
    line = "x" * 500 + NEEDLE + "y" * 500
    shown = snippet(line, 500, 500 + len(NEEDLE), width=80)
    assert shown.text.startswith("…") and shown.text.endswith("…")
    assert len(shown.text) <= 82
    assert shown.text[shown.pad : shown.pad + len(NEEDLE)] == NEEDLE
    assert shown.carets == len(NEEDLE)


def test_text_format_shows_source_when_asked(tmp_path):
    violations = _violations(tmp_path / "a.txt", ARTICLE)
    assert "^^^" in _render(text_reporter, violations, show_source=True)
    assert "^^^" not in _render(text_reporter, violations)


# --- json and json-lines --------------------------------------------------------------------

REQUIRED_KEYS = {
    "code",
    "name",
    "message",
    "severity",
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "record",
    "field",
    "fix",
}


def test_json_is_one_array_with_the_contract_keys(tmp_path):
    violations = _violations(tmp_path / "a.txt", ARTICLE + NEEDLE + "\n")
    data = json.loads(_render(JsonReporter, violations))
    assert [item["line"] for item in data] == [4, 6]
    assert all(REQUIRED_KEYS <= item.keys() for item in data)
    assert data[0]["fix"]["applicability"] == "safe"
    assert json.loads(_render(JsonReporter, [])) == []


def test_json_objects_are_the_violations_model_dump(tmp_path):
    from artlint.reporters.json import violation_dict

    violations = _violations(tmp_path / "a.txt", ARTICLE + NEEDLE + "\n")
    violations.append(_violation(message="no fix", record=3, field="title"))
    assert any(v.fix is not None for v in violations) and any(v.fix is None for v in violations)
    for violation in violations:
        assert violation_dict(violation) == violation.model_dump(mode="json")


def test_json_lines_is_one_object_per_line(tmp_path):
    violations = _violations(tmp_path / "a.txt", ARTICLE + NEEDLE + "\n")
    lines = _render(JsonLinesReporter, violations).splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["line"] for line in lines] == [4, 6]
    assert _render(JsonLinesReporter, []) == ""


def test_json_survives_lone_surrogates():
    out = _render(JsonLinesReporter, [_violation(message="bad \ud800 escape")])
    out.encode("utf-8")
    assert json.loads(out)["message"] == "bad \ud800 escape"


# --- github -----------------------------------------------------------------------------------


def test_github_escaping():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_annotation_shape_and_severities():
    violation = _violation(
        path="x", message="a: b, c\nd 5%", line=3, column=2, end_line=3, end_column=9
    )
    assert annotation(violation, "dir/we,ird:name.txt") == (
        "::warning file=dir/we%2Cird%3Aname.txt,line=3,endLine=3,col=2,endColumn=9,"
        "title=ZZ901 mailing-list-prompt::a: b, c%0Ad 5%25"
    )
    assert annotation(_violation(severity="info"), "a").startswith("::notice ")
    assert annotation(_violation(severity="error"), "a").startswith("::error ")
    multi = annotation(_violation(line=2, end_line=4, end_column=3), "a")
    assert "line=2,endLine=4," in multi and "col=" not in multi


def test_github_writes_step_summary_with_counts_per_rule(tmp_path, monkeypatch):
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    violations = [
        _violation(),
        _violation(line=2),
        _violation(code="AL002", name="unreadable-input", severity="error"),
    ]
    out = _render(GithubReporter, violations)
    assert len(out.splitlines()) == 3
    written = summary_file.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## artlint")
    assert "| ZZ901 | mailing-list-prompt | warning | 2 | 0 |" in written
    assert "| AL002 | unreadable-input | error | 1 | 0 |" in written
    assert "| `a.txt` | 3 |" in written


def test_github_without_summary_env_or_with_bad_target(tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    assert _render(GithubReporter, [_violation()]).count("\n") == 1
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "no" / "such" / "dir.md"))
    out = _render(GithubReporter, [_violation()])
    assert "::warning::artlint could not write the job summary" in out


# --- gitlab -----------------------------------------------------------------------------------


def _gitlab(path: Path, text: str) -> list[dict]:
    return json.loads(_render(GitlabReporter, _violations(path, text)))


def test_gitlab_issues_have_the_required_fields(tmp_path):
    issues = _gitlab(tmp_path / "a.txt", ARTICLE)
    assert len(issues) == 1
    issue = issues[0]
    assert issue["check_name"] == "ZZ901"
    assert issue["description"] == "ZZ901 mailing-list-prompt: mailing-list prompt"
    assert issue["severity"] == "minor"
    assert issue["location"]["lines"]["begin"] == 4
    assert len(issue["fingerprint"]) == 32


def test_gitlab_fingerprint_survives_shifted_lines_but_differs_across_files(tmp_path):
    path = tmp_path / "a.txt"
    before = _gitlab(path, ARTICLE)[0]
    after = _gitlab(path, "New first line\nand another\n" + ARTICLE)[0]
    assert after["location"]["lines"]["begin"] == before["location"]["lines"]["begin"] + 2
    assert after["fingerprint"] == before["fingerprint"]
    other = _gitlab(tmp_path / "b.txt", ARTICLE)[0]
    assert other["fingerprint"] != before["fingerprint"]


def test_gitlab_fingerprints_are_unique_for_repeated_text(tmp_path):
    issues = _gitlab(tmp_path / "a.txt", ARTICLE + NEEDLE + "\n" + NEEDLE + "\n")
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(fingerprints) == 3 and len(set(fingerprints)) == 3


def test_gitlab_severity_mapping():
    issues = json.loads(
        _render(
            GitlabReporter,
            [
                _violation(severity="info"),
                _violation(severity="error", line=2),
                _violation(code="AL002", name="unreadable-input", severity="error", line=3),
            ],
        )
    )
    assert [issue["severity"] for issue in issues] == ["info", "major", "critical"]


# --- junit ------------------------------------------------------------------------------------


def test_junit_is_well_formed_with_one_case_per_violation(tmp_path):
    violations = [
        *_violations(tmp_path / "a.txt", ARTICLE + NEEDLE + "\n"),
        _violation(
            code="AL002",
            name="unreadable-input",
            severity="error",
            message='bad <record> & \x0b\x00 \ud800 "quoted"',
        ),
    ]
    root = ET.fromstring(_render(JunitReporter, violations).encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    cases = suites[0].findall("testcase")
    assert len(cases) == 3
    assert suites[0].get("tests") == "3"
    assert suites[0].get("failures") == "2" and suites[0].get("errors") == "1"
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "ZZ901"
    assert "hint: Mailing-list prompt left in the article" in (failure.text or "")
    error = cases[2].find("error")
    assert error is not None
    assert "bad <record> &" in (error.get("message") or "")


def test_junit_clean_run_has_one_passing_case():
    root = ET.fromstring(_render(JunitReporter, []))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 1 and not list(cases[0])


# --- statistics -------------------------------------------------------------------------------


def test_statistics_render_from_counts():
    registry = _registry()
    text = stats.render({"ZZ901": 3, "AL002": 5}, registry, "text")
    assert text.splitlines() == [
        "5  AL002      unreadable-input",
        "3  ZZ901  [*] mailing-list-prompt",
        "8  total",
    ]
    data = json.loads(stats.render({"ZZ901": 3}, registry, "json"))
    assert data == [
        {
            "code": "ZZ901",
            "name": "mailing-list-prompt",
            "count": 3,
            "fixable": True,
            "fixable_count": None,
            "fix": "safe",
        }
    ]
    with pytest.raises(ValueError):
        stats.render({}, registry, "yaml")


def test_statistics_reporter_counts_fixable_violations(tmp_path):
    violations = [
        *_violations(tmp_path / "a.txt", ARTICLE),
        _violation(line=9, fix=None),
        _violation(code="XX123", name="from-nowhere"),
    ]
    context_out = io.StringIO()
    reporter = stats.StatisticsReporter(
        ReportContext(
            stream=context_out, registry=_registry(), options={"statistics_format": "json"}
        )
    )
    for violation in violations:
        reporter.report(violation)
    reporter.finish(RunSummary())
    data = {row["code"]: row for row in json.loads(context_out.getvalue())}
    assert data["ZZ901"]["count"] == 2 and data["ZZ901"]["fixable_count"] == 1
    assert data["XX123"]["name"] == "from-nowhere" and data["XX123"]["fixable"] is False


# --- registration and auto ------------------------------------------------------------------

FORMATS = (
    "concise",
    "text",
    "full",
    "json",
    "json-lines",
    "sarif",
    "github",
    "gitlab",
    "junit",
    "auto",
)


def test_every_format_is_registered():
    registry = build_registry()
    assert set(FORMATS) <= set(registry.reporters)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_auto_format(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    registry = _registry()
    assert auto_format(ReportContext(stream=io.StringIO(), registry=registry)) == "concise"
    assert auto_format(ReportContext(stream=_Tty(), registry=registry)) == "full"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert auto_format(ReportContext(stream=io.StringIO(), registry=registry)) == "github"


# --- end to end: the CLI with a local plugin rule ---------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "myrule.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / "artlint.toml").write_text(
        'plugins = ["myrule.py"]\nselect = ["ZZ"]\n', encoding="utf-8"
    )
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def run_cli(project: Path, fmt: str, *extra: str, env: dict[str, str] | None = None):
    environment = {
        k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "artlint", "check", "--output-format", fmt, *extra, "article.txt"],
        cwd=project,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
    )


def _check_concise(out: str) -> None:
    assert "article.txt:4:1: ZZ901 mailing-list prompt" in out
    assert "article.txt:5:1: ZZ902 line in capitals" in out


def _check_full(out: str) -> None:
    assert "4 | Join the mailing list for daily news" in out
    assert "  | " + "^" * len(NEEDLE) + " ZZ901" in out
    assert "= hint: Mailing-list prompt left in the article" in out
    assert "= rule: shouting-line (info)" in out


def _check_json(out: str) -> None:
    data = json.loads(out)
    assert [(item["code"], item["line"]) for item in data] == [("ZZ901", 4), ("ZZ902", 5)]
    assert all(REQUIRED_KEYS <= item.keys() for item in data)


def _check_json_lines(out: str) -> None:
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(row["code"], row["end_column"]) for row in rows] == [("ZZ901", 22), ("ZZ902", 14)]


def _check_sarif(out: str) -> None:
    run = json.loads(out)["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["ruleId"] for r in run["results"]] == ["ZZ901", "ZZ902"]
    assert run["results"][1]["level"] == "note"


def _check_github(out: str) -> None:
    assert out.splitlines() == [
        "::warning file=article.txt,line=4,endLine=4,col=1,endColumn=22,"
        'title=ZZ901 mailing-list-prompt::mailing-list prompt: "a, b: 100%25"',
        "::notice file=article.txt,line=5,endLine=5,col=1,endColumn=14,"
        "title=ZZ902 shouting-line::line in capitals",
    ]


def _check_gitlab(out: str) -> None:
    issues = json.loads(out)
    assert [(i["check_name"], i["severity"], i["location"]["path"]) for i in issues] == [
        ("ZZ901", "minor", "article.txt"),
        ("ZZ902", "info", "article.txt"),
    ]


def _check_junit(out: str) -> None:
    root = ET.fromstring(out.encode("utf-8"))
    failures = root.findall("testsuite/testcase/failure")
    assert [f.get("type") for f in failures] == ["ZZ901", "ZZ902"]


CHECKS = {
    "concise": _check_concise,
    "text": _check_concise,
    "full": _check_full,
    "json": _check_json,
    "json-lines": _check_json_lines,
    "sarif": _check_sarif,
    "github": _check_github,
    "gitlab": _check_gitlab,
    "junit": _check_junit,
    "auto": _check_concise,  # stdout is a pipe here
}


@pytest.mark.parametrize("fmt", sorted(CHECKS))
def test_cli_output_format(project, fmt):
    result = run_cli(project, fmt)
    assert result.returncode == 1, result.stderr
    CHECKS[fmt](result.stdout)


def test_cli_gitlab_fingerprints_stable_when_lines_shift(project):
    before = json.loads(run_cli(project, "gitlab").stdout)
    (project / "article.txt").write_text("Breadcrumb\n\n" + ARTICLE, encoding="utf-8")
    after = json.loads(run_cli(project, "gitlab").stdout)
    assert [i["location"]["lines"]["begin"] for i in after] == [6, 7]
    assert [i["fingerprint"] for i in after] == [i["fingerprint"] for i in before]


def test_cli_github_step_summary(project):
    summary = project / "summary.md"
    result = run_cli(project, "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1, result.stderr
    written = summary.read_text(encoding="utf-8")
    assert "| ZZ901 | mailing-list-prompt | warning | 1 | 1 |" in written
    assert "| ZZ902 | shouting-line | info | 1 | 0 |" in written


def test_cli_clean_file_in_every_structured_format(project):
    (project / "article.txt").write_text("A calm, ordinary sentence.\n", encoding="utf-8")
    assert json.loads(run_cli(project, "json").stdout) == []
    assert json.loads(run_cli(project, "gitlab").stdout) == []
    assert json.loads(run_cli(project, "sarif").stdout)["runs"][0]["results"] == []
    assert run_cli(project, "github").stdout == ""
    ET.fromstring(run_cli(project, "junit").stdout)


def test_snippet_near_line_end_uses_the_width_for_left_context():
    line = "x" * 500 + NEEDLE
    shown = snippet(line, 500, 500 + len(NEEDLE), width=80)
    assert shown.text.startswith("…") and shown.text.endswith(NEEDLE)
    assert len(shown.text) == 80
    assert shown.text[shown.pad :] == NEEDLE


def test_full_colour_only_adds_escape_sequences(tmp_path):
    import re

    violations = _violations(tmp_path / "a.txt", ARTICLE)
    plain = _render(FullReporter, violations)
    coloured = _render(FullReporter, violations, color=True)
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_decode_source_for_stdin():
    from artlint.reporters.source import decode_source

    assert decode_source("\ufeffé\n".encode(), "x.txt") == "é\n"
    assert decode_source(gzip.compress(b"abc"), "x.txt.gz") == "abc"
    assert decode_source(b"not gzip", "x.txt.gz") is None
    assert decode_source(b"\x00\x01", "x.txt") is None


@pytest.mark.parametrize("factory", [TextReporter, FullReporter])
def test_a_message_cannot_make_up_lines_or_terminal_escapes(factory, tmp_path):  # type: ignore[no-untyped-def]
    # a plugin's message with a line break and an escape: one report line, nothing live
    (tmp_path / "a.txt").write_text("Text\n", encoding="utf-8")
    forged = _violation(
        path=str(tmp_path / "a.txt"), message="x\n::error file=y::forged\r\x1b[31mred\x1b[0m"
    )
    out = _render(factory, [forged])
    assert "\x1b" not in out and "\r" not in out
    assert not any(line.startswith("::error") for line in out.splitlines())
    assert "x\\n::error file=y::forged\\r" in out


def test_github_annotations_carry_no_terminal_escapes() -> None:
    line = annotation(_violation(message="red \x1b[31malert\x1b[0m\nsecond"), "a.txt")
    assert "\x1b" not in line and "\n" not in line
    assert line.endswith("::red \ufffd[31malert\ufffd[0m%0Asecond")
