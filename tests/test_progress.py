"""When the progress line is shown, and what it draws."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import RunCli

from artlint import progress
from artlint.progress import Progress, wanted

AT_TERMINAL = {"quiet": False, "report_to_terminal": True, "stderr_is_terminal": True}


def test_on_for_a_person_at_a_terminal() -> None:
    assert wanted(format_name="full", environ={}, **AT_TERMINAL)
    assert wanted(format_name="concise", environ={}, **AT_TERMINAL)


@pytest.mark.parametrize(
    ("change", "environ"),
    [
        ({"quiet": True}, {}),
        ({"stderr_is_terminal": False}, {}),
        ({}, {"CI": "true"}),
        ({}, {"GITHUB_ACTIONS": "true"}),
        ({}, {"GITLAB_CI": "1"}),
        ({}, {"TERM": "dumb"}),
    ],
)
def test_off_when_quiet_piped_or_in_ci(change: dict[str, bool], environ: dict[str, str]) -> None:
    assert not wanted(format_name="text", environ=environ, **{**AT_TERMINAL, **change})


def test_ci_variable_set_to_false_is_not_ci() -> None:
    assert wanted(format_name="text", environ={"CI": "false"}, **AT_TERMINAL)


@pytest.mark.parametrize("name", ["github", "gitlab", "sarif", "junit"])
def test_off_for_ci_formats_even_into_a_file(name: str) -> None:
    assert not wanted(format_name=name, environ={}, **{**AT_TERMINAL, "report_to_terminal": False})


@pytest.mark.parametrize("name", ["json", "json-lines", "some-plugin-format"])
def test_machine_formats_only_when_the_report_is_redirected(name: str) -> None:
    assert not wanted(format_name=name, environ={}, **AT_TERMINAL)
    assert wanted(format_name=name, environ={}, **{**AT_TERMINAL, "report_to_terminal": False})


def test_nothing_drawn_in_the_first_second_then_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    stream = io.StringIO()
    shown = Progress(True, stream)
    shown.update(1, 10, 0)
    assert stream.getvalue() == ""
    clock[0] += 2.0
    shown.update(5, 1000, 3)
    assert stream.getvalue().startswith("\r\033[Kartlint: 5 files, 1,000 articles, 3 violations")
    shown.clear()
    assert stream.getvalue().endswith("\r\033[K")
    hidden = Progress(False, io.StringIO())
    clock[0] += 5.0
    hidden.update(1, 1, 1)
    hidden.clear()
    assert hidden.stream.getvalue() == ""  # type: ignore[attr-defined]


def test_no_progress_output_when_stderr_is_a_pipe(project: Path, cli: RunCli) -> None:
    (project / "a.txt").write_text("Title\n\nA NEEDLE.\n", encoding="utf-8")
    result = cli("check", "--no-cache", "a.txt", cwd=project)
    assert "\033[K" not in result.stderr and "\r" not in result.stderr
