"""Line roles and the body span of artlint.structure, on small hand-made articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from artlint.structure import (
    BODY,
    BREADCRUMB,
    COMMENTS,
    CRUMB,
    EDGE,
    HEAD,
    HEADLINE,
    MENU,
    META,
    PARAGRAPH,
    RELATED,
    TAIL,
    TEXT,
    Line,
    Structure,
    analyse,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"

PARA = (
    "The council voted on Tuesday to approve the new budget after a long debate about "
    "schools, roads and the future of the central library in the old town."
)
PARA2 = (
    "Opponents said the plan relied on optimistic revenue forecasts, while supporters argued "
    "that the cuts proposed by the minority would have closed two clinics next spring."
)
MENU_ITEMS = [
    "Home",
    "World",
    "Business",
    "Markets",
    "Tech",
    "Sports",
    "Opinion",
    "Arts",
    "Travel",
    "Science",
]


def by_text(structure: Structure) -> dict[str, Line]:
    return {line.text: line for line in structure.lines}


def test_clean_article_keeps_old_zones_and_marks_paragraphs() -> None:
    body = "\n\n".join(["BAAR, SWITZERLAND", PARA, "What comes next", PARA2, "Reporting by Jo Li"])
    lines = by_text(analyse(body))
    assert lines["BAAR, SWITZERLAND"].zone == HEAD
    assert lines["BAAR, SWITZERLAND"].role == EDGE
    assert lines[PARA].role == PARAGRAPH and lines[PARA].zone == BODY
    assert lines["What comes next"].role == TEXT and lines["What comes next"].zone == BODY
    assert lines["Reporting by Jo Li"].zone == TAIL
    assert all(line.block == -1 for line in lines.values())


def test_offsets_paragraphs_and_numbers() -> None:
    body = "  Title line  \n\n" + PARA + "\n" + PARA2
    structure = analyse(body)
    first = structure.lines[0]
    assert body[first.start : first.end] == "Title line"
    assert [line.number for line in structure.lines] == [0, 2, 3]
    assert [line.paragraph for line in structure.lines] == [0, 1, 1]


def test_empty_and_prose_free_bodies() -> None:
    assert analyse("").lines == []
    structure = analyse("Home\nNews\n")
    assert not structure.has_prose
    assert {line.zone for line in structure.lines} == {HEAD}


def test_seed_shaped_head_zone() -> None:
    body = "\n\n".join(
        [
            "The Largest Career Network for Defense Jobs - JOIN NOW",
            "Weapons of Mass Destruction (WMD)",
            "World Iran-U.S. talks on Iraq security to start Tuesday - Iranian diplomat",
            "RIA Novosti",
            "TEHRAN, July 23 (RIA Novosti) - " + PARA,
            PARA2,
        ]
    )
    lines = by_text(analyse(body))
    assert lines["Weapons of Mass Destruction (WMD)"].role == CRUMB
    assert lines["RIA Novosti"].role == META
    assert (
        lines["World Iran-U.S. talks on Iraq security to start Tuesday - Iranian diplomat"].role
        == HEADLINE
    )
    assert lines["The Largest Career Network for Defense Jobs - JOIN NOW"].role == EDGE


def test_no_crumb_without_headline_or_when_label_is_a_sentence() -> None:
    body = "\n\n".join(["GIRLS BASKETBALL", "Palm Bay d. Rockledge 70-44", PARA, PARA2])
    assert not any(line.role == CRUMB for line in analyse(body).lines)
    body = "\n\n".join(["Bugs fixed", "Try something new with your couple this weekend", PARA])
    assert not any(line.role == CRUMB for line in analyse(body).lines)


GERMAN_LEAD = (
    "Ersten Erkenntnissen zufolge streifte das Fahrzeug bei einem Überholvorgang einen BMW und "
    "stieß dann mit einem vorausfahrenden Lastwagen zusammen, wie die Polizei mitteilte."
)


@pytest.mark.parametrize(
    ("label", "crumb"),
    [
        # German capitalises its nouns: a kicker of a few words is the headline's first line
        ("Auf Einsatzfahrt", False),
        ("Einsätze der Feuerwehr", False),
        # a one-word label, or one in capitals, is still the site's section
        ("Lokales", True),
        ("AUS DER REGION", True),
    ],
)
def test_a_german_kicker_is_no_section_label(label: str, crumb: bool) -> None:
    headline = "Acht Verletzte nach Unfall mit Feuerwehr-Fahrzeug in Landshut"
    body = "\n\n".join([label, headline, GERMAN_LEAD, GERMAN_LEAD])
    assert (by_text(analyse(body))[label].role == CRUMB) is crumb


def page(before: list[str], after: list[str]) -> str:
    return "\n".join(before) + "\n\n" + PARA + "\n\n" + PARA2 + "\n\n" + "\n".join(after)


def test_whole_page_menu_is_one_block_outside_the_body() -> None:
    structure = analyse(page(MENU_ITEMS, ["About Us", "Contact", "Careers", "Advertise"]))
    assert structure.page
    menus = structure.blocks(MENU)
    assert [[line.text for line in block] for block in menus] == [
        MENU_ITEMS,
        ["About Us", "Contact", "Careers", "Advertise"],
    ]
    assert {line.zone for line in menus[0]} == {HEAD}
    assert {line.zone for line in menus[1]} == {TAIL}
    assert by_text(structure)[PARA].zone == BODY


def test_short_runs_are_menus_only_on_a_page_with_a_real_menu() -> None:
    structure = analyse(page([], ["About Us", "Contact", "Careers", "Advertise"]))
    assert not structure.page
    assert structure.blocks(MENU) == []


def test_closing_list_of_dates_is_not_a_menu_even_on_a_page() -> None:
    dates = [f"June {day} -- Arena {day}, Tampa, FL" for day in range(1, 12)]
    structure = analyse(page(MENU_ITEMS, ["Tour dates", *dates]))
    menu_texts = {line.text for block in structure.blocks(MENU) for line in block}
    assert not menu_texts & set(dates)


HEADLINES = [
    "Stalled US-China talks raise threat of another impasse",
    "And the Grammy nomination could go to...",
    "Why Shepard wasn't at Bell's Walk of Fame ceremony",
    "Mercedes-Maybach GLS teased ahead of debut",
    "Ferris wheel becomes giant Christmas lantern",
    "Options narrow for last Hong Kong campus protesters",
]
FOOTER = ["About Us", "Contact", "Careers", "Advertise", "Privacy", "Terms"]


def _related_texts(structure: Structure) -> set[str]:
    return {line.text for block in structure.blocks(RELATED) for line in block}


@pytest.mark.parametrize("bullet", ["", "* "])
def test_a_list_of_headlines_in_the_page_chrome_is_a_related_list(bullet: str) -> None:
    # a whole-page dump: the site's list of other stories under its menu, above the article
    # and its headline
    items = [bullet + text for text in HEADLINES]
    headline = "Council approves the budget after a long debate"
    structure = analyse(page([*MENU_ITEMS, "", *items, "", headline], ["", *FOOTER]))
    assert _related_texts(structure) == set(items)
    # without a headline, the line right above the text may be the article's own: kept
    structure = analyse(page([*MENU_ITEMS, "", *items], ["", *FOOTER]))
    assert _related_texts(structure) == set(items[:-1])


def test_the_articles_own_lists_on_a_page_are_no_related_lists() -> None:
    # the headline over its bulleted key points, right above the text
    points = [f"* {text}" for text in HEADLINES]
    head = [*MENU_ITEMS, "", "Council approves new budget after marathon session", *points]
    assert _related_texts(analyse(page(head, ["", *FOOTER]))) == set()
    # a closing list its own line introduces, above the footer's menu
    novels = [f"{text}, by Jane Smith" for text in HEADLINES]
    closing = ["The shortlisted novels are:", *novels, "", *FOOTER]
    assert _related_texts(analyse(page(MENU_ITEMS, closing))) == set()


@pytest.mark.parametrize(
    "after",
    [
        # a clean extraction: nothing around the list is the page's chrome
        ["Read these next", *HEADLINES],
        # on a page, but with the article's text on both sides, not its menus
        [*HEADLINES, "", "Jo Li is our council reporter, writing on the city and its budget.", ""],
        # four headlines are no list yet
        [*HEADLINES[:4], "", *FOOTER],
        # dates and places in most lines: the article's own schedule
        [*(f"June {day} -- Arena {day}, Tampa, FL" for day in range(1, 8)), "", *FOOTER],
        # lines that end like sentences are the article's own list
        [*(text + "." for text in HEADLINES), "", *FOOTER],
    ],
)
def test_lines_that_are_no_headerless_list_of_headlines(after: list[str]) -> None:
    before = [*MENU_ITEMS, ""] if FOOTER[0] in after or after[-1] == "" else []
    list_first = [*before, *after[: after.index("")]] if FOOTER[0] in after else []
    assert _related_texts(analyse(page(before, after))) == set()
    if list_first:  # the same lines under the menu, above the article
        assert _related_texts(analyse(page(list_first, FOOTER))) == set()


@pytest.mark.parametrize(
    "head",
    [
        # the headline right under the menu's last item, then the byline
        ["2012 map takes unfamiliar shape", "By Maggie Haberman | 10/9/10 7:15 AM EDT"],
        # the headline, then the page's tools and counters, then its byline and date
        [
            "Verizon shows off iPad TV app and more",
            "By: Marguerite Reardon August 18, 2010 3:21 PM PDT",
            "Print",
            "E-mail",
            "Share",
            "56 comments",
        ],
    ],
)
def test_the_headline_under_a_menu_is_no_menu_item(head: list[str]) -> None:
    structure = analyse(page([*MENU_ITEMS, *head], []))
    menu_texts = {line.text for block in structure.blocks(MENU) for line in block}
    assert set(MENU_ITEMS) <= menu_texts
    assert head[0] not in menu_texts


@pytest.mark.parametrize(
    "head",
    [
        # headline, date, byline, then the page's share tools above the text
        [
            "The Adorable Reason You Can Set Your Alert Sound to Hummus on Slack",
            "December 28, 2016",
            "by Laura E. Adkins",
            *["Getty Images", "Share", "Facebook", "Twitter", "Pinterest", "Email"],
        ],
        # headline, the byline's name over its date, then the tools
        [
            "World's slowest-moving drop caught on camera at last",
            "Richard Johnston",
            "18 July 2013",
            *["Article tools", "Print", "Email", "Share/bookmark", "Facebook", "Twitter"],
        ],
    ],
)
def test_the_head_above_the_share_tools_is_no_menu(head: list[str]) -> None:
    structure = analyse(page([*MENU_ITEMS, "", *head], []))
    menu_texts = {line.text for block in structure.blocks(MENU) for line in block}
    assert set(MENU_ITEMS) <= menu_texts
    assert not menu_texts & set(head[:3])


def test_menu_span_stops_the_body_at_junk() -> None:
    # a prose-like cookie sentence above the menu must not pull the body up over the menu
    cookie = (
        "We use cookies to give you the best experience on our website and to show you "
        "relevant advertising, as described in our policy."
    )
    structure = analyse(cookie + "\n\n" + page(MENU_ITEMS, []))
    lines = by_text(structure)
    assert lines[cookie].zone == HEAD
    assert lines[PARA].zone == BODY


def test_related_header_and_headlines_are_one_block() -> None:
    body = "\n\n".join(
        [
            PARA,
            PARA2,
            "Most Popular\nVolker Saw No Harm in Investigating Theories\nStandoff "
            "at a Hong Kong University",
            PARA,
        ]
    )
    structure = analyse(body)
    blocks = structure.blocks(RELATED)
    assert [[line.text for line in block] for block in blocks] == [
        [
            "Most Popular",
            "Volker Saw No Harm in Investigating Theories",
            "Standoff at a Hong Kong University",
        ]
    ]


def test_inline_read_more_pointer_is_related() -> None:
    body = "\n\n".join([PARA, "Read more: Tencent profit falls as Alibaba threat weighs", PARA2])
    lines = by_text(analyse(body))
    assert lines["Read more: Tencent profit falls as Alibaba threat weighs"].role == RELATED


def test_lone_header_between_paragraphs_and_prefix_subheading_are_not_related() -> None:
    body = "\n\n".join([PARA, "Leggi anche", PARA2, "More on the economy", PARA])
    assert analyse(body).blocks(RELATED) == []


def test_comment_section_after_the_article() -> None:
    comment = "I have lived in this town for forty years and never seen a budget like it."
    body = "\n\n".join([PARA, PARA2, PARA, "Leave a Reply", comment, "Posted by Anna"])
    structure = analyse(body)
    (block,) = structure.blocks(COMMENTS)
    assert [line.text for line in block] == ["Leave a Reply", comment, "Posted by Anna"]
    assert by_text(structure)[comment].zone == TAIL


def test_comment_marker_early_in_the_text_is_a_subheading() -> None:
    body = "\n\n".join([PARA, "Comments", PARA2, PARA2, PARA2])
    assert analyse(body).blocks(COMMENTS) == []


PRIVACY = (
    "Your personal data will only be disclosed or otherwise transmitted to third parties for "
    "the purpose of spam filtering or if this is necessary for technical maintenance of the "
    "website, and any other transfer to third parties will not take place unless this is "
    "justified on the basis of applicable data protection regulations."
)


@pytest.mark.parametrize(
    "form",
    [
        "Your email address will not be published. Required fields are marked *",
        "Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *",
        "האימייל לא יוצג באתר. שדות החובה מסומנים *",
    ],
)
def test_a_comment_marker_with_its_form_under_it_opens_the_section_anywhere(form: str) -> None:
    # the form's privacy notices are prose too, and more of it than the article's last third
    body = "\n\n".join(
        [PARA, PARA2, PARA, "Leave a Reply", form, "Name *", "Email *", *[PRIVACY] * 3]
    )
    (block,) = analyse(body).blocks(COMMENTS)
    assert block[0].text == "Leave a Reply" and block[-1].text == PRIVACY
    # without the form, the same marker there is a subheading of the text
    assert analyse(body.replace(form, "")).blocks(COMMENTS) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Home > Politics > Congress", True),
        ("Mensagens » Mensagens de Autoestima", True),
        ("About / Advertise / Tip Us / Contact", True),
        ("| Ticker | Security | Last | Change |", False),
        ("9.30 A.M. / 7.00 P.M.", False),
        # a photo's credit, a byline with its address: no bar of links
        ("Brian Brainerd | The Denver Post | Getty Images", False),
        ("Harris & Ewing / Library of Congress / Zak Bickel / The Atlantic", False),
        ("Mike Cason | mcason@al.com | Alabama Media Group", False),
        ("Input > Output", True),
        ("Image Source: Neil Godwin / Future Publishing", False),
        ("By Bill Hoppe | Special to the Pioneer Press", False),
    ],
)
def test_breadcrumb_shapes(text: str, expected: bool) -> None:
    lines = by_text(analyse(PARA + "\n\n" + text + "\n\n" + PARA2))
    assert (lines[text].role == BREADCRUMB) is expected


def test_line_stays_positional_compatible() -> None:
    line = Line(1, 0, 4, "Home", 1, False, HEAD, 0)
    assert line.role == TEXT and line.block == -1


@pytest.mark.skipif(not SHARED.exists(), reason="shared data absent")
def test_seed_roles() -> None:
    (seed,) = sorted((SHARED / "seed").glob("*.txt"))
    structure = analyse(seed.read_text(encoding="utf-8"))
    roles = {line.number + 1: line.role for line in structure.lines}
    zones = {line.number + 1: line.zone for line in structure.lines}
    assert roles[3] == CRUMB
    assert roles[5] == HEADLINE
    assert roles[7] == META
    assert zones[9] == BODY and all(zones[n] == BODY for n in range(11, 32, 2))
    assert zones[33] == TAIL and zones[35] == TAIL


def test_remembered_shape_tests_agree_with_the_public_ones() -> None:
    # the analysis remembers related_header and is_comment_marker by line text; a page seen
    # twice (and its lines seen in other pages) must get the same roles every time
    from artlint import structure

    body = "\n".join(
        ["Most Read", "Headline one here", "Read more: Another story about things", "12 Comments"]
        + ["A paragraph of prose that is long enough to count as the article text here."] * 3
        + ["Leave a Reply", "Related", "First linked headline", "Second linked headline"]
    )
    first = [(line.role, line.block, line.zone) for line in analyse(body).lines]
    second = [(line.role, line.block, line.zone) for line in analyse(body).lines]
    assert first == second
    for line in analyse(body).lines:
        assert structure._related_header(line) == structure.related_header(line)
        assert structure._comment_marker(line) == structure.is_comment_marker(line)


def test_collected_word_counts_equal_split_counts() -> None:
    # _collect counts spaces on lines whose only white space is single spaces
    spaces = [" ", "  ", "\t", "\xa0", "\u2009", "\u3000", "\x1c", "\x0b"]
    lines = ["one", "two words", "a b c d"]
    lines += [f"alpha{space}beta{space}gamma" for space in spaces]
    lines += [f"x{space}y z" for space in spaces]
    body = "\n".join(lines) + "\r\nlast line here\r\n"
    collected = analyse(body).lines
    assert [line.words for line in collected] == [
        len(text.split()) for text in (body.replace("\r\n", "\n").split("\n")) if text.strip()
    ]


def test_with_role_follows_the_lines() -> None:
    structure = analyse("Home > News > World\n\n" + PARA)
    assert [line.text for line in structure.with_role(BREADCRUMB)] == ["Home > News > World"]
    assert structure.with_role(PARAGRAPH) == [
        line for line in structure.lines if line.role == PARAGRAPH
    ]
    structure.lines = structure.lines[1:]  # a replaced list is looked at anew
    assert structure.with_role(BREADCRUMB) == []


def test_the_line_loop_counts_words_and_prose_as_the_public_functions_do() -> None:
    # _collect inlines word_count and is_prose for speed: the copies must not drift
    from artlint.models import Article
    from artlint.structure import is_prose, word_count

    lines = [
        "A short line",
        "A sentence of some length that ends the way prose ends, with a full stop here.",
        "Two  spaces  inside and a tab\there, then more words to count in it all along",
        "委员会周二开会讨论该提案该提案使市议会产生分歧支持者表示该计划将带来就业机会。",
        "Mixed 東京 text with a few CJK characters 東京都庁 and an end mark.",
        "Zero\u200bwidth and non\u00a0breaking spaces inside a line of some ten or more words.",
        " ".join(["word"] * 30),
        "Ends with a question mark after enough words to count as a sentence here?",
    ]
    article = Article(path="a.txt", format="text", body="\n\n".join(lines) + "\n")
    for line in article.structure.lines:
        assert line.words == word_count(line.text), line.text
        assert line.prose == is_prose(line.text, line.words), line.text


@pytest.mark.parametrize(
    "marker",
    [
        "Lämna ett svar",
        "Lascia un commento",
        "Deixe uma resposta",
        "Dodaj komentarz",
        "כתיבת תגובה",
    ],
)
def test_the_comment_forms_of_blog_software_in_other_languages_are_markers(marker: str) -> None:
    # WordPress's "Leave a Reply" as its translations print it
    from artlint.structure import is_comment_marker

    assert is_comment_marker(analyse(f"{marker}\n").lines[0])


def test_korean_related_news_header() -> None:
    from artlint.structure import related_header

    assert related_header(analyse("관련뉴스\n").lines[0]) == "header"


@pytest.mark.parametrize(
    "header",
    [
        "Latest posts",
        "संबंधित खबरें",
        "Taip pat skaitykite:",
        "猜你喜欢",
        "İLGİLİ HABERLER",
        # "read more" over a list of links, as Swedish, Spanish and Dutch sites print it
        "Läs mer:",
        "LEER MÁS",
        "Ezek érdekelhetnek még",
        "Lees meer",
        "אולי יעניין",
    ],
)
def test_related_headers_of_more_languages(header: str) -> None:
    from artlint.structure import related_header

    expected = None if header == "אולי יעניין" else "header"  # not listed: no guess
    assert related_header(analyse(f"{header}\n").lines[0]) == expected


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Auch interessant: Großrazzia in Hamburg gegen Drogenhändler", "inline"),
        ("POTREBBE INTERESSARTI >>> Il sindaco si dimette dopo lo scandalo", "inline"),
        ("Das könnte Sie auch interessieren", "header"),
        ("Oft gelesen", "header"),
        ("Notas Relacionadas", "header"),
        ("populare astăzi", "header"),
        ("SIRADAKİ HABER", "header"),
        # round 11: a pointer with a long headline, French without its accent, English heads
        (
            "Lire aussi : Les critiques de la CNIL contre le projet de loi sur le renseignement",
            "inline",
        ),
        ("A lire aussi : Notre récit du discours de Martine Aubry", "inline"),
        ("Most Read World", "prefix"),
        ("Related News On Huffington Post:", "prefix"),
    ],
)
def test_also_read_pointers_and_headers_of_round_8(line: str, kind: str) -> None:
    from artlint.structure import related_header

    assert related_header(analyse(f"{line}\n").lines[0]) == kind


@pytest.mark.parametrize(
    "marker",
    [
        "Свежие комментарии",
        "0コメント",
        "댓글 쓰기",
        "Niciun comentariu:",
        "Inga kommentarer:",
        "Commenting has been disabled for this item.",
        "blog comments powered by Disqus",
        "YORUM EKLE",
    ],
)
def test_comment_markers_of_round_8(marker: str) -> None:
    from artlint.structure import is_comment_marker

    assert is_comment_marker(analyse(f"{marker}\n").lines[0])


WRAPPED = """\
QUITO, Ecuador (Reuters) - Ecuador's Tungurahua volcano
spewed ash, gases and molten rocks on Friday, forcing
authorities to evacuate four nearby villages after the crater
registered its most volatile activity since a 1999 eruption.

"The volcano has been active for some time, but this is an
eruption that goes beyond the sustained and moderate... and has
become an eruption of much more energy," said Hugo Yepez,
director of a local geophysics institute.
"""


def test_a_paragraph_wrapped_at_a_width_is_prose() -> None:
    # plain-text dumps (lynx, w3m, html2text) and wire archives wrap paragraphs at a width
    lines = analyse(WRAPPED).lines
    assert all(line.prose and line.role == PARAGRAPH for line in lines)


@pytest.mark.parametrize(
    "text",
    [
        # a list of headlines: every line opens with a capital
        "Council approves the new budget after a long debate\n"
        "Opponents say the plan relies on optimistic forecasts\n"
        "Mayor promises a review of spending next year\n",
        # a caption printed twice over a lower-case label
        'Urs Fischer: "Das war eine fantastische zweite Hälfte!" - © IMAGO/Michael Taeger\n'
        'Urs Fischer: "Das war eine fantastische zweite Hälfte!" - © IMAGO/Michael Taeger\n'
        "bundesliga\n",
    ],
)
def test_lines_that_only_follow_each_other_are_not_wrapped(text: str) -> None:
    assert not any(line.prose for line in analyse(text).lines)
