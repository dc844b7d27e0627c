"""No-code rules: phrase and pattern rules declared in ``[[tool.artlint.custom-rules]]``.

Each table becomes a :class:`~artlint.rules.Rule` of the plugin ``config``::

    [[tool.artlint.custom-rules]]
    code = "XS001"
    name = "sponsor-line"
    message = "sponsor line: {match}"
    scope = "tail"
    phrases = ["Sponsored by", "Presented by"]
    phrases-file = "lint/sponsors.txt"

Three kinds: ``existence`` flags every match, ``substitution`` flags a phrase that should be
another (``replace = { "e-mail" = "email" }``) and offers a fix, ``occurrence`` flags a scope where
the matches number more than ``max`` or fewer than ``min``.
"""

from __future__ import annotations

import hashlib
import json
import string
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from artlint import patterns
from artlint.config import ConfigError
from artlint.models import METADATA_FIELDS, Article, Finding, Fix, Severity
from artlint.rules import InvalidRule, Rule

Kind = Literal["existence", "substitution", "occurrence"]
Scope = Literal["body", "title", "head", "tail", "field", "record"]

PLACEHOLDERS = frozenset({"match", "replacement", "count", "limit"})
DEFAULT_MESSAGES: dict[str, str] = {
    "existence": "{match}",
    "substitution": "use '{replacement}' instead of '{match}'",
    "occurrence": "{count} matches (limit {limit}), first extra: {match}",
}


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class CustomRule(BaseModel):
    """One ``[[custom-rules]]`` table, as written in the config file."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )

    code: str
    name: str
    kind: Kind = "existence"
    summary: str | None = None
    #: why the flagged text is a problem; shown by ``artlint rule CODE``
    description: str | None = None
    message: str | None = None
    severity: Severity = "warning"
    scope: Scope = "body"
    #: the field searched when ``scope = "field"`` (a metadata field or any record key)
    field: str | None = None
    phrases: list[str] = Field(default_factory=list)
    #: files of phrases, one a line (``#`` starts a comment), relative to the config file
    phrases_file: list[str] | str | None = None
    patterns: list[str] = Field(default_factory=list)
    #: substitution: phrase -> what to write instead
    replace: dict[str, str] = Field(default_factory=dict)
    fix: Literal["safe", "unsafe"] = "safe"
    case_sensitive: bool = False
    word_boundary: bool = True
    #: a match counts only when it is the whole (stripped) line: footers, not prose
    whole_line: bool = False
    max: int | None = Field(default=None, ge=0)
    min: int | None = Field(default=None, ge=0)
    default_enabled: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> CustomRule:
        if (self.scope == "field") != (self.field is not None):
            raise ValueError("'field' is required with scope = \"field\" and allowed only there")
        if self.kind == "substitution":
            if not self.replace:
                raise ValueError("a substitution rule needs 'replace' (phrase = replacement)")
            if self.phrases or self.patterns or self.phrases_file:
                raise ValueError("a substitution rule takes 'replace', not phrases or patterns")
        elif self.replace:
            raise ValueError("'replace' belongs to substitution rules only")
        if self.kind == "occurrence" and self.max is None and self.min is None:
            raise ValueError("an occurrence rule needs 'max' or 'min'")
        if self.kind != "occurrence" and (self.max is not None or self.min is not None):
            raise ValueError("'max' and 'min' belong to occurrence rules only")
        if any(not phrase.strip() for phrase in (*self.phrases, *self.replace)):
            raise ValueError("phrases must not be empty")
        return self


@dataclass(frozen=True)
class _Compiled:
    spec: CustomRule
    pattern: patterns.TimedPattern
    message: str
    #: substitution: lower-cased (unless case-sensitive) phrase -> replacement
    replacements: dict[str, str]


def build_rules(tables: Sequence[dict[str, Any]], root: Path, origin: str) -> list[Rule]:
    """Validate each table and turn it into a Rule; raise ConfigError naming origin and key."""
    built: list[Rule] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(tables):
        where = f"{origin}: custom-rules[{index}]"
        spec = _validate(table, where)
        where = f"{where} ({spec.code})"
        for key in (spec.code, spec.name):
            if key in seen:
                raise ConfigError(f"{where}: '{key}' is already used by custom-rules[{seen[key]}]")
        seen[spec.code] = seen[spec.name] = index
        compiled = _compile(spec, root, where)
        built.append(_make_rule(compiled, origin, where))
    return built


def _validate(table: object, where: str) -> CustomRule:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    try:
        spec = CustomRule.model_validate(table)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            key = ".".join(str(part) for part in item["loc"]) or "(table)"
            message = item["msg"].removeprefix("Value error, ")
            problems.append(f"{where}: key '{key}': {message}")
        raise ConfigError("\n".join(problems)) from None
    try:
        Rule(code=spec.code, name=spec.name, summary="-", check=_no_check)
    except InvalidRule as error:
        raise ConfigError(f"{where}: key '{error.field}': {error.reason}") from None
    return spec


def _no_check(article: Article, options: Any) -> Iterator[Finding]:
    return iter(())


def _read_phrase_files(spec: CustomRule, root: Path, where: str) -> list[str]:
    names = [spec.phrases_file] if isinstance(spec.phrases_file, str) else spec.phrases_file or []
    phrases: list[str] = []
    for name in names:
        path = root / name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise ConfigError(
                f"{where}: key 'phrases-file': cannot read {path}: {reason}"
            ) from None
        for line in text.splitlines():
            phrase = line.strip()
            if phrase and not phrase.startswith("#"):
                phrases.append(phrase)
        if not phrases:
            raise ConfigError(f"{where}: key 'phrases-file': {path} holds no phrases")
    return phrases


def _compile(spec: CustomRule, root: Path, where: str) -> _Compiled:
    phrases = [*spec.phrases, *_read_phrase_files(spec, root, where), *spec.replace]
    alternatives = [_phrase_regex(p) for p in sorted(set(phrases), key=patterns.longest_first)]
    for index, source in enumerate(spec.patterns):
        try:
            patterns.compile(source)
        except Exception as error:  # noqa: BLE001 - any compile failure is the user's pattern
            raise ConfigError(f"{where}: key 'patterns[{index}]': invalid regex: {error}") from None
        alternatives.append(f"(?:{source})")
    if not alternatives:
        raise ConfigError(f"{where}: give 'phrases', 'phrases-file' or 'patterns'")
    body = "|".join(alternatives)
    if spec.word_boundary:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    if spec.whole_line:
        body = rf"^[ \t]*(?P<hit>{body})[ \t]*$"
    flags = patterns.MULTILINE | (0 if spec.case_sensitive else patterns.IGNORECASE)
    try:
        pattern = patterns.compile(body, flags)
    except Exception as error:  # noqa: BLE001 - e.g. inline flags that only work alone
        raise ConfigError(f"{where}: key 'patterns': invalid regex: {error}") from None
    message = spec.message or DEFAULT_MESSAGES[spec.kind]
    _check_message(message, where)
    fold = (lambda s: s) if spec.case_sensitive else str.casefold
    replacements = {fold(" ".join(k.split())): v for k, v in spec.replace.items()}
    return _Compiled(spec, pattern, message, replacements)


def _phrase_regex(phrase: str) -> str:
    # Scraped text wraps and double-spaces freely: any run of white space matches a space.
    return r"\s+".join(str(regex.escape(word)) for word in phrase.split())


def _check_message(message: str, where: str) -> None:
    try:
        parsed = [item for item in string.Formatter().parse(message) if item[1] is not None]
    except ValueError as error:
        raise ConfigError(f"{where}: key 'message': {error}") from None
    fields = {name for _, name, _, _ in parsed if name is not None}
    shaped = [name for _, name, spec, conversion in parsed if spec or conversion]
    if shaped:
        # a width such as {match:>999999999} would build a huge string for every finding
        raise ConfigError(
            f"{where}: key 'message': placeholders take no conversion or format spec "
            f"(write {{{shaped[0]}}})"
        )
    unknown = fields - PLACEHOLDERS
    if unknown:
        allowed = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
        raise ConfigError(
            f"{where}: key 'message': unknown placeholder(s) "
            f"{', '.join('{' + u + '}' for u in sorted(unknown))} (use {allowed})"
        )


# -- checking ---------------------------------------------------------------------------------

Span = tuple[str, int, int, str]  # field, start, end, matched text


def _regions(article: Article, spec: CustomRule) -> Iterator[tuple[str, int, str]]:
    """The (field, offset, text) pieces a rule's scope covers."""
    if spec.scope == "body":
        yield "body", 0, article.body
    elif spec.scope == "title":
        yield "title", 0, article.title or ""
    elif spec.scope == "field":
        assert spec.field is not None
        yield spec.field, 0, article.text_of(spec.field)
    elif spec.scope in ("head", "tail"):
        lines = (
            article.structure.head_lines if spec.scope == "head" else article.structure.tail_lines
        )
        for line in lines:
            yield "body", line.start, line.text
    else:
        yield "body", 0, article.body
        for name in (*METADATA_FIELDS, "language"):
            yield name, 0, article.text_of(name)
        named = {"body", *METADATA_FIELDS, "language"}
        for key, value in article.extra.items():
            # a leftover key named like a field ("body" beside a mapped "text") cannot be
            # reported or fixed under that name, which means the field
            if isinstance(value, str) and key not in named:
                yield key, 0, value


