"""Helpers shared by the reporters: rule metadata lookups, report paths, safe text."""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from artlint.models import Violation
    from artlint.plugins import Registry

#: artlint's own codes have no rule in the registry; this is what reports say about them.
INTERNAL_RULES: dict[str, tuple[str, str, str]] = {
    "AL001": (
        "rule-crashed",
        "A rule crashed on this article",
        "A rule raised an exception instead of returning findings, so this article was not fully "
        "checked. Report it to the plugin that provides the rule; the message names it.",
    ),
    "AL002": (
        "unreadable-input",
        "The input could not be read",
        "artlint could not read this file or record (bad encoding, broken JSON, truncated "
        "compressed data, ...), so it was not checked. The message says where and why.",
    ),
    "AL003": (
        "pattern-timeout",
        "A rule gave up on this article",
        "A pattern of a rule ran past its time limit on this article, so that rule's check was "
        "skipped. Raise `regex_timeout` or report the input to the rule's plugin.",
    ),
    "AL005": (
        "fix-not-written",
        "Fixes could not be written to this file",
        "--fix found fixes for this file but did not write them: the file is read-only or its "
        "folder cannot be written, or a rule's fixes never settled (each pass brought new ones). "
        "The file was left as it was and is reported as it is; in a file of records, only the "
        "records whose fixes never settled are left as they were.",
    ),
    "AL006": (
        "rule-timeout",
        "A rule was stopped on this article",
        "A rule ran on this article for longer than `rule-timeout` seconds (default 10), so it "
        "was stopped and its findings for this article are missing; the other rules ran. Report "
        "the input to the rule's plugin, or raise `rule-timeout` for very large records.",
    ),
}

#: C0/C1 control characters (tab and newline excepted) and code points that XML and terminals
#: cannot take: scraped text is full of them and must never reach a report unescaped.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class RuleMeta:
    code: str
    name: str
    summary: str
    severity: str
    fix: str
    doc: str
    known: bool


def rule_meta(registry: Registry, code: str, name: str = "", severity: str = "warning") -> RuleMeta:
    """Metadata of a code: from the registry, from artlint's own codes, or a bare fallback."""
    item = registry.rules.get(code)
    if item is not None:
        return RuleMeta(
            item.code, item.name, item.summary, item.severity, item.fix, item.doc, known=True
        )
    internal = INTERNAL_RULES.get(code)
    if internal is not None:
        own_name, summary, doc = internal
        return RuleMeta(code, own_name, summary, "error", "none", doc, known=True)
    return RuleMeta(code, name or code.lower(), "", severity, "none", "", known=False)


def meta_for(registry: Registry, violation: Violation) -> RuleMeta:
    return rule_meta(registry, violation.code, violation.name, violation.severity)


def doc_section(doc: str, title: str) -> str:
    """The text of one ``## title`` section of a rule's documentation ('' when absent)."""
    lines = doc.splitlines()
    wanted = f"## {title}".lower()
    collected: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("## "):
            if inside:
                break
            inside = line.strip().lower() == wanted
            continue
        if inside:
            collected.append(line)
    return "\n".join(collected).strip()


def report_path(path: str, root: str | None) -> str:
    """A violation's path relative to ``root`` (or the working folder), with forward slashes.

    CI systems (SARIF viewers, GitHub, GitLab) resolve paths against the repository root and
    want ``/`` on every platform; a path that cannot be made relative stays absolute.
    """
    base = root if root is not None else os.getcwd()
    candidate = path
    if os.path.isabs(path):
        try:
            candidate = os.path.relpath(path, base)
        except ValueError:  # another drive on Windows
            candidate = path
    elif root is not None:
        try:
            candidate = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
        except ValueError:
            candidate = path
    return _posix(candidate)


def _posix(path: str) -> str:
    pure: PurePath = PureWindowsPath(path) if os.sep == "\\" else PurePosixPath(path)
    text = pure.as_posix()
    return text[2:] if text.startswith("./") else text


def visible(text: str) -> str:
    """Text with control characters and lone surrogates replaced, safe for terminals and XML."""
    if not _UNSAFE_CHARS.search(text):
        return text
    return _UNSAFE_CHARS.sub("\ufffd", text)


def one_line(text: str) -> str:
    """:func:`visible`, with line breaks written as ``\\n``: a report line stays one line, so a
    plugin's message cannot make up lines of its own (or terminal escapes)."""
    if "\n" in text or "\r" in text:
        text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")
    return visible(text)


def dumps(value: object, indent: int | None = None) -> str:
    """JSON text that can always be written as UTF-8 (lone surrogates fall back to escapes)."""
    # json.dumps builds a new encoder for every call with options; the reporters call this
    # once per violation
    text = _encoder(False, indent).encode(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = _encoder(True, indent).encode(value)
    return text


@functools.cache
def _encoder(ensure_ascii: bool, indent: int | None) -> json.JSONEncoder:
    return json.JSONEncoder(ensure_ascii=ensure_ascii, indent=indent)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
