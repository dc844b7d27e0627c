"""Roles of an article's lines: head zone, body span, tail zone.

Rules judge a line by where it stands: "Join the mailing list" after the last body paragraph is a
call to action, a short title-case line before the first one may be a crumb or the headline.
The body span runs from the first to the last *prose* line (long enough, ending like a sentence);
everything before it is the head zone and everything after it the tail zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

HEAD = "head"
BODY = "body"
TAIL = "tail"

#: characters that end a sentence in the scripts the corpus has (Latin, Cyrillic, CJK)
TERMINAL_MARKS = frozenset('.!?…。！？"\'”’»)]:;')
CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in CJK_RANGES)


def word_count(text: str) -> int:
    """Words, counting each CJK character as a third of a word (roughly a token)."""
    words = len(text.split())
    cjk = sum(1 for char in text if char > "\u3000" and is_cjk(char))
    return words + cjk // 3


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the body."""

    number: int  # 0-based index among all lines of the body
    start: int  # offset of the first non-blank character in the body
    end: int  # offset just after the last non-blank character
    text: str  # the line stripped of surrounding white space
    words: int
    prose: bool
    zone: str = BODY
    #: 0-based index of the blank-line separated paragraph the line belongs to
    paragraph: int = 0


@dataclass
class Structure:
    """The non-blank lines of a body with their zones."""

    lines: list[Line] = field(default_factory=list)

    @property
    def body_lines(self) -> list[Line]:
        return [line for line in self.lines if line.zone == BODY]

    @property
    def head_lines(self) -> list[Line]:
        return [line for line in self.lines if line.zone == HEAD]

    @property
    def tail_lines(self) -> list[Line]:
        return [line for line in self.lines if line.zone == TAIL]

    @property
    def has_prose(self) -> bool:
        return any(line.prose for line in self.lines)


def is_prose(text: str, words: int) -> bool:
    """A line that reads like article text: a sentence of some length, or a long run of words."""
    if words >= 25:
        return True
    return words >= 10 and text[-1] in TERMINAL_MARKS


def analyse(body: str) -> Structure:
    raw_lines = body.split("\n")
    offset = 0
    paragraph = 0
    previous_blank = True
    collected: list[Line] = []
    for number, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if not stripped:
            if not previous_blank:
                paragraph += 1
            previous_blank = True
            offset += len(raw) + 1
            continue
        previous_blank = False
        lead = len(raw) - len(raw.lstrip())
        words = word_count(stripped)
        collected.append(Line(number=number, start=offset + lead,
                              end=offset + lead + len(stripped), text=stripped, words=words,
                              prose=is_prose(stripped, words), paragraph=paragraph))
        offset += len(raw) + 1
    prose_indexes = [index for index, line in enumerate(collected) if line.prose]
    if not prose_indexes:
        return Structure(collected)
    first, last = prose_indexes[0], prose_indexes[-1]
    lines = [
        _with_zone(line, HEAD if index < first else TAIL if index > last else BODY)
        for index, line in enumerate(collected)
    ]
    return Structure(lines)


def _with_zone(line: Line, zone: str) -> Line:
    if line.zone == zone:
        return line
    return Line(line.number, line.start, line.end, line.text, line.words, line.prose, zone,
                line.paragraph)
