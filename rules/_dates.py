"""Strict date parsing for the DT and DL rules, on the standard library only.

Lenient parsers repair what they should report: they fill a missing year or day from today, turn
``2007-02-30`` into ``2007-02-01`` and read ``05/06/2007`` in one fixed order. This parser accepts
the formats a careful human accepts (ISO 8601 with or without time and offset, RFC 2822,
``July 23, 2007``, ``23 July 2007``, ``23. Juli 2007``, ``23 de julho de 2007``, ``23/07/2007``,
``2007-07-23 15:14``; month and weekday names in en/de/fr/es/pt/it) and nothing else. It never
invents a part: a date without a year stays without one, and a numeric date whose day/month order
cannot be told is returned with both readings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, cast

from artlint.pattern_cache import compile_re
from artlint.patterns import longest_first
from artlint_rules._data import data_folder

#: longest string the parser looks at; date strings are short, anything longer is not one
MAX_DATE_LENGTH = 80


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``data/dates/<name>.txt``."""
    resource = data_folder().joinpath("dates").joinpath(f"{name}.txt")
    lines = []
    for raw in resource.read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if stripped and not stripped.startswith("#"):
            lines.append(stripped)
    return tuple(lines)


def name_table(name: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for line in data_lines(name):
        _language, number, *names = line.split()
        for item in names:
            table[item.lower()] = int(number)
    return table


MONTHS = name_table("months")
WEEKDAYS = name_table("weekdays")


def _alternation(names: dict[str, int]) -> str:
    return "|".join(patterns_escape(name) for name in sorted(names, key=longest_first))


def patterns_escape(text: str) -> str:
    return "".join("\\" + char if not char.isalnum() else char for char in text)


MONTH_NAMES = _alternation(MONTHS)
WEEKDAY_NAMES = _alternation(WEEKDAYS)

# Time zones spelled as letters; any other word after a time is not part of the date.
_ZONE_NAMES = (
    "UTC|GMT|Z|ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AKST|AKDT|HST|BST|IST|CET|CEST|MEZ|"
    "MESZ|EET|EEST|WET|WEST|MSK|JST|KST|HKT|SGT|AEST|AEDT|ACST|AWST|NZST|NZDT|WIB|ICT|PHT"
)
_ZONE = (
    rf"(?:\s*(?P<zone>Z|[+-]\d{{2}}(?::?\d{{2}})?|(?:{_ZONE_NAMES})(?:[+-]\d{{1,2}}(?::?\d{{2}})?)?)"
    r"(?![\w]))?"
)
_TIME_CORE = (
    r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d{1,9})?)?"
    r"|h(?P<minute_h>\d{2}))?"
    r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?"
)
# A time after the date: "T15:14", " 15:14", ", 3:45 p.m.", " at 15:14", " um 15.14 Uhr".
_TIME = (
    r"(?:(?:T|\s*[,|@-]?\s*(?:(?:at|um|à|a las|às|alle|ore|às)\s+)?)"
    + _TIME_CORE
    + r"(?:\s*(?:Uhr|h|hrs|Hrs))?"
    + _ZONE
    + r")?"
)
_WEEKDAY = rf"(?:(?P<weekday>{WEEKDAY_NAMES})\.?,?\s+)?"
_SUFFIX = r"(?:st|nd|rd|th|er|º|°)?"

