"""Rule pack: encoding (EN).

Text that was decoded with the wrong codec (mojibake), bytes that were lost on the way (U+FFFD),
control characters and invisible characters. Mojibake detection is ftfy's: its badness pattern
targets the few hundred characters that UTF-8 read as Windows-1252, Latin-1, MacRoman or cp1251
produces, in combinations that do not occur in real text (its authors measured about one false
positive per six million tweets). ASCII text cannot hold any of these problems except control
characters, so every rule but EN003 skips an ASCII body at once.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from artlint import hookimpl, pattern_cache, patterns
from artlint.models import Article, Finding, Fix
from artlint.pattern_cache import compile_re
from artlint.rules import NoOptions, Rule, rule, rule_options

#: C0 controls except tab, line feed and carriage return; DEL; C1 controls
_CONTROL = patterns.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
_C1 = patterns.compile(r"[\x80-\x9f]")
_REPLACEMENT = patterns.compile(r"\ufffd+")
_SURROGATE = compile_re("[\ud800-\udfff]+")
#: a JSON escape of a surrogate code point (an odd backslash count before it is not checked:
#: a false hit only costs the exact scan)
_SURROGATE_ESCAPE = compile_re(r"\\u[dD][89abcdefABCDEF]")
# "Any such character at all?": after the shared scan (_may_have_issues) found something in the
# body, one `in` test per character (a memchr scan each, ~2 ms/MB for these 63 against ~14 for
# a regex-module class) tells whether it was one of these; the patterns run only then.
_CONTROL_CHARS = "".join(
    map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])
)

ZWSP, ZWNJ, ZWJ, WJ, BOM, SHY = "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"
CGJ = "\u034f"
_INVISIBLE_NAMES = {
    ZWSP: "zero-width space (U+200B)",
    ZWNJ: "zero-width non-joiner (U+200C)",
    ZWJ: "zero-width joiner (U+200D)",
    WJ: "word joiner (U+2060)",
    BOM: "byte-order mark (U+FEFF)",
    SHY: "soft hyphen (U+00AD)",
    "\u180e": "Mongolian vowel separator (U+180E)",
    "\u2061": "invisible function application (U+2061)",
    "\u2062": "invisible times (U+2062)",
    "\u2063": "invisible separator (U+2063)",
    "\u2064": "invisible plus (U+2064)",
    CGJ: "combining grapheme joiner (U+034F)",
}
_INVISIBLE_RE = patterns.compile(r"[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e\u034f]")
#: the characters of _INVISIBLE_RE, for the same `in` prechecks as _CONTROL_CHARS
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u034f"

#: scripts whose orthography uses ZWJ/ZWNJ (Arabic, Persian, Syriac, Indic, Sinhala, Thai...)
#: and ZWSP as a word separator (Thai, Lao, Khmer, Myanmar, Tibetan, Javanese)
_JOINING_RANGES = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic ext.
    (0x0900, 0x0DFF),  # Devanagari .. Sinhala
    (0x0E00, 0x0FFF),  # Thai, Lao, Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x1800, 0x18AF),  # Mongolian
    (0xA980, 0xA9DF),  # Javanese
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms A
    (0xFE70, 0xFEFE),  # Arabic presentation forms B
)


def _in_joining_script(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _JOINING_RANGES)


def _is_emoji_part(char: str) -> bool:
    """A character that can sit on either side of a ZWJ in an emoji sequence."""
    code = ord(char)
    return (
        code >= 0x1F000
        or 0x2600 <= code <= 0x27BF  # dingbats, misc symbols (♀, ♂, ❤)
        or 0x2190 <= code <= 0x21FF
        or 0x2B00 <= code <= 0x2BFF
        or code in (0xFE0F, 0x20E3, 0x00A9, 0x00AE, 0x2122)
        or 0x1F3FB <= code <= 0x1F3FF
    )


def _control_name(char: str) -> str:
    return f"U+{ord(char):04X}"


# --------------------------------------------------------------------------------------------
# EN001 mojibake
#
# ftfy's BADNESS_RE is an alternation of ~40 short character sequences without a common first
# character, so Python's regex engine tries every branch at every position: ~170 ns per
# character, most of EN001's time, on lines that almost never hold mojibake. Every sequence it
# matches holds a marker: a _STRONG character (ftfy's categories of characters that are rare
# outside mojibake, and one character of each sequence made of commoner ones), or a _WEAK one
# (accented small letters, a few Cyrillic and Greek capitals: common in real text) next to an
# _ADJACENT one (ftfy's opening and closing punctuation, the degree sign). No match is longer
# than _BADNESS_WIDTH characters. So a body without markers has no bad line, and a line is bad
# exactly when BADNESS_RE matches within _BADNESS_WIDTH - 1 characters of one of its markers.
# tests/test_rules_encoding_prefilter.py derives these facts from the installed ftfy's pattern;
# at run time they are trusted only for the pattern they were derived from (_BADNESS_SHA256),
# and any other ftfy gets the full line-by-line search.
_STRONG = (
    "\x80-\x9f"  # C1 controls
    "¤¦¨ª¬¯¸ºƒˆˇ˘˛˜†‡‰⌐◊\ufffd"  # ftfy's 'bad': next to nothing but mojibake
    "À-ÑØÜÝĀĂĄĆČĎĐĒĖĘĚĞĢĪİĶĹĻĽŁŃŅŇŒŘŚŞŠŢŤŮŰŸŹŻŽҐ"  # 'upper_accented'
    "¢£¥₧€"  # 'currency'
    "│┌┐┘├┤┬┼═-╬▀▄█▌▐-▓"  # 'box'
    "±-³µ¹¼-¾×÷⁄№∂∆∏∑√∞∩∫≈≠≡≤≥"  # 'numeric'
    "§¶"  # 'law'
    # one character of sequences of otherwise common characters: [ØÙ]x[ØÙ]x (Arabic in
    # cp1252), вЂ (cp1251), ‚[âó][àä°ê] (MacRoman), [Œœ][^A-Za-z]
    "ÙЂ‚œ"
)
_WEAK = (
    "ß-ñüāăąćčďđēėęěğģīįķĺļľłŕśşšťźżžґﬁﬂ"  # 'lower_accented' but œ
    "ВГРСΒΓΞΟ"  # [ВГРС]x[ВГРС] (cp1251 of Latin-1), [ΒΓΞΟ]x[ΒΓΞΟ] (cp1253)
)
_ADJACENT = (
    "¡«¿©΄΅‘‚“„•‹\uf8ff"  # 'start_punctuation'
    "®»˝”›™"  # 'end_punctuation'
    "°"
)
# One character class first, so that re skips to candidates in C (~2.5 ms/MB); the standard re
# module, as the ``regex`` module scans classes about 20 times slower (nothing here backtracks).
_MARKERS = compile_re(
    f"[{_STRONG}{_WEAK}](?:(?<=[{_STRONG}])|(?=[{_ADJACENT}])|(?<=[{_ADJACENT}].))"
)
#: the longest match of the pattern below (re's parser: getwidth of BADNESS_RE)
_BADNESS_WIDTH = 7
#: BADNESS_RE.pattern of ftfy 6.3.1, the pattern _MARKERS and _BADNESS_WIDTH were derived from
_BADNESS_SHA256 = "9dcc0f2ac90d9ae3c85eb7b9b2c0b8a8e8126153847c2b30c91a0bb263f3b8c4"
#: ftfy/badness.py of ftfy 6.3.1, which compiles that pattern from its own text alone: read and
#: compared, it tells without importing ftfy (~35 ms) that the pattern is that one
_BADNESS_SOURCE_SHA256 = "8ce47eb9c01f5fa2d38e650fe047474bde5537beba5971b722ca6b4079df6fd3"

# EN001, EN003 and EN004 each ask "any such character at all?" of every body, and almost every
# body says no. One scan answers all three: a control character, an invisible one or a mojibake
# marker. It is kept in the article's memo: the first of the rules pays for it.
_ISSUE_CHARS = f"\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f{_INVISIBLE_CHARS}{_STRONG}"
_ANY_ISSUE = compile_re(
    f"[{_ISSUE_CHARS}{_WEAK}](?:(?<=[{_ISSUE_CHARS}])|(?=[{_ADJACENT}])|(?<=[{_ADJACENT}].))"
)


def _may_have_issues(article: Article) -> bool:
    """False when the body holds no control, invisible or marker character."""
    return article.memo("encoding.may-have-issues", _has_issue, article.body)


def _has_issue(body: str) -> bool:
    return _ANY_ISSUE.search(body) is not None


@functools.cache
def _badness_source_digest() -> str | None:
    """SHA-256 of the ``ftfy/badness.py`` that importing ``ftfy.badness`` would run, found as
    the import finds it but without importing anything (None where there is no such file)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("ftfy")
        folders = list(spec.submodule_search_locations or []) if spec else []
        if not folders:
            return None
        return hashlib.sha256(Path(folders[0], "badness.py").read_bytes()).hexdigest()
    except (ImportError, OSError, ValueError):
        return None