def _matches(compiled: _Compiled, article: Article) -> Iterator[Span]:
    for field, offset, text in _regions(article, compiled.spec):
        if not text:
            continue
        for match in compiled.pattern.finditer(text):
            group = "hit" if compiled.spec.whole_line else 0
            start, end = match.span(group)
            if end > start:
                yield field, offset + start, offset + end, match.group(group)


def _format(template: str, **values: object) -> str:
    return template.format(**{name: values.get(name, "") for name in PLACEHOLDERS})


def _existence(compiled: _Compiled, article: Article) -> Iterator[Finding]:
    for field, start, end, text in _matches(compiled, article):
        yield Finding(
            message=_format(compiled.message, match=_short(text)), field=field, start=start, end=end
        )


def _substitution(compiled: _Compiled, article: Article) -> Iterator[Finding]:
    spec = compiled.spec
    for field, start, end, text in _matches(compiled, article):
        key = " ".join(text.split())
        replacement = compiled.replacements.get(key if spec.case_sensitive else key.casefold())
        if replacement is None:
            continue
        if not spec.case_sensitive:
            replacement = _match_case(text, replacement)
        yield Finding(
            message=_format(compiled.message, match=_short(text), replacement=replacement),
            field=field,
            start=start,
            end=end,
            fix=Fix(
                replacement=replacement,
                start=start,
                end=end,
                applicability=spec.fix,
                description=f"replace with '{replacement}'",
            ),
        )


