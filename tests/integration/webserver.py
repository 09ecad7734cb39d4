"""A real HTTP server on 127.0.0.1 (random port) for the fetching tests.

``WebServer`` serves feeds, article pages and misbehaving routes, and records every request
(path and headers) so tests can check what the client sent and how often.

Article texts come from English Wikinews (https://en.wikinews.org, CC BY 2.5): three
articles from ../shared/data/wikinews/wikinews_2019.csv when it is present, else the
excerpts below, so these tests never need ../shared.
"""

from __future__ import annotations

import contextlib
import csv
import html
import json
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

WIKINEWS_CSV = Path(__file__).resolve().parents[3] / "shared/data/wikinews/wikinews_2019.csv"
SLOW_SECONDS = 1.0
BUSY_SECONDS = 0.2
HUGE_BYTES = 6 * 1024 * 1024
ETAG = '"v1"'
LAST_MODIFIED = "Fri, 04 Jan 2019 10:00:00 GMT"
# West of Greenwich and late in the evening: in UTC these are already the next day.
FEED_TIMEZONE = timezone(timedelta(hours=-5))
_DATELINE = re.compile(r"[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}")


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    published: date
    dateline: str  # "Friday, January 4, 2019": Wikinews opens every article with one
    paragraphs: tuple[str, ...]  # the text after the dateline


# Excerpts from English Wikinews, CC BY 2.5.
FALLBACK_ARTICLES = (
    Article(
        "magnitogorsk",
        "Magnitogorsk apartment building collapses after explosion, dozens dead",
        date(2019, 1, 4),
        "Friday, January 4, 2019",
        (
            "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural "
            "region of Russia. A suspected gas leak led to an explosion, followed by the "
            "ten-storey building coming down. A total of 39 are confirmed dead, officials told "
            "state media, adding that rescuers ended their work yesterday.",
            "The 1973 building was home to over 1,000 people; 48 apartments were damaged. "
            "Rescuers, working in temperatures well below freezing, according to the "
            "emergencies ministry recovered at least ten survivors from the debris on Monday.",
        ),
    ),
    Article(
        "pelosi",
        "Nancy Pelosi again elected Speaker as 116th U.S. Congress sworn in",
        date(2019, 1, 4),
        "Friday, January 4, 2019",
        (
            "Nancy Pelosi was elected Speaker of the United States House of Representatives "
            "on Thursday, as the 116th United States Congress was sworn in.",
            "Unlike Senators, who serve six-year terms, members of the House are elected for "
            "two-year terms. As such, every member of the House is either re-elected or "
            "replaced during every federal election.",
        ),
    ),
    Article(
        "koszalin",
        "Escape room fire kills five teen girls in Koszalin, Poland",
        date(2019, 1, 5),
        "Saturday, January 5, 2019",
        (
            "Five teenage girls died in a fire at an escape room in Koszalin, Poland, on "
            "Friday. State press agency PAP has reported being told off the record all five "
            "deaths were caused by carbon monoxide poisoning.",
            "In addition to the inspections Brudzinski also ordered the installation of "
            "safety improvements at the facilities. Mayor of Koszalin Piotr Jedlinski has "
            "declared tomorrow a day of mourning.",
        ),
    ),
)


def load_articles(path: Path = WIKINEWS_CSV, count: int = 3) -> tuple[Article, ...]:
    """The first ``count`` articles of the Wikinews CSV, or the excerpts when it is absent."""
    if not path.exists():
        return FALLBACK_ARTICLES[:count]
    articles = []
    with path.open(encoding="utf-8-sig", newline="") as rows:
        for number, row in enumerate(csv.DictReader(rows)):
            if number == count:
                break
            dateline, *paragraphs = (p.strip() for p in row["text"].split("\n\n") if p.strip())
            assert _DATELINE.fullmatch(dateline), f"no dateline in {row['url']}"
            published = date.fromisoformat(row["date"])
            slug = f"article-{number}"
            articles.append(Article(slug, row["title"], published, dateline, tuple(paragraphs)))
    return tuple(articles)


