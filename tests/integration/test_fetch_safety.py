"""Fetching reaches only the address it checked: DNS rebinding, embedded IPv4, odd names."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import httpx
import pytest

from flows.fetching.fetch import (
    ConnectionFailed,
    FetchPolicy,
    FetchTimeout,
    IPAddress,
    PrivateHostRefused,
    fetch,
    make_client,
    refuse_private_host,
)
from tests.integration.webserver import WebServer

PUBLIC = ipaddress.ip_address("93.184.216.34")
LOOPBACK = ipaddress.ip_address("127.0.0.1")
ONCE = FetchPolicy(attempts=1)


class FakeResolver:
    """Answers each name from a script of answers, one answer per lookup; records lookups."""

    def __init__(self, **answers: list[list[IPAddress]]) -> None:
        self.answers = {name.replace("_", "."): list(a) for name, a in answers.items()}
        self.lookups: list[str] = []

    def __call__(self, host: str) -> list[IPAddress]:
        self.lookups.append(host)
        script = self.answers[host]
        return script.pop(0) if len(script) > 1 else script[0]


@pytest.fixture(scope="module")
def server() -> Iterator[WebServer]:
    with WebServer() as running:
        yield running


def test_a_name_is_connected_to_at_the_address_it_resolved_to_with_its_own_host_header(
    server: WebServer,
) -> None:
    server.reset()
    port = server.base_url.rsplit(":", 1)[1]
    resolver = FakeResolver(news_example=[[LOOPBACK]])  # no real DNS knows news.example
    allowed = FetchPolicy(allow_private=True, attempts=1)

    with make_client(timeout=5.0) as client:
        page = fetch(
            client, f"http://news.example:{port}/conditional", policy=allowed, resolver=resolver
        )

    assert page.status == 200 and page.url == f"http://news.example:{port}/conditional"
    [request] = server.requests("/conditional")
    assert request.headers["host"] == f"news.example:{port}"
    assert resolver.lookups == ["news.example"]


def test_a_rebinding_name_is_resolved_once_and_never_reaches_loopback(
    server: WebServer,
) -> None:
    """Public for the check, 127.0.0.1 for a second lookup: there is no second lookup."""
    server.reset()
    port = server.base_url.rsplit(":", 1)[1]
    resolver = FakeResolver(rebind_example=[[ipaddress.ip_address("1.1.1.1")], [LOOPBACK]])

    with (
        make_client(timeout=0.5, connect_timeout=0.5) as client,
        pytest.raises((ConnectionFailed, FetchTimeout)) as caught,
    ):
        fetch(client, f"http://rebind.example:{port}/conditional", policy=ONCE, resolver=resolver)

    assert not isinstance(caught.value, PrivateHostRefused)
    assert resolver.lookups == ["rebind.example"]
    assert server.requests() == []


def test_every_redirect_hop_is_pinned_to_its_checked_address() -> None:
    seen: list[tuple[str, str, str | None]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sni = request.extensions.get("sni_hostname")
        seen.append((str(request.url), request.headers["host"], sni))
        if request.url.path == "/start":
            return httpx.Response(302, headers={"Location": "https://cdn.example/story"})
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text="<p>Story</p>")

    resolver = FakeResolver(
        news_example=[[PUBLIC]], cdn_example=[[ipaddress.ip_address("1.1.1.1")], [LOOPBACK]]
    )
    with make_client(transport=httpx.MockTransport(answer)) as client:
        page = fetch(client, "http://news.example/start", policy=ONCE, resolver=resolver)

    assert page.url == "https://cdn.example/story"
    assert seen == [
        ("http://93.184.216.34/start", "news.example", "news.example"),
        ("https://1.1.1.1/story", "cdn.example", "cdn.example"),
    ]
    assert resolver.lookups == ["news.example", "cdn.example"]


def test_a_redirect_to_a_name_on_a_private_address_is_refused_before_connecting() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://intranet.example/admin"})

    resolver = FakeResolver(news_example=[[PUBLIC]], intranet_example=[[PUBLIC, LOOPBACK]])
    with (
        make_client(transport=httpx.MockTransport(answer)) as client,
        pytest.raises(PrivateHostRefused) as caught,
    ):
        fetch(client, "http://news.example/start", policy=ONCE, resolver=resolver)

    assert str(caught.value) == (
        "refusing to fetch http://intranet.example/admin: intranet.example resolves to "
        "127.0.0.1, a loopback address; set CLAIMDESK_ALLOW_PRIVATE_HOSTS=1 to allow"
    )
    assert seen == ["http://93.184.216.34/start"]


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("[::127.0.0.1]", "loopback"),  # IPv4-compatible
        ("[::ffff:127.0.0.1]", "loopback"),  # IPv4-mapped
        ("[::ffff:10.0.0.1]", "private"),
        ("[64:ff9b::7f00:1]", "loopback"),  # NAT64
        ("[64:ff9b::a9fe:a9fe]", "link-local"),  # NAT64 of 169.254.169.254
        ("[64:ff9b:1::a00:1]", "non-public"),  # local-use NAT64
        ("[2002:7f00:1::]", "loopback"),  # 6to4
        ("[2002:c0a8:101::1]", "private"),  # 6to4 of 192.168.1.1
    ],
)
def test_private_ipv4_addresses_inside_ipv6_forms_are_refused(host: str, kind: str) -> None:
    resolver = FakeResolver()  # literals are never looked up
    with make_client() as client, pytest.raises(PrivateHostRefused) as caught:
        fetch(client, f"http://{host}/", policy=ONCE, resolver=resolver)

    assert f"is a {kind} address" in str(caught.value)
    assert resolver.lookups == []


def test_a_public_address_inside_nat64_is_not_refused() -> None:
    refuse_private_host("http://[64:ff9b::808:808]/", "64:ff9b::808:808")


@pytest.mark.parametrize(
    "url", ["http://localhost./feed", "http://LOCALHOST../x", "http://a.localhost/"]
)
def test_a_localhost_name_with_a_trailing_dot_is_still_localhost(url: str) -> None:
    resolver = FakeResolver()
    with make_client() as client, pytest.raises(PrivateHostRefused, match="a loopback address"):
        fetch(client, url, policy=ONCE, resolver=resolver)

    assert resolver.lookups == []


def test_a_trailing_dot_is_dropped_before_the_name_is_resolved() -> None:
    resolver = FakeResolver(intranet_example=[[ipaddress.ip_address("10.1.2.3")]])
    with make_client() as client, pytest.raises(PrivateHostRefused, match="a private address"):
        fetch(client, "http://intranet.example./", policy=ONCE, resolver=resolver)

    assert resolver.lookups == ["intranet.example"]
