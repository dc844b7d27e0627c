"""benchmarks/bench.py: a deterministic corpus, a ceiling that finds phrases, and a table that
renders and judges the targets. Timings are never asserted."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "benchmarks" / "bench.py"
AEB = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "aeb"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


bench = _load()

needs_aeb = pytest.mark.skipif(
    not (AEB / "labels.jsonl").is_file(), reason="needs ../shared/corpus/aeb"
)


def _tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@needs_aeb
def test_builder_is_deterministic(tmp_path: Path) -> None:
    first = bench.build_corpus(AEB, tmp_path / "a", 230)
    second = bench.build_corpus(AEB, tmp_path / "b", 230)
    assert first.sha256 == second.sha256
    assert _tree_hash(first.root) == _tree_hash(second.root)  # the .gz bytes included
    other_seed = bench.build_corpus(AEB, tmp_path / "c", 230, seed=7)
    assert other_seed.sha256 != first.sha256


@needs_aeb
def test_corpus_formats_hold_the_same_articles(tmp_path: Path) -> None:
    corpus = bench.build_corpus(AEB, tmp_path, 230)
    files = sorted(corpus.txt.rglob("*.txt"))
    assert len(files) == 230
    assert [p.parent.name for p in files[199:201]] == ["0000", "0001"]  # 200 per folder
    texts = [p.read_text(encoding="utf-8") for p in files]
    assert sum(len(t.encode()) for t in texts) == corpus.text_bytes
    records = [json.loads(line) for line in corpus.jsonl.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in records] == texts
    assert gzip.decompress(corpus.jsonl_gz.read_bytes()) == corpus.jsonl.read_bytes()
    assert len(set(texts)) > 150  # copies of one page are varied


@needs_aeb
def test_built_corpus_is_reused_and_stale_one_rebuilt(tmp_path: Path) -> None:
    corpus = bench.build_corpus(AEB, tmp_path, 20)
    marker = corpus.txt / "0000" / "000000.txt"
    before = marker.stat().st_mtime_ns
    assert bench.build_corpus(AEB, tmp_path, 20).sha256 == corpus.sha256
    assert marker.stat().st_mtime_ns == before
    manifest = corpus.root / "manifest.json"
    manifest.write_text(json.dumps({"builder": -1}), encoding="utf-8")
    assert bench.build_corpus(AEB, tmp_path, 20).sha256 == corpus.sha256


def test_builder_needs_an_aeb_source(tmp_path: Path) -> None:
    with pytest.raises(bench.BenchError, match="not an aeb corpus"):
        bench.build_corpus(tmp_path, tmp_path / "out", 10)


@needs_aeb
def test_builder_never_deletes_a_folder_it_did_not_build(tmp_path: Path) -> None:
    foreign = tmp_path / f"corpus-10-{bench.SEED}"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(bench.BenchError, match="without a manifest"):
        bench.build_corpus(AEB, tmp_path, 10)
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_phrase_pattern_finds_every_phrase_and_nothing_else() -> None:
    pattern = bench.phrase_pattern(["sign up", "sign in", "share", "share this", "cookie"])
    text = "please sign up or sign in; share this cookie. signal sharp"
    assert [m.group() for m in pattern.finditer(text)] == [
        "sign up",
        "sign in",
        "share this",
        "cookie",
    ]


def test_ceiling_counts_hits_in_every_format(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.txt").write_text("Subscribe now. Read more.\n", encoding="utf-8")
    line = json.dumps({"text": "Subscribe now. Read more.\n"}) + "\n"
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(line.encode()))
    for target in (tmp_path / "t", tmp_path / "a.jsonl.gz"):
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--ceiling", str(target)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.strip() == "2"


def _results(**figures: float | None) -> Any:
    corpus = bench.Corpus(Path("/tmp/x"), 2000, 10_800_000, "ab" * 32)
    names = ("ceiling", "txt", "txt -j 2", "jsonl.gz", "jsonl.gz -j 2", "jsonl")
    base: dict[str, float | None] = {}
    for name in names:
        for unit, value in (("MB/s", 10.0), ("articles/s", 2000.0), ("RSS", 30.0), ("CPU s", 1.0)):
            base[f"{name} {unit}"] = value
    base.update(
        {
            "200 files ms": 120.0,
            "200 files cold ms": 200.0,
            "1 file ms": 90.0,
            "version ms": 30.0,
            "subset RSS": 30.0,
        }
    )
    base.update({k.replace("_", " "): v for k, v in figures.items()})
    return bench.Results(corpus, 3, "artlint", True, 200, 7.5, base)


def _status(text: str, metric: str) -> str:
    line = next(line for line in text.splitlines() if line.startswith(metric))
    return line.split()[-1]


def test_table_judges_each_target() -> None:
    good = bench.render_text(_results(**{"txt_MB/s": 5.0}))
    assert _status(good, "artlint / ceiling") == "PASS"  # 0.5
    assert _status(good, "-j 2 / -j 1") == "PASS"  # 10 / 5
    assert _status(good, "peak RSS 10x / 1x") == "PASS"
    split = bench.render_text(_results(**{"jsonl.gz -j 2 MB/s": 18.0}))
    assert _status(split, ".jsonl.gz: -j 2 / -j 1") == "1.80"  # shown, not judged
    bad = bench.render_text(
        _results(**{"txt_MB/s": 4.0, "txt_RSS": 120.0, "200_files_ms": 151.0, "version_ms": 49.0})
    )
    assert _status(bad, "artlint / ceiling") == "FAIL"  # 0.4
    assert _status(bad, "peak RSS, 2,000 articles (10x)") == "FAIL"
    assert _status(bad, "peak RSS 10x / 1x") == "FAIL"  # 120 / 30
    assert _status(bad, "200 files (a pre-commit run)") == "FAIL"
    assert _status(bad, "artlint --version") == "PASS"


def test_table_without_jobs_reads_not_applicable() -> None:
    results = _results(**{"txt -j 2 MB/s": None})
    results.jobs_supported = False
    text = bench.render_text(results)
    assert _status(text, "-j 2 / -j 1") == "n/a"
    assert "n/a (no -j)" in text
    markdown = bench.render_markdown(results)
    assert "| metric | value | target | status |" in markdown
    assert "| .jsonl.gz / .txt (MB/s) | 1.00 | >= 0.8 | PASS |" in markdown


def test_bad_size_is_a_usage_error() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--articles", "lots"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "not a number of articles" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_source_exits_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--source",
            str(tmp_path / "none"),
            "--work",
            str(tmp_path / "w"),
            "--build-only",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "not an aeb corpus folder" in done.stderr


@needs_aeb
def test_end_to_end_on_a_tiny_corpus(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--articles",
            "40",
            "--repeat",
            "1",
            "--quiet",
            "--work",
            str(tmp_path),
            "--markdown",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 18
    assert any(line.startswith("| artlint / ceiling (MB/s) |") for line in rows)
    assert "40 articles" in done.stdout
