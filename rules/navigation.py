"""Rule pack: navigation and page furniture around the article (AD050-AD099).

The phrase rules (AD001-AD049) know what a cookie notice or a share button *says*; these rules
know where the site's furniture *stands*. They read the line roles of ``artlint.structure``:
menus (long runs of short link-like lines outside the article, on pages that show a real
menu), breadcrumb trails, the section label above the headline, related-story lists under a
"Related" / "More from ..." / "Most read" header, and comment sections after the article.

A block (a menu, a list, a comment section) is reported once, spanning all its lines, so a
60-line menu is one finding, not sixty. Precision comes from the structure: a clean article has
no menu run outside its prose, and its closing lists (tour dates, results, specs) carry digits,
colons and commas that keep them out of menu blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from artlint import hookimpl
from artlint.models import Article, Finding, Fix
from artlint.pattern_cache import compile_re
from artlint.rules import NoOptions, Rule, rule
from artlint.structure import (
    BREADCRUMB,
    COMMENTS,
    CRUMB,
    HEAD,
    JUNK_ROLES,
    MENU,
    RELATED,
    Line,
    without_dotted_capital,
)

#: the rules that report a line for a phrase it holds (rules/ads.py); a block's finding stands
#: for theirs on its lines
PHRASE_RULES = ("AD00",)


def _shown(text: str) -> str:
    return text if len(text) <= 50 else text[:47] + "..."


def _remove(article: Article, first: Line, last: Line) -> Fix:
    """Delete whole lines from the first to the last, with the newline after them."""
    body = article.body
    start = body.rfind("\n", 0, first.start) + 1
    end = last.end + 1 if body[last.end : last.end + 1] == "\n" else last.end
    return Fix(
        replacement="",
        start=start,
        end=end,
        applicability="unsafe",
        description="remove the lines",
    )


def _block_findings(article: Article, role: str, what: str) -> Iterator[Finding]:
    for block in article.structure.blocks(role):
        first, last = block[0], block[-1]
        size = len(block)
        lines = "line" if size == 1 else f"{size} lines"
        yield Finding(
            message=f"{what} ({lines}) starting {_shown(first.text)!r}",
            start=first.start,
            end=last.end,
            fix=_remove(article, first, last),
        )


@rule(
    code="AD050",
    name="navigation-menu",
    summary="A site's navigation menu (a run of short link-like lines) left around the article",
    fix="unsafe",
    covers=PHRASE_RULES,
)
def navigation_menu(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags a navigation menu: a run of at least four short link-like lines ("World", "Business",
    "Risk & Compliance", "Sign In") before or after the article's text, reported once for the
    whole run.

    It fires only on bodies that hold a whole web page: somewhere outside the article's prose
    there must be a run of at least eight bare menu items (a few words, no end mark, no
    digits, colons, commas or quotes, no affiliation in brackets such as the "(BMG)" of a
    roster of speakers). A run mostly made of such items is a menu; a list of
    dates, results or specifications (digits, colons, commas) is not, and three such lines in a
    row split a run. Lines inside the article's text span are never part of a menu, and
    neither is the article's headline with what stands between it and the text (its byline
    and date, the page's share tools): the line right above the text, or above its byline and
    date lines, and a headline in sentence case up to ten lines above the text with a byline
    or date under it ("2012 map takes unfamiliar shape").

    The lines it reports are not also reported one by one by the phrase rules
    (AD001-AD007): its finding stands for them.

    ## Why is this bad?
    The menu is the site, not the article: it repeats on every page, buries the text under
    hundreds of words of section names, and skews every statistic computed from the body.

    ## Example
    ```text
    Home
    World
    Business
    Markets
    Tech

    WASHINGTON (AP) — The Senate passed the bill on Tuesday after ...
    ```

    Use instead: the article's text alone.

    ## How to fix or suppress
    Re-extract the page with an article extractor rather than a page-to-text converter, or
    delete the lines (`artlint check --fix --unsafe-fixes`). Suppress with `--ignore AD050`,
    `ignore = ["AD050"]` under `[tool.artlint]`, or per file with `per-file-ignores`.
    """
    yield from _block_findings(article, MENU, "navigation menu")