def _occurrence(compiled: _Compiled, article: Article) -> Iterator[Finding]:
    spec = compiled.spec
    found = list(_matches(compiled, article))
    count = len(found)
    if spec.max is not None and count > spec.max:
        field, start, end, text = found[spec.max]
        yield Finding(
            message=_format(compiled.message, match=_short(text), count=count, limit=spec.max),
            field=field,
            start=start,
            end=end,
        )
    elif spec.min is not None and count < spec.min:
        field = spec.field or ("title" if spec.scope == "title" else "body")
        first = found[0][3] if found else ""
        yield Finding(
            message=_format(compiled.message, match=first, count=count, limit=spec.min),
            field=field,
        )


def _match_case(original: str, replacement: str) -> str:
    """Keep a capital first letter (a sentence start) when the phrase matched case-blind."""
    if original[:1].isupper() and replacement[:1].islower():
        if original.isupper() and len(original) > 1:
            return replacement.upper()
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


_CHECKERS: dict[str, Callable[[_Compiled, Article], Iterator[Finding]]] = {
    "existence": _existence,
    "substitution": _substitution,
    "occurrence": _occurrence,
}


def _make_rule(compiled: _Compiled, origin: str, where: str) -> Rule:
    spec = compiled.spec
    checker = _CHECKERS[spec.kind]

    def check(article: Article, options: Any) -> Iterator[Finding]:
        return checker(compiled, article)

    check.__doc__ = _document(spec, origin)
    check.__name__ = spec.name.replace("-", "_")
    #: the runner's cache key: a rule whose phrases or patterns change must not hit old results
    check.artlint_digest = _digest(compiled)  # type: ignore[attr-defined]
    try:
        return Rule(
            code=spec.code,
            name=spec.name,
            summary=spec.summary or _default_summary(spec),
            severity=spec.severity,
            check=check,
            default_enabled=spec.default_enabled,
            fix="none" if spec.kind != "substitution" else spec.fix,
        )
    except InvalidRule as error:
        raise ConfigError(f"{where}: {error.reason}") from None


def _digest(compiled: _Compiled) -> str:
    data = [compiled.spec.model_dump(mode="json"), compiled.pattern.pattern.pattern]
    return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def _scope_words(spec: CustomRule) -> str:
    return {
        "body": "the body",
        "title": "the title",
        "head": "the head zone (lines before the first paragraph of prose)",
        "tail": "the tail zone (lines after the last paragraph of prose)",
        "field": f"the field '{spec.field}'",
        "record": "every text field of the record",
    }[spec.scope]


def _default_summary(spec: CustomRule) -> str:
    if spec.kind == "substitution":
        return f"Phrase to replace in {spec.scope}"
    if spec.kind == "occurrence":
        return f"Phrase count out of bounds in {spec.scope}"
    return f"Unwanted phrase in {spec.scope}"


def _document(spec: CustomRule, origin: str) -> str:
    examples = [*spec.phrases, *spec.replace][:3] or spec.patterns[:1]
    shown = ", ".join(f"`{e}`" for e in examples)
    if spec.kind == "substitution":
        what = f"Flags phrases in {_scope_words(spec)} that should be written another way"
        first, instead = next(iter(spec.replace.items()))
        example = f"`{first}` is flagged; write `{instead}` instead ({spec.fix} fix)."
    elif spec.kind == "occurrence":
        bounds = " and ".join(
            text
            for text in (
                f"more than {spec.max}" if spec.max is not None else "",
                f"fewer than {spec.min}" if spec.min is not None else "",
            )
            if text
        )
        what = f"Flags {_scope_words(spec)} when its matches number {bounds}"
        example = f"Matches of {shown} are counted."
    else:
        what = f"Flags matches in {_scope_words(spec)}"
        example = f"A line containing {shown} is flagged."
    why = spec.description or "The project's configuration declares this text unwanted."
    return (
        f"## What it does\n{what}. A custom rule declared in {origin}.\n\n"
        f"## Why is this bad?\n{why}\n\n"
        f"## Example\n{example}\n\n"
        "## How to fix or suppress\n"
        "Edit the text, or change the rule's phrases in the configuration. Suppress with "
        f'`--ignore {spec.code}`, `ignore = ["{spec.code}"]` in `[tool.artlint]`, or '
        "`per-file-ignores`.\n"
    )
