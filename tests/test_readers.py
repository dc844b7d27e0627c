"""Readers: field mapping per format and Article.locate from any character back to the raw file."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest
from conftest import ReadItems

from artlint.discovery import discover, logical_name
from artlint.fields import DEFAULT_FIELD_KEYS, FieldMap, map_fields
from artlint.models import Article
from artlint.readers.base import ReadProblem

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"


def only_article(items: list[Article | ReadProblem]) -> Article:
    assert len(items) == 1, items
    article = items[0]
    assert isinstance(article, Article), article
    return article


def articles(items: list[Article | ReadProblem]) -> list[Article]:
    assert all(isinstance(item, Article) for item in items), items
    return [item for item in items if isinstance(item, Article)]


def raw_at(raw: str, line: int, column: int) -> str:
    """The raw file's text from (line, column), both 1-based, columns in code points."""
    text = raw.removeprefix("\ufeff")
    return text.split("\n")[line - 1][column - 1 :]


def json_char_at(raw: str, line: int, column: int) -> str:
    """The one decoded character whose raw JSON spelling starts at (line, column)."""
    rest = raw_at(raw, line, column)
    if not rest.startswith("\\"):
        return rest[:1]
    if rest[1] != "u":
        return json.loads(f'"{rest[:2]}"')
    first = int(rest[2:6], 16)
    if 0xD800 <= first < 0xDC00 and rest[6:8] == "\\u" and 0xDC00 <= int(rest[8:12], 16) < 0xE000:
        return json.loads(f'"{rest[:12]}"')
    return chr(first)


def assert_every_char_located(raw: str, article: Article, field: str = "body") -> None:
    """locate() of every character of a JSON field lands on that character's raw spelling."""
    text = article.text_of(field)
    assert text
    for offset, char in enumerate(text):
        line, column = article.locate(field, offset)
        assert json_char_at(raw, line, column) == char, (offset, char, line, column)


def assert_located(raw: str, article: Article, field: str, needle: str) -> tuple[int, int]:
    offset = article.text_of(field).index(needle)
    line, column = article.locate(field, offset)
    assert raw_at(raw, line, column).startswith(needle), (line, column)
    return line, column


# -- plain text -------------------------------------------------------------------------------


def test_text_body_is_the_whole_file_and_lines_map_one_to_one(read_items: ReadItems) -> None:
    raw = "Banner\n\nHeadline here\n\nFirst paragraph with NEEDLE.\nLast line"
    article = only_article(read_items("a.txt", raw.encode()))
    assert article.format == "text"
    assert article.body == raw
    assert article.record is None
    assert assert_located(raw, article, "body", "NEEDLE") == (5, 22)
    assert article.locate("body", 0) == (1, 1)
    assert article.locate("body", len(raw)) == (6, 10)


def test_text_crlf_and_bom_do_not_shift_columns(read_items: ReadItems) -> None:
    raw = "\ufeffFirst line\r\nSecond NEEDLE line\r\n"
    article = only_article(read_items("a.txt", raw.encode("utf-8")))
    assert not article.body.startswith("\ufeff")
    assert article.locate("body", 0) == (1, 1)
    assert assert_located(raw, article, "body", "NEEDLE") == (2, 8)


def test_empty_text_file_is_an_empty_article(read_items: ReadItems) -> None:
    article = only_article(read_items("empty.txt", b""))
    assert article.body == ""
    assert article.locate("body", 0) == (1, 1)


def test_seed_page_lines_map_to_the_file() -> None:
    seed = SEED / "globalsecurity-2007-07-23-iran-us-talks.txt"
    if not seed.is_file():
        pytest.skip("the seed page is not available")
    from artlint.readers.base import InputFile
    from artlint.readers.text import read_text

    raw = seed.read_text(encoding="utf-8-sig")
    file = InputFile(path=str(seed), logical_name=seed.name, open=lambda: seed.open("rb"))
    article = only_article(list(read_text(file, FieldMap())))
    lines = raw.split("\n")
    for number in (1, 7, 33, 35):
        offset = article.body.index(lines[number - 1])
        assert article.locate("body", offset) == (number, 1)
    assert "Join the mailing list" in lines[32]


# -- markdown ---------------------------------------------------------------------------------

FRONT_MATTER = (
    "---\n"
    'title: "Quoted TITLE here"\n'
    "date: 2024-02-30\n"
    "author: Jane NEEDLE Doe\n"
    "summary: |\n"
    "  First line\n"
    "  Second SUMMARY line\n"
    "url: https://example.org/a\n"
    "tags: [a, b]\n"
    "---\n"
    "# Heading\n"
    "\n"
    "Body paragraph with NEEDLE in it.\n"
)


