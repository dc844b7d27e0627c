"""Rule pack: dates (DT).

Every date an article states is validated strictly: the metadata fields (``published``,
``crawled``, modified/updated fields), date-only lines before the body, the page timestamp glued
before a dateline, the dateline's ``Month Day`` and the URL's ``/YYYY/MM/DD/``. A date a careful
human accepts in any common unambiguous format is fine; what is flagged is a date that cannot be
(Feb 30), that cannot be read (05/06/2007 with nothing to tell the order), that cannot be right
(after the crawl, a placeholder, a wrong weekday) or that contradicts another date of the article.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from urllib.parse import urlsplit

from artlint import hookimpl, patterns
from artlint.models import Article, Finding
from artlint.pattern_cache import compile_re
from artlint.rules import OptionError, Rule, raise_all, rule, rule_options
from artlint.structure import HEAD, HEADLINE, Line
from artlint_rules._datelines import find_dateline
from artlint_rules._dates import (
    MONTHS,
    WEEKDAYS,
    DateProblem,
    DateValue,
    ParseResult,
    describe,
    is_iso,
    name_table,
    parse_date,
    weekday_name,
)
from artlint_rules.datelines import timestamp_in_prefix

# --------------------------------------------------------------------------------------------
# Options shared by the DT rules


#: an option that may not be negative (checked by _below_zero; shown in the option's schema)
_AT_LEAST_ZERO = {"json_schema": {"minimum": 0}}


@rule_options
class DateOptions:
    """Options every DT rule understands (set them per rule, or under each code you use)."""

    #: how to read numeric dates like 05/06/2007 when nothing in the article tells: true =
    #: day first (5 June), false = month first (May 6), null = leave them undetermined
    day_first: bool | None = None
    #: per source domain (URL host or ``source`` field, subdomains included): day first or not
    day_first_domains: dict[str, bool] = dataclasses.field(default_factory=dict)
    #: extra record keys that hold dates (besides published, crawled and the usual
    #: modified/updated/created keys)
    extra_date_fields: list[str] = dataclasses.field(default_factory=list)


#: record keys (lower case, without ``_``/``-``) that hold a modification date
_MODIFIED_KEYS = frozenset(
    {
        "modified",
        "datemodified",
        "lastmodified",
        "updated",
        "updatedat",
        "dateupdated",
        "lastupdated",
        "modifiedat",
        "datemodify",
        "modifieddate",
        "updateddate",
        "lastmod",
    }
)
#: other record keys that hold a date of the article
_OTHER_KEYS = frozenset({"created", "createdat", "datecreated", "issued", "dateissued"})

_LABELS = (
    ("last updated", "modified"),
    ("updated on", "modified"),
    ("updated", "modified"),
    ("aktualisiert am", "modified"),
    ("aktualisiert", "modified"),
    ("stand", "modified"),
    ("mis à jour le", "modified"),
    ("mis à jour", "modified"),
    ("atualizado em", "modified"),
    ("atualizado", "modified"),
    ("actualizado el", "modified"),
    ("actualizado", "modified"),
    ("aggiornato il", "modified"),
    ("aggiornato", "modified"),
    ("first published on", "published"),
    ("first published", "published"),
    ("published on", "published"),
    ("published", "published"),
    ("posted on", "published"),
    ("posted", "published"),
    ("date", "published"),
    ("veröffentlicht am", "published"),
    ("veröffentlicht", "published"),
    ("publié le", "published"),
    ("publié", "published"),
    ("publicado em", "published"),
    ("publicado el", "published"),
    ("publicado", "published"),
    ("pubblicato il", "published"),
    ("pubblicato", "published"),
    ("on", "published"),
)


@dataclass(frozen=True)
class Stated:
    """One date the article states, where it states it and how it reads."""

    source: str  # human name: "published", "the URL", "the dateline", ...
    role: str  # published | crawled | modified | other | dateline
    field: str
    start: int
    end: int
    result: ParseResult
    metadata: bool = False

    @property
    def value(self) -> DateValue | None:
        return self.result if isinstance(self.result, DateValue) else None


#: URL paths write dates in ASCII digits (others arrive percent-encoded)
_URL_DATE = patterns.compile(
    r"/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})(?=/|$|[?#])"
)


def _domain_matches(host: str, domain: str) -> bool:
    domain = domain.lower()
    return host == domain or host.endswith("." + domain)


def _day_first(article: Article, options: DateOptions) -> bool | None:
    host = ""
    if article.url:
        try:
            host = (urlsplit(article.url).hostname or "").lower()
        except ValueError:
            host = ""
    source = (article.source or "").strip().lower()
    for domain, value in options.day_first_domains.items():
        if (host and _domain_matches(host, domain)) or source == domain.lower():
            return value
    return options.day_first


#: languages whose numeric dates are not day first everywhere: English, Spanish (in the United
#: States), Filipino, the year-first East Asian ones and Persian, and the codes of no language
_NOT_DAY_FIRST = frozenset("en eng tl fil zh zho ja jpn ko kor fa fas per und mul zxx mis".split())


def _day_first_language(language: str | None) -> bool:
    """Whether the article's language writes numeric dates day first: most do. Month first is
    the United States' order (``en``, also ``es-US``), and the others of _NOT_DAY_FIRST are
    left undetermined."""
    code, _, region = (language or "").strip().lower().replace("_", "-").partition("-")
    if region[:2] == "us":
        return False
    return len(code) in (2, 3) and code.isalpha() and code not in _NOT_DAY_FIRST


def _metadata_dates(article: Article, order: bool | None, options: DateOptions) -> list[Stated]:
    found = []
    for field, role in (("published", "published"), ("crawled", "crawled")):
        text = article.text_of(field)
        if text.strip():
            # named as the file names it: the record's 'date_publish', not artlint's 'published'
            source = article.source_of(field)
            shown = source.key if source is not None and source.key else field
            found.append(Stated(shown, role, field, 0, len(text), parse_date(text, order), True))
    extra_keys = {key.lower() for key in options.extra_date_fields}
    for key, value in article.extra.items():
        if not isinstance(value, str) or not value.strip():
            continue
        normal = key.lower().replace("_", "").replace("-", "")
        if normal in _MODIFIED_KEYS:
            role = "modified"
        elif normal in _OTHER_KEYS or key.lower() in extra_keys:
            role = "other"
        else:
            continue
        found.append(Stated(key, role, key, 0, len(value), parse_date(value, order), True))
    return found


#: _LABELS by first letter, in their order: only labels that open like the text can match
_LABELS_BY_FIRST: dict[str, tuple[tuple[str, str], ...]] = {
    first: tuple(item for item in _LABELS if item[0][0] == first)
    for first in {label[0] for label, _ in _LABELS}
}


def _strip_label(text: str) -> tuple[str, str, int]:
    lowered = text.lower()
    for label, role in _LABELS_BY_FIRST.get(lowered[:1], ()):
        if lowered.startswith(label) and not lowered[len(label) : len(label) + 1].isalpha():
            rest = text[len(label) :]
            stripped = rest.lstrip(" :")
            return stripped, role, len(text) - len(stripped)
    return text, "published", 0


#: head-zone date lines this close to the body may be the article's own date; earlier ones are
#: as likely to belong to menus and lists of other stories
NEAR_LEAD_LINES = 3


def _head_dates(article: Article, order: bool | None) -> list[Stated]:
    found = []
    head = [line for line in article.structure.lines if line.zone == HEAD]
    near = {line.number for line in head[-NEAR_LEAD_LINES:]}
    # A date above the headline is the masthead's date of the day the page was shown ("Sunday,
    # September 26, 2021" over a letter of June), not the article's: only lines after it count.
    headline = next((line.number for line in head if line.role == HEADLINE), -1)
    near = {number for number in near if number > headline}
    for line in head:
        if line.words > 16 or not _has_digit(line.text):
            continue
        offset = 0
        for piece in line.text.split(" | ") if " | " in line.text else (line.text,):
            text, role, skipped = _strip_label(piece.strip(" ·•"))
            start = line.start + line.text.find(piece, offset) + skipped
            offset += len(piece)
            result = parse_date(text, order)
            if (
                result is None
                or isinstance(result, DateValue)
                and result.kind in ("month_year", "epoch", "iso_basic")
            ):
                continue
            if line.number not in near:
                role = "other"
            found.append(
                Stated(
                    "a date line before the body", role, "body", start, start + len(text), result
                )
            )
    days = {item.value.date for item in found if item.value and item.value.date}
    if len(days) > 2:
        # A head zone full of dates is a list of other stories: none of them speaks for this one.
        found = [replace(item, role="other") for item in found]
    return found


def _dateline_dates(article: Article, order: bool | None) -> list[Stated]:
    dateline = find_dateline(article).dateline
    if dateline is None:
        return []
    found = []
    if dateline.prefix:
        stamp = timestamp_in_prefix(dateline.prefix)
        if stamp is not None:
            offset, text = stamp
            start = dateline.prefix_start + offset
            found.append(
                Stated(
                    "the timestamp before the dateline",
                    "published",
                    "body",
                    start,
                    start + len(text),
                    parse_date(text, order),
                )
            )
    if dateline.date_text and dateline.date_start is not None:
        found.append(
            Stated(
                "the dateline",
                "dateline",
                "body",
                dateline.date_start,
                dateline.date_start + len(dateline.date_text),
                parse_date(dateline.date_text, order),
            )
        )
    return found


def _url_dates(article: Article) -> list[Stated]:
    url = article.url or ""
    match = _URL_DATE.search(url) if "/" in url else None
    if match is None:
        return []
    year, month, day = (int(match.group(name)) for name in ("year", "month", "day"))
    if not 1990 <= year <= 2100 or not 1 <= month <= 12 or not 1 <= day <= 31:
        return []  # numbers in a path that are no date
    text = f"{year:04d}-{month:02d}-{day:02d}"
    return [Stated("the URL", "published", "url", match.start() + 1, match.end(), parse_date(text))]


def stated_dates(article: Article, options: DateOptions) -> list[Stated]:
    key = (
        options.day_first,
        tuple(sorted(options.day_first_domains.items())),
        tuple(options.extra_date_fields),
    )
    # shared by the DT rules that run on the article in turn
    return article.memo(("dates.stated", key), _stated_dates, article, options)


def _stated_dates(article: Article, options: DateOptions) -> list[Stated]:
    order = _day_first(article, options)
    dates = [
        *_metadata_dates(article, order, options),
        *_head_dates(article, order),
        *_dateline_dates(article, order),
        *_url_dates(article),
    ]
    return _resolve_order(dates, _day_first_language(article.language))


def _resolve_order(dates: list[Stated], language_day_first: bool = False) -> list[Stated]:
    """Settle undetermined numeric dates from the article's other dates.

    A numeric date of the same separator whose order is known (``23/07/2007``) settles the
    others; so does a full date from another source (ISO metadata, URL) that equals exactly one
    of the two readings, and a date settled that way settles the others of its separator in
    turn ("Publié le 12/03/2021" agrees with the ISO date 2021-03-12: "Mis à jour le
    01/04/2021" is day first too). Only then, and only for what is still open, the article's
    language: a ``fr`` record's ``05/06/2021`` is 5 June, unless its own dates say otherwise.
    """
    resolved, settled = _resolve_once(dates, set())
    if settled:
        resolved, _ = _resolve_once(resolved, settled)
    if language_day_first:
        resolved = [_read_day_first(item) for item in resolved]
    return resolved


def _read_day_first(item: Stated) -> Stated:
    value = item.value
    if value is None or not value.ambiguous or value.alternative is None or not value.readings:
        return item
    return _settled(item, value.readings[0], True)  # the day-first reading comes first


def _settled(item: Stated, chosen: dt.date, day_first: bool) -> Stated:
    """The item with its ambiguous date read as ``chosen``."""
    value = item.value
    assert value is not None
    settled = replace(
        value, month=chosen.month, day=chosen.day, alternative=None, day_first=day_first
    )
    return replace(item, result=settled)


def _resolve_once(
    dates: list[Stated], settled_orders: set[tuple[str, bool]]
) -> tuple[list[Stated], set[tuple[str, bool]]]:
    """One pass of _resolve_order; also the (separator, day first) of the dates a reference
    settled, for a second pass."""
    known_orders = settled_orders | {
        (item.value.separator, item.value.day_first)
        for item in dates
        if item.value
        and item.value.separator
        and item.value.day_first is not None
        and item.value.alternative is None
        and len(item.value.readings) == 1
    }
    newly_settled: set[tuple[str, bool]] = set()
    references = [
        (item.value.date, item.role)
        for item in dates
        if item.value and item.value.date and item.value.kind != "numeric"
    ]
    resolved = []
    for item in dates:
        value = item.value
        if value is None or not value.ambiguous or value.alternative is None:
            resolved.append(item)
            continue
        first = dt.date(value.year or 2000, value.month, value.day or 1)
        orders = {order for separator, order in known_orders if separator == value.separator}
        if len(orders) == 1:
            day_first = orders.pop()
            readings = value.readings
            chosen = readings[0] if day_first else readings[-1]
        else:
            near_first = any(abs((ref - first).days) <= 1 for ref, _ in references if ref)
            near_second = any(
                abs((ref - value.alternative).days) <= 1 for ref, _ in references if ref
            )
            if near_first == near_second:
                resolved.append(item)
                continue
            chosen = first if near_first else value.alternative
            day_first = chosen == value.readings[0]
            # Only a date the article states to the day settles its siblings: a crawl date a
            # day off may meet either reading by chance.
            if value.separator and any(
                ref == chosen and role != "crawled" for ref, role in references
            ):
                newly_settled.add((value.separator, day_first))
        resolved.append(_settled(item, chosen, day_first))
    return resolved, newly_settled


def _finding(item: Stated, message: str) -> Finding:
    return Finding(message=message, field=item.field, start=item.start, end=item.end)


def _where(item: Stated) -> str:
    return item.source if item.field == "body" or not item.metadata else f"field {item.source!r}"


# --------------------------------------------------------------------------------------------
# DT001 impossible-date

#: white space as the regex module reads ``\s`` (the White_Space property); the stdlib's ``\s``
#: also takes the separators \x1c-\x1f
_SPACE = r"[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


@cache
def _full_date_in_text() -> re.Pattern[str]:
    r"""A full date written in text: month name, day and year, in any order the languages of
    the month table write them, with an optional weekday in front.

    Compiled on first use with the stdlib engine and its month and weekday names as tries:
    the flat case-insensitive alternations in ``regex`` took ~30 µs per line read (the trap
    the performance notes measure), a fifth of DT001's time. The stdlib has no
    timeout, and needs none here: it reads one line of at most _WHOLE_LINE characters or
    windows of a few tokens, and no repeat nests another. ``(?<![^\W_])`` is the regex
    module's ``(?<![\p{L}\p{N}])`` (a test compares them over every code point).
    """
    months = patterns.literal_trie(sorted(MONTHS))
    weekdays = patterns.literal_trie(sorted(WEEKDAYS))
    space = _SPACE
    return compile_re(
        rf"(?<![^\W_])(?:(?:{weekdays})\.?,?{space}+)?"
        rf"(?:(?:{months})\.?{space}+\d{{1,2}}(?:st|nd|rd|th)?,?{space}+\d{{4}}"
        rf"|\d{{1,2}}(?:st|nd|rd|th|\.)?{space}+(?:de{space}+)?(?:{months})\.?,?{space}+"
        rf"(?:de{space}+)?\d{{4}})"
        r"(?![^\W_])",
        re.IGNORECASE,
    )


# Every full date _full_date_in_text() can match has a month name followed (after an optional
# "." or ",", white space and an optional "de") by a digit: "July 23, 2007", "23 de julho de
# 2007". One scan of the body with a linear stdlib pattern finds the few lines the strict pattern
# has to read. The scan runs over the reversed body so that the pattern starts with a character
# class, which the stdlib engine finds fast; the month names are only tried after it and white
# space. It never crosses a line end (lines hold no "\n"). The class is 0-9 and every character
# outside the blocks that hold no other digit (Latin, Greek, Cyrillic, general punctuation,
# currency signs; tests check this against the regex module's \d), so dates written in any
# digits are found.
#: characters outside the blocks without digits other than 0-9
_OTHER_SCRIPT = r"[^\x00-\u024f\u0370-\u04ff\u2000-\u206f\u20a0-\u20cf]"
_DIGIT_BEFORE_MONTH_REVERSED = compile_re(
    r"[^\x00-/:-\u024f\u0370-\u04ff\u2000-\u206f\u20a0-\u20cf]"
    rf"(?i:(?:[^\S\n]+ed)?[^\S\n]+,?\.?{patterns.literal_trie([name[::-1] for name in MONTHS])})"
)
_OTHER_SCRIPT_CHAR = compile_re(_OTHER_SCRIPT)
_ASCII_DIGIT = compile_re(r"[0-9]")
_ASCII_YEAR = compile_re(r"[0-9]{4}")


def text_dates(article: Article) -> tuple[Stated, ...]:
    """Full dates written in the body (month name, day and year), for DT001 and DT007."""
    return article.memo("dates.text", lambda: tuple(_text_dates(article)))


def _text_dates(article: Article) -> Iterator[Stated]:
    lines = _date_lines(article)
    if not lines:
        return
    full_dates = _full_date_in_text()
    for line, hits in lines:
        text = line.text
        # A year is four digits in a row; on a line without characters of other scripts the
        # only digits are 0-9, and without four of them it holds no date (the strict pattern
        # would find none): the per-character test is left for the other lines.
        if _ASCII_YEAR.search(text) is None and (
            _OTHER_SCRIPT_CHAR.search(text) is None or not _has_year(text)
        ):
            continue
        for offset, piece in _pieces(text, hits):
            for match in full_dates.finditer(piece):
                found, begin = date_in_line(match.group(0), text, offset + match.start())
                result = parse_date(found)
                if result is None:
                    continue
                start = line.start + begin
                yield Stated("the text", "other", "body", start, start + len(found), result)


#: the weekday a full date in the text may open with, and what follows it
_LEADING_WEEKDAY = compile_re(
    rf"({patterns.literal_trie(sorted(WEEKDAYS))})\.?,?{_SPACE}+", re.IGNORECASE
)
#: the first word of a date's rest in lower case ("10 de marzo", "10 mars"): a language that
#: writes its weekday names in lower case too
_LOWER_CASE_WORD = compile_re(r"(?<!\w)[^\W\d_]+")


def date_in_line(found: str, text: str, start: int) -> tuple[str, int]:
    """A full date the pattern found at ``start`` of a line, and where it starts, without the
    weekday name in front when that is no weekday (see _not_a_weekday)."""
    weekday = _LEADING_WEEKDAY.match(found)
    if weekday is not None and _not_a_weekday(weekday, text, start):
        return found[weekday.end() :], start + weekday.end()
    return found, start


def _not_a_weekday(weekday: re.Match[str], text: str, start: int) -> bool:
    """Whether the weekday name that opens a date in the text is something else: a capitalised
    one inside a sentence in a language that writes weekdays in lower case is part of a name
    ("Santo Domingo, 10 de marzo de 2025": the city), and a short lower-case one where English
    would capitalise it or cut it short with a full stop is a word ("who wed June 20, 1970")."""
    word = weekday.group(1)
    rest = _LOWER_CASE_WORD.search(weekday.string, weekday.end())
    lower_case_rest = rest is not None and rest.group(0).islower()
    if word[:1].isupper():
        # a word and a space right before it: the date does not open its sentence
        word_before = start >= 2 and text[start - 1] == " " and text[start - 2].isalnum()
        return lower_case_rest and word_before
    cut_short = weekday.string[weekday.end(1) : weekday.end(1) + 1] == "."
    return len(word) <= 3 and not cut_short and not lower_case_rest


def _date_lines(article: Article) -> list[tuple[Line, list[int]]]:
    """The lines that may hold a full date, in order, with the offsets in the line where a
    month name is followed by a possible digit. A superset: the strict pattern decides."""
    body = article.body
    lines = article.structure.lines
    size = len(body)
    # The end of a reversed hit is where its month name starts in the body: a letter, so
    # inside a line (lines are the body's text between line ends, stripped of white space).
    positions = sorted(
        {size - hit.end() for hit in _DIGIT_BEFORE_MONTH_REVERSED.finditer(body[::-1])}
    )
    if not positions:
        return []
    starts = [line.start for line in lines]
    found: list[tuple[Line, list[int]]] = []
    for position in positions:
        index = bisect_right(starts, position) - 1
        if index < 0:
            continue
        line = lines[index]
        if not found or found[-1][0] is not line:
            found.append((line, []))
        found[-1][1].append(position - line.start)
    return found


#: lines up to this long are read whole; longer ones (page dumps) only around their hits
_WHOLE_LINE = 160
#: whitespace-separated tokens read before and after a hit's month name. A full date spans at
#: most 3 tokens before its month (weekday, day, "de") and 2 after (day or "de", year); the scan
#: above reports one of several overlapping hits, whose month may be 2 tokens from the date's
#: own, so 2 more are read on each side.
_TOKENS_BEFORE = 6
_TOKENS_AFTER = 5
_TOKENS_AHEAD = compile_re(rf"\S*(?:\s+\S+){{0,{_TOKENS_AFTER}}}")
_TOKENS_BACK = compile_re(rf"\S*(?:\s+\S+){{0,{_TOKENS_BEFORE}}}")


def _pieces(text: str, hits: list[int]) -> list[tuple[int, str]]:
    """Parts of a line that hold every full date in it: (offset, text), in order.

    Each part starts and ends at white space or the line's ends, so the pattern's look-arounds
    (no letter or digit around a date) see the same there as in the whole line, and parts that
    overlap are merged, so finding dates part by part finds what one pass over the line finds.
    """
    if not hits or len(text) <= _WHOLE_LINE:
        return [(0, text)]
    size = len(text)
    reversed_text = text[::-1]
    pieces: list[list[int]] = []
    for hit in hits:
        # Back over the rest of the hit's token and _TOKENS_BEFORE more (on the reversed line),
        # and ahead over the rest of it and _TOKENS_AFTER more.
        back = _TOKENS_BACK.match(reversed_text, size - hit)
        ahead = _TOKENS_AHEAD.match(text, hit)
        begin = size - back.end() if back is not None else 0
        end = ahead.end() if ahead is not None else size
        if pieces and begin <= pieces[-1][1]:
            pieces[-1][1] = max(pieces[-1][1], end)
        else:
            pieces.append([begin, end])
    return [(begin, text[begin:end]) for begin, end in pieces]


def _has_digit(text: str) -> bool:
    """Whether any character is a digit (``str.isdigit``)."""
    if text.isascii():
        return _ASCII_DIGIT.search(text) is not None
    return any(char.isdigit() for char in text)


def _has_year(text: str) -> bool:
    """Whether four characters in a row are digits (``str.isdigit``)."""
    if _ASCII_YEAR.search(text) is not None:
        return True
    if text.isascii():
        return False
    digits = 0
    for char in text:
        digits = digits + 1 if char.isdigit() else 0
        if digits == 4:
            return True
    return False


@rule(
    code="DT001",
    name="impossible-date",
    summary="A date that is not on the calendar (Feb 30, month 13, 25:00)",
    severity="error",
    options=DateOptions,
)
def impossible_date(article: Article, options: DateOptions) -> Iterator[Finding]:
    """## What it does
    Flags a date that does not exist: 30 February, 31 April, month 13, hour 25. It checks the
    metadata date fields, date lines before the body, the page timestamp and ``Month Day`` of
    the dateline, the URL's ``/YYYY/MM/DD/`` and full dates written in the text (month name, day
    and year, such as ``April 31, 2019``).

    ## Why is this bad?
    An impossible date is a corrupted value: a swapped day and month, a template bug, a typo.
    Lenient date parsers hide it by "repairing" it (``2007-02-30`` became ``2007-02-01`` in one
    widely used library), so downstream data ends up with a wrong date nobody notices.

    ## Example
    ```json
    {"published": "2019-02-30T10:00:00Z", "text": "..."}
    ```

    Use instead: the date the page really gives (``2019-02-20``?), taken from the source page.

    ## How to fix or suppress
    Re-extract or correct the date. Suppress with ``--ignore DT001``, ``ignore = ["DT001"]`` in
    ``[tool.artlint]`` or ``per-file-ignores``.
    """
    for item in [*stated_dates(article, options), *text_dates(article)]:
        if isinstance(item.result, DateProblem):
            yield _finding(
                item,
                f"impossible date {item.result.text!r} in {_where(item)}: {item.result.reason}",
            )


# --------------------------------------------------------------------------------------------
# DT002 ambiguous-date


@rule(
    code="DT002",
    name="ambiguous-date",
    summary="Numeric date whose day/month order nothing in the article settles",
    severity="info",
    options=DateOptions,
)
def ambiguous_date(article: Article, options: DateOptions) -> Iterator[Finding]:
    """## What it does
    Reports a numeric date such as ``05/06/2007`` where both numbers could be the month and
    nothing tells which one is: no ``day-first`` option for the source, no other date of the
    article with the same separator whose order is clear (``23/07/2007`` is day-first, and so
    is one that another date settled), no other date (URL, ISO metadata, dateline) equal to
    just one of the two readings, and last, no record ``language`` that writes numeric dates
    day first (most do; not English, US Spanish, Filipino or the year-first languages). Dates
    with dots (``05.06.2007``) are always day-first, and dates followed by a time zone of the
    United States or Canada (``10/04/16 05:29 PM EDT``) month-first.

    ## Why is this bad?
    ``05/06/2007`` is 5 June in most of the world and May 6 in the US. Parsers pick one order
    silently (and different parsers pick different ones), so the stored date may be a month off.

    ## Example
    ```json
    {"published": "05/06/2007", "text": "..."}
    ```

    Use instead: ``"2007-06-05"`` (ISO 8601), or tell artlint the source's convention.

    ## How to fix or suppress
    Store ISO 8601 dates. Declare the order: ``day-first = true`` or
    ``day-first-domains = {"example.co.uk" = true}`` under ``[tool.artlint.rules.DT002]``.
    Suppress with ``--ignore DT002``, ``ignore = ["DT002"]`` or ``per-file-ignores``.
    """
    for item in stated_dates(article, options):
        value = item.value
        if value is not None and value.ambiguous and value.alternative is not None:
            if _NORTH_AMERICAN_ZONE.search(value.text):
                continue  # "10/04/16 05:29 PM EDT": printed where dates are month first
            first = value.readings[0] if value.readings else None
            # the two readings when both are known ("?" was printed for a lone one)
            shown = f": {describe(first)} or {describe(value.alternative)};" if first else ":"
            yield _finding(
                item,
                f"ambiguous date {value.text!r} in {_where(item)}{shown} "
                "nothing in the article tells day/month order",
            )


#: the time zones of the United States and Canada, whose dates are written month first
_NORTH_AMERICAN_ZONE = compile_re(r"\b(?:E|C|M|P|AK|N)[SD]?T\b")


# --------------------------------------------------------------------------------------------
# DT003 future-date / DT008 date-before-floor


@rule_options
class FutureDateOptions(DateOptions):
    """Options of DT003 future-date."""

    #: date-time the article's dates may not be later than when it has no ``crawled`` field
    #: (ISO 8601); by default the time of the run is used
    reference_date: str | None = None
    #: use the time of the run when neither ``crawled`` nor ``reference-date`` is known
    use_run_time: bool = True
    #: hours a date may lie after the reference (time zones, clock skew)
    tolerance_hours: float = dataclasses.field(default=25.0, metadata=_AT_LEAST_ZERO)

    def __post_init__(self) -> None:
        problems = []
        value = self.reference_date
        if value is not None:
            parsed = parse_date(value)
            if not isinstance(parsed, DateValue) or parsed.moment() is None:
                problems.append(
                    OptionError(
                        "reference-date",
                        f"{value!r} is not a date such as 2024-05-01 or 2024-05-01T12:00",
                    )
                )
        problems.extend(_below_zero("tolerance-hours", self.tolerance_hours))
        raise_all(problems)


def _reference(
    article: Article, dates: list[Stated], options: FutureDateOptions
) -> tuple[dt.datetime, str] | None:
    for item in dates:
        moment = item.value.moment() if item.role == "crawled" and item.value else None
        if moment is not None:
            return moment, "the crawl date"
    if options.reference_date:
        value = parse_date(options.reference_date)
        moment = value.moment() if isinstance(value, DateValue) else None
        if moment is not None:
            return moment, "the reference date"
    if options.use_run_time:
        return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), "now"
    return None


@rule(
    code="DT003",
    name="future-date",
    summary="Date later than the crawl date (or the reference date) plus a tolerance",
    severity="error",
    options=FutureDateOptions,
)
def future_date(article: Article, options: FutureDateOptions) -> Iterator[Finding]:
    """## What it does
    Flags a publication, modification or dateline date later than the moment the article was
    crawled (its ``crawled`` field), or later than ``reference-date`` / the time of the run when
    there is no crawl date, by more than ``tolerance-hours`` (25 hours: time zones and clock
    skew). Dates in the article's text are not checked: stories do mention future events.

    ## Why is this bad?
    An article cannot be published after it was downloaded. Such a date is a wrong year, a
    swapped day and month, or a placeholder from a template ("2099-12-31").

    ## Example
    ```json
    {"published": "2019-12-19", "crawled": "2019-11-20T08:00:00Z", "text": "..."}
    ```

    Use instead: the real publication date (here probably ``2019-11-19``).

    ## How to fix or suppress
    Correct the date from the source page. For archives crawled long ago set
    ``reference-date`` under ``[tool.artlint.rules.DT003]``. Suppress with ``--ignore DT003``,
    ``ignore = ["DT003"]`` or ``per-file-ignores``.
    """
    dates = stated_dates(article, options)
    reference = _reference(article, dates, options)
    if reference is None:
        return
    limit, name = reference
    limit += dt.timedelta(hours=options.tolerance_hours)
    for item in dates:
        moment = item.value.moment() if item.value and item.role != "crawled" else None
        if moment is not None and moment > limit and not _placeholder(item.value):
            yield _finding(
                item,
                f"date {item.value.text!r} in {_where(item)} is after "  # type: ignore[union-attr]
                f"{name} ({limit - dt.timedelta(hours=options.tolerance_hours):%Y-%m-%d %H:%M})",
            )


@rule_options
class FloorOptions(DateOptions):
    """Options of DT008 date-before-floor."""

    #: earliest plausible date of an article (ISO 8601)
    floor: str = "1900-01-01"

    def __post_init__(self) -> None:
        parsed = parse_date(self.floor)
        if not isinstance(parsed, DateValue) or parsed.date is None:
            raise OptionError("floor", f"{self.floor!r} is not a date such as 1995-01-01")


@rule(
    code="DT008",
    name="date-before-floor",
    summary="Article date earlier than the plausible floor (default 1900-01-01)",
    severity="warning",
    options=FloorOptions,
)
def date_before_floor(article: Article, options: FloorOptions) -> Iterator[Finding]:
    """## What it does
    Flags a metadata, dateline or URL date earlier than ``floor`` (default 1900-01-01).
    Placeholders such as 0001-01-01 are DT004's.

    ## Why is this bad?
    A web article dated 1066 or 0019 is a broken value: a year read as two digits, a lost
    century, a default of some library.

    ## Example
    ```json
    {"published": "0019-11-19", "text": "..."}
    ```

    Use instead: ``2019-11-19``.

    ## How to fix or suppress
    Correct the date. For web-only collections raise the floor (``floor = "1995-01-01"`` under
    ``[tool.artlint.rules.DT008]``); for archives lower it. Suppress with ``--ignore DT008`` or
    ``per-file-ignores``.
    """
    floor_value = parse_date(options.floor)
    if not isinstance(floor_value, DateValue) or floor_value.date is None:
        return
    for item in stated_dates(article, options):
        day = item.value.date if item.value else None
        if day is not None and day < floor_value.date and not _placeholder(item.value):
            yield _finding(
                item,
                f"date {item.value.text!r} in {_where(item)} is before "  # type: ignore[union-attr]
                f"{floor_value.date.isoformat()}",
            )


# --------------------------------------------------------------------------------------------
# DT004 placeholder-date

_PLACEHOLDERS = {
    dt.date(1970, 1, 1): "the Unix epoch",
    dt.date(1900, 1, 1): "a parser's default date",
    dt.date(1, 1, 1): "the smallest date",
    dt.date(9999, 12, 31): "the largest date",
}


def _placeholder(value: DateValue | None) -> str | None:
    day = value.date if value else None
    if day is None or value is None:
        return None
    if day == dt.date(1970, 1, 1) and value.hour not in (None, 0):
        return None  # a real moment on 1 Jan 1970 has a time; the epoch is midnight
    return _PLACEHOLDERS.get(day)


@rule(
    code="DT004",
    name="placeholder-date",
    summary="Placeholder date: 1970-01-01, 1900-01-01, 0001-01-01, 9999-12-31, crawl-time copy",
    severity="error",
    options=DateOptions,
)
def placeholder_date(article: Article, options: DateOptions) -> Iterator[Finding]:
    """## What it does
    Flags dates that are defaults rather than dates: the Unix epoch (1970-01-01 at midnight),
    1900-01-01 (what parsers return when only a time was read), 0001-01-01 and 9999-12-31
    (minimum and maximum values), and a ``published`` date equal to the ``crawled`` date to the
    second (a scraper that filled the publication date with the download time).

    ## Why is this bad?
    A placeholder means the real date is unknown, but it looks like a value: sorting, filtering
    and deduplicating by date silently go wrong.

    ## Example
    ```json
    {"published": "1970-01-01T00:00:00Z", "text": "..."}
    ```

    Use instead: leave the field empty (``null``) when the date is unknown.

    ## How to fix or suppress
    Re-extract the date or null it. Suppress with ``--ignore DT004``, ``ignore = ["DT004"]`` or
    ``per-file-ignores``.
    """
    dates = stated_dates(article, options)
    for item in dates:
        what = _placeholder(item.value)
        if what is not None:
            yield _finding(
                item,
                f"date {item.value.text!r} in {_where(item)} is "  # type: ignore[union-attr]
                f"{what}, a placeholder, not a date",
            )
    published = article.published or ""
    crawled = article.crawled or ""
    if published and published.strip() == crawled.strip() and ":" in published:
        stated = parse_date(published)
        if isinstance(stated, DateValue) and stated.hour is not None and published.count(":") >= 2:
            yield Finding(
                message=f"published {published!r} is the crawl time to the second; "
                "the scraper probably filled it in",
                field="published",
                start=0,
                end=len(published),
            )


# --------------------------------------------------------------------------------------------
# DT005 nonstandard-date-format (opt-in)


@rule(
    code="DT005",
    name="nonstandard-date-format",
    summary="Metadata date not in ISO 8601 / RFC 3339 form (opt-in)",
    severity="info",
    options=DateOptions,
    default_enabled=False,
)
def nonstandard_date_format(article: Article, options: DateOptions) -> Iterator[Finding]:
    """## What it does
    Reports a metadata date field that is a valid date but not written as ISO 8601 / RFC 3339
    (``2007-07-23`` or ``2007-07-23T15:14:00+04:00``), or that has a time without an offset.
    Off by default: ``July 23, 2007`` is a perfectly good date; enable this rule to normalise a
    dataset.

    ## Why is this bad?
    Mixed formats in one dataset make every consumer parse dates again, with the risks DT001 and
    DT002 describe; times without offsets cannot be compared across sources.

    ## Example
    ```json
    {"published": "Mon, 23 Jul 2007 15:14:00 +0400"}
    ```

    Use instead: ``"2007-07-23T15:14:00+04:00"``.

    ## How to fix or suppress
    Normalise the dates when writing the records. Enable with ``extend-select = ["DT005"]``;
    suppress with ``--ignore DT005`` or ``per-file-ignores``.
    """
    for item in stated_dates(article, options):
        if (
            item.metadata
            and item.value is not None
            and item.value.complete
            and not is_iso(item.value)
        ):
            yield _finding(
                item, f"date {item.value.text!r} in {_where(item)} is not ISO 8601 with an offset"
            )


# --------------------------------------------------------------------------------------------
# DT006 date-sources-disagree


@rule_options
class DisagreeOptions(DateOptions):
    """Options of DT006 date-sources-disagree."""

    #: days two dates of the same article may differ (time zones, late-night filing)
    tolerance_days: int = dataclasses.field(default=1, metadata=_AT_LEAST_ZERO)

    def __post_init__(self) -> None:
        raise_all(_below_zero("tolerance-days", self.tolerance_days))


def _below_zero(key: str, value: float) -> list[OptionError]:
    if value >= 0:  # written so that NaN fails
        return []
    return [OptionError(key, "Input should be greater than or equal to 0", exact=True)]


def _infer_year(value: DateValue, reference: dt.date) -> dt.date | None:
    """The dateline's ``Month Day`` in the year that puts it nearest to ``reference``."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(dt.date(year, value.month, value.day or 0))
        except ValueError:
            continue
    if not candidates:
        return None
    return min(candidates, key=lambda day: abs((day - reference).days))


