"""The rule-author test kit: lint strings, records and files in tests, and check rules' shape.

Installed with artlint as a pytest plugin (entry point ``pytest11``), so a plugin's tests get two
fixtures without any import:

- ``artlint_lint(source, select=[...], options={...}, format=...) -> list[Violation]``
- ``artlint_fix(source, select=[...], unsafe=False, ...) -> str | dict``

Everything is also plain functions (:func:`lint`, :func:`fix`, :func:`assert_violations`), and
data-driven case files (TOML or YAML) are loaded with :func:`case_params` and checked with
:func:`run_case`::

    @pytest.mark.parametrize("case", case_params(Path(__file__).parent / "cases"))
    def test_rule_case(case: RuleCase) -> None:
        run_case(case)

A case file (``cases/XY101.toml``)::

    rule = "XY101"

    [pass.clean-title]
    record = { title = "Minister visits Vienna", body = "..." }

    [fail.shouting-title]
    record = { title = "MINISTER VISITS VIENNA", body = "..." }
    violations = ["XY101:1"]          # CODE, CODE:LINE or CODE:LINE:COLUMN
    fixed = { title = "Minister Visits Vienna" }
    unsafe-fixes = true

:func:`rule_problems` and :func:`assert_rules_conform` are the meta-tests every rule must pass.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import pytest

if TYPE_CHECKING:
    from _pytest.mark.structures import ParameterSet

    from artlint.models import Article, Fix, Violation
    from artlint.plugins import Registry
    from artlint.rules import Rule

#: what the kit lints: article text, one record, several records, or a file
Source: TypeAlias = "str | Mapping[str, Any] | Sequence[Mapping[str, Any]] | Path"
#: an expected violation: "AD001", "AD001:3", "AD001:3:5", or the same as a tuple
Expected: TypeAlias = "str | tuple[str] | tuple[str, int] | tuple[str, int, int]"

REQUIRED_SECTIONS = (
    "## What it does",
    "## Why is this bad?",
    "## Example",
    "## How to fix or suppress",
)
#: format name -> the suffix its reader claims (a plugin reader is also found by its name)
FORMAT_SUFFIXES = {
    "text": ".txt",
    "txt": ".txt",
    "markdown": ".md",
    "md": ".md",
    "json": ".json",
    "jsonl": ".jsonl",
}
MAX_FIX_PASSES = 5


class CaseFileError(Exception):
    """A rule-case file that cannot be used; the message names the file and the key."""


# -- linting ----------------------------------------------------------------------------------

_registries: dict[tuple[object, ...], tuple[Registry, tuple[Rule, ...]]] = {}


def _registry(
    rules: Sequence[Rule], plugins: Sequence[Path], custom: Sequence[Rule], digest: str
) -> Registry:
    from artlint.plugins import DISABLE_AUTOLOAD_ENV, build_registry

    key = (
        tuple(id(item) for item in rules),
        tuple(str(path) for path in plugins),
        digest,
        os.environ.get(DISABLE_AUTOLOAD_ENV, ""),
    )
    if key not in _registries:
        # NOTE: the rules are kept with the registry so their ids stay theirs while cached.
        registry = build_registry(plugins, (), [*rules, *custom])
        _registries[key] = (registry, tuple(rules))
    return _registries[key][0]


@dataclass(frozen=True)
class _Prepared:
    registry: Registry
    settings: Any
    display: str
    logical: str
    data: bytes


def _prepare(
    source: Source,
    select: Sequence[str] | None,
    options: Mapping[str, Mapping[str, Any]] | None,
    format: str | None,  # noqa: A002 - the word users know from --output-format
    config: Mapping[str, Any] | None,
    rules: Sequence[Rule],
    root: Path | None,
    path: str | None,
) -> _Prepared:
    from artlint.config import validate_settings
    from artlint.nocode import build_rules

    table = dict(config or {})
    base = root or Path.cwd()
    if select is not None:
        table["select"] = list(select)
    elif rules and "select" not in table:
        table["select"] = [item.code for item in rules]
    if options:
        merged = {key: dict(value) for key, value in table.get("rules", {}).items()}
        for key, value in options.items():
            merged.setdefault(key, {}).update(value)
        table["rules"] = merged
    settings = validate_settings(table, "artlint.testing config")
    custom = build_rules(settings.custom_rules, base, "artlint.testing config")
    plugins = [(base / item).resolve() for item in settings.plugins]
    digest = json.dumps(settings.custom_rules, sort_keys=True, default=str) + str(base)
    registry = _registry(rules, plugins, custom, digest)
    data, logical = _encode(source, format, registry)
    return _Prepared(registry, settings, path or logical, logical, data)


def _encode(source: Source, format: str | None, registry: Registry) -> tuple[bytes, str]:  # noqa: A002
    if isinstance(source, Path):
        from artlint.discovery import logical_name

        data = source.read_bytes()
        if source.name.lower().endswith(".gz"):
            import gzip

            data = gzip.decompress(data)
        return data, logical_name(source.name)
    if isinstance(source, str):
        return source.encode("utf-8"), "article" + _suffix(format or "text", registry)
    records = [source] if isinstance(source, Mapping) else list(source)
    suffix = _suffix(format or "jsonl", registry)
    if suffix == ".json":
        payload = records[0] if isinstance(source, Mapping) else records
        return _json_bytes(payload, indent=1), "article.json"
    lines = [_json_bytes(record) for record in records]
    return b"\n".join(lines) + b"\n", "article" + suffix


def _json_bytes(value: object, indent: int | None = None) -> bytes:
    """JSON as a scraper writes it: UTF-8 text, or ASCII escapes where the value holds lone
    surrogates ("\\ud800"), which only escaped JSON can carry."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, indent=indent).encode("ascii")


