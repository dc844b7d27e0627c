"""Validating and describing rule options with pydantic, imported only when needed.

A run without configured options never comes here: a rule's default options are its options
class called without arguments (see :func:`artlint.rules.has_defaults`). Configured options
are validated here, and ``artlint rule`` and the documentation describe options from here.
Options are either a :func:`~artlint.rules.rule_options` dataclass (the built-in rules, and
plugins that want a fast start-up) or a subclass of :class:`RuleOptions`, a pydantic model.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import typing
import warnings
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import PydanticUndefined, to_jsonable_python

from artlint.rules import OptionError, extra_key_message, kebab


class RuleOptions(BaseModel):
    """Base for a rule's options: unknown keys are errors; keys are written kebab-case in config
    (``max-words = 12``) and snake_case in Python."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=kebab, populate_by_name=True
    )


def validate_options(options: type, raw: dict[str, Any]) -> Any:
    """The options object for a configured table; raises :class:`InvalidOptions`.

    Every value of the wrong type is reported at once. A dataclass's own checks
    (``__post_init__``) run only once every value has its type: checking the other keys with
    defaults standing in for the wrong ones would report what the defaults make of a check
    across keys (``max-words`` below a default ``min-words``), or fail in the plugin's code.
    """
    try:
        if isinstance(options, type) and issubclass(options, BaseModel):
            return options.model_validate(raw)
        return TypeAdapter(options).validate_python(raw)
    except ValidationError as error:
        problems = [problem for item in error.errors() for problem in _problems(item)]
        raise InvalidOptions(
            [(_as_given(key, raw), message) for key, message in problems]
        ) from None
    except OptionError as error:  # raised by a validator pydantic does not wrap
        raise InvalidOptions([(item.key, item.shown) for item in error.each]) from None


class InvalidOptions(Exception):
    """Options that do not validate: (option key or None, message) for each problem."""

    def __init__(self, problems: list[tuple[str | None, str]]) -> None:
        super().__init__("; ".join(f"'{key or ''}': {message}" for key, message in problems))
        self.problems = problems


def _problems(item: Any) -> list[tuple[str | None, str]]:
    location = ".".join(str(part) for part in item["loc"])
    cause = (item.get("ctx") or {}).get("error")
    if isinstance(cause, OptionError):
        # a dataclass's own check (__post_init__) fails as a whole: put each at its key
        return [(".".join(filter(None, (location, each.key))), each.shown) for each in cause.each]
    return [(location or None, extra_key_message(item))]


def _as_given(key: str | None, raw: dict[str, Any]) -> str | None:
    """A key as the configuration wrote it (``tolerance_hours`` is accepted too)."""
    if key is not None and key not in raw and key.replace("-", "_") in raw:
        return key.replace("-", "_")
    return key


def options_schema(options: type) -> dict[str, Any]:
    """JSON schema of a rule's options, each property described by its ``Field(description=)``
    or, failing that, by its ``#:`` comment.

    A plugin's options may hold what JSON Schema cannot describe (a callable, an arbitrary
    class) or a default JSON cannot hold (a set, a compiled pattern): such a field gets an empty
    schema and its default is shown as JSON holds it, or as its ``repr``, so listing the rules
    never fails on them."""
    fields = _fields(options)
    with warnings.catch_warnings():
        # pydantic warns of each default it leaves out; the loop below puts them back
        warnings.simplefilter("ignore")
        try:
            if isinstance(options, type) and issubclass(options, BaseModel):
                schema = options.model_json_schema(by_alias=True)
            else:
                schema = TypeAdapter(options).json_schema(by_alias=True)
        except Exception:  # noqa: BLE001 - any field JSON Schema cannot describe
            schema = {
                "title": options.__name__,
                "type": "object",
                "properties": {key: _type_schema(item.kind) for key, item in fields.items()},
            }
    comments = _comment_docs(options)
    properties = schema.get("properties", {})
    for key, item in fields.items():
        if key not in properties:
            continue
        for extra_key, value in item.schema.items():
            properties[key].setdefault(extra_key, value)
        described = comments.get(item.name) or item.description
        if described and not properties[key].get("description"):
            properties[key]["description"] = described
        default = item.default
        if "default" not in properties[key] and default is not PydanticUndefined:
            if isinstance(default, (set, frozenset)):  # in an order that does not vary by run
                default = sorted(default, key=repr)
            properties[key]["default"] = to_jsonable_python(default, fallback=repr)
    return schema


class _Field(NamedTuple):
    kind: Any
    name: str
    description: str | None
    #: the default value, or PydanticUndefined for a required option
    default: Any
    #: what a dataclass field's ``metadata["json_schema"]`` adds to its schema (``minimum``)
    schema: dict[str, Any]


def _fields(options: type) -> dict[str, _Field]:
    """The options by config key."""
    found: dict[str, _Field] = {}
    if isinstance(options, type) and issubclass(options, BaseModel):
        for name, info in options.model_fields.items():
            given = (
                PydanticUndefined
                if info.is_required()
                else info.get_default(call_default_factory=True)
            )
            found[info.alias or name] = _Field(info.annotation, name, info.description, given, {})
        return found
    try:
        hints = typing.get_type_hints(options)
    except Exception:  # noqa: BLE001 - an annotation that names what is not importable here
        hints = {}
    for item in dataclasses.fields(options):  # type: ignore[arg-type]
        if item.default is not dataclasses.MISSING:
            default: Any = item.default
        elif item.default_factory is not dataclasses.MISSING:
            default = item.default_factory()
        else:
            default = PydanticUndefined
        schema = dict(item.metadata.get("json_schema", {}))
        found[kebab(item.name)] = _Field(hints.get(item.name), item.name, None, default, schema)
    return found


def _type_schema(kind: Any) -> dict[str, Any]:
    if kind is None:
        return {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return TypeAdapter(kind).json_schema()
        except Exception:  # noqa: BLE001 - a type JSON Schema cannot describe
            return {}


_FIELD_LINE = re.compile(r"^\s+([A-Za-z_]\w*)\s*:")


def _comment_docs(options: type) -> dict[str, str]:
    """Field descriptions written as ``#:`` comments above the field (the Sphinx convention
    rule authors already use), from the class and its bases."""
    docs: dict[str, str] = {}
    for klass in reversed(options.__mro__):
        if klass in (object, BaseModel) or not (
            dataclasses.is_dataclass(klass) or issubclass(klass, BaseModel)
        ):
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
