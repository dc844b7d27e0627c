"""Plugins end to end: the example package installed in isolation, local rule files, conflicts.

The example plugin is installed with ``pip install --no-deps --target`` into a temporary folder
that only the subprocesses see (via PYTHONPATH), so the test venv is never changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "plugin"

ARTICLE = """Title: MINISTER VISITS VIENNA FOR TALKS
URL: https://example.com/news/1

The minister arrived in Vienna on Monday for two days of talks, officials said.
"""


def run(
    args: list[str], cwd: Path, pythonpath: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ARTLINT_", "GITHUB_", "PYTHON"))
    }
    environment.update(env)
    environment["NO_COLOR"] = "1"
    if pythonpath is not None:
        environment["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        args, cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


def artlint(
    *args: str, cwd: Path, pythonpath: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    # NOTE: the console script, as users run it: `python -m` would put the cwd on sys.path,
    # where a stray artlint_rules.py could shadow the installed package.
    script = Path(sys.executable).with_name("artlint")
    command = [str(script)] if script.exists() else [sys.executable, "-P", "-m", "artlint"]
    return run([*command, *args], cwd, pythonpath, **env)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plugin installed into a private folder (built from a copy: no build/ litter)."""
    work = tmp_path_factory.mktemp("example-plugin")
    source = work / "src"
    shutil.copytree(
        EXAMPLE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__")
    )
    target = work / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    result = run([*pip, "--disable-pip-version-check", "--target", str(target), str(source)], work)
    if result.returncode != 0:
        pytest.skip(f"pip could not build the example plugin: {result.stderr.strip()[-300:]}")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.article").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


# -- the installed example plugin ---------------------------------------------------------------


def test_plugins_lists_the_example_with_version_and_rules(site: Path, project: Path) -> None:
    result = artlint("plugins", "--output-format", "json", cwd=project, pythonpath=site)
    assert result.returncode == 0, result.stderr
    listed = {item["name"]: item for item in json.loads(result.stdout)}
    assert listed["example"]["distribution"] == "artlint-example-plugin"
    assert listed["example"]["version"] == "0.1.0"
    assert listed["example"]["rules"] == ["EX001"]
    text = artlint("plugins", cwd=project, pythonpath=site).stdout
    assert "artlint-example-plugin 0.1.0  rules: EX001" in text


def test_rules_lists_ex001_and_rule_prints_its_doc(site: Path, project: Path) -> None:
    rules = artlint("rules", cwd=project, pythonpath=site)
    assert any(line.startswith("EX001  shouting-title") for line in rules.stdout.splitlines())
    doc = artlint("rule", "EX001", cwd=project, pythonpath=site)
    assert "## Why is this bad?" in doc.stdout


def test_the_plugin_reader_and_rule_lint_a_folder(site: Path, project: Path) -> None:
    result = artlint(
        "check", "--no-cache", "--output-format", "text", "news", cwd=project, pythonpath=site
    )
    assert result.returncode == 1, result.stderr
    assert "news/a.article:1:8: EX001 title is in capitals" in result.stdout


def test_unsafe_fix_through_the_cli(site: Path, project: Path) -> None:
    args = ("check", "--no-cache", "--fix", "--unsafe-fixes", "--select", "EX", "news")
    artlint(*args, cwd=project, pythonpath=site)
    fixed = (project / "news" / "a.article").read_text(encoding="utf-8")
    assert fixed.splitlines()[0] == "Title: Minister visits vienna for talks"


def test_require_plugins(site: Path, project: Path) -> None:
    for name in ("example", "artlint-example-plugin"):
        ok = artlint(
            "check", "--no-cache", "--require-plugins", name, "news", cwd=project, pythonpath=site
        )
        assert ok.returncode == 1, ok.stderr  # it ran: EX001 found
    missing = artlint(
        "check", "--require-plugins", "example,nope", "news", cwd=project, pythonpath=site
    )
    assert missing.returncode == 2
    assert "required plugin(s) not installed: nope" in missing.stderr


