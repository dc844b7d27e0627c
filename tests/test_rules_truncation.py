"""TR rules: cut-off endings judged on the last body paragraph; clean endings stay clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from artlint.testing import assert_violations, lint

SHARED = Path(__file__).resolve().parents[2] / "shared"

P1 = "The committee met on Tuesday to discuss the proposal, which has divided the city council."
P2 = "Supporters say the plan will bring jobs, while critics warn about the cost to taxpayers."


def body(*paragraphs: str) -> str:
    return "\n\n".join([P1, P2, *paragraphs]) + "\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (body("All..."), ["TR001:5"]),
        (body("All…", "Share this:", "Facebook"), ["TR001:5"]),
        (body(P1 + " He said the council would decide...."), ["TR001:5"]),
        (body(P2 + " The mayor added that the vote [...]"), ["TR001:5"]),
        # NewsAPI's mark where it cut the content
        (body(P1 + " The mayor said prices… [+3123 chars]"), ["TR001:5"]),
        # an ellipsis inside a closing quote ends many real articles
        (body('"We will see what happens next week and after that..."'), []),
        # interface labels are no cuts
        (body("Like this:", "Loading..."), []),
        (body("загрузка..."), []),
        (body("Cargando..."), []),
        (body("खबरें और भी हैं…"), []),
        # nor is the header of a related list, whose stories the extractor dropped
        (body("Du gillar kanske också..."), []),
        (body("You may also like..."), []),
        # a writer who ends many paragraphs with an ellipsis
        (body("Here is the thing …", P1, "And then …"), []),
        # teasers joined on one line
        (
            body(
                "Tour rush tickets on sale now... The beauty of Korea revealed at the festival..."
            ),
            [],
        ),
    ],
)
def test_ellipsis(text: str, expected: list[str]) -> None:
    assert_violations(lint(text, select=["TR001"]), expected)


LONG = (
    "The committee said the new rules on housing, transport and schools would take effect "
    "across the region next year once the"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (body(LONG), ["TR002:5"]),
        # an address or handle the extractor dropped with its link: no cut
        (body("Comments? Questions? Write me at"), []),
        # a comment section's notice after the article, not its last sentence
        (body("Die Kommentare wurden für diesen Artikel deaktiviert"), []),
        (body("Jane Doe covers the council for the paper. Follow her on"), []),
        # a real sentence that stops on "on" is still a cut
        (body("The council will follow the advice of the committee on"), ["TR002:5"]),
        (body("Forecasters say the hurricane is expected to reach the US on"), ["TR002:5"]),
        (body(LONG[: LONG.rindex(" once")] + ","), ["TR002:5"]),
        (body(LONG + "\nnew budget passes."), []),  # the sentence goes on
        (body(LONG.replace("once the", "in Vienna")), []),
        (body("Reporting by Jane Doe; Editing by John Smith"), []),
        (body("Follow Jane Doe on Twitter"), []),
    ],
)
def test_mid_sentence(text: str, expected: list[str]) -> None:
    assert_violations(lint(text, select=["TR002"]), expected)


def test_mid_sentence_uses_the_record_language() -> None:
    de = (
        "Der Ausschuss sagte, die neuen Regeln für Wohnen, Verkehr und Schulen würden im "
        "nächsten Jahr in der ganzen Region gelten, sobald der"
    )
    record = {"language": "de", "body": body(de)}
    assert [v.code for v in lint(record, select=["TR002"])] == ["TR002"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a long last paragraph stopping on an ordinary word, lower case or after "the"
        (
            body(
                P1 + " Edwards ran for re-election on his record of expanding the program to"
                " cover more"
            ),
            ["TR002:5"],
        ),
        (
            body(P1 + " Edwards ran for re-election on his implementation of the Medicaid"),
            ["TR002:5"],
        ),
        # the cut line below a subheading, set apart from the body as page edge
        (
            body(
                "FORD MUSTANG MACH E",
                "Ford will display its first electric SUV, marking the start"
                " of an avalanche of battery-powered vehicles",
            ),
            ["TR002:7"],
        ),
        (body("He declined to say when the company would"), ["TR002:5"]),
        # titles, names, links and numbers end lines without a mark and are no cuts
        (body("Read the review: The Best Phones of the Year in One Big Guide"), []),
        (body(P1 + " For more information, please visit www.example.com"), []),
        (body(P1 + " The full paper is at DOI: 10.1007/978-3-319-09575-2_199-1"), []),
        (body("Eat every 2-3 hours"), []),
        # the last item of a list that uses no full stops
        (
            body(
                "Dozens of tricky questions that will help you know each other better",
                "A large variety of games and quizzes for the whole family to enjoy",
                "Additional surprises and bonuses, so that each game is unique and memorable",
            ),
            [],
        ),
        # a prompt of the site, not a sentence
        (body("Get highlights of the most important news delivered to your email inbox"), []),
    ],
)
def test_mid_sentence_on_an_ordinary_word(text: str, expected: list[str]) -> None:
    assert_violations(lint(text, select=["TR002"]), expected)


def test_a_subheading_between_paragraphs_is_not_page_chrome() -> None:
    text = body(
        "KAZAKHSTAN WINS AGAIN", "Kazakhstan also needed the doubles match to clinch its..."
    )
    assert_violations(lint(text, select=["TR001"]), ["TR001:7"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (body("To Read the Full Story"), ["TR003:5"]),
        (body("Subscribe to continue reading."), ["TR003:5"]),
        (body("Already a subscriber? Log in"), ["TR003:5"]),
        (body("Il vous reste 60% de cet article à lire."), ["TR003:5"]),
        (body("Para continuar lendo, assine."), ["TR003:5"]),
        (body("Vill du läsa vidare?"), ["TR003:5"]),
        (body("Dit artikel is alleen voor abonnees."), ["TR003:5"]),
        (body("Haberin devamını okumak için abone olun."), ["TR003:5"]),
        # Turkish dotted capital I, Romanian letters printed with a cedilla
        (body("Haberin Devamını Okumak İçin Abone Olun"), ["TR003:5"]),
        (body("Articol disponibil doar pentru abonaţi."), ["TR003:5"]),
        (body("רוצה לקרוא עוד?", "להמשך קריאה הירשמו או התחברו"), ["TR003:5"]),
        # a pointer to the whole story on the source's site
        (body("Leer noticia completa en El Mundo."), ["TR003:5"]),
        (
            body("Per leggere il resto dell’articolo devi collegarti al sito della fonte:"),
            ["TR003:5"],
        ),
        # ad breaks and related links inside complete articles
        (body("Continue reading the main story"), []),
        (body("Continue Reading Below"), []),
        (body("Read more:", "Another story about the council"), []),
        # where the article ends cannot be told, but a prompt as the last line is the paywall's
        (body("Q: What are your hobbies?", "Subscribe to continue reading."), ["TR003:7"]),
    ],
)
def test_paywall_prompt(text: str, expected: list[str]) -> None:
    assert_violations(lint(text, select=["TR003"]), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (body(P1 + " Water before a meal decreased hunger during the day ("), ["TR004:5"]),
        (
            body(P1 + " The mayor said: “We will not give up on this city or its people"),
            ["TR004:5"],
        ),
        (body(P1 + " (see the full list below)."), []),
        # a list in parentheses that the source never closes
        (body("In the box: earphones (USB-A to USB Micro-B cable, quick start guide, card"), []),
        (body(P1 + " Der Minister sagte: „Wir machen weiter“"), []),
        # straight quotes: an opening one never closed, and a short quoted line cut below
        (body(P1 + ' She added, "We must teach the defendant that this city'), ["TR004:5"]),
        (body('"We believe that justice'), ["TR004:5"]),
        (body(P1 + ' He is 6\'2" tall and played for the "Rovers" in 2004'), []),
        (body(P1 + ' “Forty-five years," he said, "has convinced me there are none.”'), []),
    ],
)
def test_unbalanced_final_paragraph(text: str, expected: list[str]) -> None:
    assert_violations(lint(text, select=["TR004"]), expected)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"body": body(), "wordCount": 900}, ["TR005"]),
        ({"body": body(), "word_count": "900"}, ["TR005"]),
        ({"body": body(), "description": "x" * 400}, ["TR005"]),
        ({"body": body(), "wordCount": 35}, []),
        ({"body": body(), "description": "A short summary."}, []),
        ({"body": body()}, []),
    ],
)
def test_declared_length(record: dict[str, object], expected: list[str]) -> None:
    assert_violations(lint(record, select=["TR005"]), expected)


def test_clean_articles_and_empty_files() -> None:
    assert lint(body(), select=["TR"]) == []
    assert lint("", select=["TR"]) == []
    assert lint("Just a headline", select=["TR"]) == []


def test_aeb_precision_and_gt_cut_offs() -> None:
    corpus = SHARED / "corpus" / "aeb"
    if not (corpus / "labels.jsonl").is_file():
        pytest.skip("aeb corpus not available")
    with (corpus / "labels.jsonl").open(encoding="utf-8") as handle:
        labels = [json.loads(line) for line in handle]
    flagged = truncated = 0
    clean_gt_alarms = gt_cut_offs = 0
    for record in labels:
        if not lint(corpus / record["file"], select=["TR"]):
            continue
        flagged += 1
        is_truncated = record["truncated_tail"] or record["gt_truncated"]
        truncated += is_truncated
        if record["extractor"] == "gt":
            gt_cut_offs += record["gt_truncated"]
            clean_gt_alarms += not record["gt_truncated"]
    assert flagged and truncated / flagged >= 0.9
    assert gt_cut_offs == 2
    assert clean_gt_alarms <= 1


def test_each_record_is_judged_on_its_own_ending() -> None:
    """TR001-TR004 share one ending per article object; records one after the other must not
    see each other's (nor the rules on a record see a stale one)."""
    records = [
        {"title": "a", "body": body("All...")},
        {"title": "b", "body": body()},
        {"title": "c", "body": body("The committee said the new rules would take effect once the")},
        {"title": "d", "body": body(P1 + " Water before a meal decreased hunger during the day (")},
    ]
    found = lint(records, select=["TR"])
    assert sorted((v.record, v.code) for v in found) == [(1, "TR001"), (3, "TR002"), (4, "TR004")]