@rule(
    code="DT006",
    name="date-sources-disagree",
    summary="Publication dates from metadata, timestamp, dateline or URL differ by more than a day",
    severity="warning",
    options=DisagreeOptions,
)
def date_sources_disagree(article: Article, options: DisagreeOptions) -> Iterator[Finding]:
    """## What it does
    Compares the article's statements of its publication date: the ``published`` field, a page
    timestamp before the dateline, a date line before the body, the URL's ``/YYYY/MM/DD/`` and
    the dateline's ``Month Day``. The first of them that is complete is the reference; every
    other one that differs from it by more than ``tolerance-days`` (1: time zones) is flagged.
    The dateline has no year: it is taken from the reference date (never from today).
    Modified/updated dates and the crawl date are not publication dates and are not compared,
    nor is a date above the headline: the masthead's date of the day the page was shown.

    ## Why is this bad?
    Two dates of one article that disagree mean one of them is wrong: a stale template value, a
    date taken from another story on the page, a swapped day and month, a wrong year.

    ## Example
    ```text
    23/08/2007 15:14 TEHRAN, July 23 (RIA Novosti) - Iran's ambassador ...
    ```

    The timestamp says 23 August, the dateline 23 July.

    ## How to fix or suppress
    Find which date is right on the source page and fix the other. Widen the tolerance with
    ``tolerance-days`` under ``[tool.artlint.rules.DT006]``. Suppress with ``--ignore DT006``,
    ``ignore = ["DT006"]`` or ``per-file-ignores``.
    """
    dates = [
        item
        for item in stated_dates(article, options)
        if item.role in ("published", "dateline") and item.value is not None
    ]
    reference = next((item for item in dates if item.value and item.value.date), None)
    if reference is None or reference.value is None or reference.value.date is None:
        return
    anchor = reference.value.date
    for item in dates:
        value = item.value
        if item is reference or value is None:
            continue
        if item.role == "dateline" and value.day is not None and value.year is None:
            day = _infer_year(value, anchor)
        else:
            day = value.date
        if day is None:
            continue
        gap = abs((day - anchor).days)
        if gap > options.tolerance_days:
            yield _finding(
                item,
                f"{_where(item)} says {value.text!r} ({day:%Y-%m-%d}) but "
                f"{_where(reference)} says {reference.value.text!r} "
                f"({anchor:%Y-%m-%d}): {gap} days apart",
            )