_FORMS: tuple[tuple[str, str], ...] = (
    # ISO 8601 / RFC 3339, extended and basic (NITF) forms
    ("iso", r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _TIME),
    (
        "iso_basic",
        r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T(?P<hour>\d{2})(?P<minute>\d{2})"
        r"(?P<second>\d{2})?" + _ZONE + r")?",
    ),
    ("ymd", r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})" + _TIME),
    (
        "numeric",
        _WEEKDAY + r"(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second_field>\d{1,2})(?P=sep)"
        r"(?P<year>\d{4}|\d{2})" + _TIME,
    ),
    (
        "month_first",
        _WEEKDAY + rf"(?P<month_name>{MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}}){_SUFFIX}"
        r"(?:,\s*|\s+)(?P<year>\d{4}|'?\d{2}(?!\d))" + _TIME,
    ),
    (
        "day_first",
        _WEEKDAY + rf"(?:(?:le|el|il|den|am|the|o)\s+)?(?P<day>\d{{1,2}}){_SUFFIX}\.?\s*"
        rf"(?:de\s+|of\s+)?(?P<month_name>{MONTH_NAMES})\.?,?\s+(?:de\s+|del\s+)?"
        r"(?P<year>\d{4}|\d{2}(?!\d))" + _TIME,
    ),
    ("month_year", rf"(?P<month_name>{MONTH_NAMES})\.?,?\s+(?:de\s+)?(?P<year>\d{{4}})"),
    ("month_day", _WEEKDAY + rf"(?P<month_name>{MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}}){_SUFFIX}"),
    (
        "day_month",
        _WEEKDAY + rf"(?P<day>\d{{1,2}}){_SUFFIX}\.?\s*(?:de\s+|of\s+)?"
        rf"(?P<month_name>{MONTH_NAMES})\.?",
    ),
)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    """A form, compiled on first use with the standard library's ``re``.

    Unlike the rules' patterns these carry no timeout, and need none: the parser hands them at
    most MAX_DATE_LENGTH characters and no form nests one repeat in another, so a match is
    bounded. ``re`` compiles the forms three times faster than ``regex`` (10 ms against 30 for
    all of them, mostly the month and weekday names), and a run over a few files pays that at
    start-up; with the first-character test below such a run often needs only some forms.
    ``re`` reads digits with the same Unicode tables as ``int()``.
    """
    return compile_re(source, re.IGNORECASE)


def _initials(names: Iterable[str]) -> frozenset[str]:
    """The ASCII characters a name of ``names`` can start with, in either case."""
    firsts = {name[:1] for name in names}
    if not all(first.isascii() for first in firsts):
        # a non-ASCII initial may match an ASCII letter case-insensitively (Kelvin sign, long s)
        return frozenset(chr(code) for code in range(128) if chr(code).isalpha())
    return frozenset(firsts | {first.upper() for first in firsts})


_DIGITS = frozenset("0123456789")
#: the ASCII characters each form can open with: its weekday, month name, article or day
_FORM_INITIALS: dict[str, frozenset[str]] = {
    "iso": _DIGITS,
    "iso_basic": _DIGITS,
    "ymd": _DIGITS,
    "numeric": _DIGITS | _initials(WEEKDAYS),
    "month_first": _initials(WEEKDAYS) | _initials(MONTHS),
    "day_first": (
        _DIGITS | _initials(WEEKDAYS) | _initials(("le", "el", "il", "den", "am", "the", "o"))
    ),
    "month_year": _initials(MONTHS),
    "month_day": _initials(WEEKDAYS) | _initials(MONTHS),
    "day_month": _DIGITS | _initials(WEEKDAYS),
}
#: per ASCII first character, the forms that can match a text starting with it, in their order:
#: a fullmatch call costs microseconds even when it fails at once, and most texts handed to the
#: parser (head lines, prefixes of datelines) are no date. A non-ASCII first character may be a
#: digit or letter of any kind, so it is tried with every form.
_FORMS_BY_INITIAL: dict[str, tuple[tuple[str, str], ...]] = {
    chr(code): tuple(item for item in _FORMS if chr(code) in _FORM_INITIALS[item[0]])
    for code in range(128)
}
_TIME_FIRST = (
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::\d{2})?(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?"
    rf"(?:\s*(?:{_ZONE_NAMES})(?![\w]))?\s*[,|-]?\s*(?:on\s+)?"
)
_EPOCH = compile_re(r"\d{10}(?:\d{3})?(?:\.\d+)?")


