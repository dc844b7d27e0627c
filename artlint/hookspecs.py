"""Every hook artlint calls. Built-in rules, readers and reporters implement these too.

A plugin is a module (or object) with functions marked ``@artlint.hookimpl`` whose names match the
specs below. Register it through the ``artlint`` entry-point group of a package::

    [project.entry-points.artlint]
    my_rules = "my_package.rules"

or, for rules that live in a repository, list the file in ``[tool.artlint] plugins``.

Hooks grow only by new, optional arguments (pluggy passes an implementation just the arguments it
names), so a plugin written today keeps working; no hook is ever renamed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from artlint.readers.base import Reader
    from artlint.reporters.base import ReporterSpec
    from artlint.rules import Rule

hookspec = pluggy.HookspecMarker("artlint")


@hookspec
def artlint_rules() -> list[Rule]:
    """Return the rules this plugin provides.

    Called once when the plugin manager is built. Each rule is made with :func:`artlint.rules`;
    its code must be unique across all plugins (a clash is a load error naming both plugins).
    """
    raise NotImplementedError


@hookspec
def artlint_readers() -> list[Reader]:
    """Return readers for input formats this plugin understands.

    A :class:`~artlint.readers.base.Reader` names the file suffixes it claims (``.gz`` is handled by
    the engine) and turns a file into :class:`~artlint.models.Article` records. Readers from
    later-registered plugins win a suffix over earlier ones, so a plugin may replace a built-in.
    """
    raise NotImplementedError


@hookspec
def artlint_reporters() -> list[ReporterSpec]:
    """Return output formats this plugin provides (selected with ``--output-format NAME``)."""
    raise NotImplementedError


@hookspec
def artlint_default_config() -> dict[str, Any]:
    """Return defaults for ``[tool.artlint]`` keys, merged under the user's configuration.

    Use it for rule options (``{"rules": {"XY101": {"threshold": 3}}}``) or field names
    (``{"fields": {"body": ["content"]}}``). The user's file always wins.
    """
    raise NotImplementedError