@functools.cache
def _badness_re() -> re.Pattern[str]:
    """ftfy's badness pattern, without importing ftfy when an earlier run kept its text.

    Importing ftfy takes ~35 ms (its badness pattern alone ~15 ms), a third of a one-file run,
    and any text in a language with accents meets a marker character and needs the pattern,
    while the rest of ftfy is only needed where a line is bad. So the pattern's text is kept
    in the pattern store, named by the digest of the module that compiles it (which builds it
    from its own text alone): another ftfy, even one of the same version, is another name.
    """
    digest = _badness_source_digest()
    name = f"ftfy badness.py {digest} BADNESS_RE" if digest else None
    kept = pattern_cache.kept_value(name) if name else None
    if isinstance(kept, tuple) and len(kept) == 2:
        source, flags = kept
        if isinstance(source, str) and isinstance(flags, int):
            try:
                return compile_re(source, flags)
            except Exception:  # noqa: BLE001, S110 - not a pattern after all: ftfy's own below
                pass
    from ftfy.badness import BADNESS_RE

    if name:
        kept_as = (BADNESS_RE.pattern, int(BADNESS_RE.flags))
        pattern_cache.keep_value(name, kept_as, family="ftfy badness.py ")
    return BADNESS_RE


@functools.cache
def _markers_apply() -> bool:
    """Whether the markers and _BADNESS_WIDTH hold for the installed ftfy's badness pattern:
    known from the module's text without importing ftfy, else compared by the pattern."""
    if _badness_source_digest() == _BADNESS_SOURCE_SHA256:
        return True
    pattern = _badness_re().pattern
    return hashlib.sha256(pattern.encode()).hexdigest() == _BADNESS_SHA256


