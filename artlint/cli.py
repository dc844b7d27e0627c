"""The ``artlint`` command. Exit codes: 0 clean, 1 violations, 2 usage, config, input or
internal error."""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from artlint._version import __version__

if TYPE_CHECKING:
    from artlint.config import LoadedConfig
    from artlint.models import Violation
    from artlint.plugins import PluginInfo, Registry
    from artlint.runner import Mode, Run

EXIT_CLEAN = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


COMMANDS = (
    "check",
    "rule",
    "rules",
    "plugins",
    "formats",
    "version",
    "baseline",
    "config",
    "clean",
)


class UsageError(Exception):
    """A problem with what the user asked for; printed as one line, exit 2."""


def _split_codes(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _split_selection(value: str) -> list[str]:
    codes = _split_codes(value)
    if not codes:
        # an empty selection would check nothing and pass every gate
        raise argparse.ArgumentTypeError("needs one or more rule codes, prefixes or names")
    return codes


def _timeout(key: str) -> Callable[[str], float]:
    """An argparse type for a time-limit flag, checked by the same rules as its config key."""

    def parse(value: str) -> float:
        from artlint.config import Settings
        from artlint.rules import OptionError

        try:
            seconds = float(value)
            if not math.isfinite(seconds):
                raise ValueError(value)
            Settings(**{key: seconds})  # type: ignore[arg-type]
        except OptionError as error:
            raise argparse.ArgumentTypeError(f"{value!r}: {error.message}") from None
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r}: not a number") from None
        return seconds

    return parse


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="artlint",
        description="A data-quality linter for scraped articles.",
    )
    parser.add_argument("--version", action="version", version=f"artlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint files and folders (default command)")
    check.add_argument(
        "paths",
        nargs="*",
        default=None,
        metavar="PATH",
        help="files or folders to lint ('-' reads stdin); default: .",
    )
    check.add_argument(
        "--select",
        type=_split_selection,
        default=None,
        help="comma-separated codes, prefixes or rule names to run (replaces "
        "the configured selection)",
    )
    check.add_argument(
        "--extend-select",
        type=_split_codes,
        default=[],
        help="codes, prefixes or names to run in addition",
    )
    check.add_argument(
        "--ignore", type=_split_codes, default=[], help="codes, prefixes or names not to run"
    )
    check.add_argument(
        "--output-format", default=None, help="report format (see 'artlint formats'); default: text"
    )
    check.add_argument("-o", "--output-file", default=None, help="write the report to a file")
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when violations are found"
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default=None,
        help="lowest severity that makes the exit status 1 (default: info)",
    )
    check.add_argument(
        "--stdin-filename", default=None, help="name (and so format) of the article read from stdin"
    )
    check.add_argument("--config", default=None, help="use this config file for every path")
    check.add_argument("--isolated", action="store_true", help="ignore all config files")
    check.add_argument(
        "--rule-timeout",
        type=_timeout("rule_timeout"),
        default=None,
        metavar="SECONDS",
        help="stop a rule that runs longer than this on one article (AL006); 0: no limit "
        "(replaces the configured rule-timeout; default 10)",
    )
    check.add_argument(
        "--regex-timeout",
        type=_timeout("regex_timeout"),
        default=None,
        metavar="SECONDS",
        help="abandon a pattern match that takes longer than this (AL003) "
        "(replaces the configured regex-timeout; default 1)",
    )
    check.add_argument(
        "--require-plugins",
        type=_split_codes,
        default=[],
        help="fail unless these plugins (entry-point or distribution names) load",
    )
    check.add_argument("--no-color", action="store_true", help="never colour the output")
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print violations only (no summary, no progress)"
    )
    check.add_argument(
        "-j",
        "--jobs",
        default="auto",
        help="worker processes: a number or 'auto', every core (the default); files are shared "
        "out, and a big JSON Lines file or JSON array (plain or .gz) is split by records; small "
        "runs (under 1 MiB to lint) use no pool",
    )
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply unsafe fixes (removing text)",
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff instead of writing them",
    )
    check.add_argument(
        "--show-fixes", action="store_true", help="list what --fix changed, per file"
    )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply excludes to files named on the command line too",
    )
    check.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    check.add_argument(
        "--cache-dir",
        default=None,
        help="cache folder (default .artlint_cache, or $ARTLINT_CACHE_DIR)",
    )
    check.add_argument(
        "--statistics", action="store_true", help="print counts per rule instead of each violation"
    )
    check.add_argument(
        "--baseline",
        default=None,
        metavar="FILE",
        help="report only violations the baseline file does not account for",
    )
    check.add_argument(
        "--baseline-ratchet",
        action="store_true",
        help="with --baseline: fail when any count grows, and tighten the "
        "baseline file when problems were fixed",
    )
    check.add_argument("--show-settings", action="store_true", help=argparse.SUPPRESS)

    baseline = commands.add_parser("baseline", help="record current violations as a baseline")
    baseline.add_argument("paths", nargs="*", metavar="PATH")
    baseline.add_argument("-o", "--output-file", required=True, help="baseline file to write")
    baseline.add_argument("--select", type=_split_selection, default=None)
    baseline.add_argument("--extend-select", type=_split_codes, default=[])
    baseline.add_argument("--ignore", type=_split_codes, default=[])
    baseline.add_argument("--config", default=None)
    baseline.add_argument("--isolated", action="store_true")

    config = commands.add_parser("config", help="print the effective configuration for a path")
    config.add_argument("path", nargs="?", default=".")

    clean = commands.add_parser("clean", help="remove the cache folder")
    clean.add_argument("--cache-dir", default=None)

    rule = commands.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("selector", help="rule code or name")
    rule.add_argument("--output-format", choices=("text", "json"), default="text")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument(
        "--output-format",
        choices=("text", "json", "markdown"),
        default="text",
        help="markdown: the full rule reference (docs/rules.md is made this way)",
    )

    plugins = commands.add_parser("plugins", help="list loaded plugins with versions")
    plugins.add_argument("--output-format", choices=("text", "json"), default="text")

    commands.add_parser("formats", help="list output formats")
    commands.add_parser("version", help="print the version")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--version"] or args_list[:1] == ["version"]:
        print(f"artlint {__version__}")
        return EXIT_CLEAN
    from artlint import pattern_cache

    pattern_cache.keep_generated_methods()  # before artlint's classes are made
    parser = _build_parser()
    if args_list and args_list[0].startswith("-") and args_list[0] not in ("-h", "--help"):
        # `artlint --isolated check a.txt`: options written before the command are its own
        for index, item in enumerate(args_list):
            if item in COMMANDS and not os.path.exists(item):
                args_list.insert(0, args_list.pop(index))
                break
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help")):
        args_list.insert(0, "check")  # `artlint PATH` means `artlint check PATH`, as in ruff
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:
        return EXIT_ERROR if exit_.code not in (0, None) else EXIT_CLEAN
    try:
        return _dispatch(args)
    except UsageError as error:
        _error(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - last resort: one line, exit 2, never a traceback
        from artlint.config import ConfigError
        from artlint.plugins import PluginError
        from artlint.runner import WorkerDied
        from artlint.selection import SelectionError

        if isinstance(error, (ConfigError, PluginError, SelectionError, WorkerDied)):
            _error(str(error))
            return EXIT_ERROR
        # one line, whatever the exception's own message spans (pydantic's add a link)
        detail = " ".join(str(error).split())
        _error(
            f"internal error: {type(error).__name__}: {detail} "
            "(set ARTLINT_DEBUG=1 for a traceback)"
        )
        if os.environ.get("ARTLINT_DEBUG"):
            raise
        return EXIT_ERROR


def run() -> NoReturn:
    """The ``artlint`` command: :func:`main`, then a quick exit.

    Tearing the interpreter down, freeing every module, pattern and table one by one, took
    25-35 ms of each run: an eighth of a pre-commit run of a few files, for nothing, since
    every file artlint writes is closed by then. So the command flushes its output and ends the
    process at once, as mypy does. ``python -m artlint`` and callers of main() exit normally:
    profilers and coverage tools do their work at that exit.
    """
    code = main()
    lost = False
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the descriptor closed (`>&-`, pythonw)
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # `artlint check | head`: the reader left; nothing to say
            lost = True
        except (OSError, ValueError) as error:  # a full disk, a closed stream: output lost
            lost = True
            if stream is sys.stdout:
                _try_error(f"cannot write the output: {getattr(error, 'strerror', None) or error}")
    if lost:
        code = EXIT_ERROR  # not 1, which says "violations found"
    if _still_running():
        if lost:
            _discard_unwritten_output()
        sys.exit(code)  # a pool's helper thread or a worker still ending: let the exit wait
    os._exit(code)


def _try_error(message: str) -> None:
    try:
        _error(message)
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _discard_unwritten_output() -> None:
    """Point stdout at the null device, so that the interpreter's own flush at exit does not
    fail again and print a traceback-like 'Exception ignored' message."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass


def _still_running() -> bool:
    """Whether another thread or a child process of a pool is still running."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return True
    children = sys.modules.get("multiprocessing")
    return children is not None and bool(children.active_children())


def _error(message: str) -> None:
    for line in message.splitlines() or [message]:
        print(f"artlint: error: {line}", file=sys.stderr)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        return _check(args)
    if args.command == "baseline":
        return _baseline(args)
    if args.command == "clean":
        return _clean(args)
    if args.command == "config":
        return _config(args)
    if args.command == "version":
        print(f"artlint {__version__}")
        return EXIT_CLEAN
    from artlint.runner import Overrides, Run

    # the rule commands see what `check` would here: local plugins and no-code rules included
    run = Run(Overrides())
    # `plugins` describes the installation: a plugin that fails to import is listed with its
    # error, not a reason to show nothing
    registry = run.prepare([run.config_for(Path.cwd())], keep_going=args.command == "plugins")
    if args.command == "rule":
        return _rule(registry, args.selector, args.output_format)
    if args.command == "rules":
        return _rules(registry, args.output_format)
    if args.command == "plugins":
        return _plugins(registry, args.output_format)
    if args.command == "formats":
        for spec in registry.reporters.values():
            print(f"{spec.name:12} {spec.description}")
        return EXIT_CLEAN
    raise UsageError(f"unknown command {args.command!r}")


def _use_color(stream: TextIO, disabled: bool) -> bool:
    if disabled or os.environ.get("NO_COLOR") is not None:
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _make_run(args: argparse.Namespace, mode: Mode | None = None) -> tuple[Run, list[LoadedConfig]]:
    from artlint.runner import Mode, Overrides, Run

    overrides = Overrides(
        select=args.select,
        extend_select=args.extend_select,
        ignore=args.ignore,
        config_file=args.config,
        isolated=args.isolated,
        regex_timeout=getattr(args, "regex_timeout", None),
        rule_timeout=getattr(args, "rule_timeout", None),
    )
    run = Run(overrides, getattr(args, "require_plugins", []), mode or Mode())
    configs = [run.config_for(_path_or_cwd(p)) for p in (args.paths or ["."])]
    run.prepare(configs)
    return run, configs


def _check(args: argparse.Namespace) -> int:
    from artlint.cache import cache_dir
    from artlint.models import SEVERITY_RANK
    from artlint.progress import Progress
    from artlint.progress import wanted as progress_wanted
    from artlint.reporters.base import ReportContext, RunSummary
    from artlint.runner import Mode, default_jobs

    try:
        jobs = default_jobs(args.jobs)
    except ValueError:
        raise UsageError(
            f"-j/--jobs takes a number of processes (1 or more) or 'auto', not {args.jobs!r}"
        ) from None
    if args.fix and args.diff:
        raise UsageError("--fix writes files and --diff only shows changes: pick one")
    if args.baseline_ratchet and not args.baseline:
        raise UsageError("--baseline-ratchet needs --baseline FILE")
    mode = Mode(
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        force_exclude=args.force_exclude,
        cache_dir=None if args.no_cache else str(cache_dir(args.cache_dir)),
    )
    run, configs = _make_run(args, mode)
    registry = run.registry
    assert registry is not None
    settings = configs[0].settings
    paths = args.paths or ["."]
    reading_stdin = "-" in paths
    if reading_stdin and len(paths) > 1:
        raise UsageError("'-' (standard input) must be the only path")
    # `--fix -` prints the fixed text on stdout, as ruff does, so the report goes to stderr
    fixed_to_stdout = reading_stdin and args.fix

    baseline_filter = None
    if args.baseline:
        from artlint.baseline import Baseline, BaselineError, BaselineFilter

        try:
            baseline_filter = BaselineFilter(Baseline.load(_as_path(args.baseline)))
        except BaselineError as error:
            raise UsageError(str(error)) from None

    format_name = (
        args.output_format or settings.output_format or _default_format(registry, args.output_file)
    )
    spec = registry.reporters.get(format_name)
    if spec is None:
        known = ", ".join(sorted(registry.reporters))
        raise UsageError(f"unknown output format {format_name!r} (known: {known})")
    fail_on = args.fail_on or settings.fail_on or "info"

    stream: TextIO
    report_file = None
    if args.output_file:
        from artlint.fixes import AtomicTextFile

        target = _as_path(args.output_file)
        _refuse_report_over_input(target, [] if reading_stdin else paths, registry)
        try:
            report_file = AtomicTextFile(target)
        except OSError as error:
            raise UsageError(f"cannot write {args.output_file}: {error.strerror}") from None
        stream = report_file.stream
    else:
        stream = sys.stderr if fixed_to_stdout else sys.stdout
    completed = False
    summary = RunSummary()
    progress = Progress(False)
    failed = False
    worst = -1
    counts: dict[str, int] = {}
    try:
        context = ReportContext(
            stream=stream,
            registry=registry,
            color=_use_color(stream, args.no_color),
            quiet=args.quiet,
        )
        reporter = spec.factory(context)
        if not args.statistics:
            reporter.start()
        if reading_stdin:
            data = sys.stdin.buffer.read()
            stdin_result, fixed = run.lint_stdin(data, args.stdin_filename or "stdin.txt")
            if fixed_to_stdout:
                sys.stdout.buffer.write(data if fixed is None else fixed)
                sys.stdout.buffer.flush()
            results = iter([stdin_result])
        else:
            results = run.results(paths, jobs)
        progress = Progress(
            progress_wanted(
                quiet=args.quiet,
                format_name=format_name,
                report_to_terminal=not args.output_file and _isatty(sys.stdout),
                stderr_is_terminal=_isatty(sys.stderr),
            )
        )
        last_path = None
        for result in results:
            if result.path != last_path:
                # a big file may arrive in several parts, one after the other
                last_path = result.path
                summary.files += 1
            summary.articles += result.articles
            summary.fixed += result.fixed
            failed = failed or result.failed
            if result.diff:
                progress.clear()
                sys.stdout.write(result.diff)
            if args.show_fixes and result.fixed:
                progress.clear()
                print(f"Fixed {result.fixed} problem(s) in {result.path}", file=sys.stderr)
            for violation in result.violations:
                if baseline_filter is not None and not baseline_filter.is_new(violation):
                    continue
                summary.violations += 1
                counts[violation.code] = counts.get(violation.code, 0) + 1
                worst = max(worst, SEVERITY_RANK[violation.severity])
                if violation.code == "AL001":
                    failed = True
                if not args.statistics:
                    progress.clear()
                    reporter.report(violation)
            progress.update(summary.files, summary.articles, summary.violations)
        progress.clear()
        summary.by_code = counts
        if args.statistics:
            from artlint.reporters.statistics import render

            stats_format = "json" if format_name in ("json", "json-lines") else "text"
            stream.write(render(counts, registry, stats_format))
        else:
            reporter.finish(summary)
        completed = True
    finally:
        progress.clear()
        if report_file is None:
            stream.flush()
        elif not completed:
            report_file.discard()
    if report_file is not None:
        try:
            report_file.commit()
        except OSError as error:
            raise UsageError(f"cannot write {args.output_file}: {error.strerror}") from None
    # after the report, which should not wait for it: the next run starts faster
    from artlint import pattern_cache

    pattern_cache.save()
    if summary.fixed and not args.quiet and not args.diff:
        print(f"artlint: fixed {summary.fixed} problem(s)", file=sys.stderr)
    if baseline_filter is not None:
        ratchet_failed = _baseline_report(baseline_filter, args)
        if ratchet_failed:
            worst = max(worst, SEVERITY_RANK["error"])
    if failed:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_VIOLATIONS if worst >= SEVERITY_RANK[fail_on] else EXIT_CLEAN


def _refuse_report_over_input(target: Path, paths: Sequence[str], registry: Registry) -> None:
    """The report may not replace a file the run reads: artlint changes no input unless fixing.

    That is a file named on the command line, or an article file inside a folder it walks;
    an older artlint report or baseline there is no input and may be replaced.
    """
    from artlint.discovery import logical_name
    from artlint.readers.own_outputs import is_own_output_file

    if not target.exists():
        return
    resolved = target.resolve()
    if is_own_output_file(target):
        return  # an older report or baseline: no input (the readers pass it over)
    for given in paths:
        path = _as_path(given)
        try:
            if path.is_dir():
                inside = resolved.is_relative_to(path.resolve())
                if inside and registry.reader_for(logical_name(target.name)) is not None:
                    raise UsageError(
                        f"the report file {target} is an article file inside {given}, which "
                        "this run lints: write the report elsewhere"
                    )
            elif os.path.samefile(path, target):
                raise UsageError(
                    f"the report file {target} is also an input of this run: "
                    "write the report elsewhere"
                )
        except OSError:
            continue  # a path that cannot be read is reported by the run itself


def _default_format(registry: Registry, output_file: str | None) -> str:
    """github inside GitHub Actions, full for a person at a terminal, else the one-line form."""
    if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in registry.reporters:
        return "github"
    if output_file is None and sys.stdout.isatty() and "full" in registry.reporters:
        return "full"
    return "text"


def _as_path(value: str) -> Path:
    return Path(value)


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed or detached stream
        return False


def _baseline_report(baseline_filter: object, args: argparse.Namespace) -> bool:
    """Tell about stale and grown entries; with the ratchet, tighten the file. True: fail."""
    from artlint.baseline import BaselineFilter

    assert isinstance(baseline_filter, BaselineFilter)
    stale = baseline_filter.stale()
    for key, count, described in stale:
        print(
            f"artlint: baseline entry {key} ({described.get('code')} in "
            f"{described.get('path')}) matched {count} fewer time(s): fixed, or stale",
            file=sys.stderr,
        )
    if not args.baseline_ratchet:
        return False
    grown = baseline_filter.grown()
    for key, before, now in grown:
        print(f"artlint: baseline entry {key} grew from {before} to {now}", file=sys.stderr)
    if stale and not grown:
        from artlint.fixes import write_atomically

        write_atomically(
            _as_path(args.baseline), baseline_filter.tightened().to_json().encode("utf-8")
        )
        print(f"artlint: tightened {args.baseline}", file=sys.stderr)
    return bool(grown)


def _baseline(args: argparse.Namespace) -> int:
    from artlint.baseline import Baseline
    from artlint.fixes import write_atomically
    from artlint.runner import Mode

    args.require_plugins = []
    run, _ = _make_run(args, Mode())
    assert run.registry is not None
    target = _as_path(args.output_file)
    _refuse_report_over_input(target, args.paths or ["."], run.registry)
    folder = target.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        # said before linting a whole dataset, not after
        raise UsageError(f"cannot write {args.output_file}: no writable folder {folder}")
    violations: list[Violation] = []
    failed = False
    for result in run.results(args.paths or ["."]):
        failed = failed or result.failed
        violations.extend(v for v in result.violations if not v.code.startswith("AL"))
    baseline = Baseline.from_violations(violations)
    try:
        write_atomically(target, baseline.to_json().encode("utf-8"))
    except OSError as error:
        raise UsageError(f"cannot write {args.output_file}: {error.strerror}") from None
    print(
        f"artlint: wrote {len(baseline.counts)} baseline entries "
        f"({len(violations)} violations) to {args.output_file}",
        file=sys.stderr,
    )
    return EXIT_ERROR if failed else EXIT_CLEAN


def _clean(args: argparse.Namespace) -> int:
    from artlint.cache import NotACache, cache_dir, clean

    folder = cache_dir(args.cache_dir)
    try:
        removed = clean(folder)
    except NotACache as error:
        print(f"artlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        print(f"artlint: error: cannot clean {folder}: {error}", file=sys.stderr)
        return EXIT_ERROR
    if removed and folder.exists():
        print(f"artlint: removed the cache entries in {folder} (other files there were kept)")
    else:
        print(f"artlint: {'removed' if removed else 'no cache at'} {folder}")
    return EXIT_CLEAN


def _config(args: argparse.Namespace) -> int:
    import json

    from artlint.runner import Overrides, Run

    path = _as_path(args.path)
    if not path.exists():
        raise UsageError(f"{args.path}: no such file or directory")
    from artlint.fields import FieldMap

    run = Run(Overrides())
    config = run.config_for(path)
    data = config.settings.model_dump(mode="json", by_alias=True)
    # the record keys each field is read from, the built-in names included: the ones to know
    # before mapping a scraper's own
    fields = FieldMap().with_overrides(config.settings.fields).keys
    data["fields"] = {name: list(keys) for name, keys in fields.items()}
    print(f"# from {config.path or 'built-in defaults'}")
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return EXIT_CLEAN


def _path_or_cwd(given: str) -> Path:
    return Path.cwd() if given == "-" else Path(given)


def _rule(registry: Registry, selector: str, output_format: str) -> int:
    item = registry.rule_by_selector(selector)
    if item is None:
        raise UsageError(f"unknown rule {selector!r} (see 'artlint rules')")
    if output_format == "json":
        import json

        print(json.dumps(_rule_dict(item), indent=2, ensure_ascii=False))
        return EXIT_CLEAN
    print(f"# {item.name} ({item.code})\n")
    print(f"{item.summary}.\n")
    print(
        f"Severity: {item.severity}. Fix: {item.fix}. "
        f"{'On' if item.default_enabled else 'Off'} by default. Plugin: {item.plugin}.\n"
    )
    if item.covers:
        print(
            f"Covers: {', '.join(c if len(c) == 5 else c + '*' for c in item.covers)} "
            "(findings of those rules inside one of its own are not reported).\n"
        )
    print(item.doc)
    return EXIT_CLEAN


def _rule_dict(item: object) -> dict[str, object]:
    from artlint.rules import Rule, options_schema

    assert isinstance(item, Rule)
    return {
        "code": item.code,
        "name": item.name,
        "summary": item.summary,
        "severity": item.severity,
        "fix": item.fix,
        "default_enabled": item.default_enabled,
        "covers": list(item.covers),
        "plugin": item.plugin,
        "doc": item.doc,
        "options": options_schema(item.options),
    }


def _rules(registry: Registry, output_format: str) -> int:
    items = list(registry.rules.values())
    if output_format == "json":
        import json

        print(json.dumps([_rule_dict(item) for item in items], indent=2, ensure_ascii=False))
        return EXIT_CLEAN
    if output_format == "markdown":
        sys.stdout.write(rules_markdown(items))
        return EXIT_CLEAN
    for item in items:
        marker = "" if item.default_enabled else "  (off by default)"
        print(f"{item.code}  {item.name:36} {item.summary}{marker}")
    return EXIT_CLEAN


def rules_markdown(items: Sequence[object]) -> str:
    """The rule reference as Markdown, made from the rules' own metadata and docstrings."""
    import json

    from artlint.rules import Rule, options_schema

    lines = [
        "# Rule reference",
        "",
        "Generated by `artlint rules --output-format markdown` from the rules' own "
        "metadata and documentation; do not edit by hand.",
        "",
        "| code | name | summary | severity | fix | default |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for item in items:
        assert isinstance(item, Rule)
        lines.append(
            f"| [{item.code}](#{item.code.lower()}-{item.name}) | {item.name} | "
            f"{item.summary} | {item.severity} | {item.fix} | "
            f"{'on' if item.default_enabled else 'off'} |"
        )
    for item in items:
        assert isinstance(item, Rule)
        doc = "\n".join(
            ("#" + line) if line.startswith("## ") else line for line in item.doc.splitlines()
        )
        lines += [
            "",
            f"## {item.code} {item.name}",
            "",
            f"{item.summary}. Severity `{item.severity}`, fix `{item.fix}`, "
            f"{'on' if item.default_enabled else 'off'} by default, from plugin "
            f"`{item.plugin}`.",
            "",
            doc,
        ]
        schema = options_schema(item.options).get("properties", {})
        if schema:
            lines += [
                "",
                "### Options",
                "",
                "| option | default | description |",
                "| --- | --- | --- |",
            ]
            for name, prop in schema.items():
                default = (
                    json.dumps(prop["default"], ensure_ascii=False) if "default" in prop else ""
                )
                description = (prop.get("description") or "").replace("\n", " ")
                lines.append(f"| `{name}` | `{default}` | {description} |")
    return "\n".join(lines).rstrip() + "\n"


def _plugins(registry: Registry, output_format: str) -> int:
    by_plugin = registry.rules_by_plugin()
    status = EXIT_ERROR if registry.failed else EXIT_CLEAN
    if output_format == "json":
        import json

        listed: list[tuple[PluginInfo, list[str], str | None]] = [
            (p, [r.code for r in by_plugin.get(p.name, [])], None) for p in registry.plugins
        ]
        listed += [(f.info, [], f.error) for f in registry.failed]
        described = [
            {
                "name": info.name,
                "distribution": info.distribution,
                "version": info.version,
                "module": info.module,
                "rules": codes,
                "error": error,
            }
            for info, codes, error in listed
        ]
        print(json.dumps(described, indent=2))
        return status
    for info in registry.plugins:
        codes = ", ".join(r.code for r in by_plugin.get(info.name, []))
        print(
            f"{info.name:14} {info.distribution} {info.version}"
            + (f"  rules: {codes}" if codes else "")
        )
    for failed in registry.failed:
        info = failed.info
        print(f"{info.name:14} {info.distribution} {info.version}  FAILED")
        _error(failed.error)
    return status
