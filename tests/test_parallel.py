"""``-j N``: big JSON Lines files split by records, output identical to one process; streaming
discovery in the same order as before; compact worker results."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import RunCli

from artlint.config import ConfigError
from artlint.discovery import discover
from artlint.fields import FieldMap
from artlint.models import Fix, Violation
from artlint.readers.records import MAX_NESTING, count_lines_and_records
from artlint.runner import Candidate, Piece, _pieces

# small thresholds so a few-KB file goes through the pool in many pieces
FORCE_POOL = {"ARTLINT_PARALLEL_MIN_BYTES": "1", "ARTLINT_SPLIT_BYTES": "700"}


def _records(count: int) -> bytes:
    """Records with findings at varied positions, blank lines, a broken line, escapes, CRLF,
    and records without URL or id (their fingerprints use the record number)."""
    lines: list[str] = []
    for index in range(1, count + 1):
        body = f"Line one.\nThe NEEDLE {index} sat in the HAYSTACK.\n" + "filler " * (index % 37)
        record: dict[str, object] = {"title": f"HAYSTACK {index}", "text": body}
        if index % 3:
            record["url"] = f"https://example.com/{index}"
        if index % 5 == 0:
            record["text"] = "caf\u00e9 \u2014 " + body  # non-ASCII, written escaped
            lines.append(json.dumps(record))
        else:
            lines.append(json.dumps(record, ensure_ascii=False))
        if index % 11 == 0:
            lines.append("   ")  # blank line: no record number
        if index % 17 == 0:
            lines.append('{"text": "NEEDLE but broken"')  # a bad record among good ones
    text = "\n".join(lines[:40]) + "\r\n".join([""] + lines[40:]) + "\n"
    return text.encode("utf-8")


def _as_one_process(cli: RunCli, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``artlint *args`` in one process and through the pool (forced to split whatever it
    can), assert the two report alike (exit status, stdout, stderr) and return the first."""
    serial = cli(*args, cwd=project)
    parallel = cli(*args, "-j", "2", cwd=project, extra_env=FORCE_POOL)
    assert (parallel.returncode, parallel.stdout, parallel.stderr) == (
        serial.returncode,
        serial.stdout,
        serial.stderr,
    )
    return serial


def test_split_jsonl_gives_exactly_the_serial_output(project: Path, cli: RunCli) -> None:
    (project / "big.jsonl").write_bytes(_records(120))
    (project / "small.txt").write_text("Title\n\nA NEEDLE.\n", encoding="utf-8")
    for output_format in ("json", "concise"):
        args = ("check", "--no-cache", "--output-format", output_format, "big.jsonl", "small.txt")
        serial = _as_one_process(cli, project, *args)
        assert serial.returncode == 2  # the broken records
    found = json.loads(
        cli("check", "--no-cache", "--output-format", "json", "big.jsonl", cwd=project).stdout
    )
    assert {v["code"] for v in found} >= {"ZZ801", "ZZ802", "AL002"}
    assert max(v["record"] for v in found) > 100


def test_a_split_gzip_file_gives_exactly_the_serial_output(project: Path, cli: RunCli) -> None:
    (project / "big.jsonl.gz").write_bytes(gzip.compress(_records(120)))
    for output_format in ("json", "concise"):
        args = ("check", "--no-cache", "--output-format", output_format, "big.jsonl.gz")
        serial = _as_one_process(cli, project, *args)
        assert serial.returncode == 2  # the broken records
        if output_format == "json":
            assert max(v["record"] for v in json.loads(serial.stdout)) > 100


def test_a_truncated_gzip_file_split_reports_what_one_process_reports(
    project: Path, cli: RunCli
) -> None:
    packed = gzip.compress(_records(400), compresslevel=1)
    (project / "cut.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    serial = _as_one_process(
        cli, project, "check", "--no-cache", "--output-format", "json", "cut.jsonl.gz"
    )
    problems = [v for v in json.loads(serial.stdout) if v["code"] == "AL002"]
    assert any("truncated" in v["message"] and v["line"] > 100 for v in problems)


