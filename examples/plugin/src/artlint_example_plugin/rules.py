"""EX001: titles in capitals."""

from __future__ import annotations

from collections.abc import Iterator

from artlint import Article, Finding, Fix, RuleOptions, rule


class ShoutingTitleOptions(RuleOptions):
    #: titles with fewer letters than this are left alone (acronyms, "G7 TALKS")
    min_letters: int = 8


@rule(
    code="EX001",
    name="shouting-title",
    summary="Title in capitals",
    options=ShoutingTitleOptions,
    fix="unsafe",
)
def shouting_title(article: Article, options: ShoutingTitleOptions) -> Iterator[Finding]:
    """## What it does
    Flags a title written entirely in capital letters.

    ## Why is this bad?
    Capitals usually come from a site's style sheet (`text-transform: uppercase`) leaking into
    the scraped text; they read as shouting and defeat case-sensitive matching downstream.

    ## Example
    ```
    Title: MINISTER VISITS VIENNA FOR TALKS
    ```
    Use instead:
    ```
    Title: Minister visits Vienna for talks
    ```

    ## How to fix or suppress
    Restore the title's case from the page's metadata. The offered fix title-cases the text, which
    is only a guess, so it is unsafe (`--fix --unsafe-fixes`). Titles with fewer than
    `min-letters` letters are never flagged. Suppress with `--ignore EX001`,
    `ignore = ["EX001"]` in `[tool.artlint]`, or `per-file-ignores`.
    """
    title = article.title or ""
    letters = [char for char in title if char.isalpha()]
    if len(letters) < options.min_letters or not all(char.isupper() for char in letters):
        return
    yield Finding(
        message="title is in capitals",
        field="title",
        start=0,
        end=len(title),
        fix=Fix(
            replacement=title.capitalize(),
            start=0,
            end=len(title),
            applicability="unsafe",
            description="sentence-case the title",
        ),
    )
