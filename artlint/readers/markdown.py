"""Markdown articles with optional YAML front matter (read with a safe loader only), or TOML
front matter between ``+++`` lines, as Hugo writes it.

Front matter is composed into YAML nodes first, so each field knows the line and column its value
starts at, then constructed by a safe loader that keeps timestamps as the text the author wrote:
rules judge ``2024-02-30`` as written, and YAML never gets to reject it on their behalf. TOML
front matter is located by key: a field points at the line of its key, and offers no place to
edit (TOML has already read its dates, and a date TOML refuses is a problem of the file).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from artlint.fields import FieldMap, map_fields
from artlint.models import Article, FieldSource
from artlint.readers.base import InputFile, ReadProblem, decode_text, read_all

_FENCE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)
_TOML_FENCE = re.compile(r"^\+\+\+[ \t]*\r?$", re.MULTILINE)
#: where tomllib says its error is
_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)$")
#: more values than this after expanding aliases is an alias bomb, not an article's metadata
MAX_FRONT_MATTER_NODES = 10_000


@functools.lru_cache(maxsize=1)
def _loader_class() -> type[Any]:
    """The safe loader, with timestamps kept as written.

    Built on first use: PyYAML costs ~10 ms to import, and most runs never meet front matter.
    """
    import yaml

    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _TextDatesLoader(base):
        pass

    _TextDatesLoader.add_constructor(
        "tag:yaml.org,2002:timestamp",
        lambda loader, node: loader.construct_scalar(node),
    )
    return _TextDatesLoader


def read_markdown(file: InputFile, fields: FieldMap) -> Iterator[Article | ReadProblem]:
    data = read_all(file)
    if isinstance(data, ReadProblem):
        yield data
        return
    text = decode_text(data, file.path)
    if isinstance(text, ReadProblem):
        yield text
        return
    if text.startswith("+++"):
        toml_front, body_offset = _split_front_matter(text, _TOML_FENCE)
        if toml_front is not None:
            yield _toml_article(file.path, text, toml_front, body_offset, fields)
            return
    front, body_offset = _split_front_matter(text) if text.startswith("---") else (None, 0)
    if front is None:
        yield Article(path=file.path, format="markdown", body=text, sources={"body": FieldSource()})
        return
    loaded = _load_front_matter(front, file.path)
    if isinstance(loaded, ReadProblem):
        yield loaded
        return
    meta, node = loaded
    body = text[body_offset:]
    body_line = text.count("\n", 0, body_offset) + 1
    values, chosen = map_fields(meta, fields)
    values.pop("body", None)
    sources = {"body": FieldSource(line=body_line)}
    for field, key in chosen.items():
        source = _source_of(node, key, front)
        if source is not None:
            sources[field] = source if key == field else source.model_copy(update={"key": key})
    used = {key.split(".")[0] for key in chosen.values()}
    extra = {key: value for key, value in meta.items() if key not in used}
    article = Article(
        path=file.path,
        format="markdown",
        record=None,
        body=body,
        sources=sources,
        extra=extra,
        **values,
    )
    if any(isinstance(value, str) for value in extra.values()):
        # other keys of the front matter (what a custom rule on a field reads), found on demand
        article.find_sources_with(
            lambda key: _source_of(node, key, front) if isinstance(extra.get(key), str) else None
        )
    yield article


def _toml_article(
    path: str, text: str, front: str, body_offset: int, fields: FieldMap
) -> Article | ReadProblem:
    from artlint.config import toml_reader

    toml = toml_reader()
    try:
        meta = {key: _toml_text(value) for key, value in toml.loads(front).items()}
    except RecursionError:  # nesting deeper than Python's stack, in the parser or in _toml_text
        return ReadProblem(
            path=path, line=1, fatal=True, message="front matter is nested too deep to read"
        )
    except toml.TOMLDecodeError as error:
        return _toml_problem(path, error)
    values, chosen = map_fields(meta, fields)
    values.pop("body", None)
    sources = {"body": FieldSource(line=text.count("\n", 0, body_offset) + 1)}
    for field, key in chosen.items():
        key_line = _toml_key_line(front, key.split(".")[0])
        if key_line is not None:
            sources[field] = FieldSource(
                kind="value", line=key_line, key=None if key == field else key
            )
    used = {key.split(".")[0] for key in chosen.values()}
    extra = {key: value for key, value in meta.items() if key not in used}
    return Article(
        path=path,
        format="markdown",
        record=None,
        body=text[body_offset:],
        sources=sources,
        extra=extra,
        **values,
    )


def _toml_problem(path: str, error: ValueError) -> ReadProblem:
    # `front` starts at the end of the opening fence line: its line 1 is file line 1
    message, found = str(error), _TOML_PLACE.search(str(error))
    line = int(found.group(1)) if found else 1
    if found:
        message = f"{message[: found.start()].rstrip()} (line {line}, column {found.group(2)})"
    return ReadProblem(
        path=path, line=line, fatal=True, message=f"front matter is not valid TOML: {message}"
    )


def _toml_text(value: Any) -> Any:
    """TOML's dates and times as ISO text (the rules read text; TOML has already read them,
    so ``Z`` comes back as ``+00:00``)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _toml_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_toml_text(item) for item in value]
    return value


