"""How a rule is declared: a plain function plus explicit, validated metadata."""

from __future__ import annotations

import inspect
import re
import warnings
from collections.abc import Callable, Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter, field_validator
from pydantic.fields import FieldInfo
from pydantic_core import to_jsonable_python

from artlint.models import Article, Finding, Severity

CODE_RE = re.compile(r"^[A-Z]{2}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


_FIELD_LINE = re.compile(r"^\s+([A-Za-z_]\w*)\s*:")


def _comment_docs(model: type[BaseModel]) -> dict[str, str]:
    """Field descriptions written as ``#:`` comments above the field (the Sphinx convention
    rule authors already use), from the model and its bases."""
    docs: dict[str, str] = {}
    for klass in reversed(model.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, BaseModel)) or klass is BaseModel:
            continue
        try:
            source = inspect.getsource(klass)
        except (OSError, TypeError):
            continue
        pending: list[str] = []
        for line in source.splitlines():
            stripped = line.strip()
            if stripped.startswith("#:"):
                pending.append(stripped[2:].strip())
                continue
            found = _FIELD_LINE.match(line)
            if found and pending:
                docs[found.group(1)] = " ".join(pending)
            pending = []
    return docs


def options_schema(model: type[BaseModel]) -> dict[str, Any]:
    """JSON schema of a rule's options, each property described by its ``Field(description=)``
    or, failing that, by its ``#:`` comment.

    A plugin's options may hold what JSON Schema cannot describe (a callable, an arbitrary
    class) or a default JSON cannot hold (a set, a compiled pattern): such a field gets an empty
    schema and its default is shown as JSON holds it, or as its ``repr``, so listing the rules
    never fails on them."""
    with warnings.catch_warnings():
        # pydantic warns of each default it leaves out; the loop below puts them back
        warnings.simplefilter("ignore")
        try:
            schema = model.model_json_schema(by_alias=True)
        except Exception:  # noqa: BLE001 - any field JSON Schema cannot describe
            schema = {
                "title": model.__name__,
                "type": "object",
                "properties": {
                    field.alias or name: _field_schema(field)
                    for name, field in model.model_fields.items()
                },
            }
    comments = _comment_docs(model)
    properties = schema.get("properties", {})
    for name, field in model.model_fields.items():
        key = field.alias or name
        described = comments.get(name) or field.description
        if key not in properties:
            continue
        if described and not properties[key].get("description"):
            properties[key]["description"] = described
        if "default" not in properties[key] and not field.is_required():
            default = field.get_default(call_default_factory=True)
            if isinstance(default, (set, frozenset)):  # in an order that does not vary by run
                default = sorted(default, key=repr)
            properties[key]["default"] = to_jsonable_python(default, fallback=repr)
    return schema


def _field_schema(field: FieldInfo) -> dict[str, Any]:
    if field.annotation is None:
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return TypeAdapter(field.annotation).json_schema()
        except Exception:  # noqa: BLE001 - a type JSON Schema cannot describe
            return {}


class RuleOptions(BaseModel):
    """Base for a rule's options: unknown keys are errors; keys are written kebab-case in config
    (``max-words = 12``) and snake_case in Python."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )


class NoOptions(RuleOptions):
    """Options model of a rule that takes none."""


CheckFunction = Callable[[Article, Any], Iterable[Finding]]


class Rule(BaseModel):
    """A rule's metadata and its check function. Build it with :func:`rule`."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    code: str
    name: str
    summary: str
    severity: Severity = "warning"
    check: CheckFunction
    options: type[BaseModel] = NoOptions
    default_enabled: bool = True
    fix: Literal["none", "safe", "unsafe"] = "none"
    #: the plugin (entry-point or module name) that registered the rule; set by the registry
    plugin: str = ""

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        if not CODE_RE.match(value):
            raise ValueError(f"rule code {value!r} must be two capital letters and three digits")
        return value

    @field_validator("name")
    @classmethod
    def _name_shape(cls, value: str) -> str:
        if not NAME_RE.match(value):
            raise ValueError(f"rule name {value!r} must be kebab-case")
        return value

    @property
    def doc(self) -> str:
        """The rule's user documentation: its check function's docstring."""
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def family(self) -> str:
        return self.code[:2]


def rule(
    *,
    code: str,
    name: str,
    summary: str,
    severity: Severity = "warning",
    options: type[BaseModel] = NoOptions,
    default_enabled: bool = True,
    fix: Literal["none", "safe", "unsafe"] = "none",
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule. The decorated function's docstring is the rule's documentation.

    The function receives the :class:`~artlint.models.Article` and the validated options model and
    yields :class:`~artlint.models.Finding` objects::

        @rule(code="XY101", name="shouting-title", summary="Title is all capitals")
        def shouting_title(article, options):
            '''## What it does ...'''
            if article.title and article.title.isupper():
                yield Finding(message="title is all capitals", field="title")
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
        )

    return decorate
