"""Reports, baselines and caches that artlint leaves in a tree are never linted as articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import RunCli

ARTICLE = "Headline\n\nThe NEEDLE sat in the HAYSTACK.\n"
#: a report or baseline read as articles gives records without a body: ST001 says so
EMPTY = ("--extend-select", "ST001")


def _findings(stdout: str) -> list[tuple[str, str]]:
    return sorted((item["path"], item["code"]) for item in json.loads(stdout))


@pytest.mark.parametrize("format_name", ["json", "json-lines", "sarif", "gitlab"])
def test_a_report_left_in_the_tree_is_no_article(
    format_name: str, project: Path, cli: RunCli
) -> None:
    (project / "data").mkdir()
    (project / "data" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (project / "data" / "b.jsonl").write_text('{"text": "one NEEDLE"}\n', encoding="utf-8")
    before = cli("check", *EMPTY, "--output-format", "json", "data", cwd=project)
    report = f"data/report-{format_name}.json"
    for _ in range(2):  # the second run replaces the first run's report: it is no input
        written = cli("check", "--output-format", format_name, "-o", report, "data", cwd=project)
        assert written.returncode == 1, written.stderr
    after = cli("check", *EMPTY, "--output-format", "json", "data", cwd=project)
    assert _findings(after.stdout) == _findings(before.stdout)
    assert (project / report).stat().st_size > 0


def test_a_baseline_left_in_the_tree_is_no_article(project: Path, cli: RunCli) -> None:
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    made = cli("baseline", ".", "-o", "artlint-baseline.json", cwd=project)
    assert made.returncode == 0, made.stderr
    result = cli("check", *EMPTY, ".", "--baseline", "artlint-baseline.json", cwd=project)
    assert result.returncode == 0, result.stdout
    # named on the command line (as pre-commit does), it is passed over as well
    named = cli("check", *EMPTY, "--output-format", "json", "artlint-baseline.json", cwd=project)
    assert named.returncode == 0 and json.loads(named.stdout) == []


def test_a_cache_folder_inside_the_tree_is_not_walked(project: Path, cli: RunCli) -> None:
    (project / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cache = project / "my-cache"
    args = ("check", *EMPTY, "--output-format", "json", "--cache-dir", str(cache), ".")
    first = cli(*args, cwd=project)
    assert list(cache.rglob("*.json")), "the run should have filled the cache"
    second = cli(*args, cwd=project)
    assert _findings(second.stdout) == _findings(first.stdout)
    assert all(path == "a.txt" for path, _ in _findings(second.stdout))
