"""Small files are read a run at a time and their articles checked together, rule by rule; the
report must be exactly what linting them one by one gives, whatever the run holds."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NEEDLE_PLUGIN

from artlint.runner import GROUP_FILE_BYTES

#: replaces the grouping with the file-by-file path it must agree with
ONE_BY_ONE = "from artlint.runner import Run\nRun._groupable = lambda self, candidate: None\n"


def _check(
    project: Path, args: list[str], one_by_one: bool, env: dict[str, str]
) -> tuple[int, str, str]:
    code = (ONE_BY_ONE if one_by_one else "") + (
        "import sys\nfrom artlint.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def _mixed_project(root: Path) -> None:
    """Files of every kind a run meets, in discovery order: small ones in runs, a big one,
    per-file ignores, another folder's configuration, read problems, records."""
    root.mkdir()
    (root / "needle_plugin.py").write_text(NEEDLE_PLUGIN, encoding="utf-8")
    (root / "artlint.toml").write_text(
        'plugins = ["needle_plugin.py"]\nselect = ["ZZ8"]\n\n'
        '[per-file-ignores]\n"b-*.txt" = ["ZZ801"]\n',
        encoding="utf-8",
    )
    for index in range(40):  # more than one run of files
        (root / f"a-{index:02d}.txt").write_text(
            f"Line {index}.\nThe NEEDLE {index} in the HAYSTACK.\n" + "hay " * index,
            encoding="utf-8",
        )
    (root / "b-ignored.txt").write_text("A NEEDLE nobody wants to hear about.\n", "utf-8")
    big = "A NEEDLE in a big file.\n" + "hay and straw, " * (GROUP_FILE_BYTES // 10)
    (root / "c-big.txt").write_text(big, encoding="utf-8")
    records = [json.dumps({"title": f"HAYSTACK {i}", "text": f"NEEDLE {i}"}) for i in range(5)]
    (root / "d-records.jsonl").write_text(
        "\n".join([*records[:2], '{"text": "broken', *records[2:]]) + "\n", encoding="utf-8"
    )
    (root / "e-packed.txt.gz").write_bytes(gzip.compress(b"A gzipped NEEDLE.\n"))
    (root / "f-bad-byte.txt").write_bytes(b"A NEEDLE and then \xff a bad byte.\n")
    (root / "g-empty.txt").write_bytes(b"")
    (root / "h-array.json").write_text(
        json.dumps([{"text": "NEEDLE one"}, {"text": "two NEEDLE"}]), encoding="utf-8"
    )
    other = root / "i-other"
    other.mkdir()
    (other / "artlint.toml").write_text(
        'plugins = ["../needle_plugin.py"]\nselect = ["ZZ801"]\n', encoding="utf-8"
    )
    for index in range(3):
        (other / f"x-{index}.txt").write_text(f"NEEDLE {index} in the HAYSTACK\n", "utf-8")
    for index in range(3):
        (root / f"j-{index}.txt").write_text(f"After the folder, NEEDLE {index}.\n", "utf-8")


@pytest.fixture
def env() -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")},
        "ARTLINT_DISABLE_PLUGIN_AUTOLOAD": "1",
    }


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-cache", "-j", "1", "--output-format", "json", "."],
        ["check", "--no-cache", "-j", "1", "--output-format", "concise", "--statistics", "."],
        ["check", "--no-cache", "-j", "2", "--output-format", "json", "."],
        ["check", "--no-cache", "-j", "1", "--output-format", "json", "j-0.txt", "a-01.txt"],
    ],
)
def test_grouped_files_report_what_one_by_one_reports(
    tmp_path: Path, env: dict[str, str], args: list[str]
) -> None:
    root = tmp_path / "project"
    _mixed_project(root)
    pool = {**env, "ARTLINT_PARALLEL_MIN_BYTES": "1"}
    one_by_one = _check(root, args, True, pool)
    grouped = _check(root, args, False, pool)
    assert one_by_one[0] in (1, 2)  # 2: the bad byte and the broken record fail their files
    assert "Traceback" not in one_by_one[2]
    assert "ZZ801" in one_by_one[1]  # the comparison has teeth
    assert grouped == one_by_one


