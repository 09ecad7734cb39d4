"""The seed article's expected claims (from shared/gold/seed-claims.json, kept here so
the tests never depend on ../shared), and a checker shared by unit and e2e tests."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

GOLD = json.loads((Path(__file__).with_name("seed_gold.json")).read_text(encoding="utf-8"))
SEED_FILE = (
    Path(__file__).resolve().parent.parent / "seeds" / "venezuela-opposition-talks-2019-05-22.txt"
)


def find(claims: Sequence[Mapping[str, Any]], contains: str) -> Mapping[str, Any] | None:
    return next((c for c in claims if contains in c["text"]), None)


def gold_failures(claims: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every way the claims (dicts shaped like `claims --json`) miss the gold."""
    failures: list[str] = []
    for expected in GOLD["must_find"]:
        claim = find(claims, expected["contains"])
        name = expected["contains"]
        if claim is None:
            failures.append(f"{name}: sentence not found")
            continue
        if not claim["checkworthy"]:
            failures.append(f"{name}: not checkworthy (score {claim['score']}, {claim['reasons']})")
        if (
            "also_in_same_sentence" in expected
            and expected["also_in_same_sentence"] not in claim["text"]
        ):
            failures.append(f"{name}: sentence split before {expected['also_in_same_sentence']!r}")
        for q in expected.get("quantities", []):
            if not any(
                got["value"] == q["value"]
                and got["comparator"] == q["comparator"]
                and got["unit"] == q["unit"]
                for got in claim["quantities"]
            ):
                failures.append(f"{name}: quantity {q} missing from {claim['quantities']}")
        for t in expected.get("times", []):
            if not any(
                got["start"] == t["start"]
                and got["end"] == t["end"]
                and got["text"].lower() == t["text"].lower()
                for got in claim["times"]
            ):
                failures.append(f"{name}: time {t} missing from {claim['times']}")
        if "speaker" in expected and expected["speaker"] not in (claim.get("speaker") or ""):
            failures.append(
                f"{name}: speaker {expected['speaker']!r}, got {claim.get('speaker')!r}"
            )
        if "source" in expected and expected["source"] not in (claim.get("source") or ""):
            failures.append(f"{name}: source {expected['source']!r}, got {claim.get('source')!r}")
    return failures


def false_flags(claims: Sequence[Mapping[str, Any]]) -> list[str]:
    return [
        text
        for text in GOLD["must_not_flag"]
        if (claim := find(claims, text)) is not None and claim["checkworthy"]
    ]
