"""``[tool.artlint]`` in ``pyproject.toml`` or the top level of ``artlint.toml``, validated."""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_FILES = ("artlint.toml", ".artlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Override(BaseModel):
    """``[[tool.artlint.overrides]]``: settings for some files or records only.

    Every criterion given must match: ``files`` (globs relative to the config file), ``sources``
    (the record's URL domain or source field, subdomains included), ``languages``,
    ``extractors`` (the record's ``extractor`` or ``scraper`` field).
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )

    files: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    extractors: list[str] = Field(default_factory=list)
    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)

    @property
    def by_record(self) -> bool:
        return bool(self.sources or self.languages or self.extractors)


#: the shortest rule time limit (seconds) a configuration may set
MIN_RULE_TIMEOUT = 0.05


class Settings(BaseModel):
    """Every key artlint reads from configuration. Unknown keys are an error, not a silent no-op."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )

    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    #: glob -> selectors to ignore in matching files (``"archive/**" = ["DT"]``)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    #: globs of files and folders to skip when walking folders (replaces the default list)
    exclude: list[str] | None = None
    extend_exclude: list[str] = Field(default_factory=list)
    #: record field -> keys to try (``body = ["content", "text"]``)
    fields: dict[str, list[str]] = Field(default_factory=dict)
    #: options per rule, keyed by code or name (``[tool.artlint.rules.DT003] floor = "1990-01-01"``)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    #: Python files whose hook implementations are loaded as plugins (never discovered implicitly)
    plugins: list[str] = Field(default_factory=list)
    #: no-code phrase and pattern rules (see artlint.nocode); validated when the run starts
    custom_rules: list[dict[str, Any]] = Field(default_factory=list)
    output_format: str | None = None
    fail_on: Literal["error", "warning", "info"] | None = None
    #: seconds a single pattern match may take before it is abandoned and reported
    regex_timeout: float = Field(default=1.0, gt=0, le=60)
    #: seconds one rule may run on one article before it is stopped and reported (AL006); 0: none
    rule_timeout: float = Field(default=10.0, ge=0, le=3600)
    overrides: list[Override] = Field(default_factory=list)
    #: another config file this one builds on (merged key by key; this file wins)
    extend: str | None = None

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

    @field_validator("rule_timeout")
    @classmethod
    def _usable_timeout(cls, value: float) -> float:
        # a timer signal every few microseconds would keep the process busy with signals alone
        if 0 < value < MIN_RULE_TIMEOUT:
            raise ValueError(f"must be 0 (no limit) or at least {MIN_RULE_TIMEOUT} seconds")
        return value

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        from artlint.fields import check_field_overrides

        problem = check_field_overrides(value)
        if problem is not None:
            raise ValueError(problem.split(": ", 1)[1])
        return value

    @field_validator("select", "extend_select", "ignore")
    @classmethod
    def _no_empty_selectors(cls, value: list[str] | None) -> list[str] | None:
        if value is not None and any(not item.strip() for item in value):
            raise ValueError("selectors must be non-empty strings")
        return value

    @field_validator("select")
    @classmethod
    def _selects_something(cls, value: list[str] | None) -> list[str] | None:
        if value == []:
            # it would check nothing and pass every gate; leaving it out means the defaults
            raise ValueError("must list one or more rules (leave it out for the default rules)")
        return value


class LoadedConfig(BaseModel):
    """Settings plus where they came from (None: built-in defaults)."""

    model_config = ConfigDict(frozen=True)

    settings: Settings = Settings()
    path: str | None = None

    @property
    def root(self) -> Path:
        """The folder relative paths in the config (plugins, globs) are taken from."""
        return Path(self.path).parent if self.path else Path.cwd()


def read_config_file(path: Path) -> dict[str, Any] | None:
    """The artlint table of a config file; None for a pyproject.toml without one."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
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
    try:
        return Settings.model_validate(table)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            key = ".".join(str(part) for part in item["loc"]) or "(top level)"
            problems.append(f"{origin}: key '{key}': {item['msg']}")
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
