"""HT rules: HTML tags, entities and script/style remnants; traps from clean text."""

from __future__ import annotations

from pathlib import Path

import pytest

from artlint.testing import apply_fixes, assert_violations, lint

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>Hello</p>", ["HT001:1:1", "HT001:1:9"]),
        ("Line one.<br/> Line two.<br />", ["HT001:1:10", "HT001:1:25"]),
        ('<div class="story-body">Text', ["HT001:1:1"]),
        ("<script src='x.js'></script>", ["HT001:1:1", "HT001:1:20"]),
        ("Before <!-- ad slot --> after", ["HT001:1:8"]),
        ("&lt;span style=&quot;x&quot;&gt;", ["HT001:1:1"]),
        # not markup
        ("if x < y and y > z", []),
        ("Write to <email@example.com> today", []),
        ("<The Palace: Tale of Jang Noksu>", []),
        ("a <b and c> d", []),
        ("French <<guillemets>> typed", []),
        ("AT&T", []),
    ],
)
def test_html_tags(text: str, expected: list[str]) -> None:
    assert_violations(lint(text, select=["HT001"]), expected)


@pytest.mark.parametrize(
    ("text", "expected", "repaired"),
    [
        ("it&#8217;s", ["HT002:1:3"], "it’s"),
        ("it&#x2019;s", ["HT002:1:3"], "it’s"),
        ("AT&amp;T rose", ["HT002:1:3"], "AT&T rose"),
        ("AT&amp;amp;T", ["HT002:1:3"], "AT&T"),
        ("don&amp;#8217;t", ["HT002:1:4"], "don’t"),
        ("a&nbsp;b", ["HT002:1:2"], "a\u00a0b"),
        # not entities
        ("AT&T and R&D; Q&A", [], "AT&T and R&D; Q&A"),
        ("Tom &amp Jerry", [], "Tom &amp Jerry"),
        ("&bogus; and &#0;", [], "&bogus; and &#0;"),
    ],
)
def test_html_entities(text: str, expected: list[str], repaired: str) -> None:
    found = lint(text, select=["HT002"])
    assert_violations(found, expected)
    safe = [v.fix for v in found if v.fix and v.fix.applicability == "safe"]
    assert apply_fixes(text, safe) == repaired


def test_entities_that_would_create_markup_are_unsafe() -> None:
    [violation] = lint("x &lt; y", select=["HT002"])
    assert violation.fix is not None and violation.fix.applicability == "unsafe"


def test_entities_inside_tags_are_left_to_ht001() -> None:
    text = '<img src="a?x=1&amp;y=2">'
    assert [v.code for v in lint(text, select=["HT"])] == ["HT001"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("googletag.cmd.push(function() { googletag.display('x'); });", ["HT003:1:1"]),
        ("var ads = window.adsbygoogle || []; ads.push({});", ["HT003:1:1"]),
        (".story { color: red !important; }", ["HT003:1:1"]),
        ("@media (max-width: 600px) { .a { display: none; } }", ["HT003:1:1"]),
        # prose that mentions code words once
        ("He looked out of the window. Then he said: it was fine; really.", []),
        ("The dataLayer variable is used by analysts; see below.", []),
        ("Her function (as chair) is clear; she said so.", []),
    ],
)
def test_script_remnants(text: str, expected: list[str]) -> None:
    assert_violations(lint(text, select=["HT003"]), expected)


def test_clean_ground_truth_has_no_markup_findings() -> None:
    folder = SHARED / "corpus" / "aeb" / "txt" / "gt"
    if not folder.is_dir():
        pytest.skip("aeb corpus not available")
    found = [v for path in sorted(folder.glob("*.txt")) for v in lint(path, select=["HT"])]
    assert len(found) <= 1, found


SCRIPT_LINES = [
    "googletag.cmd.push(function() { googletag.display('x'); });",
    "var ads = window.adsbygoogle || []; ads.push({});",
    ".story { color: red !important; }",
    "@media (max-width: 600px) { .a { display: none; } }",
    "let x = document.getElementById('a'); if (x) { x.setAttribute('b', 1); }",
    "const f = () => { return false; }; $(document).ready(function () { f(); });",
    "jQuery('#menu').hide(); new Date(); window.dataLayer = window.dataLayer || [];",
    "(function(){ var s = document.createElement('script'); fbq('init'); })();",
    "@font-face { font-family: X; } @import url(a.css); @keyframes spin { from { a: b; } }",
    "gtag('js', new Date()); _gaq.push(['_trackPageview']); __gaTracker('send');",
    "new Promise((resolve) => (resolve(1))); document.querySelector('.a').appendChild(b);",
]


@pytest.mark.parametrize("line", SCRIPT_LINES)
def test_every_signal_match_holds_one_of_its_literals(line: str) -> None:
    """HT003 runs a signal's pattern only on lines holding one of its literals: each literal
    list must name a substring that every match of the pattern contains."""
    from artlint_rules import markup

    for literals, signal in markup._SIGNALS:
        for match in signal.finditer(line):
            assert any(literal in match.group() for literal in literals), (literals, match)


def test_signal_count_in_the_message_counts_every_signal() -> None:
    [violation] = lint(SCRIPT_LINES[0], select=["HT003"])
    assert "(4 code signals)" in violation.message


@pytest.mark.parametrize("source_format", ["markdown", "text"])
def test_suppression_comments_are_not_html_left_in_the_text(source_format: str) -> None:
    # the README tells people to write these: they must not swap one violation for another
    text = (
        "Headline\n\n"
        "<!-- artlint: disable-next-line=AD001 -->\n"
        "Subscribe to our newsletter\n\n"
        "<!--artlint: disable=DT -->\n"
        "The story goes on.\n"
        "<!-- artlint: enable -->\n"
        "<!-- a real comment the CMS left -->\n"
    )
    found = lint(text, select=["HT001"], format=source_format)
    assert_violations(found, ["HT001:9:1"])
