"""How a rule is declared: a plain function plus explicit, validated metadata.

Nothing here imports pydantic: a run that configures no options never needs it (importing it
and building its first model took ~80 ms, half of a run's start-up). Options are declared as
a frozen dataclass (:func:`rule_options`) or as a pydantic :class:`RuleOptions` model, and
configured options are validated by :mod:`artlint.options`.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from artlint.models import Article, Finding, Severity

if TYPE_CHECKING:
    pass

CODE_RE = re.compile(r"^[A-Z]{2}[0-9]{3}$")
#: what a rule's ``covers`` may name: a code, or a prefix of codes (``AD00``)
COVERED_RE = re.compile(r"^[A-Z]{2}[0-9]{0,3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "info")
FIX_KINDS = ("none", "safe", "unsafe")

_C = TypeVar("_C", bound=type)


def kebab(name: str) -> str:
    """How an option's Python name is written in configuration (``max_words`` -> ``max-words``)."""
    return name.replace("_", "-")


#: what :func:`rule_options` classes tell pydantic when configured options are validated
OPTIONS_CONFIG: dict[str, Any] = {
    "extra": "forbid",
    "alias_generator": kebab,
    "populate_by_name": True,
}


def rule_options(cls: _C) -> _C:
    """Declare a rule's options as a frozen dataclass, keys written kebab-case in config::

        @rule_options
        class ShortBodyOptions:
            #: fewest words a body may have
            min_words: int = 50

    Unknown keys are errors. A check that spans fields, or a value pydantic's types cannot
    express, goes in ``__post_init__`` and raises :class:`OptionError` naming the key.
    """
    cls.__pydantic_config__ = OPTIONS_CONFIG  # type: ignore[attr-defined]
    return dataclass(frozen=True)(cls)  # type: ignore[return-value]


class OptionError(ValueError):
    """A configured option value that a rule cannot use; ``key`` is the option's config key.

    Shown as pydantic shows a validator's error (``Value error, ...``), or as ``message``
    itself when ``exact`` (a range check written to read as pydantic's own).
    """

    def __init__(self, key: str, message: str, *, exact: bool = False) -> None:
        super().__init__(message)
        self.key = key
        self.message = message
        self.exact = exact
        self.shown = message if exact else f"Value error, {message}"

    def __reduce__(self) -> Any:  # a worker process hands it to the parent
        return (_option_error, (self.key, self.message, self.exact))

    @property
    def each(self) -> list[OptionError]:
        """Every problem it stands for (see :class:`OptionErrors`)."""
        return [self]


def _option_error(key: str, message: str, exact: bool) -> OptionError:
    return OptionError(key, message, exact=exact)


class OptionErrors(OptionError):
    """Several option values a check found wrong at once, reported together."""

    def __init__(self, errors: list[OptionError]) -> None:
        first = errors[0]
        super().__init__(first.key, first.message, exact=first.exact)
        self.errors = errors

    def __reduce__(self) -> Any:
        return (OptionErrors, (self.errors,))

    @property
    def each(self) -> list[OptionError]:
        return self.errors


def raise_all(errors: list[OptionError]) -> None:
    """Raise what a ``__post_init__`` check found: nothing, one error, or all of them."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise OptionErrors(errors)


def extra_key_message(error: Mapping[str, Any]) -> str:
    """A pydantic error's message; an unknown key reads the same for a dataclass as for a
    model (pydantic words it as an unexpected keyword argument there)."""
    if error.get("type") == "unexpected_keyword_argument":
        return "Extra inputs are not permitted"
    return str(error["msg"])


@rule_options
class NoOptions:
    """Options of a rule that takes none."""


def option_keys(options: type) -> set[str]:
    """The keys configuration may give a rule's options: config keys, and Python names where
    the class accepts them too."""
    if dataclasses.is_dataclass(options):
        names = {item.name for item in dataclasses.fields(options)}
        config = getattr(options, "__pydantic_config__", None) or {}
        generator = config.get("alias_generator")
        keys = {generator(name) for name in names} if callable(generator) else set(names)
        if config.get("populate_by_name") or not callable(generator):
            keys |= names
        return keys
    fields = getattr(options, "model_fields", {})  # a pydantic model
    keys = {info.alias or name for name, info in fields.items()}
    if getattr(options, "model_config", {}).get("populate_by_name"):
        keys |= set(fields)
    return keys


def forbids_unknown_keys(options: type) -> bool:
    config = getattr(options, "__pydantic_config__", None) or getattr(options, "model_config", {})
    return bool(config.get("extra") == "forbid")


def has_defaults(options: type) -> bool:
    """Whether calling the options class without arguments gives its options unconfigured
    (a dataclass whose fields all have defaults), without pydantic."""
    return dataclasses.is_dataclass(options) and all(
        item.default is not dataclasses.MISSING or item.default_factory is not dataclasses.MISSING
        for item in dataclasses.fields(options)
        if item.init
    )


CheckFunction = Callable[[Article, Any], Iterable[Finding]]


class InvalidRule(ValueError):
    """A rule declared with metadata artlint cannot use (a bad code, name, severity ...):
    ``field`` names the argument of :func:`rule`, ``reason`` says what is wrong with it."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"invalid Rule: {field}: {reason}")
        self.field = field
        self.reason = reason

    def __reduce__(self) -> Any:
        return (InvalidRule, (self.field, self.reason))


