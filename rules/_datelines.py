"""Finding and reading datelines (``WASHINGTON (AP) —``, ``LONDON, Jan 5 (Reuters) -``).

A dateline is looked for where journalism puts it: at the start of the article's first paragraph,
possibly behind a page timestamp glued in front (``23/07/2007 15:14 TEHRAN, July 23 (RIA
Novosti) - ...``), or as a place alone on the line before the lead (``BAAR, SWITZERLAND``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from artlint import patterns
from artlint.models import Article
from artlint.pattern_cache import compile_re
from artlint.structure import HEAD, Line
from artlint_rules._dates import MONTH_NAMES, data_lines

_CAPS_WORD = r"\p{Lu}[\p{Lu}.'’\-]*"
_TITLE_WORD = r"\p{Lu}\p{Ll}[\p{Ll}.'’\-]*"
_PLACE = (
    rf"(?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}|{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,2}})"
)
_REGION_WORD = r"\p{Lu}[\p{L}.'’\-]*"
_REGION = rf"(?P<region>(?:,\s*{_REGION_WORD}(?:\s+{_REGION_WORD}){{0,2}}){{0,2}}?)"
_MONTH = rf"(?i:{MONTH_NAMES})\.?"
_DATE = rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\.?\s+{_MONTH})(?!\d))?"
_AGENCY_NAME = r"(?P<agency>\p{L}[\p{L}\p{N} &.'’\-/]{0,39})"
# Dashes: em/en dash and horizontal bar hug the text in some house styles ("Calif.—Tesla");
# a hyphen or underscore needs spaces around it so that "COVID-19" is no dateline.
_SEP = r"(?P<sep>\s*(?:—|–|―|--)\s*|\s+[-_]\s+|:\s+)"

# Compiled on first use (DATELINE holds the month names twice: 9 ms at import); the prefilters
# of parse_line and parse_standalone spare many lines, and some runs, each of them.
DATELINE = patterns.compile(
    rf"{_PLACE}{_REGION}{_DATE}(?:\s*\({_AGENCY_NAME}\){_SEP}?|{_SEP})", lazy=True
)
AGENCY_ONLY = patterns.compile(rf"\({_AGENCY_NAME}\){_SEP}?", lazy=True)
STANDALONE = patterns.compile(
    rf"(?P<place>{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}})"
    rf"(?:,\s*{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,2}}){{0,2}}",
    lazy=True,
)


@cache
def agencies(metadata: bool = False) -> frozenset[str]:
    """Agency names; ``metadata=True`` leaves out the short ambiguous ones (marked ``~``)."""
    names = set()
    for line in data_lines("agencies"):
        if line.startswith("~"):
            if not metadata:
                names.add(line[1:])
        else:
            names.add(line)
    return frozenset(names)


@cache
def wire_domains() -> tuple[str, ...]:
    return data_lines("wire-domains")


@cache
def dateline_cities() -> frozenset[str]:
    return frozenset(data_lines("dateline-cities"))


@dataclass(frozen=True)
class Dateline:
    """A dateline found in the body. Offsets are into ``article.body``."""

    start: int
    end: int
    kind: str  # place_agency | place | agency | standalone
    place: str | None
    agency: str | None
    separator: str | None
    date_text: str | None
    date_start: int | None
    #: text before the dateline on its line (a page timestamp, a byline), stripped
    prefix: str
    prefix_start: int
    line: Line

    @property
    def strong(self) -> bool:
        return bool(self.agency or self.date_text)


def is_caps(text: str) -> bool:
    return text.upper() == text and sum(char.isalpha() for char in text) >= 2


def _match_at(text: str, position: int, line: Line, prefix: str, searched: bool) -> Dateline | None:
    # AGENCY_ONLY opens with a literal "(": elsewhere it cannot match and is not run.
    agency_match = AGENCY_ONLY.match(text, position) if text[position] == "(" else None
    if agency_match is not None:
        if _agency_plausible(agency_match) and _lead_follows(text, agency_match.end()):
            return _dateline(agency_match, line, prefix, kind="agency")
        return None
    match = DATELINE.match(text, position)
    if match is None:
        return None
    agency = match.group("agency")
    bracket_date = bool(agency) and _bracket_date(match)
    if bracket_date:
        agency = None  # "WASHINGTON (Aug. 13) --": a date in the agency's place
    elif agency and not _agency_plausible(match):
        return None
    caps = is_caps(match.group("place"))
    if searched and not (caps and (agency or match.group("date") or _region_dash(match))):
        return None
    if (match.group("sep") or "").strip() == ":" and not (agency or match.group("region")):
        return None  # "DEAR ABBY:", "UPDATE:" are labels; a colon ends a place only after a region
    evidence = agency or bracket_date or match.group("date") or match.group("region")
    if not (caps or evidence or _title_place_ok(match)):
        return None
    if not evidence and sum(char.isalpha() for char in match.group("place")) < 3:
        return None  # "U.S. - China trade talks": an abbreviation, not a place
    if not _lead_follows(text, match.end()):
        return None
    found = _dateline(match, line, prefix, kind="place_agency" if agency else "place")
    if bracket_date:
        found = replace(
            found,
            agency=None,
            date_text=match.group("agency").strip(),
            date_start=line.start + match.start("agency"),
        )
    return found


#: a date where the agency's name stands ("WASHINGTON (Aug. 13) --", AOL News's house style)
_BRACKET_DATE = patterns.compile(rf"{_MONTH}\s+\d{{1,2}}", lazy=True)


def _bracket_date(match: object) -> bool:
    """Whether the bracket after the place holds a month and day, with a separator after it."""
    name = match.group("agency").strip()  # type: ignore[attr-defined]
    if not name[-1:].isdigit() or not match.group("sep"):  # type: ignore[attr-defined]
        return False
    return _BRACKET_DATE.fullmatch(name) is not None


def _region_dash(match: object) -> bool:
    return bool(match.group("region")) and _title_place_ok(match)  # type: ignore[attr-defined]


def _title_place_ok(match: object) -> bool:
    # "Indianapolis – Thousands of teachers": a single title-case word before a dash is a weak
    # dateline; accept it for presence only when the dash is a real dash, not ":".
    sep = (match.group("sep") or "").strip()  # type: ignore[attr-defined]
    return sep in ("—", "–", "―", "--")


def _agency_plausible(match: object) -> bool:
    name = match.group("agency")  # type: ignore[attr-defined]
    if name is None:
        return False
    name = name.strip()
    if name in agencies() or name.startswith("CNN"):
        return True
    words = name.split()
    # "(HawaiiNewsNow) -": an unknown outlet counts when a separator follows and it looks like a
    # name, not a parenthetical remark ("(updated)", "(photo: ...)").
    separated = bool(match.group("sep"))  # type: ignore[attr-defined]
    return separated and len(words) <= 3 and all(word[0].isupper() for word in words)


def _lead_follows(text: str, position: int) -> bool:
    rest = text[position : position + 2].lstrip()
    if not rest:
        return True
    return rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'“‘«„¿¡("


def _dateline(match: object, line: Line, prefix: str, kind: str) -> Dateline:
    groups = match.groupdict()  # type: ignore[attr-defined]
    date_text = groups.get("date")
    date_start = line.start + match.start("date") if date_text else None  # type: ignore[attr-defined]
    sep = (groups.get("sep") or "").strip() or None
    return Dateline(
        start=line.start + match.start(),  # type: ignore[attr-defined]
        end=line.start + match.end(),  # type: ignore[attr-defined]
        kind=kind,
        place=groups.get("place"),
        agency=(groups.get("agency") or "").strip() or None,
        separator=sep,
        date_text=date_text,
        date_start=date_start,
        prefix=prefix,
        prefix_start=line.start,
        line=line,
    )


#: how far into a line a dateline is looked for behind a glued prefix
SEARCH_CHARS = 400
#: lines looked at around the first body line: a few before it (a short lead or a standalone
#: place sits in the head zone) and a few after it (captions and decks often precede the lead)
LINES_BEFORE = 3
LINES_AFTER = 12


# Prefilters in the standard library's ``re`` (linear, no timeout needed) that only skip
# positions where the strict patterns cannot match, so results stay exactly the same. Anything
# non-ASCII counts as a possible letter: the ``regex`` module may know newer Unicode letters than
# Python's own tables, so only ASCII is judged here.
#
# The classes are written negated ("not one of these ASCII characters"): a positive class such
# as [A-Z\x80-\U0010ffff] is the same set, but the standard library's compiler expands its big
# range, which took 12 ms per pattern at import. Tests check each class against its positive form.
#: a possible capital: A-Z or any non-ASCII character
CAPITAL = r"[^\x00-@\[-\x7f]"
#: what may follow the first capital of a place in capitals: A-Z . ' - or non-ASCII
CAPS_CHAR = r"[^\x00-&(-,/-@\[-\x7f]"
#: a letter of a place in any case: A-Z a-z . ' - or non-ASCII
_PLACE_CHAR = r"[^\x00-&(-,/-@\[-`{-\x7f]"
#: CAPS_CHAR or white space (\s: tab to carriage return, \x1c-\x1f, space)
_CAPS_CHAR_OR_SPACE = r"[^\x00-\x08\x0e-\x1b!-&(-,/-@\[-\x7f]"
#: a place (words that open with a capital, _PLACE) and what follows it in DATELINE: a region or
#: date (","), an agency ("(") or a separator
_OPENING = compile_re(
    rf"{CAPITAL}{_PLACE_CHAR}*(?:\s+{CAPITAL}{_PLACE_CHAR}*)*(?:,|\s*[(—–―]|\s*--|\s+[-_]\s|:\s)"
)
#: a space, then a possible capital followed by what may follow the first capital of a place
#: in capitals (``WASHINGTON``, ``U.S.``, ``A B``): the positions a dateline behind a prefix may
#: start at. After anything else the place is one letter or title case, and neither counts
#: behind a prefix.
_AFTER_SPACE = compile_re(rf" (?={CAPITAL}{_CAPS_CHAR_OR_SPACE})")
#: behind a prefix: a place in capitals, then a region or date (",") or an agency ("(")
_CAPS_OPENING = compile_re(rf"{CAPITAL}{CAPS_CHAR}*(?:\s+{CAPITAL}{CAPS_CHAR}*)*\s*[,(]")
#: the separators of _SEP other than the dashes, which a substring test finds faster
_PLAIN_SEP = compile_re(r"--|\s[-_]\s|:\s")


def _maybe_capital(char: str) -> bool:
    """False only when ``char`` is certainly not an upper-case letter."""
    return not char.isascii() or "A" <= char <= "Z"


def _may_open(text: str) -> bool:
    """False only when no dateline can start at the beginning of ``text``."""
    if text[0] == "(":
        return True  # an agency alone: "(AP) — ..."
    if _OPENING.match(text) is None:
        return False
    # Every dateline ends in an agency bracket or a separator.
    if "(" in text or "—" in text or "–" in text or "―" in text:
        return True
    return ("-" in text or "_" in text or ":" in text) and _PLAIN_SEP.search(text) is not None


def parse_line(line: Line) -> Dateline | None:
    """The dateline at the start of a line, or behind a short prefix on it."""
    text = line.text
    if len(text) < 4:
        return None
    if _may_open(text):
        found = _match_at(text, 0, line, "", searched=False)
        if found is not None:
            return found
    # Behind a prefix only the strong shape counts: capitals, then an agency or a date. Both
    # put "(" or "," (region, date) right after the place, so a position where no such place
    # starts cannot hold one and is not handed to the strict pattern.
    if "," not in text and "(" not in text:
        return None
    limit = min(len(text), SEARCH_CHARS)
    # endpos one past the limit: the look-ahead reads the character after the capital.
    for hit in _AFTER_SPACE.finditer(text, 0, limit + 1):
        position = hit.end()
        if position >= limit:
            break
        if not text[position].isupper() or _CAPS_OPENING.match(text, position) is None:
            continue
        found = _match_at(text, position, line, text[:position].strip(), searched=True)
        if found is not None:
            return found
    return None


def parse_standalone(line: Line) -> Dateline | None:
    """A place alone on its line (``BAAR, SWITZERLAND``) in capitals."""
    text = line.text.rstrip(".:")
    if len(text) > 60 or line.words > 6 or not text or not _maybe_capital(text[0]):
        return None
    match = STANDALONE.fullmatch(text)
    if match is None or sum(char.isalpha() for char in text) < 3:
        return None
    if "," not in text and text not in dateline_cities():
        return None
    return Dateline(
        start=line.start,
        end=line.end,
        kind="standalone",
        place=text,
        agency=None,
        separator=None,
        date_text=None,
        date_start=None,
        prefix="",
        prefix_start=line.start,
        line=line,
    )


@dataclass(frozen=True)
class DatelineSearch:
    """Where the lead is and the dateline found for it (if any)."""

    lead: Line | None
    dateline: Dateline | None
    #: lines looked at for the dateline, lead first
    candidates: tuple[Line, ...]


def find_dateline(article: Article) -> DatelineSearch:
    """The article's dateline: the first one at or near the start of the body."""
    # DL001-DL003, DL006 and the DT rules share the search
    return article.memo("datelines.search", _find_dateline, article)


def _find_dateline(article: Article) -> DatelineSearch:
    lines = article.structure.lines
    if not lines:
        return DatelineSearch(None, None, ())
    first_body = next((i for i, line in enumerate(lines) if line.zone != HEAD), 0)
    window = tuple(lines[max(0, first_body - LINES_BEFORE) : first_body + LINES_AFTER + 1])
    lead = lines[first_body]
    for line in window:
        found = parse_line(line)
        if found is None and not line.prose:
            found = parse_standalone(line)
        if found is not None:
            return DatelineSearch(lead, found, window)
    return DatelineSearch(lead, None, window)