# --------------------------------------------------------------------------------------------
# DT007 weekday-mismatch


@rule(
    code="DT007",
    name="weekday-mismatch",
    summary="A weekday named next to a date is not that date's weekday",
    severity="warning",
    options=DateOptions,
)
def weekday_mismatch(article: Article, options: DateOptions) -> Iterator[Finding]:
    """## What it does
    Flags a date written with its weekday when the weekday is wrong: ``Monday, July 24, 2007``
    (24 July 2007 was a Tuesday), ``Tue, 23 Jul 2007 15:14:00 GMT`` in a metadata field. Only a
    weekday directly next to a full date (day, month, year) is checked, and a weekday name that
    is something else is not: capitalised inside a sentence of a language that writes weekdays
    in lower case (the city in ``Santo Domingo, 10 de marzo de 2025``), or a short lower-case
    word before an English date (``who wed June 20, 1970``).

    ## Why is this bad?
    One of the two is wrong, and the reader cannot tell which: the date may be off by a day
    (time zone), a week, or a year (a template that kept last year's weekday).

    ## Example
    ```text
    Published Monday, July 24, 2007
    ```

    Use instead: ``Tuesday, July 24, 2007`` (or the right date for Monday).

    ## How to fix or suppress
    Correct the date or the weekday from the source page. Suppress with ``--ignore DT007``,
    ``ignore = ["DT007"]`` or ``per-file-ignores``.
    """
    for item in [*stated_dates(article, options), *text_dates(article)]:
        value = item.value
        if value is None or value.weekday is None or value.date is None:
            continue
        actual = value.date.weekday()
        if actual != value.weekday:
            yield _finding(
                item,
                f"{value.text!r} in {_where(item)}: {value.date:%Y-%m-%d} was "
                f"a {weekday_name(actual)}, not a {weekday_name(value.weekday)}",
            )


