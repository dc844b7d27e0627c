"""Applying fixes to files: edits spliced into the raw text, written atomically.

Only the characters a fix covers change: a JSON string literal is edited in place (the
replacement escaped as JSON), so every other key, record, escape and byte stays as it was.
"""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from artlint.models import RECORD_SOURCE, Article, Fix, Violation

MAX_PASSES = 5
#: formats whose fields are JSON string literals in the raw file (the built-in JSON readers')
JSON_FORMATS = frozenset({"json", "jsonl"})


@dataclass(frozen=True)
class RawEdit:
    start: int
    end: int
    replacement: str
    code: str
    #: the record the fix belongs to (None: a file of one article) and the line it starts on
    record: int | None = None
    line: int = 1


def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def raw_edits(text: str, pairs: Iterable[tuple[Article, Violation]], unsafe: bool) -> list[RawEdit]:
    """Turn the fixes of violations into edits of the raw (decoded) file text."""
    starts = _line_starts(text)
    edits: list[RawEdit] = []
    for article, violation in pairs:
        fix = violation.fix
        if fix is None or violation.field is None:
            continue
        if fix.applicability == "unsafe" and not unsafe:
            continue
        edit = _raw_edit(text, starts, article, violation, fix)
        if edit is not None:
            edits.append(edit)
    return edits


def _raw_edit(
    text: str, starts: list[int], article: Article, violation: Violation, fix: Fix
) -> RawEdit | None:
    field = violation.field or "body"
    source = article.source_of(field)
    if source is None or source.kind == "value":
        return None  # no map from the text to the raw value (a list of paragraphs): no edit
    start_line, start_column = article.locate(field, fix.start)
    end_line, end_column = article.locate(field, fix.end)
    if start_line > len(starts) or end_line > len(starts):
        return None
    start = starts[start_line - 1] + start_column - 1
    end = starts[end_line - 1] + end_column - 1
    replacement = fix.replacement
    field_text = article.text_of(field)
    if source.kind == "json" or article.format in JSON_FORMATS:
        # A JSON string literal, with escapes (kind json) or without (kind text, where raw and
        # decoded characters coincide): the replacement is escaped all the same, or a quote,
        # backslash or line end in it would break or change the record.
        literal = source.literal if source.literal is not None else field_text
        replacement = json.dumps(replacement, ensure_ascii=literal.isascii())[1:-1]
    elif article.format == "markdown" and field != "body":
        edited = field_text[: fix.start] + fix.replacement + field_text[fix.end :]
        if not _inert_in_yaml(edited):
            return None  # the edit would change what the front matter means, or break it
    expected = field_text[fix.start : fix.end]
    if source.kind == "text" and text[start:end] != expected:
        return None  # the map and the file disagree: never guess
    record_source = article.sources.get(RECORD_SOURCE)
    line = record_source.line if record_source is not None else violation.line
    return RawEdit(start, end, replacement, violation.code, article.record, line)


#: what may start a YAML scalar only as syntax (an indicator), and what means syntax anywhere
_YAML_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_YAML_SYNTAX = ("\n", "\r", "\t", '"', "'", "\\", ": ", " #")


def _inert_in_yaml(value: str) -> bool:
    """Whether ``value``, written in place of a front-matter scalar, still reads as that same
    text in every scalar style. Stricter than YAML: a fix that fails it is not applied (the
    violation stays reported), which beats a value that silently changes or a broken file."""
    if not value or value != value.strip() or value[0] in _YAML_INDICATORS:
        return False
    return not value.endswith(":") and not any(mark in value for mark in _YAML_SYNTAX)


def apply_edits(text: str, edits: Sequence[RawEdit]) -> tuple[str, list[RawEdit]]:
    """Apply non-overlapping edits; of two that overlap the first wins, the next pass retries."""
    chosen: list[RawEdit] = []
    last_end = -1
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < last_end:
            continue
        chosen.append(edit)
        last_end = max(last_end, edit.end)
    for edit in reversed(chosen):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text, chosen


