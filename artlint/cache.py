"""Results cache: skip files whose content, configuration and plugins have not changed.

Keys are content hashes, never modification times (a CI checkout resets those). The key also
covers the effective rule set with its options and severities, the field map, and the versions
of artlint and every plugin, so upgrading anything invalidates the entries it could affect.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from artlint.models import Violation

DEFAULT_DIR = ".artlint_cache"
CACHE_ENV = "ARTLINT_CACHE_DIR"
#: larger files are linted every time (hashing them would cost as much as streaming them)
MAX_CACHED_BYTES = 64 * 1024 * 1024
_FORMAT = "1"


def cache_dir(explicit: str | None) -> Path:
    return Path(explicit or os.environ.get(CACHE_ENV) or DEFAULT_DIR)


def settings_key(parts: Any) -> str:
    """A digest of everything besides the file that decides the result."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


class Cache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        #: entry folders this process made or found, and whether the folder is claimed: a
        #: pre-commit run stores a result for nearly every file it is given, and these checks
        #: were a third of what storing one cost
        self._folders: set[str] = set()
        self._claimed = False
        self._writer_pid = -1
        self._writer = ""
        self._stored = 0

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    @staticmethod
    def key(content: bytes, display_path: str, settings: str) -> str:
        digest = hashlib.sha256()
        # a file name that is not UTF-8 reaches us with surrogate escapes (os.fsdecode)
        path_bytes = display_path.encode("utf-8", "surrogateescape")
        for part in (_FORMAT.encode(), settings.encode(), path_bytes, content):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    def get(self, key: str) -> tuple[int, bool, list[Violation]] | None:
        try:
            data = json.loads(self._entry(key).read_text(encoding="utf-8"))
            violations = [Violation.model_validate(item) for item in data["violations"]]
            return int(data["articles"]), bool(data["failed"]), violations
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, articles: int, failed: bool, violations: list[Violation]) -> None:
        payload = json.dumps(
            {
                "articles": articles,
                "failed": failed,
                "violations": [v.model_dump(mode="json") for v in violations],
            }
        ).encode("utf-8")
        try:
            self._store(key, payload)
        except FileNotFoundError:
            # The folder went away during the run (another terminal's `artlint clean`): what
            # this process knew about it is stale. Made and marked again, once.
            self._claimed = False
            self._folders.clear()
            try:
                self._store(key, payload)
            except OSError:
                pass
        except OSError:
            pass  # a cache that cannot be written only costs speed

    def _store(self, key: str, payload: bytes) -> None:
        folder = os.path.join(self.directory, key[:2])
        if not self._claimed:
            _claim(self.directory)
            self._claimed = True
        if folder not in self._folders:
            try:
                # not makedirs: a cache folder that went away is made again by _claim, marked
                os.mkdir(folder)
            except FileExistsError:
                pass
            self._folders.add(folder)
        if self._writer_pid != os.getpid():
            # Names no other process uses: the pid alone is not unique where containers with
            # their own process numbers share a folder, and a forked worker inherits this
            # object, so the name is drawn again in every process.
            self._writer_pid = os.getpid()
            self._writer = f"{self._writer_pid}-{os.urandom(6).hex()}"
        # A name this process never uses again (the count), made with O_EXCL as mkstemp does,
        # without mkstemp's cost per file; the "tmp" prefix and ".tmp" suffix are what clean()
        # knows as a write cut short.
        self._stored += 1
        temporary = os.path.join(folder, f"tmp{self._writer}-{self._stored}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        handle = os.open(temporary, flags, 0o600)
        try:  # ours from here on: removed if the write fails
            try:
                _write_all(handle, payload)
            finally:
                os.close(handle)
            os.replace(temporary, os.path.join(folder, f"{key}.json"))
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise


def _write_all(handle: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(handle, view) :]


#: the standard cache-directory tag (https://bford.info/cachedir/): backup tools skip the folder
_TAG_NAME = "CACHEDIR.TAG"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by artlint.\n"
)
_GITIGNORE = "# created by artlint\n*\n"
_ENTRY_FOLDER = re.compile(r"[0-9a-f]{2}")
#: an entry, or a temporary file left by a run killed while writing one
_ENTRY_FILE = re.compile(r"[0-9a-f]{64}\.json|tmp[^/]*\.tmp")


def _claim(directory: Path) -> None:
    """Mark the folder as an artlint cache, but only a folder artlint creates or finds empty.

    A cache folder pointed at by mistake (``--cache-dir .``, ``ARTLINT_CACHE_DIR=$HOME``) must
    not get a ``.gitignore`` of ``*`` that hides a project from git.
    """
    if directory.is_dir() and (directory / _TAG_NAME).is_file():
        return
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        return
    (directory / _TAG_NAME).write_text(_TAG, encoding="utf-8")
    (directory / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")


class NotACache(Exception):
    """``clean`` was pointed at a folder that is not an artlint cache; nothing was removed."""


def clean(directory: Path) -> bool:
    """Remove the cache folder; True if there was one.

    Only what artlint wrote is removed: the tag, the ``.gitignore`` and the entry folders with
    their entries. A folder without the tag (or the ``.gitignore`` older versions wrote) raises
    :class:`NotACache` untouched, and anything else found inside is left where it is, so a
    mistaken ``--cache-dir`` can never delete a user's files.
    """
    if not directory.exists():
        return False
    if not _is_cache(directory):
        raise NotACache(
            f"{directory} is not an artlint cache folder (it has no {_TAG_NAME} written by "
            "artlint); nothing was removed"
        )
    for child in directory.iterdir():
        if child.is_dir() and not child.is_symlink() and _ENTRY_FOLDER.fullmatch(child.name):
            for entry in child.iterdir():
                if entry.is_file() and _ENTRY_FILE.fullmatch(entry.name):
                    entry.unlink()
            _remove_if_empty(child)
    for marker, content in ((_TAG_NAME, _TAG), (".gitignore", _GITIGNORE)):
        if _read(directory / marker) == content:
            (directory / marker).unlink()
    _remove_if_empty(directory)
    return True


def _is_cache(directory: Path) -> bool:
    if not directory.is_dir() or directory.is_symlink():
        return False
    return _read(directory / _TAG_NAME) == _TAG or _read(directory / ".gitignore") == _GITIGNORE


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _remove_if_empty(directory: Path) -> None:
    try:
        directory.rmdir()
    except OSError:
        pass  # something that is not artlint's is still inside: it stays