@dataclass(frozen=True)
class DateValue:
    """A date as stated. ``year``/``day`` are None when the text does not give them."""

    text: str
    kind: str
    year: int | None
    month: int
    day: int | None
    hour: int | None = None
    minute: int | None = None
    #: minutes east of UTC when the text gives an offset or a zone name we know
    offset: int | None = None
    #: the weekday the text names next to the date (Monday = 0), if any
    weekday: int | None = None
    two_digit_year: bool = False
    #: the other reading of an undetermined numeric D/M date (see :attr:`ambiguous`)
    alternative: dt.date | None = None
    #: separator of a numeric date ("/", ".", "-"), for resolving its order
    separator: str | None = None
    #: for numeric dates: True day-first, False month-first, None undetermined
    day_first: bool | None = None
    readings: tuple[dt.date, ...] = field(default_factory=tuple)

    @property
    def ambiguous(self) -> bool:
        return self.alternative is not None

    @property
    def complete(self) -> bool:
        return self.year is not None and self.day is not None and not self.two_digit_year

    @property
    def date(self) -> dt.date | None:
        """The calendar date, when it is complete and determined."""
        if not self.complete or self.ambiguous or self.year is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def moment(self) -> dt.datetime | None:
        """The date (and time, if stated) in UTC when an offset is known, else naive."""
        day = self.date
        if day is None:
            return None
        moment = dt.datetime(day.year, day.month, day.day, self.hour or 0, self.minute or 0)
        if self.offset is not None:
            moment -= dt.timedelta(minutes=self.offset)
        return moment


@dataclass(frozen=True)
class DateProblem:
    """A string that has the shape of a date but is not a possible one."""

    text: str
    reason: str


ParseResult = DateValue | DateProblem | None

_ZONE_OFFSETS = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "et": None,
    "est": -300,
    "edt": -240,
    "ct": None,
    "cst": -360,
    "cdt": -300,
    "mt": None,
    "mst": -420,
    "mdt": -360,
    "pt": None,
    "pst": -480,
    "pdt": -420,
    "akst": -540,
    "akdt": -480,
    "hst": -600,
    "bst": 60,
    "ist": None,
    "cet": 60,
    "cest": 120,
    "mez": 60,
    "mesz": 120,
    "eet": 120,
    "eest": 180,
    "wet": 0,
    "west": 60,
    "msk": 180,
    "jst": 540,
    "kst": 540,
    "hkt": 480,
    "sgt": 480,
    "aest": 600,
    "aedt": 660,
    "acst": 570,
    "awst": 480,
    "nzst": 720,
    "nzdt": 780,
    "wib": 420,
    "ict": 420,
    "pht": 480,
}


# Results are frozen values and the same strings recur (option values such as DT008's floor are
# parsed for every article, page templates repeat their date lines), so they are kept.
@lru_cache(maxsize=4096)
def parse_date(text: str, day_first: bool | None = None) -> ParseResult:
    """Parse one date string strictly; None when it is not a date in a known format.

    ``day_first`` resolves numeric dates like ``05/06/2007`` (None: leave them undetermined).
    Dots (``05.06.2007``) are always day-first.
    """
    try:
        return _parse_date(text, day_first)
    except ValueError:
        # a guard: what int() or the calendar rejects is no date this parser can judge, and
        # must never crash a rule (the forms read digits with int()'s own Unicode tables)
        return None


def _parse_date(text: str, day_first: bool | None) -> ParseResult:
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > MAX_DATE_LENGTH:
        return None
    if _EPOCH.fullmatch(cleaned):
        return _from_epoch(cleaned)
    result = _parse_forms(cleaned, day_first)
    if result is not None:
        return result
    leading = _compiled(_TIME_FIRST).match(cleaned)
    if leading is not None and leading.end() < len(cleaned):
        # "7:01 p.m. ET Nov. 19, 2019": the time comes first.
        rest = _parse_forms(cleaned[leading.end() :], day_first)
        if isinstance(rest, DateValue):
            if rest.hour is not None:
                return None
            hour = _hour(leading.group("hour"), leading.group("ampm"))
            minute = int(leading.group("minute"))
            if hour is None or minute > 59:
                return DateProblem(cleaned, f"{leading.group(0).strip()} is not a time of day")
            return _replace(rest, text=cleaned, hour=hour, minute=minute)
        return rest
    return None


def _replace(value: DateValue, **changes: object) -> DateValue:
    from dataclasses import replace

    return replace(value, **changes)  # type: ignore[arg-type]


class _NotADate(Exception):
    """The text matched a date form only by reading a stray number as a time."""


