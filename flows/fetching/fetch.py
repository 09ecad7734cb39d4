"""Fetch web pages and feeds with httpx: politely, within limits, and never from private hosts.

FetchError (claims.errors.ClaimdeskError)
 ├── InvalidURL               not an http(s) URL
 ├── PrivateHostRefused       the host is (or resolves to) a private, loopback, link-local address
 ├── UnsupportedContentType   the response is neither HTML nor a feed
 ├── ResponseTooLarge         the body is over the size limit
 ├── TooManyRedirects         more redirects than allowed
 ├── HTTPStatusError          an error status; transient for 429 and 5xx
 ├── FetchTimeout             transient
 └── ConnectionFailed         transient: DNS, refused or reset connections

``FetchError.transient`` says whether trying again later may succeed; ``is_transient`` reads
it for Prefect's ``retry_condition_fn``.

Each hop's host is resolved once, checked, and connected to at the checked address (the
request keeps the host name in its Host header and TLS SNI): a name that resolves to a
public address for the check and to a private one for the connection (DNS rebinding)
cannot reach inside.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib import metadata

import httpx

from claims.errors import ClaimdeskError

PROJECT_URL = "https://github.com/claimdesk/claimdesk"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
    | {"application/xml", "text/xml"}  # how many servers label RSS
)
ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/xml;q=0.9"
)
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str], list[IPAddress]]  # a host name to its addresses
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: an IPv4 address in the last 32 bits
NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215: local-use translation
IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d


def _version() -> str:
    try:
        return metadata.version("claimdesk")
    except metadata.PackageNotFoundError:
        return "0"


USER_AGENT = f"claimdesk/{_version()} (+{PROJECT_URL})"


class FetchError(ClaimdeskError):
    """A URL cannot be fetched."""

    transient: bool = False
    attempts: int = 1  # how many tries ``fetch`` made before giving up
    verb = "cannot fetch"

    def __init__(self, url: str, problem: str) -> None:
        super().__init__(f"{self.verb} {url}: {problem}")
        self.url = url
        self.problem = problem


class InvalidURL(FetchError):
    """The URL is malformed or its scheme is not http or https."""


class PrivateHostRefused(FetchError):
    """The host is, or resolves to, a private, loopback or link-local address."""

    verb = "refusing to fetch"


class UnsupportedContentType(FetchError):
    """The response is neither an HTML page nor a feed."""

    verb = "refusing to read"


class ResponseTooLarge(FetchError):
    """The response body is larger than the size limit."""

    verb = "refusing to read"


class TooManyRedirects(FetchError):
    """The URL redirects more often than allowed."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, url: str, status: int, reason: str, retry_after: float | None = None):
        super().__init__(url, f"HTTP {status} {reason}".rstrip())
        self.status = status
        self.retry_after = retry_after
        self.transient = status == 429 or status >= 500


class FetchTimeout(FetchError):
    """The server did not answer in time."""

    transient = True


class ConnectionFailed(FetchError):
    """The host cannot be resolved or the connection failed."""

    transient = True


