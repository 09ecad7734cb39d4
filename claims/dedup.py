"""When two sentences are the same claim."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‒": "-", "−": "-"})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form in which identical claims compare equal: quotes, dashes, spaces, case."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).translate(_DASHES)
    return _SPACE.sub(" ", text).strip().lower()


def claim_key(text: str) -> str:
    """A stable identity for a claim's text (sha256 of the normalised text)."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()
