"""``[tool.artlint]`` in ``pyproject.toml`` or the top level of ``artlint.toml``, validated.

The settings are plain frozen dataclasses; pydantic validates a configuration file's table
into them (:func:`validate_settings`) and is imported only then, so a run without a
configuration file never loads it.
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from artlint.models import wrong_field
from artlint.rules import OPTIONS_CONFIG, OptionError, extra_key_message, kebab, raise_all

CONFIG_FILES = ("artlint.toml", ".artlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Override:
    """``[[tool.artlint.overrides]]``: settings for some files or records only.

    Every criterion given must match: ``files`` (globs relative to the config file), ``sources``
    (the record's URL domain or source field, subdomains included), ``languages``,
    ``extractors`` (the record's ``extractor`` or ``scraper`` field).
    """

    __pydantic_config__ = OPTIONS_CONFIG

    files: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    extractors: list[str] = field(default_factory=list)
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)

    def model_dump(self, *, mode: str = "python", by_alias: bool = False) -> dict[str, Any]:
        return _dumped(self, mode, by_alias)

    @property
    def by_record(self) -> bool:
        return bool(self.sources or self.languages or self.extractors)


#: the shortest rule time limit (seconds) a configuration may set
MIN_RULE_TIMEOUT = 0.05


@dataclass(frozen=True)
class Settings:
    """Every key artlint reads from configuration. Unknown keys are an error, not a silent no-op."""

    __pydantic_config__ = OPTIONS_CONFIG

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    #: glob -> selectors to ignore in matching files (``"archive/**" = ["DT"]``)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    #: globs of files and folders to skip when walking folders (replaces the default list)
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    #: record field -> keys to try (``body = ["content", "text"]``)
    fields: dict[str, list[str]] = field(default_factory=dict)
    #: options per rule, keyed by code or name (``[tool.artlint.rules.DT003] floor = "1990-01-01"``)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Python files whose hook implementations are loaded as plugins (never discovered implicitly)
    plugins: list[str] = field(default_factory=list)
    #: no-code phrase and pattern rules (see artlint.nocode); validated when the run starts
    custom_rules: list[dict[str, Any]] = field(default_factory=list)
    output_format: str | None = None
    fail_on: Literal["error", "warning", "info"] | None = None
    #: seconds a single pattern match may take before it is abandoned and reported (0-60]
    regex_timeout: float = 1.0
    #: seconds one rule may run on one article before it is stopped and reported (AL006); 0:
    #: none (at most 3600)
    rule_timeout: float = 10.0
    overrides: list[Override] = field(default_factory=list)
    #: another config file this one builds on (merged key by key; this file wins)
    extend: str | None = None

    def __post_init__(self) -> None:
        _check_types(self)
        raise_all(_settings_problems(self))

    def merged_with(self, override: Override) -> Settings:
        """These settings with one override block applied on top."""
        rules = {key: dict(value) for key, value in self.rules.items()}
        for key, value in override.rules.items():
            rules.setdefault(key, {}).update(value)
        update: dict[str, Any] = {
            "extend_select": [*self.extend_select, *override.extend_select],
            "ignore": [*self.ignore, *override.ignore],
            "rules": rules,
        }
        if override.select is not None:
            update["select"] = override.select
        return self.model_copy(update=update)

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Settings:
        """A copy with some values replaced, not checked again (as pydantic copies): override
        blocks apply selectors that are checked, with their file named, when rules are bound."""
        copied = copy.copy(self)
        for key, value in (update or {}).items():
            object.__setattr__(copied, key, value)
        return copied

    def model_dump(self, *, mode: str = "python", by_alias: bool = False) -> dict[str, Any]:
        return _dumped(self, mode, by_alias)

    @classmethod
    def model_validate(cls, table: dict[str, Any]) -> Settings:
        """Settings from a configuration table (kebab-case keys); raises pydantic's
        ValidationError."""
        from pydantic import TypeAdapter

        return TypeAdapter(cls).validate_python(table)


def _settings_problems(settings: Settings) -> list[OptionError]:
    """The values no type rules out that artlint cannot use (types are pydantic's to check,
    when a configuration file is read). Messages read as pydantic's own."""
    problems = []
    regex_timeout, rule_timeout = settings.regex_timeout, settings.rule_timeout
    if not regex_timeout > 0:  # written so that NaN fails
        problems.append(OptionError("regex-timeout", "Input should be greater than 0", exact=True))
    elif not regex_timeout <= 60:
        problems.append(
            OptionError("regex-timeout", "Input should be less than or equal to 60", exact=True)
        )
    if not rule_timeout >= 0:
        problems.append(
            OptionError("rule-timeout", "Input should be greater than or equal to 0", exact=True)
        )
    elif not rule_timeout <= 3600:
        problems.append(
            OptionError("rule-timeout", "Input should be less than or equal to 3600", exact=True)
        )
    elif 0 < rule_timeout < MIN_RULE_TIMEOUT:
        # a timer signal every few microseconds would keep the process busy with signals alone
        problems.append(
            OptionError(
                "rule-timeout", f"must be 0 (no limit) or at least {MIN_RULE_TIMEOUT} seconds"
            )
        )
    from artlint.fields import check_field_overrides

    problem = check_field_overrides(settings.fields)
    if problem is not None:
        problems.append(OptionError("fields", problem.split(": ", 1)[1]))
    for key in ("select", "extend_select", "ignore"):
        value = getattr(settings, key)
        if value is not None and any(not item.strip() for item in value):
            problems.append(OptionError(kebab(key), "selectors must be non-empty strings"))
    if settings.select == []:
        # it would check nothing and pass every gate; leaving it out means the defaults
        problems.append(
            OptionError(
                "select", "must list one or more rules (leave it out for the default rules)"
            )
        )
    return problems


def _check_types(settings: Settings) -> None:
    """Settings made in Python (a library caller) hold what their annotations say; a
    configuration file's table is checked, and converted, by pydantic first."""
    for key, value in vars(settings).items():
        if isinstance(value, tuple):  # a tuple of selectors for a list of them
            object.__setattr__(settings, key, list(value))
    wrong = wrong_field(settings)
    if wrong is not None:
        key, value, _ = wrong
        raise TypeError(
            f"Settings.{key} cannot be {type(value).__name__} {value!r:.40}; "
            "Settings.model_validate(table) reads a configuration table"
        )
    if any(not isinstance(block, Override) for block in settings.overrides):
        blocks = [
            block if isinstance(block, Override) else Override(**_python_names(block))
            for block in settings.overrides
        ]
        object.__setattr__(settings, "overrides", blocks)


def _python_names(table: Any) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise TypeError(f"Settings.overrides holds {type(table).__name__}, not a table")
    return {key.replace("-", "_"): value for key, value in table.items()}


def _dumped(item: Any, mode: str, by_alias: bool) -> dict[str, Any]:
    """pydantic's dump (dates as text in JSON mode, keys kebab-case at every level)."""
    from pydantic import TypeAdapter

    adapter: TypeAdapter[Any] = TypeAdapter(type(item))
    dumped: dict[str, Any] = adapter.dump_python(
        item, mode="json" if mode == "json" else "python", by_alias=by_alias
    )
    return dumped


@dataclass(frozen=True)
class LoadedConfig:
    """Settings plus where they came from (None: built-in defaults)."""

    settings: Settings = field(default_factory=Settings)
    path: str | None = None

    @property
    def root(self) -> Path:
        """The folder relative paths in the config (plugins, globs) are taken from."""
        return Path(self.path).parent if self.path else Path.cwd()


def toml_reader() -> ModuleType:
    """``tomllib`` (``tomli`` before Python 3.11), imported only when a file is read: ~3 ms
    that a run without a configuration file does not need."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    return tomllib


def read_config_file(path: Path) -> dict[str, Any] | None:
    """The artlint table of a config file; None for a pyproject.toml without one."""
    toml = toml_reader()
    try:
        data = toml.loads(path.read_text(encoding="utf-8"))
    except toml.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: cannot read: not UTF-8 text") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        # a [tool] that is not a table is the project's own business, not artlint's
        table = tool.get("artlint") if isinstance(tool, dict) else None
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: 'tool.artlint' must be a table ([tool.artlint])")
        return table
    return data


def validate_settings(table: dict[str, Any], origin: str) -> Settings:
    from pydantic import ValidationError

    try:
        return Settings.model_validate(table)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            key = ".".join(str(part) for part in item["loc"])
            message = extra_key_message(item)
            cause = (item.get("ctx") or {}).get("error")
            if isinstance(cause, OptionError):  # checks of __post_init__: at their own keys
                for each in cause.each:
                    where = ".".join(filter(None, (key, each.key)))
                    problems.append(f"{origin}: key '{where}': {each.shown}")
                continue
            problems.append(f"{origin}: key '{key or '(top level)'}': {message}")
        raise ConfigError("\n".join(problems)) from None


def _extended_table(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """A config table with its ``extend`` chain merged in (the extending file wins)."""
    resolved = path.resolve()
    if resolved in seen:
        chain = " -> ".join(str(p) for p in (*seen, resolved))
        raise ConfigError(f"{path}: 'extend' loops back: {chain}")
    table = read_config_file(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.artlint] table")
    parent = table.get("extend")
    if parent is None:
        return table
    if not isinstance(parent, str):
        raise ConfigError(f"{path}: key 'extend': must be a path to another config file")
    base_path = path.parent / parent
    if not base_path.is_file():
        raise ConfigError(f"{path}: key 'extend': no such file {base_path}")
    base = _extended_table(base_path, (*seen, resolved))
    merged = _deep_merge(base, table)
    merged.pop("extend", None)
    # relative paths of the base file stay relative to the base file
    if "plugins" in base and "plugins" not in table:
        merged["plugins"] = [str((base_path.parent / p).resolve()) for p in base["plugins"]]
    if "custom-rules" in base and "custom-rules" not in table:
        merged["custom-rules"] = [
            _rebased_rule(item, base_path.parent) for item in base["custom-rules"]
        ]
    return merged


def _rebased_rule(item: Any, folder: Path) -> Any:
    """A base file's custom rule with its phrase files made absolute, so they still resolve
    when the rule is used from the extending file's folder."""
    if not isinstance(item, dict):
        return item
    files = item.get("phrases-file", item.get("phrases_file"))
    key = "phrases-file" if "phrases-file" in item else "phrases_file"
    if isinstance(files, str):
        return {**item, key: str((folder / files).resolve())}
    if isinstance(files, list):
        return {
            **item,
            key: [str((folder / f).resolve()) if isinstance(f, str) else f for f in files],
        }
    return item


def _deep_merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_config(path: Path) -> LoadedConfig:
    """Load and validate one config file (and the files it extends)."""
    table = _extended_table(path)
    origin = f"{path} [tool.artlint]" if path.name == "pyproject.toml" else str(path)
    return LoadedConfig(settings=validate_settings(table, origin), path=str(path))


@lru_cache(maxsize=256)
def find_config(directory: Path) -> LoadedConfig:
    """The nearest config at or above ``directory``; built-in defaults when there is none."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and read_config_file(candidate) is None:
                continue
            return load_config(candidate)
    return LoadedConfig()