def is_transient(error: BaseException) -> bool:
    """True when trying again later may succeed (for Prefect's ``retry_condition_fn``)."""
    return isinstance(error, FetchError) and error.transient


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and retry behaviour of ``fetch``; ``attempts`` counts the first try."""

    allow_private: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    attempts: int = 3
    backoff_base: float = 0.5  # seconds before the 2nd attempt; doubles after each failure
    backoff_max: float = 30.0
    retry_after_max: float = 60.0  # a longer Retry-After gives up instead of waiting
    total_timeout: float = 120.0  # one attempt, redirects and body included

    def __post_init__(self) -> None:
        if self.attempts < 1 or self.max_redirects < 0 or self.max_bytes < 1:
            raise ValueError("attempts and max_bytes must be positive, max_redirects >= 0")

    def backoff(self, failures: int) -> float:
        return float(min(self.backoff_base * 2 ** (failures - 1), self.backoff_max))


class HostLimiter:
    """At most ``per_host`` requests in flight to any one host, across threads."""

    def __init__(self, per_host: int = 2) -> None:
        if per_host < 1:
            raise ValueError("per_host must be at least 1")
        self.per_host = per_host
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with semaphore:
            yield


DEFAULT_POLICY = FetchPolicy()
DEFAULT_LIMITER = HostLimiter()


@dataclass(frozen=True)
class FetchResult:
    """A fetched page or feed; ``not_modified`` with an empty body for a 304."""

    url: str  # after redirects
    status: int
    content_type: str | None  # media type without parameters
    body: bytes
    etag: str | None
    last_modified: str | None
    not_modified: bool
    encoding: str | None = None  # the Content-Type charset
    attempts: int = 1

    @property
    def text(self) -> str:
        """The body decoded by its declared charset, else UTF-8.

        Hand ``body`` rather than ``text`` to ``flows.fetching.articles``: its parsers also read the
        encoding a page or feed declares inside its markup.
        """
        try:
            return self.body.decode(self.encoding or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")


def make_client(
    *,
    timeout: float = 10.0,
    connect_timeout: float = 5.0,
    user_agent: str = USER_AGENT,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """The one client to share between fetches; close it (or use ``with``) when done."""
    return httpx.Client(
        headers={"User-Agent": user_agent, "Accept": ACCEPT},
        timeout=httpx.Timeout(timeout, connect=connect_timeout),
        follow_redirects=False,  # fetch() follows them itself to check every hop
        transport=transport or PinnedTransport(),
    )


class PinnedTransport(httpx.BaseTransport):
    """Connection pools kept apart per host name.

    ``fetch`` sends each request to the address it checked, so two names on one address
    have one URL host; httpcore would let the second reuse a TLS connection made (and
    verified) for the first. One pool per name keeps each connection to its own name.
    """

    def __init__(self) -> None:
        self._pools: dict[str, httpx.HTTPTransport] = {}
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        name = str(request.extensions.get("sni_hostname") or request.url.host)
        with self._lock:
            pool = self._pools.setdefault(name, httpx.HTTPTransport())
        return pool.handle_request(request)

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()


def fetch(
    client: httpx.Client,
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    *,
    policy: FetchPolicy = DEFAULT_POLICY,
    limiter: HostLimiter | None = None,
    resolver: Resolver | None = None,
) -> FetchResult:
    """GET ``url`` conditionally, following redirects and retrying what can recover.

    ``resolver`` (the system's by default) turns host names into addresses; tests hand
    in another.
    """
    check_url(url)
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    failures = 0
    while True:
        try:
            result = _follow(
                client, url, headers, policy, limiter or DEFAULT_LIMITER, resolver or resolve
            )
        except FetchError as error:
            failures += 1
            delay = _retry_delay(error, failures, policy)
            if delay is None:
                error.attempts = failures
                raise
            time.sleep(delay)
            continue
        if result.not_modified:
            result = replace(
                result,
                etag=result.etag or etag,
                last_modified=result.last_modified or last_modified,
            )
        return replace(result, attempts=failures + 1)


def check_url(url: str) -> httpx.URL:
    """The parsed URL when it is an absolute http(s) URL with a host; else ``InvalidURL``."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as error:
        raise InvalidURL(url, f"malformed URL ({error})") from None
    if parsed.scheme not in ("http", "https"):
        raise InvalidURL(url, "only http and https URLs can be fetched")
    host = parsed.host.rstrip(".")  # "localhost." is localhost: check the name it means
    if not host:
        raise InvalidURL(url, "the URL has no host")
    if parsed.port is not None and not 0 < parsed.port < 65536:  # httpx takes any number
        raise InvalidURL(url, f"port {parsed.port} is not a port (1 to 65535)")
    return parsed if host == parsed.host else parsed.copy_with(host=host)


def _retry_delay(error: FetchError, failures: int, policy: FetchPolicy) -> float | None:
    if not error.transient or failures >= policy.attempts:
        return None
    if not isinstance(error, HTTPStatusError) or error.retry_after is None:
        return policy.backoff(failures)
    return None if error.retry_after > policy.retry_after_max else error.retry_after


def _follow(
    client: httpx.Client,
    url: str,
    headers: dict[str, str],
    policy: FetchPolicy,
    limiter: HostLimiter,
    resolver: Resolver,
) -> FetchResult:
    deadline = time.monotonic() + policy.total_timeout
    current = url
    for _ in range(policy.max_redirects + 1):
        target = check_url(current)
        current = str(target)  # "HTTP://Example.org./" is fetched and named as http://example.org/
        address = checked_address(current, target.host, policy.allow_private, resolver)
        pinned, extensions = _pinned(target, address)
        hop_headers = headers | {"Host": target.netloc.decode("ascii")}
        try:
            with (
                limiter.slot(target.host),
                client.stream("GET", pinned, headers=hop_headers, extensions=extensions) as r,
            ):
                location = r.headers.get("Location")
                if r.status_code in REDIRECT_STATUSES and location:
                    current = str(target.join(location))
                    continue
                return _read(current, r, policy, deadline)
        except httpx.TimeoutException as error:
            raise FetchTimeout(current, f"no answer in time ({type(error).__name__})") from None
        except httpx.TransportError as error:
            raise ConnectionFailed(current, str(error) or type(error).__name__) from None
    raise TooManyRedirects(url, f"more than {policy.max_redirects} redirects (last: {current})")


def _read(url: str, response: httpx.Response, policy: FetchPolicy, deadline: float) -> FetchResult:
    status = response.status_code
    etag = response.headers.get("ETag")
    last_modified = response.headers.get("Last-Modified")
    if status == 304:
        return FetchResult(url, status, None, b"", etag, last_modified, not_modified=True)
    if not 200 <= status < 300:
        retry_after = _retry_after(response.headers.get("Retry-After"))
        raise HTTPStatusError(url, status, response.reason_phrase, retry_after)
    content_type = _media_type(response.headers.get("Content-Type"))
    if content_type and content_type not in HTML_TYPES | FEED_TYPES:
        raise UnsupportedContentType(url, f"{content_type} is neither an HTML page nor a feed")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise ResponseTooLarge(url, f"{declared} bytes is over the {policy.max_bytes}-byte limit")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decoded bytes: a compressed bomb is cut off too
        size += len(chunk)
        if size > policy.max_bytes:
            raise ResponseTooLarge(url, f"the body is over the {policy.max_bytes}-byte limit")
        if time.monotonic() > deadline:
            raise FetchTimeout(url, f"the body took over {policy.total_timeout:g} s")
        chunks.append(chunk)
    body = b"".join(chunks)
    encoding = response.charset_encoding
    return FetchResult(url, status, content_type, body, etag, last_modified, False, encoding)


def _pinned(target: httpx.URL, address: IPAddress) -> tuple[httpx.URL, dict[str, str]]:
    """The URL to connect to ``address`` for ``target``, and the TLS server name to send."""
    if target.host == str(address):
        return target, {}
    # httpcore connects to the URL's host and sends "sni_hostname" in the TLS handshake,
    # where the certificate is also checked against it.
    return target.copy_with(host=str(address)), {"sni_hostname": target.host}


def checked_address(url: str, host: str, allow_private: bool, resolver: Resolver) -> IPAddress:
    """The one address to connect to for ``host``, after checking every address it has."""
    addresses = _addresses(url, host, resolver)
    if not allow_private:
        for address in addresses:
            _refuse(url, host, address)
    return addresses[0]


def refuse_private_host(url: str, host: str, resolver: Resolver | None = None) -> None:
    """Raise ``PrivateHostRefused`` when ``host`` is or resolves to a non-public address."""
    checked_address(url, host, False, resolver or resolve)


def _refuse(url: str, host: str, address: IPAddress) -> None:
    kind = _private_kind(address)
    if kind:
        what = f"{host} is" if _literal(host) else f"{host} resolves to {address},"
        raise PrivateHostRefused(
            url, f"{what} a {kind} address; set CLAIMDESK_ALLOW_PRIVATE_HOSTS=1 to allow"
        )


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def resolve(host: str) -> list[IPAddress]:
    """The system resolver: every address of ``host``; ``OSError`` when it has none."""
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    # The scope of a link-local IPv6 address ("fe80::1%eth0") does not change its kind.
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def _addresses(url: str, host: str, resolver: Resolver) -> list[IPAddress]:
    if literal := _literal(host):
        return [literal]
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return [ipaddress.IPv4Address("127.0.0.1")]  # RFC 6761: never asked of a resolver
    try:
        addresses = resolver(host)
    except (OSError, UnicodeError) as error:
        raise ConnectionFailed(url, f"cannot resolve {host} ({error})") from None
    if not addresses:
        raise ConnectionFailed(url, f"cannot resolve {host} (no address)")
    return addresses


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries: mapped, 6to4, NAT64 or IPv4-compatible."""
    if address.ipv4_mapped or address.sixtofour:
        return address.ipv4_mapped or address.sixtofour
    if address in NAT64 or (address in IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _private_kind(address: IPAddress) -> str | None:
    if isinstance(address, ipaddress.IPv6Address):
        if address in NAT64_LOCAL:
            return "non-public"
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return _private_kind(embedded)
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_private:
        return "private"
    if not address.is_global:
        return "non-public"
    return None


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _media_type(header: str | None) -> str | None:
    media_type = (header or "").split(";", 1)[0].strip().lower()
    return media_type or None