# --------------------------------------------------------------------------------------------
# DT009 two-digit-year / DT010 unparseable-date / DT011 modified-before-published


@rule(
    code="DT009",
    name="two-digit-year",
    summary="Metadata date with a two-digit year (century unknown)",
    severity="warning",
    options=DateOptions,
)
def two_digit_year(article: Article, options: DateOptions) -> Iterator[Finding]:
    """## What it does
    Flags a metadata date field whose year has two digits (``23/07/07``, ``23 Jul 07``). Dates
    in the text (``23/07/07 15:14`` page stamps) are left alone: a reader has the context.

    ## Why is this bad?
    The century must be guessed, and parsers guess differently (``07`` -> 2007 or 1907; ``69``
    -> 2069 or 1969). artlint never guesses, so such a date is also not compared with others.

    ## Example
    ```json
    {"published": "23/07/07"}
    ```

    Use instead: ``"2007-07-23"``.

    ## How to fix or suppress
    Store four-digit years. Suppress with ``--ignore DT009``, ``ignore = ["DT009"]`` or
    ``per-file-ignores``.
    """
    for item in stated_dates(article, options):
        if item.metadata and item.value is not None and item.value.two_digit_year:
            yield _finding(
                item,
                f"date {item.value.text!r} in {_where(item)} has a two-digit "
                "year; the century is unknown",
            )