def test_markdown_front_matter_fields_and_offsets(read_items: ReadItems) -> None:
    article = only_article(read_items("a.md", FRONT_MATTER.encode()))
    assert article.format == "markdown"
    assert article.title == "Quoted TITLE here"
    # kept as written: YAML would turn it into a date, and this one does not exist
    assert article.published == "2024-02-30"
    assert article.author == "Jane NEEDLE Doe"
    assert article.url == "https://example.org/a"
    assert article.extra == {"summary": "First line\nSecond SUMMARY line\n", "tags": ["a", "b"]}
    assert article.body.startswith("# Heading\n")
    assert article.locate("body", 0) == (11, 1)
    assert assert_located(FRONT_MATTER, article, "body", "NEEDLE") == (13, 21)
    assert assert_located(FRONT_MATTER, article, "title", "TITLE") == (2, 16)
    assert assert_located(FRONT_MATTER, article, "published", "2024") == (3, 7)
    assert assert_located(FRONT_MATTER, article, "author", "NEEDLE") == (4, 14)
    # a key no field maps, found when first asked; a list stays at the file's start
    assert assert_located(FRONT_MATTER, article, "summary", "SUMMARY") == (7, 10)
    assert article.locate("tags", 0) == (1, 1)


HUGO_TOML = (
    "+++\n"
    'title = "Budget approved"\n'
    "date = 2024-02-28T10:00:00Z\n"
    "draft = false\n"
    'tags = ["council"]\n'
    "+++\n"
    "\n"
    "The council approved the NEEDLE budget.\n"
)


def test_markdown_toml_front_matter(read_items: ReadItems) -> None:
    # Hugo writes its front matter in TOML between +++ lines
    article = only_article(read_items("a.md", HUGO_TOML.encode()))
    assert article.title == "Budget approved"
    assert article.published == "2024-02-28T10:00:00+00:00"  # TOML's date, as ISO text
    assert article.extra == {"draft": False, "tags": ["council"]}
    assert article.body == "\nThe council approved the NEEDLE budget.\n"
    assert assert_located(HUGO_TOML, article, "body", "NEEDLE") == (8, 26)
    assert article.locate("published", 0) == (3, 1)  # the key's line


def test_markdown_toml_front_matter_nested_too_deep(read_items: ReadItems) -> None:
    deep = b"+++\na = " + b"[" * 3000 + b"]" * 3000 + b"\n+++\nBody.\n"
    [problem] = [item for item in read_items("a.md", deep) if isinstance(item, ReadProblem)]
    assert "nested too deep" in problem.message


def test_markdown_toml_front_matter_that_does_not_parse(read_items: ReadItems) -> None:
    items = read_items("a.md", b'+++\ntitle = "unclosed\n+++\nBody.\n')
    [problem] = [item for item in items if isinstance(item, ReadProblem)]
    assert problem.line == 2 and "not valid TOML" in problem.message and "line 2" in problem.message


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        # written as they read: every character located
        ("summary: plain NEEDLE here\n", "exact"),
        ("summary: 'single NEEDLE'\n", "exact"),
        ('summary: "double NEEDLE"\n', "exact"),
        ("summary: |\n  block\n  NEEDLE line\n", "exact"),
        ('"a.b": dotted NEEDLE\n', "exact"),
        # YAML rewrites them: located at the value's start, never edited in place
        ('summary: "esc \\"q\\" NEEDLE"\n', "start"),
        ("summary: 'it''s NEEDLE'\n", "start"),
        ("summary: >\n  folded\n  NEEDLE line\n", "start"),
        ("summary: wrapped\n  NEEDLE line\n", "start"),
        ("summary: !!str tagged NEEDLE\n", "start"),
        ("summary: |2\n    extra indent NEEDLE\n", "start"),
    ],
)
def test_front_matter_values_are_located_only_where_raw_text_is_the_value(
    front: str, expected: str, read_items: ReadItems
) -> None:
    raw = f"---\n{front}---\nBody.\n"
    article = only_article(read_items("a.md", raw.encode()))
    key = "a.b" if front.startswith('"a.b"') else "summary"
    if expected == "exact":
        assert_every_char_located_raw(raw, article, key)
    else:
        source = article.source_of(key)
        assert source is not None and source.kind == "value"
        assert source.line == 2


def test_a_repeated_front_matter_key_is_located_at_the_value_yaml_keeps(
    read_items: ReadItems,
) -> None:
    raw = "---\nsummary: first one\nsummary: second NEEDLE\n---\nBody.\n"
    article = only_article(read_items("a.md", raw.encode()))
    assert article.extra["summary"] == "second NEEDLE"
    assert assert_located(raw, article, "summary", "NEEDLE") == (3, 17)


