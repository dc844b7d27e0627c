"""The command line end to end, in a subprocess, with the local needle plugin's rules."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RunCli

from artlint._version import __version__

ARTICLE = "Headline\n\nThe NEEDLE sat in the HAYSTACK.\n"
CLEAN = "Headline\n\nNothing to see here.\n"


@pytest.fixture
def files(project: Path) -> Path:
    (project / "flagged.txt").write_text(ARTICLE, encoding="utf-8")
    (project / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return project


def codes(stdout: str) -> list[str]:
    return re.findall(r": ([A-Z]{2}[0-9]{3}) ", stdout)


# -- exit codes and reports -------------------------------------------------------------------


def test_exit_0_when_clean(files: Path, cli: RunCli) -> None:
    result = cli("check", "clean.txt", cwd=files)
    assert result.returncode == 0
    assert codes(result.stdout) == []


def test_exit_1_with_violations_and_text_lines(files: Path, cli: RunCli) -> None:
    result = cli("check", "flagged.txt", "clean.txt", cwd=files)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    assert lines == [
        "flagged.txt:3:5: ZZ801 NEEDLE in body",
        "flagged.txt:3:23: ZZ802 HAYSTACK in body",
    ]


def test_exit_zero_flag(files: Path, cli: RunCli) -> None:
    result = cli("check", "--exit-zero", "flagged.txt", cwd=files)
    assert result.returncode == 0
    assert codes(result.stdout) == ["ZZ801", "ZZ802"]


def test_exit_2_when_a_path_cannot_be_linted_even_with_exit_zero(files: Path, cli: RunCli) -> None:
    result = cli("check", "--exit-zero", "flagged.txt", "nope.txt", cwd=files)
    assert result.returncode == 2
    assert "nope.txt:1:1: AL002 no such file or directory" in result.stdout
    assert "ZZ801" in result.stdout


def test_json_output_is_one_array_of_violations(files: Path, cli: RunCli) -> None:
    result = cli("check", "--output-format", "json", "flagged.txt", "clean.txt", cwd=files)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2
    first = data[0]
    assert {
        "code", "name", "message", "severity", "path", "line", "column",
        "end_line", "end_column", "record", "field", "fix",
    } <= set(first)  # fmt: skip
    assert (first["code"], first["name"], first["severity"]) == ("ZZ801", "needle-found", "warning")
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (3, 5, 3, 11)
    assert (first["path"], first["record"], first["field"]) == ("flagged.txt", None, "body")
    assert data[1]["severity"] == "info"


def test_json_output_when_clean_is_an_empty_array(files: Path, cli: RunCli) -> None:
    result = cli("check", "--output-format", "json", "clean.txt", cwd=files)
    assert json.loads(result.stdout) == []


def test_json_lines_record_line_column_and_field(project: Path, cli: RunCli) -> None:
    raw = (
        '{"title": "ok", "text": "fine"}\n\n{"title": "The NEEDLE", "text": "caf\\u00e9 NEEDLE"}\n'
    )
    (project / "records.jsonl").write_text(raw, encoding="utf-8")
    result = cli("check", "--output-format", "json", "records.jsonl", cwd=project)
    found = {(v["field"], v["record"], v["line"], v["column"]) for v in json.loads(result.stdout)}
    assert found == {
        ("title", 2, 3, raw.splitlines()[2].index("NEEDLE") + 1),
        ("body", 2, 3, raw.splitlines()[2].rindex("NEEDLE") + 1),
    }


def test_unknown_output_format(files: Path, cli: RunCli) -> None:
    result = cli("check", "--output-format", "yaml-please", "clean.txt", cwd=files)
    assert result.returncode == 2
    assert "unknown output format 'yaml-please'" in result.stderr


# -- selection --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "ZZ801"], ["ZZ801"]),
        (["--select", "needle-found"], ["ZZ801"]),
        (["--select", "ZZ80"], ["ZZ801", "ZZ802"]),
        (["--select", "ZZ8", "--ignore", "ZZ802"], ["ZZ801"]),
        (["--ignore", "haystack-found"], ["ZZ801"]),
        (["--ignore", "ZZ80"], []),
        (["--select", "ZZ801", "--extend-select", "ZZ802"], ["ZZ801", "ZZ802"]),
        (["--select", "ZZ802", "--extend-select", "needle-found"], ["ZZ801", "ZZ802"]),
        (["--select", "ZZ801,ZZ802"], ["ZZ801", "ZZ802"]),
    ],
)
def test_select_ignore_extend_select(
    args: list[str], expected: list[str], files: Path, cli: RunCli
) -> None:
    result = cli("check", *args, "flagged.txt", cwd=files)
    assert codes(result.stdout) == expected
    assert result.returncode == (1 if expected else 0)


def test_unknown_selector_is_an_error(files: Path, cli: RunCli) -> None:
    result = cli("check", "--select", "QQ999", "flagged.txt", cwd=files)
    assert result.returncode == 2
    assert "unknown rule selector 'QQ999'" in result.stderr
    assert result.stderr.count("\n") == 1


# -- stdin ------------------------------------------------------------------------------------


def test_stdin_with_filename(files: Path, cli: RunCli) -> None:
    result = cli("check", "--stdin-filename", "piped.txt", "-", cwd=files, stdin=ARTICLE.encode())
    assert result.returncode == 1
    assert "piped.txt:3:5: ZZ801 NEEDLE in body" in result.stdout


def test_stdin_filename_chooses_the_reader(files: Path, cli: RunCli) -> None:
    data = b'{"text": "x"}\n{"title": "NEEDLE"}\n'
    result = cli("check", "--stdin-filename", "s.jsonl", "-", cwd=files, stdin=data)
    assert "s.jsonl:2:12: ZZ801 NEEDLE in title" in result.stdout


def test_stdin_bad_input_is_exit_2(files: Path, cli: RunCli) -> None:
    result = cli("check", "--stdin-filename", "s.json", "-", cwd=files, stdin=b"{nope")
    assert result.returncode == 2
    assert "s.json:1:1: AL002 invalid JSON" in result.stdout


# -- other commands ---------------------------------------------------------------------------


def test_version(tmp_path: Path, cli: RunCli) -> None:
    for args in (["--version"], ["version"]):
        result = cli(*args, cwd=tmp_path)
        assert result.returncode == 0
        assert result.stdout.strip() == f"artlint {__version__}"


def test_rules_and_rule(tmp_path: Path, cli: RunCli) -> None:
    listed = cli("rules", "--output-format", "json", cwd=tmp_path)
    assert listed.returncode == 0
    rules = json.loads(listed.stdout)
    assert rules, "no rules installed"
    first = rules[0]
    assert {"code", "name", "summary", "severity", "doc", "options"} <= set(first)
    text = cli("rules", cwd=tmp_path).stdout.splitlines()
    assert len(text) == len(rules)
    assert text[0].startswith(f"{first['code']}  {first['name']}")
    for selector in (first["code"], first["name"]):
        shown = cli("rule", selector, cwd=tmp_path)
        assert shown.returncode == 0
        assert shown.stdout.startswith(f"# {first['name']} ({first['code']})")
        assert "## What it does" in shown.stdout


def test_unknown_rule(tmp_path: Path, cli: RunCli) -> None:
    result = cli("rule", "QQ999", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "artlint: error: unknown rule 'QQ999' (see 'artlint rules')\n"


def test_rule_commands_see_the_configured_local_plugin(project: Path, cli: RunCli) -> None:
    shown = cli("rule", "ZZ801", cwd=project)
    assert shown.returncode == 0, shown.stderr
    assert "needle-found" in shown.stdout
    assert re.search(r"^ZZ801\s+needle-found", cli("rules", cwd=project).stdout, re.MULTILINE)


def test_plugins(tmp_path: Path, cli: RunCli) -> None:
    result = cli("plugins", "--output-format", "json", cwd=tmp_path)
    assert result.returncode == 0
    plugins = {item["name"]: item for item in json.loads(result.stdout)}
    assert plugins["readers"]["distribution"] == "artlint"
    assert plugins["readers"]["version"] == __version__
    text = cli("plugins", cwd=tmp_path).stdout
    assert re.search(rf"^readers\s+artlint {re.escape(__version__)}", text, re.MULTILINE)


def test_python_dash_m_and_default_command(files: Path, cli: RunCli) -> None:
    # `artlint PATH` is `artlint check PATH`
    result = cli("flagged.txt", cwd=files)
    assert result.returncode == 1
    assert codes(result.stdout) == ["ZZ801", "ZZ802"]


def test_usage_error_is_exit_2(tmp_path: Path, cli: RunCli) -> None:
    result = cli("check", "--no-such-flag", cwd=tmp_path)
    assert result.returncode == 2
    assert "unrecognized arguments: --no-such-flag" in result.stderr


# -- colour -----------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "full"])
def test_no_colour_when_not_a_tty_or_no_color(output_format: str, files: Path, cli: RunCli) -> None:
    for env in ({}, {"NO_COLOR": "1"}):
        result = cli("check", "--output-format", output_format, "flagged.txt", cwd=files,
                     extra_env=env)  # fmt: skip
        assert "ZZ801" in result.stdout
        assert "\x1b[" not in result.stdout + result.stderr


def _run_on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run the CLI with stdout on a pseudo-terminal and return what it wrote there."""
    import os
    import subprocess
    import sys

    pty = pytest.importorskip("pty")
    controller, terminal = pty.openpty()
    try:
        subprocess.run(
            [sys.executable, "-m", "artlint", *args],
            cwd=cwd, stdout=terminal, stderr=subprocess.PIPE, env=env, timeout=120, check=False,
        )  # fmt: skip
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal side is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_only_on_a_terminal_without_no_color(files: Path, tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    env["ARTLINT_CACHE_DIR"] = str(tmp_path / "cache")
    args = ["check", "--output-format", "full", "flagged.txt"]
    coloured = _run_on_a_terminal(args, files, env)
    assert "ZZ801" in coloured and "\x1b[" in coloured
    plain = _run_on_a_terminal(args, files, {**env, "NO_COLOR": "1"})
    assert "ZZ801" in plain and "\x1b[" not in plain
    flag = _run_on_a_terminal([*args, "--no-color"], files, env)
    assert "ZZ801" in flag and "\x1b[" not in flag


# -- configuration discovery, plugins, isolation ------------------------------------------------


def test_nearest_config_applies_to_each_path(project: Path, cli: RunCli) -> None:
    inner = project / "sub" / "deeper"
    inner.mkdir(parents=True)
    (inner / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (project / "sub" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.artlint]\nplugins = ["../needle_plugin.py"]\n'
        'select = ["ZZ802"]\n',
        encoding="utf-8",
    )
    (project / "top.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("check", "top.txt", "sub/deeper/a.txt", cwd=project)
    assert set(result.stdout.splitlines()[:3]) == {
        "sub/deeper/a.txt:3:23: ZZ802 HAYSTACK in body",
        "top.txt:3:5: ZZ801 NEEDLE in body",
        "top.txt:3:23: ZZ802 HAYSTACK in body",
    }


def test_pyproject_without_artlint_table_is_skipped(project: Path, cli: RunCli) -> None:
    inner = project / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (inner / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("check", "pkg/a.txt", cwd=project)
    assert codes(result.stdout) == ["ZZ801", "ZZ802"]


def test_config_flag_and_isolated(project: Path, tmp_path: Path, cli: RunCli) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.txt").write_text(ARTICLE, encoding="utf-8")
    config = str(project / "artlint.toml")
    result = cli("check", "--config", config, "--select", "ZZ802", "a.txt", cwd=elsewhere)
    assert codes(result.stdout) == ["ZZ802"]
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    isolated = cli("check", "--isolated", "--select", "ZZ801", "a.txt", cwd=project)
    assert isolated.returncode == 2
    assert "unknown rule selector 'ZZ801'" in isolated.stderr


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ("selectt = ['ZZ8']\n", "key 'selectt': Extra inputs are not permitted"),
        ("select = 'ZZ8'\n", "key 'select': Input should be a valid list"),
        ("fail-on = 'sometimes'\n", "key 'fail-on'"),
        ("regex-timeout = 0\n", "key 'regex-timeout'"),
        ("select = [\n", "invalid TOML"),
        ("[rules.ZZ801]\nseverity = 'fatal'\n", "severity must be error, warning or info"),
        ("[rules.ZZ801]\nthreshold = 3\n", "artlint.toml: options of rule ZZ801 (needle-found)"),
        ("[rules.QQ123]\nx = 1\n", "options for unknown rule(s): QQ123"),
        ("[fields]\nbdy = ['text']\n", "unknown article field 'bdy'"),
    ],
)
def test_bad_config_is_one_message_and_exit_2(
    config: str, fragment: str, project: Path, cli: RunCli
) -> None:
    (project / "artlint.toml").write_text(
        'plugins = ["needle_plugin.py"]\n' + config, encoding="utf-8"
    )
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("check", "a.txt", cwd=project)
    assert result.returncode == 2, result.stdout
    assert fragment in result.stderr
    assert all(line.startswith("artlint: error: ") for line in result.stderr.splitlines())


def test_plugin_that_fails_to_import(project: Path, cli: RunCli) -> None:
    (project / "broken_plugin.py").write_text(
        "raise ImportError('needs a module that is not installed')\n", encoding="utf-8"
    )
    (project / "artlint.toml").write_text(
        'plugins = ["needle_plugin.py", "broken_plugin.py"]\n', encoding="utf-8"
    )
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("check", "a.txt", cwd=project)
    assert result.returncode == 2
    assert "broken_plugin.py failed to import: ImportError: needs a module" in result.stderr
    assert result.stdout == ""
    # `artlint plugins` describes the installation: the others, and the broken one's error
    listed = cli("plugins", cwd=project)
    assert listed.returncode == 2
    assert re.search(r"needle_plugin\.py +\(local file\) -  rules: ZZ801", listed.stdout)
    assert re.search(r"broken_plugin\.py +\(local file\) -  FAILED$", listed.stdout, re.M)
    assert "broken_plugin.py failed to import: ImportError: needs a module" in listed.stderr
    as_json = cli("plugins", "--output-format", "json", cwd=project)
    assert as_json.returncode == 2
    errors = {Path(item["name"]).name: item["error"] for item in json.loads(as_json.stdout)}
    assert errors["needle_plugin.py"] is None
    assert "ImportError: needs a module" in errors["broken_plugin.py"]
    assert errors["readers"] is None  # the built-in plugins are still there


def test_missing_local_plugin_file(project: Path, cli: RunCli) -> None:
    (project / "artlint.toml").write_text('plugins = ["gone.py"]\n', encoding="utf-8")
    result = cli("check", "artlint.toml", cwd=project)
    assert result.returncode == 2
    assert "gone.py: no such file" in result.stderr


def test_crashing_rule_is_isolated(project: Path, cli: RunCli) -> None:
    (project / "a.txt").write_text("Headline\n\nCRASH and NEEDLE\n", encoding="utf-8")
    (project / "b.txt").write_text("Headline\n\nJust a NEEDLE\n", encoding="utf-8")
    result = cli("check", "--output-format", "json", "a.txt", "b.txt", cwd=project)
    assert result.returncode == 2
    found = [(v["path"], v["code"]) for v in json.loads(result.stdout)]
    assert found == [("a.txt", "AL001"), ("a.txt", "ZZ801"), ("b.txt", "ZZ801")]
    crash = json.loads(result.stdout)[0]
    assert "ZZ803 (crashes-on-crash) crashed: RuntimeError: crashed on purpose" in crash["message"]
    assert crash["severity"] == "error"


def test_crash_cannot_be_ignored_away(project: Path, cli: RunCli) -> None:
    (project / "a.txt").write_text("CRASH\n", encoding="utf-8")
    assert cli("check", "--ignore", "ZZ803", "a.txt", cwd=project).returncode == 0
    result = cli("check", "--exit-zero", "a.txt", cwd=project)
    assert result.returncode == 2
    assert "AL001" in result.stdout


def test_check_never_writes_inputs(files: Path, cli: RunCli) -> None:
    import hashlib

    def digest() -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files.glob("*.txt")}

    before = digest()
    cli("check", ".", cwd=files)
    cli("check", "--output-format", "json", ".", cwd=files)
    assert digest() == before


