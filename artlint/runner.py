"""One ``check`` run: paths -> files -> readers -> articles -> engine -> violations, per file."""

from __future__ import annotations

import dataclasses
import fnmatch
import io
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from artlint import pattern_cache, patterns, watchdog
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
from artlint.engine import (
    CHECK_BATCH,
    BoundRule,
    bind_rules,
    check_article,
    check_articles,
    covering,
    problem_violation,
    unwritten_fix_violation,
    without_covered,
)
from artlint.fields import FieldMap
from artlint.models import Article, FieldSource, Violation
from artlint.plugins import Registry, build_registry
from artlint.readers.base import (
    BINARY_SNIFF_BYTES,
    READ_ERRORS,
    InputFile,
    ReadProblem,
    describe_io_error,
)
from artlint.rules import Rule
from artlint.suppression import UNUSED_CODE
from artlint.suppression import apply as apply_suppressions

if TYPE_CHECKING:
    from artlint.readers.records import ArrayPart

#: below this much input to lint (files the cache knows do not count) a process pool costs
#: more than it saves: two workers broke even at ~0.8 MB of articles (a fork pool costs ~50 ms
#: of start-up and teardown); ``ARTLINT_PARALLEL_MIN_BYTES`` overrides it (tests force the pool)
PARALLEL_MIN_BYTES = 1024 * 1024
#: with ``-j N`` a JSON Lines file bigger than this is linted in pieces of about this size,
#: so one huge file spreads over every core; ``ARTLINT_SPLIT_BYTES`` overrides it
SPLIT_BYTES = 8 * 1024 * 1024
#: with -j, files looked at (and held) at most while deciding whether a pool pays off
MAX_HEAD_FILES = 256
#: small files (up to this size) of the same rules are read and checked together, this many
#: at a time (see Run.lint_candidates)
GROUP_FILE_BYTES = 256 * 1024
GROUP_FILES = 32
#: -j hands workers small files in batches of about this many bytes or files
BATCH_BYTES = 512 * 1024
#: pieces of a compressed JSON Lines file: the parent decompresses them and sends their bytes
#: to the workers, so they are smaller than SPLIT_BYTES to keep the pieces in flight (a few per
#: worker) to a few MiB of the parent's memory
CARRIED_PIECE_BYTES = 2 * 1024 * 1024
#: pieces of a JSON array, in characters: the parent holds each piece's text besides its bytes
#: (bench corpus as one 112 MB array, -j 2: peak RSS 97 MiB with 2 MiB pieces, 68 with 1 MiB)
ARRAY_PIECE_CHARS = 1024 * 1024
BATCH_FILES = 64


