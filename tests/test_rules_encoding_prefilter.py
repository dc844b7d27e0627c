"""EN001's prefilter: ftfy's badness pattern runs only around marker characters.

The rule trusts two facts about ftfy's BADNESS_RE (see rules/encoding.py): every match holds a
marker (a strong character, or a weak one next to an adjacent one), and no match is longer than
_BADNESS_WIDTH. These tests derive both from
the installed ftfy's pattern, and check that the prefiltered rule reports exactly what running
the pattern on every line reports, on ftfy's own kinds of mojibake and on random text.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ftfy.badness import BADNESS_RE

from artlint.testing import lint
from artlint_rules import encoding

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse


def _alternatives() -> list[list[tuple[Any, Any]]]:
    parsed: Any = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    [(op, av)] = parsed.data
    assert op is sre_constants.BRANCH
    return [list(alternative.data) for alternative in av[1]]


def _characters(op: Any, av: Any) -> set[str] | None:
    """The characters one element of a sequence must be, or None when it is not a plain set."""
    if op is sre_constants.LITERAL:
        return {chr(av)}
    if op is not sre_constants.IN:
        return None
    chars: set[str] = set()
    for item_op, item in av:
        if item_op is sre_constants.LITERAL:
            chars.add(chr(item))
        elif item_op is sre_constants.RANGE:
            chars.update(map(chr, range(item[0], item[1] + 1)))
        else:  # NEGATE, CATEGORY: no bounded set
            return None
    return chars


def test_the_installed_ftfy_has_the_pattern_the_markers_were_derived_from() -> None:
    """Another pattern is handled (EN001 falls back to searching every line) but slowly:
    re-derive _MARKERS and _BADNESS_WIDTH with the tests below and update the hash."""
    digest = hashlib.sha256(BADNESS_RE.pattern.encode()).hexdigest()
    assert digest == encoding._BADNESS_SHA256
    assert encoding._markers_apply()
    # the module's own text, which tells the same without importing ftfy
    import ftfy.badness

    source = hashlib.sha256(Path(ftfy.badness.__file__).read_bytes()).hexdigest()
    assert encoding._badness_source_digest() == source == encoding._BADNESS_SOURCE_SHA256


def _member(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{chars}]")


def test_every_badness_sequence_holds_a_marker() -> None:
    """Every sequence has an element made of strong characters only, or two neighbouring
    elements that always put a strong character, or a weak one next to an adjacent one."""
    strong = _member(encoding._STRONG).fullmatch
    weak = _member(encoding._WEAK).fullmatch
    adjacent = _member(encoding._ADJACENT).fullmatch

    def pair_marks(first: set[str], second: set[str]) -> bool:
        return all(
            strong(a) or strong(b) or (weak(a) and adjacent(b)) or (adjacent(a) and weak(b))
            for a in first
            for b in second
        )

    for alternative in _alternatives():
        sets = [_characters(op, av) for op, av in alternative]
        if any(chars is not None and all(map(strong, chars)) for chars in sets):
            continue
        assert any(
            first is not None and second is not None and pair_marks(first, second)
            for first, second in zip(sets, sets[1:], strict=False)
        ), f"no marker in every match of {alternative}"


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("a€b", [1]),  # strong
        ("café", []),  # weak alone
        ("caf\u00e9\u201d", [3]),  # weak before adjacent
        ("“édition", [1]),  # weak after adjacent
        ("СССР «Правда»", []),  # Cyrillic capitals without adjacent punctuation
        ("С«В", [0, 2]),
    ],
)
def test_markers(text: str, positions: list[int]) -> None:
    assert [match.start() for match in encoding._MARKERS.finditer(text)] == positions


def test_window_search_finds_every_match() -> None:
    """Searching within _BADNESS_WIDTH - 1 characters of each marker is only exact when matches
    are that short, when ``^`` is the only anchor, and when nothing looks around."""
    assert not BADNESS_RE.flags & (re.IGNORECASE | re.MULTILINE)
    parsed: Any = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert parsed.getwidth()[1] <= encoding._BADNESS_WIDTH

    def walk(items: Any) -> None:
        for op, av in items:
            assert op not in (sre_constants.ASSERT, sre_constants.ASSERT_NOT)
            if op is sre_constants.AT:
                assert av is sre_constants.AT_BEGINNING
            if op is sre_constants.BRANCH:
                for alternative in av[1]:
                    walk(alternative.data)
            elif op is sre_constants.SUBPATTERN:
                walk(av[-1].data)
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                walk(av[2].data)

    walk(parsed.data)


def _reference_lines(body: str) -> list[tuple[str, int]]:
    """What EN001 did before the prefilter: the pattern on every non-ASCII line."""
    found = []
    offset = 0
    for line in body.split("\n"):
        if not line.isascii() and BADNESS_RE.search(line):
            found.append((line, offset))
        offset += len(line) + 1
    return found


# Text in several languages, turned into mojibake the ways ftfy documents (UTF-8 read as
# Windows-1252, Latin-1, MacRoman, cp437, Windows-1251, Windows-1253, Windows-1257...).
WORDS = [
    "It’s a “deal” — the café’s crème brûlée costs £5 or 6 €.",
    "Les élèves ont réussi l’examen à Genève… «Bravo», a-t-il dit.",
    "Größere Straßen in Köln: „Die Übergabe“ erfolgt später.",
    "São Paulo e Brasília: ação, informação, coração.",
    "Советы Федерации приняли закон о бюджете.",
    "Η Ελλάδα και η Κύπρος υπέγραψαν συμφωνία.",
    "الحكومة أعلنت عن خطة جديدة",
    "✔ No problems ½ × 3 ≥ 2 ™ ®",
    "Lietuvos ąžuolas ir Łódź, Český Krumlov, Ångström",
]
ENCODINGS = ["cp1252", "latin-1", "mac_roman", "cp437", "cp1251", "cp1253", "cp1257", "cp1250"]


def _mojibake_cases() -> list[str]:
    cases = [
        # ftfy's documented examples
        "âœ” No problems",
        "The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows.",
        "l’humanitÃ©",
        "Ã¢â‚¬Å“mojibakeÃ¢â‚¬Â",
        "РґРѕР±СЂРѕ РїРѕР¶Р°Р»РѕРІР°С‚СЊ",
        "Iranâ€™s â€œdealâ€\x9d",
        "‚Äúquoted‚Äù in MacRoman",
        "Ã  la carte, Ã¡gil",
    ]
    for text in WORDS:
        for name in ENCODINGS:
            cases.append(text.encode("utf-8").decode(name, errors="replace"))
            cases.append(text.encode("utf-8").decode(name, errors="ignore"))
    return cases


@pytest.mark.parametrize("line", _mojibake_cases())
def test_prefilter_flags_the_lines_every_line_search_flags(line: str) -> None:
    body = f"A clean first line.\n{line}\nAnd “a” clean—last line."
    assert list(encoding._bad_lines(body)) == _reference_lines(body)


def test_documented_mojibake_is_still_reported() -> None:
    for line in _mojibake_cases()[:8]:
        assert [v.code for v in lint(line, select=["EN001"])], line


def test_random_marker_contexts_match_every_line_search() -> None:
    """Markers and the characters ftfy pairs them with, in random order and company."""
    rng = random.Random(20261129)
    alphabet = (
        "abcXYZ .,?!\t0123"
        "¤¦¨ª¬¯¸ºƒˆˇ˘˛˜†‡‰⌐◊\ufffdÀÂÃÎÐÑØÙÜÝŒœßàâãäéêñóöü¢£¥€│═▀░±²³µ¹¼½¾×÷№√≈≤§¶"
        "ЂВГРСвΒΓΞΟβāΠ‚„“”‘’«»‹›•©®™–—…\xa0\xad·°´\x81\x85\x9d"
    )
    for _ in range(3000):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        body = body.replace("0", "\n")
        assert list(encoding._bad_lines(body)) == _reference_lines(body), repr(body)


def test_fallback_without_the_prefilter_reports_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """With another ftfy pattern the rule searches every line; the findings are the same."""
    body = "\n".join(_mojibake_cases())
    prefiltered = lint(body, select=["EN"])
    monkeypatch.setattr(encoding, "_markers_apply", lambda: False)
    assert lint(body, select=["EN"]) == prefiltered


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["check", "--isolated", "--no-cache", "--exit-zero", "{file}"],
    ],
)
def test_ftfy_is_not_imported_without_a_marker(args: list[str], tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("It’s “quoted” — with dashes – and no mojibake.\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "artlint"]
        + [arg.format(file=article) for arg in args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    imported = [line for line in completed.stderr.splitlines() if "ftfy" in line]
    assert imported == []


def _imports_in_run(article: Path, store: Path) -> tuple[str, list[str]]:
    """A check's JSON report and the ftfy modules it imported, with the pattern store at
    ``store``."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "artlint", "check", "--isolated"]
        + ["--no-cache", "--exit-zero", "--output-format", "json", str(article)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "ARTLINT_PATTERN_CACHE_DIR": str(store), "ARTLINT_PATTERN_CACHE": "1"},
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    modules = [line.split("|")[-1].strip() for line in completed.stderr.splitlines()]
    return completed.stdout, [name for name in modules if name.startswith("ftfy")]


