"""DL rules: dateline parsing, malformed and missing datelines, text before a dateline."""

from __future__ import annotations

import pytest

from artlint.config import Settings
from artlint.engine import lint
from artlint.models import Article
from artlint_rules._datelines import find_dateline

LEAD = "the president said on Tuesday that talks would begin next week in the capital city."


def text(body: str, **fields: object) -> Article:
    return Article(path="a.txt", format="text", body=body, **fields)  # type: ignore[arg-type]


def codes(article: Article, select: str = "DL") -> list[str]:
    return sorted(v.code for v in lint([article], Settings(select=[select])))


@pytest.mark.parametrize(
    ("opening", "place", "agency", "date"),
    [
        ("WASHINGTON (AP) — ", "WASHINGTON", "AP", None),
        ("ST. LOUIS (AP) — ", "ST. LOUIS", "AP", None),
        ("LONDON, Jan 5 (Reuters) - ", "LONDON", "Reuters", "Jan 5"),
        ("BEIJING, Jan. 5 (Xinhua) -- ", "BEIJING", "Xinhua", "Jan. 5"),
        ("HAWTHORNE, Calif.—", "HAWTHORNE", None, None),
        ("BUFFALO, N.Y. — ", "BUFFALO", None, None),
        ("SALVADOR, Feb 26 - ", "SALVADOR", None, "Feb 26"),
        ("Paris (AFP) - ", "Paris", "AFP", None),
        ("Hong Kong (CNN Business) ", "Hong Kong", "CNN Business", None),
        ("(Reuters) - ", None, "Reuters", None),
        ("(CNN) ", None, "CNN", None),
        ("Washington, DC, United States: ", "Washington", None, None),
        ("23/07/2007 15:14 TEHRAN, July 23 (RIA Novosti) - ", "TEHRAN", "RIA Novosti", "July 23"),
        # a date where the agency stands (AOL News)
        ("WASHINGTON (Aug. 13) -- ", "WASHINGTON", None, "Aug. 13"),
        # two agencies' credit (Europa Press carrying Reuters), the date day first
        ("MANAGUA, 2 Oct. (Reuters/EP) - ", "MANAGUA", "Reuters/EP", "2 Oct."),
    ],
)
def test_datelines_are_parsed(
    opening: str, place: str | None, agency: str | None, date: str | None
) -> None:
    found = find_dateline(text(opening + "The " + LEAD)).dateline
    assert found is not None
    assert (found.place, found.agency, found.date_text) == (place, agency, date)


def test_standalone_place_before_the_lead() -> None:
    found = find_dateline(text("BAAR, SWITZERLAND\n\nAscom " + LEAD)).dateline
    assert found is not None and found.kind == "standalone"


@pytest.mark.parametrize(
    "opening",
    [
        "NASA said on Monday that ",
        "U.S. - China trade talks resumed as ",
        "DEAR ABBY: My ",
        "COVID-19 cases rose as ",
        "UPDATE 2-Oil prices rose as ",
    ],
)
def test_ordinary_openings_are_no_datelines(opening: str) -> None:
    assert find_dateline(text(opening + LEAD)).dateline is None


def test_good_datelines_and_ordinary_articles_are_clean() -> None:
    assert codes(text("WASHINGTON (AP) — The " + LEAD)) == []
    assert codes(text("(CNN) The " + LEAD)) == []
    assert codes(text("Indianapolis – Several thousand " + LEAD)) == []
    # an ordinary article never needs a dateline
    assert codes(text("The " + LEAD, author="Jane Doe", source="example.com")) == []


@pytest.mark.parametrize(
    "broken",
    [
        "washington (AP) — The ",
        "washington (AP) ; The ",
        "madrid — Argentina ",
        "buffalo, n.y. — The ",
        "(Reuters — The ",
        "WASHINGTON (AP — The ",
        "WASHINGTON AP) — The ",
        "LONDON (Reuters) ; The ",
        "LONDON (Reuters) —— The ",
        "LONDON (Reuters) The ",
        "MADRID Argentina ",
        "VIENNA | The ",
        "LONDON (Reuters) - - The ",
        "PARIS, France The ",
        "LONDON | Reuters | The ",
        "LONDON The prime minister (Rishi Sunak) and ",
    ],
)
def test_malformed_datelines(broken: str) -> None:
    assert codes(text(broken + LEAD)) == ["DL003"]


