"""artlint reads installed distributions' entry points itself (importlib.metadata cost ~16 ms
of every start): it must find what importlib.metadata finds."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

from artlint import distributions


def _as_importlib_finds(group: str) -> list[tuple[str, str, str, str]]:
    found = importlib.metadata.entry_points(group=group)
    return sorted(
        (ep.name, ep.value, ep.dist.metadata["Name"], ep.dist.metadata["Version"])  # type: ignore[union-attr]
        for ep in found
    )


def _as_artlint_finds(group: str) -> list[tuple[str, str, str, str]]:
    found = distributions.entry_points(group)
    return sorted((ep.name, ep.value, ep.dist.name, ep.dist.version) for ep in found)


def _version(name: str) -> str | None:
    """The version artlint reads for distribution ``name``: the first of its name wins."""
    wanted = distributions._normalized(name)
    for dist, folder in distributions._distributions():
        if distributions._stem_name(Path(folder).name) == wanted:
            return dist.version
    return None


def _install(site: Path, folder: str, name: str, version: str, entry_points: str) -> None:
    info = site / folder
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nName: not-this\n",
        encoding="utf-8",
    )
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


@pytest.mark.parametrize("group", ["artlint", "console_scripts", "pytest11"])
def test_the_installed_entry_points_are_those_importlib_finds(group: str) -> None:
    assert _as_artlint_finds(group) == _as_importlib_finds(group)


def test_made_up_installations_read_as_importlib_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _install(
        first,
        "Zeta_Plugin-1.0.dist-info",
        "zeta-plugin",
        "1.0",
        "# a comment\n[artlint]\nzeta = zeta_mod:hooks\n\n[other]\nx = y\n",
    )
    _install(second, "zeta_plugin-2.0.dist-info", "zeta-plugin", "2.0", "[artlint]\nold = z\n")
    _install(second, "legacy.egg-info", "Legacy", "0.3", "[artlint]\n legacy = legacy.mod : obj \n")
    monkeypatch.setattr(sys, "path", [str(first), str(second)])
    importlib.invalidate_caches()
    assert _as_artlint_finds("artlint") == _as_importlib_finds("artlint")
    assert ("zeta", "zeta_mod:hooks", "zeta-plugin", "1.0") in _as_artlint_finds("artlint")
    assert _version("Zeta.Plugin") == "1.0"
    assert _version("absent") is None


def test_odd_installations_read_as_importlib_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    # an old single-file egg-info shadows a later distribution of its name
    (site / "filedist-1.0.egg-info").write_text("Name: filedist\nVersion: 1.0\n", "utf-8")
    _install(tmp_path / "later", "filedist-2.0.dist-info", "filedist", "2.0", "[artlint]\nx = y\n")
    # field names in any case, the first of a field, an empty METADATA beside a PKG-INFO
    odd = site / "odd-1.5.dist-info"
    odd.mkdir()
    (odd / "METADATA").write_text("", "utf-8")
    (odd / "PKG-INFO").write_text("name: odd\nversion: 1.5\nVersion: 9\n", "utf-8")
    (odd / "entry_points.txt").write_text("[artlint]\nodd = odd_mod\n", "utf-8")
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "later"), tmp_path / "site"])
    importlib.invalidate_caches()
    assert _as_artlint_finds("artlint") == _as_importlib_finds("artlint")
    for name in ("filedist", "odd"):
        assert _version(name) == importlib.metadata.version(name)


def test_a_zip_on_the_path_is_left_to_importlib(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip file
    monkeypatch.setattr(sys, "path", [*sys.path, str(archive)])
    asked: list[str] = []
    monkeypatch.setattr(distributions, "_from_importlib", lambda group: asked.append(group) or [])
    assert distributions.entry_points("artlint") == [] and asked == ["artlint"]


def test_an_entry_point_loads_what_it_names() -> None:
    dist = distributions.Distribution("x", "1", "")
    point = distributions.EntryPoint("p", "os.path:join", "g", dist)
    assert point.load() is __import__("os").path.join
