"""Loading plugins (built-in and third-party alike) and collecting what they provide."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import pluggy

from artlint import hookspecs
from artlint._hookimpl import hookimpl
from artlint.distributions import EntryPoint, entry_points

if TYPE_CHECKING:
    from artlint.readers.base import Reader
    from artlint.reporters.base import ReporterSpec
    from artlint.rules import Rule

_T = TypeVar("_T")

ENTRY_POINT_GROUP = "artlint"
#: set to 1 to load only artlint's own plugins (and explicitly listed local files)
DISABLE_AUTOLOAD_ENV = "ARTLINT_DISABLE_PLUGIN_AUTOLOAD"
OWN_DISTRIBUTION = "artlint"


class PluginError(Exception):
    """A plugin that could not be loaded or that conflicts with another; always fatal."""


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str
    version: str
    module: str


@dataclass(frozen=True)
class FailedPlugin:
    """A plugin that could not be imported, kept only when the caller asks to go on without it
    (``artlint plugins`` lists it with its error instead of failing before any output)."""

    info: PluginInfo
    error: str


@dataclass
class Registry:
    """Everything the loaded plugins provide, indexed for the engine, CLI and reporters."""

    plugins: list[PluginInfo] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    readers: dict[str, Reader] = field(default_factory=dict)
    reporters: dict[str, ReporterSpec] = field(default_factory=dict)
    default_config: dict[str, Any] = field(default_factory=dict)
    #: plugins that failed to import, when the registry was built with ``keep_going=True``
    failed: list[FailedPlugin] = field(default_factory=list)
    #: which plugin's ``artlint_default_config`` gave the options of each rule key (code or
    #: name) in ``default_config["rules"]``, to name it when they are invalid
    default_rule_origins: dict[str, str] = field(default_factory=dict)

    def rule_by_selector(self, selector: str) -> Rule | None:
        if selector in self.rules:
            return self.rules[selector]
        for candidate in self.rules.values():
            if candidate.name == selector:
                return candidate
        return None

    def reader_for(self, logical_name: str) -> Reader | None:
        lowered = logical_name.lower()
        for suffix in sorted(self.readers, key=len, reverse=True):
            if lowered.endswith(suffix):
                return self.readers[suffix]
        return None

    def rules_by_plugin(self) -> dict[str, list[Rule]]:
        grouped: dict[str, list[Rule]] = {}
        for item in self.rules.values():
            grouped.setdefault(item.plugin, []).append(item)
        return grouped


def _entry_points() -> list[EntryPoint]:
    found = entry_points(ENTRY_POINT_GROUP)
    return sorted(found, key=lambda ep: (_distribution_name(ep) != OWN_DISTRIBUTION, ep.name))


def _distribution_name(ep: EntryPoint) -> str:
    return ep.dist.name


def _distribution_version(ep: EntryPoint) -> str:
    return ep.dist.version


def load_local_plugin(path: Path) -> ModuleType:
    """Import one explicitly listed Python file as a plugin module."""
    if not path.is_file():
        raise PluginError(f"local plugin {path}: no such file")
    module_name = f"artlint_local_{abs(hash(str(path.resolve())))}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise PluginError(f"local plugin {path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # noqa: BLE001 - any import failure is the plugin's, and fatal
        sys.modules.pop(module_name, None)
        raise PluginError(f"local plugin {path} failed to import: {_describe(error)}") from error
    return module


def build_registry(
    local_plugins: Iterable[Path] = (),
    required: Iterable[str] = (),
    custom_rules: Iterable[Rule] = (),
    keep_going: bool = False,
) -> Registry:
    """Load every plugin, call its hooks once, and check that the result is consistent.

    A plugin that fails to import is fatal, unless ``keep_going``: then it is left out and
    recorded in ``Registry.failed`` (for the commands that describe the installation).
    """
    manager = pluggy.PluginManager(ENTRY_POINT_GROUP)
    manager.add_hookspecs(hookspecs)
    autoload = os.environ.get(DISABLE_AUTOLOAD_ENV, "") in ("", "0")
    registry = Registry()
    for ep in _entry_points():
        distribution = _distribution_name(ep)
        if not autoload and distribution != OWN_DISTRIBUTION:
            continue
        info = PluginInfo(ep.name, distribution, _distribution_version(ep), ep.value)
        try:
            plugin = ep.load()
        except Exception as error:  # noqa: BLE001 - reported with the plugin's name, fatal
            message = (
                f"plugin '{ep.name}' from {distribution} failed to load ({ep.value}): "
                f"{_describe(error)}"
            )
            if not keep_going:
                raise PluginError(message) from error
            registry.failed.append(FailedPlugin(info, message))
            continue
        _register(manager, plugin, ep.name)
        registry.plugins.append(info)
    for path in local_plugins:
        info = PluginInfo(str(path), "(local file)", "-", str(path))
        try:
            module = load_local_plugin(path)
        except PluginError as error:
            if not keep_going:
                raise
            registry.failed.append(FailedPlugin(info, str(error)))
            continue
        _register(manager, module, str(path))
        registry.plugins.append(info)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        raise PluginError(f"plugin has a hook artlint does not know: {error}") from error
    if custom_rules:
        manager.register(_ConfigRules(list(custom_rules)), name="config")
        registry.plugins.append(PluginInfo("config", "(custom-rules in config)", "-", "config"))
    _collect(manager, registry)
    # a plugin that failed to import (keep_going) is installed, and reported as broken
    present = [*registry.plugins, *(failed.info for failed in registry.failed)]
    missing = sorted(
        set(required) - {info.name for info in present} - {info.distribution for info in present}
    )
    if missing:
        raise PluginError(f"required plugin(s) not installed: {', '.join(missing)}")
    return registry


class _ConfigRules:
    """The no-code rules of the configuration, registered like any other rule plugin."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules

    @hookimpl
    def artlint_rules(self) -> list[Rule]:
        return self.rules