def _bad_lines(body: str) -> Iterator[tuple[str, int]]:
    """The lines of ``body`` that ftfy's badness pattern flags, with their offsets."""
    if not _markers_apply():
        search = _badness_re().search
        offset = 0
        for line in body.split("\n"):
            if not line.isascii() and search(line):
                yield line, offset
            offset += len(line) + 1
        return
    marker = _MARKERS.search(body)
    while marker is not None:
        start = body.rfind("\n", 0, marker.start()) + 1
        end = body.find("\n", marker.start())
        end = len(body) if end == -1 else end
        line = body[start:end]
        if _near_markers_bad(line, marker.start() - start):
            yield line, start
        marker = _MARKERS.search(body, end + 1)


def _near_markers_bad(line: str, first: int) -> bool:
    """Whether BADNESS_RE matches in ``line``, searched only around its markers (from
    ``first``): a match contains a marker, so it lies within _BADNESS_WIDTH - 1 characters of
    one. search(line, pos, endpos) keeps ``^`` at the real start of the line."""
    search = _badness_re().search
    reach = _BADNESS_WIDTH - 1
    low = max(0, first - reach)
    high = first + reach + 1
    for marker in _MARKERS.finditer(line, first + 1):
        position = marker.start()
        if position - reach > high:
            if search(line, low, high):
                return True
            low = position - reach
        high = position + reach + 1
    return bool(search(line, low, high))


@rule_options
class MojibakeOptions:
    """Options of EN001."""

    #: also report lines that look like mojibake but that ftfy cannot repair, when they hold at
    #: least this many suspicious sequences (0 = never report unrepairable lines)
    min_unfixable_badness: int = 2


@rule(
    code="EN001",
    name="mojibake",
    summary="Text decoded with the wrong character encoding (mojibake)",
    severity="error",
    options=MojibakeOptions,
    fix="safe",
)
def mojibake(article: Article, options: MojibakeOptions) -> Iterator[Finding]:
    r"""## What it does
    Finds mojibake: UTF-8 text that was decoded as Windows-1252, Latin-1, MacRoman or cp1251 on
    its way into the dataset, such as `IranÃ¢â‚¬â„¢s`, `cafÃ©`, `Â£5` or `Ð¡Ð¾Ð²ÐµÑ‚`. Detection
    and repair are the ftfy library's: each line that ftfy's badness pattern flags is run through
    `ftfy.fix_encoding` and every changed span is reported with its repair. Lines ftfy cannot
    repair are reported (without a fix) when they hold at least `min-unfixable-badness`
    suspicious sequences. Mojibake around lost bytes (`â��`, a curly quote whose last bytes
    became U+FFFD) cannot be read back: the loss is EN002's to report.

    It also finds Cyrillic text whose single-byte encoding (Windows-1251 or KOI8-R) was read as
    Latin-1, which ftfy does not repair: words made only of letters such as `Ïîïóëÿðíûå`, which
    no language written in Latin letters has, read back as `Популярные`.

    ## Why is this bad?
    Mojibake makes names, quotes and currency amounts unreadable and unsearchable, and teaches a
    model trained on the text that `â€™` is an apostrophe. It usually hits a whole source at once.

    ## Example
    ```text
    Iranâ€™s foreign minister said the talks would continue.
    ```
    reports `EN001 mojibake 'â€™' should read '’'`; the fix gives `Iran’s foreign minister ...`.
    Correct text such as `naïve résumé`, `São Paulo`, `price 5 €` or kaomoji is not flagged.

    ## How to fix or suppress
    Fix: apply the safe fix (`artlint check --fix`), which replaces each span with ftfy's
    repair (quotes are not straightened), or better, decode the source bytes as UTF-8 upstream.
    Suppress: `--ignore EN001`, `ignore = ["EN001"]` under `[tool.artlint]`, or a
    `per-file-ignores` entry.
    """
    body = article.body
    if body.isascii():
        return
    found: list[Finding] = []
    if not _markers_apply() or _may_have_issues(article):
        for line, offset in _bad_lines(body):
            found.extend(_mojibake_in_line(line, offset, options))
    cyrillic = list(_cyrillic_read_as_latin(body))
    if cyrillic:
        # ftfy's repair wins where it has one; where it has none, the Cyrillic reading does
        repaired = [f for f in found if f.fix is not None]
        found = [f for f in found if f.fix is not None or not _overlaps(f, cyrillic)]
        found += [f for f in cyrillic if not _overlaps(f, repaired)]
        found.sort(key=lambda finding: finding.start)
    yield from found