def assert_every_char_located_raw(raw: str, article: Article, field: str) -> None:
    """locate() of every character of a text-kind field lands on that very character."""
    text = article.text_of(field)
    assert text
    for offset, char in enumerate(text):
        line, column = article.locate(field, offset)
        if char == "\n":
            continue  # a line end is located at the end of its line
        assert raw_at(raw, line, column)[:1] == char, (offset, char, line, column)


def test_markdown_block_scalar_lines_map_to_their_raw_lines(read_items: ReadItems) -> None:
    raw = FRONT_MATTER.replace("summary: |", "author: |").replace("author: Jane NEEDLE Doe\n", "")
    article = only_article(read_items("a.md", raw.encode()))
    assert article.author == "First line\nSecond SUMMARY line\n"
    assert assert_located(raw, article, "author", "First") == (5, 3)
    assert assert_located(raw, article, "author", "SUMMARY") == (6, 10)


def test_markdown_crlf_bom_and_non_ascii_keep_offsets(read_items: ReadItems) -> None:
    raw = "\ufeff---\r\ntitle: Été à Paris NEEDLE\r\n---\r\nCafé NEEDLE\r\n"
    article = only_article(read_items("a.md", raw.encode()))
    assert article.title == "Été à Paris NEEDLE"
    assert article.body == "Café NEEDLE\r\n"
    assert assert_located(raw, article, "title", "NEEDLE") == (2, 20)
    assert assert_located(raw, article, "body", "NEEDLE") == (4, 6)


def test_markdown_without_front_matter_is_all_body(read_items: ReadItems) -> None:
    for raw in ("# Title\n\nText.\n", "---\nno closing fence\n\nText.\n", ""):
        article = only_article(read_items("a.md", raw.encode()))
        assert article.body == raw
        assert article.title is None


def test_markdown_empty_front_matter(read_items: ReadItems) -> None:
    article = only_article(read_items("a.md", b"---\n---\nJust text.\n"))
    assert article.body == "Just text.\n"
    assert article.locate("body", 0) == (3, 1)


def test_markdown_nested_front_matter_key(read_items: ReadItems) -> None:
    raw = "---\npublisher:\n  name: Daily NEEDLE\n---\nText.\n"
    article = only_article(read_items("a.md", raw.encode()))
    assert article.source == "Daily NEEDLE"
    assert assert_located(raw, article, "source", "NEEDLE") == (3, 15)


# -- JSON and JSON Lines: field mapping ---------------------------------------------------------

SCRAPERS = {
    "trafilatura": {
        "title": "T",
        "author": "A",
        "hostname": "example.org",
        "date": "2024-05-01",
        "url": "https://example.org/t",
        "text": "Body.",
        "raw_text": "Raw.",
        "source-hostname": "Example",
    },
    "news-please": {
        "title": "T",
        "authors": ["A", "B"],
        "date_publish": "2024-05-01 10:00:00",
        "date_download": "2024-05-02 11:00:00",
        "maintext": "Body.",
        "url": "https://e.org/n",
        "source_domain": "e.org",
        "language": "en",
        "description": "D",
    },
    "newspaper": {
        "title": "T",
        "authors": ["A"],
        "publish_date": "2024-05-01T00:00:00",
        "text": "Body.",
        "url": "https://e.org/np",
        "source_url": "https://e.org",
    },
    "schema.org": {
        "@type": "NewsArticle",
        "headline": "T",
        "datePublished": "2024-05-01",
        "author": {"@type": "Person", "name": "A"},
        "articleBody": "Body.",
        "publisher": {"@type": "Organization", "name": "Example News"},
        "url": "https://e.org/s",
        "inLanguage": "en",
    },
    "crawler": {"body": "Body.", "fetched_at": "2024-05-02", "published_at": "2024-05-01"},
}


@pytest.mark.parametrize("scraper", sorted(SCRAPERS))
def test_common_scraper_fields_map_by_default(scraper: str, read_items: ReadItems) -> None:
    record = SCRAPERS[scraper]
    article = only_article(read_items("a.json", json.dumps(record).encode()))
    assert article.body == "Body."
    assert article.published is not None and article.published.startswith("2024-05-01")
    expected_title = None if scraper == "crawler" else "T"
    assert article.title == expected_title
    if scraper in ("news-please", "crawler"):
        assert article.crawled is not None and article.crawled.startswith("2024-05-02")
    assert article.text_of("body") == "Body."
    # the keys that were used are not duplicated into extra
    assert "maintext" not in article.extra and "articleBody" not in article.extra


