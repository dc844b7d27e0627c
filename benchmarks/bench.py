#!/usr/bin/env python3
"""Throughput, start-up and memory of `artlint check` next to a Python ceiling (issue 6).

    python benchmarks/bench.py                      # 20,000 articles (~100 MB), 3 repeats
    python benchmarks/bench.py --articles 2000 --repeat 1   # a quick look
    python benchmarks/bench.py --markdown           # the table for the README

The corpus is built deterministically from the labelled aeb corpus (real extractor outputs) into
`--work` (default `bench-out/`, git-ignored) and reused while its manifest matches. Every figure
is a whole process timed from outside, start-up included: medians of `--repeat` runs after one
uncounted warm-up, the measured commands interleaved so that a busy machine slows all of them
alike. Compare ratios, not absolute MB/s, across machines and hours.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "corpus" / "aeb"
DEFAULT_WORK = REPO / "bench-out"
BUILDER_VERSION = 2
SEED = 20261128
FOLDER_SIZE = 200  # files per folder: one folder is what a pre-commit run sees
NAMED_SIZES = {"small": 200, "x10": 2000, "medium": 20000}
PAGE_DUMPS = frozenset({"html-text", "inscriptis"})
MB = 1_000_000

# A fixed phrase list for the ceiling, so the ceiling does not move when artlint's rules change.
CEILING_PHRASES = (
    "advertisement",
    "sponsored",
    "subscribe",
    "sign up",
    "newsletter",
    "log in",
    "sign in",
    "register now",
    "download the app",
    "cookie",
    "privacy policy",
    "terms of use",
    "terms of service",
    "all rights reserved",
    "copyright",
    "share this",
    "share on facebook",
    "share on twitter",
    "follow us",
    "tweet",
    "whatsapp",
    "linkedin",
    "pinterest",
    "print this",
    "email this",
    "read more",
    "related articles",
    "related stories",
    "recommended for you",
    "you may also like",
    "most popular",
    "most read",
    "trending",
    "more from",
    "click here",
    "continue reading",
    "skip to content",
    "back to top",
    "leave a comment",
    "comments",
    "reprints",
    "listen to this",
    "watch:",
    "getty images",
    "photo:",
    "image:",
    "credit:",
)


class BenchError(Exception):
    """Bad input or a failed run: one clear message, exit status 2."""


# ---------------------------------------------------------------- the ceiling (a subprocess)


def phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    """A trie-shaped alternation: the fastest form of a phrase scan the stdlib `re` offers."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(emit(trie))


def _ceiling_texts(paths: Sequence[str]) -> Iterator[str]:
    for given in paths:
        if given.endswith((".jsonl", ".jsonl.gz")):
            opener = gzip.open if given.endswith(".gz") else open
            with opener(given, "rb") as stream:
                for raw in stream:
                    if raw.strip():
                        yield json.loads(raw)["text"]
        elif os.path.isdir(given):
            for folder, subfolders, files in os.walk(given):
                subfolders.sort()
                for name in sorted(files):
                    with open(os.path.join(folder, name), "rb") as handle:
                        yield handle.read().decode("utf-8")
        else:
            with open(given, "rb") as handle:
                yield handle.read().decode("utf-8")


def ceiling_main(paths: Sequence[str]) -> int:
    """Read, decode and scan every article once; what artlint cannot beat in one process."""
    pattern = phrase_pattern(CEILING_PHRASES)
    hits = 0
    for text in _ceiling_texts(paths):
        hits += sum(1 for _ in pattern.finditer(text.lower()))
    print(hits)
    return 0


# ---------------------------------------------------------------- the corpus


@dataclass(frozen=True)
class Corpus:
    root: Path
    articles: int
    text_bytes: int
    sha256: str

    @property
    def txt(self) -> Path:
        return self.root / "txt"

    @property
    def jsonl(self) -> Path:
        return self.root / "articles.jsonl"

    @property
    def jsonl_gz(self) -> Path:
        return self.root / "articles.jsonl.gz"

    def folders(self) -> list[Path]:
        return sorted(p for p in self.txt.iterdir() if p.is_dir())

    def files(self, count: int) -> list[Path]:
        found: list[Path] = []
        for folder in self.folders():
            found.extend(sorted(folder.iterdir())[: count - len(found)])
            if len(found) >= count:
                break
        return found