def _suffix(format: str, registry: Registry) -> str:  # noqa: A002
    if format.startswith("."):
        return format
    if format in FORMAT_SUFFIXES:
        return FORMAT_SUFFIXES[format]
    for reader in registry.readers.values():
        if reader.name == format:
            return reader.suffixes[0]
    known = sorted({*FORMAT_SUFFIXES, *(r.name for r in registry.readers.values())})
    raise ValueError(f"unknown format {format!r}; use a suffix ('.csv') or one of {known}")


def _lint_pairs(prepared: _Prepared) -> list[tuple[Article | None, Violation]]:
    import io

    from artlint import patterns, watchdog
    from artlint.engine import bind_rules
    from artlint.fields import FieldMap
    from artlint.readers.base import InputFile
    from artlint.runner import record_results

    registry, settings = prepared.registry, prepared.settings
    reader = registry.reader_for(prepared.logical)
    if reader is None:
        raise ValueError(f"no installed reader claims {prepared.logical!r}")
    bound = bind_rules(registry, settings, (), "artlint.testing")
    fields = FieldMap().with_overrides(
        {**registry.default_config.get("fields", {}), **settings.fields}
    )
    patterns.set_timeout(settings.regex_timeout)
    watchdog.set_limit(settings.rule_timeout)
    file = InputFile(
        path=prepared.display,
        logical_name=prepared.logical,
        open=lambda: io.BytesIO(prepared.data),
    )
    # checked together, rule by rule, then suppressed and covered, as a run does: a rule that
    # kept state for another from article to article shows it here
    pairs: list[tuple[Article | None, Violation]] = []
    for article, found, _ in record_results(list(reader.read(file, fields)), bound):
        pairs.extend((article, violation) for violation in found)
    pairs.sort(key=lambda pair: pair[1].sort_key())
    return pairs


