"""Our own labels of Wikinews articles, kept without the articles' words.

The project labels Wikinews articles outside news-dev by ../shared/gold/GUIDELINES.md to
measure what nobody tuned on (README, "Figures"). The texts are ../shared/data, which is
never committed, so a label file here holds only where each sentence, quantity and time
expression stands in the article's text (character offsets), with its labels:

    {"url": ..., "published": "2019-01-04", "i": 0, "at": [130, 233], "checkworthy": true,
     "type": "event", "quantities": [{"at": [12, 30], "value": 39, "value_high": null,
     "unit": "people", "comparator": "="}], "times": [{"at": [0, 9], "start": "2019-01-03",
     "end": "2019-01-03"}], "speaker": null}

``pack`` turns labels written in news-dev.jsonl's format (with the words) into this form;
``unpack`` gives news-dev's format back from the article text, which train/news_eval.py
scores like news-dev itself:

    python -m train.labels pack gold-A.jsonl gold-D.jsonl > train/labels/analysis.jsonl
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

LABELS = Path(__file__).resolve().parent / "labels"
# The sets, in the order they were labelled: "analysis" (36 articles), "analysis2" (36) and
# "analysis3" (24) were read while fixing error classes, and the type model
# (train/train_types.py) is fitted on them; "analysis2" and "analysis3" were each scored
# before anything was fixed on them. "heldout" (24), "blind3" (12), "analysis4" (24) and
# "blind4" (24 of 2019, labelled in the sixth session) were only scored until the eleventh
# session, which read their errors while fixing classes; "blind5" (24, 12 of 2019 and 12 of
# 2020, labelled in the eleventh session) has only ever been scored.
SETS = (
    *("analysis", "analysis2", "analysis3", "analysis4", "heldout", "blind3", "blind4"),
    "blind5",
)
TYPE_MODEL_SETS = ("news-dev", "analysis", "analysis2", "analysis3")


class LabelError(ValueError):
    """A label that does not match its article's text."""


def pack(rows: Iterable[Mapping[str, Any]], texts: Mapping[str, str]) -> Iterator[dict[str, Any]]:
    """news-dev-format rows as offsets into their articles' texts (the words left out)."""
    searched_from: dict[str, int] = {}
    for row in rows:
        url, sentence = row["url"], row["sentence"]
        text = texts.get(url)
        if text is None:
            raise LabelError(f"{url}: no such article in the corpus")
        start = text.find(sentence, searched_from.get(url, 0))
        if start < 0:
            start = text.find(sentence)
        if start < 0:
            raise LabelError(f"{url} sentence {row['i']}: not found verbatim in the article")
        searched_from[url] = start + len(sentence)
        yield {
            "url": url,
            "published": row["published"],
            "i": row["i"],
            "at": [start, start + len(sentence)],
            "checkworthy": row["checkworthy"],
            "type": row["type"],
            "quantities": [
                {"at": _within(sentence, q["text"], url, row["i"])}
                | {k: q[k] for k in ("value", "value_high", "unit", "comparator")}
                for q in row["quantities"]
            ],
            "times": [
                {
                    "at": _within(sentence, t["text"], url, row["i"]),
                    "start": t["start"],
                    "end": t["end"],
                }
                for t in row["times"]
            ],
            "speaker": row["speaker"],
        }


def unpack(rows: Iterable[Mapping[str, Any]], texts: Mapping[str, str]) -> Iterator[dict[str, Any]]:
    """Packed rows in news-dev's format again, the words taken from the articles."""
    for row in rows:
        text = texts.get(row["url"])
        if text is None:
            raise LabelError(f"{row['url']}: no such article in the corpus")
        start, end = row["at"]
        sentence = text[start:end]
        yield {
            "url": row["url"],
            "published": row["published"],
            "i": row["i"],
            "sentence": sentence,
            "checkworthy": row["checkworthy"],
            "type": row["type"],
            "quantities": [
                {"text": sentence[q["at"][0] : q["at"][1]]}
                | {k: q[k] for k in ("value", "value_high", "unit", "comparator")}
                for q in row["quantities"]
            ],
            "times": [
                {"text": sentence[t["at"][0] : t["at"][1]], "start": t["start"], "end": t["end"]}
                for t in row["times"]
            ],
            "speaker": row["speaker"],
            "note": None,
        }


def is_packed(row: Mapping[str, Any]) -> bool:
    return "at" in row and "sentence" not in row


def _within(sentence: str, part: str, url: str, i: int) -> list[int]:
    start = sentence.find(part)
    if start < 0:
        raise LabelError(f"{url} sentence {i}: {part!r} is not in the sentence")
    return [start, start + len(part)]


def main(argv: list[str]) -> None:
    from train.news_eval import corpus_texts, shared_dir

    if len(argv) < 2 or argv[0] != "pack":
        raise SystemExit("usage: python -m train.labels pack GOLD.jsonl... > PACKED.jsonl")
    rows = [
        json.loads(line)
        for name in argv[1:]
        for line in Path(name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = corpus_texts(shared_dir())
    for packed in pack(rows, {url: record["text"] for url, record in texts.items()}):
        print(json.dumps(packed, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
