"""Installed distributions and their entry points, read from their metadata folders directly.

``importlib.metadata`` does this too, but importing it (it brings ``email``, ``zipfile``,
``csv`` ...) took ~16 ms of every run, a tenth of a one-file run's start-up, to read a few
small text files. The installed distributions are folders named ``NAME-VERSION.dist-info``
(or ``.egg-info``) in the folders of ``sys.path``; this module reads their ``entry_points.txt``
and the ``Name``/``Version`` header of their metadata, as ``importlib.metadata`` does (first
distribution of a name on ``sys.path`` wins). Where ``sys.path`` holds what only
``importlib.metadata`` reads (a zip file, an egg), it is used instead.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_INFO_SUFFIXES = (".dist-info", ".egg-info")
_ENTRY_VALUE = re.compile(
    r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"
)


@dataclass(frozen=True)
class Distribution:
    name: str
    version: str
    path: str


@dataclass(frozen=True)
class EntryPoint:
    """An entry point as ``importlib.metadata`` gives it: ``name = value`` in ``group``."""

    name: str
    value: str
    group: str
    dist: Distribution

    def load(self) -> Any:
        """The object the entry point names, importing its module."""
        match = _ENTRY_VALUE.match(self.value)
        if match is None:
            raise ValueError(f"entry point {self.name!r}: cannot read {self.value!r}")
        module = importlib.import_module(match.group("module"))
        attributes = [part for part in (match.group("attr") or "").split(".") if part]
        return functools.reduce(getattr, attributes, module)


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of every installed distribution."""
    if not _readable_here():
        return _from_importlib(group)
    found = []
    for dist, folder in _distributions():
        for section, name, value in _entry_point_lines(folder):
            if section == group:
                found.append(EntryPoint(name, value, group, dist))
    return found


def _readable_here() -> bool:
    """Whether every place on ``sys.path`` that may hold distributions is a plain folder."""
    for entry in sys.path:
        if not isinstance(entry, (str, os.PathLike)):
            continue
        path = os.fspath(entry)
        if not isinstance(path, str):
            continue
        if path.lower().endswith(".egg") or (path and os.path.isfile(path)):
            return False
    return True


def _distributions() -> Iterator[tuple[Distribution, str]]:
    seen: set[str] = set()
    for entry in sys.path:
        if not isinstance(entry, (str, os.PathLike)):
            continue  # importlib.metadata passes over what is no path, too
        root = os.fspath(entry) or "."
        try:
            children = os.listdir(root)
        except (OSError, TypeError):
            continue
        for child in children:
            if not child.lower().endswith(_INFO_SUFFIXES):
                continue
            stem_name = _stem_name(child)
            if stem_name in seen:
                continue
            seen.add(stem_name)  # the first of a name wins, a single-file egg-info too
            folder = os.path.join(root, child)
            name, version_ = _name_and_version(folder)
            yield Distribution(name or stem_name, version_ or "?", folder), folder


def _stem_name(child: str) -> str:
    return _normalized(child.rpartition(".")[0].partition("-")[0])


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@functools.cache
def _name_and_version(folder: str) -> tuple[str | None, str | None]:
    """The ``Name`` and ``Version`` fields of a distribution's metadata: its header, read as
    the e-mail parser reads it (names in any case, the first of a field counts). An old
    single-file ``.egg-info`` is the metadata itself."""
    files = [folder] if os.path.isfile(folder) else [os.path.join(folder, "METADATA")]
    files.append(os.path.join(folder, "PKG-INFO"))
    for path in files:
        try:
            with open(path, encoding="utf-8") as metadata:
                text = metadata.read()
        except (OSError, UnicodeDecodeError):
            continue
        if not text:
            continue
        found: dict[str, str] = {}
        for line in text.splitlines():
            if not line:
                break  # the header ends at the first empty line
            key, colon, value = line.partition(":")
            if colon and not key[:1].isspace():
                found.setdefault(key.strip().lower(), value.strip())
        return found.get("name"), found.get("version")
    return None, None


def _entry_point_lines(folder: str) -> Iterator[tuple[str, str, str]]:
    """(section, name, value) of each entry of ``entry_points.txt``, read as importlib does."""
    if not os.path.isdir(folder):
        return
    try:
        with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as text:
            lines = text.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return
    section = None
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            continue
        name, equals, value = line.partition("=")
        if section is not None and equals:
            yield section, name.strip(), value.strip()


def _from_importlib(group: str) -> list[EntryPoint]:
    from importlib.metadata import entry_points as installed

    found = []
    for ep in installed(group=group):
        dist = getattr(ep, "dist", None)
        metadata = dist.metadata if dist is not None else None
        name = (metadata["Name"] if metadata is not None else None) or "?"
        version_ = (metadata["Version"] if metadata is not None else None) or "?"
        found.append(EntryPoint(ep.name, ep.value, group, Distribution(name, version_, "")))
    return found
