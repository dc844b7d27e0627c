"""artlint's data and its rules' options are plain dataclasses: a run that configures no
options never imports pydantic, configured options are validated all the same, and what a
plugin gets wrong is still reported."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import RunCli

from artlint import Article, Finding, Fix, Rule, Violation, rule
from artlint.engine import BoundRule, check_article
from artlint.rules import InvalidRule, NoOptions

ARTICLE_TEXT = "Headline\n\nSubscribe to our newsletter for more news like this.\n"


def _imports_pydantic(*args: str, cwd: Path) -> bool:
    code = (
        "import sys, io, contextlib\n"
        "from artlint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({list(args)!r})\n"
        "print('pydantic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1] == "True"


def test_a_run_without_configured_options_never_imports_pydantic(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    assert not _imports_pydantic("check", "--no-cache", "a.txt", cwd=tmp_path)
    (tmp_path / "artlint.toml").write_text('[rules.DT008]\nfloor = "1990-01-01"\n', "utf-8")
    assert _imports_pydantic("check", "--no-cache", "a.txt", cwd=tmp_path)


OPTIONS_PLUGIN = textwrap.dedent(
    '''
    from artlint import Finding, OptionError, hookimpl, rule, rule_options

    @rule_options
    class WordOptions:
        #: the word to flag
        word: str = "NEEDLE"
        #: flag it only this many times or more
        at_least: int = 1

        def __post_init__(self):
            if not self.word.strip():
                raise OptionError("word", "must not be blank")

    @rule(code="ZP101", name="word-found", summary="A word", options=WordOptions)
    def word_found(article, options):
        """## What it does
        Flags a word.

        ## Why is this bad?
        It is a test.

        ## Example
        `NEEDLE`

        ## How to fix or suppress
        Remove it.
        """
        if article.body.count(options.word) >= options.at_least:
            start = article.body.index(options.word)
            end = start + len(options.word)
            yield Finding(message=f"found {options.word}", start=start, end=end)

    @hookimpl
    def artlint_rules():
        return [word_found]
    '''
)


@pytest.fixture
def options_project(tmp_path: Path) -> Path:
    root = tmp_path / "opts"
    root.mkdir()
    (root / "opts_plugin.py").write_text(OPTIONS_PLUGIN, encoding="utf-8")
    (root / "a.txt").write_text("A NEEDLE and a HAY and a HAY.\n", encoding="utf-8")
    return root


def _configure(root: Path, options: str) -> None:
    (root / "artlint.toml").write_text(
        f'plugins = ["opts_plugin.py"]\nselect = ["ZP1"]\n[rules.ZP101]\n{options}',
        encoding="utf-8",
    )


def test_dataclass_options_take_defaults_and_configured_values(
    options_project: Path, cli: RunCli
) -> None:
    _configure(options_project, "")
    found = cli("check", "--no-cache", "--output-format", "json", ".", cwd=options_project)
    assert [v["message"] for v in json.loads(found.stdout)] == ["found NEEDLE"]
    _configure(options_project, 'word = "HAY"\nat-least = "2"\n')  # a number as TOML text
    found = cli("check", "--no-cache", "--output-format", "json", ".", cwd=options_project)
    assert [v["message"] for v in json.loads(found.stdout)] == ["found HAY"]
    described = cli("rule", "ZP101", "--output-format", "json", cwd=options_project)
    properties = json.loads(described.stdout)["options"]["properties"]
    assert properties["at-least"]["default"] == 1
    assert properties["word"]["description"] == "the word to flag"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("wrod = 1\n", "unknown option(s) 'wrod'"),
        ('at-least = "many"\n', "'at-least': Input should be a valid integer"),
        ('word = " "\n', "'word': Value error, must not be blank"),
    ],
)
def test_bad_dataclass_options_are_config_errors(
    options_project: Path, cli: RunCli, options: str, message: str
) -> None:
    _configure(options_project, options)
    result = cli("check", "--no-cache", ".", cwd=options_project)
    assert result.returncode == 2
    assert "options of rule ZP101 (word-found)" in result.stderr
    assert message in result.stderr


def _bad(article: Article, options: object):  # type: ignore[no-untyped-def]
    yield Finding(message=None, start=0, end=1)  # type: ignore[arg-type]


def _bad_fix(article: Article, options: object):  # type: ignore[no-untyped-def]
    yield Finding(message="m", fix=Fix(replacement="x", start=0, end=1, applicability="maybe"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("check", "said"),
    [(_bad, "Finding.message is NoneType"), (_bad_fix, "Fix.applicability is 'maybe'")],
)
def test_a_finding_of_the_wrong_types_is_reported_not_written(check: object, said: str) -> None:
    item = rule(code="ZP102", name="bad-types", summary="Bad", fix="safe")(check)  # type: ignore[arg-type]
    article = Article(path="a.txt", format="text", body="text")
    [violation] = check_article(article, [BoundRule(item, NoOptions(), "warning")])
    assert violation.code == "AL001"
    assert said in violation.message


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"severity": "fatal"}, "severity"),
        ({"name": "Bad Name"}, "name"),
        ({"fix": "always"}, "fix"),
        ({"options": NoOptions()}, "options"),
    ],
)
def test_a_bad_rule_declaration_names_what_is_wrong(changes: dict[str, object], field: str) -> None:
    declared = {"code": "ZP103", "name": "fine", "summary": "Fine", "check": _bad, **changes}
    with pytest.raises(InvalidRule) as raised:
        Rule(**declared)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert str(raised.value).startswith(f"invalid Rule: {field}: ")


def test_the_pydantic_style_methods_plugins_use_still_work() -> None:
    fix = Fix(replacement="x", start=0, end=1)
    violation = Violation(
        code="ZP104", name="n", message="m", severity="info", path="a", line=1, column=1,
        end_line=1, end_column=2, fix=fix,
    )  # fmt: skip
    dumped = violation.model_dump(mode="json")
    assert dumped["fix"] == {
        "replacement": "x", "start": 0, "end": 1, "applicability": "safe", "description": "",
    }  # fmt: skip
    assert Violation.model_validate(dumped) == violation
    assert list(Violation.model_fields)[:3] == ["code", "name", "message"]
    assert violation.model_copy(update={"line": 7}).line == 7
    with pytest.raises(TypeError):
        Violation.model_validate({**dumped, "line": "7"})  # stored results are checked
