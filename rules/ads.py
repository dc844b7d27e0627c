"""Rule pack: ads and boilerplate phrases (AD001-AD049).

A scraper that keeps a site's furniture leaves lines in the article that are not the article:
"Subscribe", "Advertisement", "Privacy Policy", "Share on Facebook", "12 comments", a book promo
after the last paragraph. These rules flag lines that *are* such a phrase, from phrase packs in
``data/ads/<family>.<lang>.txt``.

Precision comes from matching whole lines, never substrings of prose: an article about cookies or
newsletters mentions them inside sentences, and a phrase that covers the whole line is a button,
a label or a notice. Quoted lines are never flagged. Every line is classified once per article (one
set lookup, and a pattern only for lines whose first word starts some pattern), so the rules stay
cheap on bodies with thousands of lines.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from artlint import hookimpl, pattern_cache, patterns
from artlint.memo import remembered
from artlint.models import Article, Finding, Fix
from artlint.pattern_cache import compile_re
from artlint.patterns import longest_first
from artlint.rules import Rule, rule, rule_options
from artlint.structure import BODY, TAIL, Line, without_dotted_capital
from artlint_rules._data import data_folder

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable  # Python 3.11+

# --------------------------------------------------------------------------------------------
# Phrase packs


class Lazy:
    """A template pattern, compiled on its first match.

    Templates are words, choices, bounded gaps and network lists, so the stdlib ``re`` does:
    it compiles them three times faster than ``regex`` (which parses in Python), and most runs
    try only some of them. There is no timeout as with artlint.patterns, none is needed: a
    line reaches a pattern only with at most its templates' most words (MAX_LINE_WORDS at
    worst), a template has two open gaps (``{...}``) at most and no nested repeats, and no
    network name is other names in a row (see _network_list), so a match takes at worst time
    quadratic in the line.
    """

    __slots__ = ("fullmatch", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.fullmatch: Callable[[str], re.Match[str] | None] = self._first

    def _first(self, text: str) -> re.Match[str] | None:
        self.fullmatch = compile_re(self.source).fullmatch
        return self.fullmatch(text)


#: the families, in the order a line is tried (first hit wins); each is one rule
FAMILIES = ("ad", "copyright", "legal", "cta", "share", "counter")
LANGUAGES = tuple("en de fr es pt it ru id nl sv da nb pl cs ro tr xx".split())

#: longer lines are article text or glued paragraphs, never a lone button or label
MAX_LINE_WORDS = 150
#: a line that merely *contains* a marker phrase must be this short
MAX_MARKER_WORDS = 40
#: a counter line, or a headline ending in one, is at most this long
MAX_COUNTER_WORDS = 16
#: a footer or toolbar line made of several phrases is at most this long
MAX_SEGMENT_WORDS = 24

_PLACEHOLDERS = {
    "{*}": r"\S+(?: \S+){0,15}",
    "{w}": r"\S+(?: \S+){0,2}",
    "{...}": r".+",
    "{n}": r"\d[\d.,]*[kmb]?\+?",
}
_TOKEN = compile_re(r"\[[^\]]*\]\??|\S+")
_PLACEHOLDER = compile_re(r"\{(?:\*|w|\.\.\.|n|net)\}")
_BULLETS = frozenset("* + - • · o | > » › – — ▪ ■ □ ● ◦ ‣ ⁃ ✓ ✔ → ►".split())
_TRAILING = " .:!…*|×-–—"
_QUOTES = "\"“”„«»‘’'‚‹›「『"


def normalise(text: str) -> str:
    """The comparable form of a line: lower case, straight apostrophes, no list bullet, single
    spaces, no trailing ``.:!*`` (``* Share this:`` -> ``share this``)."""
    words = text.split()
    while words and words[0] in _BULLETS:
        del words[0]
    while words and words[-1] in _BULLETS:
        del words[-1]
    joined = " ".join(words).lower().replace("’", "'").replace(" ,", ",").replace(" .", ".")
    return joined.rstrip(_TRAILING)


#: first pieces, last pieces, trigger pieces, counter-noun pieces (str, or bytes for ASCII)
_QuickSets = tuple[set[Any], set[Any], set[Any], set[Any]]
#: ([(opening words, closing words)], fullmatch pattern): the pattern of the templates of
#: one bucket that start and end with one of these pairs of fixed words ("" when a
#: placeholder or choice does); for templates with a network list, of all the family's
#: templates that end as they do after the list (see _listed)
Group = tuple[list[tuple[str, str]], Lazy]
#: (family, most words a line of its templates can have, groups)
Bucket = tuple[str, int, list[Group]]


@dataclass
class Pack:
    """Every phrase of every family, indexed for one cheap pass per line."""

    #: normalised whole line -> family
    exact: dict[str, str] = field(default_factory=dict)
    #: the longest exact phrase, in words
    exact_words: int = 0
    #: ``^first`` / ``$last`` word -> the families' buckets, in FAMILIES order
    templates: dict[str, list[Bucket]] = field(default_factory=dict)
    #: marker phrase -> family, and one pattern that finds any of them
    markers: dict[str, str] = field(default_factory=dict)
    #: each marker's longest word -> the markers: a line is searched only for the markers whose
    #: word it contains
    triggers: dict[str, list[str]] = field(default_factory=dict)
    networks: list[str] = field(default_factory=list)
    counter_nouns: set[str] = field(default_factory=set)
    #: first words of exact phrases (a footer line made of phrases starts with one)
    starts: set[str] = field(default_factory=set)
    #: the same, as they are (not bare), and of FOOTER_WORDS: where _cover can find a phrase
    phrase_first: set[str] = field(default_factory=set)
    #: phrases flagged only outside the body span: between paragraphs, "Buy Now" under each
    #: product of a shopping article or a "Disclaimer" heading are the article's own
    edge_only: set[str] = field(default_factory=set)
    #: first words of templates that can match a line longer than MAX_MARKER_WORDS
    long_starts: set[str] = field(default_factory=set)
    #: last words of exact calls to action (a banner ending in one ends with one)
    cta_last: set[str] = field(default_factory=set)
    #: the words of ``templates`` keys, without their ``^``/``$``: one set lookup per line
    template_first: set[str] = field(default_factory=set)
    template_last: set[str] = field(default_factory=set)
    #: the ASCII trigger words, as bytes: ASCII lines are split with ``bytes.translate``
    ascii_triggers: set[bytes] = field(default_factory=set)
    #: the quick test (see _quick): the first or last piece of a line that classify can
    #: match is in the first or second set, or a piece is in the third (trigger words), or a
    #: piece is in the fourth (counter nouns) and the line has a digit
    quick: _QuickSets = (set(), set(), set(), set())
    #: the same sets for ASCII lines, whose pieces are cut as bytes
    quick_ascii: _QuickSets = (set(), set(), set(), set())
    #: line text -> what classify found (None: nothing). A site prints the same menu items,
    #: buttons and footer lines on every page: in the bench and aeb corpora only one short
    #: line in four or five is new, and classify depends on the text and the pack alone
    seen: dict[str, tuple[str, str] | None] = field(default_factory=dict)


def _read(name: str, folder: Path | Traversable | None = None) -> list[str]:
    """The entries of the phrase file ``name`` of ``folder`` (the packs' folder)."""
    if folder is None:
        folder = _folder()
    try:
        text = folder.joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    entries = []
    for raw in text.splitlines():
        entry = raw.strip()
        if entry and not entry.startswith("#"):
            entries.append(entry)
    return entries


def _folder() -> Path | Traversable:
    return data_folder().joinpath("ads")


def _token_pattern(token: str, network: str) -> tuple[str, bool]:
    """A template token as a regex, and whether it is optional (``[a|b]?``)."""
    if token.startswith("["):
        optional = token.endswith("?")
        body = token[1 : -2 if optional else -1]
        choices = "|".join(_literal(choice, network) for choice in body.split("|"))
        return f"(?:{choices})", optional
    return _literal(token, network), False


def _literal(text: str, network: str) -> str:
    """Escape ``text`` except its placeholders."""
    parts = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        parts.append(re.escape(text[position : match.start()]))
        token = match.group(0)
        parts.append(network if token == "{net}" else _PLACEHOLDERS[token])
        position = match.end()
    parts.append(re.escape(text[position:]))
    return "".join(parts)


def _template_regex(template: str, network: str) -> str:
    pieces = []
    for index, token in enumerate(_TOKEN.findall(template)):
        if token == "{...}" and index > 0:
            # an open end also lets the phrase stand alone or run on after punctuation
            pieces.append(r"(?:[ .,:;!?].*)?")
            continue
        regex, optional = _token_pattern(token, network)
        if index == 0:
            pieces.append(regex)
        elif optional:
            pieces.append(f"(?: {regex})?")
        else:
            pieces.append(f" {regex}")
    return "".join(pieces)


def _keys(template: str) -> list[str]:
    """Where a line that may match ``template`` is looked up: ``^word`` for the word it must
    start with, else ``$word`` for the word it must end with."""
    tokens = _TOKEN.findall(template)
    for token, mark, pick in ((tokens[0], "^", 0), (tokens[-1], "$", -1)):
        if token.startswith("[") and not token.endswith("?"):
            choices = token[1:-1].split("|")
            if not any(_PLACEHOLDER.search(choice) for choice in choices):
                return sorted({mark + _bare(choice.split()[pick]) for choice in choices})
        elif not _PLACEHOLDER.search(token) and not token.startswith("["):
            return [mark + _bare(token)]
    raise ValueError(f"phrase template {template!r} must start or end with a plain word")


_BARE = ":,.!?"


def _bare(word: str) -> str:
    return word.strip(_BARE)


#: where ``{net}`` (a list of network names) stands in a template's regex until the pack knows
#: the names: see _network_list and _around_networks
_NET = "\x00"
#: what separates the names of a network list
_NET_SEPARATOR = r"(?:, and |, | and | & | \| | / |,| )"


def _network_list(names: Iterable[str]) -> str:
    """The regex of ``{net}``: one or more network names and the separators between them.

    A name made of other names ("facebook messenger") is left out: it is still a list of two,
    and with it a line of such names could be cut in two ways per name, exponentially many
    for ``re`` to try before a line fails (Lazy has no timeout).
    """
    unique = set(names)
    single = [
        item
        for item in unique
        if " " not in item or not all(part in unique for part in item.split(" "))
    ]
    name = "|".join(re.escape(item) for item in sorted(single, key=longest_first))
    return f"(?:{name})(?:{_NET_SEPARATOR}(?:{name}))*"


def _listed(template: str, regex: str, keys: list[str]) -> bool:
    """Whether ``template`` (``regex``) is tried against a pattern shared across buckets.

    A family's templates with a network list ("share on {net}", "follow us on {net}", ...) that
    end alike after it make one pattern, not one per bucket: ``re`` has no group calls, every
    copy of the list's 90 names takes a millisecond to compile and allocates enough to set off
    the garbage collector, and the share buckets were most of the compile time of a run.

    A bucket then tries the other buckets' templates too, which must not change its verdict:
    so the template must start with its one key word and a space. A line that matches it then
    has that word first, and only that word's bucket tries it. And the template must hold one
    ``{net}``, outside any choice, for _around_networks to cut its regex at.
    """
    tokens = _TOKEN.findall(template)
    return (
        regex.count(_NET) == 1
        and not any(token.startswith("[") and "{net}" in token for token in tokens)
        and keys == ["^" + tokens[0]]
        and regex.startswith(re.escape(tokens[0]) + " ")
    )


def _around_networks(regexes: list[str], network: str) -> str:
    """One pattern for template regexes that hold _NET once, with the network list written
    once per distinct rest of the line after it: ``(?:share on |follow us on |...)<list>``.
    It fullmatches the same lines as the templates (concatenation distributes over
    alternation)."""
    heads: dict[str, list[str]] = {}
    for regex in regexes:
        head, tail = regex.split(_NET)
        heads.setdefault(tail, []).append(head)
    around = ["(?:" + "|".join(head) + ")" + network + tail for tail, head in heads.items()]
    return "(?:" + "|".join(around) + ")"


def _fixed_ends(template: str) -> tuple[str, str]:
    """The plain words a line matching ``template`` must start and end with (space-joined).

    _template_regex writes a plain token (no choice, no placeholder) as itself, after a
    space unless it is the first, so these words stand literally at the ends of every match.
    """
    tokens = _TOKEN.findall(template)
    plain = [not token.startswith("[") and _PLACEHOLDER.search(token) is None for token in tokens]
    opening = 0
    while opening < len(tokens) and plain[opening]:
        opening += 1
    closing = len(tokens)
    while closing > max(opening, 1) and plain[closing - 1]:
        closing -= 1
    return " ".join(tokens[:opening]), " ".join(tokens[closing:])


def load_pack(languages: tuple[str, ...] = LANGUAGES) -> Pack:
    """The pack of these languages, built once per process.

    The cache key is the tuple of languages, however the call spells it: cached on the
    arguments, ``load_pack()`` and ``load_pack(LANGUAGES)`` built two packs (and compiled
    every template twice) in a run where another rule pack calls the former.
    """
    return _load_pack(tuple(languages))


@cache
def _load_pack(languages: tuple[str, ...]) -> Pack:
    raw: dict[str, list[str]] = {family: [] for family in FAMILIES}
    folder = _folder()  # once: resolving it is most of the time of reading a small file
    for family in FAMILIES:
        for language in languages:
            raw[family].extend(_read(f"{family}.{language}.txt", folder))
    # Building the pack took ~8 ms of every run, a twelfth of a one-file run; what it builds
    # depends only on the phrases and the code that reads them, so it is kept in the pattern
    # store under a digest of both.
    name = _pack_name(raw)
    kept = pattern_cache.kept_value(name) if name else None
    pack = _pack_from(kept) if isinstance(kept, dict) else None
    if pack is None:
        pack = _build_pack(raw)
        if name:
            pattern_cache.keep_value(name, _pack_data(pack), family="ads pack ")
    return pack


def _pack_name(raw: dict[str, list[str]]) -> str | None:
    """The store's name for the pack of these phrases: a digest of them and of the source of
    the modules that build it (None when a module's source cannot be read)."""
    digest = hashlib.sha256()
    try:
        for module in (__file__, patterns.__file__):
            digest.update(Path(module).read_bytes())
    except (OSError, TypeError):
        return None
    for family in FAMILIES:
        digest.update("\0".join([family, *raw[family], ""]).encode("utf-8", "surrogatepass"))
    return f"ads pack {digest.hexdigest()}"


#: the Pack fields that are plain data (templates hold patterns; seen is filled by a run)
_PLAIN_FIELDS = tuple(
    item.name for item in dataclasses.fields(Pack) if item.name not in ("templates", "seen")
)


def _pack_data(pack: Pack) -> dict[str, Any]:
    """The pack as data :mod:`marshal` can write (a template pattern as its source)."""
    data = {name: getattr(pack, name) for name in _PLAIN_FIELDS}
    data["templates"] = {
        word: [
            (family, most, [(ends, lazy.source) for ends, lazy in groups])
            for family, most, groups in buckets
        ]
        for word, buckets in pack.templates.items()
    }
    return data


def _pack_from(data: dict[str, Any]) -> Pack | None:
    """The pack :func:`_pack_data` made ``data`` of; None if it is not such data."""
    empty = Pack()
    plain: dict[str, Any] = {}
    for name in _PLAIN_FIELDS:
        value = data.get(name)
        expected = getattr(empty, name)
        if type(value) is not type(expected) or (
            isinstance(value, tuple) and not _sets_of_four(value)
        ):
            return None
        plain[name] = value
    templates = data.get("templates")
    if not isinstance(templates, dict):
        return None
    pack = Pack(**plain)
    shared: dict[str, Lazy] = {}  # one pattern per source, as the build shares them
    try:
        for word, buckets in templates.items():
            pack.templates[word] = [
                (family, most, [(ends, _shared_lazy(shared, source)) for ends, source in groups])
                for family, most, groups in buckets
            ]
    except (TypeError, ValueError):  # not of the shape _pack_data writes
        return None
    return pack


def _sets_of_four(value: tuple[Any, ...]) -> bool:
    return len(value) == 4 and all(isinstance(item, set) for item in value)


def _shared_lazy(shared: dict[str, Lazy], source: str) -> Lazy:
    if not isinstance(source, str):
        raise TypeError(source)
    lazy = shared.get(source)
    if lazy is None:
        lazy = shared[source] = Lazy(source)
    return lazy


def _build_pack(raw: dict[str, list[str]]) -> Pack:
    pack = Pack()
    for entry in raw["share"]:
        if entry.startswith("net: "):
            pack.networks.append(normalise(entry[5:]))
            pack.exact.setdefault(normalise(entry[5:]), "share")
    network = _network_list(pack.networks)
    grouped: dict[tuple[str, str], dict[tuple[str, str], list[str]]] = {}
    most: dict[tuple[str, str], int] = {}
    #: (family, regex after the network list) -> the regexes that share a pattern (see _listed)
    listed: dict[tuple[str, str], dict[str, None]] = {}
    for family in FAMILIES:
        for entry in raw[family]:
            if family == "counter":
                pack.counter_nouns.add(entry.lower())
            elif entry.startswith("net: "):
                continue
            elif entry.startswith("edge: "):
                pack.exact.setdefault(normalise(entry[6:]), family)
                pack.edge_only.add(normalise(entry[6:]))
            elif entry.startswith("~"):
                pack.markers.setdefault(entry[1:].lower(), family)
            elif "[" not in entry and "{" not in entry:
                pack.exact.setdefault(normalise(entry), family)
            else:
                template = entry.lower().rstrip(".:!")
                regex = _template_regex(template, _NET)
                keys = _keys(template)
                if _NET in regex and _listed(template, regex, keys):
                    listed.setdefault((family, regex.split(_NET)[1]), {})[regex] = None
                else:
                    regex = regex.replace(_NET, network)
                ends = _fixed_ends(template)
                for word in keys:
                    group = (word, family)
                    grouped.setdefault(group, {}).setdefault(ends, []).append(regex)
                    most[group] = max(most.get(group, 0), _most_words(template))
                    if word.startswith("^") and most[group] > MAX_MARKER_WORDS:
                        pack.long_starts.add(word[1:])
    shared = {
        share: Lazy(_around_networks(list(regexes), network)) for share, regexes in listed.items()
    }
    for (word, family), by_ends in grouped.items():
        # One pattern per bucket and fixed ends: a line is tried only against the templates
        # whose opening and closing words it has, and only those are ever compiled. Lazy:
        # most runs try only some of them (all compile in a test). The templates with a
        # network list are tried, whatever their ends, against their shared patterns.
        groups: list[Group] = []
        listed_ends: dict[str, dict[tuple[str, str], None]] = {}
        for ends, regexes in by_ends.items():
            own = []
            for regex in regexes:
                if _NET in regex:
                    listed_ends.setdefault(regex.split(_NET)[1], {})[ends] = None
                else:
                    own.append(regex)
            if own:
                groups.append(([ends], Lazy("(?:" + "|".join(own) + ")")))
        for after, ends_set in listed_ends.items():
            groups.append((list(ends_set), shared[(family, after)]))
        pack.templates.setdefault(word, []).append((family, most[(word, family)], groups))
    for bucket in pack.templates.values():
        bucket.sort(key=lambda item: FAMILIES.index(item[0]))
    for marker in pack.markers:
        trigger = max(marker.translate(_PUNCTUATION_TO_SPACE).split(), key=len)
        pack.triggers.setdefault(trigger, []).append(marker)
    for phrase, family in pack.exact.items():
        words = phrase.split(" ")
        pack.exact_words = max(pack.exact_words, len(words))
        pack.starts.add(_bare(words[0]))
        pack.phrase_first.add(words[0])
        if family == "cta":
            pack.cta_last.add(_bare(words[-1]))
    pack.starts.update(phrase.split(" ")[0] for phrase in FOOTER_WORDS)
    pack.phrase_first.update(phrase.split(" ")[0] for phrase in FOOTER_WORDS)
    pack.template_first = {word[1:] for word in pack.templates if word[0] == "^"}
    pack.template_last = {word[1:] for word in pack.templates if word[0] == "$"}
    pack.ascii_triggers = {word.encode() for word in pack.triggers if word.isascii()}
    first_words = pack.starts | pack.template_first | _COPYRIGHT_FIRST
    pack.quick = (
        {_pieces(word)[0] for word in first_words},
        {_pieces(word)[-1] for word in pack.template_last | pack.cta_last},
        {_pieces(word)[0] for word in pack.triggers},
        {_pieces(word)[0] for word in pack.counter_nouns},
    )
    # an ASCII line can only hold ASCII words; their pieces are the same cut as bytes
    first, last, markers, nouns = (
        {piece.encode() for piece in pieces if piece.isascii()} for pieces in pack.quick
    )
    pack.quick_ascii = (first, last, markers, nouns)
    return pack


# --------------------------------------------------------------------------------------------
# The quick test: most lines are prose or menu items that match nothing, and normalising
# and classifying each costs several microseconds. A line is cut into *pieces*, lower case,
# at white space, at the punctuation _by_marker splits at, at every list bullet and at every
# trailing mark normalise strips, and a few set lookups tell whether classify can match.

#: where pieces end, besides white space: _PUNCTUATION_TO_SPACE, _BULLETS but ``o``,
#: _TRAILING, and the curly apostrophe normalise straightens into a splitting ``'``
_QUICK_MARKS = (
    ".,:;!?()[]{}|/\"'“”«»"
    + "*+-•·>»›–—▪■□●◦‣⁃✓✔→►"
    + "…×’"
    # the brackets and marks of CJK text, which writes no spaces: its only cuts
    + "<‹，。、（）【】「」『』：；！？"
)
_QUICK_PIECE = compile_re(f"[^\\s{re.escape(_QUICK_MARKS)}]+")
#: the same cut for ASCII lines in one bytes.translate (which also lowers the case); bytes
#: split at fewer white-space characters than str, hence \x1c-\x1f
_QUICK_ASCII_SPACES = b"\x1c\x1d\x1e\x1f" + bytes(c for c in _QUICK_MARKS.encode() if c < 128)
_QUICK_TABLE = bytes.maketrans(
    _QUICK_ASCII_SPACES + bytes(range(ord("A"), ord("Z") + 1)),
    b" " * len(_QUICK_ASCII_SPACES) + bytes(range(ord("a"), ord("z") + 1)),
)
_DIGIT = compile_re(r"\d")


def _pieces(text: str) -> list[str]:
    return _QUICK_PIECE.findall(text.lower())


#: _quick's verdicts: classify(text) is certainly None; it may match but not a marker phrase;
#: it may match anything
PLAIN, NO_MARKER, MAY_MATCH = 0, 1, 2
#: the non-ASCII characters that most often keep an English line from being ASCII (all of them
#: cuts between pieces, so a space does as well)
_COMMON_MARKS = ("’", "“", "”", "—", "–")


def _quick(text: str, pack: Pack) -> int:
    """PLAIN when ``classify(text)`` is certainly None, NO_MARKER when it can match but not
    through a marker phrase (no piece is a trigger word's), else MAY_MATCH.

    Why it is exact: the normalised key of a line has the same pieces as the line, less the
    list bullets ``o`` normalise drops at either end (every other bullet, trailing mark and
    white space is a cut here, and normalise only drops, merges or straightens such
    characters). Every step of classify needs one of: the key's first word (bare) among the
    exact phrases' first words, the templates' first words or the copyright openers, so the
    line's first piece is the first piece of such a word; its last word among the templates'
    or calls to action's last words (last piece likewise); a trigger word, which is whole
    pieces of the key; a copyright sign; or, for a counter, a noun word and a digit. A line
    whose first or last piece is ``o`` (maybe a bullet) goes to classify.
    """
    plain = text
    if not plain.isascii():
        plain = text.lower()
        # the copyright step runs on any line with a sign (Ⓒ lowers to ⓒ)
        if "©" in plain or "ⓒ" in plain:
            return MAY_MATCH
        for mark in _COMMON_MARKS:
            plain = plain.replace(mark, " ")
    pieces: list[Any]
    if plain.isascii():
        pieces = plain.encode().translate(_QUICK_TABLE).split()
        first, last, markers, nouns = pack.quick_ascii
        o: Any = b"o"
    else:
        pieces = _QUICK_PIECE.findall(plain)
        first, last, markers, nouns = pack.quick
        o = "o"
    if not pieces:
        return MAY_MATCH
    if not markers.isdisjoint(pieces):
        return MAY_MATCH
    head, tail = pieces[0], pieces[-1]
    if head in first or tail in last or head == o or tail == o:
        return NO_MARKER
    if nouns.isdisjoint(pieces) or _DIGIT.search(text) is None:
        return PLAIN
    return NO_MARKER


def _most_words(template: str) -> int:
    """The most words a line matching ``template`` can have."""
    sizes = {"{*}": 16, "{w}": 3, "{net}": 12, "{...}": MAX_LINE_WORDS}
    total = 0
    for token in _TOKEN.findall(template):
        placeholder = _PLACEHOLDER.search(token)
        if placeholder is not None and placeholder.group(0) in sizes:
            total += sizes[placeholder.group(0)]
        else:
            total += max(len(choice.split()) for choice in token.strip("[]?").split("|"))
    return min(total, MAX_LINE_WORDS)


# --------------------------------------------------------------------------------------------
# Classifying lines


class Hit(NamedTuple):
    # a named tuple builds in half the time of a frozen dataclass (no __setattr__ calls)
    line: Line
    family: str
    what: str


_COPYRIGHT_START = compile_re(
    r"^(?:copyright\s*)?(?:©|ⓒ|\(c\)|&copy;?|\(с\))|^copyright\s+(?:(?:19|20)\d\d|@|by\b)"
)
_YEAR = compile_re(r"\b(?:19|20)\d\d\b")
#: a line with a © sign in it this short is a credit or footer, not a caption or a sentence
MAX_COPYRIGHT_WORDS = 25
_COUNTER = compile_re(r"^(?:.* )?(\d[\d.,]*\s?[kmb]?\+?) ([^\W\d]+)(?: ([^\W\d]+))?$")
_SEPARATORS = compile_re(r" [|/·•] |\s?\|\s?| ?• ?")


#: a © that is the second half of mojibake: UTF-8 é, ĩ, Ω, Щ... read as Latin-1 or cp1252
#: ("cafÃ©"). After Â it is a mojibaked © itself ("Â© 2019"), so a sign all the same.
_SIGN = compile_re(r"(?<![\u00c0\u00c1\u00c3-\u00e1\u00e3-\u00ff])©|ⓒ")


#: "(c)" is also the third item of a lettered list ("(c) Each day of a violation is an
#: offense."): as a sign it must be followed by a year, the word copyright, or a short name
_LETTER_SIGN = compile_re(r"^\((?:c|с)\)")
#: a year right after a © sign: a notice's, not a photo credit's
_YEAR_NEXT = compile_re(r"\s*(?:19|20)\d\d\b")
#: most words of the name after a bare "(c)" (``(c) The Associated Press``)
_LETTER_SIGN_NAME_WORDS = 5
#: a credit after the end of a sentence: the line is a caption whose photo is credited
#: ("The victims are the family of a BBC reporter. © James Manning/PA Wire/dpa")
_CAPTION_BEFORE_SIGN = compile_re(r"(?:\S+ ){3,}\S*[.!?][\"”’)]? (?:\(?(?:©|ⓒ))")


def _is_copyright(key: str, text: str) -> bool:
    """Whether a line is a copyright notice (``key`` is its normalised form, ``text`` as
    written: normalising drops the final full stop a clause ends with)."""
    if _COPYRIGHT_START.match(key):
        if _LETTER_SIGN.match(key):
            words = key[3:].split()
            if not words:
                return False
            if _YEAR.fullmatch(words[0]) or words[0].startswith("copyright"):
                return True  # "(c) 2019 Example Media", "(c) Copyright Reuters"
            # a short name: "(c) The Associated Press", "(c) Reuters 2019"; a clause ends
            return len(words) <= _LETTER_SIGN_NAME_WORDS and text.rstrip()[-1] not in ".!?;:"
        return True
    sign = _SIGN.search(key)
    if sign is not None:
        if _CAPTION_BEFORE_SIGN.match(key, 0, sign.end()) and not _YEAR_NEXT.match(key, sign.end()):
            return False  # a caption's credit; "... reading. © 2024 Example Media" is a notice
        return len(key.split()) <= MAX_COPYRIGHT_WORDS
    return key.startswith("copyright ") and _YEAR.search(key) is not None


#: attributed speech: a notice quoted in an article, not the notice itself
_REPORTED = compile_re(
    r"[,—–-] (?:\S+ ){0,4}(?:said|says|say|warned|warns|told|tells|added|adds|wrote|writes|"
    r"according to|reported|reports|explained|noted|sagte|erklärte|a déclaré|dijo|disse|ha detto)\b"
)


def _may_be_long_notice(text: str, pack: Pack) -> bool:
    """Only notices that start with a known phrase (cookie banners) or © run this long."""
    first = text[:24].split(None, 1)[0].lower()
    return first[:1] == "©" or _bare(first) in pack.long_starts or first in _COPYRIGHT_FIRST


def _is_quoted(text: str) -> bool:
    return text[0] in _QUOTES


def classify(text: str, pack: Pack) -> tuple[str, str] | None:
    """The family and phrase a whole line is, or None.

    Each step is tried only when a cheap look at the line's first, last or counted words says
    it can match, since nearly every line of a body is prose that matches nothing.
    """
    return _classify(text, pack, None)


#: button words that, with a colon, label a credit on the line below ("Text:" then the writer's
#: name, as Nordic and German papers print bylines)
_CREDIT_LABELS = frozenset({"text"})


def _classify(text: str, pack: Pack, markers: bool | None) -> tuple[str, str] | None:
    """classify; ``markers`` is what _quick found out about marker phrases (None: nothing)."""
    key = normalise(text)
    if not key:
        return None
    words = key.split(" ")
    count = len(words)
    if count <= pack.exact_words:
        family = pack.exact.get(key)
        if family is not None:
            if key in _CREDIT_LABELS and text.rstrip()[-1:] == ":":
                return None  # "Text:" over "Shamash Oyal": a byline's label, no SMS button
            return family, key
    first, last = words[0].strip(_BARE), words[-1].strip(_BARE)
    found = None
    if first in pack.template_first or last in pack.template_last:
        found = _by_template(key, count, first, last, pack)
        if found is not None and _REPORTED.search(key):
            return None  # "This website uses cookies, the regulator said": article text
    if found is None and (first in _COPYRIGHT_FIRST or "©" in key or "ⓒ" in key):
        found = ("copyright", key) if _is_copyright(key, text) else None
    if (
        found is None
        and count <= MAX_COUNTER_WORDS
        and not pack.counter_nouns.isdisjoint(words[-2:])
    ):
        found = _counter(key, text, pack)
    if found is None and 2 <= count <= MAX_SEGMENT_WORDS and first in pack.starts:
        found = _by_segments(key, pack)
    if (
        found is None
        and count <= MAX_MARKER_WORDS
        and (markers if markers is not None else _may_have_marker(key, pack))
    ):
        found = _by_marker(key, text, pack)
    if found is None and last in pack.cta_last:
        found = _trailing_call(text, pack)
    return found


_TRAILING_SPLIT = compile_re(r"(?:\s[-–—|]|:)\s(?=[^-–—|:]+$)")


def _trailing_call(text: str, pack: Pack) -> tuple[str, str] | None:
    """A banner that ends in a call to action: ``... Career Network - JOIN NOW``."""
    parts = _TRAILING_SPLIT.split(text.rstrip(" .!"), maxsplit=1)
    if len(parts) != 2 or len(parts[0].split()) < 2:
        return None
    tail = parts[1].strip()
    if pack.exact.get(normalise(tail)) != "cta":
        return None
    if tail.isupper() or len(tail.split()) >= 2:
        return "cta", tail
    return None


_DOUBLE_QUOTE = compile_re('["“”„«»‚‹›「『]')


def _has_quote(text: str) -> bool:
    return _DOUBLE_QUOTE.search(text) is not None


def _by_template(key: str, count: int, first: str, last: str, pack: Pack) -> tuple[str, str] | None:
    for buckets in (pack.templates.get("^" + first), pack.templates.get("$" + last)):
        if buckets is None:
            continue
        for family, most, groups in buckets:
            if count > most:
                continue
            for ends, pattern in groups:
                for opening, closing in ends:
                    if key.startswith(opening) and key.endswith(closing):
                        if pattern.fullmatch(key):
                            return family, key
                        break
    return None


def _counter(key: str, text: str, pack: Pack) -> tuple[str, str] | None:
    if not key[0].isdigit() and not key[-1].isalpha():
        return None
    match = _COUNTER.match(key)
    if match is None:
        return None
    noun, after = match.group(2), match.group(3)
    if noun not in pack.counter_nouns:
        return None
    prefix = key[: match.start(1)].strip()
    # the line's own end: the key has lost its final stop ("The video has 300 views.")
    if prefix and (len(key.split()) > 16 or text.rstrip()[-1:] in (".", "!", "?")):
        return None
    if after is not None and after not in pack.counter_nouns and pack.exact.get(after) is None:
        return None
    return "counter", match.group(0)


def _by_segments(key: str, pack: Pack) -> tuple[str, str] | None:
    """A footer or toolbar line: every piece is a known phrase (``Privacy Policy | Terms``,
    ``Facebook Twitter Email``, ``Subscribe Sign In``)."""
    words = key.split()
    if len(words) < 2 or len(words) > 24:
        return None
    pieces = [piece for piece in _SEPARATORS.split(key) if piece.strip()]
    families: list[str] = []
    for piece in pieces:
        covered = _cover(piece.strip(), pack)
        if covered is None:
            return None
        families.extend(covered)
    mine = [family for family in families if family != "footer"]
    if not mine:
        return None
    # the most frequent family; a tie goes to the one met first in the line, so the code a
    # line gets never depends on the interpreter's hash seed
    return max(dict.fromkeys(mine), key=mine.count), key


def _cover(piece: str, pack: Pack) -> list[str] | None:
    """Families of the exact phrases that, end to end, make up ``piece`` (longest first)."""
    words = [word.rstrip(",") for word in piece.split()]
    families: list[str] = []
    start = 0
    while start < len(words):
        # most words of a footer line that is not all phrases start none
        if words[start] not in pack.phrase_first:
            if words[start] not in _JOINERS:
                return None
            start += 1
            continue
        for end in range(min(len(words), start + 6), start, -1):
            phrase = " ".join(words[start:end])
            family = pack.exact.get(phrase) or ("footer" if phrase in FOOTER_WORDS else None)
            if family is not None:
                families.append(family)
                start = end
                break
        else:
            if words[start] not in _JOINERS:
                return None
            start += 1
    return families


def _by_marker(key: str, text: str, pack: Pack) -> tuple[str, str] | None:
    words = key.translate(_PUNCTUATION_TO_SPACE).split()
    if pack.triggers.keys().isdisjoint(words):
        return None
    for word in words:
        for marker in pack.triggers.get(word, ()):
            if marker in key and not _has_quote(text):
                return pack.markers[marker], marker
    return None


_PUNCTUATION_TO_SPACE = str.maketrans(
    {char: " " for char in ".,:;!?()[]{}|/\"'“”«»<>‹›，。、（）【】「」『』：；！？"}
)
#: the same for ASCII text as UTF-8 bytes; bytes.split() does not split at \x1c-\x1f as
#: str.split() does, so those become spaces too
_ASCII_PUNCTUATION_TO_SPACE = bytes.maketrans(b".,:;!?()[]{}|/\"'<>\x1c\x1d\x1e\x1f", b" " * 22)


def _may_have_marker(key: str, pack: Pack) -> bool:
    """Whether a word of ``key`` (split at punctuation as in _by_marker) is a trigger word.

    The test _by_marker starts with, made cheap: nearly every line needs it, and for ASCII text
    ``bytes.translate`` is several times faster than ``str.translate`` with a mapping.
    """
    if key.isascii():
        tokens = key.encode().translate(_ASCII_PUNCTUATION_TO_SPACE).split()
        return not pack.ascii_triggers.isdisjoint(tokens)
    return not pack.triggers.keys().isdisjoint(key.translate(_PUNCTUATION_TO_SPACE).split())


_COPYRIGHT_FIRST = frozenset({"copyright", "(c)", "&copy;", "(с)", "copyright©"})
_JOINERS = frozenset({"and", "&", "or", "und", "et", "y", "e", "ou"})

#: footer words that do not make a line boilerplate on their own, but may sit between phrases
FOOTER_WORDS = frozenset(
    {
        "about",
        "about us",
        "contact",
        "contact us",
        "faq",
        "faqs",
        "help",
        "sitemap",
        "site map",
        "careers",
        "feedback",
        "more",
        "home",
        "tip us",
        "send us a tip",
        "customer service",
        "more newsletters",
        "sign in",
        "log in",
        "login",
        "no thanks",
        "impressum",
        "kontakt",
        "contacto",
        "contato",
        "contatti",
        "mentions légales",
    }
)


#: tail line text -> is_promo (the same shop widgets and book boxes close many pages)
_promo_seen: dict[str, bool] = {}


def _verdict(text: str, pack: Pack) -> tuple[str, str] | None:
    text = without_dotted_capital(text)
    verdict = _quick(text, pack)
    return None if verdict == PLAIN else _classify(text, pack, verdict == MAY_MATCH)


def hits_of(article: Article, languages: tuple[str, ...]) -> dict[str, list[Hit]]:
    """The phrase hits of every line, shared by the AD rules that run on the article in turn."""
    return article.memo(("ads.hits", languages), _hits_of, article, languages)


def _hits_of(article: Article, languages: tuple[str, ...]) -> dict[str, list[Hit]]:
    pack = load_pack(languages)
    seen = pack.seen
    edge_only = pack.edge_only
    promos = _promo_seen
    hits: dict[str, list[Hit]] = {family: [] for family in (*FAMILIES, "promo")}
    for line in article.structure.lines:
        text = line.text
        words = line.words
        if words > MAX_MARKER_WORDS and (
            words > MAX_LINE_WORDS or not _may_be_long_notice(text, pack)
        ):
            continue
        if text[0] in _QUOTES:  # _is_quoted, inlined: this loop sees every line
            continue
        # the memo's own test first: four lines in five were seen before, and the call to
        # remembered cost more than the lookup
        found = seen[text] if text in seen else remembered(seen, text, _verdict, text, pack)
        if found is not None:
            if line.zone != BODY or found[1] not in edge_only:
                hits[found[0]].append(Hit(line, found[0], found[1]))
        elif line.zone == TAIL:
            if promos[text] if text in promos else remembered(promos, text, is_promo, text):
                hits["promo"].append(Hit(line, "promo", text))
    return hits


# --------------------------------------------------------------------------------------------
# Promotions after the article (book, product)

_BY_NAME = compile_re(
    r"^(?P<title>.{3,}?)\s+(?P<separator>[-–—|]\s+)?by\s+"
    r"(?P<name>(?:[A-Z][\w.'’-]*\.?\s?){1,4})$"
)
_PRICE = compile_re(r"(?:[$£€¥]\s?\d[\d.,]*|\d[\d.,]*\s?(?:€|EUR|USD|GBP)\b)")
#: what makes an amount a figure ("$272 Billion", "€3.5bn") rather than what something costs
_MAGNITUDE = compile_re(
    r"[\s-]?(?:[mb]n|mln|bln|[mbk]|thousand|million|billion|trillion)\b", re.IGNORECASE
)
_ISBN = compile_re(r"\bISBN(?:-1[03])?:?\s?[\d-]{10,17}", re.IGNORECASE)


def is_promo(text: str) -> bool:
    """A product or book line: ``Title: Subtitle - by Name``, a price, an ISBN."""
    if text[-1] in ".!?":
        return False
    words = text.split()
    if len(words) > 20:
        return False
    if _ISBN.search(text):
        return True
    match = _BY_NAME.match(text)
    if match is not None:
        # "Title by Name" alone is also how captions name a work and its maker ("Light a Wish
        # by OGE Group" under a photo of the installation); a shop or book box sets the author
        # off ("- by Name") or gives the title a subtitle ("Title: Subtitle by Name").
        title = match.group("title")
        promoted = match.group("separator") is not None or ": " in title
        return promoted and _title_shaped(title)
    return len(words) <= 12 and _has_price(text) and _title_shaped(text)


def _has_price(text: str) -> bool:
    """One price or two (a sale's), not a figure: more amounts make a table's row ("2. LeBron
    James NBA $56,545,000 $17,545,000 $39,000,000 5"), which is the article's data."""
    prices = [hit for hit in _PRICE.finditer(text) if _MAGNITUDE.match(text, hit.end()) is None]
    return 0 < len(prices) <= 2


def _title_shaped(text: str) -> bool:
    """Most words capitalised (a title), at least two words."""
    words = [word for word in re.split(r"[\s:–—-]+", text) if word[:1].isalpha()]
    if len(words) < 2:
        return False
    capital = sum(1 for word in words if word[0].isupper())
    return capital >= 0.6 * len(words)


# --------------------------------------------------------------------------------------------
# Rules


@rule_options
class AdOptions:
    """Options of the AD phrase rules."""

    #: languages whose phrase packs to use (``xx`` = scripts without their own pack)
    languages: list[str] = field(default_factory=lambda: list(LANGUAGES))


def _remove_line(article: Article, line: Line) -> Fix:
    body = article.body
    start = body.rfind("\n", 0, line.start) + 1
    end = line.end + 1 if body[line.end : line.end + 1] == "\n" else line.end
    return Fix(
        replacement="", start=start, end=end, applicability="unsafe", description="remove the line"
    )


def _findings(article: Article, options: AdOptions, family: str, label: str) -> Iterator[Finding]:
    if not article.body:
        return
    for hit in hits_of(article, tuple(options.languages))[family]:
        shown = hit.line.text if len(hit.line.text) <= 60 else hit.line.text[:57] + "..."
        yield Finding(
            message=f"{label}: {shown!r}",
            start=hit.line.start,
            end=hit.line.end,
            fix=_remove_line(article, hit.line),
        )


@rule(
    code="AD001",
    name="call-to-action-line",
    summary="A subscribe, newsletter, sign-up, join, download or donate prompt left in the body",
    options=AdOptions,
    fix="unsafe",
)
def call_to_action_line(article: Article, options: AdOptions) -> Iterator[Finding]:
    """## What it does
    Flags a line that is a call to action of the site around the article: "Subscribe", "Sign up
    for our newsletter", "Join the mailing list", "Download the app", "Buy now", "Donate",
    "Advertise with us", "Newsletters", "Jetzt abonnieren", "Inscrivez-vous à la newsletter",
    "Suscríbete", "Assine", "Iscriviti", and banners that end in one ("... Career Network -
    JOIN NOW").

    The whole line (without list bullets and final punctuation) must be the phrase, or a short
    line (at most 40 words, no quotation marks) must contain an unmistakable prompt such as
    "subscribe to our newsletter". A sentence *about* newsletters or subscriptions is left
    alone, and so is a quoted line.

    ## Why is this bad?
    Prompts are not the article. They pollute training text and search snippets, repeat across
    every page of a site, and a summariser or classifier reads them as content.

    ## Example
    ```text
    Iran and the United States severed official relations following the 1979 seizure.

    Join the mailing list
    ```
    Line 3 is flagged; an article sentence such as "Readers who subscribe to the newsletter
    get the story first." is not.

    ## How to fix or suppress
    Fix: remove the line (`--unsafe-fixes` does it), or better, fix the extractor's selectors
    for the site. Restrict the phrase packs with the `languages` option.
    Suppress: `--ignore AD001`, `ignore = ["AD001"]` under `[tool.artlint]`, or
    `per-file-ignores = { "path/**" = ["AD001"] }`.
    """
    yield from _findings(article, options, "cta", "call to action")


@rule(
    code="AD002",
    name="advertising-label-line",
    summary="An advertising, sponsored-content, affiliate or loading label left in the body",
    options=AdOptions,
    fix="unsafe",
)
def advertising_label_line(article: Article, options: AdOptions) -> Iterator[Finding]:
    """## What it does
    Flags a line that is an ad slot's label or its furniture: "Advertisement", "ADVERTISEMENT",
    "Sponsored", "Promoted", "Paid content", "Continue reading below", "Loading...", "Skip ad",
    "Anzeige", "Werbung", "Publicité", "Publicidad", "Publicidade", "Pubblicità", "Реклама",
    "Iklan", "광고", "広告", affiliate disclosures ("we may earn an affiliate commission") and
    ad-blocker notices.

    The whole line must be the label (list bullets and final punctuation aside), or a short
    line (at most 40 words, no quotation marks) must contain a disclosure phrase. Prose about
    advertising is left alone.

    ## Why is this bad?
    The label stood where an image or script ad was; in text it is noise that sits in the
    middle of paragraphs, splits sentences for downstream tools and tells nothing.

    ## Example
    ```text
    The minister said talks would resume on Tuesday.

    Advertisement

    The second round begins amid progress in the political situation.
    ```
    Line 3 is flagged.

    ## How to fix or suppress
    Fix: remove the line (`--unsafe-fixes` does it) or drop ad containers in the extractor.
    Suppress: `--ignore AD002`, `ignore = ["AD002"]` under `[tool.artlint]`, or
    `per-file-ignores = { "path/**" = ["AD002"] }`.
    """
    yield from _findings(article, options, "ad", "advertising label")


@rule(
    code="AD003",
    name="legal-notice-line",
    summary="A cookie, privacy, terms or reproduction notice left in the body",
    options=AdOptions,
    fix="unsafe",
)
def legal_notice_line(article: Article, options: AdOptions) -> Iterator[Finding]:
    """## What it does
    Flags a line that is a site's legal furniture: footer links ("Privacy Policy", "Terms of
    Use", "Cookie Settings", "Privacy Policy | Terms & Conditions", "Impressum Datenschutz"),
    cookie banners ("This website uses cookies to improve your experience..."), consent
    checkboxes, and reproduction notices ("This material may not be published, broadcast,
    rewritten, or redistributed.").

    A banner sentence must *start* the line, or the line (at most 40 words, without quotation
    marks) must contain a phrase only a notice uses ("you agree to our use of cookies"). An
    article about privacy rules or cookie law says "privacy policy" inside its sentences and is
    left alone.

    ## Why is this bad?
    Notices repeat on every page of a site, carry no content and are among the most common
    strings in scraped corpora; C4 drops every line containing such a phrase for that reason.

    ## Example
    ```text
    The consultations ended with an agreement to meet again.

    This website uses cookies to improve your experience. Accept Read More
    Privacy Policy | Terms of Use
    ```
    Lines 3 and 4 are flagged.

    ## How to fix or suppress
    Fix: remove the line (`--unsafe-fixes` does it) or drop the page footer and consent dialog
    in the extractor.
    Suppress: `--ignore AD003`, `ignore = ["AD003"]` under `[tool.artlint]`, or
    `per-file-ignores = { "path/**" = ["AD003"] }`.
    """
    yield from _findings(article, options, "legal", "legal notice")


@rule(
    code="AD004",
    name="copyright-line",
    summary="A copyright or all-rights-reserved line left in the body",
    options=AdOptions,
    fix="unsafe",
)
def copyright_line(article: Article, options: AdOptions) -> Iterator[Finding]:
    """## What it does
    Flags a line that starts with a copyright notice (`©`, `ⓒ`, `(c)`, "Copyright 2019",
    "Copyright ©") or is a short line (at most 40 words, no quotation marks) that says "All
    rights reserved", "Alle Rechte vorbehalten", "Tous droits réservés", "Todos los derechos
    reservados", "Todos os direitos reservados", "Tutti i diritti riservati" or the like, and
    site credits such as "Powered by WordPress". A line whose `©` credit follows a sentence is
    a caption ("The victims are the family of a BBC reporter. © James Manning/PA") and is left
    alone, and so is `(c)` that opens a lettered clause ("(c) Each day of a continuing
    violation constitutes a separate offense."): as a sign it is followed by a year, the word
    copyright or a short name.

    ## Why is this bad?
    Page footers are not the article. Note that some wire stories end with a credit line the
    publisher wants kept ("© Reuters", "Copyright 2019 The Associated Press. All rights
    reserved."): whether that belongs in your corpus is a policy decision, hence a rule of its
    own that is easy to switch off.

    ## Example
    ```text
    The talks did not touch on the most controversial issue.

    © 2019 Example Media Inc. All rights reserved.
    ```
    Line 3 is flagged; "He said copyright law was outdated." is not.

    ## How to fix or suppress
    Fix: remove the line (`--unsafe-fixes` does it), or keep wire credits on purpose and ignore
    the rule for those sources.
    Suppress: `--ignore AD004`, `ignore = ["AD004"]` under `[tool.artlint]`, or
    `per-file-ignores = { "wire/**" = ["AD004"] }`.
    """
    yield from _findings(article, options, "copyright", "copyright line")


@rule(
    code="AD005",
    name="share-button-line",
    summary="A share, follow, print, e-mail or social-network button left in the body",
    options=AdOptions,
    fix="unsafe",
)
def share_button_line(article: Article, options: AdOptions) -> Iterator[Finding]:
    """## What it does
    Flags a line that is a sharing toolbar or a follow prompt: "Share", "Tweet", "Facebook",
    "Facebook Twitter LinkedIn Email", "Share this with WhatsApp", "Click to share on Reddit
    (Opens in new window)", "Print this article", "Follow us on Twitter", "Follow NBC Latino on
    Facebook, Twitter and Instagram", "Teilen", "Partager sur Facebook", "Compartir",
    "Compartilhe", "Condividi".

    Only whole lines match: "Facebook said on Monday that..." or "He shared the video on
    Twitter." are article text and are left alone, and so are quoted lines.

    ## Why is this bad?
    Button labels are not content; in a line of their own they break paragraphs apart and
    are among the most repeated lines of any scraped corpus.

    ## Example
    ```text
    Share this:
    Facebook Twitter Email
    The ambassador confirmed that the talks would begin on Tuesday in Baghdad.
    ```
    Lines 1 and 2 are flagged.

    ## How to fix or suppress
    Fix: remove the line (`--unsafe-fixes` does it) or drop the toolbar in the extractor.
    Suppress: `--ignore AD005`, `ignore = ["AD005"]` under `[tool.artlint]`, or
    `per-file-ignores = { "path/**" = ["AD005"] }`.
    """
    yield from _findings(article, options, "share", "share or follow button")


@rule(
    code="AD006",
    name="social-counter-line",
    summary="A social counter such as '12 comments' or '3.4K shares' left in the body",
    options=AdOptions,
    fix="unsafe",
)
def social_counter_line(article: Article, options: AdOptions) -> Iterator[Finding]:
    """## What it does
    Flags a line that is a widget's counter: a number (with an optional `K`/`M`) followed by a
    closed list of nouns — shares, comments, likes, views, followers, retweets, subscribers,
    fans, votes, downloads, in the packs' languages ("12 Kommentare", "3 commentaires") — with
    at most a button word after it ("299 Followers Follow"). A short headline line that ends in
    a counter ("... 10 comments", related lists do this) is flagged too, but not a sentence.

    The noun list is closed on purpose (RefinedWeb's line filter does the same): "3 dead" or
    "12 injured" is news, "12 comments" is not.

    ## Why is this bad?
    Counters are page widgets; they are meaningless out of the page and change on every crawl,
    so they also defeat deduplication.

    ## Example
    ```text
    197 Shares
    The ambassador confirmed that the talks would begin on Tuesday.
    ```
    Line 1 is flagged.

    ## How to fix or suppress
    Fix: remove the line (`--unsafe-fixes` does it).
    Suppress: `--ignore AD006`, `ignore = ["AD006"]` under `[tool.artlint]`, or
    `per-file-ignores = { "path/**" = ["AD006"] }`.
    """
    yield from _findings(article, options, "counter", "social counter")


@rule(
    code="AD007",
    name="tail-promo-line",
    summary="A book or product promotion after the last paragraph of the article",
    options=AdOptions,
    fix="unsafe",
)
def tail_promo_line(article: Article, options: AdOptions) -> Iterator[Finding]:
    """## What it does
    Flags a line after the last paragraph of prose (the tail zone) that has the shape of a
    product or book promotion: a title-case line without a final full stop that ends in
    "by Name" set off by a dash or bar, or whose title has a subtitle ("One Billion Americans:
    The Case for Thinking Bigger - by Matthew Yglesias"), or that carries a price ("£5,349.00",
    "$25") or an ISBN.

    Inside the article, titles with authors and prices are content (reviews, market reports),
    so the rule looks only below the last body paragraph, where such lines are shop widgets
    and "recommended book" boxes. Captions that name a work and its maker ("Light a Wish by OGE
    Group") and amounts with a magnitude ("to Exceed $272 Billion") are not promotions.

    ## Why is this bad?
    A promotion is not the article. At the end of a body it also hides a truncated article:
    the last line no longer tells whether the text ended properly.

    ## Example
    ```text
    Iran and the United States severed official relations following the 1979 seizure.

    One Billion Americans: The Case for Thinking Bigger - by Matthew Yglesias
    ```
    Line 3 is flagged.

    ## How to fix or suppress
    Fix: remove the line (`--unsafe-fixes` does it) or drop the widget in the extractor.
    Suppress: `--ignore AD007`, `ignore = ["AD007"]` under `[tool.artlint]`, or
    `per-file-ignores = { "path/**" = ["AD007"] }`.
    """
    yield from _findings(article, options, "promo", "promotion after the article")


@hookimpl
def artlint_rules() -> list[Rule]:
    return [
        call_to_action_line,
        advertising_label_line,
        legal_notice_line,
        copyright_line,
        share_button_line,
        social_counter_line,
        tail_promo_line,
    ]
