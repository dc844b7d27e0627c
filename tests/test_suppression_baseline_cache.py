"""Inline and record suppressions, baselines that survive shifted lines, and the cache."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import RunCli

RULE_FILE = textwrap.dedent('''
    from artlint import Finding, hookimpl, rule

    @rule(code="ZZ801", name="spam-word", summary="The word SPAM")
    def spam_word(article, options):
        """Test rule: flags every SPAM."""
        text = article.body
        start = text.find("SPAM")
        while start != -1:
            yield Finding(message="spam", start=start, end=start + 4)
            start = text.find("SPAM", start + 1)

    @rule(code="ZZ802", name="ham-word", summary="The word HAM")
    def ham_word(article, options):
        """Test rule: flags every HAM."""
        text = article.body
        start = text.find("HAM")
        while start != -1:
            yield Finding(message="ham", start=start, end=start + 3)
            start = text.find("HAM", start + 1)

    @hookimpl
    def artlint_rules():
        return [spam_word, ham_word]
''')


def artlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "artlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def found(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int]]:
    return [(item["code"], item["line"]) for item in json.loads(result.stdout)]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "zz_rules.py").write_text(RULE_FILE, encoding="utf-8")
    (tmp_path / "artlint.toml").write_text(
        'plugins = ["zz_rules.py"]\nselect = ["ZZ", "AL"]\n', encoding="utf-8"
    )
    return tmp_path


def test_markdown_comment_directives(project: Path) -> None:
    (project / "a.md").write_text(
        textwrap.dedent("""\
        ---
        title: t
        ---
        SPAM one
        <!-- artlint: disable-next-line=ZZ801 -->
        SPAM two HAM
        <!-- artlint: disable=spam-word -->
        SPAM three
        <!-- artlint: enable -->
        SPAM four
    """),
        encoding="utf-8",
    )
    result = artlint("check", "--no-cache", "--output-format", "json", "a.md", cwd=project)
    assert found(result) == [("ZZ801", 4), ("ZZ802", 6), ("ZZ801", 10)]


def test_record_key_suppresses_whole_record(project: Path) -> None:
    (project / "a.jsonl").write_text(
        '{"text": "SPAM HAM", "_artlint": {"ignore": ["ZZ801"], "reason": "known"}}\n'
        '{"text": "SPAM"}\n',
        encoding="utf-8",
    )
    result = artlint("check", "--no-cache", "--output-format", "json", "a.jsonl", cwd=project)
    assert found(result) == [("ZZ802", 1), ("ZZ801", 2)]


def test_record_key_may_list_its_codes_as_one_string(project: Path) -> None:
    (project / "a.jsonl").write_text(
        '{"text": "SPAM HAM", "_artlint": {"ignore": "ZZ801, ZZ802"}}\n'
        '{"text": "SPAM HAM", "_artlint": {"ignore": "ZZ802"}}\n',
        encoding="utf-8",
    )
    result = artlint("check", "--no-cache", "--output-format", "json", "a.jsonl", cwd=project)
    assert found(result) == [("ZZ801", 2)]


def test_unused_suppressions_are_reported_only_when_selected(project: Path) -> None:
    (project / "a.md").write_text(
        "<!-- artlint: disable-next-line=ZZ802 -->\nSPAM\n", encoding="utf-8"
    )
    quiet = artlint("check", "--no-cache", "--output-format", "json", "a.md", cwd=project)
    assert found(quiet) == [("ZZ801", 2)]
    loud = artlint(
        "check",
        "--no-cache",
        "--output-format",
        "json",
        "--extend-select",
        "AL004",
        "a.md",
        cwd=project,
    )
    assert found(loud) == [("AL004", 1), ("ZZ801", 2)]


def test_baseline_reports_only_new_after_lines_shift(project: Path) -> None:
    data = project / "data.jsonl"
    data.write_text(
        '{"url": "https://a.example/1", "text": "SPAM here"}\n'
        '{"url": "https://a.example/2", "text": "clean"}\n',
        encoding="utf-8",
    )
    made = artlint("baseline", "data.jsonl", "-o", "baseline.json", cwd=project)
    assert made.returncode == 0, made.stderr
    # records reordered, a new record in front, and a new problem in an old record
    data.write_text(
        '{"url": "https://a.example/3", "text": "fresh"}\n'
        '{"url": "https://a.example/2", "text": "clean HAM"}\n'
        '{"url": "https://a.example/1", "text": "SPAM here"}\n',
        encoding="utf-8",
    )
    result = artlint(
        "check",
        "--no-cache",
        "--output-format",
        "json",
        "--baseline",
        "baseline.json",
        "data.jsonl",
        cwd=project,
    )
    assert found(result) == [("ZZ802", 2)]
    assert result.returncode == 1


def test_baseline_stale_entries_and_ratchet(project: Path) -> None:
    data = project / "data.jsonl"
    data.write_text('{"url": "u1", "text": "SPAM SPAM"}\n', encoding="utf-8")
    artlint("baseline", "data.jsonl", "-o", "baseline.json", cwd=project)
    data.write_text('{"url": "u1", "text": "SPAM"}\n', encoding="utf-8")
    result = artlint(
        "check",
        "--no-cache",
        "--baseline",
        "baseline.json",
        "--baseline-ratchet",
        "data.jsonl",
        cwd=project,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "fewer" in result.stderr
    entries = json.loads((project / "baseline.json").read_text())["entries"]
    assert [entry["count"] for entry in entries] == [1]
    data.write_text('{"url": "u1", "text": "SPAM SPAM SPAM"}\n', encoding="utf-8")
    grown = artlint(
        "check",
        "--no-cache",
        "--baseline",
        "baseline.json",
        "--baseline-ratchet",
        "data.jsonl",
        cwd=project,
    )
    assert grown.returncode == 1
    assert "grew from 1 to 3" in grown.stderr


def test_bad_baseline_file_is_a_usage_error(project: Path) -> None:
    (project / "a.txt").write_text("SPAM\n", encoding="utf-8")
    (project / "baseline.json").write_text("{not json", encoding="utf-8")
    result = artlint("check", "--baseline", "baseline.json", "a.txt", cwd=project)
    assert result.returncode == 2
    assert "baseline" in result.stderr and "Traceback" not in result.stderr


def test_cache_hits_and_invalidation(project: Path) -> None:
    article = project / "a.txt"
    article.write_text("SPAM\n", encoding="utf-8")
    cache = project / "cache"
    first = artlint(
        "check", "--cache-dir", str(cache), "--output-format", "json", "a.txt", cwd=project
    )
    assert found(first) == [("ZZ801", 1)]
    entries = list(cache.rglob("*.json"))
    assert len(entries) == 1
    # a poisoned entry proves the second run reads the cache instead of linting
    payload = json.loads(entries[0].read_text())
    payload["violations"][0]["message"] = "from the cache"
    entries[0].write_text(json.dumps(payload))
    second = artlint(
        "check", "--cache-dir", str(cache), "--output-format", "json", "a.txt", cwd=project
    )
    assert json.loads(second.stdout)[0]["message"] == "from the cache"
    # other settings: a different key, so the poisoned entry is not used
    third = artlint(
        "check",
        "--cache-dir",
        str(cache),
        "--output-format",
        "json",
        "--ignore",
        "ZZ802",
        "a.txt",
        cwd=project,
    )
    assert json.loads(third.stdout)[0]["message"] == "spam"
    # new content: linted again
    article.write_text("HAM\n", encoding="utf-8")
    fourth = artlint(
        "check", "--cache-dir", str(cache), "--output-format", "json", "a.txt", cwd=project
    )
    assert found(fourth) == [("ZZ802", 1)]
    cleaned = artlint("clean", "--cache-dir", str(cache), cwd=project)
    assert cleaned.returncode == 0 and not cache.exists()


def test_overrides_by_glob_and_by_record_source(project: Path) -> None:
    (project / "artlint.toml").write_text(
        textwrap.dedent("""\
        plugins = ["zz_rules.py"]
        select = ["ZZ"]
        [[overrides]]
        files = ["archive/*"]
        ignore = ["ZZ801"]
        [[overrides]]
        sources = ["example.org"]
        rules = { ZZ802 = { severity = "error" } }
    """),
        encoding="utf-8",
    )
    (project / "archive").mkdir()
    (project / "archive" / "old.txt").write_text("SPAM HAM\n", encoding="utf-8")
    (project / "new.jsonl").write_text(
        '{"url": "https://www.example.org/x", "text": "HAM"}\n'
        '{"url": "https://other.net/y", "text": "HAM"}\n',
        encoding="utf-8",
    )
    result = artlint("check", "--no-cache", "--output-format", "json", ".", cwd=project)
    got = [(v["path"], v["code"], v["severity"]) for v in json.loads(result.stdout)]
    assert got == [
        ("archive/old.txt", "ZZ802", "warning"),
        ("new.jsonl", "ZZ802", "error"),
        ("new.jsonl", "ZZ802", "warning"),
    ]


def test_extend_merges_key_by_key_and_refuses_loops(project: Path) -> None:
    (project / "base.toml").write_text(
        'select = ["ZZ"]\nignore = ["ZZ802"]\nplugins = ["zz_rules.py"]\n', encoding="utf-8"
    )
    (project / "artlint.toml").write_text('extend = "base.toml"\nignore = []\n', encoding="utf-8")
    (project / "a.txt").write_text("SPAM HAM\n", encoding="utf-8")
    result = artlint("check", "--no-cache", "--output-format", "json", "a.txt", cwd=project)
    assert found(result) == [("ZZ801", 1), ("ZZ802", 1)]
    (project / "base.toml").write_text('extend = "artlint.toml"\n', encoding="utf-8")
    looped = artlint("check", "a.txt", cwd=project)
    assert looped.returncode == 2 and "loops" in looped.stderr


def test_parallel_output_matches_serial(project: Path) -> None:
    folder = project / "many"
    folder.mkdir()
    filler = "x" * 200_000
    for index in range(30):
        (folder / f"{index:02d}.txt").write_text(f"{filler}\nSPAM {index}\nHAM\n", encoding="utf-8")
    serial = artlint("check", "--no-cache", "--output-format", "json", "many", cwd=project)
    parallel = artlint(
        "check", "--no-cache", "-j", "2", "--output-format", "json", "many", cwd=project
    )
    assert serial.returncode == parallel.returncode == 1
    assert json.loads(serial.stdout) == json.loads(parallel.stdout)
    assert len(json.loads(serial.stdout)) == 60


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"artlint_baseline": 1, "entries": [{"fingerprint": "ab", "count": 1e400}]}', "count"),
        ('{"artlint_baseline": 1, "entries": [{}]}', "entries.0.fingerprint: Field required"),
        ('{"artlint_baseline": 1, "entries": [5]}', "entries.0"),
        ('{"artlint_baseline": 1, "entries": [{"fingerprint": "ab", "count": -3}]}', "count"),
        ('{"artlint_baseline": true, "entries": []}', "artlint_baseline"),
        ("[]", "not an artlint baseline"),
        ("nonsense", "not JSON"),
    ],
)
def test_malformed_baseline_is_one_clear_error(
    content: str, fragment: str, tmp_path: Path, cli: RunCli
) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nSome text.\n", encoding="utf-8")
    (tmp_path / "baseline.json").write_text(content, encoding="utf-8")
    result = cli("check", "--isolated", "--baseline", "baseline.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "baseline.json: " in result.stderr and fragment in result.stderr
    assert "internal error" not in result.stderr


def test_baseline_into_a_missing_folder_is_refused_before_linting(
    tmp_path: Path, cli: RunCli
) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nSome text.\n", encoding="utf-8")
    result = cli("baseline", "--isolated", "-o", "missing/base.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot write missing/base.json: no writable folder missing" in result.stderr