def _overlaps(finding: Finding, others: list[Finding]) -> bool:
    end = finding.start if finding.end is None else finding.end
    return any(
        other.start < end and finding.start < (other.start if other.end is None else other.end)
        for other in others
    )


#: what Cyrillic in a single-byte encoding (Windows-1251, KOI8-R) becomes when read as Latin-1
#: or Windows-1252: every letter lands in À-ÿ (× and ÷ included), Ё ё І і Ї ї Є є Ґ ґ on signs
_CYRILLIC_BYTES = "\u00c0-\u00ff\u00a8\u00b8\u00b2\u00b3\u00af\u00bf\u00aa\u00ba\u00a5\u00b4\u00a3"
#: what stands between the words of such text: ASCII spaces, signs and digits
_BETWEEN_WORDS = "[ \\t,.;:!?()\"'/%0-9-]+"
#: a run of such words, one of them three such characters in a row at least (which no
#: language written in Latin letters has); the short words around it ("è" for "и") belong to it
_CYRILLIC_AS_LATIN = compile_re(
    rf"(?<![A-Za-z])(?:[{_CYRILLIC_BYTES}]+{_BETWEEN_WORDS})*[{_CYRILLIC_BYTES}]{{3,}}"
    rf"(?:{_BETWEEN_WORDS}[{_CYRILLIC_BYTES}]+)*(?![A-Za-z])"
)
_CYRILLIC_WORD = compile_re(rf"[{_CYRILLIC_BYTES}]+")
#: the same as UTF-8: three letters in À-ÿ (C3 xx), the third also one of the signs (C2 xx)
_THREE_IN_A_ROW = re.compile(
    rb"\xc3[\x80-\xbf]\xc3[\x80-\xbf](?:\xc3[\x80-\xbf]|\xc2[\xa8\xb8\xb2\xb3\xaf\xbf\xaa\xba\xa5\xb4])"
)
#: the encodings tried, each with the name a message gives it
_CYRILLIC_CODECS = (("cp1251", "Windows-1251"), ("koi8_r", "KOI8-R"))


def _cyrillic_read_as_latin(body: str) -> Iterator[Finding]:
    """Cyrillic text whose bytes were read as Latin-1 (``Ïîïóëÿðíûå ñîîáùåíèÿ``): ftfy repairs
    UTF-8 read wrongly, not this. The encoding is the one whose reading gives words cased as
    words are (``Популярные``; KOI8-R read as Windows-1251 gives ``рПРУЛСРНЫЕ``)."""
    # The pattern's first class runs at the engine's floor over every character (13 ms/MB);
    # three of its characters in a row, as UTF-8, are found by a scan for a byte (under 1).
    if _THREE_IN_A_ROW.search(body.encode("utf-8", "surrogatepass")) is None:
        return
    for match in _CYRILLIC_AS_LATIN.finditer(body):
        bad = match.group()
        words = _CYRILLIC_WORD.findall(bad)
        if sum(len(word) >= 4 for word in words) < 2 and max(map(len, words)) < 7:
            continue  # one short word: a name in capitals with accents, not a sentence
        reading = _cyrillic_reading(bad)
        if reading is None:
            continue
        good, name, certain = reading
        yield Finding(
            message=f"Cyrillic text in {name} read as Latin-1: {bad[:40]!r} should read "
            f"{good[:40]!r}" + ("" if certain else " (or KOI8-R/Windows-1251: text in capitals)"),
            start=match.start(),
            end=match.end(),
            fix=Fix(
                replacement=good,
                start=match.start(),
                end=match.end(),
                applicability="safe" if certain else "unsafe",
                description=f"read the bytes as {name}",
            ),
        )


