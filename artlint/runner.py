"""One ``check`` run: paths -> files -> readers -> articles -> engine -> violations, per file."""

from __future__ import annotations

import fnmatch
import gzip
import io
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from artlint import patterns
from artlint.cache import MAX_CACHED_BYTES, Cache, settings_key
from artlint.config import (
    ConfigError,
    LoadedConfig,
    Override,
    Settings,
    find_config,
    load_config,
)
from artlint.discovery import DEFAULT_EXCLUDES, Candidate, discover, is_excluded, logical_name
from artlint.engine import BoundRule, bind_rules, check_article, problem_violation
from artlint.fields import FieldMap
from artlint.models import Article, Violation
from artlint.plugins import Registry, build_registry
from artlint.readers.base import READ_ERRORS, InputFile, ReadProblem
from artlint.rules import Rule
from artlint.suppression import UNUSED_CODE
from artlint.suppression import apply as apply_suppressions

#: below this much input a process pool costs more than it saves
PARALLEL_MIN_BYTES = 4 * 1024 * 1024


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


@dataclass(frozen=True)
class Mode:
    """What to do with each file besides linting it."""

    fix: bool = False
    unsafe_fixes: bool = False
    #: compute fixes but only report the diff; never write
    diff: bool = False
    force_exclude: bool = False
    cache_dir: str | None = None


@dataclass
class FileResult:
    path: str
    violations: list[Violation]
    articles: int = 0
    #: something could not be linted (unreadable input): the run exits 2
    failed: bool = False
    fixed: int = 0
    diff: str = ""


