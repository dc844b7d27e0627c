"""Rule pack: duplication (DU).

Paragraphs that occur twice in one article. Extractors repeat text when a page holds the article
twice (an AMP copy, a print view, a "read more" expansion) or when a pull quote or caption repeats
a sentence. Paragraphs are compared after normalisation (case, punctuation, white space, digits),
and only prose paragraphs count: short labels, questions, list items with quantities and credit
lines legitimately recur (interview questions asked of every guest, a meal plan's portions).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from artlint import hookimpl
from artlint.models import Article, Finding
from artlint.rules import Rule, rule, rule_options
from artlint.structure import HEAD, Line
from artlint_rules._datelines import find_dateline

# Normalisation by one str.translate (C speed: this runs on every prose line of every article):
# punctuation and white space go, every digit becomes 0.
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”„‘’‚«»‹›–—―‐…·•¡¿"
_FOLD = str.maketrans(
    {
        **{char: None for char in _PUNCTUATION + " \t\u00a0\u2009\u202f"},
        **dict.fromkeys("123456789", "0"),
    }
)


@rule_options
class DuplicationOptions:
    """Options shared by DU001 and DU002."""

    #: shortest paragraph (characters, punctuation aside) that counts as a repeat
    min_chars: int = 50
    #: this many repeated paragraphs in a row, in the original order, are one repeated block
    min_block_paragraphs: int = 3


@dataclass(frozen=True)
class Repeat:
    line: Line
    first: Line


def _normalise(text: str) -> str:
    """The key two paragraphs are compared by (computed as UTF-8 bytes by _key)."""
    return text.lower().translate(_FOLD)


# Most articles repeat nothing, and proving it should not cost the key of every prose line. The
# key is computed on UTF-8 bytes (_key: ~4 us on a non-ASCII paragraph, where str.translate with
# a dict takes ~15-25 us), and first only for lines whose ASCII key collides. The ASCII key is
# the lower-cased line's ASCII characters less ASCII punctuation, white space and digits (the
# encoder drops every non-ASCII character): a function of the key, so lines with equal keys
# have equal ASCII keys, and an article whose ASCII keys are all distinct repeats nothing. (They
# are weak on non-Latin scripts, where they are nearly empty; the key settles those.)
_ASCII_FOLDED = "".join(char for char in _PUNCTUATION + " \t" if char.isascii()).encode()
_ASCII_DELETE = _ASCII_FOLDED + b"0123456789"
_ASCII_LOWER = bytes.maketrans(string.ascii_uppercase.encode(), string.ascii_lowercase.encode())
_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
#: the only non-ASCII characters whose lower case holds ASCII (İ -> i + U+0307, KELVIN SIGN -> k);
#: İ is also the only character whose lower case is longer than itself
_LOWER_TO_ASCII = ("\u0130", "\u212a")
# UTF-8 is self-synchronising: a character's byte sequence never matches across two others.
_NON_ASCII_FOLDED = re.compile(
    b"|".join(
        re.escape(char.encode())
        for char in _PUNCTUATION + "\u00a0\u2009\u202f"
        if not char.isascii()
    )
)


def _key(text: str) -> bytes:
    """``_normalise(text).encode()``: ASCII characters are folded by bytes.translate, the other
    folded characters removed by their UTF-8 sequences."""
    # surrogatepass: JSON may carry lone surrogates ("\ud800"), which strict UTF-8 refuses
    key = text.lower().encode("utf-8", "surrogatepass").translate(_DIGITS_TO_ZERO, _ASCII_FOLDED)
    return key if key.isascii() else _NON_ASCII_FOLDED.sub(b"", key)


def _ascii_key(text: str) -> bytes:
    """The ASCII key of ``text.lower()``, lower-casing only the ASCII bytes when that is the
    same thing (it saves lower-casing the whole line)."""
    if _LOWER_TO_ASCII[0] in text or _LOWER_TO_ASCII[1] in text:
        return text.lower().encode("ascii", "ignore").translate(None, _ASCII_DELETE)
    return text.encode("ascii", "ignore").translate(_ASCII_LOWER, _ASCII_DELETE)


def _numbers(text: str) -> tuple[int, int]:
    """How many words of ``text`` hold a digit (or are "½"), and how many words it has; (0, 0)
    when fewer than three characters are digits. Counting the digits over the line's distinct
    characters settles most lines without a loop over their words."""
    bound = sum(text.count(char) for char in set(text) if char.isdigit()) + text.count("½")
    if bound < 3:
        return 0, 0
    tokens = text.split()
    numeric = sum(1 for token in tokens if any(map(str.isdigit, token)) or token == "½")
    return numeric, len(tokens)


def _is_data_like(text: str, numeric: int, words: int) -> bool:
    """List items with quantities ("1 cup rice, 2 eggs, 1 tsp. oil") recur legitimately. A
    sentence with a few numbers among many words ("24 madde, 8 ek gündem ... 3 saat sürdü.",
    under a fifth of its words) is prose, and its repeat is one. ``numeric`` and ``words``:
    what :func:`_numbers` counts."""
    if numeric < 3 or numeric * 10 < words:
        return False
    return numeric * 5 >= words or text[-1] not in ".!…"


#: an interview's question, which interviews repeat, is of a few sentences at most; a
#: paragraph that only ends in a question is prose
_QUESTION_MAX_WORDS = 30


def _eligible(line: Line, options: DuplicationOptions) -> bytes | None:
    text = line.text
    if not line.prose or text.endswith("?") and line.words <= _QUESTION_MAX_WORDS:
        return None
    numeric, words = _numbers(text)
    if _is_data_like(text, numeric, words):
        return None
    key = _key(text)
    if numeric >= 3:
        # a sentence whose numbers are much of what it says (results, counts): it repeats
        # only with the same numbers ("45 percent ... District 3" is not "48 ... District 4")
        key += b"\0" + "".join(char for char in text if char.isdigit()).encode("utf-8")
    length = len(key) if key.isascii() else len(key.decode("utf-8", "surrogatepass"))
    # Counted with the spaces between words, as the paragraph reads.
    return key if length + line.words - 1 >= options.min_chars else None


def _may_repeat(body: str, lines: Sequence[Line], options: DuplicationOptions) -> bool:
    """False when no two lines can be eligible with equal keys (told by ASCII keys, then keys)."""
    # The loop runs over every line of every article: with no İ or KELVIN SIGN in the body the
    # ASCII key is computed inline and the text's length is its lower case's.
    if _LOWER_TO_ASCII[0] in body or _LOWER_TO_ASCII[1] in body:
        candidates = _candidates(lines, options)
        keys = [_ascii_key(text) for text in candidates]
    else:
        candidates = []
        keys = []
        limit = options.min_chars + 1
        for line in lines:
            if not line.prose:
                continue
            text = line.text
            # The key is never longer than the lower-cased text (translate deletes or maps
            # 1:1), which is as long as the text without an İ.
            if text.endswith("?") and line.words <= _QUESTION_MAX_WORDS:
                continue
            if len(text) + line.words < limit:
                continue
            candidates.append(text)
            keys.append(text.encode("ascii", "ignore").translate(_ASCII_LOWER, _ASCII_DELETE))
    if len(set(keys)) == len(keys):
        return False
    # Only lines whose ASCII keys collide can repeat: their keys decide.
    seen: set[bytes] = set()
    colliding: set[bytes] = set()
    for key in keys:
        (colliding if key in seen else seen).add(key)
    exact: set[bytes] = set()
    for key, text in zip(keys, candidates, strict=True):
        if key in colliding:
            full = _key(text)
            if full in exact:
                return True
            exact.add(full)
    return False


def _candidates(lines: Sequence[Line], options: DuplicationOptions) -> list[str]:
    """Lines that may be eligible: prose, not a question, long enough at most."""
    found = []
    for line in lines:
        text = line.text
        if not line.prose or text.endswith("?") and line.words <= _QUESTION_MAX_WORDS:
            continue
        # The key is never longer than the lower-cased text, longer than the text by its İs.
        if len(text) + text.count("\u0130") + line.words - 1 < options.min_chars:
            continue
        found.append(text)
    return found


def find_repeats(article: Article, options: DuplicationOptions) -> list[list[Repeat]]:
    """Repeated paragraphs, grouped into runs that repeat earlier runs in the same order."""
    # DU001 and DU002 both need them
    settings = (options.min_chars, options.min_block_paragraphs)
    return article.memo(("duplication.repeats", settings), _find_repeats, article, options)


def _find_repeats(article: Article, options: DuplicationOptions) -> list[list[Repeat]]:
    lines = article.structure.lines
    if not _may_repeat(article.body, lines, options):
        return []
    seen: dict[bytes, tuple[int, Line]] = {}
    runs: list[list[Repeat]] = []
    last_index = -2
    last_first = -2
    index = -1
    for line in lines:
        key = _eligible(line, options)
        if key is None:
            continue
        index += 1
        if key not in seen:
            seen[key] = (index, line)
            continue
        first_index, first = seen[key]
        continues = runs and last_index == index - 1 and first_index == last_first + 1
        if continues:
            runs[-1].append(Repeat(line, first))
        else:
            runs.append([Repeat(line, first)])
        last_index, last_first = index, first_index
    return runs


def _line_no(article: Article, line: Line) -> int:
    return article.locate("body", line.start)[0]


def _blocks(runs: Sequence[list[Repeat]], options: DuplicationOptions) -> list[list[Repeat]]:
    return [run for run in runs if len(run) >= options.min_block_paragraphs]


@rule(
    code="DU001",
    name="duplicate-paragraph",
    summary="Paragraph repeats an earlier paragraph of the article",
    severity="warning",
    options=DuplicationOptions,
)
def duplicate_paragraph(article: Article, options: DuplicationOptions) -> Iterator[Finding]:
    """## What it does
    Flags a prose paragraph that repeats an earlier one of the same article (compared after
    lower-casing and folding punctuation, white space and digits; a paragraph with three
    numbers or more repeats only with the same numbers), and names the line of the first
    occurrence. Paragraphs shorter than `min-chars` (50) characters (punctuation aside),
    questions of up to 30 words, list items with quantities (numbers in a tenth of the words,
    unless they are sentences with numbers in under a fifth) and short label lines are not
    compared: interviews repeat their questions, recipes their portions. Runs of
    `min-block-paragraphs` or more repeated paragraphs in the original order are a repeated
    article and reported once by DU002 instead.

    ## Why is this bad?
    A repeated paragraph is an extraction artefact (a pull quote, a caption quoting the text,
    a teaser and the full text) that over-weights one passage and inflates length statistics.

    ## Example
    ```text
    Israeli courts, however, have declared most major settlements legal.
    ...
    Israeli courts, however, have declared most major settlements legal.
    ```
    reports `DU001 paragraph repeats line 1 word for word` on the second copy. Where the first
    copy stands before the article's dateline (a photo caption or a standfirst quoting the
    text) and the second after it, or in the page's head while the second is in the text, or
    alone among the page's labels and buttons (a share dialog quoting the lead) while the second
    stands among paragraphs, the first copy is reported instead: it is the extra one.

    ## How to fix or suppress
    Fix: delete the later copy (or the pull quote/caption it came from). Suppress:
    `--ignore DU001`, `ignore = ["DU001"]` under `[tool.artlint]`, or a `per-file-ignores`
    entry; raise `min-chars` to compare only longer paragraphs.
    """
    if not article.body:
        return
    runs = [
        run for run in find_repeats(article, options) if len(run) < options.min_block_paragraphs
    ]
    if not runs:
        return
    opening = _text_opening(article)
    #: for each first copy, decided at its first repeat: the copy in the text that stands for
    #: it when it is the extra one, else None
    teasers: dict[int, Line | None] = {}
    for run in runs:
        for repeat in run:
            first, line = repeat.first, repeat.line
            if first.start in teasers:
                kept = teasers[first.start]
                source = first if kept is None else kept
                yield Finding(
                    message=f"paragraph repeats line {_line_no(article, source)} word for word",
                    start=line.start,
                    end=line.end,
                )
                continue
            where = _extra_first_copy(article, first, line, opening)
            teasers[first.start] = line if where else None
            if where:
                # the first copy stands before the article's text (a photo caption or a
                # standfirst quoting it) or alone among the page's tools: it is the extra one
                yield Finding(
                    message=f"paragraph {where} repeats line "
                    f"{_line_no(article, line)} word for word (a caption or teaser)",
                    start=first.start,
                    end=first.end,
                )
            else:
                yield Finding(
                    message=f"paragraph repeats line {_line_no(article, first)} word for word",
                    start=line.start,
                    end=line.end,
                )


def _extra_first_copy(article: Article, first: Line, again: Line, opening: int) -> str:
    """Where the first copy stands when it, not the later one, is the extra copy ("" when it
    is not): before the article's text (its dateline, or the page's head) while the later copy
    is in it, or alone among non-prose lines while the later one has paragraphs around it."""
    if first.start < opening <= again.start or first.zone == HEAD and again.zone != HEAD:
        return "before the article's text"
    lines = article.structure.lines
    if _alone(lines, first) and not _alone(lines, again):
        return "among the page's labels"
    return ""


def _alone(lines: Sequence[Line], line: Line) -> bool:
    """No prose line right before or after ``line``."""
    index = next(i for i in range(len(lines)) if lines[i] is line)
    before = lines[index - 1].prose if index > 0 else False
    after = lines[index + 1].prose if index + 1 < len(lines) else False
    return not before and not after


def _text_opening(article: Article) -> int:
    """Where the article's text opens: at its dateline, when it has one ("MANILA, Philippines
    — ..."); else -1 (not known)."""
    dateline = find_dateline(article).dateline
    return dateline.line.start if dateline is not None else -1