def _cyrillic_reading(bad: str) -> tuple[str, str, bool] | None:
    """The text read in the encoding that gives Cyrillic words cased as words are, its name,
    and whether that reading is certain.

    Windows-1251 and KOI8-R put the two cases of a letter at each other's place, so lower-case
    text read in the wrong one comes out in capitals, which is also how words may be cased.
    Text is mostly lower case: the reading with more lower-case letters wins, and where the
    readings tie (text in capitals) neither is certain.
    """
    readings = []
    for codec, name in _CYRILLIC_CODECS:
        good = bad.encode("latin-1").decode(codec)
        # one character a byte: the words stand at the same offsets in both
        read = [good[match.start() : match.end()] for match in _CYRILLIC_WORD.finditer(bad)]
        # every word Cyrillic letters (not box-drawing signs), cased as words are
        if read and all(
            word.isalpha() and _is_cyrillic(word) and _cased_as_a_word(word) for word in read
        ):
            lower = sum(char.islower() for word in read for char in word)
            readings.append((lower, good, name))
    if not readings:
        return None
    readings.sort(key=lambda reading: -reading[0])
    lower, good, name = readings[0]
    letters = sum(char.isalpha() for char in good)
    certain = len(readings) == 1 or lower * 2 > letters
    return good, name, certain


def _is_cyrillic(word: str) -> bool:
    return all("\u0400" <= char <= "\u04ff" for char in word)


def _cased_as_a_word(word: str) -> bool:
    return word.islower() or word.isupper() or word[:1].isupper() and word[1:].islower()


def _mojibake_in_line(line: str, offset: int, options: MojibakeOptions) -> Iterator[Finding]:
    import ftfy

    fixed = ftfy.fix_encoding(line)
    if fixed == line:
        if options.min_unfixable_badness and _badness(line) >= options.min_unfixable_badness:
            match = _badness_re().search(line)
            start = match.start() if match else 0
            end = match.end() if match else len(line)
            yield Finding(
                message=f"text looks like mojibake ({line[start:end]!r}) that cannot be "
                "repaired automatically",
                start=offset + start,
                end=offset + end,
            )
        return
    for i1, i2, j1, j2 in _changed_spans(line, fixed):
        bad, good = line[i1:i2], fixed[j1:j2]
        if "\ufffd" in bad:
            # bytes were lost there ("â��" was a curly quote): what it should read is not
            # known, and dropping the residue is no repair; EN002 reports the loss
            continue
        yield Finding(
            message=f"mojibake {bad!r} should read {good!r}",
            start=offset + i1,
            end=offset + i2,
            fix=Fix(
                replacement=good,
                start=offset + i1,
                end=offset + i2,
                applicability="safe",
                description="repair the encoding (ftfy.fix_encoding)",
            ),
        )


_WHITE_SPACE_RUNS = compile_re(r"([ \t\f\v]+)")
#: a line up to this long whose spacing the repair changed is compared character by character
_SMALL_LINE = 300