class Run:
    """Resolves configuration per file, builds the registry once, and lints file by file."""

    def __init__(
        self, overrides: Overrides, required_plugins: Sequence[str] = (), mode: Mode = Mode()
    ) -> None:
        self.overrides = overrides
        self.required_plugins = list(required_plugins)
        self.mode = mode
        self._explicit: LoadedConfig | None = None
        if overrides.config_file:
            self._explicit = load_config(Path(overrides.config_file))
        self._rules: dict[tuple[str | None, tuple[str, ...], tuple[int, ...]], list[BoundRule]] = {}
        self._fields: dict[str | None, FieldMap] = {}
        self._cache_keys: dict[tuple[str | None, tuple[str, ...], tuple[int, ...]], str] = {}
        self.cache = Cache(Path(mode.cache_dir)) if mode.cache_dir else None
        self.registry: Registry | None = None
        self.configs: list[LoadedConfig] = []

    # -- configuration -------------------------------------------------------------------

    def config_for(self, path: Path) -> LoadedConfig:
        if self._explicit is not None:
            return self._explicit
        if self.overrides.isolated:
            return LoadedConfig()
        folder = path if path.is_dir() else path.parent
        return find_config(folder.resolve())

    def prepare(self, configs: Sequence[LoadedConfig]) -> Registry:
        """Build the registry with the local plugins and custom rules of every involved config."""
        from artlint.nocode import build_rules

        self.configs = list(configs)
        local: list[Path] = []
        custom: list[Rule] = []
        seen: set[str | None] = set()
        for config in configs:
            if config.path in seen:
                continue
            seen.add(config.path)
            for item in config.settings.plugins:
                plugin_path = (config.root / item).resolve()
                if plugin_path not in local:
                    local.append(plugin_path)
            if config.settings.custom_rules:
                built = build_rules(
                    config.settings.custom_rules, config.root, config.path or "config"
                )
                # nested configs that extend one base declare its rules again: keep one copy
                # of an identical rule, and let a real clash of codes reach the registry
                known = {(item.code, getattr(item.check, "artlint_digest", "")) for item in custom}
                custom.extend(
                    item
                    for item in built
                    if (item.code, getattr(item.check, "artlint_digest", "")) not in known
                )
        self.registry = build_registry(local, self.required_plugins, custom)
        return self.registry

    def rules_for(
        self, path: Path, config: LoadedConfig, article: Article | None = None
    ) -> tuple[list[BoundRule], str]:
        """The bound rules for a file (or one of its records), and a digest for the cache key."""
        assert self.registry is not None
        ignores = _per_file_ignores(path, config)
        matching = tuple(
            index
            for index, block in enumerate(config.settings.overrides)
            if _override_matches(block, path, config, article)
        )
        key = (config.path, tuple(ignores), matching)
        if key not in self._rules:
            settings = config.settings
            for index in matching:
                settings = settings.merged_with(config.settings.overrides[index])
            settings = self.overrides.apply(settings)
            origin = config.path or "command line"
            bound = bind_rules(self.registry, settings, ignores, origin)
            self._rules[key] = bound
            self._cache_keys[key] = settings_key(
                [
                    [(b.rule.code, b.severity, b.options.model_dump(mode="json")) for b in bound],
                    # no-code rules: a changed phrase list must not hit results of the old one
                    [getattr(b.rule.check, "artlint_digest", "") for b in bound],
                    self.fields_for(config).keys,
                    [(p.name, p.version) for p in self.registry.plugins],
                    _plugin_files_stamp(self.registry),
                    _artlint_version(),
                    settings.regex_timeout,
                    [block.model_dump(mode="json") for block in config.settings.overrides],
                ]
            )
        return self._rules[key], self._cache_keys[key]

    def fields_for(self, config: LoadedConfig) -> FieldMap:
        if config.path not in self._fields:
            assert self.registry is not None
            defaults = self.registry.default_config.get("fields", {})
            self._fields[config.path] = FieldMap().with_overrides(
                {**defaults, **config.settings.fields}
            )
        return self._fields[config.path]

    def excludes(self, config: LoadedConfig) -> list[str]:
        base = config.settings.exclude
        return [*(DEFAULT_EXCLUDES if base is None else base), *config.settings.extend_exclude]

    # -- discovery ------------------------------------------------------------------------

    def candidates(self, paths: Sequence[str]) -> list[Candidate]:
        assert self.registry is not None
        suffixes = list(self.registry.readers)
        found: list[Candidate] = []
        for given in paths:
            config = self.config_for(Path(given))
            excludes = self.excludes(config)
            for candidate in discover([given], suffixes, excludes):
                if (
                    candidate.explicit
                    and self.mode.force_exclude
                    and _excluded_anywhere(candidate.path, excludes)
                ):
                    continue
                found.append(candidate)
        return found

    # -- linting --------------------------------------------------------------------------

    def lint_candidate(self, candidate: Candidate) -> FileResult:
        display = str(candidate.path)
        if candidate.problem:
            problem = ReadProblem(path=display, message=candidate.problem, fatal=True)
            return FileResult(display, [problem_violation(problem)], failed=True)
        config = self.config_for(candidate.path)
        is_gzip = candidate.path.name.lower().endswith(".gz")
        if self.mode.fix or self.mode.diff:
            return self._fix_file(candidate.path, display, config, is_gzip)
        if self.cache is not None:
            return self._cached(candidate.path, display, config)
        return self.lint_file(self._input(candidate.path, display), config, candidate.path)

    def _input(self, path: Path, display: str) -> InputFile:
        return InputFile(path=display, logical_name=logical_name(path.name), open=_opener(path))

    def stream_candidate(self, candidate: Candidate) -> Iterator[FileResult]:
        """Like lint_candidate, but a big file streams out in parts."""
        uses_whole_file = self.mode.fix or self.mode.diff or self.cache is not None
        if candidate.problem or uses_whole_file:
            yield self.lint_candidate(candidate)
            return
        display = str(candidate.path)
        config = self.config_for(candidate.path)
        yield from self.stream_file(self._input(candidate.path, display), config, candidate.path)

    def lint_file(self, file: InputFile, config: LoadedConfig, path: Path) -> FileResult:
        """Lint a whole file into one result (cache, fixes and stdin need it whole)."""
        result = FileResult(file.path, [])
        for chunk in self.stream_file(file, config, path, chunk_records=0):
            result.violations.extend(chunk.violations)
            result.articles += chunk.articles
            result.failed = result.failed or chunk.failed
        return result

    def stream_file(
        self, file: InputFile, config: LoadedConfig, path: Path, chunk_records: int = 2000
    ) -> Iterator[FileResult]:
        """Lint a file record by record, yielding a partial result every ``chunk_records``.

        A 10 GB JSON Lines file is never held in memory: neither its records nor all of its
        violations (0: one result for the whole file).
        """
        chunk = FileResult(file.path, [])
        for _article, violations, failed in self._lint_records(file, config, path):
            chunk.violations.extend(violations)
            if failed:
                chunk.failed = True
            else:
                chunk.articles += 1
            if chunk_records and chunk.articles >= chunk_records:
                yield chunk
                chunk = FileResult(file.path, [])
        yield chunk

    def _lint_records(
        self, file: InputFile, config: LoadedConfig, path: Path
    ) -> Iterator[tuple[Article | None, list[Violation], bool]]:
        """Per record: the article (None for a read problem), its violations, whether it failed."""
        assert self.registry is not None
        reader = self.registry.reader_for(file.logical_name)
        if reader is None:
            problem = ReadProblem(
                path=file.path, message="no reader for this kind of file", fatal=True
            )
            yield None, [problem_violation(problem)], True
            return
        rules, _ = self.rules_for(path, config)
        by_record = any(block.by_record for block in config.settings.overrides)
        patterns.set_timeout(config.settings.regex_timeout)
        for item in reader.read(file, self.fields_for(config)):
            if isinstance(item, ReadProblem):
                yield None, [problem_violation(item)], True
                continue
            if by_record:
                rules, _ = self.rules_for(path, config, item)
            report_unused = any(b.rule.code == UNUSED_CODE for b in rules)
            found = apply_suppressions(item, check_article(item, rules), report_unused)
            found.sort(key=Violation.sort_key)
            yield item, found, False

    def _lint_pairs(
        self, file: InputFile, config: LoadedConfig, path: Path
    ) -> list[tuple[Article, Violation]] | None:
        """Every violation with its article, for fixes; None if any part could not be read."""
        pairs: list[tuple[Article, Violation]] = []
        for article, violations, failed in self._lint_records(file, config, path):
            if failed or article is None:
                return None
            pairs.extend((article, violation) for violation in violations)
        return pairs

    def _cached(self, path: Path, display: str, config: LoadedConfig) -> FileResult:
        assert self.cache is not None
        try:
            size = path.stat().st_size
        except OSError:
            size = MAX_CACHED_BYTES + 1
        if size > MAX_CACHED_BYTES:
            return self.lint_file(
                InputFile(path=display, logical_name=logical_name(path.name), open=_opener(path)),
                config,
                path,
            )
        try:
            content = path.read_bytes()
        except OSError:
            content = b""
        _, settings_digest = self.rules_for(path, config)
        key = Cache.key(content, display, settings_digest)
        hit = self.cache.get(key)
        if hit is not None:
            articles, failed, violations = hit
            return FileResult(display, violations, articles, failed)
        result = self.lint_file(
            InputFile(
                path=display,
                logical_name=logical_name(path.name),
                open=_bytes_opener(content, path.name.lower().endswith(".gz")),
            ),
            config,
            path,
        )
        if not any(v.code in ("AL001", "AL003") for v in result.violations):
            self.cache.put(key, result.articles, result.failed, result.violations)
        return result

    def _fix_file(
        self, path: Path, display: str, config: LoadedConfig, is_gzip: bool
    ) -> FileResult:
        from artlint.fixes import encode_like, fix_text, write_atomically

        try:
            original = path.read_bytes()
            raw = gzip.decompress(original) if is_gzip else original
            text = raw.decode("utf-8-sig")
        except READ_ERRORS + (UnicodeDecodeError,):  # zlib.error too: a corrupt .gz
            # not decodable as a whole: lint it (which reports why) and never rewrite it
            return self.lint_file(
                InputFile(path=display, logical_name=logical_name(path.name), open=_opener(path)),
                config,
                path,
            )
        name = logical_name(path.name)

        def lint_text(current: str) -> list[tuple[Article, Violation]] | None:
            data = current.encode("utf-8")
            return self._lint_pairs(
                InputFile(path=display, logical_name=name, open=_bytes_opener(data, False)),
                config,
                path,
            )

        outcome = fix_text(text, lint_text, self.mode.unsafe_fixes)
        result = FileResult(display, [])
        if outcome.applied and outcome.text != text:
            if self.mode.diff:
                import difflib

                result.diff = "".join(
                    difflib.unified_diff(
                        text.splitlines(keepends=True),
                        outcome.text.splitlines(keepends=True),
                        fromfile=f"a/{display}",
                        tofile=f"b/{display}",
                    )
                )
            else:
                write_atomically(path, encode_like(original, outcome.text, is_gzip))
            result.fixed = len(outcome.applied)
        final_text = text if self.mode.diff else outcome.text
        data = final_text.encode("utf-8")
        final = self.lint_file(
            InputFile(path=display, logical_name=name, open=_bytes_opener(data, False)),
            config,
            path,
        )
        final.fixed, final.diff = result.fixed, result.diff
        return final

    def lint_stdin(self, data: bytes, filename: str) -> FileResult:
        path = Path(filename)
        config = self.config_for(path if path.parent.exists() else Path.cwd())
        name = logical_name(path.name)
        is_gzip = path.name.lower().endswith(".gz")
        return self.lint_file(
            InputFile(path=filename, logical_name=name, open=_bytes_opener(data, is_gzip)),
            config,
            path,
        )

    def results(self, paths: Sequence[str], jobs: int = 1) -> Iterator[FileResult]:
        """Lint every file, in a deterministic order, with a process pool when it pays off."""
        candidates = self.candidates(paths)
        if jobs > 1 and len(candidates) > 1 and _total_size(candidates) >= PARALLEL_MIN_BYTES:
            yield from self._parallel(candidates, paths, jobs)
            return
        for candidate in candidates:
            yield from self.stream_candidate(candidate)

    def _parallel(
        self, candidates: list[Candidate], paths: Sequence[str], jobs: int
    ) -> Iterator[FileResult]:
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        chunk = max(1, min(64, len(candidates) // (jobs * 8)))
        with context.Pool(
            jobs,
            initializer=_init_worker,
            initargs=(self.overrides, self.required_plugins, self.mode, list(paths)),
        ) as pool:
            yield from pool.imap(_lint_in_worker, candidates, chunksize=chunk)


_worker: Run | None = None


def _init_worker(overrides: Overrides, required: list[str], mode: Mode, paths: list[str]) -> None:
    global _worker
    run = Run(overrides, required, mode)
    run.prepare([run.config_for(Path(p)) for p in paths])
    _worker = run


def _lint_in_worker(candidate: Candidate) -> FileResult:
    assert _worker is not None
    return _worker.lint_candidate(candidate)


def _total_size(candidates: list[Candidate]) -> int:
    total = 0
    for candidate in candidates:
        try:
            total += candidate.path.stat().st_size
        except OSError:
            continue
        if total >= PARALLEL_MIN_BYTES:
            break
    return total


def _excluded_anywhere(path: Path, patterns_: list[str]) -> bool:
    return any(
        is_excluded(Path(*path.parts[: index + 1]), patterns_) for index in range(len(path.parts))
    )


def _opener(path: Path) -> Callable[[], BinaryIO]:
    if path.name.lower().endswith(".gz"):
        return lambda: gzip.open(path, "rb")  # type: ignore[return-value]
    return lambda: open(path, "rb")


def _bytes_opener(data: bytes, is_gzip: bool) -> Callable[[], BinaryIO]:
    def open_bytes() -> BinaryIO:
        raw: BinaryIO = io.BytesIO(data)
        return gzip.GzipFile(fileobj=raw) if is_gzip else raw  # type: ignore[return-value]

    return open_bytes


def _override_matches(
    block: Override, path: Path, config: LoadedConfig, article: Article | None
) -> bool:
    if block.files:
        relative = _relative(path, config)
        if not any(
            fnmatch.fnmatch(relative, g) or fnmatch.fnmatch(path.name, g) for g in block.files
        ):
            return False
    if not block.by_record:
        return True
    if article is None:
        return False
    if block.sources:
        domain = source_domain(article)
        if domain is None or not any(
            domain == s.lower() or domain.endswith("." + s.lower()) for s in block.sources
        ):
            return False
    if block.languages:
        language = (article.language or "").lower().replace("_", "-")
        if not any(
            language == lang.lower() or language.startswith(lang.lower() + "-")
            for lang in block.languages
        ):
            return False
    if block.extractors:
        extractor = article.extra.get("extractor") or article.extra.get("scraper")
        if not isinstance(extractor, str) or extractor not in block.extractors:
            return False
    return True


def source_domain(article: Article) -> str | None:
    """The record's site: the URL's host without ``www.``, else the source field."""
    from urllib.parse import urlsplit

    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return host.lower().removeprefix("www.")
    if article.source:
        return article.source.strip().lower().removeprefix("www.")
    return None


def _relative(path: Path, config: LoadedConfig) -> str:
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _per_file_ignores(path: Path, config: LoadedConfig) -> list[str]:
    table = config.settings.per_file_ignores
    if not table:
        return []
    relative = _relative(path, config)
    ignores: list[str] = []
    for pattern, selectors in table.items():
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern):
            ignores.extend(selectors)
    return ignores


def _plugin_files_stamp(registry: Registry) -> list[tuple[str, int, int]]:
    """Size and mtime of the plugins' own files, so an edited rule never reads a stale cache.

    Released plugins change their version; this covers editable installs and local rule files.
    """
    import importlib.util

    folders: set[Path] = set()
    files: set[Path] = set()
    for info in registry.plugins:
        module = info.module.split(":")[0]
        if module.endswith(".py"):
            files.add(Path(module))
            continue
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            continue
        if spec is not None and spec.origin:
            folders.add(Path(spec.origin).parent)
    for folder in folders:
        files.update(
            file
            for file in folder.rglob("*")
            if file.suffix in (".py", ".txt", ".toml", ".yaml") and file.is_file()
        )
    stamp = []
    for file in sorted(files):
        try:
            status = file.stat()
        except OSError:
            continue
        stamp.append((str(file), status.st_size, status.st_mtime_ns))
    return stamp


def _artlint_version() -> str:
    from artlint._version import __version__

    return __version__


def default_jobs(value: str) -> int:
    """``-j auto`` is every core the process may use."""
    if value == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not on Linux
            return max(1, os.cpu_count() or 1)
    return max(1, int(value))


__all__ = ["ConfigError", "FileResult", "Mode", "Overrides", "Run", "default_jobs"]
