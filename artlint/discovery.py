"""From command-line paths to the files to read, with default includes and excludes."""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

COMPRESSION_SUFFIXES = (".gz",)
#: https://bford.info/cachedir/: the file that marks a cache folder
CACHE_TAG = "CACHEDIR.TAG"
DEFAULT_EXCLUDES = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".env",
    "node_modules",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".artlint_cache",
    "build",
    "dist",
    "site-packages",
    "*.egg-info",
)


@dataclass(frozen=True)
class Candidate:
    """A file to lint (``path``), or a problem with a command-line path (``problem``)."""

    path: Path
    explicit: bool = False
    problem: str | None = None


def logical_name(name: str) -> str:
    """The file name without a compression suffix: it decides the reader."""
    lowered = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return name


def is_excluded(path: Path, patterns: Iterable[str]) -> bool:
    """Whether the file's name or its whole path matches one of the glob patterns."""
    matcher = _glob_matcher(tuple(patterns))
    if matcher is None:
        return False
    return bool(matcher.match(os.path.normcase(path.name))) or bool(
        matcher.match(os.path.normcase(path.as_posix()))
    )


@lru_cache(maxsize=64)
def _glob_matcher(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """All patterns as one compiled expression (fnmatch semantics): a walk tests every file
    and folder against a dozen excludes, and a pattern-by-pattern fnmatch cost more than the
    walk itself."""
    if not patterns:
        return None
    # "raw/" (a folder, as .gitignore writes it) names the folder "raw"
    alternatives = (
        fnmatch.translate(os.path.normcase(pattern.rstrip("/") or pattern)) for pattern in patterns
    )
    return re.compile("|".join(f"(?:{item})" for item in alternatives))


def discover(
    paths: Iterable[str], known_suffixes: Iterable[str], excludes: Iterable[str]
) -> Iterator[Candidate]:
    """Expand folders recursively (sorted, so runs are deterministic); keep explicit files.

    A generator all the way down: a folder of a million files is never held as a list of
    candidates, and linting starts with the first file found. A folder that cannot be listed
    is a problem of its own (a CI gate must not pass because it saw nothing); FIFOs, sockets
    and devices found in a folder are passed over (reading a FIFO would wait forever).
    """
    suffixes = tuple(suffix.lower() for suffix in known_suffixes)
    patterns = tuple(excludes)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for file, problem in _walk(path, patterns):
                if problem is not None:
                    found = True
                    yield Candidate(file, problem=problem)
                elif logical_name(file.name).lower().endswith(suffixes):
                    found = True
                    yield Candidate(file)
            if not found:
                listed = ", ".join(sorted(set(suffixes)))
                yield Candidate(
                    path,
                    problem=f"no article files found (looked for {listed}, also gzip-compressed)",
                )
        elif path.exists():
            if not path.is_file():
                yield Candidate(
                    path, explicit=True, problem="not a regular file (a FIFO, socket or device)"
                )
            elif not logical_name(path.name).lower().endswith(suffixes):
                yield Candidate(
                    path, explicit=True, problem="no reader for this kind of file (by its suffix)"
                )
            else:
                yield Candidate(path, explicit=True)
        elif path.is_symlink():
            yield Candidate(path, problem="broken or looping symbolic link")
        else:
            yield Candidate(path, problem="no such file or directory")


def _walk(folder: Path, patterns: tuple[str, ...]) -> Iterator[tuple[Path, str | None]]:
    """Files under ``folder`` in the order of their path parts (folders and files interleaved,
    so reports read like a listing), depth first, each with None; or a folder that cannot be
    listed, with the reason.

    Sorting each folder's entries by name and descending in place gives exactly the order of
    sorting all paths by ``parts``, without collecting them first. Like ``os.walk``, symbolic
    links to folders are not followed.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield folder, f"cannot read folder: {error.strerror or error}"
        return
    for entry in entries:
        path = folder / entry.name
        if is_excluded(path, patterns):
            continue
        try:
            is_folder = entry.is_dir()
            is_regular = not is_folder and entry.is_file()
        except OSError:
            is_folder = is_regular = False
        if is_folder:
            # a folder tagged as a cache (artlint's, wherever --cache-dir put it; pytest's,
            # ruff's) holds no articles
            if not entry.is_symlink() and not (path / CACHE_TAG).is_file():
                yield from _walk(path, patterns)
        elif is_regular:
            yield path, None
