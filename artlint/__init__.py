"""artlint: a data-quality linter for scraped articles.

The public API, imported lazily so that ``artlint --version`` stays fast:

- :data:`hookimpl` marks plugin hook implementations (see :mod:`artlint.hookspecs`);
- :func:`rule` declares a rule, :func:`rule_options` its options (or subclass
  :class:`RuleOptions`); :class:`Article`, :class:`Finding`, :class:`Fix`,
  :class:`Violation` are the data that flows through the engine;
- :func:`lint` lints articles with a configuration and returns violations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from artlint._version import __version__

if TYPE_CHECKING:
    from artlint._hookimpl import hookimpl
    from artlint.engine import lint
    from artlint.models import Article, Finding, Fix, Violation
    from artlint.rules import NoOptions, OptionError, Rule, RuleOptions, rule, rule_options

__all__ = [
    "Article",
    "Finding",
    "Fix",
    "NoOptions",
    "OptionError",
    "Rule",
    "RuleOptions",
    "Violation",
    "__version__",
    "hookimpl",
    "lint",
    "rule",
    "rule_options",
]

_LAZY = {
    "hookimpl": "artlint._hookimpl",
    "lint": "artlint.engine",
    "Article": "artlint.models",
    "Finding": "artlint.models",
    "Fix": "artlint.models",
    "Violation": "artlint.models",
    "NoOptions": "artlint.rules",
    "OptionError": "artlint.rules",
    "Rule": "artlint.rules",
    "RuleOptions": "artlint.rules",
    "rule": "artlint.rules",
    "rule_options": "artlint.rules",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'artlint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
