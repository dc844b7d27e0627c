"""EN rules: mojibake (ftfy), U+FFFD, control and invisible characters, with their fixes."""

from __future__ import annotations

from pathlib import Path

import pytest

from artlint.testing import apply_fixes, assert_violations, lint

SHARED = Path(__file__).resolve().parents[2] / "shared"


def fixed(text: str, code: str) -> str:
    found = lint(text, select=[code])
    fixes = [v.fix for v in found if v.fix is not None and v.fix.applicability == "safe"]
    # Violations carry body offsets; plain text bodies are the whole file.
    return apply_fixes(text, fixes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iranâ€™s minister spoke.", ["EN001:1:5"]),
        ("IranÃ¢â‚¬â„¢s nuclear plan", ["EN001:1:5"]),
        ("cafÃ© au lait and cafÃ© noir", ["EN001:1:4", "EN001:1:22"]),
        ("fee\nÂ£5 fee", ["EN001:2:1"]),
        ("Ð¡Ð¾Ð²ÐµÑ‚ Ð¤ÐµÐ´ÐµÑ€Ð°Ñ†Ð¸Ð¸", ["EN001:1:1", "EN001:1:12"]),
        # clean text from real articles
        ("naïve résumé in São Paulo", []),
        ("(╯°□°)╯︵ ┻━┻ and a price of 5 €", []),
        ("“Quoted” text — with dashes – and ‘single’ quotes.", []),
        ("Москва и Санкт-Петербург", []),
        ("plain ascii text", []),
    ],
)
def test_mojibake(text: str, expected: list[str]) -> None:
    assert_violations(lint(text, select=["EN001"]), expected)


def test_c1_mojibake_is_reported_once_by_en001() -> None:
    assert [v.code for v in lint("C1\x85control", select=["EN"])] == ["EN001"]


def test_mojibake_around_lost_bytes_is_the_replacement_characters_finding() -> None:
    # a curly quote decoded as cp1252 whose last two bytes were lost: what it read is unknown
    found = lint("angrypatriot22: \u00e2\ufffd\ufffdIf capitalism is to continue", select=["EN"])
    assert [(v.code, v.fix) for v in found] == [("EN002", None)]


def test_mojibake_fix_repairs_without_uncurling_quotes() -> None:
    assert fixed("Iranâ€™s “deal”", "EN001") == "Iran’s “deal”"
    assert fixed("cafÃ© au lait", "EN001") == "café au lait"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S\ufffdo Paulo", ["EN002:1:2"]),
        ("a\ufffd\ufffd\ufffdb", ["EN002:1:2"]),
        ("São Paulo", []),
    ],
)
def test_replacement_character(text: str, expected: list[str]) -> None:
    found = lint(text, select=["EN002"])
    assert_violations(found, expected)
    assert all(v.fix is None for v in found)


@pytest.mark.parametrize(
    ("text", "expected", "repaired"),
    [
        ("The council\x07 met.", ["EN003:1:12"], "The council met."),
        ("soh\x01\x02 here", ["EN003:1:4"], "soh here"),
        ("C1\x81control", ["EN003:1:3"], "C1control"),
        ("C1\x85control", [], "C1\x85control"),  # cp1252 for '…': EN001 repairs it
        ("tab\tand\nnewline are fine", [], "tab\tand\nnewline are fine"),
        ("itâ\x80\x99s", [], "itâ\x80\x99s"),  # mojibake: EN001's, not a control character
    ],
)
def test_control_characters(text: str, expected: list[str], repaired: str) -> None:
    assert_violations(lint(text, select=["EN003"]), expected)
    assert fixed(text, "EN003") == repaired


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Not\u200bfall", ["EN004:1:4"]),
        ("new\u200b\u200b policy", ["EN004:1:4"]),
        ("mid\ufefftext", ["EN004:1:4"]),
        ("first\n\ufeff\nthird", ["EN004:2:1"]),
        ("stray\u200d joiner", ["EN004:1:6"]),
        ("word\u2060joiner", ["EN004:1:5"]),
        ("ne\u034fw", ["EN004:1:3"]),
        # one finding for a line obfuscated letter by letter, one per run elsewhere
        ("n\u034fe\u034fw po\u034flicy\nand\u200bthen", ["EN004:1:2", "EN004:2:4"]),
        # legitimate uses
        ("a\u034f\u0308\u0301 keeps two accents in order", []),
        ("\ufeffBOM at the very start", []),
        ("runner 🏃🏽\u200d♀️ emoji", []),
        ("family 👨\u200d👩\u200d👧 emoji", []),
        ("Persian می\u200cخواهم", []),
        ("Hindi क्\u200dष", []),
        ("Thai ภาษา\u200bไทย", []),
        ("Auf\u200clage ligature control", []),
        ("soft Not\u00adfall hyphen", []),
        ("spacer\n\u200b\nparagraph", []),
        ("spacer \u200b token", []),
    ],
)
def test_invisible_characters(text: str, expected: list[str]) -> None:
    assert_violations(lint(text, select=["EN004"]), expected)