# what more extractors emit, with the article fields they must give by default
MORE_SCRAPERS = [
    # trafilatura --json: "source" is the page's URL, the site is "source-hostname"
    (
        {
            "title": "T",
            "source": "https://example.org/t",
            "source-hostname": "Example",
            "date": "2024-05-01",
            "filedate": "2024-05-02",
            "text": "Body.",
        },
        {"source": "Example", "published": "2024-05-01", "crawled": "2024-05-02"},
    ),
    # goose3 Article.infos
    (
        {"title": "T", "cleaned_text": "Body.", "publish_date": "2024-05-01", "meta_lang": "en"},
        {"published": "2024-05-01", "language": "en"},
    ),
    # Mozilla Readability parse(): "content" is the article as HTML
    (
        {
            "title": "T",
            "content": "<div><p>Body.</p></div>",
            "textContent": "Body.",
            "siteName": "Example",
            "publishedTime": "2024-05-01T10:00:00Z",
            "lang": "en",
        },
        {"source": "Example", "published": "2024-05-01T10:00:00Z"},
    ),
    # Zyte article extraction
    (
        {
            "headline": "T",
            "articleBody": "Body.",
            "datePublished": "2024-05-01",
            "metadata": {"dateDownloaded": "2024-05-02T00:00:00Z"},
        },
        {"crawled": "2024-05-02T00:00:00Z"},
    ),
    # Hugging Face xsum / multi_news
    ({"document": "Body.", "summary": "S", "id": "1"}, {}),
    # an RSS item as a feed exporter writes it
    (
        {
            "title": "T",
            "link": "https://e.org/r",
            "pubDate": "Tue, 07 Nov 2023 14:03:00 GMT",
            "content": "Body.",
        },
        {"published": "Tue, 07 Nov 2023 14:03:00 GMT", "url": "https://e.org/r"},
    ),
    # Diffbot article, Webhose post
    ({"text": "Body.", "pageUrl": "https://e.org/d"}, {"url": "https://e.org/d"}),
    ({"text": "Body.", "thread": {"site": "e.org"}, "crawled": "2024-05-02"}, {"source": "e.org"}),
]


@pytest.mark.parametrize(("record", "expected"), MORE_SCRAPERS)
def test_more_extractors_map_by_default(
    record: dict[str, object], expected: dict[str, str], read_items: ReadItems
) -> None:
    article = only_article(read_items("a.json", json.dumps(record).encode()))
    assert article.body == "Body."
    for name, value in expected.items():
        assert getattr(article, name) == value


def test_schema_org_nested_names(read_items: ReadItems) -> None:
    article = only_article(read_items("a.json", json.dumps(SCRAPERS["schema.org"]).encode()))
    assert article.author == "A"
    assert article.source == "Example News"
    assert article.language == "en"
    assert article.extra["@type"] == "NewsArticle"


def test_list_of_authors_is_joined(read_items: ReadItems) -> None:
    article = only_article(read_items("a.json", json.dumps(SCRAPERS["news-please"]).encode()))
    assert article.author == "A, B"
    assert article.source == "e.org"


def test_field_mapping_is_configurable(read_items: ReadItems) -> None:
    record = {"text": "teaser", "story": "The real NEEDLE body.", "headline_en": "Title"}
    fields = FieldMap().with_overrides({"body": ["story"], "title": ["headline_en"]})
    raw = json.dumps(record)
    article = only_article(read_items("a.json", raw.encode(), fields))
    assert article.body == "The real NEEDLE body."
    assert article.title == "Title"
    assert article.extra == {"text": "teaser"}
    assert_located(raw, article, "body", "NEEDLE")


def test_unknown_field_names_are_rejected() -> None:
    from artlint.config import ConfigError

    with pytest.raises(ConfigError, match="unknown article field 'bdy'"):
        FieldMap().with_overrides({"bdy": ["text"]})
    with pytest.raises(ConfigError, match="one or more record keys"):
        FieldMap().with_overrides({"body": []})


def test_first_non_empty_key_wins_but_an_empty_body_is_still_a_body() -> None:
    values, chosen = map_fields({"text": "  ", "maintext": "Real."}, FieldMap())
    assert values["body"] == "Real." and chosen["body"] == "maintext"
    values, chosen = map_fields({"text": "", "title": " ", "headline": "H"}, FieldMap())
    assert values["body"] == "" and chosen["body"] == "text"
    assert values["title"] == "H"
    values, _ = map_fields({"text": None, "date": True}, FieldMap())
    assert values["body"] is None and values["published"] is None


def test_default_mapping_covers_the_documented_keys() -> None:
    for field, keys in {
        "body": ("text", "maintext", "articleBody", "body"),
        "published": ("date", "date_publish", "datePublished"),
        "crawled": ("crawled", "date_download", "fetched_at", "scraped_at"),
    }.items():
        assert set(keys) <= set(DEFAULT_FIELD_KEYS[field])


# -- JSON and JSON Lines: locations -----------------------------------------------------------