@rule(
    code="DU002",
    name="repeated-article-text",
    summary="A block of the article (often all of it) is repeated",
    severity="warning",
    options=DuplicationOptions,
)
def repeated_article_text(article: Article, options: DuplicationOptions) -> Iterator[Finding]:
    """## What it does
    Flags a block of `min-block-paragraphs` (3) or more consecutive prose paragraphs that
    repeat earlier paragraphs in the same order: typically the whole article appearing two or
    three times because the page held several copies (AMP, print or "expanded" views). The
    block is reported once, at its first line, with the lines it copies.

    ## Why is this bad?
    The article's length doubles or triples, every statistic over the text is skewed, and
    models trained on it learn to repeat themselves.

    ## Example
    An extractor output whose lines 12-20 are lines 1-9 again reports
    `DU002 9 paragraphs (lines 12-20) repeat lines 1-9: the article text occurs twice`.

    ## How to fix or suppress
    Fix: keep one copy (delete the reported block). Suppress: `--ignore DU002`,
    `ignore = ["DU002"]` under `[tool.artlint]`, or a `per-file-ignores` entry.
    """
    if not article.body:
        return
    for block in _blocks(find_repeats(article, options), options):
        first_line = _line_no(article, block[0].line)
        last_line = _line_no(article, block[-1].line)
        source_first = _line_no(article, block[0].first)
        source_last = _line_no(article, block[-1].first)
        yield Finding(
            message=f"{len(block)} paragraphs (lines {first_line}-{last_line}) repeat lines "
            f"{source_first}-{source_last}: the article text occurs more than once",
            start=block[0].line.start,
            end=block[-1].line.end,
        )


@hookimpl
def artlint_rules() -> list[Rule]:
    return [duplicate_paragraph, repeated_article_text]