def test_invisible_options_widen_the_check() -> None:
    options = {"EN004": {"soft-hyphens": True, "spacers": True}}
    found = lint("Not\u00adfall\n\u200b\n", select=["EN004"], options=options)
    assert [(v.line, v.column) for v in found] == [(1, 4), (2, 1)]


def test_invisible_fix_keeps_the_visible_text() -> None:
    assert fixed("Not\u200bfall and mid\ufefftext", "EN004") == "Notfall and midtext"
    scattered = "n\u034fe\u034fw \U0001f3c3\u200d\u2640 po\u034flicy, Not\u200bfall"
    assert fixed(scattered, "EN004") == "new \U0001f3c3\u200d\u2640 policy, Notfall"
    (found,) = [v for v in lint(scattered, select=["EN004"]) if "scattered" in v.message]
    assert found.message.startswith(
        "4 invisible characters (3 x combining grapheme joiner (U+034F), 1 x zero-width space"
    )
    # counted by character, whatever their order: one finding for the line
    alternating = "n\u200be\u2060w\u200bs\u2060f\u200bl\u2060ash flood warning today"
    assert [v.message for v in lint(alternating, select=["EN004"])] == [
        "6 invisible characters (3 x zero-width space (U+200B), 3 x word joiner (U+2060)) "
        "scattered through the line"
    ]


def test_clean_ground_truth_has_no_encoding_findings() -> None:
    folder = SHARED / "corpus" / "aeb" / "txt" / "gt"
    if not folder.is_dir():
        pytest.skip("aeb corpus not available")
    found = [v for path in sorted(folder.glob("*.txt")) for v in lint(path, select=["EN"])]
    assert len(found) <= 1, found


@pytest.mark.parametrize(
    ("text", "expected", "repaired"),
    [
        ("Great game \ud83d", ["EN005:1:22"], "Great game "),
        ("pair \ud83d\ude00 kept, \ude00\ud83d not", ["EN005:1:35"], "pair \U0001f600 kept,  not"),
        ("caf\u00e9 \U0001f600 fine", [], "caf\u00e9 \U0001f600 fine"),
    ],
)
def test_lone_surrogates_in_json_records(text: str, expected: list[str], repaired: str) -> None:
    # the reader decodes the JSON escapes: columns point into the raw line, escapes and all
    found = lint({"text": text}, select=["EN005"])
    assert_violations(found, expected)
    fixes = [v.fix for v in found if v.fix is not None]
    # the body as the reader decoded it: an escaped pair becomes one character
    body = text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    assert apply_fixes(body, fixes) == repaired


def test_lone_surrogate_fix_rewrites_only_the_escape(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 1, "text": "Caf\\u00e9 \\ud83d!"}\n', encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "artlint",
            "check",
            "--isolated",
            "--no-cache",
            "--fix",
            "--select",
            "EN005",
            "a.jsonl",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert path.read_text(encoding="utf-8") == '{"id": 1, "text": "Caf\\u00e9 !"}\n'