def test_jsonl_line_record_and_column(read_items: ReadItems) -> None:
    raw = (
        '{"title": "first", "text": "one"}\n'
        "\n"
        '{"title": "second", "text": "two NEEDLE"}\n'
        '  {"text": "three", "title": "NEEDLE title"}\n'
    )
    items = articles(read_items("a.jsonl", raw.encode()))
    assert [item.record for item in items] == [1, 2, 3]
    assert [item.format for item in items] == ["jsonl"] * 3
    assert assert_located(raw, items[1], "body", "NEEDLE") == (3, 34)
    assert assert_located(raw, items[2], "title", "NEEDLE") == (4, 31)
    assert items[0].locate("body", 0) == (1, 29)


def test_ndjson_is_json_lines(read_items: ReadItems) -> None:
    items = articles(read_items("a.ndjson", b'{"text": "a"}\n{"text": "b"}'))
    assert [item.body for item in items] == ["a", "b"]


ESCAPED = {
    "title": 'Caf\u00e9 "quoted" \\ back',
    "text": 'Line one\nLine "two" caf\u00e9 \U0001f600 tab\tend \u2028 sep NEEDLE',
}


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_every_character_of_an_escaped_json_string_is_located(
    ensure_ascii: bool, read_items: ReadItems
) -> None:
    raw = json.dumps(ESCAPED, ensure_ascii=ensure_ascii) + "\n"
    if ensure_ascii:
        assert "\\ud83d\\ude00" in raw and "\\u00e9" in raw
    article = only_article(read_items("a.jsonl", raw.encode()))
    assert article.body == ESCAPED["text"]
    assert_every_char_located(raw, article, "body")
    assert_every_char_located(raw, article, "title")
    # the end of a span may be one past the last character: the closing quote
    line, column = article.locate("body", len(article.body))
    assert raw_at(raw, line, column).startswith('"')


def test_lone_surrogate_escape_is_one_character(read_items: ReadItems) -> None:
    raw = '{"text": "a\\ud83d\\u0041 NEEDLE"}\n'
    article = only_article(read_items("a.jsonl", raw.encode()))
    assert article.body == "a\ud83dA NEEDLE"
    assert assert_located(raw, article, "body", "NEEDLE") == (1, 25)


def test_nested_or_quoted_key_of_the_same_name_is_not_the_field(read_items: ReadItems) -> None:
    raw = (
        '{"meta": {"text": "nested decoy", "title": "decoy"},'
        ' "note": "a \\"text\\": \\"decoy\\"", "author": {"name": "Jane"},'
        ' "name": "Real NEEDLE title", "text": "Real NEEDLE body"}\n'
    )
    article = only_article(read_items("a.jsonl", raw.encode()))
    assert article.body == "Real NEEDLE body"
    assert article.title == "Real NEEDLE title"
    assert article.author == "Jane"
    assert assert_located(raw, article, "body", "NEEDLE")[1] > raw.index('"text": "Real')
    assert_located(raw, article, "title", "NEEDLE")


def test_repeated_key_uses_the_last_value_like_json(read_items: ReadItems) -> None:
    raw = '{"text": "first", "text": "second NEEDLE"}\n'
    article = only_article(read_items("a.jsonl", raw.encode()))
    assert article.body == "second NEEDLE"
    assert_located(raw, article, "body", "NEEDLE")


def test_pretty_printed_array_with_crlf_and_bom(read_items: ReadItems) -> None:
    records = [
        {"title": "One", "text": "First caf\u00e9 NEEDLE\nsecond line"},
        {"title": "Two NEEDLE", "text": "Second \U0001f600 NEEDLE"},
        {"text": "Third NEEDLE"},
    ]
    pretty = json.dumps(records, indent=2).replace("\n", "\r\n")
    raw = "\ufeff" + pretty + "\r\n"
    items = articles(read_items("a.json", raw.encode()))
    assert [item.record for item in items] == [1, 2, 3]
    for item in items:
        assert_every_char_located(raw, item, "body")
    assert_every_char_located(raw, items[1], "title")
    assert assert_located(raw, items[2], "body", "NEEDLE") == (11, 20)


def test_single_json_object_has_no_record_number(read_items: ReadItems) -> None:
    raw = '{\n  "text": "Body NEEDLE",\n  "title": "T"\n}\n'
    article = only_article(read_items("a.json", raw.encode()))
    assert article.record is None
    assert assert_located(raw, article, "body", "NEEDLE") == (2, 17)


def test_non_string_values_point_at_the_value(read_items: ReadItems) -> None:
    raw = '{"text": "b", "authors": ["NEEDLE A", "B"], "date": 20240501}\n'
    article = only_article(read_items("a.jsonl", raw.encode()))
    assert article.author == "NEEDLE A, B"
    assert article.published == "20240501"
    assert article.locate("author", 0) == (1, raw.index("[") + 1)
    assert article.locate("published", 0) == (1, raw.index("20240501") + 1)


