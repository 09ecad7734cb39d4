"""Turn fetched feeds and HTML pages into feed entries and ``claims.model.Document``s.

Nothing here touches the network: feedparser gets a file object (given bytes, it would try
them as a file name) and trafilatura only parses the HTML it is handed.
"""

from __future__ import annotations

import html
import io
import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import feedparser
import trafilatura

from claims.errors import DocumentError, EmptyDocument
from claims.model import NO_DATE, Document
from claims.pubdate import find_date_line
from claims.reading import clean_text, content_hash


class NotAFeed(DocumentError):
    """The body is not a readable RSS or Atom feed."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of an RSS or Atom feed."""

    link: str  # absolute
    title: str
    published: date | None
    summary: str  # plain text
    id: str | None = None


def parse_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed that link somewhere, links made absolute."""
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": base_url})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise NotAFeed(base_url, f"not an RSS or Atom feed ({problem})")
    entries = []
    for entry in parsed.entries:
        link = _text(entry.get("link"))
        if not link:
            continue
        entries.append(
            FeedEntry(
                link=urljoin(base_url, link),
                title=_plain(_text(entry.get("title"))),
                published=_entry_date(entry),
                summary=_plain(_text(entry.get("summary"))),
                id=_text(entry.get("id")) or None,
            )
        )
    return entries


def article_from_html(
    page: str | bytes,
    url: str,
    fallback_title: str | None = None,
    fallback_date: date | None = None,
) -> Document:
    """The page's main text as a Document, paragraphs separated by blank lines.

    The date comes from the page's markup, else a leading dateline (taken off the text as
    ``claims.reading`` does for text files), else the feed. Bytes let trafilatura detect
    the encoding.
    """
    extracted = trafilatura.extract(
        page,
        url=url,
        output_format="txt",
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
    )
    # extensive=False: a date only from markup (meta, JSON-LD, <time>, URL), never guessed
    # from the text, where the first date-like string may be any date.
    meta = trafilatura.extract_metadata(page, default_url=url, extensive=False)
    # Character references (&#0;, &#27;) bring control characters back into the text.
    title = clean_text(_text(meta.title) or fallback_title or "")
    paragraphs = [line.strip() for line in clean_text(extracted or "").splitlines() if line.strip()]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the page's own headline, kept apart in Document.title
    text, dateline = find_date_line("\n\n".join(paragraphs), url)
    text = text.strip()
    if not text:
        raise EmptyDocument(url, "no article text found in the page")
    published, date_source = _iso_date(_text(meta.date)), "metadata"
    where = "HTML metadata (meta tags, JSON-LD, <time> or URL)"
    if published is None and dateline is not None:
        published, date_source, where = dateline.published, dateline.kind, dateline.where
    if published is None and fallback_date is not None:
        published, date_source, where = fallback_date, "feed", "feed entry date"
    if published is None:
        date_source, where = "none", NO_DATE
    return Document(
        text=text,
        location=url,
        title=title,
        published=published,
        date_source=date_source,
        content_hash=content_hash(text),
        published_source=where,
    )


def _entry_date(entry: Any) -> date | None:
    # The raw string keeps the publisher's calendar day; feedparser's *_parsed is in UTC,
    # which moves an evening article west of Greenwich to the next day.
    for key in ("published", "updated"):
        raw = _text(entry.get(key))
        parsed = _rfc822_or_iso_date(raw) if raw else None
        if parsed:
            return parsed
        struct = entry.get(f"{key}_parsed")
        if isinstance(struct, time.struct_time):
            return date(struct.tm_year, struct.tm_mon, struct.tm_mday)
    return None


def _rfc822_or_iso_date(raw: str) -> date | None:
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw.strip()).date()
    except ValueError:
        return None


def _iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _plain(fragment: str) -> str:
    """Text of a (sanitised) HTML fragment such as a feed summary."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