@pytest.mark.parametrize(
    "dateline",
    [
        # two hyphens are the typewriter's dash: UPI's house style, and AP's in many papers
        "WELLINGTON (Reuters) -- ",
        "SEOUL, South Korea, Jan. 3 (UPI) -- ",
        # a region of two words after a well-known dateline city
        "SEOUL, South Korea (AP) — ",
        "NEW YORK, New York (AP) — ",
        "JOHANNESBURG, South Africa (Reuters) - ",
    ],
)
def test_wire_datelines_in_house_styles_are_not_malformed(dateline: str) -> None:
    assert codes(text(dateline + "The " + LEAD)) == []


@pytest.mark.parametrize(
    ("lead", "agency"),
    [
        # datelines in agencies' own styles, which the parser does not read as datelines
        ("Madrid (EFE).- La circulación de trenes se ha restablecido este martes", "EFE"),
        ("MINSK. July 26 (Interfax) - Syria could become a member next year", "Interfax"),
        ("MOSCOW, November 7. /TASS/. The talks will resume in the spring", "TASS"),
        ("New Delhi, Nov 7 (PTI) The Supreme Court on Tuesday asked the government", "PTI"),
    ],
)
def test_agency_datelines_in_their_own_styles_are_present(lead: str, agency: str) -> None:
    body = f"{lead} to act on the matter within weeks, officials said.\n\nMore text of the story."
    assert codes(text(body, author=agency)) == []


@pytest.mark.parametrize(
    "lead",
    [
        "Shares of the company fell, a spokesman told Reuters on Monday, after it said it would",
        "Deval Patrick told The Associated Press he would not run again for the office he held",
    ],
)
def test_an_agency_named_in_a_sentence_is_no_dateline(lead: str) -> None:
    body = f"{lead} cut 500 jobs across its plants this year.\n\nMore text of the story here."
    assert codes(text(body, author="Reuters")) == ["DL001"]


def test_a_table_row_is_no_dateline() -> None:
    header = "Type | Sym | Class | Transaction | Value $ | Date | Ownership |"
    row = "transaction | INSM | Common Stock | Sale | -$112K | Jan 9, 2024 | Direct |"
    assert codes(text("\n".join([header, "---|---|---|---|---|---|---|", row, row, LEAD]))) == []


def test_dash_less_house_style_can_be_configured() -> None:
    article = text("LONDON (Reuters) The " + LEAD)
    settings = Settings(select=["DL"], rules={"DL003": {"agencies-without-separator": ["Reuters"]}})
    assert lint([article], settings) == []


def test_missing_dateline_only_for_wire_copy() -> None:
    body = "The " + LEAD
    assert codes(text(body, author="The Associated Press")) == ["DL001"]
    assert codes(text(body, url="https://apnews.com/article/x")) == ["DL001"]
    assert codes(text(f"RIA Novosti\n\n{body}")) == ["DL001"]
    assert codes(text(f"{body}\n\n(Reporting by Jane Doe; Editing by John Roe)")) == ["DL001"]
    # configured source
    settings = Settings(
        select=["DL"], rules={"DL001": {"require-dateline-sources": ["example.com"]}}
    )
    article = text(body, url="https://www.example.com/a")
    assert [v.code for v in lint([article], settings)] == ["DL001"]
    # a generic "Additional reporting by" is no wire sign-off
    assert codes(text(f"{body}\n\nAdditional reporting by Jane Doe")) == []
    # nor does the agency's help make the paper's own story agency copy
    contributed = "Contributing: Liz Szabo, Michael Winter, Associated Press."
    assert codes(text(f"{body}\n\n{contributed}")) == []
    # an agency's name under the page's share tools credits the photo, not the story
    tools = "\n".join(
        [
            "Home",
            "World",
            "Business",
            "Markets",
            "Tech",
            "Sports",
            "Opinion",
            "Arts",
            "Print",
            "Email",
            "Share",
            "Tweet",
        ]
    )
    assert codes(text(f"{tools}\n\nAP\n\n{body}")) == []
    # under the headline it is the story's credit
    headline = "Iran-U.S. talks on Iraq security to start Tuesday"
    assert codes(text(f"{tools}\n\n{headline}\n\nRIA Novosti\n\n{body}")) == ["DL001"]
    # wire copy with its dateline is fine
    assert codes(text("WASHINGTON (AP) — The " + LEAD, author="Associated Press")) == []