def _bytes_setting(name: str, default: int, minimum: int = 1) -> int:
    """An internal size knob from the environment; a bad value falls back to the default."""
    try:
        value = int(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value >= minimum else default


@dataclass(frozen=True)
class Overrides:
    """Command-line settings that apply on top of every file's configuration."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    config_file: str | None = None
    isolated: bool = False
    regex_timeout: float | None = None
    rule_timeout: float | None = None

    def apply(self, settings: Settings) -> Settings:
        update: dict[str, object] = {}
        if self.regex_timeout is not None:
            update["regex_timeout"] = self.regex_timeout
        if self.rule_timeout is not None:
            update["rule_timeout"] = self.rule_timeout
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


@dataclass(frozen=True)
class Unseen:
    """A file the cache has no result for: its key, and the bytes the key was made of (linted
    as they are, so that the stored result is that of the bytes hashed)."""

    key: str
    content: bytes


class Run:
    """Resolves configuration per file, builds the registry once, and lints file by file
    (runs of small files read first and their articles checked together)."""

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
        self._isolated_config = LoadedConfig() if overrides.isolated else None

    # -- configuration -------------------------------------------------------------------

    def config_for(self, path: Path) -> LoadedConfig:
        if self._explicit is not None:
            return self._explicit
        if self._isolated_config is not None:
            return self._isolated_config
        folder = path if path.is_dir() else path.parent
        return find_config(folder.resolve())

    def prepare(self, configs: Sequence[LoadedConfig], keep_going: bool = False) -> Registry:
        """Build the registry with the local plugins and custom rules of every involved config
        (``keep_going``: leave out plugins that fail to import, see ``build_registry``)."""
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
                from artlint.nocode import build_rules  # only when a config has custom rules

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
        self.registry = build_registry(local, self.required_plugins, custom, keep_going)
        return self.registry

    def _rules_key(
        self, path: Path, config: LoadedConfig, article: Article | None
    ) -> tuple[str | None, tuple[str, ...], tuple[int, ...]]:
        ignores = _per_file_ignores(path, config)
        matching = tuple(
            index
            for index, block in enumerate(config.settings.overrides)
            if _override_matches(block, path, config, article)
        )
        return (config.path, tuple(ignores), matching)

    def _settings_for(
        self, config: LoadedConfig, key: tuple[str | None, tuple[str, ...], tuple[int, ...]]
    ) -> Settings:
        settings = config.settings
        for index in key[2]:
            settings = settings.merged_with(config.settings.overrides[index])
        return self.overrides.apply(settings)

    def _set_time_limits(self, config: LoadedConfig) -> None:
        """Arm the pattern and rule time limits of a file's config (or the command line's)."""
        regex_timeout, rule_timeout = self.overrides.regex_timeout, self.overrides.rule_timeout
        settings = config.settings
        patterns.set_timeout(settings.regex_timeout if regex_timeout is None else regex_timeout)
        watchdog.set_limit(settings.rule_timeout if rule_timeout is None else rule_timeout)

    def rules_for(
        self, path: Path, config: LoadedConfig, article: Article | None = None
    ) -> list[BoundRule]:
        """The bound rules for a file (or one of its records)."""
        assert self.registry is not None
        key = self._rules_key(path, config, article)
        if key not in self._rules:
            origin = config.path or "command line"
            settings = self._settings_for(config, key)
            self._rules[key] = bind_rules(self.registry, settings, list(key[1]), origin)
        return self._rules[key]

    def cache_digest(self, path: Path, config: LoadedConfig) -> str:
        """A digest of everything besides the file that decides its result, for the cache key.

        Computed only when the cache is used: it stats every file of every plugin.
        """
        assert self.registry is not None
        key = self._rules_key(path, config, None)
        if key not in self._cache_keys:
            bound = self.rules_for(path, config)
            settings = self._settings_for(config, key)
            self._cache_keys[key] = settings_key(
                [
                    [(b.rule.code, b.severity, _options_key(b.options)) for b in bound],
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
        return self._cache_keys[key]

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

    def candidates(self, paths: Sequence[str]) -> Iterator[Candidate]:
        """The files to lint, found as linting goes (never collected into a list)."""
        assert self.registry is not None
        suffixes = list(self.registry.readers)
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
                yield candidate

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

    def lint_candidates(self, candidates: Sequence[Candidate], whole: bool) -> Iterator[FileResult]:
        """The results of these files, in order: as :meth:`lint_candidate` gives them
        (``whole``) or :meth:`stream_candidate`.

        A run of small files that share their configuration and rules is read first and its
        articles checked together (see :func:`check_articles`): most datasets of single
        articles are folders of small files, one article each.
        """
        group: list[Candidate] = []
        shared: tuple[LoadedConfig, list[BoundRule]] | None = None
        for candidate in candidates:
            joins = self._groupable(candidate)
            if (
                group
                and shared is not None
                and (
                    joins is None
                    or joins[0] is not shared[0]
                    or joins[1] is not shared[1]
                    or len(group) == GROUP_FILES
                )
            ):
                yield from self._lint_group(group, *shared)
                group = []
            if joins is None:
                # a read problem, a fix, a big file, or a configuration error to raise in turn
                yield from (
                    [self.lint_candidate(candidate)] if whole else self.stream_candidate(candidate)
                )
            else:
                group.append(candidate)
                shared = joins
        if group and shared is not None:
            yield from self._lint_group(group, *shared)

    def _groupable(self, candidate: Candidate) -> tuple[LoadedConfig, list[BoundRule]] | None:
        """The configuration and rules of a file that can be linted in a group, else None."""
        if candidate.problem or self.mode.fix or self.mode.diff:
            return None
        assert self.registry is not None
        if self.registry.reader_for(logical_name(candidate.path.name)) is None:
            return None
        # a compressed file's size says nothing of what it holds: it is streamed on its own
        if candidate.path.name.lower().endswith(".gz") or _size(candidate) > GROUP_FILE_BYTES:
            return None
        try:
            config = self.config_for(candidate.path)
            if any(block.by_record for block in config.settings.overrides):
                return None
            return config, self.rules_for(candidate.path, config)
        except Exception:  # noqa: BLE001 - raised again, in its turn, by the one-file path
            return None

    def _lint_group(
        self, group: Sequence[Candidate], config: LoadedConfig, rules: list[BoundRule]
    ) -> Iterator[FileResult]:
        self._set_time_limits(config)
        read: list[_ReadFile] = []
        articles = 0
        try:
            for candidate in group:
                read.append(self._read_for_group(candidate, config))
                articles += _article_count(read[-1])
                if articles >= CHECK_BATCH:
                    # files of many records: checked as far as here, so that a group never
                    # holds much more than a batch of articles
                    yield from _checked_group(read, rules, self._store)
                    read, articles = [], 0
        except GeneratorExit:
            raise  # the consumer stopped reading (a closed pipe): nothing more to report
        except BaseException:
            # a plugin's reader that raised, or Ctrl-C: the files read before it are reported
            # first, as they are file by file
            yield from _checked_group(read, rules, self._store)
            raise
        yield from _checked_group(read, rules, self._store)

    def _read_for_group(self, candidate: Candidate, config: LoadedConfig) -> _ReadFile:
        """A file's records (or its result, when the cache has it) and its cache key."""
        path = candidate.path
        display = str(path)
        file = self._input(path, display)
        key = None
        if self.cache is not None:
            found = self._cache_lookup(path, display, config)
            if isinstance(found, FileResult):
                return display, found, None
            key = found.key
            file = _hashed_input(path, display, found.content)
        reader = self.registry.reader_for(file.logical_name)  # type: ignore[union-attr]
        assert reader is not None  # asked by _groupable
        return display, list(reader.read(file, self.fields_for(config))), key

    def lint_piece(self, piece: Piece) -> FileResult:
        """Lint one piece of a split JSON Lines file (in a worker)."""
        from artlint.readers.records import read_json_lines_range

        path = piece.candidate.path
        display = str(path)
        config = self.config_for(path)
        file = self._input(path, display)
        items = read_json_lines_range(
            file,
            self.fields_for(config),
            piece.start,
            # -1: the parent could not read on, so this piece is the rest of the file
            None if piece.end < 0 else piece.end,
            piece.first_line,
            piece.first_record,
            data=piece.data,
        )
        return self.lint_file(file, config, path, items)

    def lint_array_piece(self, piece: ArrayPiece) -> FileResult:
        """Lint some records of a split JSON array (in a worker)."""
        from artlint.readers.records import read_array_part

        path = piece.candidate.path
        config = self.config_for(path)
        file = self._input(path, str(path))
        items = read_array_part(file.path, piece.part, self.fields_for(config))
        return self.lint_file(file, config, path, items)

    def lint_array_rest(self, rest: ArrayRest) -> FileResult:
        """Lint a split JSON array from record ``rest.first_record`` on, reading the whole file
        as one process does: what made the parent stop cutting is reported as it would be."""
        from artlint.readers.records import read_json

        path = rest.candidate.path
        config = self.config_for(path)
        file = self._input(path, str(path))
        if rest.data is not None:
            opener = _bytes_opener(rest.data, path.name.lower().endswith(".gz"))
            file = InputFile(path=file.path, logical_name=file.logical_name, open=opener)
        items = (
            item
            for item in read_json(file, self.fields_for(config))
            if not isinstance(item, Article) or (item.record or 0) >= rest.first_record
        )
        return self.lint_file(file, config, path, items)

    def lint_file(
        self,
        file: InputFile,
        config: LoadedConfig,
        path: Path,
        items: Iterable[Article | ReadProblem] | None = None,
    ) -> FileResult:
        """Lint a whole file into one result (cache, fixes and stdin need it whole); ``items``
        replaces the file's reader (a worker's piece of a split file)."""
        return _result_of(file.path, self._lint_records(file, config, path, items))

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
        self,
        file: InputFile,
        config: LoadedConfig,
        path: Path,
        items: Iterable[Article | ReadProblem] | None = None,
    ) -> Iterator[tuple[Article | None, list[Violation], bool]]:
        """Per record: the article (None for a read problem), its violations, whether it failed.

        ``items`` replaces the file's reader (a worker reading one piece of a split file).
        """
        assert self.registry is not None
        if items is None:
            reader = self.registry.reader_for(file.logical_name)
            if reader is None:
                problem = ReadProblem(
                    path=file.path, message="no reader for this kind of file", fatal=True
                )
                yield None, [problem_violation(problem)], True
                return
            items = reader.read(file, self.fields_for(config))
        rules = self.rules_for(path, config)  # a bad option is an error before any record
        self._set_time_limits(config)
        if any(block.by_record for block in config.settings.overrides):
            # each record may have rules of its own: checked one by one
            for item in items:
                if isinstance(item, ReadProblem):
                    yield None, [problem_violation(item)], True
                else:
                    yield from record_results([item], self.rules_for(path, config, item))
            return
        # The same rules for every record: checked CHECK_BATCH articles at a time, rule by rule
        # (see check_articles), and still handed on one by one, in order.
        batch: list[Article | ReadProblem] = []
        articles = 0
        for item in items:
            batch.append(item)
            if isinstance(item, Article):
                articles += 1
                if articles == CHECK_BATCH:
                    yield from record_results(batch, rules)
                    batch, articles = [], 0
        yield from record_results(batch, rules)

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
        try:
            size = path.stat().st_size
        except OSError:
            size = MAX_CACHED_BYTES + 1
        if size > MAX_CACHED_BYTES:
            return self.lint_file(self._input(path, display), config, path)
        found = self._cache_lookup(path, display, config)
        if isinstance(found, FileResult):
            return found
        result = self.lint_file(_hashed_input(path, display, found.content), config, path)
        self._store(found.key, result)
        return result

    def _cache_lookup(self, path: Path, display: str, config: LoadedConfig) -> FileResult | Unseen:
        """The file's cached result (or why it cannot be read), else its key and content."""
        assert self.cache is not None
        try:
            content = path.read_bytes()
        except OSError as error:
            problem = ReadProblem(path=display, message=describe_io_error(error), fatal=True)
            return FileResult(display, [problem_violation(problem)], failed=True)
        key = Cache.key(content, display, self.cache_digest(path, config))
        hit = self.cache.get(key)
        if hit is not None:
            articles, failed, violations = hit
            return FileResult(display, violations, articles, failed)
        return Unseen(key, content)

    def _store(self, key: str, result: FileResult) -> None:
        assert self.cache is not None
        # a crash or a time limit is not a result of the file: the next run tries again
        if not any(v.code in ("AL001", "AL003", "AL006") for v in result.violations):
            self.cache.put(key, result.articles, result.failed, result.violations)

    def _fix_file(
        self, path: Path, display: str, config: LoadedConfig, is_gzip: bool
    ) -> FileResult:
        from artlint.fixes import write_atomically

        try:
            original = path.read_bytes()
        except READ_ERRORS:
            # not readable: lint it (which reports why) and never rewrite it
            return self.lint_file(self._input(path, display), config, path)
        result, fixed = self._fix_bytes(original, display, config, path, is_gzip)
        if fixed is None:
            return result
        refusal = _refuse_to_write(path)
        if refusal is None:
            try:
                write_atomically(path, fixed)
            except OSError as error:
                refusal = error.strerror or str(error)
        if refusal is None:
            return result
        # the file stays as it was: report it as it is
        as_is = InputFile(
            path=display,
            logical_name=logical_name(path.name),
            open=_bytes_opener(original, is_gzip),
        )
        unchanged = self.lint_file(as_is, config, path)
        unchanged.violations.insert(0, unwritten_fix_violation(display, refusal))
        unchanged.failed = True
        return unchanged

    def _fix_bytes(
        self, original: bytes, display: str, config: LoadedConfig, path: Path, is_gzip: bool
    ) -> tuple[FileResult, bytes | None]:
        """Fix a file's bytes: the result for the fixed text (with --diff, for the original
        one) and the bytes to write, None when nothing changed."""
        import gzip

        from artlint.fixes import MAX_PASSES, encode_like, fix_text

        name = logical_name(path.name)
        try:
            raw = gzip.decompress(original) if is_gzip else original
            text = raw.decode("utf-8-sig")
        except READ_ERRORS + (UnicodeDecodeError,):  # zlib.error too: a corrupt .gz
            # not decodable as a whole: lint it (which reports why) and never rewrite it
            opener = _bytes_opener(original, is_gzip)
            whole = InputFile(path=display, logical_name=name, open=opener)
            return self.lint_file(whole, config, path), None

        def lint_text(current: str) -> list[tuple[Article, Violation]] | None:
            data = current.encode("utf-8")
            return self._lint_pairs(
                InputFile(path=display, logical_name=name, open=_bytes_opener(data, False)),
                config,
                path,
            )

        outcome = fix_text(text, lint_text, self.mode.unsafe_fixes)
        # Records are fixed independently of each other: when the fixes of some records never
        # settle, only those records are held back and the rest of the file is fixed (one bad
        # record must not hold back a whole dataset). A file of one article has no such parts.
        held: dict[int | None, tuple[int, list[str]]] = {}
        while outcome.unsettled and None not in outcome.unsettled_records:
            held.update(outcome.unsettled_records)
            outcome = fix_text(text, lint_text, self.mode.unsafe_fixes, held=held.keys())
        refusal = None
        if outcome.broke_file:
            refusal = (
                "applying them made the file unreadable (a rule's fix does not fit this "
                "format); the file was left as it was"
            )
        elif outcome.unsettled:
            # Each pass brought new fixes: writing any of them could do damage without end.
            refusal = (
                f"the fixes of {', '.join(outcome.unsettled)} did not settle in {MAX_PASSES} "
                "passes (each pass found more to fix, as a fix that brings back what it fixes "
                "does); the file was left as it was"
            )
        if refusal is not None:
            as_is = self.lint_file(
                InputFile(path=display, logical_name=name, open=_bytes_opener(original, is_gzip)),
                config,
                path,
            )
            as_is.violations.insert(0, unwritten_fix_violation(display, refusal))
            as_is.failed = True
            return as_is, None
        held_back = [
            unwritten_fix_violation(
                display,
                f"the fixes of {', '.join(codes)} in this record did not settle in {MAX_PASSES} "
                "passes (each pass found more to fix); none of this record's fixes were applied",
                record,
                line,
            )
            for record, (line, codes) in held.items()
        ]
        changed = bool(outcome.applied) and outcome.text != text
        diff = ""
        if changed and self.mode.diff:
            import difflib

            diff = "".join(
                difflib.unified_diff(
                    text.splitlines(keepends=True),
                    outcome.text.splitlines(keepends=True),
                    fromfile=f"a/{display}",
                    tofile=f"b/{display}",
                )
            )
        written = changed and not self.mode.diff
        final_text = outcome.text if written else text
        final = self.lint_file(
            InputFile(
                path=display,
                logical_name=name,
                open=_bytes_opener(final_text.encode("utf-8"), False),
            ),
            config,
            path,
        )
        if held_back:
            final.violations = _with_record_violations(final.violations, held_back)
            final.failed = True
        if changed:
            final.fixed = len(outcome.applied)
            final.diff = diff
            if written:
                return final, encode_like(original, outcome.text, is_gzip)
        return final, None

    def lint_stdin(self, data: bytes, filename: str) -> tuple[FileResult, bytes | None]:
        """Lint standard input; with --fix or --diff, fix it too. Returns the result and, under
        --fix, the fixed bytes to print (None when nothing changed)."""
        path = Path(filename)
        config = self.config_for(path if path.parent.exists() else Path.cwd())
        is_gzip = path.name.lower().endswith(".gz")
        if self.mode.fix or self.mode.diff:
            return self._fix_bytes(data, filename, config, path, is_gzip)
        name = logical_name(path.name)
        whole = InputFile(path=filename, logical_name=name, open=_bytes_opener(data, is_gzip))
        return self.lint_file(whole, config, path), None

    def results(self, paths: Sequence[str], jobs: int = 1) -> Iterator[FileResult]:
        """Lint every file, in a deterministic order, with a process pool when it pays off.

        Candidates are looked at only until enough input to pay for a pool is seen, so a run
        over a huge tree neither walks it twice nor holds its file list.
        """
        found = self.candidates(paths)
        if jobs <= 1:
            yield from self._in_this_process(found)
            return
        # 0: a pool for any input (the tests use it)
        threshold = _bytes_setting("ARTLINT_PARALLEL_MIN_BYTES", PARALLEL_MIN_BYTES, 0)
        total = 0  # bytes to lint seen so far, over every look
        while True:
            # A file the cache has a result for costs no linting: a re-run over unchanged
            # files (pre-commit's usual case) would pay for a pool and have nothing for it to
            # do. Those files are looked up here, and only the others are counted; a known
            # result that no file waits in front of is reported at once.
            head: list[Candidate | Known] = []
            more = False
            try:
                for candidate in found:
                    known = self._known_result(candidate)
                    if known is not None and not head:
                        yield known.result
                        continue
                    head.append(candidate if known is None else known)
                    total += 0 if known is not None else _size(candidate)
                    if total >= threshold or len(head) >= MAX_HEAD_FILES:
                        more = True
                        break
                if total >= threshold:
                    # one more look: a single file pays for a pool only if it can be split
                    for candidate in itertools.islice(found, 1):
                        head.append(self._known_result(candidate) or candidate)
            except Exception:
                # an error met while finding files (a bad configuration file named on the
                # command line) comes after the files found before it, as with -j 1
                yield from self._in_this_process(head)
                raise
            unknown = [item for item in head if isinstance(item, Candidate)]
            if total >= threshold and (
                len(unknown) > 1 or (unknown and self._splittable(unknown[0]))
            ):
                yield from self._parallel(itertools.chain(head, found), paths, jobs)
                return
            # not enough to lint yet: these files in this process, and look on
            yield from self._in_this_process(head)
            if not more:
                return

    def _in_this_process(self, items: Iterable[Candidate | Known]) -> Iterator[FileResult]:
        for item in _runs_of_files(items):
            if isinstance(item, Known):
                yield item.result
            else:
                yield from self.lint_candidates(item, whole=False)

    def _known_result(self, candidate: Candidate) -> Known | None:
        """The file's result from the cache, when it has one (looked up as linting would)."""
        if self.cache is None or candidate.problem or self.mode.fix or self.mode.diff:
            return None
        if not 0 < _size(candidate) <= MAX_CACHED_BYTES:
            return None
        try:
            config = self.config_for(candidate.path)
            found = self._cache_lookup(candidate.path, str(candidate.path), config)
        except Exception:  # noqa: BLE001 - a bad configuration file is reported in its turn
            return None
        # only a stored result: a file that cannot be read is reported where it is linted
        return Known(found) if isinstance(found, FileResult) and not found.failed else None

    def _splittable(self, candidate: Candidate) -> bool:
        """Whether a file can be linted in pieces by several workers."""
        return self._splitter(candidate) is not None

    def _splitter(self, candidate: Candidate) -> Splitter | None:
        """How a big file is cut for several workers, if it can be: JSON Lines and JSON arrays
        read by the built-in readers, plain or compressed (see :func:`_pieces` and
        :func:`_array_pieces`). Fixes need the whole file."""
        from artlint.readers.records import read_json, read_json_lines

        if candidate.problem or self.mode.fix or self.mode.diff:
            return None
        assert self.registry is not None
        reader = self.registry.reader_for(logical_name(candidate.path.name))
        if reader is None:
            return None
        splitter: Splitter | None
        if reader.read is read_json_lines:
            splitter = _pieces
        elif reader.read is read_json:
            splitter = _array_pieces
        else:
            return None  # asked of every file of a run: no stat for those that cannot split
        big = _size(candidate) > _bytes_setting("ARTLINT_SPLIT_BYTES", SPLIT_BYTES)
        return splitter if big else None

    def _tasks(self, candidates: Iterable[Candidate | Known]) -> Iterator[Task | Known | CacheMark]:
        """Whole files, and big JSON Lines files and JSON arrays cut into pieces of records;
        results the parent already found in the cache pass through.

        A split file the cache covers is looked up here: a hit is its result, known without a
        worker; otherwise its pieces come between two marks that tell the parent to gather
        their results and store them as the file's.
        """
        piece_bytes = _bytes_setting("ARTLINT_SPLIT_BYTES", SPLIT_BYTES)
        for candidate in candidates:
            if isinstance(candidate, Known):
                yield candidate
                continue
            splitter = self._splitter(candidate)
            if splitter is None:
                yield candidate
            elif self.cache is None or _size(candidate) > MAX_CACHED_BYTES:
                yield from splitter(candidate, piece_bytes, None)
            else:
                config = self.config_for(candidate.path)
                found = self._cache_lookup(candidate.path, str(candidate.path), config)
                if isinstance(found, FileResult):
                    yield Known(found)
                    continue
                yield CacheMark(found.key)
                split = True
                for part in splitter(candidate, piece_bytes, found.content):
                    split = split and not isinstance(part, Candidate)
                    yield part
                yield CacheMark(None, keep=split)

    def _parallel(
        self, candidates: Iterable[Candidate | Known], paths: Sequence[str], jobs: int
    ) -> Iterator[FileResult]:
        import multiprocessing
        from collections import deque
        from concurrent.futures import Future, ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        candidates = iter(candidates)
        first = next(candidates, None)
        if first is None:
            return
        # A process pool of concurrent.futures, not multiprocessing.Pool: when a worker dies
        # (a rule's C extension crashing, a plugin calling os._exit) the latter loses the task
        # and waits for it forever; this one says so (BrokenProcessPool).
        if method == "fork":
            global _worker
            self._warm_up(first.path if isinstance(first, Candidate) else Path(first.result.path))
            # forked workers inherit this run as it is: registry built, rules bound, patterns
            # compiled; building their own cost each of them about half a CPU-second
            _worker = self
            executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_interrupts)
        else:
            executor = ProcessPoolExecutor(
                jobs,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.overrides, self.required_plugins, self.mode, list(paths)),
            )
        # tasks go out as the candidates are discovered, a few per worker ahead, and come back
        # in order: a tree of a million files is never held as a list of futures
        pending: deque[Future[WorkerResults] | Known | CacheMark | Deferred] = deque()
        abandoned = False
        ahead = 4 * jobs
        gathering: tuple[str, list[FileResult]] | None = None

        def settle(
            item: Future[WorkerResults] | Known | CacheMark | Deferred,
        ) -> Iterator[FileResult]:
            nonlocal gathering
            if isinstance(item, Deferred):
                raise item.error
            if isinstance(item, CacheMark):
                if item.key is not None:
                    gathering = (item.key, [])
                    return
                if gathering is not None and gathering[1] and item.keep:
                    self._store(gathering[0], _merged(gathering[1][0].path, gathering[1]))
                gathering = None
                return
            stopped: Exception | None = None
            if isinstance(item, Known):
                results: list[FileResult] | list[PackedResult] = [item.result]
            else:
                results, stopped = item.result()
            for result in results:
                unpacked = result if isinstance(result, FileResult) else _unpack_result(result)
                if gathering is not None:
                    gathering[1].append(unpacked)
                yield unpacked
            if stopped is not None:
                raise stopped

        try:
            for batch in _batches(_in_turn(self._tasks(itertools.chain([first], candidates)))):
                if isinstance(batch, list):
                    pending.append(executor.submit(_lint_batch_in_worker, batch))
                else:
                    pending.append(batch)
                while len(pending) >= ahead:
                    yield from settle(pending.popleft())
            while pending:
                yield from settle(pending.popleft())
        except BrokenProcessPool:
            abandoned = True
            raise WorkerDied(
                "a worker process died (a rule or plugin ended it, or crashed the interpreter); "
                "run with -j 1 to see which file it was"
            ) from None
        except (KeyboardInterrupt, GeneratorExit):
            abandoned = True
            raise
        finally:
            # After an error of a file (a bad configuration file) the workers finish the batch
            # at hand and the pool closes before the run ends: a pool left behind raced the
            # interpreter's exit, which then printed a traceback of its own. Only Ctrl-C, a
            # dead worker or a consumer that stopped reading leave it at once.
            executor.shutdown(wait=not abandoned, cancel_futures=True)

    def _warm_up(self, path: Path) -> None:
        """Run the rules once, in the parent, on a small made-up article before forking.

        Rules compile patterns and load phrase packs on first use (hundreds of ms); done here,
        the forked workers share the result instead of each paying for it again. The findings
        are thrown away, and a rule that fails here fails again, reported, on real input.
        """
        config = self.config_for(path)
        try:
            rules = self.rules_for(path, config)
        except Exception:  # noqa: BLE001 - a config problem is reported by the real run
            return
        self._set_time_limits(config)
        check_article(_WARM_UP_ARTICLE, rules)


