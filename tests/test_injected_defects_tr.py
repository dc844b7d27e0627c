"""TR on real articles with cut-offs injected: recall >= 0.9 at precision >= 0.95.

Real bodies are the ground-truth files of the aeb corpus (skipped when it is absent), less the
two whose ground truth is itself cut off. Each is linted as it is, then cut the ways scrapers cut
articles, one at a time, somewhere past the middle of the body and with everything after the cut
gone: mid-sentence, mid-word, with an ellipsis, inside a quotation, and on a full sentence
followed by a paywall prompt. Scored for the family, as the goal is stated: a cut copy with any
TR finding is found, a whole article with any TR finding is a false alarm. Each kind's tally also
says how often the code meant for it fired.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from conftest import aeb_ground_truth, assert_recall_precision

from artlint.config import Settings
from artlint.engine import lint
from artlint.models import Article

SETTINGS = Settings(select=["TR"])
SENTENCE_END = re.compile(r"[.!?:;)\]\"'”’»…]$")

# How paywalls end a cut article, in the languages the prompts are written for; the wording is
# varied on purpose (sentence case, punctuation, extra words) rather than copied from a list.
PROMPTS = {
    "en": [
        "Subscribe to continue reading.",
        "This article is for subscribers only",
        "To read the full story, subscribe now.",
        "You have reached your free article limit. Subscribe for unlimited access.",
        "Sign in to continue reading",
    ],
    "de": ["Um weiterzulesen, melden Sie sich bitte an.", "Dieser Artikel ist nur für Abonnenten."],
    "pt": ["Assine para continuar lendo.", "Conteúdo exclusivo para assinantes"],
    "it": ["Per continuare a leggere abbonati.", "Articolo riservato agli abbonati"],
}


def _records() -> list[dict]:
    return [record for record in aeb_ground_truth() if not record["gt_truncated"]]


def _article(record: dict, body: str) -> Article:
    return Article(
        path=record["file"], format="json", body=body, url=record["url"], language=record["lang"]
    )


def _cut_paragraph(lines: list[str], rng: random.Random) -> int | None:
    """A long prose line past the middle of the body: where the cut goes."""
    candidates = [
        index
        for index, line in enumerate(lines)
        if index >= len(lines) // 2 and len(line.split()) >= 15
    ]
    return rng.choice(candidates) if candidates else None


def _mid_sentence_word(words: list[str], rng: random.Random) -> int | None:
    """Index of a word after which the cut leaves a sentence unfinished: not a sentence end,
    with at least four words of the sentence before it and two after it."""
    choices = []
    for index in range(4, len(words) - 2):
        window = words[index - 4 : index + 1]
        if any(SENTENCE_END.search(word) for word in window):
            continue
        if not words[index][-1:].isalpha():
            continue
        choices.append(index)
    return rng.choice(choices) if choices else None


def _defects(record: dict, rng: random.Random) -> Iterator[tuple[str, set[str], str]]:
    lines = record["body"].rstrip("\n").split("\n")
    where = _cut_paragraph(lines, rng)
    if where is None:
        return
    head = "\n".join(lines[:where])
    head = head + "\n" if head else ""
    words = lines[where].split(" ")
    index = _mid_sentence_word(words, rng)
    if index is not None:
        kept = " ".join(words[: index + 1])
        yield "mid-sentence", {"TR002"}, head + kept + "\n"
        yield "ellipsis", {"TR001"}, head + kept + rng.choice([" ...", "...", "…", " …"]) + "\n"
        following = words[index + 1]
        if len(following) >= 6 and following.isalpha():
            cut_word = following[: len(following) // 2]
            yield "mid-word", {"TR002"}, head + kept + " " + cut_word + "\n"
    quote = re.search(r"(?:^|\s)([“\"])(\w+(?:\s+\S+){5,})", lines[where])
    if quote:
        opened = quote.start(1)
        inside = lines[where][opened:].split(" ")[:4]
        yield (
            "open-quote",
            {"TR002", "TR004"},
            head + lines[where][:opened] + " ".join(inside) + "\n",
        )
    prompts = PROMPTS.get(record["lang"])
    if prompts:
        whole = "\n".join(lines[: where + 1])
        yield "prompt", {"TR003"}, whole + "\n\n" + rng.choice(prompts) + "\n"


def _codes(article: Article) -> set[str]:
    return {violation.code for violation in lint([article], SETTINGS)}


def test_injected_cut_offs_recall_and_precision() -> None:
    records = _records()
    rng = random.Random(20261129)
    true_positive = false_negative = false_positive = 0
    misses: list[str] = []
    noisy: list[str] = []
    kinds: dict[str, list[int]] = {}
    for record in records:
        clean = _codes(_article(record, record["body"]))
        if clean:
            false_positive += 1
            noisy.append(f"{record['file']} clean: {sorted(clean)}")
        for name, expected, body in _defects(record, rng):
            codes = _codes(_article(record, body))
            tally = kinds.setdefault(name, [0, 0])
            tally[1] += 1
            tally[0] += bool(expected & codes)
            if codes:
                true_positive += 1
            else:
                false_negative += 1
                misses.append(f"{record['file']} {name}: {body[-80:]!r}")
    assert true_positive + false_negative >= 300, "too few injected cases to judge"
    assert_recall_precision(
        "TR cut-offs",
        (true_positive, false_negative, false_positive),
        misses,
        noisy,
        f", clean articles flagged {len(noisy)}/{len(records)}; by kind: "
        + ", ".join(f"{name} {hit}/{total}" for name, (hit, total) in sorted(kinds.items())),
    )