def _changed_spans(line: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """Where ``fixed`` differs from ``line``: (start, end) in each, in order.

    A character diff of the whole line (difflib, without its junk heuristic) took time that grew
    with the cube of a line's length on repetitive text: 20 s for one 7 KB paragraph. The repair
    keeps the ASCII spaces between words (mojibake holds no ASCII), so the words are paired and
    only the changed ones are compared character by character, a few characters each time.
    """
    words, repaired = _WHITE_SPACE_RUNS.split(line), _WHITE_SPACE_RUNS.split(fixed)
    if len(words) != len(repaired) or words[1::2] != repaired[1::2]:
        if len(line) <= _SMALL_LINE:
            return _char_diff(line, fixed, 0, 0)
        # long and its spacing changed: one span from the first difference to the last
        start = 0
        limit = min(len(line), len(fixed))
        while start < limit and line[start] == fixed[start]:
            start += 1
        end = 0
        while end < limit - start and line[-1 - end] == fixed[-1 - end]:
            end += 1
        return [(start, len(line) - end, start, len(fixed) - end)]
    spans: list[tuple[int, int, int, int]] = []
    at_line = at_fixed = 0
    for word, repair in zip(words, repaired, strict=True):
        if word != repair:
            spans.extend(_char_diff(word, repair, at_line, at_fixed))
        at_line += len(word)
        at_fixed += len(repair)
    return spans


def _char_diff(old: str, new: str, at_old: int, at_new: int) -> list[tuple[int, int, int, int]]:
    import difflib  # only for a repair: most runs meet no mojibake

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        (at_old + i1, at_old + i2, at_new + j1, at_new + j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _badness(line: str) -> int:
    return len(_badness_re().findall(line))


# --------------------------------------------------------------------------------------------
# EN002 replacement character


@rule(
    code="EN002",
    name="replacement-character",
    summary="U+FFFD replacement character: bytes were lost in decoding",
    severity="error",
)
def replacement_character(article: Article, options: NoOptions) -> Iterator[Finding]:
    r"""## What it does
    Flags every run of U+FFFD REPLACEMENT CHARACTER (`�`), the mark a decoder leaves where it
    met bytes that were not valid in the encoding it assumed.

    ## Why is this bad?
    The original characters are gone: `S�o Paulo` or `it�s` cannot be repaired from the text
    alone. The record should be decoded again from its source bytes with the right encoding.

    ## Example
    ```text
    The mayor of S\ufffdo Paulo said on Monday ...
    ```
    reports `EN002 replacement character U+FFFD: the original character was lost` at the `�`.

    ## How to fix or suppress
    Fix: decode the raw page again with its declared encoding (nothing in the text can restore
    the lost bytes, so there is no automatic fix). Suppress: `--ignore EN002`,
    `ignore = ["EN002"]` under `[tool.artlint]`, or a `per-file-ignores` entry.
    """
    body = article.body
    if body.isascii() or "\ufffd" not in body:
        return
    for match in _REPLACEMENT.finditer(body):
        count = match.end() - match.start()
        what = "replacement character U+FFFD" if count == 1 else f"{count} replacement characters"
        yield Finding(
            message=f"{what}: the original text was lost in decoding",
            start=match.start(),
            end=match.end(),
        )


# --------------------------------------------------------------------------------------------
# EN005 lone surrogates


@rule(
    code="EN005",
    name="lone-surrogate",
    summary="Half of a UTF-16 surrogate pair (a character cut in two, often an emoji)",
    severity="error",
    fix="safe",
)
def lone_surrogate(article: Article, options: NoOptions) -> Iterator[Finding]:
    r"""## What it does
    Flags UTF-16 surrogate code points (U+D800-U+DFFF) standing alone in a field, such as the
    JSON escape `"\ud83d"` without the `"\ude00"` that completes it. Only records read from
    JSON can hold them: a UTF-8 file cannot.

    ## Why is this bad?
    A surrogate is half of a character: the scraper (often JavaScript cutting a string at a
    fixed length) split an emoji or a rare character in two. The text cannot be written as
    UTF-8, so the next tool in the pipeline fails on it (`UnicodeEncodeError` in Python,
    rejected rows in a database).

    ## Example
    ```json
    {"text": "Great game tonight \ud83d"}
    ```
    reports `EN005 lone surrogate U+D83D (half of a character)` at the escape; the fix removes
    it.

    ## How to fix or suppress
    Fix: apply the safe fix (`artlint check --fix`), which removes the half character (the
    other half is gone; nothing can restore it). Re-scraping without the length cut keeps the
    character. Suppress: `--ignore EN005`, `ignore = ["EN005"]` under `[tool.artlint]`, or a
    `per-file-ignores` entry.
    """
    body = article.body
    # Strict UTF-8 decoding refuses surrogates, so only a JSON escape can make one; the reader
    # keeps the raw literal of a field that has escapes. Looking there for "\ud8".."\udf"
    # first spares the character scan of every other body (11 ms per MB, most of a run's
    # JSON overhead).
    source = article.sources.get("body")
    literal = source.literal if source is not None and source.kind == "json" else None
    if not literal or _SURROGATE_ESCAPE.search(literal) is None:
        return
    for match in _SURROGATE.finditer(body):
        run = match.group()
        names = ", ".join(f"U+{ord(char):04X}" for char in run[:4])
        if len(run) == 1:
            what, why = "lone surrogate", "half of a character"
        else:
            what, why = f"{len(run)} lone surrogates", "halves of characters"
        yield _removal(
            f"{what} {names} ({why})", match.start(), match.end(), "remove the half character"
        )


# --------------------------------------------------------------------------------------------
# EN003 control characters


@rule(
    code="EN003",
    name="control-character",
    summary="Control character (C0 or C1) in the text",
    severity="error",
    fix="safe",
)
def control_character(article: Article, options: NoOptions) -> Iterator[Finding]:
    r"""## What it does
    Flags C0 control characters (U+0000-U+001F except tab, line feed and carriage return),
    DEL (U+007F) and C1 control characters (U+0080-U+009F). C1 characters that are part of
    mojibake which EN001 repairs are left to EN001.

    ## Why is this bad?
    Control characters are invisible or render as boxes, break JSON and XML consumers and
    terminal output, and never belong in article text: they come from binary junk, broken
    conversions or a wrong codec.

    ## Example
    ```text
    The council\x07 approved the budget.
    ```
    reports `EN003 control character U+0007` at the character; the fix removes it.

    ## How to fix or suppress
    Fix: apply the safe fix (`artlint check --fix`), which deletes the characters. Suppress:
    `--ignore EN003`, `ignore = ["EN003"]` under `[tool.artlint]`, or a `per-file-ignores`
    entry.
    """
    body = article.body
    if not _may_have_issues(article) or not any(map(body.__contains__, _CONTROL_CHARS)):
        return
    excused = _mojibake_c1_lines(body)
    for match in _CONTROL.finditer(body):
        if excused and _line_index(body, match.start()) in excused:
            if all(0x80 <= ord(char) <= 0x9F for char in match.group()):
                continue
        run = match.group()
        names = ", ".join(dict.fromkeys(_control_name(char) for char in run))
        what = "control character" if len(run) == 1 else f"{len(run)} control characters"
        yield _removal(
            f"{what} {names} in the text",
            match.start(),
            match.end(),
            "remove the control characters",
        )


def _mojibake_c1_lines(body: str) -> set[int]:
    """Indexes of lines whose C1 characters are part of mojibake that ftfy repairs."""
    if body.isascii() or not _C1.search(body):
        return set()
    lines = body.split("\n")
    return {
        index
        for index, line in enumerate(lines)
        if _C1.search(line) and _bad_line(line) and _fix_encoding(line) != line
    }


def _bad_line(line: str) -> bool:
    return bool(_badness_re().search(line))


def _fix_encoding(line: str) -> str:
    import ftfy

    return ftfy.fix_encoding(line)


def _line_index(body: str, offset: int) -> int:
    return body.count("\n", 0, offset)


# --------------------------------------------------------------------------------------------
# EN004 invisible characters


@rule_options
class InvisibleOptions:
    """Options of EN004."""

    #: report soft hyphens (U+00AD); publishers use them on purpose as hyphenation hints
    soft_hyphens: bool = False
    #: report invisible characters that stand alone between white space: a line or a token that
    #: holds nothing else (an editor's spacer paragraph, which reads as a blank line)
    spacers: bool = False


@rule(
    code="EN004",
    name="invisible-character",
    summary="Invisible character (zero-width space, stray joiner, BOM) inside the text",
    severity="warning",
    options=InvisibleOptions,
    fix="safe",
)
def invisible_character(article: Article, options: InvisibleOptions) -> Iterator[Finding]:
    r"""## What it does
    Flags characters that take no space on screen but sit inside the text: U+200B ZERO WIDTH
    SPACE, U+2060 WORD JOINER, U+FEFF BYTE ORDER MARK after the first character, invisible
    maths operators, a U+034F COMBINING GRAPHEME JOINER that is not followed by a combining
    mark (its one use), a U+200D ZERO WIDTH JOINER that is not inside an emoji sequence or a
    joining script, a U+200C ZERO WIDTH NON-JOINER that does not sit between two letters, and
    (with `soft-hyphens = true`) U+00AD SOFT HYPHEN. Legitimate uses are not flagged: ZWJ in
    emoji sequences (runner + ZWJ + female sign), ZWJ/ZWNJ in Persian, Arabic and Indic
    words, ZWSP as the word separator of Thai, Lao, Khmer or Myanmar text. A line or a
    space-separated token holding nothing but invisible characters reads as a blank and is
    only reported with `spacers = true`.

    Invisible characters scattered through a line, in three places or more (text obfuscated
    letter by letter against search and filters), are reported once for the line, with their
    count.

    ## Why is this bad?
    The characters are invisible to a reader but not to software: `Not\u200bfall` does not match
    a search for `Notfall`, tokenizers split words at them, deduplication sees two different
    strings, and a BOM in the middle of a text shows that files were concatenated.

    ## Example
    ```text
    The new\u200b policy takes effect on Monday.
    ```
    reports `EN004 zero-width space (U+200B) inside the text` at that position; the fix removes
    it (the visible text does not change).

    ## How to fix or suppress
    Fix: apply the safe fix (`artlint check --fix`), which deletes the characters. Suppress:
    `--ignore EN004`, `ignore = ["EN004"]` under `[tool.artlint]`, or a `per-file-ignores`
    entry; `soft-hyphens` and `spacers` widen the check.
    """
    body = article.body
    if (
        body.isascii()
        or not _may_have_issues(article)
        or not any(map(body.__contains__, _INVISIBLE_CHARS))
    ):
        return
    runs: list[tuple[int, int, str]] = []
    for match in _INVISIBLE_RE.finditer(body):
        position = match.start()
        char = match.group()
        if not _is_stray(body, position, char, options):
            continue
        if runs and runs[-1][1] == position and runs[-1][2] == char:
            runs[-1] = (runs[-1][0], position + 1, char)
        else:
            runs.append((position, position + 1, char))
    yield from _grouped_by_line(body, runs)


#: runs of invisible characters on one line from which they are reported as one finding
_SCATTERED_RUNS = 3


def _grouped_by_line(body: str, runs: list[tuple[int, int, str]]) -> Iterator[Finding]:
    """A finding per run, except where invisible characters are scattered through a line (text
    obfuscated letter by letter, "n\\u034fe\\u034fw"): one finding for the line, whose fix
    removes those runs only, instead of one for every letter."""
    index = 0
    while index < len(runs):
        start = runs[index][0]
        line_end = body.find("\n", start)
        line_end = len(body) if line_end == -1 else line_end
        last = index
        while last + 1 < len(runs) and runs[last + 1][0] < line_end:
            last += 1
        if last - index + 1 < _SCATTERED_RUNS:
            for run_start, run_end, char in runs[index : last + 1]:
                yield _invisible_finding(run_start, run_end, char)
            index = last + 1
            continue
        group = runs[index : last + 1]
        span_end = group[-1][1]
        kept = [body[group[i][1] : group[i + 1][0]] for i in range(len(group) - 1)]
        counts: dict[str, int] = {}
        for run_start, run_end, char in group:
            counts[char] = counts.get(char, 0) + run_end - run_start
        if len(counts) == 1:
            ((char, count),) = counts.items()
            what = f"{count} x {_invisible_name(char)}"
        else:
            kinds = ", ".join(
                f"{count} x {_invisible_name(char)}" for char, count in counts.items()
            )
            what = f"{sum(counts.values())} invisible characters ({kinds})"
        fix = Fix(
            replacement="".join(kept),
            start=start,
            end=span_end,
            applicability="safe",
            description="remove the invisible characters",
        )
        yield Finding(
            message=f"{what} scattered through the line", start=start, end=span_end, fix=fix
        )
        index = last + 1


def _is_stray(body: str, position: int, char: str, options: InvisibleOptions) -> bool:
    if char == SHY and not options.soft_hyphens:
        return False
    if char == BOM and position == 0:
        return False
    # A BOM is never an editor's spacer: alone on a line it marks concatenated files.
    if char != BOM and not options.spacers and _is_spacer(body, position):
        return False
    before = _neighbour(body, position, -1)
    after = _neighbour(body, position, 1)
    if char == ZWJ:
        if (before and _is_emoji_part(before)) and (after and _is_emoji_part(after)):
            return False
        return not (
            (before and _in_joining_script(before)) or (after and _in_joining_script(after))
        )
    if char == ZWNJ:
        if before and after and before.isalpha() and after.isalpha():
            return False
        return not (before and _in_joining_script(before))
    if char == CGJ:
        # its one use: keeping combining marks in their order ("a" CGJ + two accents); one
        # between letters hides the word from search (text obfuscated letter by letter)
        return not (after and unicodedata.combining(after))
    if char == ZWSP:
        return not (
            (before and _in_joining_script(before)) or (after and _in_joining_script(after))
        )
    return True


def _touches_joining_script(before: str, after: str) -> bool:
    return bool(before and _in_joining_script(before)) or bool(after and _in_joining_script(after))


def _neighbour(body: str, position: int, step: int) -> str:
    """The nearest visible character on one side, skipping other invisible characters."""
    index = position + step
    while 0 <= index < len(body) and body[index] in _INVISIBLE_NAMES:
        index += step
    return body[index] if 0 <= index < len(body) else ""


def _is_spacer(body: str, position: int) -> bool:
    """Whether the invisible run around ``position`` stands alone between white space (or a line
    edge): a blank-looking paragraph or token, not a character hidden inside a word."""
    start = position
    while start > 0 and body[start - 1] in _INVISIBLE_NAMES:
        start -= 1
    end = position + 1
    while end < len(body) and body[end] in _INVISIBLE_NAMES:
        end += 1
    before_ok = start == 0 or body[start - 1].isspace()
    after_ok = end == len(body) or body[end].isspace()
    return before_ok and after_ok


def _invisible_name(char: str) -> str:
    return _INVISIBLE_NAMES.get(char) or unicodedata.name(char, f"U+{ord(char):04X}").lower()


def _invisible_finding(start: int, end: int, char: str) -> Finding:
    name = _invisible_name(char)
    count = end - start
    what = name if count == 1 else f"{count} x {name}"
    return _removal(f"{what} inside the text", start, end, "remove the invisible characters")


def _removal(message: str, start: int, end: int, description: str) -> Finding:
    """A finding whose safe fix deletes the characters it points at (EN003, EN004, EN005)."""
    fix = Fix(replacement="", start=start, end=end, applicability="safe", description=description)
    return Finding(message=message, start=start, end=end, fix=fix)


@hookimpl
def artlint_rules() -> list[Rule]:
    return [
        mojibake,
        replacement_character,
        control_character,
        invisible_character,
        lone_surrogate,
    ]