def test_dateline_glued_after_sentences() -> None:
    body = (
        "Defense Secretary Mark Esper shakes hands in Hanoi on Wednesday. HANOI, Vietnam (AP) "
        "— The " + LEAD
    )
    assert codes(text(body)) == ["DL002"]


def test_text_before_dateline_is_off_by_default_and_info() -> None:
    body = (
        "23/07/2007 15:14 TEHRAN, July 23 (RIA Novosti) - Iran's ambassador to Iraq "
        "confirmed that talks would begin Tuesday in Baghdad."
    )
    assert codes(text(body)) == []
    violations = lint([text(body)], Settings(select=["DL006"]))
    assert [(v.code, v.severity, v.column) for v in violations] == [("DL006", "info", 1)]


# ---------------------------------------------------------------- prefilters and the shared search


def _parse_line_unfiltered(line):  # type: ignore[no-untyped-def]
    """The definition: the strict patterns at the line start and after every space + capital."""
    from artlint_rules._datelines import SEARCH_CHARS, _match_at

    line_text = line.text
    if len(line_text) < 4:
        return None
    found = _match_at(line_text, 0, line, "", searched=False)
    if found is not None:
        return found
    for position in range(1, min(len(line_text), SEARCH_CHARS)):
        if line_text[position - 1] == " " and line_text[position].isupper():
            prefix = line_text[:position].strip()
            found = _match_at(line_text, position, line, prefix, searched=True)
            if found is not None:
                return found
    return None


_PAD = "Officials said it was close. " * 14  # 406 characters: past the search limit


@pytest.mark.parametrize(
    "line_text",
    [
        "WASHINGTON (AP) — The " + LEAD,
        "Indianapolis – Thousands of teachers rallied.",
        "Once the preserve of science fiction, through films such as this one.",
        "U.S. Defense Secretary Mark Esper shakes hands. HANOI, Vietnam (AP) — U.S. ...",
        "By Jane Doe Nov 19, 2019 LONDON (Reuters) - The " + LEAD,
        "A B (AP) - The " + LEAD,
        "ÉVORA, Portugal (Lusa) — The " + LEAD,
        "Photo: x. МОСКВА (ТАСС) - The " + LEAD,
        "He said it. KYIV, Ukraine, Nov 19 (AP) -- The " + LEAD,
        "DEAR ABBY: My husband and I have been married for ten years.",
        "COVID-19 cases rose - officials said on Tuesday.",
        _PAD[:395] + " TOKYO (Reuters) - The " + LEAD,
        _PAD[:398] + " TOKYO (Reuters) - The " + LEAD,
        _PAD + " TOKYO (Reuters) - The " + LEAD,
    ],
)
def test_parse_line_equals_the_unfiltered_definition(line_text: str) -> None:
    from artlint_rules._datelines import parse_line

    line = text(line_text).structure.lines[0]
    assert repr(parse_line(line)) == repr(_parse_line_unfiltered(line))


def _malformation_unfiltered(line_text: str, exempt: list[str]) -> object:
    """The definition: every malformation pattern in turn, none skipped."""
    from artlint_rules import datelines as dl

    if line_text.count("|") >= 3:
        return None  # a table row
    match = dl._LOWERCASE_CITY.match(line_text) or dl._LOWERCASE_CITY_COLON.match(line_text)
    if match is not None:
        return ("lower", match.end())
    match = dl._UNCLOSED.match(line_text)
    if match is not None:
        return ("unclosed", match.end())
    match = dl._ODD_SEP.match(line_text)
    if match is not None and match.group("odd").strip() != ":":
        return ("odd", match.end())
    match = dl._PLACE_ODD_SEP.match(line_text)
    if match is not None and (
        match.group("region") or match.group("place") in dl.dateline_cities()
    ):
        return ("odd", match.end())
    match = dl._MISSING_SEP.match(line_text)
    if match is not None and not dl._exempt(match.group("agency"), exempt):
        return ("missing", match.end())
    match = dl._CITY_NO_SEP.match(line_text)
    if match is not None and match.group("place") in dl.dateline_cities():
        rest = line_text[match.end() :]
        if (
            rest[:1].isupper()
            and not rest.split(" ", 1)[0].isupper()
            and not (match.group("region") and dl._SEPARATOR_SOON.match(rest))
        ):
            return ("city", match.end())
    return None


