"""What a reporter is: a named factory of objects that receive violations and write a report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from artlint.models import Violation
    from artlint.plugins import Registry


@dataclass
class RunSummary:
    """What a reporter may want to say at the end of a run."""

    files: int = 0
    articles: int = 0
    violations: int = 0
    fixed: int = 0
    by_code: dict[str, int] = field(default_factory=dict)


@dataclass
class ReportContext:
    """Everything a reporter gets besides the violations themselves."""

    stream: TextIO
    registry: Registry
    color: bool = False
    #: ``-q``: violations only, no summary line (reports for machines keep their whole shape)
    quiet: bool = False
    #: folder that paths in the report are relative to (None: as given on the command line)
    root: str | None = None
    show_source: bool = False
    options: dict[str, str] = field(default_factory=dict)
    #: decoded text of inputs that are not on disk as linted (stdin), keyed by violation path;
    #: reporters that show source lines read every other file from disk themselves
    sources: dict[str, str] = field(default_factory=dict)


class Reporter(Protocol):
    """Receives violations in a deterministic order (path, record, line, column, code)."""

    def start(self) -> None: ...

    def report(self, violation: Violation) -> None: ...

    def finish(self, summary: RunSummary) -> None: ...


@dataclass(frozen=True)
class ReporterSpec:
    """An output format: its ``--output-format`` name and how to make its reporter."""

    name: str
    factory: Callable[[ReportContext], Reporter]
    description: str = ""