#: a year, and another number before or after it
_YEAR_WITH_NUMBER = compile_re(
    r"\d.*(?<!\d)(?:1[89]|20)\d\d(?!\d)|(?<!\d)(?:1[89]|20)\d\d(?!\d).*\d", re.DOTALL
)
#: a time of day, then a time zone's abbreviation to end the value ("21:03:00 SAST", "2:03 pm
#: WAT")
_TIME_AND_ZONE = compile_re(r"\d:\d\d(?::\d\d)?\s*(?:[AaPp]\.?[Mm]\.?\s*)?[A-Z]{2,5}$")


#: month names of the languages the parser reads, and of others (data/dates/unread-months.txt)
_ANY_MONTH = sorted({*MONTHS, *name_table("unread-months")})
#: a month's full name as a word (not the abbreviations: "ago", "set", "out" and "may" are
#: words too)
_MONTH_WORD = compile_re(
    rf"(?<![^\W\d_])(?:{patterns.literal_trie([m for m in _ANY_MONTH if len(m) >= 4])})"
    r"(?![^\W\d_])"
)


def _looks_dated(text: str) -> bool:
    """A date in a form the parser does not read, rather than no date: a year and another
    number, with a month's name (``Le dimanche 7 avril 2019 à 08:39``), words in another
    script (``30 января 2021, 17:32``, ``2023年11月20日``) or a time zone it does not know
    (``Tue, 07 Nov 2023 21:03:00 SAST``), or an abbreviated month between day and year
    (``27. des. 2025``). Other words in Latin letters ("Updated 3 hours ago, 2024", "2019-2020
    season") make it no date."""
    if _YEAR_WITH_NUMBER.search(text) is None:
        return False
    if _TIME_AND_ZONE.search(text) is not None or _MONTH_WORD.search(text.lower()) is not None:
        return True
    if _DAY_WORD_YEAR.search(text) is not None:
        return True  # "27. des. 2025, 11:19": a month's abbreviation between day and year
    return any(char.isalpha() and char > "\u024f" for char in text)


