"""Results cache: skip files whose content, configuration and plugins have not changed.

Keys are content hashes, never modification times (a CI checkout resets those). The key also
covers the effective rule set with its options and severities, the field map, and the versions
of artlint and every plugin, so upgrading anything invalidates the entries it could affect.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
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

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    @staticmethod
    def key(content: bytes, display_path: str, settings: str) -> str:
        digest = hashlib.sha256()
        for part in (_FORMAT.encode(), settings.encode(), display_path.encode(), content):
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
        entry = self._entry(key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            _write_gitignore(self.directory)
            payload = json.dumps(
                {
                    "articles": articles,
                    "failed": failed,
                    "violations": [v.model_dump(mode="json") for v in violations],
                }
            )
            handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(payload)
            os.replace(temporary, entry)
        except OSError:
            pass  # a cache that cannot be written only costs speed


def _write_gitignore(directory: Path) -> None:
    marker = directory / ".gitignore"
    if not marker.exists():
        marker.write_text("# created by artlint\n*\n", encoding="utf-8")


def clean(directory: Path) -> bool:
    """Remove the cache folder; True if there was one."""
    import shutil

    if not directory.exists():
        return False
    shutil.rmtree(directory)
    return True
