"""Sources as the domain sees them: their location, their kind, how often they are read.

Pure: no database and no network. `sources add`, `sources remove`, `poll` and the flows all
normalise a location here, so that ``URL#top`` and ``URL`` are one source.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from claims.errors import ClaimdeskError

KINDS = ("feed", "page", "folder")
MIN_EVERY_SECONDS = 60
DEFAULT_EVERY_SECONDS = 3600
MAX_EVERY_SECONDS = 365 * 86_400
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
FEED_WORDS = frozenset({"feed", "feeds", "rss", "atom"})
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_DURATION = re.compile(r"(?:\d+[dhms])+")
_PART = re.compile(r"(\d+)([dhms])")


class SourceError(ClaimdeskError):
    """A source cannot be added, found or polled."""


class InvalidSource(SourceError):
    """The location, kind or schedule of a source is not valid."""


def is_url(location: str) -> bool:
    return "://" in location


def normalise_url(url: str) -> str:
    """The URL without its fragment or an empty query: "feed.xml", "feed.xml?" and
    "feed.xml#top" fetch the same thing, so they are one source."""
    return urlunsplit(urlsplit(url.strip())._replace(fragment=""))


def normalise_folder(path: str) -> str:
    """A folder as stored: absolute, ``~`` expanded, symbolic links resolved."""
    return str(Path(path).expanduser().resolve())


def normalise_location(location: str) -> str:
    """How a source at this location is stored (a source id passes through)."""
    if location.isdigit():
        return location
    return normalise_url(location) if is_url(location) else normalise_folder(location)


def guess_kind(url: str) -> str:
    """``feed`` when the URL looks like one (…/rss.xml, …/feed/, ?format=atom), else ``page``."""
    parts = urlsplit(url)
    path = parts.path.lower().rstrip("/")
    words = set(path.replace(".", "/").split("/")) | set(
        parts.query.lower().replace("=", "&").split("&")
    )
    return "feed" if path.endswith(FEED_SUFFIXES) or words & FEED_WORDS else "page"


def parse_every(text: str) -> int:
    """Seconds in a schedule such as ``15m``, ``1h``, ``1d`` or ``1h30m``."""
    compact = text.strip().lower().replace(" ", "")
    if not _DURATION.fullmatch(compact):
        raise InvalidSource(f"{text!r} is not a duration such as 15m, 1h or 1d")
    seconds = sum(int(n) * _UNITS[unit] for n, unit in _PART.findall(compact))
    if seconds < MIN_EVERY_SECONDS:
        raise InvalidSource(f"{text!r} is too often: poll at most once a minute (1m)")
    if seconds > MAX_EVERY_SECONDS:
        raise InvalidSource(f"{text!r} is too rare: poll at least once a year (365d)")
    return seconds


def format_every(seconds: int) -> str:
    """``900`` → ``15m``, ``5400`` → ``1h30m``: the inverse of ``parse_every``."""
    parts = []
    for unit, size in _UNITS.items():
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"