def test_record_without_body_maps_to_the_record_start(read_items: ReadItems) -> None:
    raw = '{"title": "t"}\n   {"title": "only a title"}\n'
    items = articles(read_items("a.jsonl", raw.encode()))
    assert items[1].body == ""
    assert items[1].locate("body", 0) == (2, 4)


def test_other_keys_of_a_record_are_located_on_demand(read_items: ReadItems) -> None:
    raw = '{"text": "b", "summary": "caf\\u00e9 \\"NEEDLE\\"", "views": 12}\n'
    article = only_article(read_items("a.jsonl", raw.encode()))
    assert "summary" not in article.sources  # nothing is mapped up front
    assert_every_char_located(raw, article, "summary")
    assert assert_located(raw, article, "summary", "NEEDLE") == (1, raw.index("NEEDLE") + 1)
    # a key that is no string, and one the record lacks, stay at the record
    assert article.locate("views", 0) == (1, 1)
    assert article.locate("absent", 0) == (1, 1)


def test_other_keys_of_a_pretty_printed_record_are_on_their_own_line(
    read_items: ReadItems,
) -> None:
    raw = '[\n  {\n    "text": "b",\n    "teaser": "two\\nlines NEEDLE"\n  }\n]\n'
    article = only_article(read_items("a.json", raw.encode()))
    assert assert_located(raw, article, "teaser", "NEEDLE") == (
        4,
        raw.split("\n")[3].index("N") + 1,
    )


def test_a_pickled_article_locates_other_keys_at_the_record(read_items: ReadItems) -> None:
    import pickle

    raw = '{"text": "b", "summary": "NEEDLE"}\n'
    article = only_article(read_items("a.jsonl", raw.encode()))
    copy = pickle.loads(pickle.dumps(article))
    assert copy == article
    assert copy.locate("summary", 0) == (1, 1)
    assert article.locate("summary", 0) == (1, raw.index("NEEDLE") + 1)


def test_random_json_strings_locate_exactly(read_items: ReadItems) -> None:
    alphabet = 'ab \n\t"\\/\u00e9\u4e2d\U0001f600\u2028\r\x01\ud83d'
    rng = random.Random(20240501)
    for _ in range(60):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        record = {"title": "x", "text": text}
        # a lone surrogate cannot be written as UTF-8, only as an escape
        ascii_only = "\ud83d" in text or rng.random() < 0.5
        raw = json.dumps(record, ensure_ascii=ascii_only)
        if rng.random() < 0.5:
            raw = json.dumps([record, record], indent=rng.choice([1, 4]), ensure_ascii=ascii_only)
            raw = raw.replace("\n", "\r\n") if rng.random() < 0.5 else raw
            name = "a.json"
        else:
            name = "a.jsonl"
        for item in articles(read_items(name, raw.encode())):
            assert item.body == text
            assert_every_char_located(raw, item, "body")


# -- gzip variants and discovery ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("a.txt", "Text with NEEDLE\n"),
        ("a.md", "---\ntitle: T\n---\nText with NEEDLE\n"),
        ("a.json", '{"text": "Text with NEEDLE"}'),
        ("a.jsonl", '{"text": "x"}\n{"text": "Text with NEEDLE"}\n'),
        ("a.ndjson", '{"text": "Text with NEEDLE"}\n'),
    ],
)
def test_gzip_variant_reads_like_the_plain_file(name: str, raw: str, read_items: ReadItems) -> None:
    plain = read_items(name, raw.encode())
    packed = read_items(name + ".gz", gzip.compress(raw.encode()))
    assert [item.model_dump() for item in packed] == [
        item.model_copy(update={"path": name + ".gz"}).model_dump() for item in plain
    ]
    last = articles(packed)[-1]
    assert_located(raw, last, "body", "NEEDLE")


def test_logical_name_strips_only_compression() -> None:
    assert logical_name("a.jsonl.gz") == "a.jsonl"
    assert logical_name("A.JSON.GZ") == "A.JSON"
    assert logical_name("a.txt") == "a.txt"