def test_mojibake_in_a_long_repetitive_paragraph_is_found_word_by_word() -> None:
    # a character diff of the whole line took minutes on such a paragraph (one 7 KB line)
    sentence = "Paragraph with plain words and caf\u00c3\u00a9 here. "
    text = "Headline\n\n" + sentence * 160 + "\n"
    found = lint(text, select=["EN001"])
    assert len(found) == 160
    first = text.index("\u00c3")
    assert (found[0].line, found[0].column) == (3, first - len("Headline\n\n") + 1)
    assert all(v.message == "mojibake 'Ã©' should read 'é'" for v in found)
    assert fixed(text, "EN001") == text.replace("caf\u00c3\u00a9", "café")


def test_changed_spans_when_the_repair_changes_spacing() -> None:
    from artlint_rules.encoding import _changed_spans

    # a mojibaked no-break space ('Â\xa0' -> '\xa0') in a long line: one span, first to last
    line = "word " * 80 + "caf\u00c3\u00a9\u00c2\u00a0ok " + "more " * 10
    repaired = "word " * 80 + "café\u00a0ok " + "more " * 10
    spans = _changed_spans(line, repaired)
    assert [line[a:b] for a, b, _, _ in spans] and all(
        repaired[c:d] != line[a:b] for a, b, c, d in spans
    )
    rebuilt = line
    for a, b, c, d in reversed(spans):
        rebuilt = rebuilt[:a] + repaired[c:d] + rebuilt[b:]
    assert rebuilt == repaired


@pytest.mark.parametrize(("encoding", "name"), [("cp1251", "Windows-1251"), ("koi8_r", "KOI8-R")])
def test_cyrillic_read_as_latin_is_mojibake(encoding: str, name: str) -> None:
    cyrillic = "Популярные сообщения"
    garbled = cyrillic.encode(encoding).decode("latin-1")
    text = f"Top posts: {garbled}\nThe council met on Tuesday."
    (found,) = lint(text, select=["EN001"])
    assert (found.line, found.column) == (1, 12)
    assert name in found.message
    assert fixed(text, "EN001") == f"Top posts: {cyrillic}\nThe council met on Tuesday."


@pytest.mark.parametrize(
    ("encoding", "cyrillic"),
    [
        # short words ("и", "по", "на") and digits between the long ones are repaired with them
        ("cp1251", "Правительство и парламент приняли решение по бюджету на 2025 год"),
        # lower-case KOI8-R read as Windows-1251 would be capitals: the lower-case reading wins
        ("koi8_r", "он вернулся домой вечером"),
        ("koi8_r", "всё решилось окончательно"),
        # where ftfy finds mojibake it cannot repair ("÷å"), the Cyrillic reading repairs it
        ("cp1251", "Вечером всё решилось окончательно"),
    ],
)
def test_cyrillic_mojibake_is_repaired_whole(encoding: str, cyrillic: str) -> None:
    garbled = cyrillic.encode(encoding).decode("latin-1")
    assert (
        fixed(f"Top: {garbled}\nThe council met.", "EN001") == f"Top: {cyrillic}\nThe council met."
    )


@pytest.mark.parametrize(
    "text",
    [
        "ORLÉANS, été, ação, Über, naïve, Ñandú",
        "Tiếng Việt có nhiều dấu: và để được người",
        "ÀÉÎ is a short acronym",
        # Korean in EUC-KR read as Latin-1: mojibake, but no Cyrillic ("гЖ╢КюШю" in KOI8-R)
        "뉴스1".encode("euc-kr").decode("latin-1") + " Çö´ëÀûÀ ¾ç´ë",
    ],
)
def test_accented_latin_text_is_no_cyrillic_mojibake(text: str) -> None:
    assert not any("Cyrillic" in v.message for v in lint(text, select=["EN001"]))
