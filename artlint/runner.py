"""One ``check`` run: paths -> files -> readers -> articles -> engine -> violations, per file."""

from __future__ import annotations

import fnmatch
import gzip
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from artlint import patterns
from artlint.config import ConfigError, LoadedConfig, Settings, find_config, load_config
from artlint.discovery import DEFAULT_EXCLUDES, Candidate, discover, logical_name
from artlint.engine import BoundRule, bind_rules, check_article, problem_violation
from artlint.fields import FieldMap
from artlint.models import Violation
from artlint.plugins import Registry, build_registry
from artlint.readers.base import InputFile, ReadProblem


@dataclass(frozen=True)
class Overrides:
    """Command-line settings that apply on top of every file's configuration."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    config_file: str | None = None
    isolated: bool = False

    def apply(self, settings: Settings) -> Settings:
        update: dict[str, object] = {}
        if self.select is not None:
            update["select"] = self.select
        if self.extend_select:
            update["extend_select"] = [*settings.extend_select, *self.extend_select]
        if self.ignore:
            update["ignore"] = [*settings.ignore, *self.ignore]
        return settings.model_copy(update=update) if update else settings


@dataclass
class FileResult:
    path: str
    violations: list[Violation]
    articles: int = 0
    #: something could not be linted (unreadable input): the run exits 2
    failed: bool = False


class Run:
    """Resolves configuration per file, builds the registry once, and lints file by file."""

    def __init__(self, overrides: Overrides, required_plugins: Sequence[str] = ()) -> None:
        self.overrides = overrides
        self.required_plugins = list(required_plugins)
        self._explicit: LoadedConfig | None = None
        if overrides.config_file:
            self._explicit = load_config(Path(overrides.config_file))
        self._rules: dict[tuple[str | None, tuple[str, ...]], list[BoundRule]] = {}
        self._fields: dict[str | None, FieldMap] = {}
        self.registry: Registry | None = None

    def config_for(self, path: Path) -> LoadedConfig:
        if self._explicit is not None:
            return self._explicit
        if self.overrides.isolated:
            return LoadedConfig()
        folder = path if path.is_dir() else path.parent
        return find_config(folder.resolve())

    def prepare(self, configs: Sequence[LoadedConfig]) -> Registry:
        """Build the registry with the local plugins every involved config lists."""
        local: list[Path] = []
        for config in configs:
            for item in config.settings.plugins:
                plugin_path = (config.root / item).resolve()
                if plugin_path not in local:
                    local.append(plugin_path)
        from artlint.nocode import build_rules

        custom = []
        for config in configs:
            if config.settings.custom_rules:
                custom.extend(build_rules(config.settings.custom_rules, config.root,
                                          config.path or "config"))
        self.registry = build_registry(local, self.required_plugins, custom)
        return self.registry

    def rules_for(self, path: Path, config: LoadedConfig) -> list[BoundRule]:
        assert self.registry is not None
        settings = self.overrides.apply(config.settings)
        ignores = _per_file_ignores(path, config)
        key = (config.path, tuple(ignores))
        if key not in self._rules:
            origin = config.path or "command line"
            self._rules[key] = bind_rules(self.registry, settings, ignores, origin)
        return self._rules[key]

    def fields_for(self, config: LoadedConfig) -> FieldMap:
        if config.path not in self._fields:
            assert self.registry is not None
            defaults = self.registry.default_config.get("fields", {})
            self._fields[config.path] = FieldMap().with_overrides(
                {**defaults, **config.settings.fields})
        return self._fields[config.path]

    def excludes(self, config: LoadedConfig) -> list[str]:
        base = config.settings.exclude
        return [*(DEFAULT_EXCLUDES if base is None else base), *config.settings.extend_exclude]

    def candidates(self, paths: Sequence[str]) -> list[Candidate]:
        registry_suffixes = self.known_suffixes()
        found: list[Candidate] = []
        for given in paths:
            config = self.config_for(Path(given))
            found.extend(discover([given], registry_suffixes, self.excludes(config)))
        return found

    def known_suffixes(self) -> list[str]:
        assert self.registry is not None
        return list(self.registry.readers)

    def lint_candidate(self, candidate: Candidate) -> FileResult:
        display = str(candidate.path)
        if candidate.problem:
            problem = ReadProblem(path=display, message=candidate.problem, fatal=True)
            return FileResult(display, [problem_violation(problem)], failed=True)
        config = self.config_for(candidate.path)
        return self.lint_file(
            InputFile(path=display, logical_name=logical_name(candidate.path.name),
                      open=_opener(candidate.path)),
            config, candidate.path)

    def lint_file(self, file: InputFile, config: LoadedConfig, path: Path) -> FileResult:
        assert self.registry is not None
        reader = self.registry.reader_for(file.logical_name)
        if reader is None:
            problem = ReadProblem(path=file.path, message="no reader for this kind of file",
                                  fatal=True)
            return FileResult(file.path, [problem_violation(problem)], failed=True)
        rules = self.rules_for(path, config)
        patterns.set_timeout(config.settings.regex_timeout)
        result = FileResult(file.path, [])
        for item in reader.read(file, self.fields_for(config)):
            if isinstance(item, ReadProblem):
                result.violations.append(problem_violation(item))
                result.failed = True
                continue
            result.articles += 1
            result.violations.extend(check_article(item, rules))
        result.violations.sort(key=Violation.sort_key)
        return result

    def lint_stdin(self, data: bytes, filename: str) -> FileResult:
        path = Path(filename)
        config = self.config_for(path if path.parent.exists() else Path.cwd())
        name = logical_name(path.name)
        is_gzip = path.name.lower().endswith(".gz")

        def open_stdin() -> BinaryIO:
            raw: BinaryIO = io.BytesIO(data)
            return gzip.GzipFile(fileobj=raw) if is_gzip else raw  # type: ignore[return-value]

        return self.lint_file(InputFile(path=filename, logical_name=name, open=open_stdin),
                              config, path)

    def results(self, paths: Sequence[str]) -> Iterator[FileResult]:
        for candidate in self.candidates(paths):
            yield self.lint_candidate(candidate)


def _opener(path: Path) -> Callable[[], BinaryIO]:
    if path.name.lower().endswith(".gz"):
        return lambda: gzip.open(path, "rb")  # type: ignore[return-value]
    return lambda: open(path, "rb")


def _per_file_ignores(path: Path, config: LoadedConfig) -> list[str]:
    table = config.settings.per_file_ignores
    if not table:
        return []
    try:
        relative = path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    ignores: list[str] = []
    for pattern, selectors in table.items():
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern):
            ignores.extend(selectors)
    return ignores

__all__ = ["ConfigError", "FileResult", "Overrides", "Run"]
