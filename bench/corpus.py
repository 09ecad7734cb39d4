"""The benchmark corpus: Wikinews articles, repeated with a per-copy marker to any size.

``../shared/data/wikinews`` holds 295 articles (2019 and 2020). Larger corpora repeat
them; each copy gets its own URL and a closing marker sentence, so no copy is a
duplicate document (its sentences are appearances of claims already stored, as a wire
story printed by several outlets). Without the shared data the seed article is used.
"""

from __future__ import annotations

import csv
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from claims.segment import paragraphs

PROJECT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMDESK_SHARED", PROJECT.parent / "shared"))
WIKINEWS = SHARED / "data" / "wikinews"
FIELDS = ("url", "date", "title", "text")
_MIN_WORDS = 20


@dataclass(frozen=True)
class Corpus:
    """Articles as corpus-CSV rows, with where they came from."""

    rows: list[dict[str, str]]
    described: str

    @property
    def words(self) -> int:
        return sum(words_of(row["text"]) for row in self.rows)

    def write(self, path: Path) -> Path:
        """A corpus CSV that `claimdesk extract` reads."""
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows(self.rows)
        return path

    def halves(self) -> tuple[Corpus, Corpus]:
        middle = len(self.rows) // 2
        return (
            Corpus(self.rows[:middle], f"first half of {self.described}"),
            Corpus(self.rows[middle:], f"second half of {self.described}"),
        )


def words_of(text: str) -> int:
    """Words as the benchmark counts them: whitespace-separated, over the paragraphs."""
    return sum(len(paragraph.split()) for _, paragraph in paragraphs(text))


def base_articles() -> tuple[list[dict[str, str]], str]:
    """The Wikinews articles, or the seed article when ../shared is absent."""
    files = sorted(WIKINEWS.glob("wikinews_*.csv")) if WIKINEWS.is_dir() else []
    if not files:
        seed = next((PROJECT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
        return [{"url": "seed.txt", "date": "", "title": "Seed", "text": seed}], "the seed article"
    csv.field_size_limit(sys.maxsize)
    rows: list[dict[str, str]] = []
    for file in files:
        with file.open(encoding="utf-8", newline="") as handle:
            rows.extend(
                {name: row.get(name) or "" for name in FIELDS}
                for row in csv.DictReader(handle)
                # a row that is only its dateline (a Wikinews test page) is no article
                if words_of(row.get("text") or "") >= _MIN_WORDS
            )
    return rows, "Wikinews articles"


def corpus(articles: int) -> Corpus:
    """``articles`` articles: the base set in order, then marked copies of it."""
    base, described = base_articles()
    rows: list[dict[str, str]] = []
    for n in range(articles):
        row = dict(base[n % len(base)])
        copy = n // len(base)
        if copy:
            row["url"] = f"{row['url'] or 'article'}#copy-{copy}"
            row["text"] = f"{row['text']}\n\nBenchmark copy {copy} of this article."
        rows.append(row)
    copies = "" if articles <= len(base) else f", repeated from {len(base)}"
    return Corpus(rows, f"{articles:,} {described}{copies}")