def lint(
    source: Source,
    *,
    select: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    format: str | None = None,  # noqa: A002
    config: Mapping[str, Any] | None = None,
    rules: Sequence[Rule] = (),
    root: Path | None = None,
    path: str | None = None,
) -> list[Violation]:
    """Lint one article the way ``artlint check`` would, through the real reader.

    :param source: article text (format ``text`` unless ``format`` says otherwise), a record
        (``dict``, format ``jsonl``), a list of records, or a file ``Path``.
    :param select: codes, prefixes or names to run (default: ``rules``' codes, else the
        configured selection).
    :param options: rule options by code or name, as in ``[tool.artlint.rules.CODE]``.
    :param format: ``text``, ``markdown``, ``json``, ``jsonl``, a reader's name or a suffix.
    :param config: a ``[tool.artlint]`` table (``custom-rules``, ``fields``, ``plugins``...).
    :param rules: rules to register for this call, e.g. one not yet published in a plugin.
    :param root: the folder config paths (``plugins``, ``phrases-file``) are relative to.
    :param path: the path violations carry (default ``article.<suffix>``).
    """
    prepared = _prepare(source, select, options, format, config, rules, root, path)
    return [violation for _, violation in _lint_pairs(prepared)]


# -- fixes ------------------------------------------------------------------------------------


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """Apply fixes to one field's text, right to left; a fix overlapping a later one is skipped."""
    result = text
    last_start = len(text) + 1
    for item in sorted(fixes, key=lambda f: (f.start, f.end), reverse=True):
        if item.end > last_start or item.start > item.end:
            continue
        result = result[: item.start] + item.replacement + result[item.end :]
        last_start = item.start
    return result


def fix(
    source: str | Mapping[str, Any],
    *,
    unsafe: bool = False,
    select: Sequence[str] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    format: str | None = None,  # noqa: A002
    config: Mapping[str, Any] | None = None,
    rules: Sequence[Rule] = (),
    root: Path | None = None,
) -> str | dict[str, Any]:
    """Apply the fixes of the violations found (safe ones; with ``unsafe`` all) until none is left.

    Text comes back as text, edited exactly as ``artlint check --fix`` edits a file; a record
    comes back as a fixed copy of the record.
    """
    current: str | dict[str, Any] = (
        source if isinstance(source, str) else copy.deepcopy(dict(source))
    )
    for _ in range(MAX_FIX_PASSES):
        prepared = _prepare(current, select, options, format, config, rules, root, None)
        edits = _edits(_lint_pairs(prepared), unsafe)
        if not edits:
            break
        updated = _apply(current, edits, prepared)
        if updated == current:
            break
        current = updated
    return current


_Fixable = list[tuple["Article", "Violation"]]


def _edits(pairs: list[tuple[Article | None, Violation]], unsafe: bool) -> _Fixable:
    """The violations whose fixes apply: safe ones, and with ``unsafe`` the unsafe ones too."""
    chosen: _Fixable = []
    for article, violation in pairs:
        item = violation.fix
        if article is None or item is None or violation.field is None:
            continue
        if item.applicability == "unsafe" and not unsafe:
            continue
        chosen.append((article, violation))
    return chosen


def _apply(
    current: str | dict[str, Any], edits: _Fixable, prepared: _Prepared
) -> str | dict[str, Any]:
    if isinstance(current, str):
        # Text goes through the same splicing as ``artlint check --fix``: any field, any format.
        from artlint.fixes import apply_edits, raw_edits

        fixed, _ = apply_edits(current, raw_edits(current, edits, unsafe=True))
        return fixed
    from artlint.fields import FieldMap, map_fields

    by_field: dict[tuple[int, str], tuple[Article, list[Fix]]] = {}
    for article, violation in edits:
        assert violation.fix is not None and violation.field is not None
        key = (article.record or 0, violation.field)
        by_field.setdefault(key, (article, []))[1].append(violation.fix)
    record = copy.deepcopy(current)
    fields = FieldMap().with_overrides(
        {**prepared.registry.default_config.get("fields", {}), **prepared.settings.fields}
    )
    _, keys = map_fields(record, fields)
    for (_, name), (article, fixes) in by_field.items():
        _set_text(record, keys.get(name, name), apply_fixes(article.text_of(name), fixes))
    return record


def _set_text(record: dict[str, Any], dotted: str, text: str) -> None:
    target: Any = record
    parts = dotted.split(".")
    for part in parts[:-1]:
        target = target.get(part) if isinstance(target, dict) else None
    if isinstance(target, dict) and isinstance(target.get(parts[-1]), str):
        target[parts[-1]] = text


# -- assertions -------------------------------------------------------------------------------