def _labels(source: Path) -> bytes:
    labels = source / "labels.jsonl"
    if not labels.is_file() or not (source / "txt").is_dir():
        raise BenchError(f"{source}: not an aeb corpus folder (no labels.jsonl or txt/)")
    return labels.read_bytes()


def _source_pool(source: Path, raw: bytes) -> list[tuple[str, str, str]]:
    """Every non-empty extractor output with its extractor and page URL."""
    pool = []
    for line in raw.decode("utf-8").splitlines():
        record = json.loads(line)
        text = (source / record["file"]).read_text(encoding="utf-8")
        if text.strip():
            pool.append((record["extractor"], record["url"], text))
    return pool


def pick(pool: list[tuple[str, str, str]], rng: random.Random) -> tuple[str, str, str]:
    """A seeded choice; whole-page dumps at half weight (mean article ~5 KB, as in the notes)."""
    while True:
        item = pool[rng.randrange(len(pool))]
        if item[0] not in PAGE_DUMPS or rng.random() < 0.5:
            return item


def vary(text: str, rng: random.Random) -> str:
    """Seeded variation so copies of one page differ: a dropped line, sometimes a lost tail."""
    lines = text.split("\n")
    if len(lines) >= 4 and rng.random() < 0.5:
        del lines[rng.randrange(1, len(lines) - 1)]
    if len(lines) >= 6 and rng.random() < 0.08:
        lines = lines[: max(3, int(len(lines) * rng.uniform(0.6, 0.85)))]
    return "\n".join(lines)


def _write_corpus(target: Path, pool: list[tuple[str, str, str]], articles: int, seed: int) -> dict:
    rng = random.Random(seed)
    digest = hashlib.sha256()
    text_bytes = 0
    with (target / "articles.jsonl").open("wb") as jsonl:
        for index in range(articles):
            _, url, source_text = pick(pool, rng)
            data = vary(source_text, rng).encode("utf-8")
            name = f"txt/{index // FOLDER_SIZE:04d}/{index:06d}.txt"
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            record = {"id": f"{index:06d}", "url": url, "text": data.decode("utf-8")}
            line = json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"
            jsonl.write(line)
            digest.update(name.encode() + b"\0" + data + b"\0" + line)
            text_bytes += len(data)
    with (
        (target / "articles.jsonl").open("rb") as plain,
        (target / "articles.jsonl.gz").open("wb") as packed,
        gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=0) as out,
    ):
        shutil.copyfileobj(plain, out)  # mtime=0 and no name: the same bytes on every build
    return {"articles": articles, "text_bytes": text_bytes, "sha256": digest.hexdigest()}


def build_corpus(source: Path, work: Path, articles: int, seed: int = SEED) -> Corpus:
    """Build (or reuse) `<work>/corpus-<articles>-<seed>`; the same inputs give the same bytes."""
    if articles < 1:
        raise BenchError("--articles must be at least 1")
    raw = _labels(source)
    labels_hash = hashlib.sha256(raw).hexdigest()
    root = work / f"corpus-{articles}-{seed}"
    wanted = {
        "builder": BUILDER_VERSION,
        "seed": seed,
        "articles": articles,
        "source_labels_sha256": labels_hash,
    }
    manifest_path = root / "manifest.json"
    if manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if all(manifest.get(k) == v for k, v in wanted.items()):
            return Corpus(root, articles, manifest["text_bytes"], manifest["sha256"])
        shutil.rmtree(root)  # ours (it has our manifest) but stale
    elif root.exists():
        raise BenchError(f"{root} exists without a manifest: not a corpus built here; remove it")
    work.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".building-", dir=work))
    try:
        pool = _source_pool(source, raw)
        manifest = {**wanted, **_write_corpus(staging, pool, articles, seed)}
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        staging.rename(root)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return Corpus(root, articles, manifest["text_bytes"], manifest["sha256"])