def test_disable_autoload_drops_third_party_plugins_only(site: Path, project: Path) -> None:
    env = {"ARTLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    listed = artlint("plugins", cwd=project, pythonpath=site, **env).stdout
    assert "example" not in listed and "dates" in listed
    required = artlint(
        "check", "--require-plugins", "example", "news", cwd=project, pythonpath=site, **env
    )
    assert required.returncode == 2
    assert "required plugin(s) not installed: example" in required.stderr


def test_a_local_rule_claiming_a_plugin_code_names_both(site: Path, project: Path) -> None:
    (project / "clash.py").write_text(local_rule("EX001", "my-title-rule"), encoding="utf-8")
    (project / "artlint.toml").write_text('plugins = ["clash.py"]\n', encoding="utf-8")
    result = artlint("check", "news", cwd=project, pythonpath=site)
    assert result.returncode == 2
    assert "rule code EX001 is claimed by two plugins: 'example' and" in result.stderr
    assert "clash.py" in result.stderr


def test_the_plugins_own_tests_pass_with_the_kit(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "plugin"
    shutil.copytree(EXAMPLE / "tests", copy / "tests")
    loaded = any(ep.value == "artlint.testing" for ep in entry_points(group="pytest11"))
    plugin = [] if loaded else ["-p", "artlint.testing"]
    result = run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin, "tests"],
        copy,
        site,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "10 passed" in result.stdout, result.stdout[-2000:]


# -- local rule files ---------------------------------------------------------------------------


def local_rule(code: str, name: str, phrase: str = "Sponsored by") -> str:
    return textwrap.dedent(
        f'''
        from artlint import Finding, hookimpl, rule


        @rule(code="{code}", name="{name}", summary="Sponsor line")
        def check(article, options):
            """## What it does
            Flags sponsor lines.
            """
            index = article.body.find("{phrase}")
            if index >= 0:
                yield Finding(message="sponsor line", start=index, end=index + {len(phrase)})


        @hookimpl
        def artlint_rules():
            return [check]
        '''
    )


def test_a_listed_local_file_is_loaded_relative_to_its_config(tmp_path: Path) -> None:
    (tmp_path / "lint").mkdir()
    (tmp_path / "lint" / "my_rules.py").write_text(
        local_rule("ZL001", "sponsor-line"), encoding="utf-8"
    )
    (tmp_path / "artlint.toml").write_text('plugins = ["lint/my_rules.py"]\n', encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Body text.\nSponsored by Acme\n", encoding="utf-8")
    result = artlint(
        "check", "--no-cache", "--output-format", "text", "a.txt", cwd=tmp_path / "news"
    )
    assert result.returncode == 1, result.stderr
    assert "a.txt:2:1: ZL001 sponsor line" in result.stdout


def test_python_files_that_are_not_listed_are_never_imported(tmp_path: Path) -> None:
    marker = tmp_path / "imported"
    trap = f"open({str(marker)!r}, 'w').close()\n"
    for name in (
        "rules.py",
        "artlint_rules.py",
        "lint/my_rules.py",
        "news/conftest.py",
        "news/x.py",
    ):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(trap, encoding="utf-8")
    (tmp_path / "news" / "a.txt").write_text("Body text.\n", encoding="utf-8")
    (tmp_path / "artlint.toml").write_text("", encoding="utf-8")
    for args in (["check", "--no-cache", "."], ["rules"], ["plugins"]):
        result = artlint(*args, cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
    assert not marker.exists()


def test_a_broken_local_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("raise RuntimeError('boom')\n", encoding="utf-8")
    (tmp_path / "artlint.toml").write_text('plugins = ["bad.py", "gone.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    result = artlint("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "bad.py failed to import: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.stderr
    (tmp_path / "artlint.toml").write_text('plugins = ["gone.py"]\n', encoding="utf-8")
    result = artlint("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "gone.py: no such file" in result.stderr


def test_an_unknown_hook_in_a_local_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "typo.py").write_text(
        "from artlint import hookimpl\n\n@hookimpl\ndef artlint_rulez():\n    return []\n",
        encoding="utf-8",
    )
    (tmp_path / "artlint.toml").write_text('plugins = ["typo.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    result = artlint("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "artlint_rulez" in result.stderr


def test_two_local_files_claiming_one_code_name_both(tmp_path: Path) -> None:
    (tmp_path / "one.py").write_text(local_rule("ZL001", "sponsor-line"), encoding="utf-8")
    (tmp_path / "two.py").write_text(local_rule("ZL001", "other-line"), encoding="utf-8")
    (tmp_path / "artlint.toml").write_text('plugins = ["one.py", "two.py"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    result = artlint("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    message = result.stderr
    assert "rule code ZL001 is claimed by two plugins" in message
    assert "one.py" in message and "two.py" in message
