"""Rule pack: truncation (TR).

A truncated body lost its end: a paywall teaser, a scraper that stopped at the first ad, a
"Read the full story" link where the rest should be. Most such bodies lost whole paragraphs and
end on a complete sentence: no text rule can see that. What these rules see are the marks a cut
leaves on the last paragraph - an ellipsis, a sentence stopping on "the", an open bracket, a
paywall prompt - and a record that declares more text than it holds.

The paragraph judged is the last *body* line (see ``artlint.structure``): tail lines (share
buttons, related links, footers) are set aside, and so are wire sign-offs and credits
("(Reporting by ...; Editing by ...)", "© 2020 The Associated Press", "Follow X on Twitter").
A short line right after the body that ends with an ellipsis ("All..."), and the last line of
the text when it starts a sentence it never finishes (even below a subheading), is the cut
itself and is judged instead. Precision comes first: a body whose paragraphs often end with an
ellipsis (a writer's style, or a list of teasers) is not judged on its ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from artlint import hookimpl, patterns
from artlint.models import Article, Finding
from artlint.pattern_cache import compile_re
from artlint.rules import NoOptions, Rule, rule, rule_options
from artlint.structure import (
    COMMENTS,
    JUNK_ROLES,
    RELATED,
    Line,
    has_letters,
    is_comment_marker,
    related_header,
    word_count,
)
from artlint_rules._data import data_folder, phrase_list

# The last form is the mark NewsAPI leaves where it cut an article's content ("… [+312 chars]").
_ELLIPSIS = patterns.compile(
    r"(?:\.{3,}|…|\[(?:\.{3}|…)\]|\((?:\.{3}|…)\)|(?:\.{3}|…)?\s*\[\+\d+ chars\])\s*$"
)
#: how every _ELLIPSIS match ends but its trailing white space
_ELLIPSIS_ENDS = ("...", "…", "...]", "…]", "...)", "…)", " chars]")
_INNER_ELLIPSIS = patterns.compile(r"(?:\.{3}|…)\s+[\[(\"“‘']?[A-ZÀ-Ý]")
_ENDS_LIKE_SENTENCE = frozenset(".!?…。！？\"'”’»)]:;")
_SIGN_OFF = patterns.compile(
    r"(?i)^(?:\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|produced|translated)"
    r"\s+by\b|\(?\s*(?:©|\(c\)|copyright\b)|reuters?$|follow\s+(?:@?\w+\s+){1,4}on\s+"
    r"(?:twitter|facebook|instagram|linkedin)|(?:contact|email|reach)\s+(?:the\s+)?"
    r"(?:reporter|writer|author|editor)|to\s+contact\s+the\s+(?:reporter|editor)|"
    r"(?:[a-z]+\s+)?(?:contributed|compiled)\s+(?:to\s+)?this\s+report|_{3,}$|-{3,}$)"
)
#: how many lines after the body may hold a paywall prompt
_PROMPT_WINDOW = 5
_PROMPT_MAX_WORDS = 20
_FRAGMENT_MAX_WORDS = 12
#: a line after the body needs this many words to be read as a sentence cut on "the"
_DANGLING_MIN_WORDS = 8
#: a last line without an end mark needs this many words to be read as a cut sentence when it
#: stops on an ordinary word: shorter ones are captions, labels and list items
_CUT_MIN_WORDS = 5
#: a last line that opens a quotation and stops needs only this many words to be a cut
_QUOTE_CUT_MIN_WORDS = 3
#: below this many words a line with a digit is a list item or schedule ("Eat every 2-3 hours",
#: "1 tsp. nut butter"), not a cut sentence
_SHORT_CUT_WORDS = 8
#: subheadings inside an article are short lines the structure does not call prose
_SUBHEADING_MAX_WORDS = 12
_SUBHEADING_ROLES = frozenset({"text", "headline", "edge"})
#: this many lines without an end mark right before the last one make it a list item
_LIST_RUN = 2
#: what may stand around the last word of a cut sentence and still leave it a word
_WORD_EDGES = "'’\"“”‘"
_RISKY_IN_UNION = frozenset({"die", "den", "um", "son", "sin", "con", "so", "e", "o", "da", "al"})


#: letters folded before phrases are compared: Turkish dotted capital I (whose lower() is "i"
#: and a combining dot), Romanian s and t with the cedilla printed for the comma below
_FOLDED_LETTERS = str.maketrans({"İ": "I", "ş": "ș", "Ş": "Ș", "ţ": "ț", "Ţ": "Ț"})


def _fold(text: str) -> str:
    if not text.isascii():
        text = text.translate(_FOLDED_LETTERS)
    return text.lower().replace("’", "'").replace("‘", "'").replace("\u00a0", " ")


@cache
def _paywall_phrases() -> tuple[str, ...]:
    return tuple(_fold(phrase) for phrase in phrase_list("truncation/paywall"))


@cache
def _paywall_re() -> re.Pattern[str]:
    """Any paywall phrase as a substring: one scan of the line instead of one per phrase (an
    alternation of the literal phrases finds a match exactly when some phrase occurs)."""
    return compile_re(patterns.literal_trie(_paywall_phrases()))


@cache
def _ui_labels() -> tuple[str, ...]:
    return tuple(_fold(phrase) for phrase in phrase_list("truncation/ui-ellipsis"))


@cache
def _function_words() -> dict[str, frozenset[str]]:
    """Per-language word sets from the sectioned data file ("# en" starts English)."""
    text = data_folder().joinpath("truncation/function-words.txt")
    sets: dict[str, set[str]] = {}
    current = ""
    for raw in text.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            tag = line[1:].strip()
            if len(tag) == 2 and tag.isalpha():
                current = tag
            continue
        if current and line:
            sets.setdefault(current, set()).update(line.split())
    result = {lang: frozenset(words) for lang, words in sets.items()}
    union = frozenset().union(*result.values()) - _RISKY_IN_UNION
    result[""] = union | result.get("en", frozenset())
    return result


def _words_for(language: str | None) -> frozenset[str]:
    table = _function_words()
    code = (language or "").lower()[:2]
    return table.get(code) or table[""]


# --------------------------------------------------------------------------------------------
# Where the article ends


@dataclass(frozen=True)
class Ending:
    """The line judged as the article's last paragraph, and what follows it."""

    line: Line
    following: list[Line]
    body_lines: list[Line]
    #: the judged line is a short line after the body, read as the cut-off end of it
    fragment: bool = False


