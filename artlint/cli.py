"""The ``artlint`` command. Exit codes: 0 clean, 1 violations, 2 usage/config/input/internal error."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from artlint._version import __version__

if TYPE_CHECKING:
    from artlint.plugins import Registry

EXIT_CLEAN = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


class UsageError(Exception):
    """A problem with what the user asked for; printed as one line, exit 2."""


def _split_codes(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="artlint",
        description="A data-quality linter for scraped articles.",
    )
    parser.add_argument("--version", action="version", version=f"artlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint files and folders (default command)")
    check.add_argument("paths", nargs="*", default=None, metavar="PATH",
                       help="files or folders to lint ('-' reads stdin); default: .")
    check.add_argument("--select", type=_split_codes, default=None,
                       help="comma-separated codes, prefixes or rule names to run (replaces "
                       "the configured selection)")
    check.add_argument("--extend-select", type=_split_codes, default=[],
                       help="codes, prefixes or names to run in addition")
    check.add_argument("--ignore", type=_split_codes, default=[],
                       help="codes, prefixes or names not to run")
    check.add_argument("--output-format", default=None,
                       help="report format (see 'artlint formats'); default: text")
    check.add_argument("-o", "--output-file", default=None, help="write the report to a file")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when violations are found")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                       help="lowest severity that makes the exit status 1 (default: info)")
    check.add_argument("--stdin-filename", default=None,
                       help="name (and so format) of the article read from stdin")
    check.add_argument("--config", default=None, help="use this config file for every path")
    check.add_argument("--isolated", action="store_true", help="ignore all config files")
    check.add_argument("--require-plugins", type=_split_codes, default=[],
                       help="fail unless these plugins (entry-point or distribution names) load")
    check.add_argument("--no-color", action="store_true", help="never colour the output")
    check.add_argument("-q", "--quiet", action="store_true", help="print violations only")

    rule = commands.add_parser("rule", help="print a rule's documentation")
    rule.add_argument("selector", help="rule code or name")
    rule.add_argument("--output-format", choices=("text", "json"), default="text")

    rules = commands.add_parser("rules", help="list every rule")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")

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
    parser = _build_parser()
    if not args_list or (args_list[0] not in parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
                         and args_list[0] not in ("-h", "--help")):
        args_list.insert(0, "check")
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
        from artlint.selection import SelectionError

        if isinstance(error, (ConfigError, PluginError, SelectionError)):
            _error(str(error))
            return EXIT_ERROR
        _error(f"internal error: {type(error).__name__}: {error} "
               "(set ARTLINT_DEBUG=1 for a traceback)")
        if os.environ.get("ARTLINT_DEBUG"):
            raise
        return EXIT_ERROR


def _error(message: str) -> None:
    for line in message.splitlines() or [message]:
        print(f"artlint: error: {line}", file=sys.stderr)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "check":
        return _check(args)
    if args.command == "version":
        print(f"artlint {__version__}")
        return EXIT_CLEAN
    from artlint.plugins import build_registry

    registry = build_registry()
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


def _check(args: argparse.Namespace) -> int:
    from artlint.models import SEVERITY_RANK
    from artlint.reporters.base import ReportContext, RunSummary
    from artlint.runner import Overrides, Run

    overrides = Overrides(select=args.select, extend_select=args.extend_select,
                          ignore=args.ignore, config_file=args.config, isolated=args.isolated)
    run = Run(overrides, args.require_plugins)
    paths = args.paths or ["."]
    reading_stdin = paths == ["-"]
    configs = [run.config_for(_path_or_cwd(p)) for p in paths]
    registry = run.prepare(configs)

    format_name = args.output_format or configs[0].settings.output_format or "text"
    spec = registry.reporters.get(format_name)
    if spec is None:
        known = ", ".join(sorted(registry.reporters))
        raise UsageError(f"unknown output format {format_name!r} (known: {known})")
    fail_on = args.fail_on or configs[0].settings.fail_on or "info"

    stream: TextIO
    if args.output_file:
        stream = open(args.output_file, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    else:
        stream = sys.stdout
    try:
        context = ReportContext(stream=stream, registry=registry,
                                color=_use_color(stream, args.no_color))
        reporter = spec.factory(context)
        reporter.start()
        summary = RunSummary()
        failed = False
        worst = -1
        if reading_stdin:
            results = iter([run.lint_stdin(sys.stdin.buffer.read(),
                                           args.stdin_filename or "stdin.txt")])
        else:
            results = run.results(paths)
        for result in results:
            summary.files += 1
            summary.articles += result.articles
            failed = failed or result.failed
            for violation in result.violations:
                summary.violations += 1
                summary.by_code[violation.code] = summary.by_code.get(violation.code, 0) + 1
                worst = max(worst, SEVERITY_RANK[violation.severity])
                if violation.code in ("AL001",):
                    failed = True
                reporter.report(violation)
        reporter.finish(summary)
    finally:
        if args.output_file:
            stream.close()
        else:
            stream.flush()
    if failed:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_VIOLATIONS if worst >= SEVERITY_RANK[fail_on] else EXIT_CLEAN


def _path_or_cwd(given: str) -> os.PathLike[str]:
    from pathlib import Path

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
    print(f"Severity: {item.severity}. Fix: {item.fix}. "
          f"{'On' if item.default_enabled else 'Off'} by default. Plugin: {item.plugin}.\n")
    print(item.doc)
    return EXIT_CLEAN


def _rule_dict(item: object) -> dict[str, object]:
    from artlint.rule import Rule

    assert isinstance(item, Rule)
    return {
        "code": item.code, "name": item.name, "summary": item.summary,
        "severity": item.severity, "fix": item.fix, "default_enabled": item.default_enabled,
        "plugin": item.plugin, "doc": item.doc,
        "options": item.options.model_json_schema(),
    }


def _rules(registry: Registry, output_format: str) -> int:
    items = list(registry.rules.values())
    if output_format == "json":
        import json

        print(json.dumps([_rule_dict(item) for item in items], indent=2, ensure_ascii=False))
        return EXIT_CLEAN
    for item in items:
        marker = "" if item.default_enabled else "  (off by default)"
        print(f"{item.code}  {item.name:36} {item.summary}{marker}")
    return EXIT_CLEAN


def _plugins(registry: Registry, output_format: str) -> int:
    by_plugin = registry.rules_by_plugin()
    if output_format == "json":
        import json

        print(json.dumps([
            {"name": p.name, "distribution": p.distribution, "version": p.version,
             "module": p.module, "rules": [r.code for r in by_plugin.get(p.name, [])]}
            for p in registry.plugins], indent=2))
        return EXIT_CLEAN
    for info in registry.plugins:
        codes = ", ".join(r.code for r in by_plugin.get(info.name, []))
        print(f"{info.name:14} {info.distribution} {info.version}"
              + (f"  rules: {codes}" if codes else ""))
    return EXIT_CLEAN
