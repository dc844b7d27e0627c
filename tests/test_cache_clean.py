"""`artlint clean` removes only what artlint wrote: a mistaken --cache-dir never loses a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from artlint.cache import Cache, NotACache, clean


def _clean_cli(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "artlint", "clean", "--cache-dir", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )


def _fill(folder: Path) -> None:
    cache = Cache(folder)
    for number in range(3):
        cache.put(Cache.key(b"text %d" % number, "a.txt", "settings"), 1, False, [])


def test_a_folder_that_is_no_cache_is_refused_and_left_whole(tmp_path: Path) -> None:
    folder = tmp_path / "important"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    (folder / "sub" / "ab.json").write_text("{}", encoding="utf-8")
    result = _clean_cli(folder)
    assert result.returncode == 2
    assert "not an artlint cache folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert (folder / "sub" / "ab.json").exists()


def test_a_cache_is_removed_whole(tmp_path: Path) -> None:
    folder = tmp_path / ".artlint_cache"
    _fill(folder)
    assert (folder / "CACHEDIR.TAG").is_file() and (folder / ".gitignore").is_file()
    assert len(list(folder.rglob("*.json"))) == 3
    result = _clean_cli(folder)
    assert result.returncode == 0, result.stderr
    assert not folder.exists()


def test_files_that_are_not_artlints_survive_inside_a_cache(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _fill(folder)
    (folder / "mine.txt").write_text("keep", encoding="utf-8")
    entry_folder = next(path for path in folder.iterdir() if path.is_dir())
    (entry_folder / "README").write_text("keep too", encoding="utf-8")
    assert clean(folder) is True
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "keep"
    assert (entry_folder / "README").read_text(encoding="utf-8") == "keep too"
    assert not list(folder.rglob("*.json"))
    assert not (folder / "CACHEDIR.TAG").exists()


def test_a_cache_pointed_at_a_busy_folder_does_not_mark_it(tmp_path: Path) -> None:
    # a .gitignore of "*" in a project root would hide the project from git, and a cache tag
    # in a home folder would keep backup tools out of it
    project = tmp_path / "project"
    project.mkdir()
    (project / "article.txt").write_text("text", encoding="utf-8")
    _fill(project)
    assert not (project / ".gitignore").exists()
    assert not (project / "CACHEDIR.TAG").exists()
    with pytest.raises(NotACache):
        clean(project)
    assert (project / "article.txt").exists()


def test_a_symlink_to_a_cache_is_not_followed(tmp_path: Path) -> None:
    real = tmp_path / "real"
    _fill(real)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    with pytest.raises(NotACache):
        clean(link)
    assert len(list(real.rglob("*.json"))) == 3


def test_no_cache_folder_is_no_error(tmp_path: Path) -> None:
    result = _clean_cli(tmp_path / "absent")
    assert result.returncode == 0
    assert "no cache at" in result.stdout


def test_stored_results_are_read_back_and_leave_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache = Cache(folder)
    keys = [Cache.key(f"article {n}".encode(), f"a{n}.txt", "settings") for n in range(40)]
    for number, key in enumerate(keys):
        cache.put(key, number, number % 2 == 1, [])
    for number, key in enumerate(keys):
        assert cache.get(key) == (number, number % 2 == 1, [])
    written = [path for path in folder.rglob("*") if path.is_file()]
    assert not [path for path in written if path.suffix == ".tmp"]
    assert len([path for path in written if path.suffix == ".json"]) == len(keys)
    if hasattr(os, "getuid"):  # the user's own results: not for others to read
        assert {path.stat().st_mode & 0o777 for path in written if path.suffix == ".json"} == {
            0o600
        }


def test_a_result_that_cannot_be_stored_is_dropped_without_a_trace(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache = Cache(folder)
    key = Cache.key(b"article", "a.txt", "settings")
    # the entry's name is taken by a folder: the write is given up and its temporary removed
    (folder / key[:2] / f"{key}.json").mkdir(parents=True)
    cache.put(key, 1, False, [])
    assert cache.get(key) is None
    assert [path.name for path in (folder / key[:2]).iterdir()] == [f"{key}.json"]
    # the entry's folder is taken by a file: nothing is written, nothing raised
    others = (Cache.key(b"article %d" % n, "b.txt", "settings") for n in range(1000))
    other = next(name for name in others if name[:2] != key[:2])
    (folder / other[:2]).write_text("not a folder")
    cache.put(other, 1, False, [])
    assert cache.get(other) is None
    assert (folder / other[:2]).read_text() == "not a folder"


def test_a_cache_removed_during_the_run_is_made_and_marked_again(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache = Cache(folder)
    keys = [Cache.key(f"article {n}".encode(), f"a{n}.txt", "settings") for n in range(60)]
    for key in keys[:30]:
        cache.put(key, 1, False, [])
    assert clean(folder)  # another terminal's `artlint clean`
    for key in keys[30:]:
        cache.put(key, 1, False, [])
    assert all(cache.get(key) is not None for key in keys[30:])
    assert (folder / "CACHEDIR.TAG").is_file()  # still known as a cache: clean removes it
    assert clean(folder) and not folder.exists()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_a_forked_process_names_its_temporary_files_anew(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    cache.put(Cache.key(b"parent", "a.txt", "s"), 1, False, [])
    parent_writer = cache._writer
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            cache.put(Cache.key(b"child", "b.txt", "s"), 1, False, [])
            os.write(write, cache._writer.encode())
        finally:
            os._exit(0)
    os.close(write)
    child_writer = os.read(read, 200).decode()
    os.waitpid(child, 0)
    assert child_writer and child_writer != parent_writer
    assert cache.get(Cache.key(b"child", "b.txt", "s")) is not None
