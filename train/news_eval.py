"""`make eval`, news section: the real pipeline against ../shared/gold/news-dev.jsonl.

Each gold article (text from ../shared/data/wikinews/*.csv, matched by url) is written to
a file in several layouts and read back with ``claims.reading.read_file``, the way a
user's file is read, then extracted:

- ``dateline``: the Wikinews style, "Friday, March 6, 2020", a blank line, the text;
- ``headline``: the headline, a blank line, the dateline, a blank line, the text (the
  way most people save an article);
- ``byline``: the headline, a blank line, "Published 6 March 2020", a blank line, the text;
- ``filename``: the headline, a blank line, the text with no date line at all; the date
  is only in the file name (``...-2020-03-06.txt``);
- ``markdown``: a ``.md`` file, "# headline", a byline with the date in italics
  ("*By Wikinews staff, 06 March 2020*"), the text;
- ``timestamp``: the headline, "By Wikinews staff", a newspaper timestamp ("Fri 6 Mar 2020
  10.30 GMT"), the text;
- ``html``: an ``.html`` page with the date only in its ``article:published_time`` meta tag,
  read by main-text extraction as ``extract page.html`` reads it.

Pipeline sentences are aligned to gold sentences by normalised text (Unicode NFKC,
straight quotes, single spaces, case-folded): an exact match first, else the pipeline
sentence that contains the gold sentence or is contained in it. An unaligned gold
sentence counts as wrong everywhere it is counted.

``CLAIMDESK_NEWS_GOLD=path.jsonl`` scores another file in news-dev.jsonl's format (its
articles' texts still come from ../shared/data/wikinews by url), e.g. labels of articles
outside news-dev made to measure what nobody tuned on.

Figures, each "right / total", over gold sentences:

- check-worthiness recall: gold check-worthy sentences the pipeline flags;
- false-flag rate: gold not-check-worthy sentences the pipeline flags;
- type accuracy: gold check-worthy sentences whose pipeline type equals the gold type;
- quantities right: on gold check-worthy sentences where the gold or the pipeline has a
  quantity, the set of (value, comparator) equals the gold's exactly ("with unit": the set
  of (value, comparator, unit), units compared case-folded and without a plural "s");
- times right: on gold check-worthy sentences where the gold or the pipeline has a time
  expression, the set of (start, end) equals the gold's exactly (an unresolved pipeline
  time is an element that matches nothing);
- speakers right: on gold check-worthy sentences, the pipeline's speaker (else its
  "according to" source) equals the gold speaker, both case-folded without a leading
  "the"; null must match null.

``article_rankings`` gives, per article, the gold check-worthiness labels sorted by the
pipeline's score (highest first), for P@k.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from claims.extract import Extractor
from claims.model import Claim
from flows.ingest import read_path
from train.labels import LABELS, SETS, TYPE_MODEL_SETS, LabelError, is_packed, unpack

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ("dateline", "headline", "byline", "filename", "markdown", "timestamp", "html")
OUR_LAYOUTS = ("dateline", "headline")  # our label sets: the two layouts
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
_SPACES = re.compile(r"\s+")
# Most 2019 texts start with their own dateline ("Friday, January 4, 2019"): it is taken
# off, so that each layout's own date line (or file name, or meta tag) is what is read.
_OWN_DATELINE = re.compile(r"^\w+day, \w+ \d{1,2}, \d{4}\s*\n\s*")


class MissingNewsGold(Exception):
    """The news gold or the Wikinews corpus is not in ../shared."""


@dataclass(frozen=True)
class Article:
    url: str
    title: str
    published: date
    text: str
    gold: tuple[Mapping[str, Any], ...]  # in order of "i"


@dataclass(frozen=True)
class Aligned:
    """A gold sentence and the pipeline claim aligned to it (None: unaligned)."""

    gold: Mapping[str, Any]
    claim: Claim | None
    exact: bool


def shared_dir() -> Path:
    return Path(os.environ.get("CLAIMDESK_SHARED") or PROJECT_ROOT.parent / "shared")


def gold_path(root: Path) -> Path:
    """news-dev.jsonl, or another file in its format named by CLAIMDESK_NEWS_GOLD."""
    other = os.environ.get("CLAIMDESK_NEWS_GOLD")
    return Path(other) if other else root / "gold" / "news-dev.jsonl"


def corpus_texts(root: Path) -> dict[str, dict[str, str]]:
    """Every Wikinews record of ../shared/data/wikinews/*.csv by url."""
    corpus = sorted((root / "data" / "wikinews").glob("*.csv"))
    if not corpus:
        raise MissingNewsGold(f"no Wikinews corpus in {root}/data/wikinews/*.csv")
    csv.field_size_limit(sys.maxsize)
    texts: dict[str, dict[str, str]] = {}
    for path in corpus:
        with path.open(encoding="utf-8", newline="") as handle:
            texts.update({r["url"]: r for r in csv.DictReader(handle)})
    return texts


def load_articles(shared: Path | None = None, gold_file: Path | None = None) -> list[Article]:
    """The gold articles with their texts, in the order of the gold file.

    ``gold_file`` is news-dev.jsonl by default; a file of our own labels
    (train/labels/*.jsonl, words left out) is read against the corpus texts."""
    root = shared or shared_dir()
    gold_file = gold_file or gold_path(root)
    if not gold_file.is_file():
        raise MissingNewsGold(f"news gold not found ({gold_file})")
    texts = corpus_texts(root)
    lines = [
        json.loads(line)
        for line in gold_file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    try:
        raw = {url: record["text"] for url, record in texts.items()}
        lines = [next(unpack([row], raw)) if is_packed(row) else row for row in lines]
    except LabelError as exc:
        raise MissingNewsGold(str(exc)) from None
    rows: dict[str, list[Mapping[str, Any]]] = {}
    for row in lines:
        rows.setdefault(row["url"], []).append(row)
    articles = []
    for url, gold in rows.items():
        if url not in texts:
            raise MissingNewsGold(f"no text for {url} in {root}/data/wikinews")
        record = texts[url]
        articles.append(
            Article(
                url=url,
                title=record["title"].strip(),
                published=date.fromisoformat(gold[0]["published"]),
                text=_OWN_DATELINE.sub("", record["text"].strip(), count=1),
                gold=tuple(sorted(gold, key=lambda r: int(r["i"]))),
            )
        )
    return articles


def layout_file(article: Article, layout: str, folder: Path) -> Path:
    """Write the article the way ``layout`` saves it; return the file."""
    day = article.published
    dateline = f"{day:%A}, {day:%B} {day.day}, {day.year}"
    slug = re.sub(r"\W+", "-", article.url.rsplit("/", 1)[-1]).strip("-").lower()[:60]
    name = f"{slug}.txt"
    if layout == "dateline":
        body = f"{dateline}\n\n{article.text}"
    elif layout == "headline":
        body = f"{article.title}\n\n{dateline}\n\n{article.text}"
    elif layout == "byline":
        body = f"{article.title}\n\nPublished {day.day} {day:%B} {day.year}\n\n{article.text}"
    elif layout == "filename":
        body = f"{article.title}\n\n{article.text}"
        name = f"{slug}-{day.isoformat()}.txt"
    elif layout == "markdown":
        body = f"# {article.title}\n\n*By Wikinews staff, {day:%d %B %Y}*\n\n{article.text}"
        name = f"{slug}.md"
    elif layout == "timestamp":
        stamp = f"{day:%a} {day.day} {day:%b} {day.year} 10.30 GMT"
        body = f"{article.title}\n\nBy Wikinews staff\n\n{stamp}\n\n{article.text}"
    elif layout == "html":
        body = _html_page(article)
        name = f"{slug}.html"
    else:
        raise ValueError(f"unknown layout {layout!r}")
    path = folder / layout / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body + "\n", encoding="utf-8")
    return path


def _html_page(article: Article) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", article.text) if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    title = html.escape(article.title)
    stamp = f"{article.published.isoformat()}T10:30:00Z"
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="{stamp}"></head>'
        f"<body><article><h1>{title}</h1>\n{body}</article></body></html>"
    )


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip().casefold()


def align(gold: Sequence[Mapping[str, Any]], claims: Sequence[Claim]) -> list[Aligned]:
    """Each gold sentence with the claim of the same (or containing/contained) text."""
    texts = [normalise(c.text) for c in claims]
    by_text = {t: c for t, c in zip(texts, claims, strict=True)}
    aligned = []
    for row in gold:
        wanted = normalise(row["sentence"])
        if wanted in by_text:
            aligned.append(Aligned(row, by_text[wanted], True))
            continue
        overlapping = [
            (min(len(t), len(wanted)), c)
            for t, c in zip(texts, claims, strict=True)
            if t and (wanted in t or t in wanted)
        ]
        best = max(overlapping, key=lambda pair: pair[0], default=(0, None))[1]
        aligned.append(Aligned(row, best, False))
    return aligned


def run_layout(
    extractor: Extractor, articles: Sequence[Article], layout: str
) -> dict[str, list[Aligned]]:
    """Extract every article saved in ``layout``; the alignment per article url."""
    with tempfile.TemporaryDirectory(prefix="claimdesk-news-") as folder:
        documents = [read_path(layout_file(a, layout, Path(folder))) for a in articles]
        results = {}
        for article, (_, claims) in zip(articles, extractor.extract(documents), strict=True):
            results[article.url] = align(article.gold, claims)
    return results


def article_rankings(
    extractor: Extractor, layout: str = "dateline", shared: Path | None = None
) -> dict[str, list[bool]]:
    """Per article url, the gold check-worthy labels sorted by the pipeline's score.

    Unaligned gold sentences come last. ``precision_at(labels, 10)`` gives P@10.
    """
    results = run_layout(extractor, load_articles(shared), layout)
    return {
        url: [
            bool(a.gold["checkworthy"])
            for a in sorted(aligned, key=lambda a: -a.claim.score if a.claim else 1.0)
        ]
        for url, aligned in results.items()
    }


def precision_at(labels: Sequence[bool], k: int) -> float:
    """Share of check-worthy labels among the first k (fewer when the article is shorter)."""
    top = labels[:k]
    return sum(top) / len(top) if top else 0.0


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def __str__(self) -> str:
        share = f" ({self.right / self.total:.2f})" if self.total else ""
        return f"{self.right}/{self.total}{share}"


def _unit(unit: object) -> str:
    text = str(unit or "").casefold().strip()
    return text[:-1] if text.endswith("s") and len(text) > 1 else text


def _value(value: object) -> float:
    return round(float(value), 4) if isinstance(value, int | float) else float("nan")


def _speaker(name: object) -> str | None:
    if not name:
        return None
    text = normalise(str(name))
    return text.removeprefix("the ").strip() or None


def score(aligned: Iterable[Aligned]) -> dict[str, Tally]:
    """The figures of the module docstring over aligned gold sentences."""
    tallies = {
        name: Tally()
        for name in (
            "recall",
            "false flags",
            "type",
            "quantities",
            "quantities with unit",
            "times",
            "speakers",
        )
    }
    for a in aligned:
        claim, gold = a.claim, a.gold
        flagged = claim is not None and claim.checkworthy
        if not gold["checkworthy"]:
            tallies["false flags"].add(flagged)
            continue
        tallies["recall"].add(flagged)
        tallies["type"].add(claim is not None and claim.type == gold["type"])
        got_q = [q.as_dict() for q in claim.quantities] if claim else []
        want_q, have_q = gold["quantities"], got_q
        if want_q or have_q:
            pairs = {(_value(q["value"]), q["comparator"]) for q in want_q}
            tallies["quantities"].add(
                pairs == {(_value(q["value"]), q["comparator"]) for q in have_q}
            )
            triples = {(_value(q["value"]), q["comparator"], _unit(q["unit"])) for q in want_q}
            tallies["quantities with unit"].add(
                triples == {(_value(q["value"]), q["comparator"], _unit(q["unit"])) for q in have_q}
            )
        got_t = [t.as_dict() for t in claim.times] if claim else []
        if gold["times"] or got_t:
            want = {(t["start"], t["end"]) for t in gold["times"]}
            tallies["times"].add(want == {(t["start"], t["end"]) for t in got_t})
        said = (claim.speaker or claim.source) if claim else None
        tallies["speakers"].add(_speaker(said) == _speaker(gold["speaker"]))
    return tallies


def evaluate_news(
    extractor: Extractor, layouts: Sequence[str] = LAYOUTS, gold_file: Path | None = None
) -> None:
    """Print the news table, one column per layout."""
    try:
        articles = load_articles(gold_file=gold_file)
    except MissingNewsGold as exc:
        print(f"\n## News gold: skipped, {exc}")
        return
    sentences = sum(len(a.gold) for a in articles)
    source = gold_file or gold_path(shared_dir())
    count = f"{len(articles)} Wikinews articles, {sentences} gold sentences"
    print(f"\n## News gold ({source.name}): {count}\n")
    if source.stem in TYPE_MODEL_SETS:
        print("The type model (claims/models/types-v1.md) was fitted on these articles: its")
        print("type figure here is not an estimate; the never-read sets give that.\n")
    columns: dict[str, dict[str, Tally]] = {}
    alignment: dict[str, str] = {}
    for layout in layouts:
        results = run_layout(extractor, articles, layout)
        every = [a for aligned in results.values() for a in aligned]
        columns[layout] = score(every)
        exact = sum(a.exact for a in every)
        partial = sum(not a.exact and a.claim is not None for a in every)
        alignment[layout] = f"{exact} exact, {partial} partial, {len(every) - exact - partial} none"
    print("| figure | " + " | ".join(layouts) + " |")
    print("| --- |" + " --- |" * len(layouts))
    for name in next(iter(columns.values())):
        print(f"| {name} | " + " | ".join(str(columns[lay][name]) for lay in layouts) + " |")
    print("| aligned | " + " | ".join(alignment[lay] for lay in layouts) + " |")


def evaluate_our_labels(extractor: Extractor) -> None:
    """The same table on our own labels of articles outside news-dev (train/labels/):
    the articles read while fixing error classes, then those only ever scored."""
    for name in SETS:
        path = LABELS / f"{name}.jsonl"
        if path.is_file():
            evaluate_news(extractor, OUR_LAYOUTS, path)


def main() -> None:
    from claims.extract import load_extractor

    extractor = load_extractor()
    evaluate_news(extractor, sys.argv[1:] or LAYOUTS)
    if not sys.argv[1:] and not os.environ.get("CLAIMDESK_NEWS_GOLD"):
        evaluate_our_labels(extractor)


if __name__ == "__main__":
    main()