# ---------------------------------------------------------------- running and timing


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    rss_mib: float


# The kernel's peak RSS of a process includes the memory of whoever forked it up to the exec,
# so the runs are started by this small launcher, not by the benchmark (which holds the corpus
# manifest, results and a big interpreter). Its own size is the reading floor; see `floor()`.
LAUNCHER = """
import json, os, sys, time
errors = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.dup2(errors, 2)
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as error:
        os.write(2, str(error).encode())
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                  os.waitstatus_to_exitcode(status)]))
"""


def run_once(argv: Sequence[str], env: dict[str, str], ok: Sequence[int] = (0,)) -> Sample:
    """One whole process; wall from its parent, CPU and peak RSS from the kernel (wait4)."""
    with tempfile.NamedTemporaryFile(prefix="artlint-bench-", suffix=".err") as errors:
        launcher = [sys.executable, "-S", "-c", LAUNCHER, errors.name, *argv]
        try:
            done = subprocess.run(launcher, capture_output=True, env=env, check=False)
            wall, cpu, rss_kib, status = json.loads(done.stdout)
        except (OSError, ValueError) as error:
            raise BenchError(f"cannot time {shlex.join(argv)}: {error}") from None
        if status not in ok:
            tail = Path(errors.name).read_text("utf-8", "replace").strip().splitlines()[-8:]
            raise BenchError(
                f"exit status {status}: {shlex.join(argv)}\n" + ("\n".join(tail) or "(no stderr)")
            )
    return Sample(wall, cpu, rss_kib / 1024)  # ru_maxrss is in KiB on Linux


def floor(env: dict[str, str]) -> float:
    """Peak RSS reported for a process that does nothing: readings at this level mean "<=" it."""
    return statistics.median(run_once(["true"], env).rss_mib for _ in range(3))


@dataclass
class Job:
    name: str
    argv: list[str]
    ok: tuple[int, ...] = (0,)
    runs_per_round: int = 1
    #: set for this job's runs on top of the bench's environment
    env: dict[str, str] = field(default_factory=dict)
    samples: list[Sample] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(s, attribute) for s in self.samples)


def run_jobs(
    jobs: Sequence[Job], env: dict[str, str], repeat: int, warmup: int = 1, progress: bool = True
) -> None:
    """Interleave the jobs round by round, so drift on a shared machine hits them all alike."""
    for round_number in range(warmup + repeat):
        for job in jobs:
            for _ in range(job.runs_per_round):
                sample = run_once(job.argv, {**env, **job.env}, job.ok)
                if round_number >= warmup:
                    job.samples.append(sample)
        if progress:
            label = "warm-up" if round_number < warmup else f"round {round_number - warmup + 1}"
            print(f"bench: {label} of {warmup + repeat} done", file=sys.stderr)


@dataclass(frozen=True)
class Artlint:
    command: list[str]
    help_text: str

    def supports(self, option: str) -> bool:
        return option in re.split(r"[\s,\[\]]+", self.help_text)

    def check(self, *args: str | Path, jobs: int | None = None) -> list[str]:
        argv = [*self.command, "check", "--output-format", "json"]
        for option in ("--no-cache", "--isolated"):  # measure the work, not a cache or a config
            if self.supports(option):
                argv.append(option)
        if jobs is not None:
            argv += ["-j", str(jobs)]
        return argv + [str(a) for a in args]


def find_artlint(given: str | None, env: dict[str, str]) -> Artlint:
    if given:
        command = shlex.split(given)
    else:
        script = Path(sys.executable).parent / "artlint"
        command = [str(script)] if script.is_file() else [sys.executable, "-m", "artlint"]
    try:
        done = subprocess.run(
            [*command, "check", "--help"], capture_output=True, env=env, check=False
        )
    except OSError as error:
        raise BenchError(f"cannot run artlint ({shlex.join(command)}): {error}") from None
    if done.returncode != 0:
        raise BenchError(f"`{shlex.join(command)} check --help` exited {done.returncode}")
    return Artlint(command, done.stdout.decode("utf-8", "replace"))