def find_ending(article: Article) -> Ending | None:
    """The last body paragraph after tail lines and sign-offs are set aside.

    None when there is no body, or when the last prose line stands alone after non-prose lines.
    """
    # TR001-TR004 all judge the same ending
    return article.memo("truncation.ending", _find_ending, article)


def _find_ending(article: Article) -> Ending | None:
    structure = article.structure
    body = structure.body_lines
    if not body:
        return None
    lines = structure.lines
    index = _index_of(lines, body[-1])
    steps = 0
    # match, not search: the pattern is anchored at the start, and the regex module would try
    # (and fail) ^ at every position of the line.
    while _SIGN_OFF.match(lines[index].text) and steps < 3 and index > 0:
        index -= 1
        steps += 1
    following = lines[index + 1 :]
    judged = lines[index]
    if following and _is_cut_fragment(following[0], article.language):
        return Ending(following[0], following[1:], body, fragment=True)
    if structure.page and _after_chrome(lines, index) or _after_related_list(lines, index):
        # A lone prose line after page chrome (menus, share buttons) or right under a list of
        # other stories is a widget or a teaser of another page, not the end of this article:
        # where the article ends cannot be told.
        return None
    if _teaser_in_a_list(lines, index):
        return None
    cut = _cut_sentence_after(lines, index, article.language)
    if cut is not None:
        return Ending(lines[cut], lines[cut + 1 :], body, fragment=True)
    return Ending(judged, following, body)


def _index_of(lines: list[Line], last: Line) -> int:
    """``lines.index(last)``, searched from the end by identity: the last body line sits near
    the end, and list.index compared every earlier line field by field (dataclass __eq__).
    Lines are numbered, so no other line equals it."""
    for index in range(len(lines) - 1, -1, -1):
        if lines[index] is last:
            return index
    return lines.index(last)


def _after_chrome(lines: list[Line], index: int) -> bool:
    """Whether the nearest earlier line with letters is not prose (a menu, a share bar).

    Lines without letters (`).`, `8`: pieces of a citation link) are looked through. A short
    subheading with article prose right above it ("KAZAKHSTAN WINS AGAIN", "Q: What are your
    hobbies?") is part of the article, not chrome.
    """
    earlier = (line for line in reversed(lines[:index]) if has_letters(line.text))
    nearest = next(earlier, None)
    if nearest is None or nearest.prose:
        return False
    if nearest.words <= _SUBHEADING_MAX_WORDS and nearest.role in _SUBHEADING_ROLES:
        above = next(earlier, None)
        return above is None or not above.prose
    return True


def _after_related_list(lines: list[Line], index: int) -> bool:
    """Whether the nearest earlier line with letters belongs to a related-stories list (the
    line is the teaser under the list's last headline)."""
    # every article's ending asks this: walked by index, no copy of the lines before it
    for position in range(index - 1, -1, -1):
        line = lines[position]
        if has_letters(line.text):
            # a one-line pointer between paragraphs ("Read more: <headline>") heads no list
            return line.role == RELATED and related_header(line) != "inline"
    return False