def test_a_last_paragraph_in_a_script_without_spaces_is_not_judged_on_words() -> None:
    chinese = (
        "委员会周二开会讨论该提案该提案使市议会产生分歧支持者表示该计划将带来就业机会"
        "而批评者则担心纳税人的成本问题委员会周二开会讨论该提案该提案使市议会产生分歧"
    )
    assert lint(f"{P1}\n\n{chinese}\n", select=["TR002"]) == []


CAPTION = "Der neue Minister am Donnerstagmorgen bei der Vereidigung durch die Präsidentin. © imago"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the article ended with its full stop; under a header of other stories, or an item's
        # time stamp, comes another story's headline, not this one's cut end
        (body("Top stories", "This student from Seoul loves money but has none of it"), []),
        (
            body("Top nouvelles", "Cette étudiante polyglotte aime trop l'argent mais n'en a pas"),
            [],
        ),
        (body("4 March 2026, 19:40 • News", "An attempt to export ammunition was foiled by"), []),
        # ... while below a subheading, a time alone or a one-line pointer it is still the cut
        (body("Updated 19:40", "The mayor said the vote was a turning point for the"), ["TR002:7"]),
        (
            body("More on the vote", "The mayor said the vote was a turning point for the"),
            ["TR002:7"],
        ),
        (
            body(
                "Read more: Council approves plan for new library in old town",
                "The mayor said the work on the new building would start in the...",
            ),
            ["TR001:7"],
        ),
        (body("The vote", "The council is expected to decide on the proposal by the"), ["TR002:7"]),
        # a section label, a teaser clipped with an ellipsis, then another headline
        (
            body(
                "IL COMMENTO",
                "Piano, l’acqua, Joyce e Caproni. Ci voleva una settimana di poesia…",
                "Addio Franco Marenco, leader di una destra che rimpiangiamo: guerriera ma nobile",
            ),
            [],
        ),
        (
            body(
                "OPINION",
                "Why the council got the budget wrong again...",
                "Farewell to a mayor who never stopped asking questions of the city",
            ),
            [],
        ),
        # the teaser under the last headline of a list of other stories
        (
            body(
                "Related Posts",
                "Protest held in front of City Hall",
                "On Saturday, a national protest was held. Locally, about 65 protesters gather…",
            ),
            [],
        ),
        # a line the page wrapped: the names after "by" go on below it
        (
            body(
                "Request your free access to a video demonstration by",
                "Matt Martel, Publisher, BusinessDesk NZ",
                "Ben Aston, CEO, Black + White Zebra",
            ),
            [],
        ),
        # ... while a cut followed only by the site's buttons is still a cut
        (
            body("The council is expected to decide on the proposal by the", "Share this:"),
            ["TR002:5"],
        ),
        # a comment widget's notice and credit
        (
            body(
                "Comments are posted from viewers like you and do not always reflect the views "
                "of this station. powered by Disqus"
            ),
            [],
        ),
        # a promo of the site joined after the last sentence, without an end mark
        (
            body(
                P1 + " It is mandatory to procure consent. Get Motor Cycle Monthly delivered "
                "through your door every month"
            ),
            [],
        ),
        # a caption whose photo credit follows its sentence
        (body(CAPTION), []),
        # a credit in brackets after the last sentence closes the paragraph, open quote or not
        (body("“We need a capital that is a capital. This is now central. (Name/alaNEWS)"), []),
        # a curly quote closed by a straight one: the styles are mixed, the quote is closed
        (body('“Among the factors, T cells are central to the immune response, and age."'), []),
        # cut inside a quotation: one finding for the cut, the open quote's (TR004 covers TR002)
        (
            body("He said the plan would fail. “It cannot work, and everyone knows that"),
            ["TR004:5"],
        ),
    ],
)
def test_endings_that_only_look_cut(text: str, expected: list[str]) -> None:
    assert_violations(lint(text, select=["TR"]), expected)


def test_a_text_wrapped_at_a_width_is_judged_by_its_paragraphs() -> None:
    # a wire story wrapped at a width, as plain-text dumps and wire archives print it: the
    # quote that opens on one line of a paragraph closes three lines below
    story = (Path(__file__).parent / "data" / "wrapped_story.txt").read_text(encoding="utf-8")
    assert lint(story, select=["TR"]) == []


@pytest.mark.parametrize("end", ["dar eu asta cred..:(", "but I still miss him :-(", "so sad ;("])
def test_an_emoticon_opens_no_bracket(end: str) -> None:
    assert lint(body(f"He wrote on his blog that he loved the show, {end}"), select=["TR004"]) == []


def test_a_bracket_closed_before_a_colon_is_closed() -> None:
    text = body("The council (which met on Tuesday): the vote was close, and the mayor was")
    assert [v.code for v in lint(text, select=["TR004"])] == []