def record_results(
    items: Sequence[Article | ReadProblem],
    rules: Sequence[BoundRule],
    checked: Iterator[list[Violation]] | None = None,
) -> Iterator[tuple[Article | None, list[Violation], bool]]:
    """Each of ``items`` with its violations (suppressed and sorted), and whether it failed.

    ``checked``: the rules' violations of the articles among ``items``, in order, when they were
    checked already (with other files' articles); else they are checked here.
    """
    if checked is None:
        checked = iter(check_articles([item for item in items if isinstance(item, Article)], rules))
    report_unused = any(bound.rule.code == UNUSED_CODE for bound in rules)
    covers = covering(rules)
    for item in items:
        if isinstance(item, ReadProblem):
            yield None, [problem_violation(item)], True
        else:
            # covered after suppressing: a block a directive hides leaves its lines reported
            found = without_covered(
                item, apply_suppressions(item, next(checked), report_unused), covers
            )
            found.sort(key=Violation.sort_key)
            yield item, found, False


#: what a run of files passes through alone, in its place (see _runs_of_files)
_Other = TypeVar("_Other")
#: a file of a group: its path, its records (or its result from the cache), its cache key
_ReadFile = tuple[str, list[Article | ReadProblem] | FileResult, str | None]


def _article_count(read: _ReadFile) -> int:
    items = read[1]
    return sum(isinstance(item, Article) for item in items) if isinstance(items, list) else 0


