"""Baselines: accept the violations a dataset already has, report only new ones.

Entries are keyed by a violation's fingerprint (record identity: URL, id or path; the rule; the
flagged text), never by line numbers, so reordering records or shifting lines keeps them valid.
Each entry holds a count, so a second copy of the same problem in the same record is new.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError

from artlint.models import Violation

FORMAT_VERSION = 1


class BaselineEntry(BaseModel):
    """One entry as stored; the keys besides these two describe it for people."""

    model_config = ConfigDict(extra="allow")

    fingerprint: StrictStr = Field(min_length=1)
    count: StrictInt = Field(ge=1)


class _BaselineFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    artlint_baseline: StrictInt
    entries: list[BaselineEntry]


class BaselineError(Exception):
    """A baseline file that cannot be read."""


@dataclass
class Baseline:
    counts: Counter[str] = field(default_factory=Counter)
    #: for people reading the file: what each fingerprint stood for when it was recorded
    described: dict[str, dict[str, object]] = field(default_factory=dict)

    @classmethod
    def from_violations(cls, violations: Iterable[Violation]) -> Baseline:
        baseline = cls()
        for violation in violations:
            if violation.fingerprint is None:
                continue
            baseline.counts[violation.fingerprint] += 1
            baseline.described.setdefault(
                violation.fingerprint,
                {
                    "code": violation.code,
                    "path": violation.path,
                    "record": violation.record,
                    "message": violation.message,
                },
            )
        return baseline

    def to_json(self) -> str:
        entries = [
            {"fingerprint": key, "count": count, **self.described.get(key, {})}
            for key, count in sorted(
                self.counts.items(),
                key=lambda kv: (str(self.described.get(kv[0], {}).get("path")), kv[0]),
            )
        ]
        return (
            json.dumps(
                {"artlint_baseline": FORMAT_VERSION, "entries": entries},
                indent=1,
                ensure_ascii=False,
            )
            + "\n"
        )

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise BaselineError(f"{path}: cannot read baseline: {error.strerror}") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise BaselineError(f"{path}: malformed baseline: not JSON ({error})") from None
        if not isinstance(data, dict) or data.get("artlint_baseline") != FORMAT_VERSION:
            raise BaselineError(f"{path}: not an artlint baseline (version {FORMAT_VERSION})")
        try:
            stored = _BaselineFile.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "(top level)"
            raise BaselineError(f"{path}: malformed baseline: {where}: {first['msg']}") from None
        baseline = cls()
        for entry in stored.entries:
            baseline.counts[entry.fingerprint] += entry.count
            baseline.described[entry.fingerprint] = dict(entry.model_extra or {})
        return baseline


@dataclass
class BaselineFilter:
    """Lets through only what the baseline does not account for; remembers what it used."""

    baseline: Baseline
    remaining: Counter[str] = field(init=False)
    seen: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.remaining = Counter(self.baseline.counts)

    def is_new(self, violation: Violation) -> bool:
        key = violation.fingerprint
        if key is None:
            return True
        self.seen[key] += 1
        if self.remaining[key] > 0:
            self.remaining[key] -= 1
            return False
        return True

    def stale(self) -> list[tuple[str, int, dict[str, object]]]:
        """Entries (or parts of counts) that matched nothing: the problem was fixed."""
        return [
            (key, count, self.baseline.described.get(key, {}))
            for key, count in sorted(self.remaining.items())
            if count > 0
        ]

    def grown(self) -> list[tuple[str, int, int]]:
        """Fingerprints whose count went up: (key, baseline count, count now)."""
        return [
            (key, self.baseline.counts[key], count)
            for key, count in self.seen.items()
            if key in self.baseline.counts and count > self.baseline.counts[key]
        ]

    def tightened(self) -> Baseline:
        """The baseline with fixed problems removed: counts never go up here."""
        tightened = Baseline()
        for key, count in self.baseline.counts.items():
            kept = min(count, self.seen.get(key, 0))
            if kept:
                tightened.counts[key] = kept
                tightened.described[key] = self.baseline.described.get(key, {})
        return tightened
