"""SARIF 2.1.0 output, validated against the official schema when it is available."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from artlint import Article, Finding, NoOptions, Violation, rule
from artlint.engine import BoundRule, check_article
from artlint.models import FieldSource
from artlint.plugins import Registry
from artlint.reporters.base import ReportContext, RunSummary
from artlint.reporters.sarif import SarifReporter

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
NEEDLE = "Join the mailing list"


@rule(
    code="ZZ901",
    name="mailing-list-prompt",
    summary="Mailing-list prompt left in the article",
    severity="warning",
    fix="safe",
)
def _mailing(article: Article, options: NoOptions):  # type: ignore[no-untyped-def]
    """## What it does
    Flags mailing-list prompts left in the text.

    ## Why is this bad?
    They are page furniture.
    """
    start = article.body.find(NEEDLE)
    if start != -1:
        yield Finding(message="mailing-list prompt", start=start, end=start + len(NEEDLE))


REGISTRY = Registry(rules={"ZZ901": _mailing})


def _validate(document: dict) -> None:
    if not SCHEMA.is_file():
        pytest.skip("SARIF schema not available")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def _sarif(violations: list[Violation], root: str | None = None) -> dict:
    stream = io.StringIO()
    reporter = SarifReporter(ReportContext(stream=stream, registry=REGISTRY, root=root))
    reporter.start()
    for violation in violations:
        reporter.report(violation)
    reporter.finish(RunSummary(files=1, violations=len(violations)))
    return json.loads(stream.getvalue())


def _lint(path: str, body: str) -> list[Violation]:
    article = Article(path=path, format="text", body=body, sources={"body": FieldSource()})
    return check_article(article, [BoundRule(_mailing, NoOptions(), "warning")])


def test_columns_are_code_points_and_declared(tmp_path):
    # An astral emoji is two UTF-16 code units but one code point.
    body = "Intro\n\U0001f600 " + NEEDLE + "\n"
    document = _sarif(_lint(str(tmp_path / "a.txt"), body), root=str(tmp_path))
    run = document["runs"][0]
    assert document["version"] == "2.1.0"
    assert run["columnKind"] == "unicodeCodePoints"
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 3 + len(NEEDLE)}
    _validate(document)


def test_rule_metadata_and_rule_index(tmp_path):
    internal = Violation(
        code="AL002",
        name="unreadable-input",
        message="invalid UTF-8",
        severity="error",
        path=str(tmp_path / "b.txt"),
        line=1,
        column=1,
        end_line=1,
        end_column=1,
    )
    stranger = internal.model_copy(
        update={"code": "QQ123", "name": "from-elsewhere", "severity": "info"}
    )
    document = _sarif(
        [*_lint(str(tmp_path / "a.txt"), NEEDLE), internal, stranger], root=str(tmp_path)
    )
    run = document["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["ZZ901", "AL002", "QQ123"]
    ours = rules[0]
    assert ours["name"] == "mailing-list-prompt"
    assert ours["shortDescription"]["text"] == "Mailing-list prompt left in the article"
    assert ours["fullDescription"]["text"] == "Flags mailing-list prompts left in the text."
    assert ours["help"]["markdown"].startswith("## What it does")
    assert ours["defaultConfiguration"]["level"] == "warning"
    assert rules[1]["defaultConfiguration"]["level"] == "error"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["level"] for r in run["results"]] == ["warning", "error", "note"]
    assert run["invocations"][0]["executionSuccessful"] is False
    _validate(document)


def test_uris_are_relative_with_forward_slashes_and_encoded(tmp_path):
    folder = tmp_path / "news dump" / "été"
    folder.mkdir(parents=True)
    document = _sarif(_lint(str(folder / "a#1.txt"), NEEDLE), root=str(tmp_path))
    run = document["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "news%20dump/%C3%A9t%C3%A9/a%231.txt", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
    _validate(document)


def test_empty_run_is_valid():
    document = _sarif([])
    assert document["runs"][0]["results"] == []
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is True
    _validate(document)


def test_cli_sarif_validates(tmp_path):
    (tmp_path / "myrule.py").write_text(
        textwrap.dedent(
            '''
        from artlint import Finding, hookimpl, rule

        @rule(code="ZZ903", name="mailing-list-prompt", summary="Mailing-list prompt")
        def prompt(article, options):
            """## What it does
            Flags mailing-list prompts.
            """
            start = article.body.find("mailing list")
            if start != -1:
                yield Finding(message="mailing-list prompt", start=start, end=start + 12)

        @hookimpl
        def artlint_rules():
            return [prompt]
        '''
        ),
        encoding="utf-8",
    )
    (tmp_path / "artlint.toml").write_text(
        'plugins = ["myrule.py"]\nselect = ["ZZ"]\n', encoding="utf-8"
    )
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text("Title\n\nJoin the mailing list\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "artlint", "check", "--output-format", "sarif", "sub/a.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)
    run = document["runs"][0]
    (only,) = run["results"]
    assert only["ruleId"] == "ZZ903"
    location = only["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "sub/a.txt"
    assert location["region"] == {"startLine": 3, "startColumn": 10, "endLine": 3, "endColumn": 22}
    _validate(document)