def _checked_group(
    read: Sequence[_ReadFile],
    rules: Sequence[BoundRule],
    store: Callable[[str, FileResult], None],
) -> Iterator[FileResult]:
    """The results of a group's files, their articles checked together, in order."""
    articles = [
        item
        for _, items, _ in read
        if isinstance(items, list)
        for item in items
        if isinstance(item, Article)
    ]
    checked = iter(check_articles(articles, rules))
    for display, items, key in read:
        if isinstance(items, FileResult):
            yield items
            continue
        result = _result_of(display, record_results(items, rules, checked))
        if key is not None:
            store(key, result)
        yield result


def _result_of(
    path: str, records: Iterable[tuple[Article | None, list[Violation], bool]]
) -> FileResult:
    """One file's result from its records' violations."""
    result = FileResult(path, [])
    for _article, violations, failed in records:
        result.violations.extend(violations)
        if failed:
            result.failed = True
        else:
            result.articles += 1
    return result


def _runs_of_files(items: Iterable[Candidate | _Other]) -> Iterator[list[Candidate] | _Other]:
    """Consecutive files in runs of at most GROUP_FILES, anything else (a known result, a piece
    of a split file) alone in its place.

    An error met while finding the next files (a bad configuration file named on the command
    line) comes after the files found before it, as it does file by file.
    """
    run: list[Candidate] = []
    try:
        for item in items:
            if not isinstance(item, Candidate):
                if run:
                    yield run
                    run = []
                yield item
                continue
            run.append(item)
            if len(run) == GROUP_FILES:
                yield run
                run = []
    except Exception:
        if run:
            yield run
        raise
    if run:
        yield run


