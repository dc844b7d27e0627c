"""Which keys of a scraper's record hold which article field.

The defaults cover the usual scrapers: trafilatura, news-please, newspaper, goose3, Mozilla
Readability, Zyte, schema.org ``NewsArticle``, Hugging Face news datasets and common crawler
exports. ``[tool.artlint.fields]`` replaces the list for a field.
A key may be a dotted path into nested objects and lists (``publisher.name``,
``authors.0.name``). The ``records`` entry is no field: it names where a JSON file that is one
object (a news API's answer) holds its list of records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: the entry of the field map that names where a wrapping object holds its records
RECORDS = "records"

DEFAULT_FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "body": (
        "text",
        "maintext",
        "articleBody",
        "article_body",
        "body",
        "cleaned_text",  # goose3
        "textContent",  # Mozilla Readability, whose "content" is the article as HTML
        "content_text",  # JSON Feed
        "content",
        "raw_text",
        "full_text",
        "fulltext",
        "article_text",
        "article",
        "text_content",
        "document",  # Hugging Face xsum, multi_news
    ),
    "title": ("title", "headline", "og_title", "name"),
    "published": (
        "date",
        "date_publish",
        "datePublished",
        "published",
        "published_at",
        "publish_date",
        "date_published",
        "pubdate",
        "publication_date",
        "pub_date",
        "publishedAt",
        "published_date",
        "publishedTime",  # Mozilla Readability
        "publishDate",  # Hugo front matter
        "pubDate",  # RSS items
    ),
    "url": (
        "url",
        "source_url",
        "canonical_url",
        "link",
        "uri",
        "pageUrl",
        "source",  # trafilatura's JSON: the page's URL (taken only when it is one)
    ),
    "author": ("author", "authors", "byline", "creator"),
    "source": (
        "source-hostname",  # trafilatura, whose "source" is the page's URL
        "source",
        "source_domain",
        "sitename",
        "site_name",
        "publisher.name",
        "publisher",
        "agency",
        "hostname",
        "domain",
        "siteName",  # Mozilla Readability, Diffbot
        "meta_site_name",  # newspaper4k
        "thread.site",  # Webhose
    ),
    "crawled": (
        "crawled",
        "date_download",
        "fetched_at",
        "scraped_at",
        "crawl_date",
        "crawled_at",
        "date_crawled",
        "downloaded_at",
        "retrieved_at",
        "date_retrieved",
        "filedate",  # trafilatura
        "dateDownloaded",
        "metadata.dateDownloaded",  # Zyte
        "seendate",  # GDELT: when it saw the article
    ),
    "language": ("language", "lang", "inLanguage", "humanLanguage", "meta_lang"),
    # Not a field: where a JSON file that is one object holds its records, as news APIs
    # answer (an object around the list, with a status and a count). Read only when the
    # object itself maps no body.
    RECORDS: (
        "articles",  # NewsAPI, GDELT DOC API
        "articles.results",  # Event Registry
        "objects",  # Diffbot
        "results",  # NewsData.io
        "posts",  # Webz.io
        "items",  # JSON Feed
        "data",  # mediastack, TheNewsAPI
        "response.docs",  # Solr
    ),
}


@dataclass(frozen=True)
class FieldMap:
    """Field name -> record keys to try, in order; the first present, non-empty key wins."""

    keys: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_FIELD_KEYS))

    def with_overrides(self, overrides: dict[str, list[str]]) -> FieldMap:
        """These keys with some fields' lists replaced; unknown field names are a ConfigError."""
        problem = check_field_overrides(overrides)
        if problem:
            from artlint.config import ConfigError

            raise ConfigError(problem)
        merged = dict(self.keys)
        merged.update({name: tuple(keys) for name, keys in overrides.items()})
        return FieldMap(keys=merged)


def check_field_overrides(overrides: dict[str, list[str]]) -> str | None:
    """What is wrong with a ``[tool.artlint.fields]`` table, or None."""
    for name, keys in overrides.items():
        if name not in DEFAULT_FIELD_KEYS:
            known = ", ".join(field for field in DEFAULT_FIELD_KEYS if field != RECORDS)
            return (
                f"[tool.artlint.fields]: unknown article field '{name}' (known: {known}; "
                f"and '{RECORDS}', where a JSON object holds its list of records)"
            )
        if not isinstance(keys, (list, tuple)) or any(
            not isinstance(key, str) or not key.strip() for key in keys
        ):
            return f"[tool.artlint.fields]: '{name}' must be a list of record keys"
        if not keys and name != RECORDS:  # records = []: never look inside a wrapping object
            return f"[tool.artlint.fields]: '{name}' must list one or more record keys"
    return None


def wrapped_records(record: dict[str, Any], fields: FieldMap) -> str | None:
    """The key under which an object that is no article holds its records (a list of objects,
    or an empty list: an answer that found nothing), the first key of ``records`` that has
    one; or None."""
    for key in fields.keys.get(RECORDS, ()):
        value = lookup(record, key)
        if isinstance(value, list) and (not value or isinstance(value[0], dict)):
            return key
    return None


def lookup(record: dict[str, Any], dotted: str) -> Any:
    """The value at a dotted path; a number after a list is an index (``authors.0.name``)."""
    value: Any = record
    for part in dotted.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


#: lists and objects nested deeper than this give no text: a hostile record must not exhaust
#: the interpreter's stack (the JSON decoder itself reads ~1,000 levels)
MAX_DEPTH = 100


def as_text(value: Any, joiner: str = ", ", depth: int = 0) -> str | None:
    """A field value as text: strings as they are, lists joined (names with ``", "``), objects
    by name."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or depth > MAX_DEPTH:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        return as_text(value.get("name") or value.get("@value"), depth=depth + 1)
    if isinstance(value, list):
        parts = [text for text in (as_text(item, joiner, depth + 1) for item in value) if text]
        return joiner.join(parts) if parts else None
    return None


#: keys that hold the page's URL in some scrapers' records and the site's name in others'
_NAMES_OR_URLS = frozenset({"source"})


def _is_url(text: str) -> bool:
    """Whether a value of _NAMES_OR_URLS can be the article's URL: a page's address, not a
    site's home page ("https://www.bbc.com/"), which every record of the site would share."""
    text = text.strip()
    scheme = text.find("://")
    if 0 < scheme < 10:
        rest = text[scheme + 3 :]
    elif text.startswith("//"):
        rest = text[2:]
    else:
        return False
    return rest.strip("/").count("/") >= 1


def map_fields(
    record: dict[str, Any], fields: FieldMap
) -> tuple[dict[str, str | None], dict[str, str]]:
    """Pick each article field from a record; return the values and the key path each came from.

    The first key with non-blank text wins. A body that is present but empty under every key is
    still the body (an empty article is a finding for the rules, not a missing field).
    """
    values: dict[str, str | None] = {}
    chosen: dict[str, str] = {}
    for name, keys in fields.keys.items():
        if name == RECORDS:
            continue
        values[name] = None
        for key in keys:
            # a body given as a scraper's list of paragraphs stays paragraphs: rules read lines
            text = as_text(lookup(record, key), "\n\n" if name == "body" else ", ")
            if text is None or name == "url" and key in _NAMES_OR_URLS and not _is_url(text):
                continue
            if text.strip():
                values[name] = text
                chosen[name] = key
                break
            if name == "body" and name not in chosen:
                values[name] = text
                chosen[name] = key
    return values, chosen
