"""Compiled patterns kept between runs, as Python keeps compiled modules in ``__pycache__``.

Both regular-expression engines compile in Python: a cold run of the default rules spends
~90 ms turning the same few hundred pattern sources into matcher code, a fifth of a
pre-commit run of 200 files. The compiled form is plain data (what ``regex`` pickles a pattern
as; what the stdlib compiler hands ``_sre.compile``), so it is stored once per release of
artlint, interpreter and engine version and rebuilt in microseconds; a store no run has read
for a month is deleted when another is written. The methods :mod:`dataclasses` writes for
artlint's classes are compiled code of the same kind and kept the same way (see
:func:`keep_generated_methods`), and so is plain data a rule would otherwise build or import
in every run, named by what it depends on (see :func:`kept_value`).

The store lives in the user's cache folder (``$ARTLINT_PATTERN_CACHE_DIR``, else
``$XDG_CACHE_HOME/artlint``, else ``~/.cache/artlint``; ``%LOCALAPPDATA%\\artlint`` on
Windows). ``ARTLINT_PATTERN_CACHE=0`` turns it off. It is read with :mod:`marshal`, which
builds data and never runs code. Both engines trust a compiled program (a damaged one can
crash or hang them) and the methods' code is run as Python runs a ``.pyc`` file, so the file
carries a SHA-256 of its content and is read only when it is the user's own and nobody else
may write it, as Python trusts its ``__pycache__``; any failure to read, build or write falls
back to compiling as if there were no store: the store can make a run faster, never different.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import time
from pathlib import Path
from types import CodeType
from typing import Any, cast

import regex
from regex import _regex

if sys.version_info >= (3, 11):
    from re import _compiler as _sre_compile
    from re import _parser as _sre_parse
else:  # pragma: no cover - Python 3.10 names the same modules sre_*
    import sre_compile as _sre_compile
    import sre_parse as _sre_parse

import _sre

DIR_ENV = "ARTLINT_PATTERN_CACHE_DIR"
SWITCH_ENV = "ARTLINT_PATTERN_CACHE"
#: a store never grows past this many entries (options of user rules can make new patterns)
MAX_ENTRIES = 4000
#: patterns a process keeps built, as ``re`` and ``regex`` bound their own caches
MAX_BUILT = 4096
_FORMAT = 2
_HEADER = b"artlint compiled patterns\n"

_Key = tuple[str, str, int]  # kind ("re", "regex", "code", "value"), source or name, flags

#: how the stdlib compiler hands a pattern to its C engine (Python 3.10-3.13), which is what
#: the store rebuilds; on a Python whose hand-off differs, stdlib patterns are compiled the
#: public way and never stored
_SRE_HANDOFF = "($module,/,pattern,flags,code,groups,groupindex,indexgroup)"
_STDLIB_STORABLE = (
    "".join((getattr(_sre.compile, "__text_signature__", None) or "").split()) == _SRE_HANDOFF
)

#: what the store held when it was read, then what this process compiled that it lacked
_stored: dict[_Key, Any] | None = None
_new: dict[_Key, Any] = {}
#: the patterns this process has built, as ``re`` and ``regex`` keep theirs
_built: dict[_Key, Any] = {}
#: how the names of the kinds of values this process kept start (see keep_value)
_families: set[str] = set()
#: values of one family the store keeps at most: those this run used, then the newest
MAX_KEPT_PER_FAMILY = 4
#: set when a save failed: this process does not try again (workers save after every batch)
_unwritable = False


def _enabled() -> bool:
    return os.environ.get(SWITCH_ENV, "1").strip().lower() not in {"0", "false", "no", "off"}


def store_path() -> Path | None:
    """The file this interpreter and these engines use, or None when there is no cache home."""
    given = os.environ.get(DIR_ENV)
    if given:
        folder = Path(given)
    elif sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        folder = Path(os.environ["LOCALAPPDATA"]) / "artlint"
    elif os.environ.get("XDG_CACHE_HOME"):
        folder = Path(os.environ["XDG_CACHE_HOME"]) / "artlint"
    else:
        try:
            home = Path.home()
        except (RuntimeError, KeyError):  # no home folder to be found
            return None
        if not home.is_absolute():
            return None  # Python <= 3.11 hands back "~" itself: never a folder of the project
        folder = home / ".cache" / "artlint"
    # Compiled code is only valid for the interpreter and engine that made it; a release has a
    # store of its own, so the patterns of releases before it do not pile up in the one read
    # by every run (see _forget_stale_stores).
    from artlint._version import __version__

    identity = "|".join(
        (
            __version__,
            str(_FORMAT),
            sys.version,
            sys.platform,
            str(_sre.MAGIC),
            str(_sre.CODESIZE),
            regex.__version__,
        )
    )
    digest = hashlib.sha256(identity.encode()).hexdigest()[:16]
    return folder / f"patterns-{digest}.marshal"


#: a store no run has read for this long belongs to a release or interpreter no longer used
STALE_AFTER = 30 * 24 * 3600
#: how often a store that is read has its time of use renewed (once a day: one system call)
_RENEW_AFTER = 24 * 3600


def _read(path: Path) -> dict[_Key, Any]:
    """The store's entries; empty when the file is missing, damaged or not safely the user's."""
    try:
        with open(path, "rb") as stream:
            status = os.fstat(stream.fileno())
            if not _safely_owned(status):
                return {}
            content = stream.read()
    except OSError:
        return {}
    if time.time() - status.st_mtime > _RENEW_AFTER:
        try:
            os.utime(path)  # in use: see _forget_stale_stores
        except OSError:
            pass  # a read-only cache folder: the store is still good to read
    digest_end = len(_HEADER) + 32
    if not content.startswith(_HEADER) or len(content) < digest_end:
        return {}
    payload = content[digest_end:]
    if hashlib.sha256(payload).digest() != content[len(_HEADER) : digest_end]:
        return {}  # a torn write or a changed byte: compiled programs must be exact
    try:
        data = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _safely_owned(status: os.stat_result) -> bool:
    """Whether only the user can have written the file (always so where there are no owners)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return True
    return status.st_uid == getuid() and not status.st_mode & 0o022