def _with_record_violations(violations: list[Violation], added: list[Violation]) -> list[Violation]:
    """``violations`` (record by record, in file order) with each of ``added`` placed first
    among those of its record."""
    merged = list(violations)
    for violation in sorted(added, key=lambda v: v.record or 0, reverse=True):
        record = violation.record or 0
        at = next(
            (i for i, v in enumerate(merged) if v.record is not None and v.record >= record),
            len(merged),
        )
        merged.insert(at, violation)
    return merged


#: a short page with the usual zones, so that most rules reach their pattern-compiling paths
_WARM_UP_ARTICLE = Article(
    path="<warm-up>",
    format="text",
    body=(
        "Home | News | World\nSubscribe to our newsletter\n\nA Headline About Something\n\n"
        "LONDON, July 23 (Reuters) - The council met on Tuesday, 23/07/2007 15:14, and said "
        "the plan would go ahead.\n\nA second paragraph follows here, with more words in it.\n"
        "\nShare on Facebook\nAdvertisement\nCopyright 2024 Example News. All rights reserved.\n"
    ),
    sources={"body": FieldSource()},
)


@dataclass(frozen=True)
class Piece:
    """Bytes ``start:end`` of a JSON Lines file (of its decompressed stream), starting at line
    ``first_line`` and record ``first_record`` of the whole file.

    ``data`` holds the piece's bytes when the parent has them and the worker could not reach
    them cheaply: a gzip stream can only be entered by decompressing everything before it.
    """

    candidate: Candidate
    start: int
    end: int
    first_line: int
    first_record: int
    data: bytes | None = None


