"""The data that crosses artlint's boundaries: articles in, findings from rules, violations out.

Plain frozen dataclasses, not pydantic models: every run builds them, and importing pydantic
and building its first model took ~80 ms, half of a run's start-up, before any text was read.
What comes from outside (configuration, rule options, stored results) is validated where it
is read; a rule's findings are checked by the engine. The pydantic-style methods that plugins
and tests use (``model_copy``, ``model_dump``, ``model_validate``, ``model_fields``) are kept.
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import functools
import operator
import re
import types
import typing
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, cast

if TYPE_CHECKING:
    from artlint.structure import Structure

_T = TypeVar("_T")
_D = TypeVar("_D", bound="PlainData")

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}

#: The metadata fields every reader fills when it can; rules may rely on these names.
METADATA_FIELDS = ("title", "published", "url", "author", "source", "crawled")
#: the key of ``Article.sources`` that locates the record itself: fields without a source of
#: their own (other keys of the record) are reported there, on the record's line
RECORD_SOURCE = ""
#: keys of an article's ``__dict__`` beside its fields (see Article.find_sources_with)
_SOURCE_FINDER = "_artlint_source_finder"
_FOUND_SOURCES = "_artlint_found_sources"


class PlainData:
    """The pydantic-style methods of artlint's data classes (frozen dataclasses)."""

    __slots__ = ()
    #: fields holding another data class (or a dict of them), rebuilt by :meth:`model_validate`
    _NESTED: ClassVar[dict[str, type[PlainData]]] = {}

    #: the fields by name, read on the class as in pydantic (``Violation.model_fields``)
    model_fields: ClassVar[_FieldsOf] = cast("_FieldsOf", None)  # set below the class

    @classmethod
    def model_validate(cls: type[_D], data: Any) -> _D:
        """Build from a mapping of field values (as :meth:`model_dump` gives), checking types;
        keys that are no field are ignored, as pydantic does."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__}: expected a mapping, got {type(data).__name__}")
        names = {item.name for item in dataclasses.fields(cls)}  # type: ignore[arg-type]
        values = {key: value for key, value in data.items() if key in names}
        for name, kind in cls._NESTED.items():
            value = values.get(name)
            if isinstance(value, Mapping) and name in _DICT_OF_NESTED:
                values[name] = {key: _nested(kind, item) for key, item in value.items()}
            elif value is not None:
                values[name] = _nested(kind, value)
        made = cls(**values)
        wrong = wrong_field(made)
        if wrong is not None:
            name, value, expected = wrong
            raise TypeError(f"{cls.__name__}.{name} is {value!r:.60}, not {expected}")
        return made

    def model_copy(self: _D, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> _D:
        source = copy.deepcopy(self) if deep else self
        return cast(_D, dataclasses.replace(source, **(update or {})))  # type: ignore[type-var]

    def model_dump(
        self,
        *,
        mode: str = "python",
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
        exclude_none: bool = False,
    ) -> dict[str, Any]:
        """The fields as a dict, data classes inside as dicts too; ``mode`` as in pydantic
        (every field already holds what JSON can)."""
        names = _field_names(cast(Any, type(self)))
        if include is None and not exclude and not exclude_none:
            # the reporters' path, once per violation: a third of the JSON report's time
            # went to looking the fields up again
            values = [getattr(self, name) for name in names]
            return {
                name: value if type(value) in _SCALARS else _dumped(value)
                for name, value in zip(names, values, strict=True)
            }
        wanted = set(include) if include is not None else None
        unwanted = set(exclude or ())
        dumped = {}
        for name in names:
            if (wanted is not None and name not in wanted) or name in unwanted:
                continue
            value = getattr(self, name)
            if value is None and exclude_none:
                continue
            dumped[name] = _dumped(value)
        return dumped


@functools.cache
def _field_names(cls: Any) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(cls))


@functools.cache
def _expected(cls: type) -> dict[str, tuple[tuple[type, ...], frozenset[Any] | None]]:
    """Per field of a data class: the classes its annotation allows and, for a ``Literal``,
    the values. Read from the annotations once, when a value is first checked."""
    expected = {}
    hints = typing.get_type_hints(cls)
    for item in dataclasses.fields(cls):
        name, hint = item.name, hints[item.name]
        kinds: list[type] = []
        values: set[Any] = set()
        for part in typing.get_args(hint) if _is_union(hint) else (hint,):
            origin = typing.get_origin(part)
            if origin is Literal:
                values.update(typing.get_args(part))
                kinds.extend(type(value) for value in typing.get_args(part))
            elif part is type(None) or part is None:
                kinds.append(type(None))
            elif part is float:
                kinds.extend((float, int))  # a whole number of seconds is a number of seconds
            elif isinstance(origin, type):
                kinds.append(origin)  # list[str] -> list
            elif isinstance(part, type):
                kinds.append(part)
            else:
                kinds.append(object)  # Any, a callable: anything goes
        if values and type(None) in kinds:
            values.add(None)
        expected[name] = (tuple(kinds), frozenset(values) if values else None)
    return expected


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def wrong_field(item: object) -> tuple[str, Any, str] | None:
    """The first field of a data class instance whose value its annotation does not allow
    (a bool is no int): its name, the value and what was expected; None when all fit."""
    for name, (kinds, values) in _expected(type(item)).items():  # type: ignore[arg-type]
        value = getattr(item, name)
        fits = isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool))
        if values is not None and fits and value not in values:
            return name, value, "one of " + ", ".join(sorted(repr(v) for v in values))
        if not fits:
            return name, value, " or ".join(kind.__name__ for kind in kinds)
    return None


class _FieldsOf:
    def __get__(self, instance: object, owner: type) -> dict[str, dataclasses.Field[Any]]:
        return {item.name: item for item in dataclasses.fields(owner)}


PlainData.model_fields = _FieldsOf()

#: fields whose value is a dict of data classes (``Article.sources``)
_DICT_OF_NESTED = frozenset({"sources"})


def _nested(kind: type[PlainData], value: Any) -> Any:
    return value if isinstance(value, kind) else kind.model_validate(value)


#: the types of values model_dump hands back as they are
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _dumped(value: Any) -> Any:
    if isinstance(value, PlainData):
        return value.model_dump()
    if isinstance(value, dict):
        return {key: _dumped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dumped(item) for item in value]
    return value


@dataclass(frozen=True, slots=True)
class FieldSource(PlainData):
    """Where one field's text sits in the raw file.

    ``kind="text"``: the field's characters are the raw characters, starting at ``line``/``column``
    (a later line of the field starts at column ``continuation_column``).
    ``kind="json"``: the field is a JSON string literal whose first character (after the opening
    quote) is at ``line``/``column``; ``literal`` holds the raw literal so escapes can be walked.
    ``kind="value"``: the field's text was made from a JSON value that is no string (a list of
    paragraphs, a number): every offset maps to the value's first character at ``line``/``column``.
    Columns are 1-based Unicode code points.
    """

    kind: Literal["text", "json", "value"] = "text"
    line: int = 1
    column: int = 1
    continuation_column: int = 1
    literal: str | None = None
    #: the key of the record or front matter the field was read from, where it is not the
    #: field's own name (``date_publish`` for ``published``), for messages that name it
    key: str | None = None


#: where the body of an article made without sources stands: the whole text, from 1:1
_WHOLE_TEXT = FieldSource()


@dataclass(frozen=True, eq=False)
class Article(PlainData):
    """One article as read from a file (or one record of a file).

    ``body`` is the article text; for plain-text files it is the whole file, so a rule can see the
    head zone (banners, crumbs, headline) and the tail zone as the scraper left them.
    """

    _NESTED: ClassVar[dict[str, type[PlainData]]] = {"sources": FieldSource}

    path: str
    format: str
    record: int | None = None
    body: str = ""
    title: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    source: str | None = None
    crawled: str | None = None
    language: str | None = None
    #: every other field of the record, as read (for record-level rules and overrides)
    extra: dict[str, Any] = field(default_factory=dict)
    #: where each field's text starts in the raw file; fields without an entry map to line 1
    sources: dict[str, FieldSource] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A plugin's reader may build articles from whatever its source holds; what the
        # rules and the report rely on is checked here, and the usual near misses (a record
        # number as text, a URL as bytes) are taken as they were meant. Cheap: isinstance
        # checks when the types are right, as from artlint's own readers.
        values = self.__dict__
        for name in _TEXT_FIELDS:
            value = values[name]
            if value is not None and type(value) is not str:
                object.__setattr__(self, name, _as_text(name, value, optional=name != "body"))
        for name in ("path", "format"):
            if type(values[name]) is not str:
                object.__setattr__(self, name, _as_text(name, values[name], optional=False))
        record = values["record"]
        if record is not None and type(record) is not int:
            object.__setattr__(self, "record", as_int("record", record))
        if type(values["extra"]) is not dict or type(values["sources"]) is not dict:
            raise TypeError("Article.extra and Article.sources must be dicts")

    def text_of(self, field: str) -> str:
        """The text of a field (``body``, a metadata field or a key of ``extra``); '' if absent."""
        if field == "body":
            return self.body
        if field in METADATA_FIELDS or field == "language":
            return getattr(self, field) or ""
        value = self.extra.get(field)
        return value if isinstance(value, str) else ""

    @functools.cached_property
    def structure(self) -> Structure:
        """Line and paragraph roles of the body, computed once and shared by all rules."""
        from artlint.structure import analyse

        return analyse(self.body)

    @functools.cached_property
    def memos(self) -> dict[Hashable, Any]:
        """Results that several rules share for this article (see :meth:`memo`)."""
        return {}

    def memo(self, key: Hashable, compute: Callable[..., _T], *args: Any) -> _T:
        """``compute(*args)``, computed once per article and key: rules that run on the article
        in turn (the DT rules and their dates, TR001-TR004 and the ending) share one result.
        The key names the computation and whatever options change its result."""
        memos = self.memos
        if key not in memos:
            memos[key] = compute(*args)
        return cast(_T, memos[key])

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Article:
        """A copy; the cached structure and memos stay behind, since they describe the old
        article, and so does a reader's finder when the record's keys change."""
        copied = super().model_copy(update=update, deep=deep)
        finder = self.__dict__.get(_SOURCE_FINDER)
        if finder is not None and not (update and ("extra" in update or "sources" in update)):
            copied.find_sources_with(finder)
        return copied

    def find_sources_with(self, finder: Callable[[str], FieldSource | None]) -> Article:
        """Let :meth:`source_of` ask ``finder`` for the fields ``sources`` does not hold.

        For readers: a JSON record has many keys besides the mapped fields, and mapping them
        all up front would cost every record; a rule that reports on one of them (a custom
        rule on ``summary``) is rare. Returns the article itself. The finder is kept beside
        the fields, like the cached structure (a private pydantic attribute doubled the cost
        of building an article), and left out of pickles, which then locate at the record.
        """
        self.__dict__[_SOURCE_FINDER] = finder
        self.__dict__[_FOUND_SOURCES] = {}
        return self

    def source_of(self, field: str) -> FieldSource | None:
        """Where a field's text starts in the raw file; None where that is not known."""
        source = self.sources.get(field)
        finder = self.__dict__.get(_SOURCE_FINDER)
        if source is not None or finder is None or field == RECORD_SOURCE:
            return source
        found: dict[str, FieldSource | None] = self.__dict__[_FOUND_SOURCES]
        if field not in found:
            found[field] = finder(field)
        return found[field]

    def __eq__(self, other: object) -> bool:
        # the fields alone: cached results and a reader's finder are not part of the article
        if not isinstance(other, Article):
            return NotImplemented
        return type(self) is type(other) and all(
            self.__dict__.get(name) == other.__dict__.get(name) for name in _ARTICLE_FIELDS
        )

    __hash__ = None  # type: ignore[assignment]  # mutable dict fields

    def __getstate__(self) -> dict[str, Any]:
        # the fields alone: a reader's finder holds the raw text (and cannot be pickled), and
        # the cached structure is rebuilt where it is needed
        return {name: self.__dict__[name] for name in _ARTICLE_FIELDS}

    def locate(self, field: str, offset: int) -> tuple[int, int]:
        """Map a code-point offset in a field's text to the raw file's (line, column), 1-based."""
        source = self.source_of(field)
        if source is None and field == "body" and not self.sources:
            # an article a library user made in code: its body is the text, from 1:1
            source = _WHOLE_TEXT
        if source is None:
            record = self.sources.get(RECORD_SOURCE)
            return (record.line, record.column) if record is not None else (1, 1)
        if source.kind == "json":
            return _locate_in_json_literal(source, offset)
        if source.kind == "value":
            return (source.line, source.column)
        text = self.text_of(field)
        starts = _line_starts(text)
        index = bisect.bisect_right(starts, offset) - 1
        column_base = source.column if index == 0 else source.continuation_column
        return (source.line + index, column_base + offset - starts[index])


