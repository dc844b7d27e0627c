"""Rule pack: datelines (DL).

A dateline says where (and sometimes when) a story was filed: ``WASHINGTON (AP) —``,
``LONDON, Jan 5 (Reuters) -``, ``HAWTHORNE, Calif.—``. Datelines are optional in journalism, so
these rules never ask an ordinary article for one; they check the datelines that are there, and
ask for one only in wire copy or in sources configured to carry one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import cache
from urllib.parse import urlsplit

from artlint import hookimpl, patterns
from artlint.models import Article, Finding
from artlint.pattern_cache import compile_re
from artlint.patterns import longest_first
from artlint.rules import NoOptions, Rule, rule, rule_options
from artlint.structure import BODY, HEAD, JUNK_ROLES, TAIL, Line, has_letters
from artlint_rules._datelines import (
    CAPITAL,
    CAPS_CHAR,
    Dateline,
    agencies,
    dateline_cities,
    find_dateline,
    is_caps,
    parse_line,
    wire_domains,
)
from artlint_rules._dates import MONTH_NAMES, parse_date

# --------------------------------------------------------------------------------------------
# Wire copy


@cache
def _agency_pattern(metadata: bool) -> patterns.TimedPattern:
    return patterns.compile(
        rf"(?<![\p{{L}}\p{{N}}])(?:{_agency_names(metadata)})(?![\p{{L}}\p{{N}}])"
    )


def _agency_names(metadata: bool) -> str:
    """The agencies as an alternation, longest first."""
    return "|".join(_escape(name) for name in sorted(agencies(metadata), key=longest_first))


def _escape(text: str) -> str:
    return "".join("\\" + char if not char.isalnum() and char != " " else char for char in text)


# compiled when a tail line first holds one of _may_sign_off's words
_SIGN_OFF = patterns.compile(
    r"^\((?:Additional )?[Rr]eporting by\b|^Reporting by\b.*;\s*Editing by\b|"
    r"^(?:Copyright|©)\s*(?:\d{4}\s+)?(?:The )?"
    r"(?:Associated Press|Reuters|Agence France-Presse|AFP)\b|"
    r"\bAssociated Press writers?\b",
    lazy=True,
)


def _may_sign_off(text: str) -> bool:
    """False only when _SIGN_OFF cannot match: each of its branches holds one of these."""
    return (
        "eporting by" in text
        or "Copyright" in text
        or "©" in text
        or "Associated Press writer" in text
    )


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        return (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    except ValueError:
        return ""


def _on_wire_domain(value: str | None) -> bool:
    host = _host(value)
    return bool(host) and any(host == d or host.endswith("." + d) for d in wire_domains())


def _credit_line(line: Line) -> bool:
    """A short line naming an agency as the story's source: ``RIA Novosti``, ``By The
    Associated Press``, ``Meg Kinnard and Errin Haines, Associated Press``.

    Not a contribution note (``Contributing: Liz Szabo, Associated Press``: the paper's own
    story, with the agency's help)."""
    if line.prose or line.words > 12:
        return False
    text = line.text.strip(" .:|©")
    # One test for the usual line without a lead; the loop strips the leads in their order.
    if text.startswith(_CREDIT_LEADS):
        for lead in _CREDIT_LEADS:
            if text.startswith(lead):
                text = text[len(lead) :]
    names = agencies(True)
    if text in names:
        return True
    _, comma, tail = text.rpartition(", ")
    # the contribution note is asked of the few lines that end in an agency's name
    return (
        bool(comma) and tail.strip() in names and not text.lower().startswith(_CONTRIBUTION_LEADS)
    )


def _photo_credit(lines: list[Line], index: int) -> bool:
    """An agency's name alone under the page's share tools or menu (``* Tweet`` / ``AP``):
    the credit of the photo there, not the story's byline, which stands under the headline."""
    return index > 0 and lines[index].words <= 3 and lines[index - 1].role in JUNK_ROLES


_CREDIT_LEADS = ("By ", "Von ", "Par ", "Por ", "Di ")
_CONTRIBUTION_LEADS = ("contribut", "additional reporting", "with reporting", "mitarbeit")


def wire_evidence(article: Article, sources: list[str]) -> str | None:
    """Why the article is wire copy (or from a source configured to carry datelines), if it is."""
    host = _host(article.url)
    for configured in sources:
        lowered = configured.lower()
        if host and (host == lowered or host.endswith("." + lowered)):
            return f"its source {configured} is configured to carry datelines"
        if article.source and article.source.strip().lower() == lowered:
            return f"its source {configured} is configured to carry datelines"
    if _on_wire_domain(article.url) or _on_wire_domain(article.source):
        return "it comes from a news agency's site"
    for field in ("source", "author"):
        value = article.text_of(field)
        match = _agency_pattern(True).search(value) if value else None
        if match is not None:
            return f"its {field} names the agency {match.group(0)}"
    lines = article.structure.lines
    for index, line in enumerate(lines):
        zone = line.zone
        if zone == BODY:
            continue  # most lines: neither test applies
        # _credit_line's own first test, made here: a call per line of a long head or tail
        # cost more than the tests
        if zone in (HEAD, TAIL) and not line.prose and line.words <= 12 and _credit_line(line):
            if not _photo_credit(lines, index):
                return f"the credit line {line.text!r} names an agency"
        if zone == TAIL and _may_sign_off(line.text) and _SIGN_OFF.search(line.text):
            return f"the sign-off {line.text[:40]!r} is a wire agency's"
    return None


# --------------------------------------------------------------------------------------------
# DL001


@rule_options
class MissingDatelineOptions:
    """Options of DL001 missing-dateline."""

    #: domains or source names whose articles always carry a dateline (``["example-wire.com"]``)
    require_dateline_sources: list[str] = dataclasses.field(default_factory=list)
    #: also treat agency copy (agency in metadata, agency credit line or wire sign-off) as
    #: requiring a dateline
    wire_copy: bool = True


@rule(
    code="DL001",
    name="missing-dateline",
    summary="Wire copy (or a source configured to use datelines) without a dateline",
    severity="warning",
    options=MissingDatelineOptions,
)
def missing_dateline(article: Article, options: MissingDatelineOptions) -> Iterator[Finding]:
    """## What it does
    Flags an article that should open with a dateline (``WASHINGTON (AP) —``) but has none near
    the start of its body. An article *should* have one only when it is wire copy, i.e. an agency
    is named in its ``source`` or ``author`` metadata, its URL or source is an agency's site, a
    credit line before or after the body names an agency (``RIA Novosti``, ``By The Associated
    Press``) or the body ends with a wire sign-off (``(Reporting by ...; Editing by ...)``), or
    when its source is listed in ``require-dateline-sources``.

    Ordinary articles are never flagged: most outlets do not use datelines, and agencies
    themselves leave them off stories assembled from several places. A contribution note
    (``Contributing: Liz Szabo, Associated Press``) marks the paper's own story, and an
    agency's name alone under the page's share tools or menu credits a photo: neither makes
    wire copy.

    ## Why is this bad?
    Agency copy carries a dateline on almost every spot-news story. When it is gone, the
    extractor usually cut the first paragraph or split the dateline into a line it then dropped,
    so the lead of the article is damaged or missing.

    A date in the agency's place (``WASHINGTON (Aug. 13) --``) makes a dateline too. A
    dateline further down, at the start of any prose line within the next 40 lines, counts as
    present: whole-page extractions put photo captions and gallery labels before the lead. So
    does an agency named within the first 60 characters of a paragraph near the start: a
    dateline in a house style the parser does not read (``Madrid (EFE).-``, ``MOSCOW, November
    7. /TASS/.``). So do a dateline the extractor left alone on its line above the paragraph
    (``PARIS (AFP) -``), and a paragraph that opens with a place and a dash, the German papers'
    dateline for agency copy (``Offenbach - Die Woche startet ...``), or with a place in capitals
    and a colon (``TELUK INTAN: Polis menahan ...``). A lead that opens with the agency's own
    name (``The Associated Press is an independent ...``: an author page) is not agency copy.

    ## Example
    An article whose ``author`` is ``Associated Press`` and whose body starts:

    ```text
    Former Massachusetts Gov. Deval Patrick, left, speaks with a business owner ...
    ```

    Use instead: keep the lead paragraph, ``COLUMBIA, S.C. (AP) — About a dozen ...``.

    ## How to fix or suppress
    Re-extract the article keeping its first paragraph. For sources that publish agency copy
    without datelines set ``wire-copy = false`` in ``[tool.artlint.rules.DL001]``, ignore the rule
    with ``--ignore DL001`` or ``ignore = ["DL001"]`` in ``[tool.artlint]``, or for some files with
    ``per-file-ignores``.
    """
    configured = list(options.require_dateline_sources)
    if not configured and not options.wire_copy:
        return
    if not article.structure.has_prose:
        return
    reason = wire_evidence(article, configured)
    if reason is None or not options.wire_copy and "configured" not in reason:
        return
    search = find_dateline(article)
    if search.dateline is not None or _broken_dateline(search.candidates) or search.lead is None:
        return
    if _dateline_further_down(article, search.candidates):
        return
    if _agency_opens_a_line(search.candidates) or _place_opens_a_line(search.candidates):
        return
    lead = search.lead
    if _agency_pattern(False).match(lead.text) is not None:
        # "The Associated Press is an independent global news organization ...": a lead that
        # opens with an agency's name speaks about it (an author page) or quotes it
        return
    yield Finding(
        message=f"no dateline at the start of the article, although {reason}",
        start=lead.start,
        end=min(lead.end, lead.start + 40),
    )


#: how far into a line an agency's name means the line opens with the agency's dateline
_AGENCY_OPENING_CHARS = 60


def _agency_opens_a_line(lines: tuple[Line, ...]) -> bool:
    """Whether a paragraph near the start marks an agency as a dateline does, within its first
    characters: its dateline is there, in a style the parser does not read ("Madrid (EFE).- La
    circulación", "MINSK. July 26 (Interfax) - Syria", "MOSCOW, November 7. /TASS/. The"). A
    missing dateline must be certain. An agency a sentence names ("a spokesman told Reuters",
    "Reuters could not verify") marks nothing, and a credit line that is only the name ("RIA
    Novosti") is evidence of wire copy instead."""
    pattern = _agency_mark()
    return any(
        line.prose and pattern.search(line.text[:_AGENCY_OPENING_CHARS]) is not None
        for line in lines
    )


@cache
def _agency_mark() -> patterns.TimedPattern:
    """An agency as a dateline marks it: in brackets or slashes, or after a dash ("(EFE)",
    "/TASS/", "— РИА Новости"); not named in a sentence ("told Reuters on Monday")."""
    return patterns.compile(rf"(?:[(/\[]|[—–-]\s)\s*(?:{_agency_names(False)})(?![\p{{L}}\p{{N}}])")


#: lines with letters looked through past the usual window before a dateline is called missing
_LOOKAHEAD_LINES = 40


def _dateline_further_down(article: Article, looked_at: tuple[Line, ...]) -> bool:
    """Whether a prose line further down opens with a dateline: whole-page extractions put photo
    captions, credits and gallery labels ("Image 1 of 5", "Photo: ...") before the lead, so the
    article has its dateline and the page just opens with other text. Only DL001 looks this far:
    calling a dateline missing needs more certainty than judging the one found near the top.
    A dateline the extractor split from its paragraph counts too, in the window as below it."""
    lines = article.structure.lines
    first = looked_at[0].number if looked_at else 0
    last = looked_at[-1].number if looked_at else 0
    seen = 0
    for index, line in enumerate(lines):
        if line.number < first or not has_letters(line.text):
            continue
        if _split_dateline(lines, index):
            return True
        if line.number <= last:
            continue  # the window, which find_dateline has read
        if line.prose and parse_line(line) is not None:
            return True
        seen += 1
        if seen >= _LOOKAHEAD_LINES:
            break
    return False


#: what a dateline the extractor cut from its text ends with: a separator or the agency bracket
_SPLIT_DATELINE_ENDS = frozenset("-–—―:)")


def _split_dateline(lines: list[Line], index: int) -> bool:
    """Whether ``lines[index]`` is a dateline alone on its line above its paragraph ("PARIS
    (AFP) -", then "Le trafic ..."), which read together open with a dateline."""
    line = lines[index]
    if line.prose or line.words > 6:
        return False
    ends_like_one = line.text[-1] in _SPLIT_DATELINE_ENDS
    if not ends_like_one and "," not in line.text:
        return False
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following is None or not following.prose:
        return False
    if _PLACE_AND_REGION_LINE.fullmatch(line.text) is not None:
        return True  # "PUEBLO, Colo." above the lead: the dateline, its agency and dash cut off
    if not ends_like_one:
        return False
    joined = f"{line.text} {following.text}"
    return (
        parse_line(dataclasses.replace(line, text=joined, end=line.start + len(joined))) is not None
    )


#: a place in capitals and its region or country as the wire writes them, alone on a line
#: ("PUEBLO, Colo.", "BAAR, Switzerland", "NEW DELHI, India")
_PLACE_AND_REGION_LINE = patterns.compile(
    r"\p{Lu}[\p{Lu}.'’-]+(?: \p{Lu}[\p{Lu}.'’-]+){0,3}, \p{Lu}[\p{L}.]+(?: \p{Lu}[\p{L}.]+)?",
    lazy=True,
)


#: a place in title case and a dash opening the lead: the German papers' dateline for agency
#: copy ("Offenbach - Die Woche startet", "Frankfurt/Main - Der"), which names no agency
_PLACE_DASH = patterns.compile(
    r"\p{Lu}[\w.'’/-]+(?: \p{Lu}[\w.'’/-]+){0,2}(?: \([^()]{1,20}\))? [-–—] (?=[\p{Lu}\"„“])"
    # a place in capitals and a colon: Bernama's and the Malaysian and Philippine papers' style
    # ("TELUK INTAN: Polis menahan ...")
    r"|\p{Lu}[\p{Lu}.'’-]+(?: \p{Lu}[\p{Lu}.'’-]+){0,3}: (?=\p{Lu})",
    lazy=True,
)


#: what opens a story as a label, not a place ("Exclusive - The council", "UPDATE: The ...")
_STORY_LABELS = frozenset(
    "exclusive update updated breaking analysis factbox explainer opinion comment editorial "
    "watch live video photos correction corrected refile urgent flash advisory interview "
    "review preview recap report feature column sponsored".split()
)


def _place_opens_a_line(lines: tuple[Line, ...]) -> bool:
    """Whether a paragraph near the start opens with a place and a dash, or a place in capitals
    and a colon: the dateline of agency copy in a style the parser does not read (it knows the
    places of capitals only). A story's label in that place ("Exclusive -") is no place."""
    for line in lines:
        match = _PLACE_DASH.match(line.text) if line.prose else None
        if match is not None:
            first = match.group(0).split()[0].strip(":").lower()
            if first not in _STORY_LABELS:
                return True
    return False


# --------------------------------------------------------------------------------------------
# DL002 / DL006: text before the dateline

_SENTENCE_END = frozenset('.!?…"”’)')


def _prefix_is_glued_text(dateline: Dateline) -> bool:
    prefix = dateline.prefix
    return len(prefix.split()) >= 4 and prefix[-1] in _SENTENCE_END and not _is_timestamp(prefix)


def _is_timestamp(prefix: str) -> bool:
    return timestamp_in_prefix(prefix) is not None and len(prefix.split()) <= 8


def timestamp_in_prefix(prefix: str) -> tuple[int, str] | None:
    """The longest date at the end of a dateline's prefix: (offset in prefix, text)."""
    words = prefix.split(" ")
    for count in range(min(len(words), 9), 0, -1):
        candidate = " ".join(words[-count:])
        result = parse_date(candidate)
        if result is not None:
            return len(prefix) - len(candidate), candidate
    return None


@rule(
    code="DL002",
    name="dateline-not-at-start",
    summary="Dateline in the middle of a paragraph, after other sentences",
    severity="warning",
)
def dateline_not_at_start(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags a dateline (capitalised place plus an agency or a date and a dash:
    ``WASHINGTON (AP) —``, ``LONDON, Jan 5 (Reuters) -``) that sits in the middle of a line after
    one or more sentences, instead of opening the article's first paragraph.

    ## Why is this bad?
    A dateline opens the lead. Sentences before it on the same line are other text glued into
    the lead: a photo caption, the headline or deck, or a paragraph of another story. The
    article's first paragraph is therefore not its first paragraph.

    ## Example
    ```text
    U.S. Defense Secretary Mark Esper shakes hands in Hanoi. HANOI, Vietnam (AP) — U.S. ...
    ```

    Use instead: the caption removed, so that the body starts ``HANOI, Vietnam (AP) — ...``.

    ## How to fix or suppress
    Remove the glued text (usually an extractor joined paragraphs). Suppress with
    ``--ignore DL002``, ``ignore = ["DL002"]`` in ``[tool.artlint]`` or ``per-file-ignores``.
    """
    dateline = find_dateline(article).dateline
    if dateline is None or not dateline.prefix or not _prefix_is_glued_text(dateline):
        return
    yield Finding(
        message=f"dateline {_shown(article, dateline)!r} follows other sentences on its line; "
        "the lead paragraph has text glued in front of it",
        start=dateline.start,
        end=dateline.end,
    )


def _shown(article: Article, dateline: Dateline) -> str:
    return article.body[dateline.start : dateline.end].strip()


@rule(
    code="DL006",
    name="text-before-dateline",
    summary="Something (a page timestamp, a byline) precedes the dateline on its line",
    severity="info",
    default_enabled=False,
)
def text_before_dateline(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Reports text that stands before a dateline on the dateline's own line but is not glued
    sentences (those are DL002): typically a page timestamp or a byline, as in
    ``23/07/2007 15:14 TEHRAN, July 23 (RIA Novosti) - ...``.

    Off by default: such a prefix is page furniture that the extractor kept, harmless for most
    uses. Enable it with ``extend-select = ["DL006"]`` when the body should start exactly at the
    dateline.

    ## Why is this bad?
    The first words of the lead are not the article's: a summariser or a model trained on the
    text sees a timestamp or byline as part of the story.

    ## Example
    ```text
    23/07/2007 15:14 TEHRAN, July 23 (RIA Novosti) - Iran's ambassador to Iraq ...
    ```

    Use instead: ``TEHRAN, July 23 (RIA Novosti) - Iran's ambassador to Iraq ...`` and keep the
    timestamp in the ``published`` field.

    ## How to fix or suppress
    Move the prefix into metadata or delete it. It is off by default; if enabled, suppress with
    ``--ignore DL006`` or ``per-file-ignores``.
    """
    dateline = find_dateline(article).dateline
    if dateline is None or not dateline.prefix or _prefix_is_glued_text(dateline):
        return
    kind = "page timestamp" if timestamp_in_prefix(dateline.prefix) else "text"
    yield Finding(
        message=f"{kind} {dateline.prefix[:40]!r} precedes the dateline on its line",
        start=dateline.prefix_start,
        end=dateline.start,
    )


# --------------------------------------------------------------------------------------------
# DL003 malformed datelines

_CAPS = r"\p{Lu}[\p{Lu}.'’\-]*"
_PLACE_ANY = (
    rf"(?P<place>{_CAPS}(?:\s+{_CAPS}){{0,3}}|\p{{Lu}}\p{{Ll}}+(?:\s+\p{{Lu}}\p{{Ll}}+){{0,2}})"
)
_LOWER_PLACE = r"(?P<place>\p{Ll}[\p{Ll}.'’\-]+(?:\s+\p{Ll}[\p{Ll}.'’\-]+){0,2})"
_REGION = r"(?P<region>(?:,\s*\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,2}){0,2})"
_DATE = rf"(?:,\s*(?i:{MONTH_NAMES})\.?\s+\d{{1,2}})?"
_KNOWN_AGENCY = _agency_names(False)
_GOOD_SEP = r"(?:\s*(?:—|–|―|--)\s*|\s+[-_]\s+|:\s+)"

_ANY_REGION = r"(?:,\s*[\p{L}.'’\-]+(?:\s+[\p{L}.'’\-]+){0,2}){0,2}"
# The DL003 patterns hold the month and agency names, some twice, and took 20 ms to compile at
# import: they are compiled when a line first needs them (the cheap tests in _malformation keep
# a run over a few files from needing most of them).
_LOWERCASE_CITY = patterns.compile(
    rf"{_LOWER_PLACE}(?P<region>{_ANY_REGION}){_DATE}"
    rf"(?:\s*\((?P<agency>{_KNOWN_AGENCY}|CNN[\w ]*)\)"
    rf"(?P<sep>{_GOOD_SEP}|\s*[|~;]\s*)?|(?P<dash>\s*(?:—|–|―|--|[|~;])\s*|\s+-\s+))"
    r"(?=[\p{Lu}\"“‘])",
    lazy=True,
)
_LOWERCASE_CITY_COLON = patterns.compile(
    rf"{_LOWER_PLACE}(?P<region>(?:,\s*[\p{{L}}.'’\-]+(?:\s+[\p{{L}}.'’\-]+){{0,2}}){{1,2}}):\s+"
    r"(?=\p{Lu})",
    lazy=True,
)
_PLACE_ODD_SEP = patterns.compile(
    rf"(?P<place>{_CAPS}(?:\s+{_CAPS}){{0,3}}){_REGION}{_DATE}"
    r"(?P<odd>\s*(?:[~|;*=•·]+|-{3,}|[—–―]{2,})\s*)(?=\p{Lu}\p{Ll})",
    lazy=True,
)
#: a web address as a site writes its own name ("jpnn.com", "detik.co.id")
_DOMAIN_NAME = compile_re(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}")
_MISSING_SEP = patterns.compile(
    rf"(?:{_PLACE_ANY}{_REGION}{_DATE}\s*)?\((?P<agency>{_KNOWN_AGENCY})\)\s+(?=[\p{{Lu}}\"“‘])",
    lazy=True,
)
_ODD_SEP = patterns.compile(
    rf"(?:{_PLACE_ANY}{_REGION}{_DATE}\s*)?\((?P<agency>{_KNOWN_AGENCY}|CNN[\w ]*)\)"
    # two hyphens alone ("(Reuters) -- ") are the typewriter's dash, a house style (UPI)
    r"(?P<odd>\s*(?:[~|/;,*=+•·>]+|-{3,}|[—–―]{2,}|(?!--(?!\s*[-—–―]))[-—–―]\s*[-—–―]"
    r"(?:\s*[-—–―])*|â€[”“]|:)\s*)"
    r"(?=[\p{Lu}\"“‘])",
    lazy=True,
)
#: after a region, capitalised words (or a date's day) and then an agency bracket or a dash: the
#: region was longer than the pattern took ("SEOUL, South Korea (AP) —" is read as "SEOUL,
#: South" and "Korea ..."), so a separator is there after all
_SEPARATOR_SOON = compile_re(r"(?:[A-ZÀ-ÖØ-Þ0-9][^\s(—–―-]*\s+){0,4}(?:\(|[—–―]|--|-\s)")
_UNCLOSED = patterns.compile(
    rf"(?:{_PLACE_ANY}{_REGION}{_DATE}\s*)?\((?P<agency>{_KNOWN_AGENCY}|CNN[\w ]*?)"
    rf"(?P<sep>{_GOOD_SEP})(?=[\p{{Lu}}\"“‘])"
    rf"|{_PLACE_ANY}{_REGION}{_DATE}\s+(?P<agency2>{_KNOWN_AGENCY})\)(?:{_GOOD_SEP})?",
    lazy=True,
)
_CITY_NO_SEP = patterns.compile(
    rf"(?P<place>{_CAPS}(?:\s+{_CAPS}){{0,3}}){_REGION}\s+(?=\p{{Lu}}\p{{Ll}})",
    lazy=True,
)


#: one of these is in every odd separator _PLACE_ODD_SEP matches
#: one character class, which the stdlib engine scans for fast ("---" is tested apart: an
#: alternation in front of the class made the scan try the pattern at every position)
_ODD_CHAR = compile_re(r"[~|;*=•·—–―]")
#: _CITY_NO_SEP's start as a superset: words in capitals (any non-ASCII character counts as one),
#: then a region (",") or white space. The classes are the negated forms of [A-Z\x80-\U0010ffff]
#: and [A-Z.'\-\x80-\U0010ffff] (shared with the dateline search), which compile 20 times faster.
_CAPS_PLACE = compile_re(rf"{CAPITAL}{CAPS_CHAR}*(?:\s+{CAPITAL}{CAPS_CHAR}*)*[,\s]")


#: the agencies whose datelines have no dash after the bracket, by house style
WITHOUT_SEPARATOR = ("CNN*", "PTI", "IANS")


@rule_options
class MalformedDatelineOptions:
    """Options of DL003 malformed-dateline."""

    #: agencies whose house style has no dash after the bracket (``(CNN) The ...``,
    #: ``New Delhi, Nov 7 (PTI) The ...``); a name ending in ``*`` matches every name it starts
    #: (``CNN*``: ``CNN Business``)
    agencies_without_separator: list[str] = dataclasses.field(
        default_factory=lambda: list(WITHOUT_SEPARATOR)
    )


def _exempt(agency: str, exempt: list[str]) -> bool:
    for name in exempt:
        if name.endswith("*") and agency.startswith(name[:-1]) or agency == name:
            return True
    return False


def _malformation(text: str, exempt: list[str]) -> tuple[str, int] | None:
    """What is wrong with a broken dateline at the start of ``text`` and where it ends."""
    # Cheap tests first skip the patterns that cannot match (the result is the same): the
    # lower-case ones open with a lower-case letter, the others with a capital or "(", and
    # the bracket, odd-separator patterns need their characters somewhere in the line. Only
    # ASCII is judged: a non-ASCII first character may be a letter of either case.
    first = text[:1]
    if not first or text.count("|") >= 3:
        return None  # cells between bars: a table row ("transaction | INSM | Sale | ...")
    lower = not first.isascii() or "a" <= first <= "z"
    upper = not first.isascii() or "A" <= first <= "Z"
    if lower:
        match = _LOWERCASE_CITY.match(text) or _LOWERCASE_CITY_COLON.match(text)
        # a site's name in front of the dateline ("jpnn.com, JAKARTA - ") is its credit
        if match is not None and _DOMAIN_NAME.fullmatch(match.group("place")) is None:
            return (f"the place {match.group('place')!r} is in lower case", match.end())
    if not upper and first != "(":
        return None
    opening = "(" in text
    match = _UNCLOSED.match(text) if opening or ")" in text else None
    if match is not None:
        agency = match.group("agency") or match.group("agency2")
        return (f"the bracket around the agency {agency.strip()!r} is not closed", match.end())
    match = _ODD_SEP.match(text) if opening else None
    if match is not None and match.group("odd").strip() != ":":
        return (
            f"{match.group('odd').strip()!r} is not a dateline separator (a dash is)",
            match.end(),
        )
    odd = upper and (_ODD_CHAR.search(text) is not None or "---" in text)
    match = _PLACE_ODD_SEP.match(text) if odd else None
    if match is not None and (match.group("region") or match.group("place") in dateline_cities()):
        return (
            f"{match.group('odd').strip()!r} is not a dateline separator (a dash is)",
            match.end(),
        )
    match = _MISSING_SEP.match(text) if opening else None
    # The dash is the rule of the English wire style, whose place is in capitals; a place in
    # title case is the German agencies' style, where several print none ("Offenbach (AFP)
    # Die ...", "Bonn (KNA) Der ...").
    if (
        match is not None
        and (match.group("place") or "A").isupper()
        and not _exempt(match.group("agency"), exempt)
    ):
        return (
            f"no dash separates the dateline ending in ({match.group('agency')}) from the text",
            match.end(),
        )
    match = _CITY_NO_SEP.match(text) if upper and _CAPS_PLACE.match(text) else None
    if match is not None and match.group("place") in dateline_cities():
        rest = text[match.end() :]
        if (
            rest[:1].isupper()
            and not rest.split(" ", 1)[0].isupper()
            and not (match.group("region") and _SEPARATOR_SOON.match(rest))
        ):
            return (
                f"no dash separates the place {match.group('place')!r} from the text",
                match.end(),
            )
    return None


#: a dateline opens a lead paragraph; shorter lines are headings, menu items or credits
MIN_LEAD_WORDS = 8


def _broken_dateline(candidates: tuple[Line, ...]) -> bool:
    return any(
        line.words >= MIN_LEAD_WORDS
        and _malformation(line.text, list(WITHOUT_SEPARATOR)) is not None
        for line in candidates[:4]
    )


@rule(
    code="DL003",
    name="malformed-dateline",
    summary="Dateline with a lower-case place, an odd or missing separator or an open bracket",
    severity="warning",
    options=MalformedDatelineOptions,
)
def malformed_dateline(article: Article, options: MalformedDatelineOptions) -> Iterator[Finding]:
    """## What it does
    Looks at the start of the article's first paragraphs for a dateline that is broken:

    - the place in lower case (``washington (AP) —``, ``madrid — Argentina ...``);
    - the agency bracket not closed (``WASHINGTON (AP — ...``, ``WASHINGTON AP) — ...``);
    - an odd separator after the agency (``(Reuters) ; ...``, ``(AP) —— ...``, mojibake
      ``â€”``) instead of a dash;
    - no separator at all after an agency, where the place is in capitals or absent, the
      English wire style (``LONDON (Reuters) The ...``), or after a well-known dateline city
      (``MADRID Argentina ...``).

    Title-case places (``Paris (AFP) -``, ``Indianapolis –``), also without a dash as German
    agency copy prints them (``Offenbach (AFP) Die ...``), two hyphens for the dash
    (``SEOUL, South Korea, Jan. 3 (UPI) --``), colons after a region (``Washington, DC, United
    States:``) and CNN's dash-less ``(CNN)`` are accepted styles. A site's name in front of the
    place (``jpnn.com, JAKARTA -``) is its credit, not a place in lower case. A line with cells
    between bars is a table row (``transaction | INSM | Sale | ...``), never a dateline.

    ## Why is this bad?
    A broken dateline usually means the text was damaged on its way: case folding, a lost
    character from an encoding error, an HTML element boundary that swallowed the dash. Tools
    that split the dateline from the lead fail on it and leave the place glued to the first
    sentence.

    ## Example
    ```text
    washington (AP) ; The Senate voted on Tuesday ...
    ```

    Use instead: ``WASHINGTON (AP) — The Senate voted on Tuesday ...``.

    ## How to fix or suppress
    Repair the dateline from the source page. Agencies whose house style omits the dash can be
    listed in ``agencies-without-separator`` under ``[tool.artlint.rules.DL003]``. Suppress with
    ``--ignore DL003``, ``ignore = ["DL003"]`` in ``[tool.artlint]`` or ``per-file-ignores``.
    """
    search = find_dateline(article)
    lines = search.candidates[:4] if search.dateline is None else (search.dateline.line,)
    for line in lines:
        if line.words < MIN_LEAD_WORDS:
            continue
        problem = _malformation(line.text, options.agencies_without_separator)
        if problem is None:
            continue
        reason, end = problem
        if _looks_like_title_case_sentence(line.text):
            continue
        yield Finding(
            message=f"malformed dateline: {reason}", start=line.start, end=line.start + end
        )
        return


def _looks_like_title_case_sentence(text: str) -> bool:
    # "(AP) " headlines in lists ("Spurs on brink ... (AP)") never reach here; a heading in
    # all capitals that merely starts with a city name ("LONDON CALLING") is not a dateline.
    head = text.split(" ", 4)
    return len(head) <= 3 and is_caps(text)


@hookimpl
def artlint_rules() -> list[Rule]:
    return [missing_dateline, dateline_not_at_start, malformed_dateline, text_before_dateline]
