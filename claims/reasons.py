"""Reasons a reviewer can read: at most five phrases a fact-checker would use.

Pure (no spaCy). The signals that give a reviewer something to check (a figure, a date,
a name, a source, a past event) are always "+" reasons and the ones that speak against
checking (a question, a hedge, a prediction) always "-", whatever weight the combiner
learnt for them, so a "-" reason never contradicts a "+" one. What the models computed
(their probabilities, the spaCy-feature model's strongest features, each signal's
weight) goes to ``features``, for ``--json`` output, not to the reviewer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from claims.signals import Signal

MAX_REASONS = 5

# What a reviewer can check, in the order a reviewer reads it.
_FOR = ("quantity", "date", "source", "speaker", "past_tense", "entities")
_AGAINST = (
    "question",
    "future",
    "reported_future",
    "stance",
    "advice",
    "conditional",
    "first_person_opinion",
    "hedge",
    "evaluative",
    "fragment",
    "short",
    "nothing_checkable",
    "first_person",
)
_NOT_QUEUED = {
    "opinion": "not queued: an opinion",
    "prediction": "not queued: a prediction or plan",
    "not_claim": "not queued: no claim to check",
}


def phrase(signal: Signal, fired: set[str]) -> str:
    """One signal as a reviewer's phrase ("a figure: 10 lawmakers")."""
    d = signal.detail
    match signal.name:
        case "quantity":
            return f"{'figures' if ', ' in d else 'a figure'}: {d}"
        case "date":
            dated = "past_tense" in fired and "future" not in fired
            return f"{'a dated event' if dated else 'a date'}: {d}"
        case "entities":
            return f"names {d}"
        case "source" | "speaker":
            return f"attributed to {d}"
        case "past_tense":
            return "reports a past event"
        case "question":
            return "a question"
        case "future":
            return "about the future: a prediction or plan"
        case "reported_future":
            return f"a plan or expectation ({d})"
        case "stance":
            return f"a view, not a fact ({d})"
        case "advice":
            return f"advice or an appeal ({d})"
        case "conditional":
            return f"a hypothetical ({d.lower() or 'if'} ...)"
        case "first_person_opinion":
            return f"the speaker's own view ({d})"
        case "hedge":
            return f"hedged ({d})"
        case "evaluative":
            return f"a value judgement ({d})"
        case "fragment":
            return "a fragment: no verb"
        case "short":
            return "too short to hold a claim"
        case "nothing_checkable":
            return "no name, number or date to check"
        case "first_person":
            return "in the first person"
    return signal.name.replace("_", " ")


def explain(
    signals: Sequence[Signal],
    checkworthy: bool,
    claim_type: str,
    encoder_reading: float | None = None,
) -> tuple[str, ...]:
    """At most five signed phrases: what speaks for checking the sentence and against it.

    A sentence that is queued lists what there is to check first; one that is not lists
    why not first (its type, when the type keeps it off the queue).
    """
    fired = {s.name for s in signals}
    by_name = {s.name: s for s in signals}
    source, speaker = by_name.get("source"), by_name.get("speaker")
    if source and speaker and source.detail == speaker.detail:
        del by_name["speaker"]  # one person, named once
    if "first_person_opinion" in by_name:
        by_name.pop("hedge", None)  # "the speaker's own view (think)" says it already
    pros = [f"+ {phrase(by_name[n], fired)}" for n in _FOR if n in by_name]
    cons = [f"- {phrase(by_name[n], fired)}" for n in _AGAINST if n in by_name]
    vetoed = claim_type in _NOT_QUEUED
    if encoder_reading is not None:
        if encoder_reading >= 0.5 and not vetoed:
            pros.insert(0, "+ reads like a checkable factual claim")
        elif encoder_reading < 0.5:
            cons.insert(0, "- does not read like a checkable factual claim")
    if vetoed:
        cons.insert(0, f"- {_NOT_QUEUED[claim_type]}")
    ordered = [*pros, *cons] if checkworthy else [*cons, *pros]
    return tuple(ordered[:MAX_REASONS])


def features(
    signals: Iterable[Signal],
    weights: Mapping[str, float],
    model_probability: float | None,
    model_features: Sequence[tuple[str, float]],
    encoder_reading: float | None,
) -> dict[str, object]:
    """What the models computed, for ``--json``: not for the reviewer's eye."""
    out: dict[str, object] = {
        "signals": {s.name: round(weights.get(s.name, 0.0), 4) for s in signals},
    }
    if encoder_reading is not None:
        out["encoder"] = round(encoder_reading, 4)
    if model_probability is not None:
        out["model"] = round(model_probability, 4)
        out["model_features"] = {name: round(w, 3) for name, w in model_features}
    return out