@pytest.mark.parametrize(
    ("name", "excluded"),
    [
        ("a.txt", False),
        (".git", True),
        ("src/.venv", True),
        ("archive/x/a.txt", True),
        ("data/a1.txt", True),
        ("data/c1.txt", False),
        ("old/foo.bak", True),
        ("x/y", False),
        ("raw", True),  # "raw/" names the folder, as in .gitignore
        ("rawer", False),
    ],
)
def test_excludes_match_the_name_or_the_whole_path_like_fnmatch(name: str, excluded: bool) -> None:
    from artlint.discovery import DEFAULT_EXCLUDES, is_excluded

    patterns = [*DEFAULT_EXCLUDES, "*.bak", "archive/**", "data/[ab]*.txt", "raw/"]
    assert is_excluded(Path(name), patterns) is excluded


def test_options_written_before_the_command(files: Path, cli: RunCli) -> None:
    result = cli("--no-cache", "check", "flagged.txt", cwd=files)
    assert result.returncode == 1
    assert "check:1:1" not in result.stdout  # the command is no path
    assert codes(result.stdout) == ["ZZ801", "ZZ802"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "-j", "0", "clean.txt"), "-j/--jobs takes a number of processes"),
        (("check", "-j", "-1", "clean.txt"), "-j/--jobs takes a number of processes"),
        (("check", "--config", ".", "clean.txt"), ".: cannot read: Is a directory"),
        (("config", "missing-folder"), "missing-folder: no such file or directory"),
    ],
)
def test_bad_arguments_are_one_clear_line(
    args: tuple[str, ...], message: str, files: Path, cli: RunCli
) -> None:
    result = cli(*args, cwd=files)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Errno" not in result.stderr