def _pieces(
    candidate: Candidate, piece_bytes: int, content: bytes | None = None
) -> Iterator[Candidate | Piece]:
    """Cut a file at the first line start after every ``piece_bytes``, counting the lines and
    records of each piece (at GB/s) so that a worker reports whole-file positions.

    A plain file's workers read their own pieces. A compressed file is decompressed once, here,
    and each piece travels to its worker with its bytes (in smaller pieces, since those in
    flight are held in memory): decompressing is a small share of linting, so one big
    ``.jsonl.gz`` still spreads over every core.

    A file whose first piece holds a NUL byte is not split: read whole, it is one "binary file"
    problem, and its pieces must not report anything else. When the file cannot be read on
    (a truncated or corrupt gzip stream), the rest goes to a worker as a piece without bytes:
    reading it there reports the problem at its line, as a whole-file read does.

    ``content`` is the file's bytes when the parent has read them already (to look the file up
    in the cache): the pieces are cut from them and carry their bytes, so that what is linted
    is what was hashed.
    """
    from artlint.readers.records import count_lines_and_records

    is_gzip = candidate.path.name.lower().endswith(".gz")
    carried = is_gzip or content is not None
    if carried:
        piece_bytes = min(piece_bytes, CARRIED_PIECE_BYTES)
    opener = _opener(candidate.path) if content is None else _bytes_opener(content, is_gzip)
    line, record = 1, 1
    start = 0
    try:
        with opener() as stream:
            while True:
                # the first piece holds all the bytes a whole read sniffs for NULs
                data = stream.read(piece_bytes if start else max(piece_bytes, BINARY_SNIFF_BYTES))
                if not data:
                    if start == 0:
                        yield candidate  # no records at all: still a file of the run's
                    return
                data += stream.readline()  # finish the line the piece ends in
                if start == 0 and b"\x00" in data:
                    yield candidate
                    return
                end = start + len(data)
                yield Piece(candidate, start, end, line, record, data if carried else None)
                lines, records = count_lines_and_records(data)
                line, record, start = line + lines, record + records, end
    except READ_ERRORS:
        if start == 0:
            yield candidate  # linted whole, which reports why it cannot be read
        else:
            yield Piece(candidate, start, -1, line, record)


