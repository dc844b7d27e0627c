"""Bad input: one clear line naming the path, exit 2, never a traceback, everything else linted."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ReadItems, RunCli

from artlint.models import Article
from artlint.readers.base import ReadProblem

NEEDLE_BODY = '{"text": "Good record with NEEDLE."}'


def _truncated_gzip_lines(records: int) -> bytes:
    rng = random.Random(7)
    lines = []
    for number in range(records):
        words = " ".join(f"{rng.getrandbits(32):08x}" for _ in range(12))
        lines.append(json.dumps({"text": f"Record {number} NEEDLE {words}"}))
    packed = gzip.compress(("\n".join(lines) + "\n").encode())
    return packed[: len(packed) * 2 // 3]


BAD_FILES: dict[str, bytes] = {
    "binary.txt": b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4,
    "binary.jsonl": b'{"text": "a"}\n\x00\x01\x02\x03 binary\n',
    "latin1.txt": "Caf\u00e9 au lait.\nSecond line.\n".encode("latin-1"),
    "latin1.md": "---\ntitle: ok\n---\nCaf\u00e9\n".encode("latin-1"),
    "empty.json": b"",
    "not-json.json": b"{'single': 'quotes'}\n",
    "array-of-numbers.json": b"[1, 2]\n",
    "unclosed-array.json": b'[{"text": "NEEDLE one"},\n {"text": "two"\n',
    "mixed.jsonl": (
        NEEDLE_BODY
        + "\n{broken json\n"
        + '["not", "an object"]\n'
        + "caf\xe9\n"
        + NEEDLE_BODY
        + "\n"
    ).encode("latin-1"),
    "truncated.jsonl.gz": _truncated_gzip_lines(3000),
    "truncated.txt.gz": gzip.compress(b"Some text NEEDLE\n" * 50)[:25],
    "corrupt.txt.gz": gzip.compress(b"abc " * 4000)[:12] + b"\xff" * 40 + b"\x00" * 8,
    "not-gzip.md.gz": b"plain text, not compressed",
    "not-gzip.jsonl.gz": b'{"text": "plain JSON Lines, not compressed"}\n',
    # what Hugging Face datasets' to_json writes by default: JSON Lines in a .json file
    "lines-in-a.json": b'{"text": "one"}\n{"text": "two"}\n',
    "python-tag.md": b"---\ntitle: !!python/object/apply:os.system ['echo owned']\n---\nBody.\n",
    "bad-yaml.md": b"---\ntitle: [unclosed\nauthor: x\n---\nBody.\n",
    "list-front-matter.md": b"---\n- a\n- b\n---\nBody.\n",
    "alias-bomb.md": (
        b"---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        b"author: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\nBody.\n"
    ),
}

GOOD_FILES: dict[str, bytes] = {
    "good.txt": b"Headline\n\nA good article with NEEDLE.\n",
    "good.md": b"---\ntitle: Fine\ndate: 2024-02-30\n---\nAnother NEEDLE.\n",
    "empty.txt": b"",
    "empty.jsonl": b"",
}


def _hashes(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def inputs(project: Path) -> Path:
    folder = project / "inputs"
    folder.mkdir()
    for name, data in {**BAD_FILES, **GOOD_FILES}.items():
        (folder / name).write_bytes(data)
    return folder


def _problems(violations: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = {}
    for item in violations:
        if item["code"] == "AL002":
            found.setdefault(Path(str(item["path"])).name, []).append(item)
    return found


def test_every_bad_file_is_named_and_the_rest_is_linted(
    inputs: Path, project: Path, cli: RunCli
) -> None:
    before = _hashes(project)
    result = cli("check", "--output-format", "json", "inputs", cwd=project)
    assert result.returncode == 2, result.stderr
    assert _hashes(project) == before, "check wrote to an input file"
    violations = json.loads(result.stdout)
    problems = _problems(violations)
    assert sorted(problems) == sorted(BAD_FILES)
    for name, items in problems.items():
        for item in items:
            message = str(item["message"])
            assert "\n" not in message and message, (name, message)
            assert item["severity"] == "error"
    needles = {(Path(str(v["path"])).name, v["record"]) for v in violations if v["code"] == "ZZ801"}
    # good files, good records among bad ones, and the records before a truncation
    assert {("good.txt", None), ("good.md", None)} <= needles
    assert {("mixed.jsonl", 1), ("mixed.jsonl", 5)} <= needles
    assert ("unclosed-array.json", 1) in needles
    assert len([n for n in needles if n[0] == "truncated.jsonl.gz"]) > 100


@pytest.mark.parametrize(
    ("name", "line", "record", "fragment"),
    # line None: the problem is with the file as a whole (reported at 1:1)
    [
        ("binary.txt", None, None, "binary file"),
        ("binary.jsonl", 2, None, "binary file"),
        ("latin1.txt", 1, None, "invalid UTF-8 at line 1, byte column 4 (byte 0xe9)"),
        ("latin1.md", 4, None, "invalid UTF-8 at line 4"),
        ("empty.json", 1, None, "empty JSON file"),
        ("not-json.json", 1, None, "invalid JSON at line 1, column 2"),
        ("array-of-numbers.json", 1, 1, "expected a JSON object, got a number"),
        ("unclosed-array.json", 3, 2, "record 2: invalid JSON at line 3"),
        ("truncated.txt.gz", None, None, "truncated compressed stream"),
        ("corrupt.txt.gz", None, None, "compressed"),
        ("not-gzip.md.gz", None, None, "Not a gzipped file"),
        ("lines-in-a.json", 2, None, "extra data after the JSON object at line 2, column 1"),
        ("python-tag.md", 2, None, "could not determine a constructor for the tag"),
        ("bad-yaml.md", 3, None, "front matter is not safe YAML (line 3)"),
        ("list-front-matter.md", 2, None, "front matter must be a mapping"),
        ("alias-bomb.md", 2, None, "YAML aliases"),
    ],
)
def test_message_line_and_record(
    name: str, line: int | None, record: int | None, fragment: str, read_items: ReadItems
) -> None:
    items = read_items(name, BAD_FILES[name])
    problems = [item for item in items if isinstance(item, ReadProblem)]
    assert problems, items
    problem = problems[0]
    assert fragment in problem.message
    assert (problem.line, problem.record) == (line, record)
    assert problem.path == name


def test_a_compressed_file_that_is_no_gzip_claims_no_records_linted(
    read_items: ReadItems,
) -> None:
    items = read_items("not-gzip.jsonl.gz", BAD_FILES["not-gzip.jsonl.gz"])
    [problem] = [item for item in items if isinstance(item, ReadProblem)]
    assert "Not a gzipped file" in problem.message
    assert "linted" not in problem.message and "record 0" not in problem.message


def test_malformed_json_lines_among_good_ones(read_items: ReadItems) -> None:
    items = read_items("mixed.jsonl", BAD_FILES["mixed.jsonl"])
    summary = [
        (
            type(item).__name__,
            item.record,
            getattr(item, "line", None),
            getattr(item, "fatal", None),
        )
        for item in items
    ]
    assert summary == [
        ("Article", 1, None, None),
        ("ReadProblem", 2, 2, False),
        ("ReadProblem", 3, 3, False),
        ("ReadProblem", 4, 4, False),
        ("Article", 5, None, None),
    ]
    messages = [item.message for item in items if isinstance(item, ReadProblem)]
    assert messages[0].startswith("record 2: invalid JSON at column 2")
    assert messages[1] == "record 3: expected a JSON object, got an array"
    assert messages[2].startswith("record 4: invalid UTF-8 at byte 4 of the line (byte 0xe9)")


def test_truncated_gzip_keeps_the_records_before_it(read_items: ReadItems) -> None:
    items = read_items("t.jsonl.gz", BAD_FILES["truncated.jsonl.gz"])
    *records, last = items
    assert len(records) > 100 and all(isinstance(item, Article) for item in records)
    assert isinstance(last, ReadProblem) and last.fatal
    assert "truncated compressed stream" in last.message
    assert f"record {len(records)}" in last.message


def test_text_report_is_one_line_per_problem(inputs: Path, project: Path, cli: RunCli) -> None:
    result = cli("check", "--output-format", "text", "inputs", cwd=project)
    assert result.returncode == 2
    lines = [line for line in result.stdout.splitlines() if " AL002 " in line]
    # mixed.jsonl has three bad records, array-of-numbers.json two
    assert len(lines) == len(BAD_FILES) + 3
    for line in lines:
        path, line_number, column, rest = line.split(":", 3)
        assert Path(path).name in BAD_FILES and path.startswith("inputs")
        assert int(line_number) >= 1 and int(column) >= 1


def test_missing_path_and_empty_folder_next_to_good_files(project: Path, cli: RunCli) -> None:
    (project / "good.txt").write_bytes(GOOD_FILES["good.txt"])
    (project / "nothing-here").mkdir()
    (project / "nothing-here" / "notes.csv").write_text("a,b\n")
    result = cli("check", "missing.txt", "nothing-here", "good.txt", cwd=project)
    assert result.returncode == 2
    assert "missing.txt:1:1: AL002 no such file or directory" in result.stdout
    assert "nothing-here:1:1: AL002 no article files found" in result.stdout
    assert "good.txt:3:21: ZZ801 NEEDLE in body" in result.stdout


def test_empty_text_file_alone_is_not_an_error(project: Path, cli: RunCli) -> None:
    (project / "empty.txt").write_bytes(b"")
    (project / "empty.md").write_bytes(b"")
    result = cli("check", "empty.txt", "empty.md", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fix_never_rewrites_unreadable_files(inputs: Path, project: Path, cli: RunCli) -> None:
    before = _hashes(inputs)
    result = cli("check", "--fix", "--unsafe-fixes", "inputs", cwd=project)
    assert result.returncode == 2
    assert _hashes(inputs) == before


def test_report_file_may_not_replace_an_input(project: Path, cli: RunCli) -> None:
    article = project / "a.txt"
    article.write_bytes(GOOD_FILES["good.txt"])
    (project / "data").mkdir()
    record = project / "data" / "b.jsonl"
    record.write_text(NEEDLE_BODY + "\n", encoding="utf-8")
    for args in (
        ("check", "-o", "a.txt", "a.txt"),
        ("check", "-o", "data/b.jsonl", "data"),
        ("baseline", "-o", "data/b.jsonl", "data"),
    ):
        result = cli(*args, cwd=project)
        assert result.returncode == 2, args
        assert "write the report elsewhere" in result.stderr, args
    assert article.read_bytes() == GOOD_FILES["good.txt"]
    assert record.read_text(encoding="utf-8") == NEEDLE_BODY + "\n"
    # a report beside the inputs, or over an older report that is no article, is fine
    assert cli("check", "-o", "report.sarif", "a.txt", cwd=project).returncode == 1
    assert cli("check", "-o", "report.sarif", "a.txt", cwd=project).returncode == 1


def test_a_failed_report_leaves_the_older_one_whole(tmp_path: Path) -> None:
    from artlint.fixes import AtomicTextFile

    report = tmp_path / "report.json"
    report.write_text("[older report]\n", encoding="utf-8")
    report.chmod(0o640)
    failed = AtomicTextFile(report)
    failed.stream.write("[half a rep")
    failed.discard()
    assert report.read_text(encoding="utf-8") == "[older report]\n"
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]
    done = AtomicTextFile(report)
    done.stream.write("[new report]\n")
    done.commit()
    assert report.read_text(encoding="utf-8") == "[new report]\n"
    assert report.stat().st_mode & 0o777 == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["report.json"]


FORMATS = ("text", "concise", "full", "json", "json-lines", "github", "gitlab", "junit", "sarif")


@pytest.mark.parametrize("format_name", FORMATS)
def test_file_name_that_is_not_utf8(format_name: str, project: Path, tmp_path: Path) -> None:
    # Linux file names are bytes: one that is not UTF-8 must be linted and reported (with the
    # cache on, which keys on the name), never crash a reporter.
    name = os.fsdecode(b"bad\xff.txt")
    try:
        (project / name).write_bytes(GOOD_FILES["good.txt"])
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    env = {**os.environ, "ARTLINT_CACHE_DIR": str(tmp_path / "cache")}
    env["ARTLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    for _ in range(2):  # the second run reads the cache
        done = subprocess.run(
            [sys.executable, "-m", "artlint", "check", "--output-format", format_name, name],
            cwd=project,
            env=env,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
        assert b"bad" in done.stdout
        assert not done.stderr.strip() or b"error" not in done.stderr


def test_fifo_is_refused_not_waited_on(project: Path, cli: RunCli) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    (project / "good.txt").write_bytes(GOOD_FILES["good.txt"])
    os.mkfifo(project / "pipe.txt")
    (project / "folder").mkdir()
    os.mkfifo(project / "folder" / "pipe.jsonl")
    (project / "folder" / "good.txt").write_bytes(GOOD_FILES["good.txt"])
    # a FIFO named on the command line is refused; one met in a folder is passed over
    result = cli("check", "pipe.txt", "folder", "good.txt", cwd=project)
    assert result.returncode == 2
    assert "pipe.txt:1:1: AL002 not a regular file" in result.stdout
    assert "folder/good.txt:3:21: ZZ801" in result.stdout
    assert "pipe.jsonl" not in result.stdout


def test_symlink_loop_is_named_as_such(project: Path, cli: RunCli) -> None:
    (project / "loop1").symlink_to("loop2")
    (project / "loop2").symlink_to("loop1")
    result = cli("check", "loop1", cwd=project)
    assert result.returncode == 2
    assert "loop1:1:1: AL002 broken or looping symbolic link" in result.stdout


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every folder"
)
def test_unreadable_folder_fails_the_run(project: Path, cli: RunCli) -> None:
    # a CI gate must not pass because a folder it could not list looked empty
    sub = project / "data" / "sub"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_bytes(GOOD_FILES["good.txt"])
    (project / "data" / "b.txt").write_text("Headline\n\nFine.\n", encoding="utf-8")
    sub.chmod(0)
    try:
        result = cli("check", "data", cwd=project)
    finally:
        sub.chmod(0o755)
    assert result.returncode == 2
    assert "data/sub:1:1: AL002 cannot read folder" in result.stdout


def test_unreadable_file_with_the_cache_on_is_not_linted_as_empty(
    project: Path, cli: RunCli
) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() == 0:
        pytest.skip("root reads every file")
    article = project / "a.txt"
    article.write_bytes(GOOD_FILES["good.txt"])
    article.chmod(0)
    try:
        result = cli("check", "a.txt", cwd=project)
    finally:
        article.chmod(0o644)
    assert result.returncode == 2
    assert "a.txt:1:1: AL002 cannot read" in result.stdout


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.json", "a.jsonl"])
def test_utf16_text_is_named_as_such(name: str, project: Path, cli: RunCli) -> None:
    (project / name).write_bytes("Caf\u00e9 au lait.\nSecond line.\n".encode("utf-16"))
    result = cli("check", name, cwd=project)
    assert result.returncode == 2
    assert f"{name}:1:1: AL002 UTF-16 text" in result.stdout
    assert "iconv -f UTF-16 -t UTF-8" in result.stdout