def test_with_a_warm_store_a_marker_needs_no_ftfy_import(tmp_path: Path) -> None:
    """A marker that is no mojibake (accents next to quotes, everyday French) needs ftfy's
    badness pattern but not ftfy: the second run rebuilds the pattern from the store, and a
    line that is bad still imports ftfy for its repair, with the same report."""
    clean = tmp_path / "clean.txt"
    clean.write_text("Il a dit «été» et «déjà vu», sans mojibake aucun.\n", encoding="utf-8")
    broken = tmp_path / "broken.txt"
    broken.write_text("Iranâ€™s foreign minister said so.\n", encoding="utf-8")
    store = tmp_path / "patterns"
    assert encoding._MARKERS.search(clean.read_text(encoding="utf-8"))  # the test has teeth
    cold_report, cold_imports = _imports_in_run(clean, store)
    assert "ftfy.badness" in cold_imports
    warm_report, warm_imports = _imports_in_run(clean, store)
    assert warm_imports == []
    assert warm_report == cold_report
    bad_report, bad_imports = _imports_in_run(broken, store)
    assert "EN001" in bad_report
    assert "ftfy" in bad_imports


def test_the_kept_badness_pattern_is_ftfys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from artlint import pattern_cache

    monkeypatch.setenv(pattern_cache.DIR_ENV, str(tmp_path))
    monkeypatch.delenv(pattern_cache.SWITCH_ENV, raising=False)
    pattern_cache.forget()
    encoding._badness_re.cache_clear()
    try:
        assert encoding._badness_re() is BADNESS_RE  # cold: ftfy's own, and its text kept
        pattern_cache.save()
        pattern_cache.forget()
        encoding._badness_re.cache_clear()
        rebuilt = encoding._badness_re()
        assert rebuilt is not BADNESS_RE
        assert (rebuilt.pattern, rebuilt.flags) == (BADNESS_RE.pattern, BADNESS_RE.flags)
        cases = _mojibake_cases()
        assert [rebuilt.findall(case) for case in cases] == [
            BADNESS_RE.findall(case) for case in cases
        ]
    finally:
        pattern_cache.forget()
        encoding._badness_re.cache_clear()