@rule(
    code="AD051",
    name="breadcrumb-line",
    summary="A breadcrumb trail or a bar of links on one line",
    fix="unsafe",
    covers=PHRASE_RULES,
)
def breadcrumb_line(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags a line that is a breadcrumb trail (`Home > News > World`, `Mensagens » Autoestima`)
    or a bar of links (`About / Advertise / Tip Us / Contact`, `Entries RSS | Comments RSS |
    Log in`): parts of one to five words, each starting with a letter, no digits or colons,
    joined by `>`, `›`, `»`, `→` (two parts or more) or by `|`, `/`, `·`, `•` (three or more),
    the line not ending like a sentence. Table rows (`| a | b |`) are left alone.

    The lines it reports are not also reported one by one by the phrase rules
    (AD001-AD007): its finding stands for them.

    ## Why is this bad?
    A breadcrumb is the site's navigation, not the article's text.

    ## Example
    ```text
    Home > Politics > Congress
    ```

    ## How to fix or suppress
    Delete the line (`--fix --unsafe-fixes`). Suppress with `--ignore AD051`,
    `ignore = ["AD051"]` under `[tool.artlint]`, or per file with `per-file-ignores`.
    """
    for line in article.structure.with_role(BREADCRUMB):
        yield Finding(
            message=f"breadcrumb or link bar {_shown(line.text)!r}",
            start=line.start,
            end=line.end,
            fix=_remove(article, line, line),
        )


@rule(
    code="AD052",
    name="section-crumb-line",
    summary="A section label printed above the headline",
    severity="warning",
    fix="unsafe",
    covers=PHRASE_RULES,
)
def section_crumb_line(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags a section label left above the headline, such as `Weapons of Mass Destruction (WMD)`
    or `WORLD NEWS`: a title-case or all-caps line of at most six words, without an end mark,
    digits, colons or quotes, standing directly above the headline, at the top of the page
    (at most one other line, such as a banner, above it). The headline is recognised by its
    place: the line of 4-30 words right above the text or above its byline, source and date
    lines. In German text, which capitalises every noun, a line of several words in title case
    is the headline's kicker (`Auf Einsatzfahrt`), not a label: only one word or capitals
    count there.

    The lines it reports are not also reported one by one by the phrase rules
    (AD001-AD007): its finding stands for them.

    ## Why is this bad?
    The label names the site's section, not anything the article says; kept in the body it
    reads as a first line of text.

    ## Example
    ```text
    Weapons of Mass Destruction (WMD)

    Iran-U.S. talks on Iraq security to start Tuesday - Iranian diplomat

    TEHRAN, July 23 (RIA Novosti) - Iran's ambassador to Iraq confirmed ...
    ```

    ## How to fix or suppress
    Delete the line (`--fix --unsafe-fixes`). Suppress with `--ignore AD052`,
    `ignore = ["AD052"]` under `[tool.artlint]`, or per file with `per-file-ignores`.
    """
    for line in article.structure.with_role(CRUMB):
        yield Finding(
            message=f"section label above the headline: {_shown(line.text)!r}",
            start=line.start,
            end=line.end,
            fix=_remove(article, line, line),
        )


@rule(
    code="AD053",
    name="related-stories-list",
    summary="A related / recommended / most-read list of other stories",
    fix="unsafe",
    covers=PHRASE_RULES,
)
def related_stories_list(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags a list of other stories: a header line ("Related", "Related articles", "More from
    Sportsnet", "Most read", "You may also like", "Leia também", "Lesen Sie auch", "Читайте
    также", ...) and the headline-like lines under it, up to the next paragraph of text;
    also a one-line pointer such as `Read more: Tencent profit falls as ...`. The list is
    reported once. A header that names a site or section ("More from ...", "More on ...")
    counts only with a list under it or as the body's last line (the extractor dropped the
    list), and a lone header between two paragraphs is left alone. In a whole-page dump, a
    list without a known header counts too: five headlines in a row at least (4-16 words, no
    sentence's end, digits in at most half of them) outside the article, next to a menu,
    related list or comment section; not a list its own line introduces ("The shortlisted
    novels are:") nor a headline over its bulleted key points right above the text.

    The lines it reports are not also reported one by one by the phrase rules
    (AD001-AD007): its finding stands for them.

    ## Why is this bad?
    The headlines belong to other articles. Kept in the body, they mix other stories' topics
    into this one and make near-duplicate text across a site's pages.

    ## Example
    ```text
    ... the committee will vote next week.

    Most Popular
    Volker Saw No Harm in Investigating Unfounded Theories
    Standoff at a Hong Kong University Following Night of Violence
    ```

    ## How to fix or suppress
    Delete the lines (`--fix --unsafe-fixes`). Suppress with `--ignore AD053`,
    `ignore = ["AD053"]` under `[tool.artlint]`, or per file with `per-file-ignores`.
    """
    yield from _block_findings(article, RELATED, "related-stories list")


@rule(
    code="AD054",
    name="comment-section",
    summary="A comment section (or what follows its marker) after the article",
    fix="unsafe",
    covers=PHRASE_RULES,
)
def comment_section(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags content after an end marker of the article: a comment-section marker line
    ("Comments", "12 Comments", "Leave a Reply", "Post a comment", "Join the discussion",
    "Comments are closed", "No comments:", "Kommentare", "No hay comentarios", "Reacties",
    "Brak komentarzy", "Комментарии", ...) and the lines after it, up to the
    next menu or related list. The marker counts only after at least 60 words of the article's
    prose and after two thirds of it, so a subheading early in the text never ends it; with
    the blog software's comment form right under it ("Your email address will not be
    published", in its translations), the 60 words are enough.

    The lines it reports are not also reported one by one by the phrase rules
    (AD001-AD007): its finding stands for them.

    ## Why is this bad?
    Comments are other people's text. Kept in the body they are read as the article's own
    statements, and comment widgets add counters, buttons and forms.

    ## Example
    ```text
    ... the band will tour Europe next summer.

    Leave a Reply
    You must be logged in to post a comment.
    ```

    ## How to fix or suppress
    Delete the lines (`--fix --unsafe-fixes`). Suppress with `--ignore AD054`,
    `ignore = ["AD054"]` under `[tool.artlint]`, or per file with `per-file-ignores`.
    """
    yield from _block_findings(article, COMMENTS, "comment section")


# AD055 skip-link: the accessibility links a page prints before its menu, in the languages of
# the phrase packs, looked for before the article only. A whole line of them only: "Skip to
# content" starting a longer line may be a menu the structure did not call one, and that is
# AD050's to judge.
_SKIP_LINK = (
    r"(?:skip|jump)\s+to\s+(?:the\s+)?(?:main\s+)?"
    r"(?:content|navigation|menu|search|footer|player|site\s+index|section\s+links)"
    r"|skip\s+navigation|accessibility\s+links"
    r"|zu[mr]\s+(?:haupt)?(?:inhalt|navigation|suche)\s+springen"
    r"|direkt\s+zu[mr]\s+(?:haupt)?(?:inhalt|navigation)"
    r"|aller\s+au\s+contenu(?:\s+principal)?|passer\s+au\s+contenu(?:\s+principal)?"
    r"|(?:saltar|ir)\s+al\s+contenido(?:\s+principal)?"
    r"|(?:pular|ir|saltar)\s+para\s+o\s+conte[uú]do(?:\s+principal)?"
    r"|(?:vai|salta)\s+al\s+contenuto(?:\s+principale)?"
    r"|(?:본문|헤더|푸터|메뉴)(?:으로)?\s*바로\s*가기"
    r"|hopp\s+til\s+(?:hoved)?innhold(?:et)?|hoppa\s+till\s+(?:huvud)?inneh[aå]ll(?:et)?"
    r"|spring\s+til\s+(?:hoved)?indhold(?:et)?|siirry\s+sis[aä]lt[oö][oö]n"
    r"|przejd[zź]\s+do\s+(?:g[lł][oó]wnej\s+)?tre[sś]ci|p[rř]ej[ií]t\s+na\s+obsah"
    r"|sari\s+la\s+con[tțţ]inut|i[cç]eri[gğ]e\s+ge[cç]|naar\s+(?:de\s+)?inhoud\s+springen"
    r"|перейти\s+к\s+(?:содержимому|содержанию|основному\s+содержанию)"
    r"|lewati\s+ke\s+konten"
    # Japanese sites: "this is the top of the page", "skip the menu, to the text"
    r"|(?:ページの先頭です。?\s*)?(?:メニューを(?:飛ばして|スキップして))?本文へ(?:移動|スキップ)?"
)
#: a line made of skip links only (a page may print two in a row, even without a space)
_SKIP_LINE = compile_re(rf"(?:(?:{_SKIP_LINK})\s*[|·•]?\s*)+", re.IGNORECASE)
#: how a skip link starts, lower-cased: most lines are passed over by one set lookup
_SKIP_STARTS = frozenset(
    {"skip", "jump", "acce", "zum ", "zur ", "dire", "alle", "pass", "salt", "pula", "ir p"}
    | {"ir a", "hopp", "spri", "siir", "prze", "přej", "prej", "sari", "içer", "icer", "naar"}
    | {
        "vai ",
        "пере",
        "lewa",
        "본문 바",
        "본문바로",
        "본문으로",
        "헤더 바",
        "헤더바로",
        "푸터 바",
        "푸터바로",
        "ページの",
        "メニュー",
    }
    | {"本文へ", "本文へ移", "本文へス"}
)
_SKIP_FIRST = frozenset(first for start in _SKIP_STARTS for first in (start[0], start[0].upper()))
_LIST_BULLETS = "•*-·▪► \t"
#: lines other AD05x rules report already (a skip link heading a menu is part of the menu)
_REPORTED_ROLES = JUNK_ROLES | {BREADCRUMB, CRUMB}


@rule(
    code="AD055",
    name="skip-link",
    summary="An accessibility skip link of the page (Skip to main content) left in the text",
    fix="unsafe",
    covers=PHRASE_RULES,
)
def skip_link(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags a line before the article made only of the skip links a page prints for keyboard
    and screen-reader users ahead of its menu: `Skip to main content`, `Skip to navigation`,
    `Jump to search`, `Accessibility links`, and the same in the languages of the phrase packs
    (`Zum Inhalt springen`, `Aller au contenu`, `Saltar al contenido`, `Pular para o
    conteúdo`, `Vai al contenuto`, `Перейти к содержимому`, `Lewati ke konten`), Korean
    (`본문 바로가기`) and Japanese (`メニューを飛ばして本文へ`), with or without a list
    bullet. A line that only starts with one is left alone, and one inside a reported menu
    is part of that menu (AD050).

    The lines it reports are not also reported one by one by the phrase rules
    (AD001-AD007): its finding stands for them.

    ## Why is this bad?
    The link is the page's, not the article's: whole-page extractors keep it as the first line
    of the text, where a model or a summariser reads it as the article's opening.

    ## Example
    ```text
    Skip to main content
    ```

    ## How to fix or suppress
    Delete the line (`--fix --unsafe-fixes`). Suppress with `--ignore AD055`,
    `ignore = ["AD055"]` under `[tool.artlint]`, or per file with `per-file-ignores`.
    """
    for line in article.structure.lines:
        if line.zone != HEAD:
            break  # skip links come before the article, where the page puts them
        text = line.text
        if text[0] in _LIST_BULLETS:
            text = text.lstrip(_LIST_BULLETS)  # a link of a bulleted list: "• Skip to content"
            if not text:
                continue
        text = without_dotted_capital(text)
        if text[0] not in _SKIP_FIRST or line.words > 12 or text[:4].lower() not in _SKIP_STARTS:
            continue
        if line.role in _REPORTED_ROLES or _SKIP_LINE.fullmatch(text) is None:
            continue
        yield Finding(
            message=f"skip link {_shown(line.text)!r}",
            start=line.start,
            end=line.end,
            fix=_remove(article, line, line),
        )


@hookimpl
def artlint_rules() -> list[Rule]:
    return [
        navigation_menu,
        breadcrumb_line,
        section_crumb_line,
        related_stories_list,
        comment_section,
        skip_link,
    ]
