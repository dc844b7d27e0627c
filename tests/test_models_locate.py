"""Positions inside JSON string literals: the indexed lookup agrees with a literal walk."""

from __future__ import annotations

import json
import random
import re

from artlint.models import FieldSource, _locate_in_json_literal


def _walk(literal: str, offset: int) -> int:
    """The reference: walk the raw literal escape by escape until ``offset`` code points."""
    decoded = raw = 0
    while raw < len(literal) and decoded < offset:
        if literal[raw] == "\\" and raw + 1 < len(literal):
            if literal[raw + 1] == "u":
                code = int(literal[raw + 2 : raw + 6], 16)
                low = literal[raw + 6 : raw + 12]
                is_pair = (
                    0xD800 <= code < 0xDC00
                    and len(low) == 6
                    and low[:3].lower() == "\\ud"
                    and low[3] in "cdefCDEF"
                )
                raw += 12 if is_pair else 6
            else:
                raw += 2
        else:
            raw += 1
        decoded += 1
    return raw


def test_indexed_lookup_matches_the_walk_and_the_decoder() -> None:
    generator = random.Random(6)
    pieces = ["a", "é", " ", "\n", "\t", '"', "\\", "/", "\u2014", "😀", "\ud800", "\udc00", "xyz"]
    for _ in range(400):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 30)))
        for ensure_ascii in (True, False):
            literal = json.dumps(text, ensure_ascii=ensure_ascii)[1:-1]
            if generator.random() < 0.3:
                literal = re.sub(
                    r"\\u[0-9a-f]{4}", lambda m: m.group().upper().replace("U", "u"), literal
                )
            decoded = json.loads(f'"{literal}"')
            source = FieldSource(kind="json", line=3, column=7, literal=literal)
            for offset in range(len(decoded) + 3):
                line, column = _locate_in_json_literal(source, offset)
                assert (line, column) == (3, 7 + _walk(literal, offset)), (literal, offset)


def test_article_memo_computes_once_per_key_and_a_copy_starts_afresh() -> None:
    from artlint.models import Article

    calls: list[str] = []

    def measure(text: str) -> int:
        calls.append(text)
        return len(text)

    article = Article(path="a.txt", format="text", body="some body")
    assert article.memo("length", measure, article.body) == 9
    assert article.memo("length", measure, article.body) == 9
    assert article.memo(("length", 2), measure, "xy") == 2
    assert calls == ["some body", "xy"]
    changed = article.model_copy(update={"body": "other"})
    assert changed.memo("length", measure, changed.body) == 5
    assert (
        article.model_dump() == Article(path="a.txt", format="text", body="some body").model_dump()
    )