def _parse_forms(cleaned: str, day_first: bool | None) -> ParseResult:
    for kind, source in _FORMS_BY_INITIAL.get(cleaned[0], _FORMS):
        match = _compiled(source).fullmatch(cleaned)
        if match is not None:
            try:
                return _build(kind, match, cleaned, day_first)
            except _NotADate:
                return None
    return None


def _from_epoch(text: str) -> ParseResult:
    seconds = float(text)
    if len(text.split(".")[0]) == 13:
        seconds /= 1000
    moment = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=seconds)
    return DateValue(
        text=text,
        kind="epoch",
        year=moment.year,
        month=moment.month,
        day=moment.day,
        hour=moment.hour,
        minute=moment.minute,
        offset=0,
    )


def _hour(raw: str | None, ampm: str | None) -> int | None:
    if raw is None:
        return None
    hour = int(raw)
    if ampm:
        if 12 < hour <= 23:
            return hour  # "15:24pm": a 24-hour time with a redundant marker, read as written
        if not 1 <= hour <= 12:
            return None
        is_pm = ampm.lower().startswith("p")
        return (hour % 12) + (12 if is_pm else 0)
    return hour if hour <= 24 else None


def _zone_offset(zone: str | None) -> int | None:
    if not zone:
        return None
    lowered = zone.lower()
    if lowered in _ZONE_OFFSETS:
        return _ZONE_OFFSETS[lowered]
    sign = 1
    digits = zone
    for name in _ZONE_OFFSETS:
        if lowered.startswith(name) and len(lowered) > len(name):
            base = _ZONE_OFFSETS[name] or 0
            digits = zone[len(name) :]
            break
    else:
        base = 0
    sign = -1 if digits.startswith("-") else 1
    numbers = digits[1:].replace(":", "")
    if not numbers.isdigit():
        return None
    hours = int(numbers[:2]) if len(numbers) >= 3 else int(numbers)
    minutes = int(numbers[2:4]) if len(numbers) >= 3 else 0
    if hours > 14 or minutes > 59:
        return None
    return base + sign * (hours * 60 + minutes)


def _group(match: Any, name: str) -> str | None:
    try:
        return cast("str | None", match.group(name))
    except IndexError:
        return None


#: letters the stdlib engine matches to another one under IGNORECASE, though lower() keeps them
#: apart: "APRİL" lower-cases to "apri̇l" (with a combining dot), "ſeptember" and "Aprıl" match
#: the names "september" and "april"
_CASE_FOLDS = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})


def _lookup(table: dict[str, int], name: str) -> int | None:
    """The number of a month or weekday name the patterns matched, in any case they match."""
    key = name.lower()
    found = table.get(key)
    if found is None and not key.isascii():
        found = table.get(key.translate(_CASE_FOLDS))
    return found


def _build(kind: str, match: object, text: str, day_first: bool | None) -> ParseResult:
    year_text = _group(match, "year")
    two_digit = False
    year: int | None = None
    if year_text is not None:
        year_text = year_text.lstrip("'")
        two_digit = len(year_text) == 2
        year = int(year_text)
    weekday_text = _group(match, "weekday")
    weekday = _lookup(WEEKDAYS, weekday_text) if weekday_text else None
    if kind == "numeric":
        return _numeric(match, text, year, two_digit, weekday, day_first)
    month_name = _group(match, "month_name")
    if month_name:
        found = _lookup(MONTHS, month_name)
        if found is None:
            raise _NotADate  # a name the pattern took for a month under case folding only
        month = found
    else:
        month = int(_group(match, "month") or 0)
    day_text = _group(match, "day")
    day = int(day_text) if day_text is not None else None
    problem = _check_calendar(text, year, month, day, two_digit)
    if problem is not None:
        return problem
    time = _time_parts(match, text)
    if isinstance(time, DateProblem):
        return time
    hour, minute, offset = time
    return DateValue(
        text=text,
        kind=kind,
        year=year,
        month=month,
        day=day,
        hour=hour,
        minute=minute,
        offset=offset,
        weekday=weekday,
        two_digit_year=two_digit,
    )