def _toml_key_line(front: str, key: str) -> int | None:
    """The file line of a top-level key of TOML front matter (``front`` starts on line 1)."""
    found = re.search(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*=", front, re.MULTILINE)
    return None if found is None else front.count("\n", 0, found.start()) + 1


def _split_front_matter(text: str, fence: re.Pattern[str] = _FENCE) -> tuple[str | None, int]:
    """The front matter (from the end of the opening fence: its line 0 is file line 1) and
    where the body starts; (None, 0) without a complete front matter block."""
    first = fence.match(text)
    if first is None:
        return None, 0
    closing = fence.search(text, first.end())
    if closing is None:
        return None, 0
    front = text[first.end() : closing.start()]
    end = closing.end()
    if text.startswith("\n", end):
        end += 1
    return front, end


def _load_front_matter(front: str, path: str) -> tuple[dict[str, Any], Any] | ReadProblem:
    import yaml

    loader = _loader_class()(front)
    try:
        node = loader.get_single_node()
        if node is not None and _expanded_size(node, {}) > MAX_FRONT_MATTER_NODES:
            return ReadProblem(
                path=path,
                line=node.start_mark.line + 1,
                fatal=True,
                message="front matter expands to more than "
                f"{MAX_FRONT_MATTER_NODES} values (YAML aliases); not read",
            )
        meta = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        return _yaml_problem(error, path)
    except (ValueError, TypeError, RecursionError) as error:
        return ReadProblem(
            path=path, line=1, fatal=True, message=f"front matter cannot be read: {error}"
        )
    finally:
        loader.dispose()
    if meta is None:
        return {}, node
    if not isinstance(meta, dict):
        return ReadProblem(
            path=path,
            line=2,
            fatal=True,
            message="front matter must be a mapping of keys to values",
        )
    return {str(key): value for key, value in meta.items()}, node


def _yaml_problem(error: Any, path: str) -> ReadProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return ReadProblem(
        path=path,
        line=line,
        fatal=True,
        message=f"front matter is not safe YAML (line {line}): {problem}",
    )


def _expanded_size(node: Any, seen: dict[int, int]) -> int:
    """How many nodes the document has once aliases are expanded (memoised per node)."""
    import yaml

    known = seen.get(id(node))
    if known is not None:
        return known
    seen[id(node)] = 1  # a recursive alias counts once instead of looping
    size = 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            size += _expanded_size(key, seen) + _expanded_size(value, seen)
    elif isinstance(node, yaml.SequenceNode):
        size += sum(_expanded_size(item, seen) for item in node.value)
    seen[id(node)] = min(size, MAX_FRONT_MATTER_NODES + 1)
    return seen[id(node)]


def _source_of(node: Any, dotted: str, front: str) -> FieldSource | None:
    """Where a front-matter value's text is: a text source only where the raw characters are
    the value's characters (checked, not assumed); a value that YAML rewrites (escapes, ``''``,
    folded or wrapped lines, tags, aliases) is located at its start and offers no place to
    edit."""
    import yaml

    value = _front_matter_node(node, dotted)
    if value is None:
        return None
    # `front` starts at the end of the opening fence line, so YAML's line 0 is file line 1
    line, column = value.start_mark.line + 1, value.start_mark.column + 1
    at_start = FieldSource(kind="value", line=line, column=column)
    if not isinstance(value, yaml.ScalarNode):
        return at_start
    raw = front[value.start_mark.index : value.end_mark.index]
    if value.style in ("'", '"'):
        inner = raw[1:-1]
        if inner == value.value and "\n" not in inner:
            return FieldSource(line=line, column=column + 1, continuation_column=column + 1)
        return at_start
    if value.style in ("|", ">"):
        return _block_scalar_source(front, value.start_mark.line, value.value) or at_start
    if raw == value.value and "\n" not in raw:
        return FieldSource(line=line, column=column, continuation_column=column)
    return at_start


def _front_matter_node(node: Any, dotted: str) -> Any:
    """The value node of a key, the whole key first (``"a.b": ...``), then as a dotted path;
    of a repeated key the last, which is the one YAML keeps."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        whole = next((value for key, value in reversed(node.value) if key.value == dotted), None)
        if whole is not None:
            return whole
    for part in dotted.split("."):
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((value for key, value in reversed(node.value) if key.value == part), None)
        if node is None:
            return None
    return node


def _block_scalar_source(front: str, indicator_line: int, value: str) -> FieldSource | None:
    """A ``|`` or ``>`` scalar's text starts on the next non-blank line, at its indentation;
    None unless its lines, with that indentation taken off, are the value (a folded or
    explicitly indented block is not)."""
    lines = front.split("\n")
    for index in range(indicator_line + 1, len(lines)):
        content = lines[index].rstrip("\r")
        if content.strip():
            indent = len(content) - len(content.lstrip(" "))
            break
    else:
        return None
    kept = []
    for raw_line in lines[index:]:
        content = raw_line.rstrip("\r")
        if content.strip() and len(content) - len(content.lstrip(" ")) < indent:
            break
        kept.append(content[indent:])
    if "\n".join(kept).rstrip("\n") != value.rstrip("\n"):
        return None
    return FieldSource(line=index + 1, column=indent + 1, continuation_column=indent + 1)