def test_a_kept_badness_pattern_serves_only_the_module_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another badness.py (a development build with the same version number) is another name;
    a kept text that is no pattern is ignored."""
    from artlint import pattern_cache

    monkeypatch.setenv(pattern_cache.DIR_ENV, str(tmp_path))
    monkeypatch.delenv(pattern_cache.SWITCH_ENV, raising=False)
    pattern_cache.forget()
    encoding._badness_re.cache_clear()
    try:
        monkeypatch.setattr(encoding, "_badness_source_digest", lambda: "d" * 64)
        family = "ftfy badness.py "
        pattern_cache.keep_value(f"{family}{'d' * 64} BADNESS_RE", ("[a-", 0), family)
        assert encoding._badness_re() is BADNESS_RE  # the kept text does not compile
        encoding._badness_re.cache_clear()
        monkeypatch.setattr(encoding, "_badness_source_digest", lambda: "e" * 64)
        pattern_cache.keep_value(f"{family}{'f' * 64} BADNESS_RE", ("x", 0), family)
        assert encoding._badness_re() is BADNESS_RE  # only another module's text is kept
    finally:
        pattern_cache.forget()
        encoding._badness_re.cache_clear()


def test_precheck_characters_are_the_pattern_classes() -> None:
    """EN003 and EN004 skip a body that holds none of these characters: they must be exactly
    the characters their patterns look for (all of which lie in the BMP)."""
    bmp = [chr(code) for code in range(0x10000)]
    assert set(encoding._CONTROL_CHARS) == {c for c in bmp if encoding._CONTROL.fullmatch(c)}
    assert set(encoding._INVISIBLE_CHARS) == {c for c in bmp if encoding._INVISIBLE_RE.fullmatch(c)}


def test_shared_scan_sees_every_character_the_rules_look_for() -> None:
    """EN001, EN003 and EN004 return at once when the shared scan finds nothing."""
    for char in encoding._CONTROL_CHARS + encoding._INVISIBLE_CHARS:
        assert encoding._ANY_ISSUE.search(f"a{char}b"), repr(char)
    rng = random.Random(7)
    alphabet = "ab .\n“”«»°éВΟ€Ã\x85\u200b\x07"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        if encoding._MARKERS.search(text):
            assert encoding._ANY_ISSUE.search(text), repr(text)


def test_each_record_is_scanned_on_its_own() -> None:
    records = [
        {"title": "a", "body": "A clean “quoted” line."},
        {"title": "b", "body": "A bell\x07 in the text."},
        {"title": "c", "body": "A clean line, again."},
        {"title": "d", "body": "Zero\u200bwidth space."},
        {"title": "e", "body": "Iranâ€™s minister spoke."},
        {"title": "f", "body": "Clean é text."},
    ]
    found = lint(records, select=["EN"])
    assert sorted((v.record, v.code) for v in found) == [(2, "EN003"), (4, "EN004"), (5, "EN001")]