@dataclass(frozen=True)
class Known:
    """A file's result the parent already has (from the cache): no worker needed."""

    result: FileResult


@dataclass(frozen=True)
class Deferred:
    """An error met while finding the next files (a bad configuration file in a folder the
    walk reached): raised in its turn, after the results of the files before it, as one
    process raises it when it gets there."""

    error: Exception


def _in_turn(
    tasks: Iterator[Task | Known | CacheMark],
) -> Iterator[Task | Known | CacheMark | Deferred]:
    try:
        yield from tasks
    except Exception as error:  # noqa: BLE001 - re-raised by the consumer, in order
        yield Deferred(error)


@dataclass(frozen=True)
class CacheMark:
    """Between a ``CacheMark(key)`` and a ``CacheMark(None)`` come the pieces of one file the
    cache covers: the parent gathers their results and stores them under ``key``.

    ``keep`` False closes without storing: the file went to a worker whole after all (see
    :func:`_pieces`), and the worker stored the result of the bytes it read itself.
    """

    key: str | None
    keep: bool = True


@dataclass(frozen=True)
class ArrayPiece:
    """Records of a big JSON array, cut by the parent at record boundaries (their text)."""

    candidate: Candidate
    part: ArrayPart


@dataclass(frozen=True)
class ArrayRest:
    """The records of a JSON array from ``first_record`` on, for a worker to read from the
    whole file (``data``: its bytes, when the parent hashed them for the cache)."""

    candidate: Candidate
    first_record: int
    data: bytes | None = None


def _array_pieces(
    candidate: Candidate, piece_bytes: int, content: bytes | None = None
) -> Iterator[Candidate | ArrayPiece | ArrayRest]:
    """Cut a big JSON array (a scraper's export, Scrapy's ``-o items.json``) into pieces of
    whole records for the workers, so that one array spreads over every core as JSON Lines do.

    The parent reads the array once (the C decoder finds where each record ends, a small
    share of linting it) and sends each piece's text. Where the file is anything but a clean
    array of objects, the rest of it is read by one worker as one process reads it, so every
    problem is reported as it would be; a file that is no array at all is linted whole.
    """
    from artlint.readers.records import ArrayPart, array_parts

    is_gzip = candidate.path.name.lower().endswith(".gz")
    opener = _opener(candidate.path) if content is None else _bytes_opener(content, is_gzip)
    handed_out = False
    try:
        with opener() as stream:
            part_chars = min(piece_bytes, ARRAY_PIECE_CHARS)
            for part in array_parts(stream, str(candidate.path), part_chars):
                if isinstance(part, ArrayPart):
                    handed_out = True
                    yield ArrayPiece(candidate, part)
                elif handed_out:
                    yield ArrayRest(candidate, part, content)
                else:
                    yield candidate
    except READ_ERRORS:
        # opening failed: linted whole, which reports why (reading errors are array_parts')
        yield ArrayRest(candidate, 1, content) if handed_out else candidate


#: cuts a big file into tasks for the workers: (file, bytes a piece, the file's bytes or None)
Splitter = Callable[
    [Candidate, int, bytes | None], Iterator[Candidate | Piece | ArrayPiece | ArrayRest]
]

#: a worker's result, compact for the trip to the parent: violations as tuples, not models
PackedResult = tuple[str, list[tuple[object, ...]], int, bool, int, str]
#: a batch's results, and the error that stopped it (see _lint_batch_in_worker)
WorkerResults = tuple[list[PackedResult], Exception | None]
Task = Candidate | Piece | ArrayPiece | ArrayRest

_worker: Run | None = None


class WorkerDied(Exception):
    """A worker process of a -j run ended without finishing its files."""