# ---------------------------------------------------------------- the measurements


@dataclass
class Results:
    corpus: Corpus
    repeat: int
    artlint: str
    jobs_supported: bool
    subset_articles: int
    rss_floor: float
    figures: dict[str, float | None] = field(default_factory=dict)


def plan(corpus: Corpus, artlint: Artlint) -> tuple[list[Job], int]:
    one_process = 1 if artlint.supports("-j") else None
    subset_count = max(1, corpus.articles // 10)
    whole_folders = subset_count % FOLDER_SIZE == 0
    subset = (
        corpus.folders()[: subset_count // FOLDER_SIZE]
        if whole_folders
        else corpus.files(subset_count)
    )
    jobs = [
        Job(
            "ceiling", [sys.executable, str(Path(__file__).resolve()), "--ceiling", str(corpus.txt)]
        ),
        Job("txt", artlint.check(corpus.txt, jobs=one_process), ok=(0, 1)),
        Job("jsonl.gz", artlint.check(corpus.jsonl_gz, jobs=one_process), ok=(0, 1)),
        Job("jsonl", artlint.check(corpus.jsonl, jobs=one_process), ok=(0, 1)),
        Job("200 files", artlint.check(*corpus.files(FOLDER_SIZE), jobs=one_process), ok=(0, 1)),
        # the same run as the first one after an install, before any compiled pattern is kept
        Job(
            "200 files cold",
            artlint.check(*corpus.files(FOLDER_SIZE), jobs=one_process),
            ok=(0, 1),
            env={"ARTLINT_PATTERN_CACHE": "0"},
        ),
        Job(
            "1 file", artlint.check(*corpus.files(1), jobs=one_process), ok=(0, 1), runs_per_round=3
        ),
        Job("version", [*artlint.command, "--version"], runs_per_round=5),
        Job("subset", artlint.check(*subset, jobs=one_process), ok=(0, 1)),
    ]
    if artlint.supports("-j"):
        jobs.insert(2, Job("txt -j 2", artlint.check(corpus.txt, jobs=2), ok=(0, 1)))
        # one big compressed file: split by records across the workers
        jobs.insert(4, Job("jsonl.gz -j 2", artlint.check(corpus.jsonl_gz, jobs=2), ok=(0, 1)))
        # as the pre-commit hook runs it: the default -j (auto), which may start a pool
        jobs.insert(7, Job("200 files auto", artlint.check(*corpus.files(FOLDER_SIZE)), ok=(0, 1)))
    return jobs, subset_count


def measure(
    corpus: Corpus, artlint: Artlint, repeat: int, env: dict[str, str], progress: bool = True
) -> Results:
    jobs, subset_count = plan(corpus, artlint)
    run_jobs(jobs, env, repeat, progress=progress)
    by_name = {job.name: job for job in jobs}
    results = Results(
        corpus,
        repeat,
        shlex.join(artlint.command),
        artlint.supports("-j"),
        subset_count,
        floor(env),
    )
    mb = corpus.text_bytes / MB
    figures = results.figures
    for name in ("ceiling", "txt", "txt -j 2", "jsonl.gz", "jsonl.gz -j 2", "jsonl"):
        job = by_name.get(name)
        wall = job.median("wall") if job else None
        figures[f"{name} MB/s"] = mb / wall if wall else None
        figures[f"{name} articles/s"] = corpus.articles / wall if wall else None
        figures[f"{name} RSS"] = job.median("rss_mib") if job else None
        figures[f"{name} CPU s"] = job.median("cpu") if job else None
    figures["200 files ms"] = 1000 * by_name["200 files"].median("wall")
    figures["200 files cold ms"] = 1000 * by_name["200 files cold"].median("wall")
    auto = by_name.get("200 files auto")
    figures["200 files auto ms"] = 1000 * auto.median("wall") if auto else None
    figures["1 file ms"] = 1000 * by_name["1 file"].median("wall")
    figures["version ms"] = 1000 * by_name["version"].median("wall")
    figures["subset RSS"] = by_name["subset"].median("rss_mib")
    return results


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top is not None and bottom else None


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Row:
    metric: str
    value: str
    target: str = ""
    status: str = ""


def _judge(value: float | None, at_least: float | None = None, at_most: float | None = None) -> str:
    if value is None:
        return "n/a"
    if (at_least is not None and value < at_least) or (at_most is not None and value > at_most):
        return "FAIL"
    return "PASS"


def _fmt(value: float | None, digits: int = 1, unit: str = "") -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}{unit}"


def _speed(figures: dict[str, float | None], name: str) -> str:
    return (
        f"{_fmt(figures[f'{name} MB/s'])} MB/s, {_fmt(figures[f'{name} articles/s'], 0)} "
        f"articles/s, {_fmt(figures[f'{name} RSS'])} MiB, "
        f"{_fmt(figures[f'{name} CPU s'], 2)} CPU s"
    )


FLAT_FACTOR = 1.25  # "flat": ten times the articles may cost at most a quarter more memory


def table_rows(results: Results) -> list[Row]:
    f = results.figures
    versus_ceiling = _ratio(f["txt MB/s"], f["ceiling MB/s"])
    parallel = _ratio(f["txt -j 2 MB/s"], f["txt MB/s"])
    packed = _ratio(f["jsonl.gz MB/s"], f["txt MB/s"])
    packed_parallel = _ratio(f["jsonl.gz -j 2 MB/s"], f["jsonl.gz MB/s"])
    small, large = f["subset RSS"], f["txt RSS"]
    growth = _ratio(large, small)
    return [
        Row("ceiling: read + decode + phrase scan, 1 process", _speed(f, "ceiling")),
        Row("artlint check .txt, 1 process", _speed(f, "txt")),
        Row(
            "artlint / ceiling (MB/s)",
            _fmt(versus_ceiling, 2),
            ">= 0.45",
            _judge(versus_ceiling, at_least=0.45),
        ),
        Row(
            "artlint check .txt, -j 2",
            _speed(f, "txt -j 2") if results.jobs_supported else "n/a (no -j)",
        ),
        Row("-j 2 / -j 1 (MB/s)", _fmt(parallel, 2), ">= 1.7", _judge(parallel, at_least=1.7)),
        Row("artlint check .jsonl.gz, 1 process", _speed(f, "jsonl.gz")),
        Row("artlint check .jsonl, 1 process", _speed(f, "jsonl")),
        Row(".jsonl.gz / .txt (MB/s)", _fmt(packed, 2), ">= 0.8", _judge(packed, at_least=0.8)),
        Row(
            "artlint check .jsonl.gz, -j 2 (one file, split by records)",
            _speed(f, "jsonl.gz -j 2") if results.jobs_supported else "n/a (no -j)",
        ),
        Row(".jsonl.gz: -j 2 / -j 1 (MB/s)", _fmt(packed_parallel, 2)),
        Row(
            f"{min(FOLDER_SIZE, results.corpus.articles)} files (a pre-commit run), wall",
            _fmt(f["200 files ms"], 0, " ms"),
            "<= 150 ms",
            _judge(f["200 files ms"], at_most=150),
        ),
        Row(
            "the same, compiled patterns not stored (first run after an install), wall",
            _fmt(f["200 files cold ms"], 0, " ms"),
        ),
        Row(
            f"{min(FOLDER_SIZE, results.corpus.articles)} files with the default -j (auto: "
            f"{os.cpu_count()} CPUs), as the pre-commit hook runs them, wall",
            _fmt(f.get("200 files auto ms"), 0, " ms"),
        ),
        Row("1 file (start-up and teardown), wall", _fmt(f["1 file ms"], 0, " ms")),
        Row(
            "artlint --version, wall",
            _fmt(f["version ms"], 0, " ms"),
            "<= 50 ms",
            _judge(f["version ms"], at_most=50),
        ),
        Row(
            f"peak RSS, {results.subset_articles:,} articles (1x)",
            _fmt(small, 1, " MiB"),
            "<= 100 MiB",
            _judge(small, at_most=100),
        ),
        Row(
            f"peak RSS, {results.corpus.articles:,} articles (10x)",
            _fmt(large, 1, " MiB"),
            "<= 100 MiB",
            _judge(large, at_most=100),
        ),
        Row(
            "peak RSS 10x / 1x",
            _fmt(growth, 2),
            f"<= {FLAT_FACTOR} (flat)",
            _judge(growth, at_most=FLAT_FACTOR),
        ),
    ]


def headline(results: Results) -> list[str]:
    corpus = results.corpus
    return [
        f"corpus: {corpus.articles:,} articles, {corpus.text_bytes / MB:.1f} MB of text "
        f"(sha256 {corpus.sha256[:16]}), in {corpus.root}",
        f"artlint: {results.artlint}; {os.cpu_count()} CPUs; Python "
        f"{sys.version.split()[0]}; medians of {results.repeat} runs after 1 warm-up",
        "ceiling: stdlib re, one trie-shaped pattern of "
        f"{len(CEILING_PHRASES)} phrases over lowercased text",
        f"peak RSS of the largest single process; the launcher's floor is "
        f"{results.rss_floor:.1f} MiB (readings there mean <= it)",
    ]


def render_text(results: Results) -> str:
    rows = [Row("metric", "value", "target", "status"), *table_rows(results)]
    widths = [max(len(getattr(r, name)) for r in rows) for name in ("metric", "value", "target")]
    lines = [*headline(results), ""]
    for row in rows:
        cells = (row.metric, row.value, row.target)
        text = "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
        lines.append(f"{text}  {row.status}".rstrip())
    return "\n".join(lines)


def render_markdown(results: Results) -> str:
    lines = [
        *(f"{line}  " for line in headline(results)),
        "",
        "| metric | value | target | status |",
        "| --- | --- | ---: | --- |",
    ]
    for row in table_rows(results):
        status = f"**{row.status}**" if row.status == "FAIL" else row.status
        lines.append(f"| {row.metric} | {row.value} | {row.target} | {status} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- command line


def parse_size(value: str) -> int:
    if value in NAMED_SIZES:
        return NAMED_SIZES[value]
    try:
        number = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a number of articles or one of {', '.join(NAMED_SIZES)}: {value!r}"
        ) from None
    if number < 1:
        raise argparse.ArgumentTypeError("the corpus needs at least 1 article")
    return number


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles",
        "--size",
        type=parse_size,
        default=20000,
        help="corpus size: a number of articles or small/x10/medium (default 20000, about 100 MB)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="counted runs per measurement")
    parser.add_argument(
        "--source",
        type=Path,
        default=DEFAULT_SOURCE,
        help=f"the aeb corpus to build from (default {DEFAULT_SOURCE})",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=DEFAULT_WORK,
        help="where the built corpus goes (default bench-out/, git-ignored)",
    )
    parser.add_argument(
        "--artlint",
        default=None,
        help="command that runs artlint (default: the artlint next to this "
        "Python, else python -m artlint)",
    )
    parser.add_argument(
        "--build-only", action="store_true", help="build the corpus, print its manifest and stop"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = dict(os.environ)
    try:
        with tempfile.TemporaryDirectory(prefix="artlint-bench-cache-") as cache:
            env["ARTLINT_CACHE_DIR"] = cache  # in case a run writes a cache despite --no-cache
            # compiled patterns are kept as Python keeps bytecode: the warm-up run stores them,
            # here and not in the user's cache folder
            env["ARTLINT_PATTERN_CACHE_DIR"] = os.path.join(cache, "patterns")
            corpus = build_corpus(args.source, args.work, args.articles)
            if args.build_only:
                print(
                    json.dumps(
                        {
                            "root": str(corpus.root),
                            "articles": corpus.articles,
                            "text_bytes": corpus.text_bytes,
                            "sha256": corpus.sha256,
                        }
                    )
                )
                return 0
            artlint = find_artlint(args.artlint, env)
            results = measure(corpus, artlint, args.repeat, env, progress=not args.quiet)
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 2
    print(render_markdown(results) if args.markdown else render_text(results))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--ceiling"]:
        sys.exit(ceiling_main(sys.argv[2:]))
    sys.exit(main())