def _teaser_in_a_list(lines: list[Line], index: int) -> bool:
    """Whether the judged paragraph is another story's teaser in a list after the article:
    clipped with an ellipsis, right under a short line that is no paragraph (a section label,
    the teaser's headline) and followed by another headline ("IL COMMENTO" / "Piano, l'acqua,
    Joyce e Caproni. Ci voleva una settimana di poesia…" / "Addio Franco Marenco, leader di una
    destra che rimpiangiamo"). Where the article ends cannot be told. A clipped paragraph
    that ends the text, or is followed only by the site's links ("Read more"), stays the cut."""
    if index == 0 or not _ends_with_ellipsis(lines[index].text):
        return False
    above = lines[index - 1]
    if above.prose or above.words > _SUBHEADING_MAX_WORDS or not has_letters(above.text):
        return False
    after = [line for line in lines[index + 1 : index + 4] if has_letters(line.text)]
    return any(
        not line.prose and _reads_as_sentence(line) and not _is_site_line(line.text)
        for line in after
    )


def _cut_sentence_after(lines: list[Line], index: int, language: str | None) -> int | None:
    """Where a sentence cut off after the judged paragraph sits, if one does.

    The structure sets an unfinished last line apart from the body (no end mark, so it reads as
    page edge), sometimes below a subheading. It is the cut when it is the last line with
    letters, begins like a sentence (a capital, then mostly lower-case words), holds
    ``_CUT_MIN_WORDS`` words, has no end mark, and is not a call to action or label of the site.
    Lines between it and the paragraph that head other stories (a related header, an item's
    time stamp) or are clipped with an ellipsis (another story's teaser) make it a headline in
    a list of other stories, not the article's cut end.
    """
    after = [i for i in range(index + 1, len(lines)) if has_letters(lines[i].text)]
    if not after or len(after) > 3:
        return None
    *between, last = after
    if any(lines[i].prose or lines[i].words > _SUBHEADING_MAX_WORDS for i in between):
        return None
    if any(_opens_other_story(lines[i]) or _ends_with_ellipsis(lines[i].text) for i in between):
        return None  # a list of other stories: a header, or a teaser clipped with "…"
    line = lines[last]
    if line.prose or line.role == COMMENTS or is_comment_marker(line):
        return None  # a paragraph, or the comment section's notice ("comments are closed")
    if _is_cut_fragment(line, language):
        return last  # a short line stopping in an ellipsis or on "the", below a subheading
    if line.text[-1] in _ENDS_LIKE_SENTENCE:
        return None
    if not (_reads_as_sentence(line) or _opens_quote(line)):
        return None
    if _is_site_line(line.text):
        return None
    return last


