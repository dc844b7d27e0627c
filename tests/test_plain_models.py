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
from artlint.models import FieldSource
from artlint.rules import InvalidRule, NoOptions

ARTICLE_TEXT = "Headline\n\nSubscribe to our newsletter for more news like this.\n"


def _imports_pydantic(*args: str, cwd: Path) -> bool:
    return _imports("pydantic", *args, cwd=cwd)


def _imports(module: str, *args: str, cwd: Path) -> bool:
    code = (
        "import sys, io, contextlib\n"
        "from artlint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({list(args)!r})\n"
        f"print({module!r} in sys.modules)\n"
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


def test_a_run_without_a_configuration_file_never_imports_the_toml_reader(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    assert not _imports("tomllib", "check", "--no-cache", "a.txt", cwd=tmp_path)
    (tmp_path / "artlint.toml").write_text("extend-select = []\n", "utf-8")
    assert _imports("tomllib", "check", "--no-cache", "a.txt", cwd=tmp_path)


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
    ("options", "messages"),
    [
        ("wrod = 1\n", ["unknown option(s) 'wrod'"]),
        ('at-least = "many"\n', ["'at-least': Input should be a valid integer"]),
        ('word = " "\n', ["'word': Value error, must not be blank"]),
        # an unknown key does not hide the problems of the known ones
        ('wrod = 1\nat-least = "many"\n', ["unknown option(s) 'wrod'", "valid integer"]),
        ('wrod = 1\nword = " "\n', ["unknown option(s) 'wrod'", "must not be blank"]),
    ],
)
def test_bad_dataclass_options_are_config_errors(
    options_project: Path, cli: RunCli, options: str, messages: list[str]
) -> None:
    _configure(options_project, options)
    result = cli("check", "--no-cache", ".", cwd=options_project)
    assert result.returncode == 2
    assert "options of rule ZP101 (word-found)" in result.stderr
    for message in messages:
        assert result.stderr.count(message) == 1


def test_the_options_own_checks_wait_for_values_of_the_right_type(
    options_project: Path, cli: RunCli
) -> None:
    # run on a default standing in for the wrong value, a check across keys would report
    # what the default makes of it; the wrong type is reported alone, the check next run
    _configure(options_project, 'at-least = "many"\nword = " "\n')
    result = cli("check", "--no-cache", ".", cwd=options_project)
    assert result.returncode == 2
    assert "'at-least': Input should be a valid integer" in result.stderr
    assert "must not be blank" not in result.stderr


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


# -- what a review of the change found -----------------------------------------------------


def _write(root: Path, config: str) -> None:
    (root / "artlint.toml").write_text(config, encoding="utf-8")
    (root / "a.txt").write_text(ARTICLE_TEXT, encoding="utf-8")


def test_override_selectors_are_checked_when_rules_are_bound_not_crashed_on(
    tmp_path: Path, cli: RunCli
) -> None:
    _write(tmp_path, '[[overrides]]\nfiles = ["*.txt"]\nselect = []\n')
    nothing = cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert nothing.returncode == 0 and "internal error" not in nothing.stderr
    _write(tmp_path, '[[overrides]]\nfiles = ["*.txt"]\nextend-select = [" "]\n')
    blank = cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert blank.returncode == 2 and "unknown rule selector" in blank.stderr


def test_option_errors_survive_the_trip_from_a_worker() -> None:
    import pickle

    from artlint.rules import OptionError, OptionErrors

    error = OptionErrors([OptionError("a", "x"), OptionError("b", "y", exact=True)])
    copied = pickle.loads(pickle.dumps(error))
    assert [(e.key, e.shown) for e in copied.each] == [("a", "Value error, x"), ("b", "y")]
    invalid = pickle.loads(pickle.dumps(InvalidRule("code", "bad")))
    assert (invalid.field, invalid.reason) == ("code", "bad")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("rule-timeout = nan\n", "key 'rule-timeout': Input should be greater than or equal to 0"),
        (
            "[rules.DT003]\ntolerance-hours = nan\n",
            "'tolerance-hours': Input should be greater than or equal to 0",
        ),
    ],
)
def test_not_a_number_is_no_limit(tmp_path: Path, cli: RunCli, config: str, message: str) -> None:
    _write(tmp_path, config)
    result = cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr


def test_every_bad_value_is_reported_at_once(tmp_path: Path, cli: RunCli) -> None:
    _write(tmp_path, 'regex-timeout = 0\nrule-timeout = 0.01\n[rules.DT003]\n'
           'tolerance-hours = -1\nreference-date = "soon"\n')  # fmt: skip
    result = cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert "key 'regex-timeout'" in result.stderr and "key 'rule-timeout'" in result.stderr
    _write(tmp_path, '[rules.DT003]\ntolerance-hours = -1\nreference-date = "soon"\n')
    result = cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert "'reference-date'" in result.stderr and "'tolerance-hours'" in result.stderr


def test_config_shows_dates_and_nested_keys_as_written(tmp_path: Path, cli: RunCli) -> None:
    _write(
        tmp_path,
        '[rules.DT008]\nfloor = 1990-01-01\n[[overrides]]\nfiles = ["*.txt"]\n'
        'extend-select = ["HT"]\n',
    )
    shown = json.loads(cli("config", "a.txt", cwd=tmp_path).stdout.split("\n", 1)[1])
    assert shown["rules"]["DT008"]["floor"] == "1990-01-01"
    assert shown["overrides"][0]["extend-select"] == ["HT"]


def test_a_plugins_own_bad_default_is_blamed_on_the_plugin(tmp_path: Path, cli: RunCli) -> None:
    (tmp_path / "p.py").write_text(
        "from artlint import hookimpl\n\n@hookimpl\ndef artlint_default_config():\n"
        '    return {"rules": {"DT003": {"tolerance_hours": -1}}}\n',
        encoding="utf-8",
    )
    _write(tmp_path, 'plugins = ["p.py"]\n')
    result = cli("check", "--no-cache", "a.txt", cwd=tmp_path)
    assert "the default configuration of plugin" in result.stderr
    assert "'tolerance_hours'" in result.stderr


class _Index:
    """Like numpy.int64: a whole number that is no int."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


def _numpy_like(article: Article, options: object):  # type: ignore[no-untyped-def]
    yield Finding(message="m", start=_Index(1), end=3.0)  # type: ignore[arg-type]


def test_offsets_given_as_other_whole_numbers_are_taken() -> None:
    item = rule(code="ZP105", name="numpy-like", summary="Odd")(_numpy_like)
    article = Article(path="a.txt", format="text", body="text", sources={"body": FieldSource()})
    [violation] = check_article(article, [BoundRule(item, NoOptions(), "warning")])
    assert (violation.code, violation.column, violation.end_column) == ("ZP105", 2, 4)


def test_a_readers_near_misses_are_taken_and_real_mistakes_said() -> None:
    import datetime

    article = Article(path="a", format="json", record="3", url=b"https://e.com")  # type: ignore[arg-type]
    assert (article.record, article.url) == (3, "https://e.com")
    with pytest.raises(TypeError, match="Article.published must be text"):
        Article(path="a", format="json", published=datetime.date(2020, 1, 1))  # type: ignore[arg-type]


def test_the_compatibility_methods_do_what_pydantic_did() -> None:
    article = Article(path="a", format="text", extra={"k": [1]})
    deep = article.model_copy(deep=True)
    deep.extra["k"].append(2)
    assert article.extra == {"k": [1]}
    assert "title" not in article.model_dump(exclude_none=True)
    assert set(article.model_dump(include={"path", "body"})) == {"path", "body"}
    fix = Fix(replacement="x", start=0, end=1)
    assert Fix.model_validate({**fix.model_dump(), "unknown": 1}) == fix
    assert Fix.model_validate(fix) is fix


def test_settings_made_in_python_are_checked_and_tables_converted() -> None:
    from artlint.config import Override, Settings

    settings = Settings(overrides=[{"files": ["*.txt"], "extend-select": ["HT"]}])  # type: ignore[list-item]
    assert settings.overrides == [Override(files=["*.txt"], extend_select=["HT"])]
    with pytest.raises(TypeError, match="Settings.select cannot be str"):
        Settings(select="AD001")  # type: ignore[arg-type]
    assert (
        rule(code="ZP106", name="on", summary="On", default_enabled=1)(_bad).default_enabled is True
    )  # type: ignore[arg-type]


def test_a_stored_result_with_an_unknown_severity_is_linted_again(
    tmp_path: Path, cli: RunCli
) -> None:
    _write(tmp_path, "")
    first = cli("check", "--output-format", "json", "a.txt", cwd=tmp_path)
    [entry] = (tmp_path / "cache").rglob("*.json")
    stored = json.loads(entry.read_text(encoding="utf-8"))
    for violation in stored["violations"]:
        violation["severity"] = "fatal"
    entry.write_text(json.dumps(stored), encoding="utf-8")
    again = cli("check", "--output-format", "json", "a.txt", cwd=tmp_path)
    assert again.stdout == first.stdout and json.loads(first.stdout)