#: a day, a word of three or four letters (a month's abbreviation, in any language) and a year
_DAY_WORD_YEAR = compile_re(r"(?<!\d)\d{1,2}\.?\s+[^\W\d_]{3,4}\.?,?\s+(?:1[89]|20)\d\d(?!\d)")


@rule(
    code="DT010",
    name="unparseable-date",
    summary="Metadata date field that is no date, or lacks a year",
    severity="warning",
    options=DateOptions,
)
def unparseable_date(article: Article, options: DateOptions) -> Iterator[Finding]:
    """## What it does
    Flags a metadata date field (``published``, ``crawled``, modified/updated/created keys and
    ``extra-date-fields``) whose value is not a date in any format artlint knows (ISO 8601,
    RFC 2822, ``July 23, 2007``, ``23 July 2007``, ``23/07/2007``, ``2007-07-23 15:14``, Unix
    timestamps; month names in en/de/fr/es/pt/it), or is a date without a year (``July 23``).
    A month without a day (``July 2007``) is accepted. A value with a year and other numbers in
    a form artlint does not read (``30 января 2021, 17:32``, ``2023年11月20日``, ``2017. január
    19.``, a time zone such as ``SAST``) is a date it cannot check, and is left alone.

    ## Why is this bad?
    Relative dates (``2 hours ago``), bare times, prose and yearless dates cannot be turned into
    a date without guessing, and a lenient parser fills the gaps from today's date: the article
    ends up dated to the day it was processed.

    ## Example
    ```json
    {"published": "2 hours ago"}
    ```

    Use instead: the absolute date from the page (``<time datetime="...">``, JSON-LD).

    ## How to fix or suppress
    Extract the machine-readable date of the page. Suppress with ``--ignore DT010``,
    ``ignore = ["DT010"]`` or ``per-file-ignores``.
    """
    for item in stated_dates(article, options):
        if not item.metadata:
            continue
        text = article.text_of(item.field).strip()
        if item.result is None:
            if _looks_dated(text):
                continue  # a date in a form artlint does not read: unknown is not wrong
            yield _finding(item, f"{_where(item)} is not a date in a known format: {text[:40]!r}")
        elif item.value is not None and item.value.year is None:
            yield _finding(item, f"{_where(item)} {text[:40]!r} has no year")