@dataclass(frozen=True)
class RecordedRequest:
    path: str  # with the query string
    headers: dict[str, str]  # lower-case names


def article_page(article: Article, metadata: bool = True, dateline: bool = True) -> str:
    """An article page with site navigation, a sidebar and a footer around the article.

    ``metadata`` puts the date in the markup (meta, JSON-LD, <time>); ``dateline`` leaves
    the dateline at the top of the text.
    """
    title = html.escape(article.title)
    day = article.published.isoformat()
    head = ""
    byline = ""
    if metadata:
        ld = {"@context": "https://schema.org", "@type": "NewsArticle"}
        ld |= {"headline": article.title, "datePublished": day}
        head = (
            f'<meta property="article:published_time" content="{day}T10:00:00Z">\n'
            f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        )
        byline = f'<p class="byline">Published <time datetime="{day}">{day}</time></p>'
    paragraphs = ((article.dateline,) if dateline else ()) + article.paragraphs
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - Example News</title>
{head}</head>
<body>
<header><nav><ul><li><a href="/">Main Page</a></li><li><a href="/world">World news</a></li>
<li><a href="/recent">Recent changes</a></li><li><a href="/random">Random article</a></li></ul>
</nav></header>
<main><article><h1>{title}</h1>{byline}
{body}
</article>
<aside><h2>Related news</h2><ul><li><a href="/other">Another story you might like</a></li>
</ul></aside></main>
<footer><p>Privacy policy. Terms of Use. About Example News. Disclaimers.</p></footer>
</body></html>"""


class WebServer:
    """A ThreadingHTTPServer on 127.0.0.1 in a background thread; use it as a context."""

    def __init__(self, articles: tuple[Article, ...] | None = None) -> None:
        self.articles = articles if articles is not None else load_articles()
        self._requests: list[RecordedRequest] = []
        self._in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()  # waits for handler threads, the slow one included
        self._thread.join()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def article_url(self, article: Article) -> str:
        return self.url(f"/articles/{article.slug}.html")

    def requests(self, path: str | None = None) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self._requests if path is None or r.path == path]

    def count(self, path: str) -> int:
        return len(self.requests(path))

    def reset(self) -> None:
        with self._lock:
            self._requests.clear()
            self.max_in_flight = 0

    def _record(self, path: str, headers: dict[str, str]) -> int:
        """Record a request; returns how many requests this path has had, this one included."""
        with self._lock:
            self._requests.append(RecordedRequest(path, headers))
            return sum(1 for r in self._requests if r.path == path)

    def _enter_busy(self, delta: int) -> None:
        with self._lock:
            self._in_flight += delta
            self.max_in_flight = max(self.max_in_flight, self._in_flight)


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # so server_close() waits for every handler to finish

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # clients that gave up
            super().handle_error(request, client_address)


def _handler_for(site: WebServer) -> type[BaseHTTPRequestHandler]:
    class Handler(_Routes):
        server_site = site

    return Handler


class _Routes(BaseHTTPRequestHandler):
    server_site: WebServer

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def do_GET(self) -> None:
        split = urlsplit(self.path)
        headers = {name.lower(): value for name, value in self.headers.items()}
        nth = self.server_site._record(self.path, headers)
        route: Callable[[int], None] = getattr(self, "route_" + _route_name(split.path), None) or (
            lambda nth: self.send_body(404, "text/html", b"<p>Not found</p>")
        )
        # A client that gave up (timeout, size limit) is what some routes test.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(nth)

    def send_body(self, status: int, content_type: str, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def route_feed_rss(self, nth: int) -> None:
        items = "".join(
            f"<item><title>{html.escape(a.title)}</title>"
            f"<link>{self.server_site.article_url(a)}</link>"
            f"<guid>{self.server_site.article_url(a)}</guid>"
            f"<pubDate>{format_datetime(_evening(a.published))}</pubDate>"
            f"<description>{html.escape('<p>' + a.paragraphs[-1] + '</p>')}</description></item>"
            for a in self.server_site.articles
        )
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Example News</title><link>{self.server_site.base_url}/</link>"
            f"<description>Latest news</description>{items}</channel></rss>"
        )
        self.send_body(200, "application/rss+xml; charset=utf-8", feed.encode())

    def route_feed_atom(self, nth: int) -> None:
        entries = "".join(
            f"<entry><title>{html.escape(a.title)}</title><id>urn:example:{a.slug}</id>"
            f'<link rel="alternate" href="articles/{a.slug}.html"/>'  # relative on purpose
            f"<published>{_evening(a.published).isoformat()}</published>"
            f"<updated>{_evening(a.published).isoformat()}</updated>"
            f"<summary>{html.escape(a.paragraphs[-1])}</summary></entry>"
            for a in self.server_site.articles
        )
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Example News</title><id>urn:example:feed</id>"
            f"<updated>2019-01-06T00:00:00Z</updated>{entries}</feed>"
        )
        self.send_body(200, "application/atom+xml", feed.encode())

    def route_articles(self, nth: int) -> None:
        split = urlsplit(self.path)
        slug = split.path.removeprefix("/articles/").removesuffix(".html")
        # ?dates=dateline: only the dateline in the text; ?dates=none: no date anywhere
        dates = parse_qs(split.query).get("dates", ["all"])[0]
        for article in self.server_site.articles:
            if article.slug == slug:
                page = article_page(article, dates == "all", dates in ("all", "dateline"))
                self.send_body(200, "text/html; charset=utf-8", page.encode())
                return
        self.send_body(404, "text/html", b"<p>No such article</p>")

    def route_conditional(self, nth: int) -> None:
        etag_matches = ETAG in self.headers.get("If-None-Match", "")
        date_matches = self.headers.get("If-Modified-Since") == LAST_MODIFIED
        validators = {"ETag": ETAG, "Last_Modified": LAST_MODIFIED}
        if etag_matches or date_matches:
            self.send_response(304)
            for name, value in validators.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            return
        page = b"<html><body><p>Unchanged since 2019.</p></body></html>"
        self.send_body(200, "text/html", page, **validators)

    def route_flaky(self, nth: int) -> None:
        if nth <= 2:
            self.send_body(503, "text/html", b"<p>Try again</p>")
        else:
            self.send_body(200, "text/html", b"<p>Recovered</p>")

    def route_broken(self, nth: int) -> None:
        self.send_body(500, "text/html", b"<p>Internal error</p>")

    def route_rate_limited(self, nth: int) -> None:
        if nth == 1:
            self.send_body(429, "text/html", b"<p>Slow down</p>", Retry_After="0")
        else:
            self.send_body(200, "text/html", b"<p>Welcome back</p>")

    def route_huge(self, nth: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if "declared" in self.path:
            self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()  # no length: HTTP/1.0 ends the body by closing the connection
        chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
        for _ in range(HUGE_BYTES // len(chunk) + 1):
            self.wfile.write(chunk)

    def route_slow(self, nth: int) -> None:
        time.sleep(SLOW_SECONDS)
        self.send_body(200, "text/html", b"<p>Finally</p>")

    def route_busy(self, nth: int) -> None:
        self.server_site._enter_busy(+1)
        try:
            time.sleep(BUSY_SECONDS)
        finally:
            self.server_site._enter_busy(-1)
        self.send_body(200, "text/html", b"<p>Done</p>")

    def route_loop(self, nth: int) -> None:
        hop = int(parse_qs(urlsplit(self.path).query).get("hop", ["0"])[0])
        self.send_body(302, "text/html", b"", Location=f"/loop?hop={hop + 1}")

    def route_redirect(self, nth: int) -> None:
        target = self.server_site.article_url(self.server_site.articles[0])
        self.send_body(301, "text/html", b"", Location=urlsplit(target).path)

    def route_image_png(self, nth: int) -> None:
        self.send_body(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 1024)


def _route_name(path: str) -> str:
    first = path.strip("/").split("/", 1)[0]
    return first.replace(".", "_").replace("-", "_")


def _evening(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 21, 30, tzinfo=FEED_TIMEZONE)
