"""flows.fetching (fetch, articles) against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import httpx
import pytest

from claims.errors import ClaimdeskError, EmptyDocument
from claims.reading import content_hash
from flows.fetching.articles import NotAFeed, article_from_html, parse_feed
from flows.fetching.fetch import (
    USER_AGENT,
    ConnectionFailed,
    FetchError,
    FetchPolicy,
    FetchTimeout,
    HostLimiter,
    HTTPStatusError,
    InvalidURL,
    PrivateHostRefused,
    ResponseTooLarge,
    TooManyRedirects,
    UnsupportedContentType,
    fetch,
    is_transient,
    make_client,
)
from tests.integration.webserver import ETAG, LAST_MODIFIED, Article, WebServer, load_articles

# The server is on 127.0.0.1, so the tests allow private hosts except where they test that.
FAST = FetchPolicy(allow_private=True, attempts=3, backoff_base=0.01)


@pytest.fixture(scope="module")
def server() -> Iterator[WebServer]:
    with WebServer() as running:
        yield running


@pytest.fixture
def site(server: WebServer) -> WebServer:
    server.reset()
    return server


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(timeout=5.0) as shared:
        yield shared


def test_requests_carry_an_honest_user_agent(site: WebServer, client: httpx.Client) -> None:
    fetch(client, site.url("/conditional"), policy=FAST)

    [request] = site.requests("/conditional")
    assert request.headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("claimdesk/") and "(+http" in USER_AGENT


def test_a_page_comes_back_with_its_validators(site: WebServer, client: httpx.Client) -> None:
    result = fetch(client, site.url("/conditional"), policy=FAST)

    assert (result.status, result.not_modified) == (200, False)
    assert (result.etag, result.last_modified) == (ETAG, LAST_MODIFIED)
    assert result.content_type == "text/html"
    assert "Unchanged since 2019." in result.text


def test_a_second_request_with_the_etag_is_answered_not_modified(
    site: WebServer, client: httpx.Client
) -> None:
    first = fetch(client, site.url("/conditional"), policy=FAST)
    second = fetch(client, site.url("/conditional"), etag=first.etag, policy=FAST)

    assert second.not_modified and second.status == 304 and second.body == b""
    assert second.etag == ETAG
    sent = [r.headers.get("if-none-match") for r in site.requests("/conditional")]
    assert sent == [None, ETAG]


def test_a_second_request_with_last_modified_is_answered_not_modified(
    site: WebServer, client: httpx.Client
) -> None:
    first = fetch(client, site.url("/conditional"), policy=FAST)
    second = fetch(client, site.url("/conditional"), last_modified=first.last_modified, policy=FAST)

    assert second.not_modified
    assert second.last_modified == LAST_MODIFIED
    sent = [r.headers.get("if-modified-since") for r in site.requests("/conditional")]
    assert sent == [None, LAST_MODIFIED]


def test_redirects_are_followed_and_the_final_url_reported(
    site: WebServer, client: httpx.Client
) -> None:
    result = fetch(client, site.url("/redirect"), policy=FAST)

    assert result.url == site.article_url(site.articles[0])
    assert result.status == 200


def test_a_redirect_loop_stops_after_five_redirects(site: WebServer, client: httpx.Client) -> None:
    with pytest.raises(TooManyRedirects, match="more than 5 redirects") as caught:
        fetch(client, site.url("/loop"), policy=FAST)

    assert not caught.value.transient
    assert len([r for r in site.requests() if r.path.startswith("/loop")]) == 6


def test_service_unavailable_twice_is_retried_until_it_succeeds(
    site: WebServer, client: httpx.Client
) -> None:
    result = fetch(client, site.url("/flaky"), policy=FAST)

    assert result.status == 200 and b"Recovered" in result.body
    assert result.attempts == site.count("/flaky") == 3


def test_a_page_that_always_fails_is_given_up_after_the_configured_attempts(
    site: WebServer, client: httpx.Client
) -> None:
    policy = FetchPolicy(allow_private=True, attempts=4, backoff_base=0.01)
    with pytest.raises(HTTPStatusError, match="HTTP 500") as caught:
        fetch(client, site.url("/broken"), policy=policy)

    assert caught.value.status == 500 and is_transient(caught.value)
    assert caught.value.attempts == site.count("/broken") == 4


def test_not_found_is_never_retried(site: WebServer, client: httpx.Client) -> None:
    with pytest.raises(HTTPStatusError, match="HTTP 404") as caught:
        fetch(client, site.url("/missing"), policy=FAST)

    assert not is_transient(caught.value)
    assert site.count("/missing") == 1


def test_too_many_requests_is_retried_after_the_retry_after_delay(
    site: WebServer, client: httpx.Client
) -> None:
    result = fetch(client, site.url("/rate-limited"), policy=FAST)

    assert b"Welcome back" in result.body
    assert site.count("/rate-limited") == 2


def test_a_retry_after_beyond_the_cap_gives_up_at_once() -> None:
    calls = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(429, headers={"Retry-After": "3600"})

    with (
        make_client(transport=httpx.MockTransport(answer)) as client,
        pytest.raises(HTTPStatusError, match="HTTP 429") as caught,
    ):
        fetch(client, "http://93.184.216.34/feed", policy=FAST)

    assert caught.value.retry_after == 3600 and caught.value.transient
    assert len(calls) == 1


def test_a_streamed_body_over_the_limit_is_cut_off(site: WebServer, client: httpx.Client) -> None:
    with pytest.raises(ResponseTooLarge, match="over the 5242880-byte limit") as caught:
        fetch(client, site.url("/huge"), policy=FAST)

    assert not caught.value.transient
    assert site.count("/huge") == 1


def test_a_declared_length_over_the_limit_is_refused_before_reading(
    site: WebServer, client: httpx.Client
) -> None:
    with pytest.raises(ResponseTooLarge, match="6291456 bytes is over"):
        fetch(client, site.url("/huge?declared=1"), policy=FAST)


def test_a_slow_page_times_out_and_the_timeout_is_retried(site: WebServer) -> None:
    policy = FetchPolicy(allow_private=True, attempts=2, backoff_base=0.01)
    with make_client(timeout=0.2) as impatient, pytest.raises(FetchTimeout) as caught:
        fetch(impatient, site.url("/slow"), policy=policy)

    assert caught.value.transient
    assert site.count("/slow") == 2


def test_a_refused_connection_is_retried_and_reported(client: httpx.Client) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ConnectionFailed, match=f"cannot fetch http://127.0.0.1:{port}/") as caught:
        fetch(client, f"http://127.0.0.1:{port}/", policy=FAST)

    assert caught.value.transient and caught.value.attempts == 3


def test_an_image_is_refused_as_unsupported_content(site: WebServer, client: httpx.Client) -> None:
    with pytest.raises(UnsupportedContentType, match="image/png is neither an HTML page nor"):
        fetch(client, site.url("/image.png"), policy=FAST)

    assert site.count("/image.png") == 1


def test_a_loopback_host_is_refused_unless_allowed(site: WebServer, client: httpx.Client) -> None:
    url = site.url("/feed.rss")
    expected = (
        f"refusing to fetch {url}: 127.0.0.1 is a loopback address; "
        "set CLAIMDESK_ALLOW_PRIVATE_HOSTS=1 to allow"
    )
    with pytest.raises(PrivateHostRefused) as caught:
        fetch(client, url)

    assert str(caught.value) == expected
    assert site.count("/feed.rss") == 0
    assert fetch(client, url, policy=FAST).status == 200


def test_a_host_name_resolving_to_loopback_is_refused(client: httpx.Client) -> None:
    with pytest.raises(PrivateHostRefused, match=r"localhost resolves to 127\.0\.0\.1, a loopback"):
        fetch(client, "http://localhost:9/feed")


def test_a_redirect_to_a_link_local_address_is_refused() -> None:
    seen = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})

    with (
        make_client(transport=httpx.MockTransport(answer)) as client,
        pytest.raises(PrivateHostRefused, match=r"169\.254\.169\.254 is a link-local address"),
    ):
        fetch(client, "http://93.184.216.34/start")

    assert seen == ["http://93.184.216.34/start"]


@pytest.mark.parametrize(
    "url", ["ftp://example.org/feed", "file:///etc/passwd", "no scheme at all", "http://"]
)
def test_only_http_and_https_urls_with_a_host_are_accepted(url: str, client: httpx.Client) -> None:
    with pytest.raises(InvalidURL, match="cannot fetch"):
        fetch(client, url)


def test_no_more_than_two_requests_run_at_once_against_one_host(
    site: WebServer, client: httpx.Client
) -> None:
    limiter = HostLimiter(per_host=2)
    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [
            pool.submit(fetch, client, site.url("/busy"), policy=FAST, limiter=limiter)
            for _ in range(6)
        ]
        statuses = [future.result().status for future in futures]

    assert statuses == [200] * 6
    assert site.max_in_flight == 2


def test_every_fetch_error_has_a_one_line_docstring_message_and_transience() -> None:
    url = "http://example.org/feed"
    transient = {}
    for cls in FetchError.__subclasses__():
        error = cls(url, "broken") if cls is not HTTPStatusError else cls(url, 502, "Bad Gateway")
        assert isinstance(error, ClaimdeskError)
        assert str(error).endswith(f"{url}: {error.problem}") and "\n" not in str(error)
        assert cls.__doc__ and "\n" not in cls.__doc__.strip()
        transient[cls.__name__] = error.transient

    assert transient == {
        "InvalidURL": False,
        "PrivateHostRefused": False,
        "UnsupportedContentType": False,
        "ResponseTooLarge": False,
        "TooManyRedirects": False,
        "HTTPStatusError": True,  # 502; a 4xx other than 429 is not
        "FetchTimeout": True,
        "ConnectionFailed": True,
    }


def test_the_rss_feed_gives_three_entries_with_links_titles_and_dates(
    site: WebServer, client: httpx.Client
) -> None:
    feed = fetch(client, site.url("/feed.rss"), policy=FAST)
    entries = parse_feed(feed.body, feed.url)

    assert [e.link for e in entries] == [site.article_url(a) for a in site.articles]
    assert [e.title for e in entries] == [a.title for a in site.articles]
    # Published at 21:30 UTC-5: the publisher's day, not the next day in UTC.
    assert [e.published for e in entries] == [a.published for a in site.articles]
    assert entries[0].summary == site.articles[0].paragraphs[-1]


def test_the_atom_feed_resolves_relative_links_against_the_feed_url(
    site: WebServer, client: httpx.Client
) -> None:
    feed = fetch(client, site.url("/feed.atom"), policy=FAST)
    entries = parse_feed(feed.body, feed.url)

    assert [e.link for e in entries] == [site.article_url(a) for a in site.articles]
    assert [e.published for e in entries] == [a.published for a in site.articles]
    assert entries[0].id == f"urn:example:{site.articles[0].slug}"


def test_a_page_that_is_not_a_feed_is_rejected() -> None:
    with pytest.raises(NotAFeed, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body><p>Hello</p></body></html>", "http://example.org/feed")


def test_an_article_page_gives_its_main_text_without_boilerplate(
    site: WebServer, client: httpx.Client
) -> None:
    article = site.articles[0]
    page = fetch(client, site.article_url(article), policy=FAST)
    document = article_from_html(page.text, page.url)

    assert document.text == "\n\n".join(article.paragraphs)
    for boilerplate in ("Main Page", "Recent changes", "Related news", "Privacy policy"):
        assert boilerplate not in document.text
    assert document.title == article.title
    assert (document.published, document.date_source) == (article.published, "metadata")
    assert document.published_source.startswith("HTML metadata")
    assert document.location == page.url
    assert document.content_hash == content_hash(document.text)


def test_the_feed_date_and_title_are_used_when_the_page_has_no_date(
    site: WebServer, client: httpx.Client
) -> None:
    article = site.articles[1]
    page = fetch(client, site.article_url(article) + "?dates=none", policy=FAST)
    document = article_from_html(page.body, page.url, "Feed title", date(2019, 1, 3))

    assert (document.published, document.date_source) == (date(2019, 1, 3), "feed")
    assert document.published_source == "feed entry date"
    assert document.title == article.title  # the page's own title still wins
    undated = article_from_html(page.body, page.url)
    assert (undated.published, undated.date_source) == (None, "none")
    assert undated.published_source.startswith("no date found")


def test_a_leading_dateline_dates_the_article_and_leaves_the_text(
    site: WebServer, client: httpx.Client
) -> None:
    article = site.articles[2]
    page = fetch(client, site.article_url(article) + "?dates=dateline", policy=FAST)
    document = article_from_html(page.body, page.url, fallback_date=date(2019, 1, 3))

    assert (document.published, document.date_source) == (article.published, "dateline")
    assert document.published_source == f"text line 1: “{article.dateline}”"
    assert document.text == "\n\n".join(article.paragraphs)


def test_the_fallback_articles_extract_as_well(client: httpx.Client) -> None:
    articles: tuple[Article, ...] = load_articles(path=_missing_path())
    with WebServer(articles) as fallback:
        page = fetch(client, fallback.article_url(articles[2]), policy=FAST)
    document = article_from_html(page.text, page.url)

    assert document.text == "\n\n".join(articles[2].paragraphs)
    assert document.published == articles[2].published


def test_article_extraction_never_touches_the_network(
    site: WebServer, client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = fetch(client, site.article_url(site.articles[0]), policy=FAST)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("article extraction opened a connection")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    assert article_from_html(page.text, page.url).text


def test_a_page_without_article_text_is_an_empty_document() -> None:
    page = '<html><body><nav><ul><li><a href="/">Home</a></li></ul></nav></body></html>'
    with pytest.raises(EmptyDocument, match="no article text"):
        article_from_html(page, "http://example.org/")


def _missing_path() -> Path:
    return Path(__file__).with_name("no-such-wikinews.csv")
