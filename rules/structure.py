"""Rule pack: structure (ST).

Whole-article shape problems: here, an article that has no text at all. Extractors return an empty
body when they find nothing they recognise as article text (the page was an index, a video page,
a consent wall, or the extractor's heuristics failed); such a record is not an article.
"""

from __future__ import annotations

from collections.abc import Iterator

from artlint import hookimpl
from artlint.models import Article, Finding
from artlint.rules import Rule, rule, rule_options

#: characters that take no space on screen: a body made of these and white space is empty too
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


@rule_options
class EmptyBodyOptions:
    """Options of ST001."""

    #: also call a body empty when all it holds is zero-width characters, BOMs and soft hyphens
    invisible_is_empty: bool = True


@rule(
    code="ST001",
    name="empty-body",
    summary="Article body is empty or holds only white space",
    severity="error",
    options=EmptyBodyOptions,
)
def empty_body(article: Article, options: EmptyBodyOptions) -> Iterator[Finding]:
    """## What it does
    Flags an article whose body is empty, or holds nothing but white space (spaces, tabs, blank
    lines) and, by default, invisible characters such as U+200B ZERO WIDTH SPACE or a BOM.

    ## Why is this bad?
    An extractor returns an empty body when it found nothing it recognised as the article: an
    index or video page, a consent wall, a page that needs JavaScript, or a failure of the
    extractor's heuristics. The record then carries a title and a URL but no text; counted as an
    article it inflates datasets and skews every statistic computed per article.

    ## Example
    A record whose text is missing:

    ```json
    {"title": "Council approves budget", "url": "https://example.com/a/1", "body": "  \\n\\n"}
    ```

    reports `ST001 article body is empty (only white space)`.

    ## How to fix or suppress
    Fix: re-extract the page with another extractor or from a fresh download, or drop the record.
    Suppress: `--ignore ST001` on the command line, `ignore = ["ST001"]` under `[tool.artlint]`,
    or a `per-file-ignores` entry for files where empty records are expected. Set
    `invisible-is-empty = false` to treat a body of only zero-width characters as non-empty.
    When a record holds a long text under a key the field map does not read as the body, the
    message names the key: map it under `[tool.artlint.fields]`.
    """
    body = article.body
    if not body:
        message = "article body is empty: the extractor returned no text"
        yield Finding(message=message + _text_elsewhere(article), end=0)
        return
    if not body.isspace() and not _only_invisible(body, options):
        return
    kind = "white space" if body.isspace() else "white space and invisible characters"
    yield Finding(
        message=f"article body is empty (only {kind}): the extractor returned no text",
        start=0,
        end=len(body),
    )


#: a record's text this long under another key is likely the article, read under a name the
#: field map does not know
_LIKELY_BODY_CHARS = 200


def _text_elsewhere(article: Article) -> str:
    """Where a record keeps the text it seems to have, when the body came out empty: goose3's
    ``cleaned_text`` or a dataset's ``document`` is a body under a name not mapped (yet)."""
    longest = max(
        (
            (len(value), key)
            for key, value in article.extra.items()
            if isinstance(value, str) and len(value) >= _LIKELY_BODY_CHARS
        ),
        default=None,
    )
    if longest is None or article.format not in ("json", "jsonl"):
        return ""  # front matter has no body key to map: its text is what follows it
    size, key = longest
    return (
        f" (the record holds {size:,} characters of text under {key!r}: if that is the "
        f'article, map it with [tool.artlint.fields] body = ["{key}"])'
    )


def _only_invisible(body: str, options: EmptyBodyOptions) -> bool:
    if not options.invisible_is_empty or body.isascii():
        return False
    # Strip from the front until the first visible character: a real body stops at once, where
    # translating the whole body (a dict lookup per character) cost ~0.3 ms per article.
    rest = body
    while rest:
        stripped = rest.lstrip().lstrip(_INVISIBLE)
        if len(stripped) == len(rest):
            return False
        rest = stripped
    return True


@hookimpl
def artlint_rules() -> list[Rule]:
    return [empty_body]
