"""Rules x articles -> violations. A plain library: no I/O, no printing; its only state is the
time limits of patterns and rules (artlint.patterns, artlint.watchdog).

:func:`lint` is the whole engine for library users::

    from artlint import Article, lint
    violations = lint([Article(path="a.txt", format="text", body=text)])
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from artlint import patterns, watchdog
from artlint.config import ConfigError, Settings
from artlint.models import Article, Finding, Fix, Violation, as_int, wrong_field
from artlint.plugins import Registry
from artlint.readers.base import ReadProblem
from artlint.rules import Rule, has_defaults, kebab, option_keys
from artlint.selection import check_selectors, select_rules

# artlint's own codes: always reported, never selectable away.
INTERNAL_ERROR = ("AL001", "rule-crashed")
UNREADABLE_INPUT = ("AL002", "unreadable-input")
PATTERN_TIMEOUT = ("AL003", "pattern-timeout")
FIX_NOT_WRITTEN = ("AL005", "fix-not-written")
RULE_TIMEOUT = ("AL006", "rule-timeout")


@dataclass(frozen=True)
class BoundRule:
    """A rule with its validated options and its effective severity."""

    rule: Rule
    #: an instance of the rule's options class
    options: Any
    severity: str


def rule_options(
    item: Rule,
    settings: Settings,
    defaults: dict[str, Any],
    origin: str = "config",
    default_origins: dict[str, str] | None = None,
) -> Any:
    """Validate a rule's options from config (keyed by code or by name).

    Options a plugin's ``artlint_default_config`` sets come first. When every invalid option
    is one that only the plugin set, the error names that plugin, not the configuration file,
    which never held it.
    """
    from_defaults = _options_table(item, defaults.get("rules", {}))
    from_settings = _options_table(item, settings.rules)
    raw = {**from_defaults, **from_settings}
    try:
        return _validated_options(item, raw, origin)
    except _InvalidOptions as error:
        # keys compared as config writes them: tolerance_hours and tolerance-hours are one
        only_plugin = {kebab(key) for key in set(from_defaults) - set(from_settings)}
        at_fault = {kebab(key) if key else key for key in error.keys}
        if not at_fault or not at_fault <= only_plugin:
            raise
        providers = sorted(
            {
                (default_origins or {}).get(key, "?")
                for key in (item.code, item.name)
                if key in defaults.get("rules", {})
            }
        )
        blame = f"the default configuration of plugin {', '.join(map(repr, providers))}"
        return _validated_options(item, raw, blame)  # raises, with the plugin named


class _InvalidOptions(ConfigError):
    """Invalid options of a rule, with the option keys at fault (None: not one key)."""

    def __init__(self, message: str, keys: set[str | None]) -> None:
        super().__init__(message)
        self.keys = keys

    def __reduce__(self) -> tuple[type[_InvalidOptions], tuple[str, set[str | None]]]:
        # pickled by a -j worker that meets a bad configuration file: rebuilt with its keys
        return type(self), (str(self), self.keys)


def _options_table(item: Rule, table: dict[str, Any]) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for key in (item.code, item.name):
        if isinstance(table.get(key), dict):
            raw.update(table[key])
    raw.pop("severity", None)
    return raw


def _validated_options(item: Rule, raw: dict[str, Any], origin: str) -> Any:
    where = f"{origin}: options of rule {item.code} ({item.name})"
    unknown = sorted(key for key in raw if key not in option_keys(item.options))
    if unknown:
        # also for an options model that would silently drop them (a plain BaseModel); the
        # known keys are checked too, so that one run names every problem of the table
        problem = f"unknown option(s) {', '.join(map(repr, unknown))}"
        known = {key: value for key, value in raw.items() if key not in unknown}
        try:
            _validated_options(item, known, origin)
        except _InvalidOptions as error:
            also = str(error).removeprefix(f"{where}: ")
            raise _InvalidOptions(f"{where}: {problem}; {also}", {*unknown, *error.keys}) from None
        raise _InvalidOptions(f"{where}: {problem}", set(unknown))
    try:
        if not raw and has_defaults(item.options):
            return item.options()  # the common case, and the one that needs no pydantic
        from artlint.options import InvalidOptions, validate_options

        try:
            return validate_options(item.options, raw)
        except InvalidOptions as error:
            problems = "; ".join(f"'{key or ''}': {message}" for key, message in error.problems)
            keys = {key.split(".")[0] if key else None for key, _ in error.problems}
            raise _InvalidOptions(f"{where}: {problems}", keys) from None
    except _InvalidOptions:
        raise
    except Exception as error:  # noqa: BLE001 - a plugin's validator that raises something else
        raise _InvalidOptions(f"{where}: {type(error).__name__}: {error}", {None}) from None


def bind_rules(
    registry: Registry, settings: Settings, extra_ignore: Sequence[str] = (), origin: str = "config"
) -> list[BoundRule]:
    """The rules a run uses with these settings, options validated, in code order."""
    rules = list(registry.rules.values())
    selectors = [*(settings.select or ()), *settings.extend_select, *settings.ignore]
    for codes in settings.per_file_ignores.values():
        selectors.extend(codes)
    for block in settings.overrides:
        selectors.extend([*(block.select or ()), *block.extend_select, *block.ignore])
    check_selectors(selectors, rules, origin)
    unknown = [key for key in settings.rules if registry.rule_by_selector(key) is None]
    if unknown:
        raise ConfigError(f"{origin}: options for unknown rule(s): {', '.join(sorted(unknown))}")
    chosen = select_rules(
        rules, settings.select, settings.extend_select, [*settings.ignore, *extra_ignore]
    )
    bound = []
    for item in chosen:
        severity = item.severity
        for key in (item.code, item.name):
            override = settings.rules.get(key, {}).get("severity")
            if override is not None:
                if override not in ("error", "warning", "info"):
                    raise ConfigError(
                        f"{origin}: rules.{key}.severity must be error, warning "
                        f"or info, not {override!r}"
                    )
                severity = override
        bound.append(
            BoundRule(
                item,
                rule_options(
                    item, settings, registry.default_config, origin, registry.default_rule_origins
                ),
                severity,
            )
        )
    return bound


#: articles a caller with many should hand check_articles at a time: the gain was the same from
#: 16 to 2,000 (the bench's articles), and the first results need not wait for many
CHECK_BATCH = 32


def check_article(article: Article, rules: Sequence[BoundRule]) -> list[Violation]:
    """Run every rule on one article; a rule that fails becomes a violation, never an exception.

    Failing includes what a plugin's rule can get wrong besides raising: leaving the process
    (``sys.exit``), yielding something that is no Finding, a span or fix outside the text,
    which --fix would otherwise write into the file, and running past the rule time limit
    (see :mod:`artlint.watchdog`).
    """
    return check_articles([article], rules)[0]


def check_articles(
    articles: Sequence[Article], rules: Sequence[BoundRule]
) -> list[list[Violation]]:
    """:func:`check_article` of each article, in order, run rule by rule over all of them.

    Each rule's own code and data (its patterns, phrase tables, the memos it fills) stay in the
    processor's caches while it runs over the articles; asked in turn of one article after
    another, some forty rules pushed each other out, and the same rules took ~11% longer
    (measured on the bench's articles in batches of 16 to 2,000). Each rule still sees each
    article on its own, under its own time limit, and an article's violations come in rule
    order as before.
    """
    found: list[list[Violation]] = [[] for _ in articles]
    if not found:
        return found
    for bound in rules:
        timed = watchdog.checks_started()
        try:
            for article, violations in zip(articles, found, strict=True):
                _run_rule(article, bound, violations, timed)
        finally:
            if timed:
                watchdog.checks_done()
    return found


def covering(rules: Sequence[BoundRule]) -> dict[str, tuple[str, ...]]:
    """The codes of the rules that cover others' findings (see ``Rule.covers``), with what they
    cover, for :func:`without_covered`."""
    return {bound.rule.code: bound.rule.covers for bound in rules if bound.rule.covers}


def without_covered(
    article: Article, violations: list[Violation], covers: dict[str, tuple[str, ...]]
) -> list[Violation]:
    """The violations of one article less those that lie wholly inside the span of another,
    in the same field, whose rule covers theirs: a menu is reported once as a block, not also
    line by line for its 'Subscribe' and 'Facebook'.

    Never covered: artlint's own findings (AL), a rule's own findings, a finding of a higher
    severity than the covering one (an error inside a warning's block still fails the run),
    and two findings that would cover each other (both stay). A field whose positions in the
    file are not known exactly (a value that is no string) covers nothing: every finding in it
    is reported at the same place."""
    if not covers:
        return violations
    spans = [v for v in violations if v.code in covers and _exactly_located(article, v.field)]
    if not spans:
        return violations
    return [v for v in violations if not _is_covered(v, spans, covers)]


def _exactly_located(article: Article, field: str | None) -> bool:
    source = article.source_of(field or "body")
    if source is None:
        # an article a library user made, with no record and no sources: its text is the file
        return field in (None, "body") and not article.sources
    return source.kind != "value"


_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def _is_covered(
    violation: Violation, spans: list[Violation], covers: dict[str, tuple[str, ...]]
) -> bool:
    code = violation.code
    if code.startswith("AL"):
        return False
    rank = _SEVERITY_RANK.get(violation.severity, 2)
    own = covers.get(code, ())
    for span in spans:
        if (
            span.code != code
            and span.field == violation.field
            and code.startswith(covers[span.code])
            and _SEVERITY_RANK.get(span.severity, 2) >= rank
            and _inside(violation, span)
            and not (own and span.code.startswith(own) and _inside(span, violation))
        ):
            return True
    return False


def _inside(inner: Violation, outer: Violation) -> bool:
    return (outer.line, outer.column) <= (inner.line, inner.column) and (
        inner.end_line,
        inner.end_column,
    ) <= (outer.end_line, outer.end_column)


def _run_rule(article: Article, bound: BoundRule, violations: list[Violation], timed: bool) -> None:
    """Run one rule on one article, adding what it found (or how it failed) to ``violations``."""
    running = watchdog.RUNNING
    try:
        # Marked and unmarked inside the outer try: the watchdog's exception is only raised
        # while a rule is marked as running, so it always lands in the handler below. The mark
        # is new for each article: the limit is the rule's on one article.
        if timed:
            running[0] = (bound, article)
        try:
            found = [
                to_violation(article, bound, _as_declared(bound.rule, _checked(article, finding)))
                for finding in bound.rule.check(article, bound.options)
            ]
        finally:
            if timed:  # only the main thread's rules are timed and marked
                running[0] = None
    except watchdog.RuleTimeout as error:
        running[0] = None
        violations.append(
            _own_violation(
                article,
                RULE_TIMEOUT,
                f"rule {bound.rule.code} ({bound.rule.name}) was stopped: {error}",
                "warning",
            )
        )
    except patterns.PatternTimeout as error:
        violations.append(
            _own_violation(
                article,
                PATTERN_TIMEOUT,
                f"rule {bound.rule.code} ({bound.rule.name}) gave up on this article: {error}",
                "warning",
            )
        )
    except _BadFinding as error:
        violations.append(
            _own_violation(
                article,
                INTERNAL_ERROR,
                f"rule {bound.rule.code} ({bound.rule.name}) gave a bad finding: {error}",
                "error",
            )
        )
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except BaseException as error:  # noqa: BLE001 - isolate the crash (sys.exit too), go on
        violations.append(
            _own_violation(
                article,
                INTERNAL_ERROR,
                f"rule {bound.rule.code} ({bound.rule.name}) crashed: {_describe(error)}",
                "error",
            )
        )
    else:
        violations.extend(found)


class _BadFinding(Exception):
    """A rule yielded something the engine cannot report or a fix it must not apply."""


def _checked(article: Article, finding: object) -> Finding:
    if not isinstance(finding, Finding):
        raise _BadFinding(f"yielded {type(finding).__name__}, not a Finding")
    finding = _with_whole_numbers(finding)
    for item in (finding, finding.fix):
        wrong = wrong_field(item) if item is not None else None
        if wrong is not None:  # what the report and the fixer rely on
            name, value, expected = wrong
            shown = (
                f"{value!r:.60}"
                if expected.startswith("one of")
                else (f"{type(value).__name__} {value!r:.60}")
            )
            raise _BadFinding(f"{type(item).__name__}.{name} is {shown}, not {expected}")
    size = len(article.text_of(finding.field))
    end = finding.start if finding.end is None else finding.end
    # an end before the start is only reported as an empty span; a fix must be exact
    if not (0 <= finding.start <= size and 0 <= end <= size):
        raise _BadFinding(
            f"span {finding.start}-{end} lies outside the {finding.field} text (0-{size})"
        )
    fix = finding.fix
    if fix is not None:
        if not 0 <= fix.start <= fix.end <= size:
            raise _BadFinding(
                f"fix span {fix.start}-{fix.end} lies outside the {finding.field} text (0-{size})"
            )
        if _SURROGATE.search(fix.replacement):
            raise _BadFinding("fix replacement holds a lone surrogate, which no file can store")
    return finding


_SURROGATE = re.compile("[\ud800-\udfff]")


def _with_whole_numbers(finding: Finding) -> Finding:
    """The finding with offsets given as other whole numbers (a numpy integer, 3.0) as ints."""
    fix = finding.fix
    if (
        type(finding.start) is int
        and type(finding.end) in (int, type(None))
        and (fix is None or not isinstance(fix, Fix) or type(fix.start) is type(fix.end) is int)
    ):
        return finding
    try:
        if isinstance(fix, Fix):
            fix = dataclasses.replace(
                fix, start=as_int("Fix.start", fix.start), end=as_int("Fix.end", fix.end)
            )
        end = finding.end if finding.end is None else as_int("Finding.end", finding.end)
        start = as_int("Finding.start", finding.start)
    except TypeError as error:
        raise _BadFinding(str(error)) from None
    return dataclasses.replace(finding, start=start, end=end, fix=fix)


def _as_declared(rule: Rule, finding: Finding) -> Finding:
    """A finding whose fix is no more applicable than its rule declares (``fix=...`` of
    ``@rule``, shown in the rule list): a rule without fixes offers none, an unsafe one only
    unsafe ones, so plain --fix never applies what the documentation calls unsafe."""
    fix = finding.fix
    if fix is None or rule.fix == "safe" or fix.applicability == rule.fix:
        return finding
    if rule.fix == "none":
        return finding.model_copy(update={"fix": None})
    return finding.model_copy(update={"fix": fix.model_copy(update={"applicability": "unsafe"})})


def _describe(error: BaseException) -> str:
    """The exception as one line (its own message may span lines, or fail to render)."""
    try:
        text = " ".join(str(error).split())
    except Exception:  # noqa: BLE001 - a broken __str__ must not crash the report of a crash
        text = "(its message could not be shown)"
    if len(text) > 300:
        text = text[:299] + "…"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def record_identity(article: Article) -> str:
    """What names a record across runs even when files are reordered: URL, then id, then path."""
    for key in ("id", "_id", "uuid", "guid"):
        value = article.extra.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return f"id:{value}"
    if article.url:
        return f"url:{article.url}"
    return f"path:{article.path}#{article.record or 0}"


def fingerprint(article: Article, code: str, finding: Finding) -> str:
    end = finding.end if finding.end is not None else finding.start
    flagged = article.text_of(finding.field)[finding.start : max(end, finding.start)]
    if not flagged.strip():
        flagged = finding.message
    normalised = " ".join(flagged.split()).lower()
    digest = hashlib.sha1(
        f"{record_identity(article)}\0{code}\0{finding.field}\0{normalised}".encode(
            "utf-8",
            "surrogatepass",  # JSON strings may hold lone surrogates
        )
    )
    return digest.hexdigest()[:20]


def to_violation(article: Article, bound: BoundRule, finding: Finding) -> Violation:
    end = finding.end if finding.end is not None else finding.start
    line, column = article.locate(finding.field, finding.start)
    end_line, end_column = article.locate(finding.field, end)
    if end_line < line or (end_line == line and end_column < column):
        end_line, end_column = line, column
    return Violation(
        code=bound.rule.code,
        name=bound.rule.name,
        message=finding.message,
        severity=bound.severity,  # type: ignore[arg-type]
        path=article.path,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        record=article.record,
        field=finding.field,
        fix=finding.fix if finding.fix is None or _writable(article, finding.field) else None,
        fingerprint=fingerprint(article, bound.rule.code, finding),
    )


def _writable(article: Article, field: str | None) -> bool:
    """Whether a fix of the field can be written back: not when its text was made from a JSON
    value that is no string (a Scrapy item's list of paragraphs), which has no place for it.
    The report then does not count the finding as fixable."""
    source = article.source_of(field or "body")
    return source is None or source.kind != "value"


def _own_violation(
    article: Article, code_name: tuple[str, str], message: str, severity: str
) -> Violation:
    line, column = article.locate("body", 0)
    code, name = code_name
    return Violation(
        code=code,
        name=name,
        message=message,
        severity=severity,  # type: ignore[arg-type]
        path=article.path,
        line=line,
        column=column,
        end_line=line,
        end_column=column,
        record=article.record,
        field=None,
    )


def problem_violation(problem: ReadProblem) -> Violation:
    """A reader's problem as a violation, so every report format carries it."""
    code, name = UNREADABLE_INPUT
    line = problem.line or 1
    return Violation(
        code=code,
        name=name,
        message=problem.message,
        severity="error",
        path=problem.path,
        line=line,
        column=1,
        end_line=line,
        end_column=1,
        record=problem.record,
        field=None,
    )


def unwritten_fix_violation(
    path: str, reason: str, record: int | None = None, line: int = 1
) -> Violation:
    """``--fix`` found fixes for a file, or one record of it, but did not write them."""
    code, name = FIX_NOT_WRITTEN
    return Violation(
        code=code,
        name=name,
        message=f"fixes not written: {reason}",
        severity="error",
        path=path,
        line=line,
        column=1,
        end_line=line,
        end_column=1,
        record=record,
    )


def lint(
    articles: Iterable[Article],
    settings: Settings | None = None,
    registry: Registry | None = None,
) -> list[Violation]:
    """Lint articles with the installed plugins; the library entry point.

    ``settings`` is a picklable :class:`~artlint.config.Settings` (defaults when omitted), so
    worker processes and distributed engines can call this function with the same configuration.
    """
    from artlint.plugins import build_registry

    settings = settings or Settings()
    patterns.set_timeout(settings.regex_timeout)
    watchdog.set_limit(settings.rule_timeout)
    registry = registry or build_registry()
    rules = bind_rules(registry, settings)
    covers = covering(rules)
    violations: list[Violation] = []
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) == CHECK_BATCH:
            violations.extend(_flattened(batch, check_articles(batch, rules), covers))
            batch = []
    violations.extend(_flattened(batch, check_articles(batch, rules), covers))
    return violations


def _flattened(
    articles: Sequence[Article], found: list[list[Violation]], covers: dict[str, tuple[str, ...]]
) -> Iterator[Violation]:
    for article, violations in zip(articles, found, strict=True):
        yield from without_covered(article, violations, covers)
