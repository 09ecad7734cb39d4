"""Where a source is: the checks a location passes before it is stored, for `sources add`
and the desk's Sources page alike (one rule, two edges)."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

import httpx

from claims.sources import InvalidSource, guess_kind, is_url, normalise_folder, normalise_location
from flows.fetching.fetch import InvalidURL, check_url, refuse_private_host

_HOST = re.compile(r"[\w-]+(\.[\w-]+)*\.?|\[?[0-9a-fA-F:.]+\]?")  # a name or an IP address


def resolve(location: str, kind: str | None, allow_private: bool) -> tuple[str, str]:
    """The location as stored (a normalised URL, an absolute folder) and its kind."""
    if not location.strip():  # Path("") is the working directory: never a source by accident
        raise InvalidSource("no location given: give a feed or page URL, or a folder")
    if is_url(location):
        location = location.strip()
        url = checked_url(location)
        if any(c.isspace() for c in location) or not _HOST.fullmatch(url.host):
            raise InvalidSource(f"{location}: malformed URL (not a valid host name)")
        if kind == "folder":
            raise InvalidSource(f"{location}: a folder source is a path, not a URL")
        if not allow_private and _literal_host(url.host):
            refuse_private_host(str(url), url.host)  # names are resolved at every fetch
        stored = normalise_location(str(url))
        return stored, kind or guess_kind(stored)
    if kind not in (None, "folder"):
        raise InvalidSource(f"{location}: a {kind} source is an http:// or https:// URL")
    path = Path(location).expanduser()
    if not path.is_dir():
        problem = "a file, not a folder" if path.exists() else "no such folder"
        raise InvalidSource(f"{location}: {problem} (URLs start with http:// or https://)")
    return normalise_folder(location), "folder"  # a folder named "2024" is no source id


def checked_url(location: str) -> httpx.URL:
    try:
        return check_url(location)
    except InvalidURL as exc:
        raise InvalidSource(str(exc)) from None


def _literal_host(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