def _parse_expected(item: Expected) -> tuple[str, int | None, int | None]:
    parts: Sequence[object] = item.split(":") if isinstance(item, str) else item
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"expected violation {item!r}: use CODE, CODE:LINE or CODE:LINE:COLUMN")
    code = str(parts[0])
    try:
        numbers = [int(str(part)) for part in parts[1:]]
    except ValueError:
        raise ValueError(f"expected violation {item!r}: line and column are numbers") from None
    line = numbers[0] if numbers else None
    column = numbers[1] if len(numbers) > 1 else None
    return code, line, column


def _describe(violation: Violation) -> str:
    return f"{violation.code}:{violation.line}:{violation.column} {violation.message}"


def violation_problems(violations: Sequence[Violation], expected: Iterable[Expected]) -> list[str]:
    """What differs between violations and expectations (empty when they agree)."""
    wanted = sorted(
        (_parse_expected(item) for item in expected),
        key=lambda e: (e[1] is None, e[2] is None),
    )
    left = list(violations)
    missing = []
    for code, line, column in wanted:
        for candidate in left:
            if (
                candidate.code == code
                and line in (None, candidate.line)
                and column in (None, candidate.column)
            ):
                left.remove(candidate)
                break
        else:
            missing.append(":".join(str(p) for p in (code, line, column) if p is not None))
    problems = [f"missing {item}" for item in missing]
    problems += [f"unexpected {_describe(v)}" for v in left]
    return problems


def assert_violations(violations: Sequence[Violation], expected: Iterable[Expected]) -> None:
    """Assert the violations are exactly the expected ones (order does not matter).

    An expectation is ``"CODE"``, ``"CODE:LINE"`` or ``"CODE:LINE:COLUMN"`` (or a tuple of the
    same); a part left out matches anything.
    """
    problems = violation_problems(violations, list(expected))
    if problems:
        found = "\n".join(f"  {_describe(v)}" for v in violations) or "  (none)"
        raise AssertionError("\n".join([*problems, "violations found:", found]))


# -- case files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleCase:
    """One pass or fail case of a case file; ``violations`` is empty for a pass case."""

    rule: str
    name: str
    kind: str
    source: Source
    origin: Path
    format: str | None = None
    select: list[str] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    fixed: str | dict[str, Any] | None = None
    unsafe_fixes: bool = False

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name}"


_FILE_KEYS = {"rule", "format", "options", "config", "pass", "fail"}
_CASE_KEYS = {
    "text", "record", "records", "file", "format", "select", "options", "config",
    "violations", "fixed", "unsafe-fixes",
}  # fmt: skip


def _read_case_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            from artlint.config import toml_reader

            data: object = toml_reader().loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception as error:  # noqa: BLE001 - any parse failure is the case file's
        raise CaseFileError(f"{path}: cannot read: {error}") from None
    if not isinstance(data, dict):
        raise CaseFileError(f"{path}: must be a table of cases")
    return data


def _require(condition: bool, path: Path, key: str, message: str) -> None:
    if not condition:
        raise CaseFileError(f"{path}: key '{key}': {message}")


def load_case_file(path: Path) -> list[RuleCase]:
    """The cases of one TOML or YAML case file, validated."""
    from artlint.rules import CODE_RE

    data = _read_case_file(path)
    unknown = sorted(set(data) - _FILE_KEYS)
    _require(not unknown, path, ",".join(unknown), f"unknown key (use {sorted(_FILE_KEYS)})")
    rule = data.get("rule", path.stem)
    _require(
        isinstance(rule, str) and bool(CODE_RE.match(rule)), path, "rule", "a rule code, e.g. XY101"
    )
    for key in ("options", "config"):
        _require(isinstance(data.get(key, {}), dict), path, key, "must be a table")
    cases: list[RuleCase] = []
    for kind in ("pass", "fail"):
        table = data.get(kind, {})
        _require(isinstance(table, dict), path, kind, "must be a table of named cases")
        for name, case in table.items():
            cases.append(_case(path, data, str(rule), kind, str(name), case))
    _require(bool(cases), path, "pass/fail", "no cases")
    return cases


