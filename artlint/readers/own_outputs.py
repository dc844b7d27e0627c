"""artlint's own outputs (baselines and reports) are no articles, even where articles live.

`artlint baseline . -o artlint-baseline.json` or `artlint check . -o report.json` leaves a
.json file in the tree the next run walks; read as articles, its records are all empty bodies.
The readers pass such files over, and ``-o`` may replace one (it is the previous report).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

#: keys of one violation in the json and json-lines reports
_VIOLATION_KEYS = frozenset({"code", "name", "message", "severity", "path", "line", "fingerprint"})
#: keys of one entry of the GitLab code-quality report
_GITLAB_KEYS = frozenset({"check_name", "description", "fingerprint", "location", "severity"})
_CODE = re.compile(r"[A-Z]{2}[0-9]{3}")
#: what is read of a file to tell whether -o may replace it
_SNIFF_CHARS = 65536


def is_own_record(value: Any) -> bool:
    """Whether a JSON object is a whole artlint output or one record of an artlint report."""
    if not isinstance(value, dict):
        return False
    if "artlint_baseline" in value:
        return True
    keys = value.keys()
    if _VIOLATION_KEYS <= keys or _GITLAB_KEYS <= keys:
        code = value.get("code", value.get("check_name"))
        return isinstance(code, str) and _CODE.fullmatch(code) is not None
    return _is_own_sarif(value)


def _is_own_sarif(value: dict[str, Any]) -> bool:
    runs = value.get("runs")
    if "sarif" not in str(value.get("$schema", "")) or not isinstance(runs, list) or not runs:
        return False
    tool = runs[0].get("tool") if isinstance(runs[0], dict) else None
    driver = tool.get("driver") if isinstance(tool, dict) else None
    return isinstance(driver, dict) and driver.get("name") == "artlint"


def is_own_output_file(path: Path) -> bool:
    """Whether the file on disk is an artlint baseline or report (judged by its beginning)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            head = stream.read(_SNIFF_CHARS)
    except OSError:
        return False
    text = head.lstrip("\ufeff \t\r\n")
    decoder = json.JSONDecoder()
    try:
        if text.startswith("["):
            first, _ = decoder.raw_decode(text, len(text) - len(text[1:].lstrip()))
            return is_own_record(first)
        if text.startswith("{"):
            if re.match(r'\{\s*"artlint_baseline"\s*:', text):
                return True
            if _SARIF_HEAD.match(text) and _ARTLINT_DRIVER.search(text):
                return True  # a SARIF log of artlint's (too big to decode from its head)
            first, _ = decoder.raw_decode(text)  # a json-lines report's first line
            return is_own_record(first)
    except (ValueError, IndexError, RecursionError):  # not JSON, or not anything of artlint's
        return False
    return False


_SARIF_HEAD = re.compile(r'\{\s*"\$schema"\s*:\s*"[^"]*sarif')
_ARTLINT_DRIVER = re.compile(r'"driver"\s*:\s*\{\s*"name"\s*:\s*"artlint"')
