"""Rule pack: markup (HT).

HTML that survived extraction: tags, comments, escaped tags, character entities, and lines of
JavaScript or CSS. Every rule first checks for the one character its pattern needs (`<`, `&`,
`{`/`;`) and skips the body when it is absent, which is the common case.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field

from artlint import hookimpl, patterns
from artlint.models import Article, Finding, Fix
from artlint.pattern_cache import compile_re
from artlint.rules import NoOptions, Rule, rule, rule_options

#: element names of HTML (current and obsolete ones that scrapers still meet)
KNOWN_TAGS = frozenset(
    """a abbr address amp-img amp-ad area article aside audio b base bdi bdo blockquote body br
    button canvas caption center cite code col colgroup data datalist dd del details dfn dialog
    div dl dt em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header
    hgroup hr html i iframe img input ins kbd label legend li link main map mark meta meter nav
    noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp
    script section select small source span strike strong style sub summary sup svg table tbody
    td template textarea tfoot th thead time title tr track tt u ul var video wbr""".split()
)

# A tag is `<name>`, `</name>`, `<name/>` or `<name attr=...>`: requiring `attr=` after a name
# keeps `<b and c>`-style prose and `<The Palace: ...>` titles out.
_TAG = patterns.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]{0,11})"
    r"(?:\s*/?>|\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:\"[^\"<>]{0,500}\"|'[^'<>]{0,500}'|[^\s<>]{1,200})"
    r"[^<>]{0,1000}?>)"
)
_COMMENT = patterns.compile(r"(?s)<!--.{0,3000}?-->|<!--")
_ESCAPED_TAG = patterns.compile(
    r"&lt;(/?)([A-Za-z][A-Za-z0-9-]{0,11})(?:\s*/?&gt;|\s+[A-Za-z_:][\w:.-]*\s*=.{0,1000}?&gt;)"
)
_ENTITY = patterns.compile(
    r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
#: ``<!-- artlint: disable=... -->`` and the like (see artlint.suppression)
_ARTLINT_DIRECTIVE = compile_re(r"<!--\s*artlint:")


@rule_options
class HtmlTagOptions:
    """Options of HT001."""

    #: more element names to treat as tags (custom elements of a source's CMS)
    extra_tags: list[str] = field(default_factory=list)


@rule(
    code="HT001",
    name="html-tag",
    summary="HTML tag or comment left in the text",
    severity="warning",
    options=HtmlTagOptions,
)
def html_tag(article: Article, options: HtmlTagOptions) -> Iterator[Finding]:
    """## What it does
    Flags HTML left in the text: tags with a known HTML element name (`<p>`, `</div>`,
    `<br/>`, `<span class="x">`, `<script src=...>`), comments (`<!-- ... -->`) and tags
    escaped as entities (`&lt;span style="..."&gt;`). A `<` is only a tag when a known
    element name follows and the rest looks like attributes, so `x < y`, `<email@example.com>`
    and `<The Palace: Tale of Jang Noksu>` are not flagged, nor are artlint's own suppression
    comments (`<!-- artlint: disable-next-line=AD001 -->`).

    ## Why is this bad?
    Markup is not article text: it pollutes word counts, search indexes and training data, and
    shows that the extractor (or a CMS export) did not convert the HTML.

    ## Example
    ```text
    The minister resigned on Monday.<br/> Her deputy takes over.
    ```
    reports `HT001 HTML tag <br/> in the text`.

    ## How to fix or suppress
    Fix: strip the markup with an HTML parser when extracting, or re-extract the page. There is
    no automatic fix: whether a tag should become a line break, a space or nothing depends on
    the tag. Suppress: `--ignore HT001`, `ignore = ["HT001"]` under `[tool.artlint]`, or a
    `per-file-ignores` entry (articles about HTML); add CMS element names with `extra-tags`.
    """
    body = article.body
    # The union is only built when it adds something: copying the frozenset cost ~9 us/article.
    extra = {name.lower() for name in options.extra_tags}
    known = KNOWN_TAGS | extra if extra else KNOWN_TAGS
    if "<" in body:
        for match in _COMMENT.finditer(body):
            if _ARTLINT_DIRECTIVE.match(match.group()):
                continue  # artlint's own suppression comment: it belongs in the file
            yield Finding(
                message="HTML comment in the text",
                start=match.start(),
                end=match.end(),
            )
        for match in _TAG.finditer(body):
            if match.group(2).lower() in known:
                yield Finding(
                    message=f"HTML tag {_shorten(match.group())} in the text",
                    start=match.start(),
                    end=match.end(),
                )
    if "&lt;" in body:
        for match in _ESCAPED_TAG.finditer(body):
            if match.group(2).lower() in known:
                yield Finding(
                    message=f"HTML-escaped tag {_shorten(match.group())} in the text",
                    start=match.start(),
                    end=match.end(),
                )


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@rule(
    code="HT002",
    name="html-entity",
    summary="HTML character entity left in the text",
    severity="warning",
    fix="safe",
)
def html_entity(article: Article, options: NoOptions) -> Iterator[Finding]:
    """## What it does
    Flags HTML character references that were never decoded: named entities that HTML defines
    (`&amp;`, `&nbsp;`, `&rsquo;`), numeric ones (`&#8217;`, `&#x2019;`) and double-escaped
    ones (`&amp;amp;`, `&amp;#8217;`). Only complete references count: they end in `;` and
    the name is a real entity, so `AT&T`, `R&D;` or `Q&A` are not flagged.

    ## Why is this bad?
    Readers see `it&#8217;s` instead of `it’s`; searches for `AT&T` miss `AT&amp;T`; double
    escapes show that text was escaped twice somewhere in the pipeline.

    ## Example
    ```text
    Shares of AT&amp;T rose 2% on Monday.
    ```
    reports `HT002 HTML entity '&amp;' should read '&'`; the fix gives `AT&T`.

    ## How to fix or suppress
    Fix: apply the fix (`artlint check --fix`): it decodes the reference (fully, for double
    escapes). It is safe, except where decoding would create markup characters (`&lt;`,
    `&gt;`), which is left to `--unsafe-fixes`. Suppress: `--ignore HT002`,
    `ignore = ["HT002"]` under `[tool.artlint]`, or a `per-file-ignores` entry.
    """
    body = article.body
    if "&" not in body or ";" not in body:
        return
    inside = _tag_spans(body)
    for match in _ENTITY.finditer(body):
        if inside and any(start <= match.start() < end for start, end in inside):
            continue
        text = match.group()
        decoded = _decode(text)
        if decoded is None:
            continue
        double = text.startswith("&amp;") and len(text) > len("&amp;")
        kind = "double-escaped HTML entity" if double else "HTML entity"
        creates_markup = "<" in decoded or ">" in decoded
        yield Finding(
            message=f"{kind} {text!r} should read {decoded!r}",
            start=match.start(),
            end=match.end(),
            fix=Fix(
                replacement=decoded,
                start=match.start(),
                end=match.end(),
                applicability="unsafe" if creates_markup else "safe",
                description="decode the HTML entity",
            ),
        )


def _tag_spans(body: str) -> list[tuple[int, int]]:
    """Spans of tags and escaped tags: their entities are part of the markup HT001 reports."""
    spans: list[tuple[int, int]] = []
    if "<" in body:
        spans += [
            (m.start(), m.end()) for m in _TAG.finditer(body) if m.group(2).lower() in KNOWN_TAGS
        ]
    if "&lt;" in body:
        spans += [
            (m.start(), m.end())
            for m in _ESCAPED_TAG.finditer(body)
            if m.group(2).lower() in KNOWN_TAGS
        ]
    return spans


def _decode(reference: str) -> str | None:
    """The text a complete reference stands for, or None when it is not a real one."""
    inner = reference
    while inner.startswith("&amp;") and len(inner) > len("&amp;"):
        inner = "&" + inner[len("&amp;") :]
    body = inner[1:]
    if body.startswith("#"):
        digits = body[1:-1]
        try:
            code = int(digits[1:], 16) if digits[:1] in "xX" and digits else int(digits)
        except ValueError:
            return None
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
    else:
        # imported here: the entity table is large, and most runs never meet an entity
        from html.entities import html5

        if body not in html5:
            return None
    import html

    return html.unescape(inner)


# --------------------------------------------------------------------------------------------
# HT003 script or style remnants

#: (literals, pattern): the pattern can only match a line that holds one of its literals. The
#: literal test (one memchr-backed ``in`` each) spares most of the regex calls, which cost
#: ~4 us each with the timeout even when they fail at once.
_SIGNALS = tuple(
    (literals, patterns.compile(pattern))
    for literals, pattern in (
        (("function",), r"\bfunction\s*[\w$]*\s*\([^)]{0,200}\)\s*\{"),
        (("var", "let", "const"), r"\b(?:var|let|const)\s+[A-Za-z_$][\w$]*\s*="),
        (("window.", "document.", "navigator."), r"\b(?:window|document|navigator)\.[A-Za-z_]\w*"),
        (
            ("googletag", "dataLayer", "adsbygoogle", "_gaq", "__gaTracker", "fbq", "gtag"),
            r"\b(?:googletag|dataLayer|adsbygoogle|_gaq|__gaTracker|fbq|gtag)\b",
        ),
        (("=>",), r"=>\s*[{(]"),
        (("}",), r"\}\s*\)\s*\(?\s*\)?\s*;"),
        (
            ("@media", "@import", "@font-face", "@keyframes"),
            r"@(?:media|import|font-face|keyframes)\b",
        ),
        (("{",), r"[\w\]\)#.-]\s*\{\s*[\w-]+\s*:\s*[^;{}]{1,200};"),
        (("!important",), r"!important\b"),
        (("return",), r"\breturn\s+(?:false|true|null|this)\s*;"),
        (("jQuery", "$"), r"(?:\bjQuery|\$)\s*\(\s*(?:document|window|function|['\"][#.])"),
        (
            (
                ".push",
                ".addEventListener",
                ".getElementById",
                ".querySelector",
                ".createElement",
                ".appendChild",
                ".setAttribute",
            ),
            r"\.(?:push|addEventListener|getElementById|querySelector|createElement|"
            r"appendChild|setAttribute)\s*\(",
        ),
        (("if",), r"\bif\s*\([^)]{1,200}\)\s*\{"),
        (("new",), r"\bnew\s+(?:Date|Image|XMLHttpRequest|Promise)\s*\("),
    )
)


@rule_options
class ScriptRemnantOptions:
    """Options of HT003."""

    #: how many different JavaScript/CSS signals a line needs
    min_signals: int = 2


@rule(
    code="HT003",
    name="script-or-style-remnant",
    summary="Line of JavaScript or CSS left in the text",
    severity="warning",
    options=ScriptRemnantOptions,
)
def script_remnant(article: Article, options: ScriptRemnantOptions) -> Iterator[Finding]:
    """## What it does
    Flags lines that are JavaScript or CSS rather than prose: a line needs at least
    `min-signals` (default 2) different signals such as `function(...) {`, `var x =`,
    `window.`/`document.`, `googletag`/`dataLayer`, `});`, `@media`, `selector { prop: value; }`,
    `!important`, `.push(`, `if (...) {`. One signal alone (a sentence that ends with
    "window." or mentions `dataLayer`) is not enough.

    ## Why is this bad?
    Script and style blocks come from `<script>`/`<style>` elements the extractor did not drop.
    They are noise for readers, indexes and models, and often hold tracking identifiers.

    ## Example
    ```text
    googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });
    ```
    reports `HT003 line looks like JavaScript/CSS (3 signals)`.

    ## How to fix or suppress
    Fix: drop `<script>`, `<style>` and `<noscript>` elements before extracting text, or delete
    the lines. Suppress: `--ignore HT003`, `ignore = ["HT003"]` under `[tool.artlint]`, or a
    `per-file-ignores` entry (articles about programming); raise `min-signals` to be stricter.
    """
    body = article.body
    if "{" not in body and ";" not in body:
        return
    for line in article.structure.lines:
        text = line.text
        if ("{" not in text and ";" not in text) or ("(" not in text and ":" not in text):
            continue
        count = sum(
            1
            for literals, signal in _SIGNALS
            if any(literal in text for literal in literals) and signal.search(text)
        )
        if count >= options.min_signals:
            yield Finding(
                message=f"line looks like JavaScript/CSS ({count} code signals), not prose",
                start=line.start,
                end=line.end,
            )


@hookimpl
def artlint_rules() -> list[Rule]:
    return [html_tag, html_entity, script_remnant]