@pytest.mark.parametrize("name", ["big.jsonl", "big.json"])
def test_the_pool_gets_pieces_of_a_big_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from artlint.config import find_config
    from artlint.runner import Overrides, Run

    if name == "big.json":
        (project / name).write_text(json.dumps(_array_records(120)), encoding="utf-8")
    else:
        (project / name).write_bytes(_records(120))
    monkeypatch.chdir(project)
    for key, value in FORCE_POOL.items():
        monkeypatch.setenv(key, value)
    find_config.cache_clear()
    run = Run(Overrides())
    run.prepare([run.config_for(project)])
    parts = list(run.results([name], jobs=2))
    assert len(parts) > 10 and {part.path for part in parts} == {name}
    assert sum(part.articles for part in parts) == 120
    monkeypatch.setenv("ARTLINT_PARALLEL_MIN_BYTES", str(10**9))  # below it: no pool, one part
    assert len(list(run.results([name], jobs=2))) == 1


@pytest.mark.parametrize("name", ["big.jsonl", "big.jsonl.gz", "big.json"])
def test_a_split_file_the_cache_covers_is_stored_whole_and_found_next_time(
    project: Path, cli: RunCli, tmp_path: Path, name: str
) -> None:
    data = json.dumps(_array_records(120)).encode() if name == "big.json" else _records(120)
    (project / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    serial = cli("check", "--no-cache", "--output-format", "json", name, cwd=project)
    cache = tmp_path / "split-cache"
    args = ("check", "--cache-dir", str(cache), "--output-format", "json", name)
    first = cli(*args, "-j", "2", cwd=project, extra_env=FORCE_POOL)
    assert (first.returncode, first.stdout) == (serial.returncode, serial.stdout)
    # one entry: the result of the whole file, gathered from its pieces
    (entry,) = cache.rglob("*.json")
    stored = json.loads(entry.read_text(encoding="utf-8"))
    assert stored["articles"] == 120
    assert stored["failed"] is (name != "big.json")  # the JSON Lines have broken records
    assert [v["code"] for v in stored["violations"]] == [
        v["code"] for v in json.loads(serial.stdout)
    ]
    # stored under the key a whole-file run looks for: both runs now read the entry (marked)
    stored["violations"][0]["message"] = "from the cache"
    entry.write_text(json.dumps(stored), encoding="utf-8")
    expected = json.loads(first.stdout)
    expected[0]["message"] = "from the cache"
    for jobs in ("1", "2"):
        again = cli(*args, "-j", jobs, cwd=project, extra_env=FORCE_POOL)
        assert json.loads(again.stdout) == expected


def test_a_cached_split_file_is_read_from_the_cache_in_one_part(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from artlint.config import find_config
    from artlint.runner import Mode, Overrides, Run

    (project / "big.jsonl").write_bytes(_records(120))
    monkeypatch.chdir(project)
    for key, value in FORCE_POOL.items():
        monkeypatch.setenv(key, value)
    find_config.cache_clear()
    run = Run(Overrides(), mode=Mode(cache_dir=str(tmp_path / "cache")))
    run.prepare([run.config_for(project)])
    parts = list(run.results(["big.jsonl"], jobs=2))
    assert len(parts) > 10  # linted in pieces by the workers ...
    (hit,) = run.results(["big.jsonl"], jobs=2)  # ... and then found whole in the cache
    assert hit.articles == sum(part.articles for part in parts) == 120
    assert hit.violations == [v for part in parts for v in part.violations]
    assert hit.failed


def test_files_the_cache_knows_start_no_pool(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A re-run over unchanged files has nothing for workers to do: the parent finds their
    results in the cache and counts only the files it must lint towards the pool threshold."""
    from artlint.config import find_config
    from artlint.runner import Mode, Overrides, Run

    names = [f"a{index}.txt" for index in range(4)]
    for index, name in enumerate(names):
        (project / name).write_text(f"Line {index}.\nThe NEEDLE sat in the HAYSTACK.\n")
    monkeypatch.chdir(project)
    monkeypatch.setenv("ARTLINT_PARALLEL_MIN_BYTES", "1")
    find_config.cache_clear()
    pools: list[int] = []
    start_pool = Run._parallel

    def counted(self: Run, *args: object) -> object:
        pools.append(1)
        return start_pool(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Run, "_parallel", counted)
    run = Run(Overrides(), mode=Mode(cache_dir=str(tmp_path / "cache")))
    run.prepare([run.config_for(project)])
    cold = list(run.results(names, jobs=2))
    assert pools == [1]
    assert [result.path for result in cold] == names
    assert all(result.violations for result in cold)  # the comparison below has teeth
    warm = list(run.results(names, jobs=2))
    assert pools == [1]  # every file known: no pool
    assert warm == cold
    # ... and each is reported as soon as it is found, not after the whole tree was looked up
    looked: list[Path] = []
    look_up = Run._known_result

    def counted_look_up(self: Run, candidate: Candidate) -> object:
        looked.append(candidate.path)
        return look_up(self, candidate)

    monkeypatch.setattr(Run, "_known_result", counted_look_up)
    streamed = run.results(names, jobs=2)
    assert next(streamed) == cold[0] and len(looked) == 1
    assert [cold[0], *streamed] == cold
    (project / names[2]).write_text("A NEEDLE, and another NEEDLE.\n")
    changed = list(run.results(names, jobs=2))
    assert pools == [1]  # one file to lint does not pay for a pool either
    assert [result.path for result in changed] == names
    assert changed[:2] == cold[:2] and changed[3:] == cold[3:]
    assert changed[2] != cold[2]


def test_a_bad_rule_option_met_by_a_worker_is_reported_as_by_one_process(
    tmp_path: Path, cli: RunCli
) -> None:
    """The error a worker meets goes back to the parent, which reports it in its turn: an
    error of a class pickle cannot rebuild used to be a dead worker, and lost output."""
    root = tmp_path / "tree"
    (root / "a").mkdir(parents=True)
    (root / "bad").mkdir()
    for index in range(3):
        (root / "a" / f"f{index}.txt").write_text(f"Headline {index}\n\nSubscribe now\n")
    (root / "bad" / "x.txt").write_text("Text.\n", encoding="utf-8")
    (root / "bad" / "artlint.toml").write_text('[rules.AD001]\nlanguages = "en"\n', "utf-8")
    serial = cli("check", "--no-cache", "-j", "1", ".", cwd=root)
    assert serial.returncode == 2 and "languages" in serial.stderr
    assert "a/f2.txt" in serial.stdout
    pooled = cli("check", "--no-cache", "-j", "2", ".", cwd=root, extra_env=FORCE_POOL)
    assert (pooled.returncode, pooled.stdout, pooled.stderr) == (
        serial.returncode,
        serial.stdout,
        serial.stderr,
    )


class _OddConfigError(ConfigError):
    def __init__(self, message: str, extra: int) -> None:
        super().__init__(message)
        self.extra = extra


class _OddError(Exception):
    def __init__(self, message: str, extra: int) -> None:
        super().__init__(message)


def test_an_error_pickle_cannot_rebuild_goes_back_with_its_message() -> None:
    import pickle

    from artlint.runner import _portable

    for error, kind, text in (
        (_OddConfigError("a.toml: bad option", 3), ConfigError, "a.toml: bad option"),
        (_OddError("broken", 1), RuntimeError, "_OddError: broken"),
    ):
        with pytest.raises(TypeError):
            pickle.loads(pickle.dumps(error))
        sent = pickle.loads(pickle.dumps(_portable(error)))
        assert type(sent) is kind and str(sent) == text
    plain = ConfigError("fine")
    assert _portable(plain) is plain


def _needle_run(project: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    from artlint.config import find_config
    from artlint.runner import Mode, Overrides, Run

    monkeypatch.chdir(project)
    find_config.cache_clear()
    run = Run(Overrides(), mode=Mode())
    run.prepare([run.config_for(project)])
    return run


def test_small_files_add_up_to_a_pool_over_several_looks(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes to lint are counted over every look at the next files: a tree of many small
    files reaches the threshold although no look alone holds that much."""
    from artlint import runner

    names = [f"s{index:02d}.txt" for index in range(12)]
    for name in names:
        (project / name).write_text("The NEEDLE in the HAYSTACK.\n" * 4, encoding="utf-8")
    size = (project / names[0]).stat().st_size
    monkeypatch.setattr(runner, "MAX_HEAD_FILES", 3)
    monkeypatch.setenv("ARTLINT_PARALLEL_MIN_BYTES", str(size * 7))
    pools: list[int] = []
    start_pool = runner.Run._parallel

    def counted(self: runner.Run, *args: object) -> object:
        pools.append(1)
        return start_pool(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(runner.Run, "_parallel", counted)
    run = _needle_run(project, monkeypatch)
    results = list(run.results(names, jobs=2))  # type: ignore[attr-defined]
    assert pools == [1]
    assert [result.path for result in results] == names


def test_files_found_before_an_error_are_reported_first_with_jobs(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint.runner import Run

    for name in ("a.txt", "b.txt"):
        (project / name).write_text("A NEEDLE\n", encoding="utf-8")

    def found_then_error(self: Run, paths: object) -> Iterator[Candidate]:
        yield Candidate(project / "a.txt")
        yield Candidate(project / "b.txt")
        raise ConfigError("c/artlint.toml: invalid TOML")

    monkeypatch.setattr(Run, "candidates", found_then_error)
    run = _needle_run(project, monkeypatch)
    reported: list[str] = []
    with pytest.raises(ConfigError, match="invalid TOML"):
        for result in run.results(["."], jobs=2):  # type: ignore[attr-defined]
            reported.append(Path(result.path).name)
    assert reported == ["a.txt", "b.txt"]


def test_a_group_of_files_of_many_records_is_checked_a_batch_at_a_time(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint import engine, runner

    names = [f"r{index}.jsonl" for index in range(5)]
    for name in names:
        records = [json.dumps({"text": f"NEEDLE {i}"}) for i in range(20)]
        (project / name).write_text("\n".join(records) + "\n", encoding="utf-8")
    sizes: list[int] = []
    check = engine.check_articles

    def recorded(articles: list[object], rules: object) -> object:
        sizes.append(len(articles))
        return check(articles, rules)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "check_articles", recorded)
    run = _needle_run(project, monkeypatch)
    results = list(run.results(names, jobs=1))  # type: ignore[attr-defined]
    assert [result.articles for result in results] == [20] * 5
    assert sum(sizes) == 100 and max(sizes) < engine.CHECK_BATCH + 20


def _array_records(count: int) -> list[dict[str, object]]:
    """Records with findings at varied places, escapes and non-ASCII text."""
    records: list[dict[str, object]] = []
    for index in range(1, count + 1):
        body = f'Line one.\nThe NEEDLE {index} sat in the "HAYSTACK".\n' + "filler " * (index % 37)
        if index % 5 == 0:
            body = "caf\u00e9 \u2014 " + body
        record: dict[str, object] = {"title": f"HAYSTACK {index}", "text": body}
        if index % 3:
            record["url"] = f"https://example.com/{index}"
        records.append(record)
    return records


def _cut(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


def _arrays() -> dict[str, bytes]:
    """JSON arrays as scrapers write them, and broken in the ways a split must report as one
    process does."""
    records = _array_records(150)
    compact = json.dumps(records, ensure_ascii=False).encode()
    head, tail = json.dumps(records[:70]), json.dumps(records[70:])
    return {
        "compact.json": compact,
        "pretty.json": json.dumps(records, indent=2).replace("\n", "\r\n").encode(),
        "packed.json.gz": gzip.compress(compact),
        "not-an-object.json": (head[:-1] + ", 42, " + tail[1:]).encode(),
        "no-comma.json": (head[:-1] + " " + tail[1:]).encode(),
        "too-big.json": (
            head[:-1] + ', {"x": ' + "[" * 600 + "]" * 600 + "}, " + "9" * 5000 + ", " + tail[1:]
        ).encode(),
        "cut-short.json": _cut(compact),
        "bad-byte.json": compact[: len(compact) // 2] + b"\xff" + compact[len(compact) // 2 :],
        "bad-byte-after.json": compact + b"\n\xff\n",
        "text-after.json": compact + b"\n" + json.dumps(records[0]).encode(),
        "cut-stream.json.gz": _cut(gzip.compress(compact, compresslevel=1)),
        "one-object.json": json.dumps(records[0]).encode() + b" " * 3000,
    }


@pytest.mark.parametrize("name", sorted(_arrays()))
def test_a_split_json_array_gives_exactly_the_serial_output(
    project: Path, cli: RunCli, name: str
) -> None:
    (project / name).write_bytes(_arrays()[name])
    serial = _as_one_process(cli, project, "check", "--no-cache", "--output-format", "json", name)
    found = json.loads(serial.stdout)
    # the comparison has teeth (a cut stream of this size breaks within the first read)
    wanted = "truncated compressed stream" if name.startswith("cut-stream") else "NEEDLE in"
    assert any(v["message"].startswith(wanted) for v in found)


@pytest.mark.parametrize("depth", [MAX_NESTING, MAX_NESTING + 1, 975])
@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_a_deeply_nested_record_reads_the_same_in_every_process(
    project: Path, cli: RunCli, name: str, depth: int
) -> None:
    # How deep the decoder gets before Python's recursion limit depends on the stack of the
    # process; a fixed limit decides alike in the parent, the workers and one process.
    records = [json.dumps(record) for record in _array_records(12)]
    deep = '{"text": "The NEEDLE.", "x": ' + "[" * depth + "]" * depth + "}"
    records.insert(6, deep)
    if name.endswith(".jsonl"):
        (project / name).write_text("\n".join(records) + "\n", encoding="utf-8")
    else:
        (project / name).write_text("[" + ", ".join(records) + "]", encoding="utf-8")
    serial = _as_one_process(cli, project, "check", "--no-cache", "--output-format", "json", name)
    problems = [v["message"] for v in json.loads(serial.stdout) if v["code"] == "AL002"]
    assert bool(problems) == (depth > MAX_NESTING)
    assert all("Nested too deeply" in message for message in problems)


@pytest.mark.parametrize("cached", [False, True])
def test_a_bad_config_file_met_midway_stops_a_pool_run_where_one_process_stops(
    project: Path, cli: RunCli, tmp_path: Path, cached: bool
) -> None:
    # files before the folder with the broken configuration are reported, then the error
    for index in range(30):
        (project / f"a{index:02}.txt").write_text(f"Title\n\nA NEEDLE {index}.\n", "utf-8")
    broken = project / "zz"
    broken.mkdir()
    (broken / "artlint.toml").write_text("select = [1\n", encoding="utf-8")
    # a small file there goes to a worker in one batch with those before it
    (broken / "a.txt").write_text("Title\n\nA NEEDLE.\n", encoding="utf-8")
    # a split file is looked up in the cache by the parent, whose error comes in turn too
    (broken / "big.jsonl").write_bytes(_records(60))
    cache = ("--cache-dir", str(tmp_path / "c")) if cached else ("--no-cache",)
    serial = _as_one_process(cli, project, "check", *cache, "--output-format", "concise", ".")
    assert serial.returncode == 2
    assert "invalid TOML" in serial.stderr
    assert serial.stdout.count("NEEDLE in body") == 30


@pytest.mark.parametrize(
    ("name", "rest_from"),
    [
        ("compact.json", None),
        ("pretty.json", None),
        ("packed.json.gz", None),
        ("not-an-object.json", 71),
        ("no-comma.json", 71),
        ("bad-byte-after.json", 151),
    ],
)
def test_a_json_array_is_cut_at_records_and_the_rest_read_whole(
    tmp_path: Path, name: str, rest_from: int | None
) -> None:
    from artlint.readers.records import ArrayPart, read_array_part
    from artlint.runner import ArrayPiece, ArrayRest, _array_pieces

    path = tmp_path / name
    path.write_bytes(_arrays()[name])
    tasks = list(_array_pieces(Candidate(path), 700))
    pieces = [task for task in tasks if isinstance(task, ArrayPiece)]
    assert len(pieces) > 10
    expected = 1
    for piece in pieces:
        assert piece.part.first_record == expected
        articles = list(read_array_part(str(path), piece.part, FieldMap()))
        assert [a.record for a in articles] == list(range(expected, expected + len(articles)))
        expected += len(articles)
    if rest_from is None:
        assert expected == 151 and not isinstance(tasks[-1], ArrayRest)
    else:
        assert expected == rest_from and tasks[-1] == ArrayRest(Candidate(path), rest_from)
    assert isinstance(pieces[0].part, ArrayPart)


def test_a_json_file_that_is_no_clean_array_is_linted_whole(tmp_path: Path) -> None:
    from artlint.runner import _array_pieces

    for name in ("one-object.json", "cut-short.json"):
        path = tmp_path / name
        data = _arrays()[name]
        if name == "cut-short.json":
            data = data[:60]  # broken in the first record
        path.write_bytes(data)
        assert list(_array_pieces(Candidate(path), 700)) == [Candidate(path)]


@pytest.mark.parametrize("compressed", [False, True])
def test_pieces_cover_the_file_at_line_starts(tmp_path: Path, compressed: bool) -> None:
    data = _records(60)
    path = tmp_path / ("a.jsonl.gz" if compressed else "a.jsonl")
    path.write_bytes(gzip.compress(data) if compressed else data)
    pieces = list(_pieces(Candidate(path), 500))
    assert len(pieces) > 5 and all(isinstance(p, Piece) for p in pieces)
    position, line, record = 0, 1, 1
    for piece in pieces:
        assert isinstance(piece, Piece)
        assert (piece.start, piece.first_line, piece.first_record) == (position, line, record)
        assert piece.start == 0 or data[piece.start - 1 : piece.start] == b"\n"
        # a compressed file's pieces carry their bytes; a plain file's workers read their own
        assert piece.data == (data[piece.start : piece.end] if compressed else None)
        lines, records = count_lines_and_records(data[piece.start : piece.end])
        position, line, record = piece.end, line + lines, record + records
    assert position == len(data)


def test_a_big_file_with_nothing_in_it_is_still_a_file_of_the_run(tmp_path: Path) -> None:
    # an empty gzip member padded with NULs: big on disk, no bytes once decompressed
    path = tmp_path / "pad.jsonl.gz"
    path.write_bytes(gzip.compress(b"") + b"\x00" * 1000)
    assert list(_pieces(Candidate(path), 300)) == [Candidate(path)]


def test_a_file_with_nul_bytes_at_the_start_is_not_split(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "a"}\n\x00\x00\n' + _records(40))
    assert list(_pieces(Candidate(path), 300)) == [Candidate(path)]
    # anywhere in the bytes a whole read sniffs, however small the pieces
    later = _records(40)
    path.write_bytes(later[:5000] + b"\n\x00\n" + later[5000:])
    assert list(_pieces(Candidate(path), 300)) == [Candidate(path)]


def test_count_lines_and_records_matches_the_reader() -> None:
    def by_reader(data: bytes) -> tuple[int, int]:
        lines = records = 0
        for raw in io.BytesIO(data):
            lines += 1
            if lines == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")  # the file's BOM
            records += bool(raw.strip())
        return lines, records

    generator = random.Random(6)
    alphabet = [b"\n", b" ", b"\r", b"\t", b"\x0c", b"{}", b"x"]
    for _ in range(3000):
        data = b"".join(generator.choice(alphabet) for _ in range(generator.randint(0, 10)))
        if generator.random() < 0.3:
            data = b"\xef\xbb\xbf" + data
        assert count_lines_and_records(data) == by_reader(data), data


def test_violation_pack_round_trip() -> None:
    violation = Violation(
        code="AD001",
        name="x",
        message="m",
        severity="warning",
        path="a.txt",
        line=3,
        column=4,
        end_line=3,
        end_column=9,
        record=2,
        field="body",
        fix=Fix(replacement="", start=1, end=2),
        fingerprint="abc",
    )
    assert Violation.unpack(violation.pack()) == violation
    assert Violation.unpack(violation.pack()).model_dump() == violation.model_dump()


def _old_order(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(
        (p for p in root.rglob("*") if p.is_file() and p.name.endswith(suffixes)),
        key=lambda p: p.parts,
    )


def test_streaming_discovery_keeps_the_listing_order(tmp_path: Path) -> None:
    for name in (
        "b.txt",
        "b/c.txt",
        "b/a/z.txt",
        "a.txt",
        "b.txt.d/x.txt",
        "B/k.txt",
        "a-b/q.txt",
        "a/x.jsonl",
    ):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x", encoding="utf-8")
    found = [c.path for c in discover([str(tmp_path)], [".txt", ".jsonl"], [])]
    assert found == _old_order(tmp_path, (".txt", ".jsonl"))


@pytest.mark.parametrize("value", ["", "zero", "-5", "0"])
def test_bad_size_knobs_fall_back_to_defaults(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from artlint.runner import SPLIT_BYTES, _bytes_setting

    monkeypatch.setenv("ARTLINT_SPLIT_BYTES", value)
    assert _bytes_setting("ARTLINT_SPLIT_BYTES", SPLIT_BYTES) == SPLIT_BYTES


def test_small_files_go_to_workers_in_order_preserving_batches(tmp_path: Path) -> None:
    from artlint.discovery import Candidate
    from artlint.runner import BATCH_FILES, Piece, _batches

    files = []
    for index in range(BATCH_FILES + 5):
        path = tmp_path / f"{index:03d}.txt"
        path.write_text("x", encoding="utf-8")
        files.append(Candidate(path))
    piece = Piece(files[0], 0, 10, 1, 1)
    tasks = [*files[:3], piece, *files[3:]]
    batches = list(_batches(tasks))
    assert [task for batch in batches for task in batch] == tasks  # nothing lost or reordered
    assert [piece] in batches  # a piece of a split file goes alone
    assert all(len(batch) <= BATCH_FILES for batch in batches)
    assert len(batches) == 4  # 3 files, the piece, a full batch, the rest


def test_fixes_through_the_pool_write_what_one_process_writes(project: Path, cli: RunCli) -> None:
    # -j defaults to auto, so a --fix run over a big tree goes through the pool: the workers
    # must write exactly the files one process writes, and report the same
    texts = {
        f"{name}.txt": f"Headline {index}\n\nIran\u00e2\u20ac\u2122s minister spoke on day "
        f"{index}.\nThe talks went on.\n"
        for index, name in enumerate(("one", "two", "three", "four", "five"))
    }
    outputs = []
    for folder, jobs, env in (("serial", "1", None), ("pooled", "2", FORCE_POOL)):
        (project / folder).mkdir()
        for name, text in texts.items():
            (project / folder / name).write_text(text, encoding="utf-8")
        result = cli(
            "check",
            "--isolated",
            "--no-cache",
            "--select",
            "EN001",
            "--fix",
            "-j",
            jobs,
            folder,
            cwd=project,
            extra_env=env,
        )
        assert result.returncode == 0, result.stderr
        outputs.append((result.stdout + result.stderr).replace(folder, "<dir>"))
        for name in texts:
            assert "Iran\u2019s minister" in (project / folder / name).read_text(encoding="utf-8")
    assert outputs[0] == outputs[1]
    assert "fixed 5 problem(s)" in outputs[0], outputs[0]


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs process groups")
def test_ctrl_c_during_a_pool_run_is_one_line_and_exit_130(tmp_path: Path) -> None:
    # Ctrl-C reaches every process of the group; the workers used to print tracebacks
    rng = random.Random(5)
    words = ["the", "council", "met", "on", "Tuesday", "and", "said", "plan", "would", "go"]
    with (tmp_path / "big.jsonl").open("w", encoding="utf-8") as stream:
        for number in range(40000):
            text = "Headline\n\n" + " ".join(rng.choice(words) for _ in range(80)) + "."
            stream.write(json.dumps({"url": f"https://example.org/{number}", "text": text}) + "\n")
    env = {**os.environ, "ARTLINT_PARALLEL_MIN_BYTES": "0", "ARTLINT_SPLIT_BYTES": "1000000"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "artlint",
            "check",
            "--isolated",
            "--no-cache",
            "-j",
            "2",
            "big.jsonl",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # a test run started in the background by a shell without job control ignores SIGINT,
        # and Python then leaves it ignored: the run must start with the default, as at a prompt
        preexec_fn=_default_sigint,
    )
    # Signalled once the pool has started (its workers are the process's children), mid-run:
    # after a fixed 1.5 s a run on a loaded machine could be in its teardown already, where
    # Python drops a KeyboardInterrupt and the exit status is 0.
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 30
    while children.exists() and not children.read_text().strip():
        if time.monotonic() > deadline or process.poll() is not None:
            break
        time.sleep(0.02)
    if not children.exists():
        time.sleep(1.0)  # no /proc: the pool starts well within a second
    time.sleep(0.3)
    assert process.poll() is None, "the run ended before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    assert stderr.decode().strip() == "artlint: error: interrupted"


def test_a_worker_that_dies_ends_the_run_with_a_message(tmp_path: Path) -> None:
    # a rule that ends its process (or crashes the interpreter) used to leave -j runs waiting
    # forever for the lost task
    (tmp_path / "dies.py").write_text(
        "import os\n"
        "from artlint import hookimpl, rule\n\n"
        "@rule(code='ZZ991', name='ends-its-process', summary='Ends its process')\n"
        "def ends(article, options):\n"
        '    """## What it does\n    Calls os._exit on DIE.\n    """\n'
        "    if 'DIE' in article.body:\n"
        "        os._exit(0)\n"
        "    return iter(())\n\n"
        "@hookimpl\n"
        "def artlint_rules():\n"
        "    return [ends]\n",
        encoding="utf-8",
    )
    (tmp_path / "artlint.toml").write_text('plugins = ["dies.py"]\n', encoding="utf-8")
    for number in range(6):
        (tmp_path / f"{number}.txt").write_text(f"Headline\n\nText {number}.\n", encoding="utf-8")
    (tmp_path / "3.txt").write_text("Headline\n\nDIE now.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "artlint", "check", "--no-cache", "-j", "2", "."],
        cwd=tmp_path,
        env={**os.environ, "ARTLINT_PARALLEL_MIN_BYTES": "0"},  # 0: a pool for any input
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "a worker process died" in done.stderr
    assert "Traceback" not in done.stderr