@functools.lru_cache(maxsize=64)
def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    position = find("\n")
    while position != -1:
        starts.append(position + 1)
        position = find("\n", position + 1)
    return starts


def _locate_in_json_literal(source: FieldSource, offset: int) -> tuple[int, int]:
    """Map a code-point offset of a decoded JSON string to its column in the raw literal.

    Walking the literal escape by escape from its start cost a Python step per character for
    every finding (a third of a JSON Lines run's time); the escapes of a literal are indexed once
    and each lookup is a bisection.
    """
    literal = source.literal or ""
    decoded_at, raw_end = _escape_index(literal)
    index = bisect.bisect_left(decoded_at, offset)
    if index == 0:
        raw = offset
    else:
        # the last escape before ``offset``: decoded at decoded_at[index-1], raw text ends at
        # raw_end[index-1]; everything after it up to ``offset`` is one raw character each
        raw = raw_end[index - 1] + offset - decoded_at[index - 1] - 1
    return (source.line, source.column + min(raw, len(literal)))


# An escape as the JSON decoder reads it: a surrogate pair (one code point), any other \uXXXX,
# or a two-character escape.
_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\.",
    re.DOTALL,
)


@functools.lru_cache(maxsize=64)
def _escape_index(literal: str) -> tuple[list[int], list[int]]:
    """For each escape of a raw JSON string literal: the decoded offset of the character it
    stands for, and the raw offset just after it."""
    decoded_at: list[int] = []
    raw_end: list[int] = []
    saved = 0  # raw characters so far beyond one per decoded character
    for match in _ESCAPE.finditer(literal):
        start, end = match.span()
        decoded_at.append(start - saved)
        raw_end.append(end)
        saved += end - start - 1
    return decoded_at, raw_end