def _store() -> dict[_Key, Any]:
    global _stored
    if _stored is None:
        path = store_path() if _enabled() else None
        _stored = _read(path) if path is not None else {}
    return _stored


def compile_re(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, rebuilt from the store when it holds the pattern."""
    flags = int(flags)  # a RegexFlag is no plain data to store
    key = ("re", source, flags)
    built = _built.get(key)
    if built is not None:
        return built
    if not _STDLIB_STORABLE or not _enabled():
        return re.compile(source, flags)
    parts = _store().get(key)
    pattern: re.Pattern[str] | None = None
    if isinstance(parts, tuple) and len(parts) == 5:
        try:
            pattern = _sre.compile(source, *parts)
        except Exception:  # noqa: BLE001 - an entry this engine refuses: compile afresh below
            pattern = None
    if pattern is None:
        try:
            parts = _re_parts(source, flags)
            pattern = _sre.compile(source, *parts)
        except re.error:
            raise
        except Exception:  # noqa: BLE001 - the engine's internals moved: the public way
            return re.compile(source, flags)
        _remember_new(key, parts)
    _remember_built(key, pattern)
    return pattern


def _remember_new(key: _Key, value: Any) -> None:
    if len(_new) < MAX_ENTRIES:
        _new[key] = value


def _remember_built(key: _Key, pattern: Any) -> None:
    if len(_built) >= MAX_BUILT:
        _built.clear()
    _built[key] = pattern


def _re_parts(source: str, flags: int) -> tuple[Any, ...]:
    """What ``re.compile`` hands ``_sre.compile`` after the pattern text (the same steps as
    the stdlib's own compiler, which is how the store can rebuild a pattern without them)."""
    parsed = _sre_parse.parse(source, flags)
    # the opcodes are int subclasses: plain ints store and build the same
    code = [int(op) for op in _sre_compile._code(parsed, flags)]  # type: ignore[attr-defined]
    state = parsed.state
    index_group: list[str | None] = [None] * state.groups
    for name, index in state.groupdict.items():
        index_group[index] = name
    return (
        int(flags | state.flags),
        code,
        state.groups - 1,
        dict(state.groupdict),
        tuple(index_group),
    )


def compile_regex(source: str, flags: int = 0) -> Any:
    """``regex.compile(source, flags)``, rebuilt from the store when it holds the pattern."""
    flags = int(flags)
    if not flags & (regex.VERSION0 | regex.VERSION1):
        # the version a plugin may have made the default changes what the program does
        flags |= int(regex.DEFAULT_VERSION)
    if not _enabled():
        return regex.compile(source, flags)
    key = ("regex", source, flags)
    built = _built.get(key)
    if built is not None:
        return built
    data = _store().get(key)
    pattern = None
    if isinstance(data, tuple) and data[:1] == (source,):
        try:
            pattern = _regex.compile(*data)
        except Exception:  # noqa: BLE001 - an entry this engine refuses: compile afresh below
            pattern = None
    if pattern is None:
        pattern = regex.compile(source, flags)
        # The compiled program, as ``regex`` pickles it.
        data = getattr(pattern, "_pickled_data", None)
        if isinstance(data, tuple):
            _remember_new(key, data)
    _remember_built(key, pattern)
    return pattern


# --------------------------------------------------------------------------------------------
# Values a library computes at import


def kept_value(name: str) -> Any:
    """What an earlier run kept under ``name`` with :func:`keep_value`, or None.

    For plain data that costs an import or a build to learn, such as ftfy's badness pattern
    (importing ftfy to read it takes ~35 ms): the name must say everything the value depends
    on, best a digest of the source that builds it (a version number is not enough: a
    development build keeps the number of the last release).
    """
    if not _enabled():
        return None
    key = ("value", name, 0)
    value = _built.get(key)
    if value is None:
        value = _store().get(key)
        if value is not None:
            _remember_built(key, value)  # used by this run: kept when a full store is pruned
    return value


def keep_value(name: str, value: Any, family: str) -> None:
    """Keep ``value`` (data :mod:`marshal` can write) for the runs to come under ``name``.

    ``family`` is how the names of values of the same kind start (``name`` included): the
    store keeps the few of them used last (MAX_KEPT_PER_FAMILY), so that every edit of a
    phrase list or upgrade of a library does not leave another copy behind for every run to
    read.
    """
    if _enabled():
        key = ("value", name, 0)
        _remember_new(key, value)
        _remember_built(key, value)
        _families.add(family)


# --------------------------------------------------------------------------------------------
# The methods dataclasses writes

#: how the source text of the methods :mod:`dataclasses` writes for a class begins (Python
#: 3.10-3.13 alike): it compiles that text anew for every class of every run
_GENERATED_PREFIX = "def __create_fn__("
#: whose classes' methods are kept: artlint's own, never a plugin's or a library's
_OWN_MODULES = ("artlint.", "artlint_rules.")


def keep_generated_methods() -> None:
    """Serve the methods :mod:`dataclasses` writes for artlint's classes from the store.

    A data class's ``__init__``, ``__eq__``, ``__repr__``, ``__hash__`` and frozen
    ``__setattr__`` are Python source that :mod:`dataclasses` compiles when the class is
    defined: about 340 compilations and 45 ms of every run for artlint's ~60 classes, a third
    of a one-file run. The compiled form depends only on that text, so it is stored like a
    pattern, and each class is still made by :mod:`dataclasses` itself, which finds its
    compiler through the module's name ``exec``: this gives it one that looks the text up
    first. Text it does not recognise, or of anyone else's classes, is compiled as before.
    """
    import dataclasses

    if _enabled() and vars(dataclasses).get("exec") is None:
        dataclasses.exec = _exec_generated  # type: ignore[attr-defined]


def _exec_generated(
    source: Any, globals: dict[str, Any] | None = None, locals: Any = None, /
) -> None:
    if type(source) is str:
        module = globals.get("__name__", "") if isinstance(globals, dict) else ""
        if source.startswith(_GENERATED_PREFIX) and str(module).startswith(_OWN_MODULES):
            source = generated_code(source)
        else:
            # compiled as exec() itself would from dataclasses, whose code has no __future__
            # flags: this module's (annotations) must not leak into anyone's methods
            source = compile(source, "<string>", "exec", dont_inherit=True)
    exec(source, globals, locals)  # noqa: S102 - dataclasses' own generated methods


def generated_code(source: str) -> CodeType:
    """``source`` compiled as :mod:`dataclasses` compiles it, rebuilt from the store."""
    key = ("code", source, 0)
    built = _built.get(key)
    if built is not None:
        return cast(CodeType, built)
    code = _store().get(key)
    if not isinstance(code, CodeType):
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _remember_new(key, code)
    _remember_built(key, code)
    return code


def save() -> None:
    """Add what this run compiled to the store; silent when the store cannot be written."""
    global _unwritable
    if not _new or _unwritable or not _enabled():
        return
    path = store_path()
    if path is None:
        return
    merged = _read(path)  # another run may have added patterns since this one read the store
    merged.update(_new)
    for family in _families:
        _prune_family(merged, family)
    if len(merged) > MAX_ENTRIES:
        # Full of patterns of older versions of the rules or of options no longer used: keep
        # what this run used, so the store serves the runs to come.
        merged = {key: merged[key] for key in _built if key in merged}
        merged = dict(list(merged.items())[:MAX_ENTRIES])
    try:
        payload = marshal.dumps(merged)
        path.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp's file is the user's alone (mode 0600), which _read asks of the store
        import tempfile  # only when there is something new to store

        handle, temporary = tempfile.mkstemp(prefix=".patterns-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(_HEADER + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        _unwritable = True
        return
    _new.clear()
    _forget_stale_stores(path)


def _forget_stale_stores(current: Path) -> None:
    """Delete the stores beside ``current`` that no run has read for STALE_AFTER: those of
    earlier releases and of interpreters no longer used. A store in use has its time of use
    renewed when it is read, so another Python's store that runs still read is kept. Run only
    when a store is written, which a release's first runs do."""
    now = time.time()
    try:
        for other in current.parent.glob("patterns-*.marshal"):
            if other != current and now - other.stat().st_mtime > STALE_AFTER:
                other.unlink(missing_ok=True)
        # the temporary file of a write that a killed process never finished
        for left in current.parent.glob(".patterns-*"):
            if now - left.stat().st_mtime > _RENEW_AFTER:
                left.unlink(missing_ok=True)
    except OSError:
        pass  # another process removed or changed it: nothing to do


def _prune_family(merged: dict[_Key, Any], family: str) -> None:
    """Drop the oldest values of ``family`` this run did not use, beyond MAX_KEPT_PER_FAMILY."""
    names = [key for key in merged if key[0] == "value" and key[1].startswith(family)]
    unused = [key for key in names if key not in _built]  # oldest first: the dict's order
    room = max(0, MAX_KEPT_PER_FAMILY - (len(names) - len(unused)))
    for key in unused[: max(0, len(unused) - room)]:
        del merged[key]


def forget() -> None:
    """Drop what this process read and compiled (tests point the store elsewhere)."""
    global _stored, _unwritable
    _stored = None
    _unwritable = False
    _new.clear()
    _built.clear()
    _families.clear()
