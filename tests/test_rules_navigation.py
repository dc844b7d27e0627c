"""AD050-AD054: navigation menus, breadcrumbs, section crumbs, related lists, comment sections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from artlint.testing import lint

SHARED = Path(__file__).resolve().parents[2] / "shared"
CODES = ["AD050", "AD051", "AD052", "AD053", "AD054", "AD055"]

PARA = (
    "The council voted on Tuesday to approve the new budget after a long debate about "
    "schools, roads and the future of the central library in the old town."
)
PARA2 = (
    "Opponents said the plan relied on optimistic revenue forecasts, while supporters argued "
    "that the cuts proposed by the minority would have closed two clinics next spring."
)
MENU = "\n".join(
    ["Home", "World", "Business", "Markets", "Tech", "Sports", "Opinion", "Arts", "Travel"]
)


def found(text: str) -> list[tuple[str, int, int]]:
    return [(v.code, v.line, v.end_line) for v in lint(text, select=CODES)]


def test_menu_block_is_one_finding_spanning_its_lines() -> None:
    text = MENU + "\n\n" + PARA + "\n\n" + PARA2 + "\n"
    assert found(text) == [("AD050", 1, 9)]


def test_menu_finding_offsets_cover_the_block() -> None:
    text = "\n".join(["Sign In", *MENU.split("\n")]) + "\n\n" + PARA + "\n\n" + PARA2
    (violation,) = lint(text, select=["AD050"])
    assert (violation.line, violation.column, violation.end_line) == (1, 1, 10)
    assert violation.end_column == len("Travel") + 1


def test_menu_fix_removes_the_lines() -> None:
    from artlint.testing import fix

    text = MENU + "\n\n" + PARA + "\n"
    assert fix(text, select=["AD050"], unsafe=True) == "\n" + PARA + "\n"


@pytest.mark.parametrize(
    "text",
    [
        # a clean article whose end is a short list: not a page, no menu
        PARA + "\n\n" + PARA2 + "\n\nWhat's new\nBetter Android support\nBugs fixed\n"
        "Challenges coming soon\nNew tasks",
        # subheadings and list items inside the text
        PARA + "\n\nWhat we know\n\n" + PARA2 + "\n\nWho\nWhat\nWhere\nWhen\n\n" + PARA,
        # a standalone dateline and a sign-off
        "BAAR, SWITZERLAND\n\n" + PARA + "\n\n" + PARA2 + "\n\n(Reporting by Jo Li)",
        # Q&A labels
        "Q: Why now?\n\n" + PARA + "\n\nA: Because.\n\n" + PARA2,
    ],
)
def test_clean_text_is_not_flagged(text: str) -> None:
    assert found(text) == []


def test_tour_dates_after_a_page_text_are_not_a_menu() -> None:
    dates = "\n".join(f"June {d} -- Arena {d}, Tampa, FL" for d in range(1, 12))
    text = MENU + "\n\n" + PARA + "\n\n" + PARA2 + "\n\nTour dates:\n" + dates
    assert found(text) == [("AD050", 1, 9)]


def test_a_roster_of_names_with_their_parties_is_no_menu() -> None:
    # the speakers of a press conference, each with a ministry in brackets, above the transcript
    roster = ["Speakers", *(f"* {name} ({unit})" for name, unit in ROSTER)]
    assert found("\n".join(roster) + "\n\n" + PARA + "\n\n" + PARA2 + "\n") == []
    # the same names as bare links, as a menu lists sections, are a menu
    bare = ["Speakers", *(f"* {name}" for name, _ in ROSTER)]
    assert found("\n".join(bare) + "\n\n" + PARA + "\n\n" + PARA2 + "\n") == [
        ("AD050", 1, len(bare))
    ]


def test_a_language_menu_is_a_menu() -> None:
    languages = ["English (UK)", "English (US)", "Deutsch (DE)", "Français (FR)", "Español (ES)"]
    menu = [*languages, "Italiano (IT)", "Nederlands (NL)", "Polski (PL)", "Svenska (SE)"]
    text = "\n".join(menu) + "\n\n" + PARA + "\n\n" + PARA2 + "\n"
    assert found(text) == [("AD050", 1, len(menu))]


ROSTER = [
    ("Deschauer", "AA"),
    ("Schraff", "BMG"),
    ("Bowinkelmann", "BMI"),
    ("Schöneck", "BMZ"),
    ("Müller", "BMVg"),
    ("Schuler", "BMAS"),
    ("Schulz", "BMLEH"),
    ("Ernoult", "BMF"),
    ("Hosemann", "BMJV"),
]


def test_breadcrumb() -> None:
    text = "Home > Politics > Congress\n\n" + PARA + "\n\n" + PARA2
    assert found(text) == [("AD051", 1, 1)]


def test_link_bar_but_not_the_header_of_a_text_table() -> None:
    bar = "Home | News | Sport | Weather"
    assert found(bar + "\n\n" + PARA + "\n\n" + PARA2) == [("AD051", 1, 1)]
    table = "\n".join(
        [
            "Team        | Played | Points",
            "------------+--------+-------",
            "Arsenal     |     38 |     89",
            "Liverpool   |     38 |     84",
        ]
    )
    assert found(PARA + "\n\n" + table + "\n\n" + PARA2) == []


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Skip to content",
        "Skip To Navigation",
        "Jump to search",
        "Accessibility links",
        "Skip to contentSkip to site index",
        "Skip to playerSkip to main content",
        "Skip to content | Skip to footer",
        "Zum Inhalt springen",
        "Aller au contenu principal",
        "Saltar al contenido",
        "Pular para o conteúdo",
        "Vai al contenuto",
        "Перейти к содержимому",
        "Ir al contenido principal",
        "Zum Hauptinhalt springen",
        "zur Navigation springen",
        "본문으로 바로가기",
        "Hopp til innhold",
        "Hoppa till innehåll",
        "Przejdź do treści",
        "Sari la conținut",
        "İçeriğe geç",
        "Salta al contenuto principale",
        "Saltar para o conteúdo",
        "본문 바로가기",
        "본문바로가기",
        "• Skip to main content",
        "* 본문 바로가기",
        "ページの先頭です。 メニューを飛ばして本文へ",
        "本文へ移動",
    ],
)
def test_skip_link_line(line: str) -> None:
    assert found(line + "\n\n" + PARA + "\n\n" + PARA2) == [("AD055", 1, 1)]


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content Home News World Sport",  # a menu AD050 may judge, not a skip link
        "Skip to the next question, he said.",
        "Accessibility links were broken on the council's website for a week.",
    ],
)
def test_text_that_only_starts_like_a_skip_link_is_left_alone(line: str) -> None:
    assert found(PARA + "\n\n" + line + "\n\n" + PARA2) == []


def test_a_skip_link_heading_a_menu_is_reported_with_the_menu() -> None:
    text = "Skip to main content\n" + MENU + "\n\n" + PARA + "\n\n" + PARA2
    assert found(text) == [("AD050", 1, 10)]


def test_a_photo_credit_under_the_headline_is_no_headline() -> None:
    # read as the headline, the credit would make the real headline a section label
    credit = "Photos by HRFD Photographers Sheryl Drost & Marcia Soppe"
    assert found("\n\n".join(["Firefighters Save Home", credit, PARA, PARA2])) == []


def test_section_crumb_above_headline() -> None:
    text = "\n\n".join(
        [
            "Weapons of Mass Destruction (WMD)",
            "Iran-U.S. talks on Iraq security to start Tuesday - Iranian diplomat",
            "RIA Novosti",
            PARA,
            PARA2,
        ]
    )
    assert found(text) == [("AD052", 1, 1)]


def test_related_list_is_one_block() -> None:
    text = "\n\n".join(
        [
            PARA,
            PARA2,
            "Most Popular\nVolker Saw No Harm in Investigating Theories\n"
            "Standoff at a Hong Kong University",
        ]
    )
    assert found(text) == [("AD053", 5, 7)]


def test_inline_related_pointer() -> None:
    text = "\n\n".join([PARA, "READ MORE: China plague outbreak confirmed in Beijing", PARA2])
    assert found(text) == [("AD053", 3, 3)]


def test_lone_related_word_between_paragraphs_is_left_alone() -> None:
    text = "\n\n".join([PARA, "Leggi anche", PARA2])
    assert found(text) == []


def test_a_site_header_ending_the_body_heads_a_dropped_list() -> None:
    # "More from Sportsnet" as the last line: its list of headlines was lost by the extractor
    assert found("\n\n".join([PARA, PARA2, "More from Sportsnet"])) == [("AD053", 5, 5)]
    # between two paragraphs it may be a subheading of the article
    assert found("\n\n".join([PARA, "More on the economy", PARA2])) == []
    # "plus de", "más de" also mean "more than": a sentence, not a site's name
    assert found("\n\n".join([PARA, PARA2, "Plus de 3000 manifestants à Paris samedi"])) == []


def test_comment_section_runs_to_the_end() -> None:
    text = "\n\n".join(
        [PARA, PARA2, PARA, "12 Comments", "Great piece, thanks for writing it.", "Reply"]
    )
    assert found(text) == [("AD054", 7, 11)]


@pytest.mark.parametrize(
    "marker",
    ["No comments:", "No hay comentarios:", "Brak komentarzy:", "Комментарии закрыты.", "Reacties"],
)
def test_comment_section_markers_in_more_languages(marker: str) -> None:
    text = "\n\n".join([PARA, PARA2, PARA, marker, "Post a Comment"])
    assert found(text) == [("AD054", 7, 9)]


def test_comment_word_as_early_subheading_is_not_an_end_marker() -> None:
    text = "\n\n".join([PARA, "Comments", PARA2, PARA2, PARA2])
    assert found(text) == []


@pytest.mark.skipif(not SHARED.exists(), reason="shared data absent")
def test_seed_flags_only_the_crumb() -> None:
    (seed,) = sorted((SHARED / "seed").glob("*.txt"))
    violations = lint(seed, select=CODES)
    assert [(v.code, v.line) for v in violations] == [("AD052", 3)]


@pytest.mark.skipif(not SHARED.exists(), reason="shared data absent")
def test_clean_ground_truth_files_are_not_flagged() -> None:
    corpus = SHARED / "corpus" / "aeb"
    files = sorted((corpus / "txt" / "gt").glob("*.txt"))
    if not files:
        pytest.skip("aeb corpus absent")
    flagged = [(f.name, v.code, v.line) for f in files for v in lint(f, select=CODES)]
    assert flagged == []


@pytest.mark.skipif(not SHARED.exists(), reason="shared data absent")
def test_page_dump_menus_are_mostly_real() -> None:
    corpus = SHARED / "corpus" / "aeb"
    labels_path = corpus / "labels.jsonl"
    if not labels_path.exists():
        pytest.skip("aeb corpus absent")
    labels = {}
    for raw in labels_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(raw)
        if record["extractor"] == "html-text":
            labels[record["file"]] = record["lines"]
    flagged = extra = 0
    for name, lines in sorted(labels.items())[:40]:
        for violation in lint(corpus / name, select=["AD050"]):
            for number in range(violation.line, violation.end_line + 1):
                label = lines.get(str(number))
                if label is not None:
                    flagged += 1
                    extra += label["label"] == "extra"
    assert flagged > 1000
    assert extra / flagged > 0.98


MENU_WITH_PROMPT = "\n".join(
    ["Home", "World", "Business", "Markets", "Subscribe", "Tech", "Sports", "Opinion", "Arts"]
)


def test_a_menu_is_reported_once_not_also_for_the_prompts_it_holds() -> None:
    text = MENU_WITH_PROMPT + "\n\n" + PARA + "\n\n" + PARA2 + "\n"
    assert [(v.code, v.line) for v in lint(text, select=["AD"])] == [("AD050", 1)]
    # the phrase rule alone still reports the line
    assert [(v.code, v.line) for v in lint(text, select=["AD001"])] == [("AD001", 5)]


def test_a_suppressed_menu_leaves_the_prompts_it_holds_reported() -> None:
    text = "<!-- artlint: disable-next-line=AD050 -->\n" + MENU_WITH_PROMPT + "\n\n" + PARA + "\n"
    assert [(v.code, v.line) for v in lint(text, select=["AD"])] == [("AD001", 6)]


def test_a_menu_in_a_json_record_covers_its_prompts_too() -> None:
    body = MENU_WITH_PROMPT + "\n\n" + PARA + "\n\n" + PARA2
    record = json.dumps({"title": "Budget", "text": body}) + "\n"
    found = lint(record, select=["AD"], format="jsonl")
    assert [v.code for v in found] == ["AD050"]