def _register(manager: pluggy.PluginManager, plugin: object, name: str) -> None:
    if manager.is_registered(plugin):
        return
    try:
        manager.register(plugin, name=name)
    except ValueError as error:
        raise PluginError(f"plugin '{name}' could not be registered: {error}") from error
    except pluggy.PluginValidationError as error:
        raise PluginError(f"plugin '{name}' is invalid: {error}") from error


def _collect(manager: pluggy.PluginManager, registry: Registry) -> None:
    from artlint.readers.base import Reader
    from artlint.reporters.base import ReporterSpec
    from artlint.rules import Rule

    # Call each implementation separately so every rule knows which plugin provided it.
    own = {info.name for info in registry.plugins if info.distribution == OWN_DISTRIBUTION}
    owners: dict[str, str] = {}
    names: dict[str, str] = {}
    for impl in manager.hook.artlint_rules.get_hookimpls():
        for item in _listed(impl, "artlint_rules", Rule):
            if item.code in owners and registry.rules[item.code].check is item.check:
                continue  # the same rule listed twice by its plugin
            if item.code.startswith("AL") and impl.plugin_name not in own:
                raise PluginError(
                    f"plugin '{impl.plugin_name}': rule code {item.code} is taken: the AL codes "
                    "are artlint's own"
                )
            for key, seen, what in ((item.code, owners, "code"), (item.name, names, "name")):
                if key in seen:
                    raise PluginError(
                        f"rule {what} {key} is claimed by two plugins: "
                        f"'{seen[key]}' and '{impl.plugin_name}'"
                    )
                seen[key] = impl.plugin_name
            registry.rules[item.code] = item.model_copy(update={"plugin": impl.plugin_name})
    for impl in manager.hook.artlint_readers.get_hookimpls():
        for reader in _listed(impl, "artlint_readers", Reader):
            for suffix in reader.suffixes:
                registry.readers[suffix.lower()] = reader
    for impl in manager.hook.artlint_reporters.get_hookimpls():
        for spec in _listed(impl, "artlint_reporters", ReporterSpec):
            registry.reporters[spec.name] = spec
    for impl in manager.hook.artlint_default_config.get_hookimpls():
        defaults = _call(impl, "artlint_default_config") or {}
        if not isinstance(defaults, dict):
            raise PluginError(
                f"plugin '{impl.plugin_name}': artlint_default_config() must return a dict, "
                f"not {type(defaults).__name__}"
            )
        _merge(registry.default_config, defaults)
        rules = defaults.get("rules")
        if isinstance(rules, dict):
            for key in rules:
                registry.default_rule_origins[str(key)] = impl.plugin_name
    registry.rules = dict(sorted(registry.rules.items()))


def _listed(impl: pluggy.HookImpl, hook: str, kind: type[_T]) -> list[_T]:
    """What a hook returned, checked: a list (or None) of ``kind``."""
    found = _call(impl, hook)
    if found is None:
        return []
    if not isinstance(found, (list, tuple)):
        raise PluginError(
            f"plugin '{impl.plugin_name}': {hook}() must return a list, not {type(found).__name__}"
        )
    for item in found:
        if not isinstance(item, kind):
            raise PluginError(
                f"plugin '{impl.plugin_name}': {hook}() returned a {type(item).__name__}, "
                f"not a {kind.__name__}"
            )
    return list(found)


def _call(impl: pluggy.HookImpl, hook: str) -> Any:
    try:
        return impl.function()
    except Exception as error:  # noqa: BLE001 - a broken plugin is fatal and named
        raise PluginError(
            f"plugin '{impl.plugin_name}' failed in {hook}: {_describe(error)}"
        ) from error


def _describe(error: BaseException) -> str:
    """An error as one line: a bad @rule or reader as what is wrong with it; a pydantic
    ValidationError (a plugin's own model) as its fields and messages, without the
    documentation links it spreads over several lines."""
    from artlint.rules import InvalidRule

    if isinstance(error, InvalidRule):
        return str(error)
    ValidationError = getattr(sys.modules.get("pydantic"), "ValidationError", None)
    if ValidationError is not None and isinstance(error, ValidationError):
        problems = "; ".join(
            f"{'.'.join(str(part) for part in item['loc']) or 'value'}: {item['msg']}"
            for item in error.errors()
        )
        return f"invalid {error.title}: {problems}"
    return f"{type(error).__name__}: {' '.join(str(error).split())}"


def _merge(target: dict[str, Any], source: dict[str, Any]) -> None:
    for key, value in source.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value
