"""docs/writing-rules.md runs as written: its files are written, its commands run, in order.

- a block with ``title="path"`` is a file: written into a scratch project (a later block with the
  same title replaces it), or, for ``examples/...``, checked against the repository's file;
- a ```` ```console test```` block holds ``$ command`` lines, each followed by its expected
  output (a line ``...`` stands for any lines, ``...`` inside a line for any text);
- other blocks are illustration only.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "writing-rules.md"
FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
TITLE = re.compile(r'title="(?P<title>[^"]+)"')


@dataclass(frozen=True)
class Block:
    info: str
    body: str
    line: int

    @property
    def title(self) -> str | None:
        match = TITLE.search(self.info)
        return match.group("title") if match else None

    @property
    def runnable(self) -> bool:
        return self.info.split()[:2] == ["console", "test"]


def blocks(text: str) -> list[Block]:
    return [
        Block(m.group("info").strip(), m.group("body"), text.count("\n", 0, m.start()) + 1)
        for m in FENCE.finditer(text)
    ]


def commands(body: str) -> list[tuple[str, list[str]]]:
    """``$ command`` lines with the output lines that follow each."""
    found: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found:
            found[-1][1].append(line)
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    parts = []
    for line in expected:
        if line == "...":
            parts.append(r"(?:.*\n)*?")
        else:
            parts.append(".*".join(re.escape(piece) for piece in line.split("...")) + r"\n")
    return re.fullmatch("".join(parts), "".join(line + "\n" for line in actual)) is not None


def argv(command: str) -> list[str]:
    words = shlex.split(command)
    if words[0] == "artlint":
        script = Path(sys.executable).with_name("artlint")
        head = [str(script)] if script.exists() else [sys.executable, "-P", "-m", "artlint"]
        return [*head, *words[1:]]
    if words[0] == "pytest":
        loaded = any(ep.value == "artlint.testing" for ep in entry_points(group="pytest11"))
        plugin = [] if loaded else ["-p", "artlint.testing"]
        return [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *plugin, *words[1:]]
    raise AssertionError(f"the guide runs only artlint and pytest, not {words[0]!r}")


def environment() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ARTLINT_", "GITHUB_", "GITLAB_", "PYTEST_", "PYTHONPATH"))
    }
    env.update(NO_COLOR="1", ARTLINT_CACHE_DIR=".cache", COLUMNS="80")
    if "ARTLINT_PATTERN_CACHE_DIR" in os.environ:  # the session's, not the user's (conftest)
        env["ARTLINT_PATTERN_CACHE_DIR"] = os.environ["ARTLINT_PATTERN_CACHE_DIR"]
    return env


def test_the_guide_has_files_and_commands() -> None:
    found = blocks(GUIDE.read_text(encoding="utf-8"))
    assert sum(block.runnable for block in found) >= 4
    assert {"toml", "python", "text"} <= {block.info.split()[0] for block in found if block.title}


def test_the_guide_runs_as_written(tmp_path: Path) -> None:
    for block in blocks(GUIDE.read_text(encoding="utf-8")):
        where = f"{GUIDE.name}:{block.line}"
        title = block.title
        if title and title.startswith("examples/"):
            real = (REPO / title).read_text(encoding="utf-8")
            assert block.body in real, f"{where}: the snippet no longer matches {title}"
        elif title:
            target = tmp_path / title
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.body, encoding="utf-8")
        elif block.runnable:
            for command, expected in commands(block.body):
                result = subprocess.run(
                    argv(command),
                    cwd=tmp_path,
                    env=environment(),
                    capture_output=True,
                    text=True,
                    check=False,
                )
                actual = result.stdout.splitlines()
                assert result.returncode in (0, 1), f"{where}: $ {command}\n{result.stderr}"
                assert matches(expected, actual), (
                    f"{where}: $ {command}\nexpected:\n"
                    + "\n".join(expected)
                    + "\nactual:\n"
                    + result.stdout
                    + result.stderr
                )


@pytest.mark.parametrize(
    ("expected", "actual", "agrees"),
    [
        pytest.param(["a", "...", "z"], ["a", "b", "c", "z"], True, id="line-ellipsis"),
        pytest.param(["1 passed in ..."], ["1 passed in 0.01s"], True, id="in-line-ellipsis"),
        pytest.param(["a"], ["a", "b"], False, id="extra-output"),
        pytest.param(["a", "b"], ["a"], False, id="missing-output"),
        pytest.param([], [], True, id="silent"),
    ],
)
def test_output_matching(expected: list[str], actual: list[str], agrees: bool) -> None:
    assert matches(expected, actual) is agrees
