"""DT rules and the strict date parser behind them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from artlint.config import Settings
from artlint.engine import lint
from artlint.models import Article
from artlint_rules._dates import DateProblem, DateValue, parse_date

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"


def codes(article: Article, select: str = "DT") -> list[str]:
    return sorted(v.code for v in lint([article], Settings(select=[select])))


def record(
    body: str = "Some article text that is long enough to be a paragraph of prose here.",
    **fields: object,
) -> Article:
    return Article(path="a.json", format="json", body=body, **fields)  # type: ignore[arg-type]


# ---------------------------------------------------------------- parser


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2007-07-23", dt.date(2007, 7, 23)),
        ("2007-07-23T15:14:00+04:00", dt.date(2007, 7, 23)),
        ("2007-07-23 15:14", dt.date(2007, 7, 23)),
        ("20070723T151400-0500", dt.date(2007, 7, 23)),
        ("Mon, 23 Jul 2007 15:14:00 +0000", dt.date(2007, 7, 23)),
        ("July 23, 2007", dt.date(2007, 7, 23)),
        ("Sept. 12, 2019", dt.date(2019, 9, 12)),
        ("23 July 2007", dt.date(2007, 7, 23)),
        ("23/07/2007", dt.date(2007, 7, 23)),
        ("07/23/2007", dt.date(2007, 7, 23)),
        ("23.07.2007", dt.date(2007, 7, 23)),
        ("05.06.2007", dt.date(2007, 6, 5)),
        ("23. Juli 2007", dt.date(2007, 7, 23)),
        ("le 23 juillet 2007", dt.date(2007, 7, 23)),
        ("23 de julho de 2007", dt.date(2007, 7, 23)),
        ("12 de septiembre de 2019", dt.date(2019, 9, 12)),
        ("23 luglio 2007", dt.date(2007, 7, 23)),
        ("7:01 p.m. ET Nov. 19, 2019", dt.date(2019, 11, 19)),
        ("Nov 20 2019, 15:24pm ist", dt.date(2019, 11, 20)),
    ],
)
def test_parser_accepts_what_a_careful_human_accepts(text: str, expected: dt.date) -> None:
    value = parse_date(text)
    assert isinstance(value, DateValue)
    assert value.date == expected


@pytest.mark.parametrize(
    "text", ["2007-02-30", "31/04/2007", "2007-13-01", "2007-07-23 25:00", "February 29, 2019"]
)
def test_parser_reports_impossible_dates(text: str) -> None:
    assert isinstance(parse_date(text), DateProblem)


@pytest.mark.parametrize("text", ["to", "May", "COVID-19", "2 hours ago", "July 23, 2007 15"])
def test_parser_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


def test_parser_never_invents_parts() -> None:
    yearless = parse_date("July 23")
    assert isinstance(yearless, DateValue) and yearless.year is None and yearless.date is None
    dayless = parse_date("March 2015")
    assert isinstance(dayless, DateValue) and dayless.day is None and dayless.date is None
    two_digits = parse_date("23/07/07")
    assert isinstance(two_digits, DateValue) and two_digits.two_digit_year
    assert two_digits.date is None


def test_parser_leaves_day_month_order_open_unless_told() -> None:
    open_order = parse_date("05/06/2007")
    assert isinstance(open_order, DateValue) and open_order.ambiguous and open_order.date is None
    day_first = parse_date("05/06/2007", day_first=True)
    assert isinstance(day_first, DateValue) and day_first.date == dt.date(2007, 6, 5)
    month_first = parse_date("05/06/2007", day_first=False)
    assert isinstance(month_first, DateValue) and month_first.date == dt.date(2007, 5, 6)


# ---------------------------------------------------------------- rules on records


def test_clean_record_has_no_findings() -> None:
    article = record(
        published="2019-11-19T10:00:00Z",
        crawled="2019-11-20T08:00:00Z",
        url="https://example.com/2019/11/19/story",
        extra={"dateModified": "2019-11-20"},
    )
    assert codes(article) == []


def test_human_formats_are_not_violations() -> None:
    for published in (
        "July 23, 2007",
        "23 July 2007",
        "23/07/2007",
        "2007-07-23 15:14",
        "Mon, 23 Jul 2007 15:14:00 +0000",
        "23. Juli 2007",
    ):
        assert codes(record(published=published, crawled="2007-07-24T00:00:00Z")) == []


def test_impossible_published() -> None:
    assert codes(record(published="2019-02-30T10:00:00Z", crawled="2019-03-05")) == ["DT001"]


def test_ambiguous_published_and_how_it_is_resolved() -> None:
    assert codes(record(published="05/06/2019", crawled="2019-07-01")) == ["DT002"]
    # the URL settles it: 5 June
    assert (
        codes(
            record(
                published="05/06/2019", crawled="2019-07-01", url="https://example.com/2019/06/05/x"
            )
        )
        == []
    )
    # a configured order settles it
    settings = Settings(select=["DT"], rules={"DT002": {"day-first": True}})
    assert lint([record(published="05/06/2019", crawled="2019-07-01")], settings) == []


def test_future_date_against_crawl_and_reference() -> None:
    assert codes(record(published="2019-12-01", crawled="2019-11-20T08:00:00Z")) == ["DT003"]
    # within 25 hours of the crawl: time zones
    assert codes(record(published="2019-11-21T06:00:00Z", crawled="2019-11-20T08:00:00Z")) == []
    settings = Settings(select=["DT003"], rules={"DT003": {"reference-date": "2019-11-20"}})
    assert [v.code for v in lint([record(published="2019-12-01")], settings)] == ["DT003"]


def test_placeholders_and_floor() -> None:
    assert codes(record(published="1970-01-01T00:00:00Z")) == ["DT004"]
    assert codes(record(published="0001-01-01")) == ["DT004"]
    assert codes(record(published="0019-11-19")) == ["DT008"]
    copied = "2019-11-20T08:01:02Z"
    assert codes(record(published=copied, crawled=copied)) == ["DT004"]


def test_weekday_mismatch_in_metadata_and_text() -> None:
    assert codes(record(published="Tue, 23 Jul 2007 15:14:00 +0000")) == ["DT007"]
    body = "The meeting was held on Monday, July 24, 2007, in Baghdad, officials said today."
    assert codes(record(body=body)) == ["DT007"]
    right = "The meeting was held on Tuesday, July 24, 2007, in Baghdad, officials said today."
    assert codes(record(body=right)) == []


def test_two_digit_year_unparseable_and_modified_before_published() -> None:
    assert codes(record(published="23/07/07")) == ["DT009"]
    assert codes(record(published="3 hours ago")) == ["DT010"]
    assert codes(record(published="July 23")) == ["DT010"]
    assert codes(
        record(published="2019-11-19", crawled="2019-11-20", extra={"date_modified": "2018-11-19"})
    ) == ["DT011"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the city of Santo Domingo, not a Sunday; the verb "wed", not a Wednesday
        ("Santo Domingo, 10 de marzo de 2025.- El presidente anunció hoy nuevas medidas.", []),
        ("The couple, who wed June 20, 1970, at St. Mark's, celebrated this week.", []),
        # weekdays they are: capitalised at the start, after a lower-case word, cut short
        ("On Monday, July 24, 2007, the meeting was held in Baghdad, officials said.", ["DT007"]),
        ("Domingo, 10 de marzo de 2025. El presidente anunció hoy nuevas medidas.", ["DT007"]),
        ("La reunión se celebró el lun. 24 de julio de 2007 en Bagdad, dijeron hoy.", ["DT007"]),
    ],
)
def test_weekday_names_that_are_no_weekdays(body: str, expected: list[str]) -> None:
    assert codes(record(body)) == expected


def test_the_language_of_the_record_settles_day_first() -> None:
    french = record(published="12/03/2021 16:25", language="fr", crawled="2021-05-01")
    assert codes(french) == []
    # only English leaves the order open
    assert codes(record(published="05/06/2021", language="en", crawled="2021-07-01")) == ["DT002"]
    # and read day first, a French date is checked as such: 05/06 is 5 June, after the crawl
    assert codes(record(published="05/06/2021", language="fr", crawled="2021-06-01")) == ["DT003"]


def test_the_language_comes_after_the_articles_own_dates() -> None:
    # the ISO date says month first, whatever Spanish usually does
    body = "Publicado el 05/06/2021 10:00\n\nEl gobierno anunció nuevas medidas para las empresas."
    spanish = record(body=body, language="es", published="2021-05-06", crawled="2021-05-20")
    assert codes(spanish) == []
    # US Spanish, and codes of no language, say nothing of the order
    for language in ("es-US", "und"):
        assert codes(record(published="05/06/2021", language=language, crawled="2021-07-01")) == [
            "DT002"
        ]


def test_a_crawl_date_that_meets_one_reading_settles_no_sibling() -> None:
    body = (
        "Published 03/04/2021 10:00\nUpdated 03/05/2021 11:00\n\n"
        "The council met on Tuesday to discuss the proposal, which has divided the city."
    )
    assert codes(record(body=body, crawled="2021-04-03")) == ["DT002"]


def test_a_date_settled_by_a_reference_settles_the_others_of_its_separator() -> None:
    body = (
        "Publié le 12/03/2021 16:25\nMis à jour le 01/04/2021 15:52\n\n"
        "Le gouvernement a annoncé mardi de nouvelles mesures pour soutenir les entreprises."
    )
    assert codes(record(body=body, published="2021-03-12", crawled="2021-05-01")) == []


def test_a_north_american_time_zone_settles_month_first() -> None:
    body = "Updated 10/04/16 05:12 PM EDT\n\nThe council voted on Tuesday to approve the budget."
    assert "DT002" not in codes(record(body=body))
    assert "DT002" in codes(record(body=body.replace(" EDT", "")))


@pytest.mark.parametrize(
    "value",
    [
        "30 января 2021, 17:32",
        "2023年11月20日",
        "2025-12-26 오전 3:30:02",
        "Tue, 07 Nov 2023 21:03 SAST",
        "Tue, 07 Nov 2023 2:03 pm WAT",
        "Le dimanche 7 avril 2019 à 08:39",
        # month names of languages the parser does not read
        "2017. Január 19. 07:45",
        "19 października 2021, 08:15",
        "12 Ekim 2022 14:05",
        "27. des. 2025, 11:19",
    ],
)
def test_a_date_in_a_form_artlint_does_not_read_is_left_alone(value: str) -> None:
    assert codes(record(published=value, crawled="2025-12-31")) == []


@pytest.mark.parametrize(
    "value",
    [
        "Updated 3 hours ago, 2024",
        "Page 1 of 2019",
        "2019-2020 season",
        "2021-06-31 (updated 2021)",
    ],
)
def test_numbers_around_a_year_in_words_artlint_reads_are_no_date(value: str) -> None:
    assert codes(record(published=value, crawled="2025-12-31")) == ["DT010"]


def test_dateline_date_year_is_inferred_from_published_not_today() -> None:
    body = (
        "LONDON, Dec 31 (Reuters) - Markets closed the year higher on Tuesday as traders "
        "looked ahead to the new year."
    )
    assert codes(record(body=body, published="2020-01-01T09:00:00Z")) == []
    assert codes(record(body=body, published="2020-02-15T09:00:00Z")) == ["DT006"]


def test_nonstandard_format_is_opt_in() -> None:
    article = record(published="July 23, 2007")
    assert codes(article) == []
    assert codes(article, select="DT005") == ["DT005"]


# ---------------------------------------------------------------- the seed

SEED_LINE = (
    "23/07/2007 15:14 TEHRAN, July 23 (RIA Novosti) - Iran's ambassador to Iraq "
    "confirmed that talks between his country and the United States on security issues "
    "in Iraq would begin Tuesday in Baghdad."
)


def test_seed_timestamp_and_dateline_agree() -> None:
    from artlint_rules.dates import DateOptions, stated_dates

    body = f"RIA Novosti\n\n{SEED_LINE}\n"
    dates = stated_dates(record(body=body), DateOptions())
    found = {item.source: item.value.date if item.value else None for item in dates}
    assert found["the timestamp before the dateline"] == dt.date(2007, 7, 23)
    dateline = next(item for item in dates if item.source == "the dateline").value
    assert dateline is not None and (dateline.month, dateline.day) == (7, 23)
    assert codes(record(body=body)) == []
    changed = body.replace("23/07/2007", "23/08/2007")
    assert codes(record(body=changed)) == ["DT006"]


def test_seed_file_has_no_dl_or_dt_finding() -> None:
    files = sorted(SEED.glob("*.txt")) if SEED.exists() else []
    if not files:
        pytest.skip("seed not available")
    for path in files:
        article = Article(path=str(path), format="text", body=path.read_text(encoding="utf-8"))
        assert lint([article], Settings(select=["DL", "DT"])) == []
        # a new Article, not model_copy: the copy would keep the cached line structure
        changed = Article(
            path=str(path), format="text", body=article.body.replace("23/07/2007", "23/08/2007")
        )
        assert [v.code for v in lint([changed], Settings(select=["DL", "DT"]))] == ["DT006"]


# ---------------------------------------------------------------- prefilters of text dates

# The stdlib scans that pick the lines _full_date_in_text() reads must find a superset of what
# the regex module would match; these check their assumptions against the installed regex.

_ALL_CHARS = "".join(map(chr, range(0x110000)))


def test_other_digits_lie_outside_the_digitless_blocks() -> None:
    import re

    import regex

    from artlint_rules.dates import _OTHER_SCRIPT

    digits = set(regex.findall(r"\d", _ALL_CHARS))
    assert digits - set("0123456789") <= set(re.findall(_OTHER_SCRIPT, _ALL_CHARS))


def test_stdlib_white_space_and_case_folding_cover_the_regex_modules() -> None:
    import re

    import regex

    from artlint_rules._dates import MONTHS

    assert set(regex.findall(r"\s", _ALL_CHARS)) <= set(re.findall(r"\s", _ALL_CHARS))
    for char in set("".join(MONTHS)) | set("de"):
        folded = set(regex.findall(regex.escape(char), _ALL_CHARS, regex.IGNORECASE))
        assert folded <= set(re.findall(re.escape(char), _ALL_CHARS, re.IGNORECASE)), char


def test_the_stdlib_classes_of_the_text_date_pattern_are_the_regex_modules() -> None:
    r"""The text-date pattern moved from ``regex`` to the stdlib: its letter-or-digit look-arounds
    and its white space must read every character as ``\p{L}\p{N}`` and ``\s`` did."""
    import re
    import unicodedata

    import regex

    from artlint_rules.dates import _SPACE

    # regex may ship a newer Unicode than this Python: compare the characters both have
    assigned = "".join(char for char in _ALL_CHARS if unicodedata.category(char) != "Cn")
    assert set(re.findall(r"[^\W_]", assigned)) == set(regex.findall(r"[\p{L}\p{N}]", assigned))
    assert set(re.findall(_SPACE, assigned)) == set(regex.findall(r"\s", assigned))


def _text_dates_unfiltered(article: Article) -> list[tuple[int, int, str]]:
    """The definition: the strict pattern over every line with four digits in a row."""
    from artlint_rules.dates import _full_date_in_text, date_in_line

    found = []
    for line in article.structure.lines:
        if not any(line.text[i : i + 4].isdigit() for i in range(len(line.text))):
            continue
        for match in _full_date_in_text().finditer(line.text):
            date, begin = date_in_line(match.group(0), line.text, match.start())
            result = parse_date(date)
            if result is not None:
                start = line.start + begin
                found.append((start, line.start + match.end(), repr(result)))
    return found


_FILLER = "officials said the vote (held in the capital) was close; " * 6


@pytest.mark.parametrize(
    "body",
    [
        "It happened on April 31, 2019, officials said.",
        _FILLER + "Monday, July 24, 2007 and " + _FILLER + "on 31 de abril de 2019. " + _FILLER,
        # a long line: only windows around month names are read
        _FILLER + "Tue. 5th Nov 2019 " * 3 + _FILLER + "le 31 février 2019 | Sept. 31, 2020",
        _FILLER + "May\n5, 2019 " + "Saturday, 31 June 2019\u3000" + _FILLER,
        # digits other than 0-9 (the regex module's \d) in a long and a short line
        _FILLER + "May ٥, ٢٠١٩ and 3 de março de ٢٠١٩ " + _FILLER,
        "Fri., Nov 22nd, ２０１９ saw a rally and Dec 5 2019.",
        "no dates here, only 2019 and May",
        # weekday names that are no weekdays, in a long line too
        _FILLER + "Santo Domingo, 10 de marzo de 2025 and those who wed June 20, 1970 " + _FILLER,
    ],
)
def test_text_dates_equal_the_unfiltered_definition(body: str) -> None:
    from artlint_rules.dates import text_dates

    article = record(body)
    found = [(item.start, item.end, repr(item.result)) for item in text_dates(article)]
    assert found == _text_dates_unfiltered(article)


def test_text_dates_are_kept_per_article() -> None:
    from artlint_rules.dates import text_dates

    article = record("It happened on April 31, 2019, officials said.")
    assert text_dates(article) is text_dates(article)
    other = article.model_copy(update={"body": "Nothing on May 5, 2019 was odd."})
    assert [item.start for item in text_dates(other)] == [11]
    assert isinstance(text_dates(article)[0].result, DateProblem)


@pytest.mark.parametrize(
    "text",
    [
        "Last updated on Nov 19, 2019",
        "Updated: 2019-11-19",
        "Stand: 23.07.2007",
        "Posted 5/6/07",
        "Ongoing 2019",
        "on 19 Nov",
        "Publié le 3 mars 2019",
        "",
        "Date:2019",
        "dates 2019",
    ],
)
def test_strip_label_equals_trying_every_label(text: str) -> None:
    from artlint_rules.dates import _LABELS, _strip_label

    expected = (text, "published", 0)
    for label, role in _LABELS:
        lowered = text.lower()
        if lowered.startswith(label) and not lowered[len(label) : len(label) + 1].isalpha():
            stripped = text[len(label) :].lstrip(" :")
            expected = (stripped, role, len(text) - len(stripped))
            break
    assert _strip_label(text) == expected


def test_digits_python_cannot_read_are_no_date_and_no_crash() -> None:
    # the regex module's Unicode tables, which the rules' patterns use, know digits (Nag
    # Mundari, U+1E4F0...) that int() does not: such a "date" is left alone, no rule crashes
    digits = [chr(0x1E4F0 + i) for i in range(10)]
    day, month, year = (
        digits[1] + digits[2],
        digits[0] + digits[3],
        "".join(digits[i] for i in (2, 0, 2, 0)),
    )
    assert parse_date(f"{day}.{month}.{year}") is None
    body = f"Title\n\nPublished {day}.{month}.{year}\n\nThe meeting went well for all who came.\n"
    found = lint([Article(path="a.txt", format="text", body=body)], Settings())
    assert not [v for v in found if v.code.startswith("AL")]


def test_first_character_test_skips_only_forms_that_cannot_match() -> None:
    # The forms are tried only for texts whose first character they can open with; every form
    # that fullmatches some text must be among those tried for its first character.
    from artlint_rules._dates import _FORMS, _FORMS_BY_INITIAL, _compiled

    samples = [
        "2007-07-23",
        "20070723T151400Z",
        "2007/07/23",
        "23/07/2007",
        "Mon, 23/07/2007",
        "July 23, 2007",
        "Monday, July 23, 2007",
        "le 23 juillet 2007",
        "the 23rd of July 2007",
        "o 23 de julho de 2007",
        "Tue, 23 Jul 2007 15:14:00 GMT",
        "July 2007",
        "julho de 2007",
        "Jul 23",
        "Sunday, Jul 23",
        "23 July",
        "quarta-feira, 23 de julho",
        "Édition",
    ]
    for text in samples:
        tried = {kind for kind, _ in _FORMS_BY_INITIAL.get(text[0], _FORMS)}
        matching = {kind for kind, source in _FORMS if _compiled(source).fullmatch(text)}
        assert matching <= tried, text
        assert matching or text == "Édition", text


@pytest.mark.parametrize(
    "text",
    [
        "2007-07-23T15:14:00+02:00",
        "20070723T151400Z",
        "Mon, 23/07/2007 3:45 p.m. EST",
        "MONDAY, JULY 23, 2007",
        "23 DÉCEMBRE 2007 à 15h14",
        "3. MÄRZ 2020 um 15.14 Uhr",
        "SÁBADO, 5 DE MARÇO DE 2022",
        "terça-feira, 1º de janeiro de 2019",
        "giovedì 23 luglio 2020, ore 10:30",
        "7:01 p.m. ET Nov. 19, 2019",
        "\uff12\uff10\uff10\uff17-07-23",  # full-width digits: Unicode digits in both engines
        "July 23, 2007 Kelvin",
    ],
)
def test_date_forms_match_alike_in_re_and_regex(text: str) -> None:
    # The forms moved from the regex module to the standard library's re (it compiles them three
    # times faster): on dates in every supported language both engines read the same parts.
    import regex

    from artlint_rules._dates import _FORMS, _TIME_FIRST, _compiled

    sources = [source for _kind, source in _FORMS] + [_TIME_FIRST]
    assert any(_compiled(source).match(text) for source in sources), "not a date at all"
    for source in sources:
        ours = _compiled(source)
        theirs = regex.compile(source, regex.IGNORECASE)
        for method in ("fullmatch", "match"):
            mine = getattr(ours, method)(text)
            other = getattr(theirs, method)(text)
            assert (mine is None) == (other is None), (source[:40], method, text)
            if mine is not None and other is not None:
                assert mine.groupdict() == other.groupdict(), (method, text)


@pytest.mark.parametrize(
    ("code", "option", "value"),
    [("DT008", "floor", "notadate"), ("DT003", "reference-date", "soon")],
)
def test_date_options_that_are_no_dates_are_config_errors(
    code: str, option: str, value: str
) -> None:
    # a floor that cannot be read used to switch DT008 off without a word
    from artlint.config import ConfigError
    from artlint.testing import lint as lint_text

    with pytest.raises(ConfigError, match=f"{option}.*is not a date"):
        lint_text("Headline\n\nText.\n", select=[code], options={code: {option: value}})


@pytest.mark.parametrize(
    ("text", "month"),
    [("Aprıl 5, 2007", 4), ("APRİL 5, 2007", 4), ("ſeptember 5, 2007", 9), ("Aprıl 31, 2007", 4)],
)
def test_month_names_matched_only_under_case_folding_are_read_not_crashed_on(
    text: str, month: int
) -> None:
    """The stdlib engine matches 'ı' to 'i', 'ſ' to 's' and 'İ' to 'i' under IGNORECASE, which
    lower() does not: the parser must read such a name, never fail on the month table."""
    result = parse_date(text)
    assert result is not None
    assert getattr(result, "month", None) == month or isinstance(result, DateProblem)
    body = f"The council met in Ankara on {text}, officials said in a statement on Monday."
    codes = [v.code for v in lint([record(body)], Settings(select=["DT", "AL"]))]
    assert "AL001" not in codes
    assert ("DT001" in codes) == text.startswith("Aprıl 31")  # April has 30 days


def test_a_metadata_date_is_named_by_the_key_the_record_holds_it_under() -> None:
    from artlint.testing import lint as lint_text

    raw = '{"maintext": "Some text here.", "date_publish": "2024-13-45", "date_modify": "x"}\n'
    (found,) = lint_text(raw, select=["DT001"], format="jsonl")
    assert "in field 'date_publish'" in found.message


def test_a_masthead_date_above_the_headline_is_not_the_articles() -> None:
    lead = "I recently saw on a neighbourhood forum that parking for veterans may be restricted."
    body = f"Sunday, September 26, 2021\n\nLetter: City council is not listening\n\n{lead}\n"
    assert codes(record(body, published="2021-06-24"), "DT006") == []
    # under the headline, a date line is the article's, and compared
    below = f"Letter: City council is not listening\n\nSunday, September 26, 2021\n\n{lead}\n"
    assert codes(record(below, published="2021-06-24"), "DT006") == ["DT006"]