@pytest.mark.parametrize(
    "line_text",
    [
        "washington (AP) ; The Senate voted on Tuesday to pass the bill.",
        "madrid — Argentina beat Spain on Tuesday in a friendly match.",
        "WASHINGTON (AP — The Senate voted on Tuesday to pass the bill.",
        "WASHINGTON AP) — The Senate voted on Tuesday to pass the bill.",
        "LONDON (Reuters) The Senate voted on Tuesday to pass the bill.",
        "PARIS (AFP) —— The Senate voted on Tuesday to pass the bill.",
        "BERLIN ~ The Senate voted on Tuesday to pass the bill today.",
        "MADRID Argentina beat Spain on Tuesday in a friendly match.",
        "(CNN) The Senate voted on Tuesday to pass the bill today.",
        "The Senate voted on Tuesday (in a close vote) to pass it.",
        "ÉVORA (Lusa) O Senado votou na terça-feira a favor da lei.",
        "transaction | INSM | Common Stock | Sale | -$112K | Jan 9, 2024 | Direct |",
        "SEOUL, South Korea, Jan. 3 (UPI) -- South and North Korea made contact today.",
        "NEW YORK, New York (AP) — The city said on Tuesday that talks would begin.",
        "PARIS, France The president said on Tuesday that talks would begin soon.",
    ],
)
def test_malformation_equals_the_unfiltered_definition(line_text: str) -> None:
    from artlint_rules.datelines import _malformation

    for exempt in (["CNN*"], []):
        found = _malformation(line_text, exempt)
        expected = _malformation_unfiltered(line_text, exempt)
        assert (found is None) == (expected is None)
        assert found is None or expected is None or found[1] == expected[1]  # type: ignore[index]


def test_dateline_search_is_shared_per_article() -> None:
    article = text("WASHINGTON (AP) — The " + LEAD)
    first = find_dateline(article)
    assert first is find_dateline(article)
    assert first.dateline is not None and first.dateline.place == "WASHINGTON"
    other = article.model_copy(update={"body": "LONDON (Reuters) - The " + LEAD})
    found = find_dateline(other).dateline
    assert found is not None and found.place == "LONDON"


def test_a_dateline_after_photo_captions_is_not_missing() -> None:
    # whole-page extractions put captions, credits and gallery labels before the lead
    caption = (
        "Former Massachusetts Gov. Deval Patrick, left, speaks with a business owner during a "
        "campaign stop on Tuesday in Columbia."
    )
    gallery = "\n\n".join(
        [caption, "Photo: Meg Kinnard, AP", "Image 1 of 5", "Caption", "Close"] * 4
    )
    lead = "COLUMBIA, S.C. (AP) — About a dozen small-business owners gathered on Tuesday night."
    assert codes(text(f"{gallery}\n\n{lead}", author="Associated Press")) == []
    # with no dateline anywhere the lead is still reported
    assert codes(
        text(f"{gallery}\n\nAbout a dozen owners gathered.", author="Associated Press")
    ) == ["DL001"]


# The prefilter classes are written negated because the positive forms compile slowly; they
# must be the very same sets, including the ASCII punctuation between the letter ranges.
@pytest.mark.parametrize(
    ("name", "positive"),
    [
        ("CAPITAL", r"[A-Z\x80-\U0010ffff]"),
        ("CAPS_CHAR", r"[A-Z.'\-\x80-\U0010ffff]"),
        ("_PLACE_CHAR", r"[A-Za-z.'\-\x80-\U0010ffff]"),
        ("_CAPS_CHAR_OR_SPACE", r"[A-Z.'\-\s\x80-\U0010ffff]"),
    ],
)
def test_negated_prefilter_classes_equal_their_positive_forms(name: str, positive: str) -> None:
    import re

    from artlint_rules import _datelines

    every = "".join(map(chr, range(0x110000)))
    negated = getattr(_datelines, name)
    assert re.findall(negated, every) == re.findall(positive, every)


