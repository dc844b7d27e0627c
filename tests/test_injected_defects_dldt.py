"""DL/DT on real articles with injected defects: recall >= 0.9 at precision >= 0.95.

Real bodies come from the ground-truth files of the aeb corpus (skipped when it is absent). Each
article is linted clean (with plausible metadata) and with one defect injected at a time; the
expected code must appear on the defective copy and no DL/DT finding on the clean one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from conftest import aeb_ground_truth, assert_recall_precision

from artlint.config import Settings
from artlint.engine import lint
from artlint.models import Article

SETTINGS = Settings(select=["DL", "DT"])
URL_DATE = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")


def _records() -> list[dict]:
    return aeb_ground_truth()


def _published(record: dict) -> dt.datetime:
    match = URL_DATE.search(record["url"])
    if match:
        year, month, day = (int(part) for part in match.groups())
        return dt.datetime(year, month, day, 12, 0)
    return dt.datetime(2019, 11, 19, 12, 0)


def _article(record: dict, body: str | None = None, **fields: object) -> Article:
    published = _published(record)
    values: dict = {
        "path": record["file"],
        "format": "json",
        "body": record["body"] if body is None else body,
        "url": record["url"],
        "published": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "crawled": (published + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    values.update(fields)
    return Article(**values)


def _rfc2822(moment: dt.datetime, shift_weekday: int) -> str:
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    weekday = names[(moment.weekday() + shift_weekday) % 7]
    return f"{weekday}, {moment:%d %b %Y %H:%M:%S} +0000"


def _date_defects(record: dict) -> Iterator[tuple[str, str, Article]]:
    published = _published(record)
    body = record["body"]
    yield "impossible", "DT001", _article(record, published="2019-02-30T10:00:00Z")
    yield "weekday", "DT007", _article(record, published=_rfc2822(published, 3))
    future = published + dt.timedelta(days=12)
    yield "future", "DT003", _article(record, published=future.strftime("%Y-%m-%dT%H:%M:%SZ"))
    yield "placeholder", "DT004", _article(record, published="1970-01-01T00:00:00Z")
    stale = published - dt.timedelta(days=40)
    yield (
        "head-date",
        "DT006",
        _article(record, body=f"Published: {stale:%B} {stale.day}, {stale.year}\n\n{body}"),
    )
    yield (
        "modified",
        "DT011",
        _article(
            record, extra={"dateModified": (published - dt.timedelta(days=30)).date().isoformat()}
        ),
    )
    yield "unparseable", "DT010", _article(record, published="3 hours ago")
    yield "ambiguous", "DT002", _article(record, url=None, published="05/06/2019")


def _dateline_defects(record: dict) -> Iterator[tuple[str, str, Article]]:
    dateline = record["dateline"]
    if not dateline or dateline["kind"] not in ("place", "place_agency"):
        return
    body = record["body"]
    text = dateline["text"]
    if not body.startswith(text):
        return
    rest = body[len(text) :]
    place = dateline["place"]
    lowered = place.lower() + text[len(place) :]
    yield "lower-city", "DL003", _article(record, body=lowered + rest)
    core = text[: len(text) - len(dateline["sep"])].rstrip()
    if dateline["agency"]:
        yield "odd-sep", "DL003", _article(record, body=f"{core} ;{rest}")
        yield "no-sep", "DL003", _article(record, body=f"{core}{rest}")
        open_bracket = core[:-1]
        yield "unclosed", "DL003", _article(record, body=f"{open_bracket} {dateline['sep']}{rest}")
    else:
        yield (
            "odd-sep",
            "DL003",
            _article(
                record, body=f"{core} |{rest}" if core.isupper() else f"{core.lower()} |{rest}"
            ),
        )
    published = _published(record)
    other = published - dt.timedelta(days=45)
    head, _, tail = core.partition(" (")
    dated = f"{head}, {other:%b}. {other.day}" + (f" ({tail}" if tail else "")
    yield "dateline-date", "DT006", _article(record, body=f"{dated} {dateline['sep']}{rest}")
    yield "missing", "DL001", _article(record, body=rest.lstrip(" "), author="The Associated Press")


def _codes(article: Article) -> set[str]:
    return {violation.code for violation in lint([article], SETTINGS)}


def test_injected_defects_recall_and_precision() -> None:
    records = _records()
    true_positive = false_negative = false_positive = 0
    misses: list[str] = []
    noisy: list[str] = []
    for record in records:
        clean = _codes(_article(record))
        if clean:
            false_positive += 1
            noisy.append(f"{record['file']} clean: {sorted(clean)}")
        for name, expected, article in [*_date_defects(record), *_dateline_defects(record)]:
            codes = _codes(article)
            if expected in codes:
                true_positive += 1
            else:
                false_negative += 1
                misses.append(f"{record['file']} {name}: {sorted(codes)}")
                if codes:
                    false_positive += 1
    assert_recall_precision(
        "DL/DT defects",
        (true_positive, false_negative, false_positive),
        misses,
        noisy,
        f", clean articles flagged {len(noisy)}/{len(records)}",
    )