#: a widget's credit ending a line: the comment box's or the site's, not the article's words
_POWERED_BY = compile_re(r"\bpowered by [\w.-]+$", re.IGNORECASE)
#: a photo credit after a caption's last sentence ("... the swearing-in. © imago")
_CREDIT_AFTER_SENTENCE = compile_re(r"[.!?…][\"'”’»)]? \(?[©ⓒ][^.!?…]*$")
#: a sentence's end, then a credit or sign-off in brackets ("... del governo. (Giuliano
#: Rosciarelli/alaNEWS)"): the paragraph ended
_CREDIT_AFTER_END = compile_re(r"[.!?…][\"'”’»]?\s*[(\[][^()\[\]]{1,60}[)\]]$")
#: runs of digits: a date with a time has four at least ("4 March 2026, 19:40")
_NUMBERS = compile_re(r"\d+")
#: a time of day ("19:40"): a line holding one heads an item of a news list, not a paragraph
_CLOCK_TIME = compile_re(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")


def _opens_other_story(line: Line) -> bool:
    """A header of a list of other stories ("Top stories") or an item's date and time ("4
    March 2026, 19:40 • News"): the line under it is another story's headline, not this one's
    end. A subheading that only starts like a header ("More on the vote") or holds a time
    alone ("Updated 19:40") is the article's own."""
    text = line.text
    if related_header(line) == "header":
        return True
    return _CLOCK_TIME.search(text) is not None and len(_NUMBERS.findall(text)) >= 4


def _reads_as_sentence(line: Line) -> bool:
    """A capital first, then mostly lower-case words: a sentence, not a title or a list of
    names (and long enough, see _long_enough)."""
    if not _long_enough(line):
        return False
    words = line.text.split()
    first = words[0].lstrip("\"'“‘«(—–-")
    if not first[:1].isupper():
        return False
    lower = sum(word[:1].islower() for word in words[1:])
    return lower * 2 >= len(words) - 1


def _opens_quote(line: Line) -> bool:
    """A line of a few words that opens a quotation and never closes it ("“We believe that
    justice"): a quote cut short, whatever its length."""
    text = line.text
    if line.words < _QUOTE_CUT_MIN_WORDS or text[0] not in '“"«„':
        return False
    closing = {"“": "”", '"': '"', "«": "»", "„": "“"}[text[0]]
    return closing not in text[1:] and (text[0] != "„" or "”" not in text)


def _long_enough(line: Line) -> bool:
    """Enough words to be a sentence rather than a caption, label or list item; no ``|``
    separators of a menu."""
    if line.words < _CUT_MIN_WORDS or " | " in line.text:
        return False
    return line.words >= _SHORT_CUT_WORDS or not any(char.isdigit() for char in line.text)


def _is_site_line(text: str) -> bool:
    """Whether the AD phrase packs read the line as a call to action, label or notice of the
    site ("Get top news in your inbox daily"): those end without a mark and are no cut."""
    from artlint_rules.ads import classify, load_pack

    return classify(text, load_pack()) is not None


def _is_cut_fragment(line: Line, language: str | None) -> bool:
    """A short line right after the body that stops in an ellipsis ("All...", "The deal...")
    or, with some words, on a word no sentence ends with ("... would take effect once the").

    Interface labels ("Loading...", "Read more...") end with an ellipsis too and are not cuts.
    """
    text = line.text
    # a bullet, dash or opening quote may come first ("* Click the link for…", "— I began…")
    if not text.lstrip("*•·-–—\"'“‘«„ ")[:1].isalpha():
        return False
    if _ends_with_ellipsis(text):
        if line.words > _FRAGMENT_MAX_WORDS or related_header(line) is not None:
            return (
                False  # a long line is judged as a paragraph; "You may also like..." heads a list
            )
        folded = _fold(text)
        return not any(folded.startswith(label) for label in _ui_labels())
    return line.words >= _DANGLING_MIN_WORDS and _dangling_word(text, language) is not None


def _text_goes_on(following: list[Line]) -> bool:
    """Whether lines of text (not the site's calls, labels or lists) come after a line that
    stops on a function word: the sentence was wrapped onto them ("... a video demonstration
    by" / "Matt Martel, Publisher"), not cut."""
    return any(
        has_letters(line.text) and line.role not in JUNK_ROLES and not _is_site_line(line.text)
        for line in following
    )


def _ellipsis_lines(lines: list[Line], judged: Line) -> int:
    """Other lines that end with an ellipsis (interface labels aside): a writer's style or a
    list of teasers, not a cut."""
    count = 0
    for line in lines:
        if line is judged or not _ends_with_ellipsis(line.text):
            continue
        folded = _fold(line.text)
        if not any(folded.startswith(label) for label in _ui_labels()):
            count += 1
    return count


def _ends_with_ellipsis(text: str) -> bool:
    return _final_ellipsis(text) is not None


def _final_ellipsis(text: str) -> Any:
    """The ellipsis a line ends with (a match), or None.

    Most lines end in something else, which settles them without the end-anchored search (the
    regex module tries it at every position). Stripping removes every character \\s matches, so
    a match always ends in one of _ELLIPSIS_ENDS once stripped.
    """
    return _ELLIPSIS.search(text) if text.rstrip().endswith(_ELLIPSIS_ENDS) else None


def _joined_teasers(text: str, cut: int) -> bool:
    """Several teasers on one line ("... Rush Ticket Pro... [The Palace] The Beauty..."): an
    earlier ellipsis followed by a new capitalised start."""
    return bool(_INNER_ELLIPSIS.search(text[:cut]))


# --------------------------------------------------------------------------------------------
# TR001 ellipsis


@rule_options
class EllipsisOptions:
    """Options of TR001."""

    #: how many *other* lines may also end with an ellipsis before the final one is read as
    #: the writer's style or a list of teasers rather than a cut
    max_other_ellipses: int = 0


@rule(
    code="TR001",
    name="body-ends-with-ellipsis",
    summary="Article body ends with an ellipsis where the text was cut off",
    severity="warning",
    options=EllipsisOptions,
)
def body_ends_with_ellipsis(article: Article, options: EllipsisOptions) -> Iterator[Finding]:
    """## What it does
    Flags an article whose last paragraph ends with an ellipsis (`...`, `…`, `[...]`, `[…]`,
    `(...)`), the mark paywall teasers and automatic excerpts leave where they cut the text, or
    with NewsAPI's `… [+312 chars]`.
    The last paragraph is judged after share buttons, related links, footers and wire sign-offs
    are set aside, and a short fragment right after the body (`All...`) counts as the end. An
    ellipsis inside a closing quote (`"We will see..."`) does not count, and neither does one in
    a text whose other lines end with ellipses too (the writer's style, or a list of teasers),
    a line of several teasers (`Tour rush tickets... The beauty of Korea...`) or the teaser
    right under a list of other stories ("Related Posts", headlines, then `... gather in
    front of…`; a one-line `Read more: <headline>` heads no list): where the article itself
    ends cannot be told there, and TR001-TR004 are silent.

    ## Why is this bad?
    The article is incomplete: the reader gets the teaser, not the story, and any summary or
    statistic computed from it is wrong.

    ## Example
    ```text
    Now we spend money over and over on virtual perks.

    All...
    ```
    reports `TR001 body ends with an ellipsis ('All...'): the text looks cut off`.

    ## How to fix or suppress
    Fix: fetch the full article (with a subscription, from the print view or another source)
    or drop the record. Suppress: `--ignore TR001`, `ignore = ["TR001"]` under
    `[tool.artlint]`, or a `per-file-ignores` entry for sources that publish teasers.
    """
    ending = find_ending(article)
    if ending is None:
        return
    text = ending.line.text
    match = _final_ellipsis(text)
    if not match:
        return
    if _ellipsis_lines(article.structure.lines, ending.line) > options.max_other_ellipses:
        return
    if _joined_teasers(text, match.start()):
        return
    tail = text if len(text) <= 40 else "…" + text[-39:]
    yield Finding(
        message=f"body ends with an ellipsis ({tail!r}): the text looks cut off",
        start=ending.line.start + match.start(),
        end=ending.line.end,
    )


# --------------------------------------------------------------------------------------------
# TR002 mid-sentence


@rule(
    code="TR002",
    name="body-ends-mid-sentence",
    summary="Article body stops in the middle of a sentence",
    severity="warning",
)
def body_ends_mid_sentence(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags an article whose last body paragraph has no end mark and stops on a word no
    sentence ends with (an article, preposition, conjunction or possessive: `the`, `of`, `and`,
    `der`, `de`, `che`...), on a comma, or on a dash or hyphen. The word lists are per language
    (en, de, fr, es, pt, it; the record's `language` picks one). A last line that continues on
    the next line in lower case is not a stop, and neither is a short line after the body that
    lines of text (not the site's buttons or labels) follow: the page wrapped the sentence
    (`... a video demonstration by` / `Matt Martel, Publisher`).

    A paragraph of at least five words (eight when it holds a digit) that stops on an ordinary
    word is flagged too, when that word is lower case (`... coming from battery`) or a capital
    right after a function word (`... implementation of the Medicaid`). The last line counts
    even when it sits below a subheading, after the last full paragraph, as long as it begins
    like a sentence and no header of other stories ("Top stories") or date and time of a news
    list ("4 March 2026, 19:40") stands between. Not flagged: a caption ending in a photo
    credit after its sentence (`... at the swearing-in. © imago`), a line ending in a title or
    names (two capitals among its last three words), a widget's credit (`... powered by
    Disqus`), a link, a number or a hashtag; the last of three lines without end marks (a
    list); a line the AD phrase packs read as a prompt of the site, or a paragraph whose last
    sentence is one (a promo joined to the text: `... consent. Get Motor Cycle Monthly
    delivered through your door every month`).

    ## Why is this bad?
    A sentence cut in the middle means the extractor (or the source's teaser) dropped the rest
    of the article.

    ## Example
    ```text
    The committee said the new rules would take effect once the
    ```
    reports `TR002 body stops mid-sentence on 'the': the rest looks lost`, and so does
    ```text
    Ford will display its first electric SUV, marking the start of an avalanche of vehicles
    ```
    (on `'vehicles'`).

    ## How to fix or suppress
    Fix: re-extract or re-fetch the article; drop records that cannot be completed. Suppress:
    `--ignore TR002`, `ignore = ["TR002"]` under `[tool.artlint]`, or a `per-file-ignores`
    entry.
    """
    ending = find_ending(article)
    if ending is None or not (ending.line.prose or ending.fragment):
        return
    if ending.following and ending.following[0].text[:1].islower():
        return
    if ending.fragment and _text_goes_on(ending.following):
        return
    text = ending.line.text
    if ("©" in text or "ⓒ" in text) and _CREDIT_AFTER_SENTENCE.search(text):
        return  # a caption: its sentence ended, then the photo's credit
    if _POWERED_BY.search(text):
        return  # a widget's credit line ("... views of this station. powered by Disqus")
    stop = _dangling_word(text, article.language)
    if stop is None:
        stop = _open_word(ending, article)
        if stop is None:
            return
    if stop in _ADDRESS_WORDS and _DROPPED_ADDRESS.search(text):
        return  # "Write me at": the address was a link the extractor dropped
    if _ends_in_site_line(text):
        return  # "... on your website. Get Motor Cycle Monthly delivered through your door"
    word_start = ending.line.end - len(text.split()[-1])
    yield Finding(
        message=f"body stops mid-sentence on {stop!r}: the rest looks lost",
        start=word_start,
        end=ending.line.end,
    )


#: where a sentence ends inside a line: its mark, a closing quote or bracket, a space
_SENTENCE_BREAK = compile_re(r"[.!?…][\"'”’»)]?\s+(?=\S)")
#: a site's line glued after the last sentence is a call or label of a few words
_GLUED_LINE_MAX_WORDS = 16


def _ends_in_site_line(text: str) -> bool:
    """Whether the paragraph's last sentence, after an earlier one, is a call to action or
    label of the site that the extractor joined to the text (a promo with no end mark): the
    text before it ended, and nothing was cut."""
    if len(text) > 20_000:
        text = text[-20_000:]  # the last sentence is all that matters
    breaks = [found.end() for found in _SENTENCE_BREAK.finditer(text)]
    if not breaks:
        return False
    tail = text[breaks[-1] :]
    return len(tail.split()) <= _GLUED_LINE_MAX_WORDS and _is_site_line(tail)


def _open_word(ending: Ending, article: Article) -> str | None:
    """The ordinary word a long last paragraph stops on without any end mark, if it is one.

    A lower-case word ("... coming from avalanche", "... the icy moon's"), or a capitalised one
    right after a function word ("... implementation of the Medicaid"); a run of capitalised
    words at the end is a title or a name list, not a cut. The last of several lines without
    end marks is a list item, and a line the AD packs know is a site prompt.
    """
    line = ending.line
    if not _long_enough(line) or line.text[-1] in _ENDS_LIKE_SENTENCE:
        return None
    words = line.text.split()
    if len(words) < 2:
        return None  # a script written without spaces (CJK): its words cannot be told apart
    word = words[-1].strip(_WORD_EDGES)
    if not word or not word.replace("-", "").replace("'", "").replace("’", "").isalpha():
        return None  # a URL, a hashtag, a number, a DOI: no sentence was cut there
    if not word[0].islower():
        capitals = sum(item[:1].isupper() for item in words[-3:])
        if capitals > 1 or words[-2].lower() not in _words_for(article.language):
            return None
    if _in_unfinished_run(article, line) or _is_site_line(line.text):
        return None
    return word


def _in_unfinished_run(article: Article, line: Line) -> bool:
    """Whether the two lines before ``line`` (with letters) also lack an end mark: the three
    are items of a list that uses no full stops. One such line alone is a subheading."""
    lines = article.structure.lines
    index = _index_of(lines, line)
    open_lines = 0
    for earlier in reversed(lines[:index]):
        text = earlier.text.rstrip()
        if not has_letters(text):
            continue
        if text[-1] in _ENDS_LIKE_SENTENCE:
            return False
        open_lines += 1
        if open_lines == _LIST_RUN:
            return True
    return False


def _dangling_word(text: str, language: str | None) -> str | None:
    """The comma, dash or function word a line without an end mark stops on, if any."""
    if text[-1] in _ENDS_LIKE_SENTENCE:
        return None
    if text[-1] in ",-–—":
        return text[-1]
    word = text.split()[-1].strip("'’\"“").lower()
    return word if word in _words_for(language) else None


#: a request to write or follow someone whose address or handle was a link the extractor
#: dropped ("Comments? Write me at", "Follow her on"): the sentence lost its link, the text
#: was not cut
_ADDRESS_WORDS = frozenset({"at", "on", "via"})
_DROPPED_ADDRESS = compile_re(
    r"\b(?i:write|e-?mail|contact|reach|follow|message|tweet|call|find)\b[^.!?]{0,40}"
    # the pronouns in lower case: "reach the US on" is a country, and a cut sentence
    r"\b(?:me|us|him|her|them|the author|the writer|the reporter)\s+(?i:at|on|via)$"
)


# --------------------------------------------------------------------------------------------
# TR003 paywall prompt


@rule(
    code="TR003",
    name="continue-reading-prompt",
    summary="Continue-reading or paywall prompt where the article should go on",
    severity="warning",
)
def continue_reading_prompt(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags a short line right after the article's last paragraph (within five lines) that asks
    the reader to subscribe, sign in or follow a link to read the rest: `To Read the Full
    Story`, `Subscribe to continue reading`, `This article is for subscribers`, `Already a
    subscriber?`, `Il vous reste 60% de cet article à lire`, `Para continuar lendo`... The
    phrases (en, de, fr, es, pt, it, nl, sv, da, nb, pl, cs, ro, tr, he) are in
    `rules/data/truncation/paywall.txt`. Ad-break labels inside complete articles (`Continue
    reading the main story`, `Continue reading below`) and `Read more` link lists are not
    prompts. Where the article's last paragraph
    cannot be told (it follows a line that is not prose), only the very last line is judged,
    and not at all in a whole-page dump, whose footer may carry any prompt.

    ## Why is this bad?
    The prompt stands where the rest of the article was: the body is a teaser.

    ## Example
    ```text
    ... and may receive further discipline.
    To Read the Full Story
    ```
    reports `TR003 paywall prompt after the body ('To Read the Full Story'): the article is
    likely a teaser`.

    ## How to fix or suppress
    Fix: fetch the full text with access to the paywall, or drop the record. The prompt line
    itself is boilerplate (the AD rules report it too). Suppress: `--ignore TR003`,
    `ignore = ["TR003"]` under `[tool.artlint]`, or a `per-file-ignores` entry.
    """
    ending = find_ending(article)
    if ending is not None:
        candidates = [ending.line, *ending.following[:_PROMPT_WINDOW]]
    elif article.structure.page:
        return  # a whole page whose article end cannot be told: its footer may hold anything
    else:
        # where the article ends could not be told, but a prompt as the very last line of a
        # plain article body is still the paywall's
        lines = article.structure.lines
        candidates = [line for line in lines[-_PROMPT_WINDOW:] if has_letters(line.text)][-1:]
    phrases = _paywall_re()
    for line in candidates:
        if line.words > _PROMPT_MAX_WORDS:
            continue
        folded = _fold(line.text)
        if phrases.search(folded):
            yield Finding(
                message=f"paywall prompt after the body ({line.text[:60]!r}): the article is "
                "likely a teaser",
                start=line.start,
                end=line.end,
            )
            return


# --------------------------------------------------------------------------------------------
# TR004 unbalanced final paragraph

_PAIRS = (("(", ")"), ("[", "]"))
#: the last straight quote of a paragraph opens a quotation: at the start or after a space or
#: bracket, before a letter, and no other straight quote after it (not 5'11" or a closing one)
_STRAIGHT_QUOTE_OPENS = compile_re(r'(?:^|[\s(\[])"\w[^"]*$')
_BRACKETS = compile_re(r"[()\[\]]")
#: at most this many words after the unclosed opener
_MAX_WORDS_INSIDE = 3


@rule(
    code="TR004",
    name="unbalanced-final-paragraph",
    summary="Last paragraph leaves a bracket or quotation open",
    severity="warning",
    covers=("TR002",),
)
def unbalanced_final_paragraph(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags an article whose last body paragraph opens a bracket (`(`, `[`) or a quotation (`“`,
    or a straight `"` that stands before a word) that it never closes, with no end mark after
    it (a credit in brackets after the last sentence, `... del governo. (Name/Agency)`, is no
    open end): the text stopped inside the parenthesis or the quote. A bracket needs to be opened
    within the last three words: one opened long before the end is left alone (sources leave
    lists in parentheses unclosed). Straight quotes are counted only in a paragraph without
    curly ones (scrapers mix the two) and not after a digit (`6'2"`); German-style `„...“`
    quotes are read correctly. A short line that opens a quote below the last full paragraph
    (`"We believe that justice`) is judged as the last paragraph.

    A paragraph cut inside a quotation usually also stops mid-sentence: the TR002 finding on
    the same words is not reported beside this one, which stands for the cut.

    ## Why is this bad?
    A bracket or quote that never closes at the very end of an article means the text was cut
    inside it.

    ## Example
    ```text
    Drinking 500 ml of water before a meal decreased hunger during the day (
    ```
    reports `TR004 last paragraph leaves '(' open: the text looks cut off`.

    ## How to fix or suppress
    Fix: re-extract or re-fetch the article. Suppress: `--ignore TR004`,
    `ignore = ["TR004"]` under `[tool.artlint]`, or a `per-file-ignores` entry.
    """
    ending = find_ending(article)
    if ending is None or not (ending.line.prose or ending.fragment):
        return
    text = ending.line.text
    if text[-1] in ".!?。！？" or _CREDIT_AFTER_END.search(text):
        return
    opened = _unclosed(text)
    if opened is None:
        return
    # A bracket opened long before the end is the source's own (a list in parentheses that
    # never closes); a cut falls just inside it. A quotation must close in its last paragraph.
    inside = len(text[text.rfind(opened) + 1 :].split())
    if opened not in '“"' and inside > _MAX_WORDS_INSIDE:
        return
    yield Finding(
        message=f"last paragraph leaves {opened!r} open: the text looks cut off",
        start=ending.line.start + text.rfind(opened),
        end=ending.line.end,
    )


#: emoticons whose brackets open or close nothing (":(", ":-(", ";(", ":)"); not "):", which
#: ends a bracket before a colon in prose ("(on Tuesday): the council")
_EMOTICON = compile_re(r"[:;=]'?-?[()\[\]]")


def _unclosed(text: str) -> str | None:
    if ":" in text or ";" in text or "=" in text:
        text = _EMOTICON.sub("", text)
    for opening, closing in _PAIRS:
        if opening not in text:
            continue
        depth = 0
        # Only the brackets matter: walk them, not every character of the paragraph.
        for char in _BRACKETS.findall(text):
            if char == opening:
                depth += 1
            elif char == closing and depth:
                depth -= 1
        if depth:
            return opening
    if "„" not in text and text.count("“") > text.count("”") and text.rfind("“") > text.rfind("”"):
        # a straight quote after the last opening one closes it: scrapers and sites mix the two
        # ("“Among the important factors, ... with increasing age.\"")
        if '"' not in text[text.rfind("“") :]:
            return "“"
    # straight quotes are counted only where no curly ones are mixed in (scrapers swap some)
    curly = "“" in text or "”" in text
    if not curly and text.count('"') % 2 and _STRAIGHT_QUOTE_OPENS.search(text):
        return '"'
    return None


# --------------------------------------------------------------------------------------------
# TR005 declared length

_WORD_COUNT_KEYS = ("wordCount", "word_count", "wordcount", "words")


@rule_options
class DeclaredLengthOptions:
    """Options of TR005."""

    #: flag when the body holds less than this share of the declared word count
    min_share: float = 0.7
    #: and at least this many declared words are missing
    min_missing_words: int = 50


@rule(
    code="TR005",
    name="body-shorter-than-declared",
    summary="Body is much shorter than the record's own word count or description",
    severity="warning",
    options=DeclaredLengthOptions,
)
def body_shorter_than_declared(
    article: Article, options: DeclaredLengthOptions
) -> Iterator[Finding]:
    """## What it does
    Compares the body with what the record itself says about it: a word count field
    (`wordCount`, `word_count`, as schema.org and many scrapers store it) above the body's
    words by more than `min-missing-words` (50) and with the body holding less than `min-share`
    (70%) of it; or a `description` longer than the whole body. Records without such fields are
    not judged; an empty body is ST001's.

    ## Why is this bad?
    The page declared a longer article than the body holds: the extractor lost part of it.

    ## Example
    A record `{"wordCount": 900, "body": "<120 words>"}` reports
    `TR005 body has 120 words, the record declares wordCount 900`.

    ## How to fix or suppress
    Fix: re-extract the page. Suppress: `--ignore TR005`, `ignore = ["TR005"]` under
    `[tool.artlint]`, or a `per-file-ignores` entry; tune `min-share` and `min-missing-words`.
    """
    body = article.body
    if not body.strip() or not article.extra:
        return
    declared, key = _declared_words(article)
    end = len(body.rstrip())
    if declared:
        actual = word_count(body)
        missing = declared - actual
        if missing >= options.min_missing_words and actual < declared * options.min_share:
            yield Finding(
                message=f"body has {actual} words, the record declares {key} {declared}: "
                "part of the article looks lost",
                start=end,
                end=end,
            )
            return
    description = article.extra.get("description")
    if isinstance(description, str) and len(description.strip()) > len(body.strip()):
        yield Finding(
            message=f"body ({len(body.strip())} characters) is shorter than the record's "
            f"description ({len(description.strip())} characters): the article looks cut",
            start=end,
            end=end,
        )


def _declared_words(article: Article) -> tuple[int, str]:
    for key in _WORD_COUNT_KEYS:
        value = article.extra.get(key)
        if isinstance(value, bool):
            continue
        if isinstance(value, int) and value > 0:
            return value, key
        if isinstance(value, str) and value.strip().isdigit():
            return int(value.strip()), key
    return 0, ""


@hookimpl
def artlint_rules() -> list[Rule]:
    return [
        body_ends_with_ellipsis,
        body_ends_mid_sentence,
        continue_reading_prompt,
        unbalanced_final_paragraph,
        body_shorter_than_declared,
    ]