def test_a_title_case_place_may_go_without_a_dash() -> None:
    # German agency copy: AFP's, KNA's and epd's German services print no dash
    german = "Die Meteorologen rechnen am Samstag mit dem Höhepunkt der Hitzewelle im Land."
    assert codes(text("Offenbach (AFP) " + german), "DL003") == []
    # the English wire style, place in capitals, prints one
    assert codes(text("BERLIN (dpa) " + german), "DL003") == ["DL003"]
    assert codes(text("(Reuters) The " + LEAD), "DL003") == ["DL003"]


def test_a_site_credit_before_the_place_is_not_a_lower_case_place() -> None:
    lead = "JAKARTA - Ribuan warga Jakarta mengungsi ke tempat lebih aman akibat banjir besar."
    assert codes(text("jpnn.com, " + lead), "DL003") == []
    assert codes(text("washington (AP) — The " + LEAD), "DL003") == ["DL003"]


def test_a_dateline_split_from_its_paragraph_is_not_missing() -> None:
    rail = "\n\n".join(["LE DÉBAT", "Un titre sur autre chose", "En savoir plus"] * 6)
    lead = "Le trafic à la SNCF sera encore perturbé en début de matinée vendredi, a dit le groupe."
    assert codes(text(f"{rail}\n\nPARIS (AFP) -\n\n{lead}", author="AFP"), "DL001") == []
    assert codes(text(f"PARIS (AFP) -\n\n{lead}", author="AFP"), "DL001") == []
    assert codes(text(f"{rail}\n\n{lead}", author="AFP"), "DL001") == ["DL001"]


def test_a_place_and_a_dash_open_german_agency_copy() -> None:
    standfirst = (
        "Es ist heiß in Deutschland - und es wird noch heißer, warnt der Wetterdienst heute."
    )
    lead = "Die Woche startet mit heißem Wetter in Deutschland, bevor dann Gewitter aufziehen."
    body = f"{standfirst}\n\ndpa 12.08.2024 - 11:41 Uhr\n\nOffenbach - {lead}"
    assert codes(text(body, author="dpa"), "DL001") == []
    assert codes(text(f"{standfirst}\n\n{lead}", author="dpa"), "DL001") == ["DL001"]
    # a story's label is no place
    english = "The council approved the new budget on Tuesday after a long debate."
    assert codes(text(f"Exclusive - {english}", author="Reuters"), "DL001") == ["DL001"]
    assert codes(text(f"UPDATE: {english}", author="Reuters"), "DL001") == ["DL001"]


def test_a_place_in_capitals_and_a_colon_is_a_dateline_of_its_own_style() -> None:
    lead = "Polis menahan seorang lelaki yang disyaki terlibat dalam kes pecah rumah tengah hari."
    assert codes(text(f"TELUK INTAN: {lead}", author="Bernama"), "DL001") == []
    assert codes(text(lead, author="Bernama"), "DL001") == ["DL001"]


def test_a_page_about_the_agency_is_no_agency_copy() -> None:
    about = (
        "The Associated Press is an independent global news organization dedicated to "
        "factual reporting, founded in 1846."
    )
    assert codes(text(f"Author\n\nThe Associated Press\n\n{about}"), "DL001") == []


@pytest.mark.parametrize("place", ["PUEBLO, Colo.", "NEW DELHI, India"])
def test_a_place_and_region_alone_above_the_lead_is_its_dateline(place: str) -> None:
    lead = "A sheriff's deputy is on administrative leave after shooting a man to death on Monday."
    head = "Deputy shoots man\n\nThe Associated Press\n\nOctober 12, 2017 7:07 PM"
    assert codes(text(f"{head}\n\n{place}\n\n{lead}", author="AP"), "DL001") == []
    assert codes(text(f"{head}\n\n{lead}", author="AP"), "DL001") == ["DL001"]


def test_wrapped_wire_copy_has_its_dateline() -> None:
    from pathlib import Path

    # a wire story wrapped at a width: its lead opens with the dateline on its first line
    story = (Path(__file__).parent / "data" / "wrapped_story.txt").read_text(encoding="utf-8")
    assert codes(text(story, author="Reuters")) == []