@rule(
    code="DT011",
    name="modified-before-published",
    summary="Modified/updated date earlier than the publication date",
    severity="warning",
    options=DisagreeOptions,
)
def modified_before_published(article: Article, options: DisagreeOptions) -> Iterator[Finding]:
    """## What it does
    Flags a modified/updated date (metadata field or an ``Updated ...`` line before the body)
    that lies more than ``tolerance-days`` before the publication date.

    ## Why is this bad?
    An article cannot be updated before it appeared: one of the two dates belongs to something
    else (another story, a template) or is wrong.

    ## Example
    ```json
    {"published": "2019-11-19", "dateModified": "2018-11-19"}
    ```

    ## How to fix or suppress
    Correct the dates from the source page. Suppress with ``--ignore DT011``,
    ``ignore = ["DT011"]`` or ``per-file-ignores``.
    """
    dates = stated_dates(article, options)
    published = next(
        (item for item in dates if item.role == "published" and item.value and item.value.date),
        None,
    )
    if published is None or published.value is None or published.value.date is None:
        return
    for item in dates:
        day = item.value.date if item.role == "modified" and item.value else None
        if day is not None and (published.value.date - day).days > options.tolerance_days:
            yield _finding(
                item,
                f"modified date {item.value.text!r} in {_where(item)} is "  # type: ignore[union-attr]
                f"before the publication date {published.value.text!r}",
            )


@hookimpl
def artlint_rules() -> list[Rule]:
    return [
        impossible_date,
        ambiguous_date,
        future_date,
        placeholder_date,
        nonstandard_date_format,
        date_sources_disagree,
        weekday_mismatch,
        date_before_floor,
        two_digit_year,
        unparseable_date,
        modified_before_published,
    ]