@pytest.mark.parametrize("format_name", ["text", "full"])
def test_quiet_prints_violations_only(format_name: str, files: Path, cli: RunCli) -> None:
    loud = cli("check", "--output-format", format_name, "flagged.txt", cwd=files)
    quiet = cli("check", "-q", "--output-format", format_name, "flagged.txt", cwd=files)
    assert "Found 2 violations" in loud.stdout
    assert "Found" not in quiet.stdout
    assert codes(quiet.stdout) == codes(loud.stdout) == ["ZZ801", "ZZ802"]
    assert quiet.returncode == loud.returncode == 1


_RULE_HEAD = (
    "from artlint import Finding, hookimpl, rule\n\n"
    "@rule(code={code!r}, name={name!r}, summary='S')\n"
    "def r(article, options):\n"
    '    """## What it does\n    Nothing.\n    """\n'
    "    return iter(())\n\n"
    "@hookimpl\n"
    "def artlint_rules():\n"
    "    return {returned}\n"
)


@pytest.mark.parametrize(
    ("code", "name", "returned", "message"),
    [
        ("XS101", "x-rule", "'abc'", "artlint_rules() must return a list, not str"),
        ("XS101", "x-rule", "[object()]", "artlint_rules() returned a object, not a Rule"),
        ("AL001", "x-rule", "[r]", "rule code AL001 is taken: the AL codes are artlint's own"),
        ("XS101", "call-to-action-line", "[r]", "rule name call-to-action-line is claimed by two"),
    ],
)
def test_a_plugin_returning_the_wrong_thing_is_named(
    code: str, name: str, returned: str, message: str, tmp_path: Path, cli: RunCli
) -> None:
    (tmp_path / "my_rules.py").write_text(
        _RULE_HEAD.format(code=code, name=name, returned=returned), encoding="utf-8"
    )
    (tmp_path / "artlint.toml").write_text('plugins = ["my_rules.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "internal error" not in result.stderr


def test_a_rule_listed_twice_by_its_plugin_is_one_rule(tmp_path: Path, cli: RunCli) -> None:
    (tmp_path / "my_rules.py").write_text(
        _RULE_HEAD.format(code="XS101", name="x-rule", returned="[r, r]"), encoding="utf-8"
    )
    (tmp_path / "artlint.toml").write_text('plugins = ["my_rules.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    result = cli("check", "--select", "XS101", "a.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_an_option_json_cannot_hold_does_not_break_the_cache(tmp_path: Path, cli: RunCli) -> None:
    (tmp_path / "my_rules.py").write_text(
        "from artlint import RuleOptions, hookimpl, rule\n\n"
        "class Odd(RuleOptions):\n"
        "    model_config = {**RuleOptions.model_config, 'arbitrary_types_allowed': True}\n"
        "    marker: object = object()\n\n"
        "@rule(code='XS102', name='odd-options', summary='S', options=Odd)\n"
        "def r(article, options):\n"
        '    """## What it does\n    Nothing.\n    """\n'
        "    return iter(())\n\n"
        "@hookimpl\n"
        "def artlint_rules():\n"
        "    return [r]\n",
        encoding="utf-8",
    )
    (tmp_path / "artlint.toml").write_text('plugins = ["my_rules.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    for _ in range(2):  # the second run reads the cache
        result = cli("check", "--select", "XS102", "a.txt", cwd=tmp_path)
        assert result.returncode == 0, result.stderr


def test_an_invalid_rule_declaration_is_one_line(tmp_path: Path, cli: RunCli) -> None:
    (tmp_path / "my_rules.py").write_text(
        _RULE_HEAD.format(code="xs101", name="x-rule", returned="[r]"), encoding="utf-8"
    )
    (tmp_path / "artlint.toml").write_text('plugins = ["my_rules.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    result = cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert (
        "failed to import: invalid Rule: code: rule code 'xs101' must be two capital"
        in result.stderr
    )


ODD_OPTIONS_PLUGIN = '''
import datetime
import re
from collections.abc import Callable

from pydantic import ConfigDict, Field

from artlint import RuleOptions, hookimpl, rule


class OddOptions(RuleOptions):
    model_config = ConfigDict(**{**RuleOptions.model_config, "arbitrary_types_allowed": True})
    #: a callable: JSON Schema has no type for it
    hook: Callable[[str], str] = str.upper
    #: a set made by a factory: pydantic leaves its default out of the schema
    tags: set[str] = Field(default_factory=lambda: {"y", "z"})
    when: datetime.date = datetime.date(2020, 1, 2)
    pattern: re.Pattern[str] = re.compile("x+")


@rule(code="XS103", name="odd-defaults", summary="Options JSON cannot hold", options=OddOptions)
def odd_defaults(article, options):
    """## What it does
    Nothing.
    """
    return iter(())


@hookimpl
def artlint_rules():
    return [odd_defaults]
'''


def test_rules_whose_options_json_cannot_hold_are_listed(tmp_path: Path, cli: RunCli) -> None:
    (tmp_path / "odd_rules.py").write_text(ODD_OPTIONS_PLUGIN, encoding="utf-8")
    (tmp_path / "artlint.toml").write_text('plugins = ["odd_rules.py"]\n', encoding="utf-8")
    listed = cli("rules", "--output-format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    (odd,) = [item for item in json.loads(listed.stdout) if item["code"] == "XS103"]
    properties = odd["options"]["properties"]
    assert properties["hook"]["default"] == repr(str.upper)
    assert properties["hook"]["description"] == "a callable: JSON Schema has no type for it"
    assert sorted(properties["tags"]["default"]) == ["y", "z"]
    assert properties["when"]["default"] == "2020-01-02"
    assert properties["pattern"]["default"] == "x+"
    shown = cli("rule", "XS103", "--output-format", "json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["options"] == odd["options"]
    markdown = cli("rules", "--output-format", "markdown", cwd=tmp_path)
    assert markdown.returncode == 0, markdown.stderr
    assert '| `when` | `"2020-01-02"` |' in markdown.stdout


BROKEN_REPORTER_PLUGIN = """
from artlint import hookimpl
from artlint.reporters.base import ReporterSpec


class Broken:
    def __init__(self, context):
        pass

    def start(self):
        raise ValueError("first line\\n\\n  third line, indented")

    def report(self, violation):
        pass

    def finish(self, summary):
        pass


@hookimpl
def artlint_reporters():
    return [ReporterSpec(name="broken", factory=Broken)]
"""


def test_an_internal_error_is_one_line(tmp_path: Path, cli: RunCli) -> None:
    (tmp_path / "broken_reporter.py").write_text(BROKEN_REPORTER_PLUGIN, encoding="utf-8")
    (tmp_path / "artlint.toml").write_text('plugins = ["broken_reporter.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    result = cli("check", "--output-format", "broken", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "artlint: error: internal error: ValueError: first line third line, indented "
        "(set ARTLINT_DEBUG=1 for a traceback)\n"
    )


DEFAULTS_PLUGIN = """
from artlint import hookimpl


@hookimpl
def artlint_default_config():
    return {"rules": {"ZZ801": {"%s": 1}}}
"""


def test_bad_plugin_defaults_are_blamed_on_the_plugin(project: Path, cli: RunCli) -> None:
    (project / "defaults_plugin.py").write_text(DEFAULTS_PLUGIN % "bogus", encoding="utf-8")
    (project / "artlint.toml").write_text(
        'plugins = ["needle_plugin.py", "defaults_plugin.py"]\nselect = ["ZZ8"]\n',
        encoding="utf-8",
    )
    (project / "a.txt").write_text(CLEAN, encoding="utf-8")
    result = cli("check", "a.txt", cwd=project)
    assert result.returncode == 2
    plugin = str(project / "defaults_plugin.py")
    assert result.stderr == (
        f"artlint: error: the default configuration of plugin '{plugin}': options of rule "
        "ZZ801 (needle-found): unknown option(s) 'bogus'\n"
    )
    # the configuration file's own mistake is still the configuration file's
    (project / "artlint.toml").write_text(
        'plugins = ["needle_plugin.py"]\nselect = ["ZZ8"]\n[rules.ZZ801]\nbogus = 1\n',
        encoding="utf-8",
    )
    result = cli("check", "a.txt", cwd=project)
    assert result.returncode == 2
    assert result.stderr.startswith(f"artlint: error: {project / 'artlint.toml'}: options of rule")


OPTIONS_DEFAULTS_PLUGIN = '''
from artlint import RuleOptions, hookimpl, rule


class KeyOptions(RuleOptions):
    api_key: str
    timeout: int = 5


@rule(code="XS104", name="needs-a-key", summary="S", options=KeyOptions)
def needs_a_key(article, options):
    """## What it does
    Nothing.
    """
    return iter(())


@hookimpl
def artlint_rules():
    return [needs_a_key]


@hookimpl
def artlint_default_config():
    return {"rules": {"XS104": {"timeout": %s}}}
'''


@pytest.mark.parametrize(
    ("plugin_timeout", "user_options", "blamed"),
    [
        # the user's mistake, though the plugin's defaults alone also lack the required key
        ("10", 'api-key = "k"\ntimeout = "soon"\n', "config"),
        ("10", "", "config"),  # the required key is the user's to give
        ('"never"', 'api-key = "k"\n', "plugin"),  # only the plugin set the bad value
        ('"never"', 'api-key = "k"\ntimeout = 3\n', None),  # the user's value replaces it
    ],
)
def test_option_errors_are_blamed_on_whoever_set_the_option(
    tmp_path: Path, cli: RunCli, plugin_timeout: str, user_options: str, blamed: str | None
) -> None:
    (tmp_path / "key_rules.py").write_text(
        OPTIONS_DEFAULTS_PLUGIN % plugin_timeout, encoding="utf-8"
    )
    (tmp_path / "artlint.toml").write_text(
        f'plugins = ["key_rules.py"]\nselect = ["XS104"]\n[rules.XS104]\n{user_options}',
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    result = cli("check", "a.txt", cwd=tmp_path)
    if blamed is None:
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 2
    where = (
        f"the default configuration of plugin '{tmp_path / 'key_rules.py'}'"
        if blamed == "plugin"
        else str(tmp_path / "artlint.toml")
    )
    assert result.stderr.startswith(f"artlint: error: {where}: options of rule XS104"), (
        result.stderr
    )


COMMAND = Path(sys.executable).parent / ("artlint.exe" if os.name == "nt" else "artlint")


@pytest.mark.skipif(not COMMAND.is_file(), reason="the artlint command is not installed here")
def test_the_command_ends_with_every_report_written_whole(tmp_path: Path) -> None:
    """The installed command leaves without the interpreter's teardown: nothing may be lost."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for index in range(30):
        (folder / f"a{index:02}.txt").write_text("Subscribe to our newsletter\n", encoding="utf-8")
    # buffered output, as on most machines: only a flush before the exit gets it out
    env = {
        **{key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"},
        "ARTLINT_CACHE_DIR": str(tmp_path / "cache"),
    }
    piped = subprocess.run(
        [str(COMMAND), "check", "--isolated", "--output-format", "json", str(folder)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert piped.returncode == 1, piped.stderr
    assert len(json.loads(piped.stdout)) == 30
    report = tmp_path / "report.json"
    to_file = subprocess.run(
        [
            str(COMMAND),
            "check",
            "--isolated",
            "--output-format",
            "json",
            "-o",
            str(report),
            str(folder),
        ],
        capture_output=True,
        env=env,
        check=False,
    )
    assert to_file.returncode == 1, to_file.stderr
    assert len(json.loads(report.read_text(encoding="utf-8"))) == 30
    version = subprocess.run([str(COMMAND), "--version"], capture_output=True, env=env, check=False)
    assert version.returncode == 0 and version.stdout.startswith(b"artlint ")
    listed = subprocess.run(
        [str(COMMAND), "rules", "--output-format", "json"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) > 40
    bad = subprocess.run(
        [str(COMMAND), "check", "--select", "NOPE1", str(folder)], capture_output=True, check=False
    )
    assert bad.returncode == 2 and b"NOPE1" in bad.stderr


@pytest.mark.skipif(not COMMAND.is_file(), reason="the artlint command is not installed here")
@pytest.mark.skipif(os.name == "nt", reason="a shell pipe into head")
def test_the_command_into_a_closed_pipe_says_nothing_more(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for index in range(300):
        (folder / f"a{index:03}.txt").write_text("Subscribe to our newsletter\n", encoding="utf-8")
    done = subprocess.run(
        f"'{COMMAND}' check --isolated --no-cache '{folder}' | head -n 1",
        shell=True,
        capture_output=True,
        check=False,
    )
    assert done.stdout.count(b"\n") == 1
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


@pytest.mark.skipif(not COMMAND.is_file(), reason="the artlint command is not installed here")
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full and a POSIX shell")
def test_the_command_says_when_its_output_was_lost(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    full = subprocess.run(
        f"'{COMMAND}' rules > /dev/full", shell=True, capture_output=True, env=env, check=False
    )
    assert full.returncode == 2
    assert b"artlint: error: cannot write the output: No space left on device" in full.stderr
    closed = subprocess.run(
        f"'{COMMAND}' --version >&-", shell=True, capture_output=True, env=env, check=False
    )
    assert closed.returncode == 0 and closed.stderr == b""
