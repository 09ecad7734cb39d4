"""Reading one article page from the web into a ``claims.model.Document``."""

from __future__ import annotations

from datetime import date

import httpx

from claims.model import Document
from flows.fetching.articles import article_from_html
from flows.fetching.fetch import FEED_TYPES, FetchPolicy, UnsupportedContentType, fetch

FOLLOW_FEED = "this is a feed; follow it with `claimdesk sources add URL` and `claimdesk poll`"


def read_url(url: str, client: httpx.Client, policy: FetchPolicy) -> Document:
    """Fetch one article page and reduce it to its main text."""
    page = fetch(client, url, policy=policy)
    if page.content_type in FEED_TYPES:
        raise UnsupportedContentType(url, FOLLOW_FEED)
    return article_from_html(page.body, page.url)


def read_entry(
    client: httpx.Client,
    policy: FetchPolicy,
    url: str,
    title: str | None = None,
    published: date | None = None,
) -> Document:
    """Fetch the article page a feed entry links to; the entry's title and date fill gaps."""
    page = fetch(client, url, policy=policy)
    if page.content_type in FEED_TYPES:
        raise UnsupportedContentType(url, f"{page.content_type} is not an article page")
    return article_from_html(page.body, url, title, published)