@dataclass(frozen=True, slots=True)
class Fix(PlainData):
    """A text edit that repairs a finding: replace ``field[start:end]`` with ``replacement``."""

    replacement: str
    start: int
    end: int
    applicability: Literal["safe", "unsafe"] = "safe"
    description: str = ""


@dataclass(frozen=True, slots=True)
class Finding(PlainData):
    """What a rule yields: a message and a span of one field, in code-point offsets.

    The engine turns it into a :class:`Violation` by adding the rule's code, name and severity and
    mapping the span to the raw file's lines and columns.
    """

    _NESTED: ClassVar[dict[str, type[PlainData]]] = {"fix": Fix}

    message: str
    field: str = "body"
    start: int = 0
    end: int | None = None
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class Violation(PlainData):
    """One reported problem; the stable contract of ``--output-format json``."""

    _NESTED: ClassVar[dict[str, type[PlainData]]] = {"fix": Fix}

    code: str
    name: str
    message: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    record: int | None = None
    field: str | None = None
    fix: Fix | None = None
    #: stable identity of this problem, independent of line numbers: a hash of the record's
    #: identity (URL, id or path), the code and the flagged text; baselines and CI key on it.
    fingerprint: str | None = None

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.record or 0, self.line, self.column, self.code)

    def pack(self) -> tuple[object, ...]:
        """The field values as a tuple, in field order: less memory than the object and far
        cheaper to pickle (worker results, reports that must collect every violation)."""
        return _violation_values(self)

    @classmethod
    def unpack(cls, values: tuple[object, ...]) -> Violation:
        """The violation :meth:`pack` made the tuple of."""
        return cls(*values)  # type: ignore[arg-type]


_ARTICLE_FIELDS: tuple[str, ...] = tuple(Article.model_fields)
_TEXT_FIELDS = ("body", *METADATA_FIELDS, "language")


def _as_text(name: str, value: Any, *, optional: bool) -> str | None:
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            pass
    if value is None and optional:
        return None
    raise TypeError(f"Article.{name} must be text, not {type(value).__name__} {value!r:.40}")


def as_int(name: str, value: Any) -> int:
    """An integer given as something else that means one (a numpy integer, 3.0, "3")."""
    try:
        if isinstance(value, str):
            return int(value.strip())
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return operator.index(value)
    except (TypeError, ValueError):
        shown = f"{type(value).__name__} {value!r:.40}"
        raise TypeError(f"{name} must be a whole number, not {shown}") from None


_violation_values = operator.attrgetter(*Violation.model_fields)