@dataclass(frozen=True)
class Rule:
    """A rule's metadata and its check function. Build it with :func:`rule`."""

    code: str
    name: str
    summary: str
    severity: Severity = "warning"
    check: CheckFunction = dataclasses.field(default=None)  # type: ignore[assignment]
    options: type = NoOptions
    default_enabled: bool = True
    fix: Literal["none", "safe", "unsafe"] = "none"
    #: the plugin (entry-point or module name) that registered the rule; set by the registry
    plugin: str = ""
    #: codes or code prefixes of rules whose findings this rule's findings stand for: one of
    #: theirs that lies wholly inside the span of one of this rule's is not reported (a menu
    #: is reported once, not also line by line for the 'Subscribe' it holds). Last, so that
    #: rules built with positional arguments keep their meaning.
    covers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if type(self.default_enabled) is int and self.default_enabled in (0, 1):
            object.__setattr__(self, "default_enabled", bool(self.default_enabled))
        problem = _rule_problem(self)
        if problem:
            raise InvalidRule(*problem.split(": ", 1))

    @property
    def doc(self) -> str:
        """The rule's user documentation: its check function's docstring."""
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def family(self) -> str:
        return self.code[:2]

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Rule:
        """A copy with some fields replaced (checked again), as a pydantic model copies."""
        return dataclasses.replace(self, **(update or {}))


def _rule_problem(item: Rule) -> str | None:
    if not isinstance(item.code, str) or not CODE_RE.match(item.code):
        return f"code: rule code {item.code!r} must be two capital letters and three digits"
    if not isinstance(item.name, str) or not NAME_RE.match(item.name):
        return f"name: rule name {item.name!r} must be kebab-case"
    if not isinstance(item.summary, str):
        return f"summary: must be a string, not {type(item.summary).__name__}"
    if item.severity not in SEVERITIES:
        return f"severity: must be one of {', '.join(SEVERITIES)}, not {item.severity!r}"
    if not callable(item.check):
        return "check: must be a function"
    if not isinstance(item.options, type):
        return f"options: must be a class, not {type(item.options).__name__}"
    if not isinstance(item.default_enabled, bool):
        return "default_enabled: must be true or false"
    if item.fix not in FIX_KINDS:
        return f"fix: must be one of {', '.join(FIX_KINDS)}, not {item.fix!r}"
    if not isinstance(item.covers, tuple) or not all(
        isinstance(code, str) and COVERED_RE.match(code) for code in item.covers
    ):
        return f"covers: must be a tuple of rule codes or code prefixes, not {item.covers!r}"
    if not isinstance(item.plugin, str):
        return "plugin: must be a string"
    return None


def rule(
    *,
    code: str,
    name: str,
    summary: str,
    severity: Severity = "warning",
    options: type = NoOptions,
    default_enabled: bool = True,
    fix: Literal["none", "safe", "unsafe"] = "none",
    covers: Iterable[str] = (),
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule. The decorated function's docstring is the rule's documentation.

    The function receives the :class:`~artlint.models.Article` and its options (the options
    class's defaults, or the configured values, validated) and yields
    :class:`~artlint.models.Finding` objects::

        @rule(code="XY101", name="shouting-title", summary="Title is all capitals")
        def shouting_title(article, options):
            '''## What it does ...'''
            if article.title and article.title.isupper():
                yield Finding(message="title is all capitals", field="title")

    ``covers`` names the rules (codes or prefixes) whose findings inside one of this rule's
    are left out of the report, as the findings of a block stand for the lines they span.
    It applies only where both rules ran and the covering finding was not suppressed, and
    never to a finding of a higher severity than the covering one.
    """

    def decorate(function: CheckFunction) -> Rule:
        return Rule(
            code=code,
            name=name,
            summary=summary,
            severity=severity,
            check=function,
            options=options,
            default_enabled=default_enabled,
            fix=fix,
            covers=(covers,) if isinstance(covers, str) else tuple(covers),
        )

    return decorate


def __getattr__(name: str) -> Any:
    # the pydantic side of options, imported when it is asked for (a plugin's RuleOptions)
    if name in ("RuleOptions", "options_schema"):
        from artlint import options

        return getattr(options, name)
    raise AttributeError(f"module 'artlint.rules' has no attribute {name!r}")