def test_discovery_walks_sorted_and_skips_excluded(tmp_path: Path) -> None:
    for name in ("b/2.txt", "b/1.md", "a.jsonl.gz", "skip/x.txt", ".git/y.txt", "notes.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = list(discover([str(tmp_path)], [".txt", ".md", ".jsonl"], [".git", "skip"]))
    assert [c.path.relative_to(tmp_path).as_posix() for c in found] == [
        "a.jsonl.gz",
        "b/1.md",
        "b/2.txt",
    ]
    assert all(c.problem is None for c in found)


def test_discovery_names_problems_with_given_paths(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "data.csv").write_text("a,b\n")
    given = [str(tmp_path / "missing.txt"), str(tmp_path / "empty"), str(tmp_path / "data.csv")]
    problems = [c.problem for c in discover(given, [".txt"], [])]
    assert problems[0] == "no such file or directory"
    assert problems[1] is not None and problems[1].startswith("no article files found")
    assert problems[2] is not None and "no reader" in problems[2]


# -- bundled examples -------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def test_bundled_examples_cover_every_format_and_read_cleanly(read_items: ReadItems) -> None:
    files = sorted(EXAMPLES.iterdir())
    suffixes = {
        "".join(path.suffixes[-2:]) if path.suffix == ".gz" else path.suffix for path in files
    }
    assert suffixes >= {".txt", ".md", ".json", ".jsonl", ".jsonl.gz", ".ndjson"}
    assert any(path.name.startswith("clean-") for path in files)
    for path in files:
        assert path.name.startswith(("clean-", "defective-", "mixed-")), path.name
        assert path.stat().st_size < 4096, "examples stay small"
        items = read_items(path.name, path.read_bytes())
        assert items and all(isinstance(item, Article) for item in items), (path.name, items)
        assert all(item.body.strip() for item in articles(items)), path.name
    arrays = [p for p in files if p.suffix == ".json" and p.read_text().lstrip().startswith("[")]
    assert arrays, "a JSON array example"


def test_body_given_as_a_list_of_paragraphs(read_items: ReadItems) -> None:
    # Scrapers that keep paragraphs apart: the body keeps them apart too, and every finding
    # in it points at the list itself (no column inside one string could be exact)
    raw = '{"id": 7, "text": ["Tom &amp; Jerry went home.", "Second part here."]}\n'
    article = only_article(read_items("a.jsonl", raw.encode()))
    assert article.body == "Tom &amp; Jerry went home.\n\nSecond part here."
    column = raw.index("[") + 1
    assert article.locate("body", 0) == (1, column)
    assert article.locate("body", len(article.body)) == (1, column)


def test_fix_leaves_a_list_body_alone(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "a.jsonl"
    raw = '{"text": ["Tom &amp; Jerry went home.", "Second &amp; part."]}\n'
    path.write_text(raw, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "artlint", "check", "--isolated", "--no-cache", "--fix", "a.jsonl"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "a.jsonl:1:10: HT002" in done.stdout
    assert path.read_text(encoding="utf-8") == raw


def test_a_field_without_its_own_source_is_reported_on_its_record(read_items: ReadItems) -> None:
    # another key of a record (what a custom rule with scope = "field" reads) is found in the
    # raw line; a field the record lacks is located at the record
    raw = (
        b'{"text": "one"}\n{"text": "two"}\n  {"text": "three", "subtitle": "Sponsored content"}\n'
    )
    third = articles(read_items("a.jsonl", raw))[2]
    assert third.text_of("subtitle") == "Sponsored content"
    assert third.locate("subtitle", 0) == (3, 34)
    assert third.locate("title", 0) == (3, 3)


def test_bom_then_a_blank_first_line_is_no_record(read_items: ReadItems) -> None:
    raw = b'\xef\xbb\xbf\n{"text": "One."}\n{"text": "Two."}\n'
    items = read_items("a.jsonl", raw)
    assert [(item.record, item.body) for item in articles(items)] == [(1, "One."), (2, "Two.")]
    assert len(items) == 2


def test_a_mapped_field_knows_the_key_it_was_read_from(read_items: ReadItems) -> None:
    # messages name the record's key ('date_publish'), not artlint's field ('published')
    raw = b'{"maintext": "Body.", "date_publish": "2024-01-02", "title": "T", "tags": [1]}\n'
    article = only_article(read_items("a.jsonl", raw))
    assert article.source_of("published").key == "date_publish"  # type: ignore[union-attr]
    assert article.source_of("body").key == "maintext"  # type: ignore[union-attr]
    assert article.source_of("title").key is None  # type: ignore[union-attr]  # its own name


@pytest.mark.parametrize(
    "text",
    [
        "---\npubdate: 2024-01-02\ntitle: T\n---\nBody.\n",
        '+++\npubdate = "2024-01-02"\ntitle = "T"\n+++\nBody.\n',
    ],
)
def test_front_matter_fields_know_their_keys(read_items: ReadItems, text: str) -> None:
    article = only_article(read_items("a.md", text.encode()))
    assert article.source_of("published").key == "pubdate"  # type: ignore[union-attr]


NEWSAPI = (
    '{"status": "ok", "totalResults": 2, "articles": [\n'
    ' {"title": "One", "content": "First NEEDLE body.", "publishedAt": "2024-03-05"},\n'
    ' {"title": "Two", "content": "Second body.", "source": {"id": null, "name": "Ex"}}\n'
    "]}\n"
)


def test_a_news_api_answer_is_read_as_its_records(read_items: ReadItems) -> None:
    """NewsAPI, GDELT, Diffbot and others wrap their list of articles in an object with a
    status and a count; the records are the articles, not the wrapper (an empty body)."""
    items = read_items("a.json", NEWSAPI.encode())
    found = articles(items)
    assert len(items) == 2
    assert [(a.record, a.title, a.body) for a in found] == [
        (1, "One", "First NEEDLE body."),
        (2, "Two", "Second body."),
    ]
    assert found[1].source == "Ex"
    assert_located(NEWSAPI, found[0], "body", "NEEDLE")


def test_a_nested_wrapper_key_and_a_stray_item(read_items: ReadItems) -> None:
    raw = '{"articles": {"results": [{"body": "Text."}, 7, {"body": "More."}]}}'
    items = read_items("a.json", raw.encode())
    assert [getattr(item, "body", None) for item in items] == ["Text.", None, "More."]
    problem = items[1]
    assert isinstance(problem, ReadProblem) and problem.record == 2
    assert "expected a JSON object, got a number" in problem.message


@pytest.mark.parametrize(
    "raw",
    [
        # an article of its own that happens to hold a list of objects
        '{"text": "A list article.", "items": [{"name": "first"}]}',
        # no list of objects under the keys
        '{"status": "ok", "articles": ["a", "b"]}',
    ],
)
def test_an_object_that_is_an_article_or_wraps_nothing_stays_one_record(
    read_items: ReadItems, raw: str
) -> None:
    items = read_items("a.json", raw.encode())
    assert len(items) == 1 and isinstance(items[0], Article) and items[0].record is None


def test_wrapper_keys_are_configurable(read_items: ReadItems) -> None:
    raw = '{"hits": [{"text": "One."}], "articles": [{"text": "Two."}]}'
    only_hits = FieldMap().with_overrides({"records": ["hits"]})
    assert [a.body for a in articles(read_items("a.json", raw.encode(), only_hits))] == ["One."]
    never = FieldMap().with_overrides({"records": []})
    assert [a.body for a in articles(read_items("a.json", raw.encode(), never))] == [""]


def test_trafilatura_keeps_the_url_under_source() -> None:
    # trafilatura's JSON: "source" is the page's URL, "source-hostname" the site
    record = {"text": "Body.", "source": "https://ex.org/2024/03/05/a", "source-hostname": "Ex"}
    values, chosen = map_fields(record, FieldMap())
    assert (values["url"], values["source"]) == ("https://ex.org/2024/03/05/a", "Ex")
    # elsewhere "source" names the site, and is no URL
    values, _ = map_fields({"text": "Body.", "source": "Reuters"}, FieldMap())
    assert (values["url"], values["source"]) == (None, "Reuters")
    # a site's home page is no article's URL (every record of the site would share it)
    values, _ = map_fields({"text": "Body.", "source": "https://www.bbc.com/"}, FieldMap())
    assert values["url"] is None
    # a URL under its own key is taken as it stands
    values, _ = map_fields({"text": "Body.", "url": "ex.org/a"}, FieldMap())
    assert values["url"] == "ex.org/a"


def test_a_dotted_key_may_index_a_list() -> None:
    record = {"text": "Body.", "authors": [{"name": "Jo Li"}], "dates": ["2024-01-02"]}
    fields = FieldMap().with_overrides({"author": ["authors.0.name"], "published": ["dates.0"]})
    values, _ = map_fields(record, fields)
    assert (values["author"], values["published"]) == ("Jo Li", "2024-01-02")
    assert (
        map_fields(record, FieldMap().with_overrides({"author": ["authors.1.name"]}))[0]["author"]
        is None
    )


def test_an_answer_that_found_nothing_has_no_records(read_items: ReadItems) -> None:
    # not one article with an empty body (ST001 would call the extractor broken)
    assert read_items("a.json", b'{"status": "ok", "totalResults": 0, "articles": []}') == []


def test_a_json_feed_is_read_as_its_items(read_items: ReadItems) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Example",
        "items": [
            {
                "id": "1",
                "url": "https://ex.org/a",
                "title": "A",
                "content_text": "The text.",
                "date_published": "2024-03-05T10:00:00Z",
            }
        ],
    }
    (article,) = articles(read_items("feed.json", json.dumps(feed).encode()))
    assert (article.body, article.published, article.url) == (
        "The text.",
        "2024-03-05T10:00:00Z",
        "https://ex.org/a",
    )
