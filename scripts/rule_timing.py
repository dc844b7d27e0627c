"""Time each default rule over a folder of articles, one process: where does a run spend its time?

    python scripts/rule_timing.py bench-out/corpus-2000-20261128/txt [--top 20]

Reads every article first (not timed), computes the shared structure once (timed as
``structure``), then runs the rules as the engine does (rule by rule over a few dozen
articles at a time) and prints ms per MB of text, slowest first. A profiling aid for rule
authors, not a benchmark: see ``benchmarks/bench.py``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from artlint.config import Settings
from artlint.discovery import logical_name
from artlint.engine import CHECK_BATCH, bind_rules
from artlint.fields import FieldMap
from artlint.models import Article
from artlint.plugins import build_registry
from artlint.readers.base import InputFile
from artlint.runner import _opener


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args()
    registry = build_registry()
    rules = bind_rules(registry, Settings())
    fields = FieldMap()
    articles: list[Article] = []
    for path in sorted(args.path.rglob("*")):
        reader = registry.reader_for(logical_name(path.name)) if path.is_file() else None
        if reader is None:
            continue
        file = InputFile(path=str(path), logical_name=logical_name(path.name), open=_opener(path))
        articles.extend(item for item in reader.read(file, fields) if isinstance(item, Article))
    size = sum(len(a.body.encode()) for a in articles) / 1e6
    started = time.perf_counter()
    for article in articles:
        article.structure  # noqa: B018 - computed once, shared by the rules
    timings = {"structure": time.perf_counter() - started}
    # Rule by rule over CHECK_BATCH articles at a time, as the engine runs: rules that share a
    # per-article scan (the AD phrase rules, the DT rules) charge it to whichever runs first.
    clock = time.perf_counter
    for bound in rules:
        timings[bound.rule.code] = 0.0
    for first in range(0, len(articles), CHECK_BATCH):
        batch = articles[first : first + CHECK_BATCH]
        for bound in rules:
            started = clock()
            for article in batch:
                for _ in bound.rule.check(article, bound.options):
                    pass
            timings[bound.rule.code] += clock() - started
    total = sum(timings.values())
    print(f"{len(articles)} articles, {size:.1f} MB, {total:.2f} s = {size / total:.2f} MB/s")
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"{name:10} {seconds * 1000 / size:8.1f} ms/MB  {100 * seconds / total:5.1f}%")


if __name__ == "__main__":
    main()