@dataclass
class FixOutcome:
    text: str
    applied: list[RawEdit]
    passes: int
    #: codes of the rules whose fixes still changed the text after MAX_PASSES passes; the
    #: text is then not to be written (a fix that brings back what it fixes never settles)
    unsettled: list[str] = field(default_factory=list)
    #: the records those fixes belong to (None: the file's one article), each with the line
    #: where it starts and the codes of its own unsettled fixes
    unsettled_records: dict[int | None, tuple[int, list[str]]] = field(default_factory=dict)
    #: a pass made the text unreadable (a fix that breaks the format): nothing is to be written
    broke_file: bool = False


def fix_text(
    text: str,
    lint: Callable[[str], list[tuple[Article, Violation]] | None],
    unsafe: bool,
    held: Collection[int | None] = (),
) -> FixOutcome:
    """Lint, apply fixes, and lint again until nothing changes (at most MAX_PASSES passes).

    ``lint`` returns None when the text could not be read completely; then nothing is changed.
    The fixes of the records in ``held`` are left out (their fixes did not settle before).
    """

    def edits_of(current: str, pairs: list[tuple[Article, Violation]]) -> list[RawEdit]:
        if held:
            pairs = [pair for pair in pairs if pair[0].record not in held]
        return raw_edits(current, pairs, unsafe)

    applied: list[RawEdit] = []
    passes = 0
    current = text
    while passes < MAX_PASSES:
        pairs = lint(current)
        if pairs is None:
            # unreadable from the start: nothing to fix; after a pass: the fixes broke it
            return FixOutcome(text, [], passes, broke_file=passes > 0)
        edits = edits_of(current, pairs)
        if not edits:
            break
        passes += 1
        updated, done = apply_edits(current, edits)
        if updated == current:
            break
        applied.extend(done)
        current = updated
    else:
        # The last pass changed the text and none is left to see whether it settled.
        pairs = lint(current)
        if pairs is None:
            return FixOutcome(text, [], passes, broke_file=True)
        remaining = edits_of(current, pairs)
        if remaining and apply_edits(current, remaining)[0] != current:
            codes = sorted({edit.code for edit in remaining})
            records: dict[int | None, tuple[int, list[str]]] = {}
            for edit in remaining:
                line, record_codes = records.setdefault(edit.record, (edit.line, []))
                if edit.code not in record_codes:
                    record_codes.append(edit.code)
            for _, record_codes in records.values():
                record_codes.sort()
            return FixOutcome(text, [], passes, unsettled=codes, unsettled_records=records)
    return FixOutcome(current, applied, passes)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves either the old or the new file.

    The temporary file sits in the same folder (same file system, so the rename is atomic), is
    flushed and fsynced before the rename, and takes over the original's permission bits.
    """
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".artlint-tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
    try:
        directory = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(directory)
    except OSError:
        pass
    finally:
        os.close(directory)


class AtomicTextFile:
    """A report file written whole or not at all.

    The text goes to a temporary file beside ``path``; :meth:`commit` renames it over ``path``
    and :meth:`discard` deletes it, so a run that fails half-way leaves any older report as it
    was instead of a truncated one.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        handle, self._temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".artlint-tmp", dir=path.parent
        )
        self.stream = os.fdopen(handle, "w", encoding="utf-8")

    def commit(self) -> None:
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.chmod(self._temporary, _mode_for(self.path))
            os.replace(self._temporary, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.stream.close()
        if os.path.exists(self._temporary):
            os.unlink(self._temporary)


def _mode_for(path: Path) -> int:
    """The original's permission bits; for a new file, what open() would give under the umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def encode_like(original: bytes, text: str, compressed: bool) -> bytes:
    """Encode fixed text the way the original was stored: UTF-8, its BOM, its compression."""
    raw = original
    if compressed:
        raw = gzip.decompress(original)
    data = text.encode("utf-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    if compressed:
        return gzip.compress(data, mtime=0)
    return data