def _case(
    path: Path, data: dict[str, Any], rule: str, kind: str, name: str, case: object
) -> RuleCase:
    where = f"{kind}.{name}"
    _require(isinstance(case, dict), path, where, "must be a table")
    assert isinstance(case, dict)
    unknown = sorted(set(case) - _CASE_KEYS)
    _require(not unknown, path, f"{where}.{','.join(unknown)}", "unknown key")
    given = [key for key in ("text", "record", "records", "file") if key in case]
    _require(len(given) == 1, path, where, "give exactly one of text, record, records, file")
    source: Source = case[given[0]]
    if given[0] == "file":
        source = path.parent / str(case["file"])
        _require(source.is_file(), path, f"{where}.file", f"no such file {source}")
    elif given[0] == "text":
        _require(isinstance(source, str), path, f"{where}.text", "must be a string")
    elif given[0] == "record":
        _require(isinstance(source, dict), path, f"{where}.record", "must be a table")
    else:
        _require(
            isinstance(source, list) and all(isinstance(r, dict) for r in source),
            path,
            f"{where}.records",
            "must be a list of tables",
        )
    violations = case.get("violations", [])
    _require(
        isinstance(violations, list) and all(isinstance(v, str) for v in violations),
        path,
        f"{where}.violations",
        "a list of 'CODE', 'CODE:LINE' or 'CODE:LINE:COLUMN'",
    )
    for item in violations:
        try:
            _parse_expected(item)
        except ValueError as error:
            raise CaseFileError(f"{path}: key '{where}.violations': {error}") from None
    if kind == "fail":
        _require(bool(violations), path, f"{where}.violations", "a fail case expects violations")
    else:
        _require(not violations, path, f"{where}.violations", "a pass case expects none")
        _require("fixed" not in case, path, f"{where}.fixed", "only fail cases are fixed")
    select = case.get("select")
    _require(
        select is None or (isinstance(select, list) and all(isinstance(s, str) for s in select)),
        path,
        f"{where}.select",
        "a list of codes",
    )
    return RuleCase(
        rule=rule,
        name=name,
        kind=kind,
        source=source,
        origin=path,
        format=case.get("format", data.get("format")),
        select=select,
        options={**data.get("options", {}), **case.get("options", {})},
        config={**data.get("config", {}), **case.get("config", {})},
        violations=list(violations),
        fixed=case.get("fixed"),
        unsafe_fixes=bool(case.get("unsafe-fixes", False)),
    )


def load_cases(*paths: Path | str) -> list[RuleCase]:
    """The cases of case files and of every ``*.toml``/``*.yaml``/``*.yml`` in given folders."""
    cases: list[RuleCase] = []
    for given in paths:
        path = Path(given)
        files = (
            sorted(p for p in path.iterdir() if p.suffix in (".toml", ".yaml", ".yml"))
            if path.is_dir()
            else [path]
        )
        for file in files:
            cases.extend(load_case_file(file))
    return cases


def case_params(*paths: Path | str) -> list[ParameterSet]:
    """Cases as ``pytest.param`` objects with ids ``<CODE>:<case>``, for ``parametrize``."""
    return [pytest.param(case, id=case.id) for case in load_cases(*paths)]


def run_case(case: RuleCase) -> None:
    """Lint a case with its rule and check its violations (and, if given, its fixed text)."""
    select = case.select or [case.rule]
    options = {case.rule: case.options} if case.options else None
    root = case.origin.parent
    found = lint(
        case.source,
        select=select,
        options=options,
        format=case.format,
        config=case.config,
        root=root,
    )
    try:
        assert_violations(found, case.violations)
    except AssertionError as error:
        raise AssertionError(f"{case.origin} {case.kind}.{case.name}:\n{error}") from None
    if case.fixed is None:
        return
    source = (
        case.source.read_text(encoding="utf-8") if isinstance(case.source, Path) else case.source
    )
    if not isinstance(source, (str, dict)):
        raise CaseFileError(f"{case.origin}: '{case.kind}.{case.name}.fixed': one text or record")
    fixed = fix(
        source,
        unsafe=case.unsafe_fixes,
        select=select,
        options=options,
        format=case.format,
        config=case.config,
        root=root,
    )
    expected = case.fixed
    if isinstance(expected, dict) and isinstance(fixed, dict):
        fixed = {key: fixed.get(key) for key in expected}
    assert fixed == expected, (
        f"{case.origin} {case.kind}.{case.name}: fixed text differs\n"
        f"expected: {expected!r}\nactual:   {fixed!r}"
    )


