"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Columns are 1-based Unicode code points, and the run says so (``columnKind``): SARIF's default is
UTF-16 code units, which would shift every column after an emoji or other astral character.
Every rule of the registry is described in ``tool.driver.rules`` (with its documentation as
help); artlint's own codes (AL001-AL003, AL005, AL006) are added when they occur.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from artlint._version import __version__
from artlint.models import Violation
from artlint.reporters._common import RuleMeta, doc_section, report_path, rule_meta
from artlint.reporters.base import ReportContext, RunSummary

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: reading or running failed, so part of the input was not checked at all
_FAILED_CODES = frozenset({"AL001", "AL002"})
#: indentation of one result (runs > run > results > item) and of the closing bracket
_RESULT_INDENT = " " * 8
_RESULTS_CLOSE_INDENT = " " * 6


def rule_descriptor(meta: RuleMeta) -> dict[str, object]:
    summary = meta.summary or meta.name
    what = doc_section(meta.doc, "What it does") or summary
    descriptor: dict[str, object] = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": what},
        "help": {"text": meta.doc or summary, "markdown": meta.doc or summary},
        "defaultConfiguration": {"level": LEVELS.get(meta.severity, "warning")},
        "properties": {"tags": [meta.code[:2]], "fix": meta.fix},
    }
    return descriptor


class SarifReporter:
    """Collects the violations compactly (tuples, see :meth:`Violation.pack`) and writes the
    document at the end with its results serialised one at a time: a run with 100k findings
    never holds 100k violation models, nor 100k result dicts."""

    def __init__(self, context: ReportContext) -> None:
        self.context = context
        self.packed: list[tuple[object, ...]] = []
        #: codes without a registry rule (artlint's own), with the first one's name and severity
        self.extra: dict[str, tuple[str, str]] = {}
        self.failed = False
        #: some text cannot be written as UTF-8 (lone surrogates): escape the whole document
        self.ascii = False

    @property
    def violations(self) -> list[Violation]:
        return [Violation.unpack(values) for values in self.packed]

    def start(self) -> None:
        pass

    def report(self, violation: Violation) -> None:
        self.packed.append(violation.pack())
        if violation.code not in self.context.registry.rules:
            self.extra.setdefault(violation.code, (violation.name, violation.severity))
        if violation.code in _FAILED_CODES:
            self.failed = True
        if not self.ascii:
            try:
                for text in (violation.message, violation.path, violation.field or ""):
                    text.encode("utf-8")
            except UnicodeEncodeError:
                self.ascii = True

    def finish(self, summary: RunSummary) -> None:
        metas = self._rule_metas()
        header = self._document(metas, [])
        try:
            text = json.dumps(header, ensure_ascii=self.ascii, indent=2)
            text.encode("utf-8")
        except UnicodeEncodeError:
            self.ascii = True
            text = json.dumps(header, ensure_ascii=True, indent=2)
        # "results" is the run's last key; its items sit at the fourth level (8 spaces)
        cut = text.rindex('"results": []') + len('"results": [')
        write = self.context.stream.write
        write(text[:cut])
        index = {meta.code: position for position, meta in enumerate(metas)}
        separator = "\n"
        for values in self.packed:
            violation = Violation.unpack(values)
            item = json.dumps(
                self._result(violation, index[violation.code]), ensure_ascii=self.ascii, indent=2
            )
            write(separator + _RESULT_INDENT + item.replace("\n", "\n" + _RESULT_INDENT))
            separator = ",\n"
        if self.packed:
            write("\n" + _RESULTS_CLOSE_INDENT)
        write(text[cut:] + "\n")

    def _root(self) -> str:
        return os.path.abspath(self.context.root or os.getcwd())

    def document(self) -> dict[str, object]:
        """The whole document as data (tests and library use; the report streams it)."""
        metas = self._rule_metas()
        index = {meta.code: position for position, meta in enumerate(metas)}
        results = [self._result(violation, index[violation.code]) for violation in self.violations]
        return self._document(metas, results)

    def _document(
        self, metas: list[RuleMeta], results: list[dict[str, object]]
    ) -> dict[str, object]:
        run: dict[str, object] = {
            "tool": {
                "driver": {
                    "name": "artlint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": [rule_descriptor(meta) for meta in metas],
                }
            },
            "invocations": [{"executionSuccessful": not self.failed}],
            "originalUriBaseIds": {SRCROOT: {"uri": Path(self._root()).as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}

    def _rule_metas(self) -> list[RuleMeta]:
        registry = self.context.registry
        metas = [rule_meta(registry, code) for code in registry.rules]
        for code in sorted(self.extra):
            name, severity = self.extra[code]
            metas.append(rule_meta(registry, code, name, severity))
        return metas

    def _artifact(self, path: str) -> dict[str, str]:
        relative = report_path(path, self._root())
        if os.path.isabs(relative) or relative.startswith("../"):
            return {"uri": Path(os.path.abspath(path)).as_uri()}
        # quoted from the file name's bytes: a name that is not UTF-8 becomes %XX escapes
        return {"uri": quote(os.fsencode(relative), safe="/"), "uriBaseId": SRCROOT}

    def _result(self, violation: Violation, rule_index: int) -> dict[str, object]:
        result: dict[str, object] = {
            "ruleId": violation.code,
            "ruleIndex": rule_index,
            "level": LEVELS[violation.severity],
            "message": {"text": violation.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": self._artifact(violation.path),
                        "region": {
                            "startLine": violation.line,
                            "startColumn": violation.column,
                            "endLine": violation.end_line,
                            "endColumn": violation.end_column,
                        },
                    }
                }
            ],
        }
        fingerprint = getattr(violation, "fingerprint", None)
        if fingerprint:
            result["partialFingerprints"] = {"artlintFingerprint/v1": fingerprint}
        properties = {
            key: value
            for key, value in (("record", violation.record), ("field", violation.field))
            if value is not None
        }
        if violation.fix is not None:
            properties["fixApplicability"] = violation.fix.applicability
        if properties:
            result["properties"] = properties
        return result
