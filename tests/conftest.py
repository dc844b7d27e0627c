"""Shared fixtures: a project with its own local plugin rules, the CLI in a subprocess, readers.

The plugin's rules (ZZ8xx) make the foundation tests independent of which built-in rules exist
and how they are tuned: every project selects only them.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from artlint.fields import FieldMap
from artlint.models import Article
from artlint.readers.base import InputFile, ReadProblem

NEEDLE_PLUGIN = textwrap.dedent(
    '''
    from artlint import Finding, hookimpl, rule
    from artlint.models import METADATA_FIELDS

    def _find(text, word):
        start = text.find(word)
        while start != -1:
            yield start
            start = text.find(word, start + len(word))

    @rule(code="ZZ801", name="needle-found", summary="The word NEEDLE in any field")
    def needle_found(article, options):
        """## What it does
        Flags the word NEEDLE in the body and in every metadata field.
        """
        for field in ("body", *METADATA_FIELDS):
            for start in _find(article.text_of(field), "NEEDLE"):
                yield Finding(message=f"NEEDLE in {field}", field=field, start=start,
                              end=start + 6)

    @rule(code="ZZ802", name="haystack-found", summary="The word HAYSTACK", severity="info")
    def haystack_found(article, options):
        """## What it does
        Flags the word HAYSTACK in the body.
        """
        for start in _find(article.body, "HAYSTACK"):
            yield Finding(message="HAYSTACK in body", start=start, end=start + 8)

    @rule(code="ZZ803", name="crashes-on-crash", summary="Raises on the word CRASH")
    def crashes_on_crash(article, options):
        """## What it does
        Raises, to show that a crashing rule is isolated.
        """
        if "CRASH" in article.body:
            raise RuntimeError("crashed on purpose")
        return iter(())

    @hookimpl
    def artlint_rules():
        return [needle_found, haystack_found, crashes_on_crash]
    '''
)

PROJECT_CONFIG = 'plugins = ["needle_plugin.py"]\nselect = ["ZZ8"]\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with the needle plugin and an artlint.toml that runs only its rules."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "needle_plugin.py").write_text(NEEDLE_PLUGIN, encoding="utf-8")
    (root / "artlint.toml").write_text(PROJECT_CONFIG, encoding="utf-8")
    return root


def pytest_configure(config: pytest.Config) -> None:
    # Runs in this process and the CLI subprocesses (which inherit the environment) keep their
    # compiled patterns in a folder of the session, never in the user's cache folder.
    if "ARTLINT_PATTERN_CACHE_DIR" not in os.environ:
        os.environ["ARTLINT_PATTERN_CACHE_DIR"] = tempfile.mkdtemp(prefix="artlint-patterns-")
        config.add_cleanup(
            lambda: shutil.rmtree(os.environ.pop("ARTLINT_PATTERN_CACHE_DIR"), ignore_errors=True)
        )


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cli(tmp_path: Path) -> RunCli:
    """Run ``python -m artlint ARGS`` in a subprocess, with a private cache and no colour hints."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "ARTLINT_DEBUG")
    }
    env["ARTLINT_CACHE_DIR"] = str(tmp_path / "cache")
    env["ARTLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"

    def run(
        *args: str,
        cwd: Path,
        stdin: bytes | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        completed = subprocess.run(
            [sys.executable, "-m", "artlint", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env={**env, **(extra_env or {})},
            timeout=120,
            check=False,
        )
        result = subprocess.CompletedProcess(
            completed.args,
            completed.returncode,
            completed.stdout.decode("utf-8"),
            completed.stderr.decode("utf-8"),
        )
        assert "Traceback" not in result.stderr, result.stderr
        return result

    return run


ReadItems = Callable[..., list["Article | ReadProblem"]]


@pytest.fixture
def read_items() -> ReadItems:
    """Read bytes with the reader registered for a file name's suffix (``.gz`` decompressed)."""
    import gzip

    from artlint.discovery import logical_name
    from artlint.plugins import build_registry

    registry = build_registry()

    def read(name: str, data: bytes, fields: FieldMap | None = None) -> list[Article | ReadProblem]:
        logical = logical_name(name)
        reader = registry.reader_for(logical)
        assert reader is not None, name

        def opener() -> io.BufferedIOBase:
            raw = io.BytesIO(data)
            return gzip.GzipFile(fileobj=raw) if name.endswith(".gz") else raw

        file = InputFile(path=name, logical_name=logical, open=opener)  # type: ignore[arg-type]
        return list(reader.read(file, fields or FieldMap()))

    return read


AEB = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "aeb"


def aeb_ground_truth() -> list[dict]:
    """The labels of the aeb corpus's ground-truth (``gt``) files, each with its text under
    ``body``; skips the calling test when the corpus is not beside the repository."""
    labels = AEB / "labels.jsonl"
    if not labels.exists():
        pytest.skip("aeb corpus not available")
    records = []
    with labels.open(encoding="utf-8") as stream:
        for raw in stream:
            record = json.loads(raw)
            if record["extractor"] == "gt":
                record["body"] = (AEB / record["file"]).read_text(encoding="utf-8")
                records.append(record)
    return records


def assert_recall_precision(
    label: str,
    counts: tuple[int, int, int],
    misses: list[str],
    noisy: list[str],
    detail: str = "",
) -> None:
    """Print and check an injected-defect score: ``counts`` are (true positives, false
    negatives, false positives); the goal is recall >= 0.9 at precision >= 0.95."""
    true_positive, false_negative, false_positive = counts
    recall = true_positive / (true_positive + false_negative)
    precision = true_positive / (true_positive + false_positive)
    print(
        f"injected {label}: recall {recall:.3f} ({true_positive}/"
        f"{true_positive + false_negative}), precision {precision:.3f}{detail}"
    )
    assert recall >= 0.9, misses[:20]
    assert precision >= 0.95, noisy[:20] + misses[:20]
