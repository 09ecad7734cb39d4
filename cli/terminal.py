"""What reaches the terminal: text without control characters, and no library log lines.

Article text, titles, file names and URLs come from outside; printed raw, an escape
sequence in them could clear the screen, retitle the window or hide the lines before it.
"""

from __future__ import annotations

import logging
import re

# CSI and OSC sequences whole, other two-character escapes, C0 and C1 controls but tab and
# newline, and the bidirectional overrides that reorder what a line seems to say.
_UNPRINTABLE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
# Libraries that log on their own (trafilatura: "discarding data: …") through Prefect's
# timestamped handler; their lines would break the one-line errors.
LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


def printable(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline stay)."""
    return _UNPRINTABLE.sub("", text) if _UNPRINTABLE.search(text) else text


def quiet_libraries(verbose: bool = False) -> None:
    """Keep the libraries' own log lines out of the output unless ``verbose``."""
    for name in LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET if verbose else logging.CRITICAL + 1)
