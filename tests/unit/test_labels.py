"""Our label files keep offsets, not words: packing and unpacking give the labels back,
and the committed files still match the corpus they were made on."""

from __future__ import annotations

import json

import pytest

from train.labels import LABELS, SETS, LabelError, is_packed, pack, unpack
from train.news_eval import MissingNewsGold, corpus_texts, shared_dir

TEXT = "Friday, May 3, 2019\n\nThe dam failed on Tuesday. About 300 people left the valley."
ROWS = [
    {
        "url": "u",
        "published": "2019-05-03",
        "i": 0,
        "sentence": "The dam failed on Tuesday.",
        "checkworthy": True,
        "type": "event",
        "quantities": [],
        "times": [{"text": "on Tuesday", "start": "2019-04-30", "end": "2019-04-30"}],
        "speaker": None,
        "note": "a note of ours",
    },
    {
        "url": "u",
        "published": "2019-05-03",
        "i": 1,
        "sentence": "About 300 people left the valley.",
        "checkworthy": True,
        "type": "quantity",
        "quantities": [
            {
                "text": "About 300 people",
                "value": 300,
                "value_high": None,
                "unit": "people",
                "comparator": "~",
            }
        ],
        "times": [],
        "speaker": None,
        "note": None,
    },
]


def test_a_packed_label_holds_no_words_and_unpacks_to_the_same_labels() -> None:
    packed = list(pack(ROWS, {"u": TEXT}))
    assert all(is_packed(row) for row in packed)
    assert "dam" not in json.dumps(packed) and "valley" not in json.dumps(packed)
    back = list(unpack(packed, {"u": TEXT}))
    for original, again in zip(ROWS, back, strict=True):
        assert {**original, "note": None} == again


def test_a_sentence_not_in_the_article_is_an_error_naming_it() -> None:
    wrong = [{**ROWS[0], "sentence": "The bridge failed."}]
    with pytest.raises(LabelError, match="u sentence 0: not found verbatim"):
        list(pack(wrong, {"u": TEXT}))
    with pytest.raises(LabelError, match="no such article"):
        list(pack(ROWS, {}))


@pytest.mark.parametrize("name", SETS)
def test_the_committed_labels_still_fit_the_corpus(name: str) -> None:
    path = LABELS / f"{name}.jsonl"
    assert path.is_file(), f"{path} is missing"
    try:
        texts = {url: r["text"] for url, r in corpus_texts(shared_dir()).items()}
    except MissingNewsGold:
        pytest.skip("../shared/data/wikinews is not here")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    sentences = list(unpack(rows, texts))
    assert len(sentences) == len(rows) > 50
    assert all(s["sentence"].strip() == s["sentence"] and s["sentence"] for s in sentences)
    for s in sentences:
        assert all(q["text"] for q in s["quantities"]) and all(t["text"] for t in s["times"])