def _ignore_interrupts() -> None:
    """Ctrl-C reaches every process of the group: the parent reports it and ends the pool, so
    the workers, which would each print a KeyboardInterrupt traceback, leave it alone."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _init_worker(overrides: Overrides, required: list[str], mode: Mode, paths: list[str]) -> None:
    global _worker
    _ignore_interrupts()
    run = Run(overrides, required, mode)
    run.prepare([run.config_for(Path(p)) for p in paths])
    _worker = run


def _batches(
    tasks: Iterable[Task | Known | CacheMark | Deferred],
) -> Iterator[list[Task] | Known | CacheMark | Deferred]:
    """Consecutive small files in batches of about BATCH_BYTES (a piece of a split file goes
    alone; known results and marks pass through in their place): a pool task costs pickling,
    two pipe hops and the pool's handler threads in the parent, which for 5 KB articles was a
    third of all the CPU time of a -j run."""
    batch: list[Task] = []
    size = 0
    for task in tasks:
        if not isinstance(task, Candidate):
            if batch:
                yield batch
                batch, size = [], 0
            yield task if isinstance(task, (Known, CacheMark, Deferred)) else [task]
            continue
        batch.append(task)
        size += _size(task)
        if size >= BATCH_BYTES or len(batch) >= BATCH_FILES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _merged(path: str, parts: Sequence[FileResult]) -> FileResult:
    """The results of a file's pieces, in order, as one result for the whole file."""
    return FileResult(
        path,
        [violation for part in parts for violation in part.violations],
        sum(part.articles for part in parts),
        any(part.failed for part in parts),
    )


def _lint_batch_in_worker(batch: list[Task]) -> WorkerResults:
    """The results of a batch's files, and the error that stopped it, if one did (a bad
    configuration file in a file's folder): the parent reports the files before it first, as
    one process does."""
    assert _worker is not None
    results: list[PackedResult] = []
    stopped: Exception | None = None
    try:
        runs: Iterator[list[Candidate] | Piece | ArrayPiece | ArrayRest] = _runs_of_files(batch)
        for run in runs:
            if isinstance(run, list):
                results.extend(map(_packed, _worker.lint_candidates(run, whole=True)))
            else:
                results.append(_packed(_lint_piece_in_worker(run)))
    except Exception as error:  # noqa: BLE001 - handed to the parent, raised there in order
        stopped = _portable(error)
    # A pattern first needed in a worker is stored from there (the parent never compiles it);
    # once the rules have met their patterns this finds nothing new and costs nothing.
    pattern_cache.save()
    return results, stopped


def _portable(error: Exception) -> Exception:
    """``error`` as the parent can receive it. An exception whose class takes other arguments
    than its message cannot be pickled back, and the pool then reports a dead worker instead
    of the error: such an error goes as a ConfigError (what a worker's error nearly always is)
    or a RuntimeError with its message."""
    import pickle

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any way the round trip fails
        if isinstance(error, ConfigError):
            return ConfigError(str(error))
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _lint_piece_in_worker(task: Piece | ArrayPiece | ArrayRest) -> FileResult:
    assert _worker is not None
    if isinstance(task, Piece):
        return _worker.lint_piece(task)
    if isinstance(task, ArrayPiece):
        return _worker.lint_array_piece(task)
    return _worker.lint_array_rest(task)


def _packed(result: FileResult) -> PackedResult:
    return (
        result.path,
        [violation.pack() for violation in result.violations],
        result.articles,
        result.failed,
        result.fixed,
        result.diff,
    )


def _unpack_result(packed: PackedResult) -> FileResult:
    path, violations, articles, failed, fixed, diff = packed
    return FileResult(
        path, [Violation.unpack(values) for values in violations], articles, failed, fixed, diff
    )


def _size(candidate: Candidate) -> int:
    if candidate.problem:
        return 0
    try:
        return candidate.path.stat().st_size
    except OSError:
        return 0


def _excluded_anywhere(path: Path, patterns_: list[str]) -> bool:
    return any(
        is_excluded(Path(*path.parts[: index + 1]), patterns_) for index in range(len(path.parts))
    )


def _options_key(options: object) -> object:
    """A rule's options as JSON for the cache key; repr() for a plugin's value JSON cannot hold."""
    try:
        if dataclasses.is_dataclass(options) and not isinstance(options, type):
            return dataclasses.asdict(options)  # made JSON by the key's json.dumps(default=str)
        return options.model_dump(mode="json")  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - pydantic's serialisation error for arbitrary types
        return repr(options)


def _refuse_to_write(path: Path) -> str | None:
    """Why fixes must not be written to ``path``, or None.

    A file without any write permission was made read-only on purpose: root could still
    replace it (the rename needs only the folder), but --fix leaves it alone.
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return error.strerror or str(error)
    if not mode & 0o222:
        return "the file is read-only"
    return None


def _opener(path: Path) -> Callable[[], BinaryIO]:
    if path.name.lower().endswith(".gz"):

        def open_gzip() -> BinaryIO:
            import gzip  # only when a .gz file is read: ~5 ms of start-up otherwise

            return gzip.open(path, "rb")  # type: ignore[return-value]

        return open_gzip
    return lambda: open(path, "rb")


def _hashed_input(path: Path, display: str, content: bytes) -> InputFile:
    """The file as the bytes the cache key was made of: its result is stored under that key."""
    is_gzip = path.name.lower().endswith(".gz")
    return InputFile(
        path=display, logical_name=logical_name(path.name), open=_bytes_opener(content, is_gzip)
    )


def _bytes_opener(data: bytes, is_gzip: bool) -> Callable[[], BinaryIO]:
    def open_bytes() -> BinaryIO:
        raw: BinaryIO = io.BytesIO(data)
        if not is_gzip:
            return raw
        import gzip

        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]

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
    jobs = int(value)
    if jobs < 1:
        raise ValueError(value)
    return jobs


__all__ = ["ConfigError", "FileResult", "Mode", "Overrides", "Run", "WorkerDied", "default_jobs"]
