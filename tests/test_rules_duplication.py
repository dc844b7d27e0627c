"""DU rules: repeated paragraphs and repeated article blocks; legitimate repetition."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from artlint.testing import assert_violations, lint

SHARED = Path(__file__).resolve().parents[2] / "shared"

P1 = "Israeli courts, however, have declared most major settlements legal under their law."
P2 = "The minister said the decision would be reviewed by the cabinet next week in Jerusalem."
P3 = "Opposition leaders called the move reckless and promised to challenge it in parliament."
P4 = "Analysts expect the dispute to dominate the campaign until the election in the spring."


def test_repeated_paragraph_points_to_the_first() -> None:
    text = f"{P1}\n\n{P2}\n\n{P1.upper()}\n"
    [violation] = lint(text, select=["DU"])
    assert (violation.code, violation.line) == ("DU001", 5)
    assert "line 1" in violation.message


def test_a_caption_before_the_dateline_is_the_copy_reported() -> None:
    text = f"Headline of the story\n\n{P2}\nPhoto / Jo Li\n\nJERUSALEM (AP) — {P1}\n\n{P2}\n"
    [violation] = lint(text, select=["DU"])
    assert (violation.line, violation.column) == (3, 1)
    assert "repeats line 8" in violation.message and "caption" in violation.message
    # without a dateline: the copy alone between the headline and a credit is the caption
    plain = text.replace("JERUSALEM (AP) — ", "")
    assert [v.line for v in lint(plain, select=["DU"])] == [3]
    # among paragraphs, the later copy is the extra one, as ever
    assert [v.line for v in lint(f"{P2}\n\n{P1}\n\n{P2}\n", select=["DU"])] == [5]


def test_a_teaser_among_share_tools_is_the_copy_reported() -> None:
    # a share dialog quotes the lead among its buttons; the article then prints it in full
    dialog = f"Share This Story!\n\nPost to Facebook\n\n{P1}\n\nCancel\n\nSend\n\n"
    found = lint(f"{dialog}{P3}\n\n{P1}\n\n{P2}\n\n{P4}\n", select=["DU"])
    assert [(v.line, "teaser" in v.message) for v in found] == [(5, True)]
    # a paragraph repeated more than once after its teaser: the text's copy stands for it
    again = lint(f"{dialog}{P3}\n\n{P1}\n\n{P2}\n\n{P1}\n\n{P4}\n", select=["DU"])
    assert [(v.line, v.message[-25:]) for v in again] == [
        (5, "word for word (a caption or teaser)"[-25:]),
        (17, "repeats line 13 word for word"[-25:]),
    ]


def test_digits_and_spacing_are_normalised() -> None:
    first = "Sales rose 5% to 120 million euros in the third quarter, the company said today."
    again = "Sales  rose 7% to 130 million euros in the third quarter, the company said today."
    assert_violations(lint(f"{first}\n{again}", select=["DU"]), ["DU001:2"])


def test_a_sentence_that_names_a_few_numbers_is_prose_not_data() -> None:
    # three numbers among 26 words: the lead repeated under the headline, not a list item
    lead = (
        "Edremit Belediyesi Nisan Ayı Olağan Meclis Toplantısını her zaman olduğu gibi Radyo "
        "yayını ile halka ulaştı. 24 madde, 8 ek gündem`in görüşüldüğü meclis 3 saat sürdü."
    )
    assert_violations(lint(f"{lead}\n\n{P2}\n\n{lead}\n", select=["DU"]), ["DU001:5"])


def test_a_paragraph_that_ends_in_a_question_repeats_like_any_other() -> None:
    # interviews repeat their short questions; a lead of several sentences is prose
    lead = (
        "The series about the great flood of 1997 has become popular on Netflix. Many viewers "
        "now ask what they would do if the water came again. How can a household prepare for "
        "a flood wave and protect itself from its effects?"
    )
    assert_violations(lint(f"{lead}\n\n{P2}\n\n{lead}\n", select=["DU"]), ["DU001:5"])


def test_sentences_with_several_numbers_repeat_only_with_the_same_numbers() -> None:
    first = (
        "The Democratic candidate received 45 percent of the vote in District 3, against 52 "
        "percent for the Republican challenger."
    )
    other = first.replace("45", "48").replace("District 3", "District 4").replace("52", "49")
    assert lint(f"{first}\n\n{P2}\n\n{other}\n", select=["DU"]) == []
    assert_violations(lint(f"{first}\n\n{P2}\n\n{first}\n", select=["DU"]), ["DU001:5"])


def test_whole_article_repeated_is_one_block() -> None:
    body = "\n\n".join([P1, P2, P3, P4])
    found = lint(f"{body}\n\n{body}\n", select=["DU"])
    assert_violations(found, ["DU002:9"])
    assert "lines 9-15" in found[0].message and "lines 1-7" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        # short labels, questions, data-like list items and credits recur legitimately
        "Q: Favorite apps?\nA: Uber\nQ: Favorite apps?\nA: Maps",
        "What inspired you to start cooking for your family and friends every day?\n" * 2,
        "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp. of olive oil and salt.\n" * 2,
        "— The Nigerian Senate (@NGRSenate) October 9, 2018\n" * 2,
        "Short line that repeats.\n" * 3,
        f"{P1}\n{P2}\n{P3}",
    ],
)
def test_legitimate_repetition_is_not_flagged(text: str) -> None:
    assert lint(text, select=["DU"]) == []


def test_min_chars_option() -> None:
    text = f"{P1}\n{P1}"
    assert lint(text, select=["DU"], options={"DU001": {"min-chars": 200}}) == []


def test_clean_ground_truth_has_no_duplication_findings() -> None:
    folder = SHARED / "corpus" / "aeb" / "txt" / "gt"
    if not folder.is_dir():
        pytest.skip("aeb corpus not available")
    found = [v for path in sorted(folder.glob("*.txt")) for v in lint(path, select=["DU"])]
    assert len(found) <= 1, found


# The rule first proves most articles free of repeats with a cheap stand-in for the normalised key
# (its ASCII letters), then with the key itself computed on UTF-8 bytes. These cases exercise
# each step.

RU = "Министр заявил, что решение будет пересмотрено правительством на следующей неделе."
JA = (
    "先日、不正に改造したスマートフォンを販売したとして、"
    "商標法違反の疑いで男性が逮捕されたというニュースを耳にしました。"
)
KO = "그래서 처음 이러한 사진 공개에 대한 대중들의 반응은 엘제이의 행동에 대한 비난으로 이어졌다."


@pytest.mark.parametrize(
    ("first", "again"),
    [
        # non-ASCII punctuation and white space are folded like ASCII ones
        (P1.replace("'", "’"), P1.replace(",", "„").replace(" ", "\u00a0")),
        (
            "The mayor’s office said “no decision” was taken on the 2019 budget for the city.",
            'The mayor\'s office said "no decision" was taken on the 2020 budget for the city.',
        ),
        # scripts whose ASCII stand-in key is empty
        (RU, RU.upper()),
        (JA, JA.replace("、", "、 ")),
        (KO, KO.replace(".", "!")),
        # characters whose lower case is ASCII (İ -> i + U+0307, KELVIN SIGN -> k)
        (
            "İSTANBUL’DA belediye meclisi yeni bütçeyi 12 saat süren tartışmadan sonra onayladı.",
            "i\u0307stanbul'da belediye meclisi yeni bütçeyi 14 saat süren tartışmadan sonra "
            "onayladı.",
        ),
        (
            "The freezer kept the samples at 80 \u212aELVIN below the usual storage temperature.",
            "The freezer kept the samples at 80 kelvin below the usual storage temperature.",
        ),
        # accented letters decide equality: the ASCII stand-in cannot tell these apart
        (
            "Le président a déclaré que la réforme serait présentée au conseil des ministres.",
            "LE PRÉSIDENT A DÉCLARÉ QUE LA RÉFORME SERAIT PRÉSENTÉE AU CONSEIL DES MINISTRES.",
        ),
    ],
)
def test_repeats_found_through_every_stand_in_key(first: str, again: str) -> None:
    assert_violations(lint(f"{first}\n\n{P2}\n\n{again}\n", select=["DU"]), ["DU001:5"])


@pytest.mark.parametrize(
    "text",
    [
        # equal ASCII stand-ins, different keys: accents and non-Latin letters differ
        "Le président a déclaré que la réforme serait présentée au conseil des ministres.\n"
        "Le president a declare que la reforme serait presentee au conseil des ministres.",
        f"{RU}\n{RU.replace('Министр', 'Премьер')}",
        f"{JA}\n{JA.replace('男性', '女性')}",
        # data-like lines with digits other than ASCII ones (Arabic-Indic, superscripts)
        "حصة ١ كوب أرز و ٢ بيض و ٣ ملاعق زيت زيتون مع الملح والفلفل حسب الرغبة للطبق\n" * 2,
        "Area: 12 m² plus 3 m² of balcony and ½ of the garden; 4 rooms in total, 2 baths.\n" * 2,
    ],
)
def test_no_repeat_through_the_stand_in_keys(text: str) -> None:
    assert lint(text, select=["DU"]) == []


def test_stand_in_keys_are_functions_of_the_key() -> None:
    """Lines with equal normalised keys must have equal stand-ins, or repeats would be missed."""
    from artlint_rules import duplication

    variants = [
        P1,
        P1.upper(),
        P1.replace(" ", "\u2009").replace(",", "‚"),
        "İstanbul’da 12 kişi — «açıklama» yaptı… 34 kez, ¿qué? ¡sí! KELVIN \u212a",
        "i\u0307stanbul'da 98 kişi - açıklama yaptı... 10 kez, qué sí kelvin k",
    ]
    for first in variants:
        for again in variants:
            if duplication._normalise(first) == duplication._normalise(again):
                assert duplication._ascii_key(first) == duplication._ascii_key(again)


def test_byte_key_is_the_normalised_key() -> None:
    from artlint_rules import duplication

    rng = random.Random(11)
    alphabet = (
        duplication._PUNCTUATION
        + " \t\u00a0\u2009\u202f\r\x0b0123456789٣²½"
        + "aZéÉßİı\u212aſΣσςЖж先ё\u0307"
    )
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert duplication._key(text) == duplication._normalise(text).encode(), repr(text)


def test_only_the_listed_characters_lower_case_into_ascii() -> None:
    """The ASCII key lower-cases ASCII bytes only, unless the line holds one of these."""
    from artlint_rules import duplication

    special, longer = set(), set()
    for code in range(0x80, 0x110000):
        lowered = chr(code).lower()
        if any(char.isascii() for char in lowered):
            special.add(chr(code))
        if len(lowered) > 1:
            longer.add(chr(code))
    assert special == set(duplication._LOWER_TO_ASCII)
    assert longer == {duplication._LOWER_TO_ASCII[0]}


def test_each_record_is_judged_on_its_own_repeats() -> None:
    """DU001 and DU002 share the repeats of one article object; records must not mix."""
    block = "\n\n".join([P1, P2, P3, P4])
    records = [
        {"title": "a", "body": f"{P1}\n\n{P2}\n\n{P1}\n"},
        {"title": "b", "body": f"{P1}\n\n{P2}\n"},
        {"title": "c", "body": f"{block}\n\n{block}\n"},
        {"title": "d", "body": f"{P3}\n\n{P4}\n"},
    ]
    found = lint(records, select=["DU"])
    assert sorted((v.record, v.code) for v in found) == [(1, "DU001"), (3, "DU002")]


def test_a_lone_surrogate_from_json_does_not_crash_the_rules() -> None:
    # JSON may legally carry "\ud800"; keys and fingerprints must not need strict UTF-8
    from artlint.config import Settings
    from artlint.engine import lint as lint_articles
    from artlint.models import Article

    paragraph = "A paragraph that is repeated here in full for the test of it."
    body = f"{paragraph}\n\n{paragraph}\n\nBad \ud800 char in a paragraph of text that goes on.\n"
    found = lint_articles([Article(path="a.jsonl", format="jsonl", body=body)], Settings())
    assert [v.code for v in found if v.code.startswith(("DU", "AL"))] == ["DU001"]