# -- meta-tests -------------------------------------------------------------------------------


def rule_problems(rule: Rule) -> list[str]:
    """What keeps a rule from the house style (empty when it conforms)."""
    from artlint.rules import CODE_RE, NAME_RE, forbids_unknown_keys

    problems = []
    where = f"{rule.code} ({rule.name})"
    if not CODE_RE.match(rule.code):
        problems.append(f"{where}: code must be two capital letters and three digits")
    if not NAME_RE.match(rule.name):
        problems.append(f"{where}: name must be kebab-case")
    if rule.name.startswith(("no-", "disallow-", "banned-")):
        problems.append(f"{where}: name should name the problem, without a no-/disallow- prefix")
    if not rule.summary.strip() or rule.summary.rstrip().endswith("."):
        problems.append(f"{where}: summary must be one phrase without a final period")
    doc = rule.doc
    positions = [doc.find(section) for section in REQUIRED_SECTIONS]
    for section, position in zip(REQUIRED_SECTIONS, positions, strict=True):
        if position < 0:
            problems.append(f"{where}: doc lacks the section '{section}'")
    present = [p for p in positions if p >= 0]
    if present != sorted(present):
        problems.append(f"{where}: doc sections must come in the order {list(REQUIRED_SECTIONS)}")
    for section, position in zip(REQUIRED_SECTIONS, positions, strict=True):
        if position >= 0 and not _section_text(doc, position + len(section)):
            problems.append(f"{where}: doc section '{section}' is empty")
    if not forbids_unknown_keys(rule.options):
        problems.append(f"{where}: options model must forbid unknown keys (extra='forbid')")
    return problems


def _section_text(doc: str, start: int) -> str:
    rest = doc[start:]
    end = rest.find("\n## ")
    return (rest if end < 0 else rest[:end]).strip()


def duplicate_problems(rules: Iterable[Rule]) -> list[str]:
    """Codes or names used by more than one rule."""
    problems = []
    seen: dict[str, str] = {}
    for item in rules:
        for key in (item.code, item.name):
            owner = f"{item.code} ({item.name})"
            if key in seen and seen[key] != owner:
                problems.append(f"'{key}' is used by {seen[key]} and {owner}")
            seen.setdefault(key, owner)
    return problems


def assert_rules_conform(rules: Iterable[Rule]) -> None:
    """Assert every rule passes :func:`rule_problems` and no code or name is used twice."""
    items = list(rules)
    problems = [p for item in items for p in rule_problems(item)] + duplicate_problems(items)
    if problems:
        raise AssertionError("\n".join(problems))


def installed_rules() -> list[Rule]:
    """Every rule of every installed plugin."""
    from artlint.plugins import build_registry

    return list(build_registry().rules.values())


# -- pytest fixtures --------------------------------------------------------------------------

LintFunction = Callable[..., "list[Violation]"]
FixFunction = Callable[..., "str | dict[str, Any]"]


@pytest.fixture
def artlint_lint() -> LintFunction:
    """:func:`artlint.testing.lint`: ``artlint_lint(source, select=[...], options={...})``."""
    return lint


@pytest.fixture
def artlint_fix() -> FixFunction:
    """:func:`artlint.testing.fix`: ``artlint_fix(source, select=[...], unsafe=False)``."""
    return fix


__all__ = [
    "CaseFileError",
    "FixFunction",
    "LintFunction",
    "RuleCase",
    "apply_fixes",
    "assert_rules_conform",
    "assert_violations",
    "case_params",
    "duplicate_problems",
    "fix",
    "installed_rules",
    "lint",
    "load_case_file",
    "load_cases",
    "rule_problems",
    "run_case",
    "violation_problems",
]