def _numeric(
    match: object,
    text: str,
    year: int | None,
    two_digit: bool,
    weekday: int | None,
    day_first: bool | None,
) -> ParseResult:
    first = int(_group(match, "first") or 0)
    second = int(_group(match, "second_field") or 0)
    separator = _group(match, "sep") or "/"
    readings = []
    for reading_day_first in (True, False):
        day, month = (first, second) if reading_day_first else (second, first)
        if 1 <= month <= 12 and _check_calendar(text, year, month, day, two_digit) is None:
            readings.append((reading_day_first, dt.date(_full_year(year, two_digit), month, day)))
    if not readings:
        reason = (
            _check_calendar(text, year, second, first, two_digit)
            if first > 12
            else (_check_calendar(text, year, first, second, two_digit) if second > 12 else None)
        )
        return reason or DateProblem(text, "neither day/month nor month/day is a calendar date")
    time = _time_parts(match, text)
    if isinstance(time, DateProblem):
        return time
    hour, minute, offset = time
    order: bool | None
    alternative: dt.date | None = None
    if len(readings) == 1 or first == second:
        order, chosen = readings[0]
    elif separator == "." or day_first is not None:
        order = True if separator == "." else day_first
        chosen = readings[0][1] if order else readings[1][1]
    else:
        order, chosen = None, readings[0][1]
        alternative = readings[1][1]
    return DateValue(
        text=text,
        kind="numeric",
        year=year,
        month=chosen.month,
        day=chosen.day,
        hour=hour,
        minute=minute,
        offset=offset,
        weekday=weekday,
        two_digit_year=two_digit,
        alternative=alternative,
        separator=separator,
        day_first=order,
        readings=tuple(reading for _, reading in readings) if two_digit is False else (),
    )


def _full_year(year: int | None, two_digit: bool) -> int:
    # Only used to validate Feb 29 of a two-digit year: leap years repeat every 4 years in both
    # centuries a two-digit year could mean, so 2000 + year decides it as well as 1900 + year.
    if year is None:
        return 2000
    return 2000 + year if two_digit else year


def _check_calendar(
    text: str, year: int | None, month: int, day: int | None, two_digit: bool = False
) -> DateProblem | None:
    if not 1 <= month <= 12:
        return DateProblem(text, f"month {month} does not exist")
    if year is not None and not two_digit and year < 1:
        return DateProblem(text, "year 0 does not exist")
    if day is None:
        return None
    full_year = _full_year(year, two_digit) if year is not None else 2000  # 2000 allows Feb 29
    last = _days_in_month(full_year, month)
    if not 1 <= day <= last:
        name = _ENGLISH_MONTHS[month - 1]
        where = f"{name} {year}" if year is not None and not two_digit else name
        return DateProblem(text, f"{where} has no day {day} (it has {last} days)")
    return None


def _time_parts(
    match: object, text: str
) -> tuple[int | None, int | None, int | None] | DateProblem:
    hour_text = _group(match, "hour")
    if hour_text is None:
        return (None, None, _zone_offset(_group(match, "zone")))
    minute_text = _group(match, "minute") or _group(match, "minute_h")
    ampm = _group(match, "ampm")
    if minute_text is None and not ampm:
        # A bare number after a date is not a time: "July 23, 2007 15" is no format at all.
        raise _NotADate
    hour = _hour(hour_text, ampm)
    minute = int(minute_text) if minute_text else 0
    second = _group(match, "second")
    if (
        hour is None
        or minute > 59
        or (second is not None and int(second) > 60)
        or (hour == 24 and minute != 0)
    ):
        return DateProblem(text, "the time of day does not exist")
    return (hour, minute, _zone_offset(_group(match, "zone")))


def is_iso(value: DateValue) -> bool:
    """The strict RFC 3339 / ISO 8601 shape (zero-padded, with an offset when a time is given)."""
    text = value.text
    if value.kind != "iso" or len(text) < 10 or text[4] != "-" or text[7] != "-":
        return False
    return value.hour is None or value.offset is not None


#: English names, as messages are English whatever the locale (``calendar`` names follow the
#: locale, and importing it cost 2 ms of every run)
_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_ENGLISH_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """The Gregorian calendar's, for any year (``datetime`` stops at 9999)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def weekday_name(number: int) -> str:
    return _ENGLISH_DAYS[number]


def describe(day: dt.date) -> str:
    return f"{day.isoformat()} ({_ENGLISH_DAYS[day.weekday()]})"