def test_grouped_files_with_the_cache_report_and_store_what_one_by_one_does(
    tmp_path: Path, env: dict[str, str]
) -> None:
    root = tmp_path / "project"
    _mixed_project(root)
    args = ["check", "-j", "1", "--output-format", "json", "."]
    reference = _check(root, ["check", "--no-cache", *args[1:]], True, env)
    for one_by_one in (True, False):
        cache = tmp_path / f"cache-{str(one_by_one)[0]}"
        cached = [*args[:1], "--cache-dir", str(cache), *args[1:]]
        cold = _check(root, cached, one_by_one, env)
        warm = _check(root, cached, one_by_one, env)
        assert cold[:2] == warm[:2] == reference[:2]
    stored = [sorted(p.name for p in (tmp_path / f"cache-{b}").rglob("*.json")) for b in "TF"]
    assert stored[0] == stored[1] != []


def test_a_bad_configuration_file_met_midway_stops_where_one_by_one_stops(
    tmp_path: Path, env: dict[str, str]
) -> None:
    root = tmp_path / "project"
    _mixed_project(root)
    (root / "i-other" / "artlint.toml").write_text("select = [\n", encoding="utf-8")
    args = ["check", "--no-cache", "-j", "1", "--output-format", "json", "."]
    one_by_one = _check(root, args, True, env)
    assert one_by_one[0] == 2 and "invalid TOML" in one_by_one[2]
    assert "a-01.txt" in one_by_one[1]  # the files before it are reported first
    assert _check(root, args, False, env) == one_by_one


READER_PLUGIN = """
from artlint import Finding, hookimpl, rule
from artlint.models import Article
from artlint.readers.base import Reader

def read_art(file, fields):
    data = file.open().read().decode("utf-8")
    if "BOOM" in data:
        raise ValueError("reader blew up")
    yield Article(path=file.path, format="text", body=data)

@rule(code="ZZ951", name="needle", summary="The word NEEDLE")
def needle(article, options):
    \"\"\"## What it does
    Flags NEEDLE.
    \"\"\"
    start = article.body.find("NEEDLE")
    if start != -1:
        yield Finding(message="NEEDLE", start=start, end=start + 6)

@hookimpl
def artlint_rules():
    return [needle]

@hookimpl
def artlint_readers():
    return [Reader(name="art", suffixes=(".art",), read=read_art)]
"""


def test_a_reader_that_raises_midway_still_lets_the_files_before_it_be_reported(
    tmp_path: Path, env: dict[str, str]
) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "reader_plugin.py").write_text(READER_PLUGIN, encoding="utf-8")
    (root / "artlint.toml").write_text('plugins = ["reader_plugin.py"]\nselect = ["ZZ9"]\n')
    for name, text in (("a", "a NEEDLE"), ("b", "another NEEDLE"), ("c", "BOOM"), ("d", "NEEDLE")):
        (root / f"{name}.art").write_text(text, encoding="utf-8")
    for cache in (["--no-cache"], ["--cache-dir", str(tmp_path / "cache")]):
        args = ["check", *cache, "--output-format", "concise", "."]
        one_by_one = _check(root, args, True, env)
        assert one_by_one[0] == 2 and "a.art" in one_by_one[1] and "b.art" in one_by_one[1]
        assert _check(root, args, False, env)[:2] == one_by_one[:2]


def test_compressed_files_are_streamed_alone(tmp_path: Path) -> None:
    """A small .gz file may hold a great deal: it never joins a group held in memory."""
    from artlint.config import find_config
    from artlint.runner import Candidate, Overrides, Run

    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"text": "x"}\n'))
    (tmp_path / "b.txt").write_text("x\n", encoding="utf-8")
    find_config.cache_clear()
    run = Run(Overrides(isolated=True))
    run.prepare([run.config_for(tmp_path)])
    assert run._groupable(Candidate(tmp_path / "a.jsonl.gz")) is None
    assert run._groupable(Candidate(tmp_path / "b.txt")) is not None
