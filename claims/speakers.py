"""Who "he" is, and the fullest name the article gives a speaker.

A news text names a person in full once ("Police director Vladimir Rebic") and then
shortly ("Rebic said"); the checklist names the speaker in full. "He said" means the
person the text last named as speaking, unless someone else has been named since that
speaker last spoke a while ago.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span

from claims.attribution import is_person_entity

_RECENT = 3  # sentences: a speaker this recent is who "he said" means
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "mr.", "mrs.", "ms.", "dr."})
_NAME_JOINS = frozenset({"of", "and", "for", "on", "de", "&"})
# titles the small model takes into a PERSON entity: "King Maha Vajiralongkorn"
_ROLE_WORDS = frozenset({"king", "queen", "prince", "princess", "president", "pope", "emperor"})
# a capitalised noun that stands for the one body of its kind the article names in full
_GENERIC_BODIES = frozenset(
    ("police", "department", "ministry", "agency", "court", "council", "commission", "service")
)
_SHORT_FORM = re.compile(r"[A-Z][A-Za-z&\-]{0,9}")  # "CalFire", "PG&E"


@dataclass
class SpeakerContext:
    """The people of one article and who spoke last, sentence by sentence."""

    names: list[str] = field(default_factory=list)  # PERSON names in order of appearance
    last_speaker: str | None = None
    spoke_at: int = -1
    last_named: str | None = None
    last_said: str | None = None  # the last speaker of any kind: "the same study"
    organisations: list[str] = field(default_factory=list)
    short_forms: dict[str, str] = field(default_factory=dict)  # "CalFire": its full name
    # "commissioner": who holds that title, with the sentence each is named in, in order
    titles: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def of(cls, sentences: Sequence[Span]) -> SpeakerContext:
        names = [_plain(e.text) for s in sentences for e in s.ents if is_person_entity(e)]
        orgs = {_plain(e.text) for s in sentences for e in s.ents if e.label_ == "ORG"}
        short_forms: dict[str, str] = {}
        titles: dict[str, list[tuple[int, str]]] = {}
        for index, sent in enumerate(sentences):
            short_forms.update(_short_forms(sent))
            for title, name in _titled(sent):
                titles.setdefault(title, []).append((index, name))
        return cls(
            names=[n for n in names if n],
            organisations=sorted(o for o in orgs if o),
            short_forms=short_forms,
            titles=titles,
        )

    def referent(self, index: int) -> str | None:
        """Who a "he"/"she" subject of sentence ``index`` most likely is."""
        if self.last_speaker is not None and index - self.spoke_at <= _RECENT:
            return self.last_speaker
        return self.last_named or self.last_speaker

    def fullest(self, name: str | None, at: int | None = None) -> str | None:
        """The longest PERSON name of the article that contains ``name``'s words in order.

        "The minister" is the one person the article gives that title, or, when it gives
        it to several, the one named last up to sentence ``at``."""
        if not name:
            return name
        words = _plain(name).split()
        if not words:
            return name
        found = [n for n in self.names if _contains(n.split(), words)]
        if found:  # the most words; of as many, the first the article names
            return max(found, key=lambda n: len(n.split()))
        plain = " ".join(words)
        if plain in self.short_forms:  # "CalFire" after "... Fire Protection (CalFire)"
            return self.short_forms[plain]
        if all(w.islower() for w in words):  # "the fire service": the one the article names
            holders = self.titles.get(words[-1], [])
            if len(words) <= 2 and len({n for _, n in holders}) == 1:  # "the commissioner"
                return holders[0][1]
            named = [n for i, n in holders if at is not None and i <= at]
            if len(words) <= 2 and named:  # "minister X ..., but the minister said": X
                return named[-1]
            owners = {o for o in self.organisations if set(words) <= set(o.lower().split())}
            return owners.pop() if len(owners) == 1 else name
        longer = [o for o in self.organisations if _starts(o.split(), words)]
        if len(words) == 1 and len({*longer} - {plain}) == 1:  # "Ford": "Ford Motor Company"
            return next(o for o in longer if o != plain)
        if len(words) == 1 and words[0].istitle() and words[0].lower() in _GENERIC_BODIES:
            # "Police said", "the Department said": the one police force or department named
            owners = {o for o in self.organisations if words[0] in o.split() and o != plain}
            return owners.pop() if len(owners) == 1 else name
        return name

    def update(self, index: int, sent: Span, speaker: str | None, is_person: bool) -> None:
        people = [_plain(e.text) for e in sent.ents if is_person_entity(e)]
        if people:
            self.last_named = self.fullest(people[-1])
        if speaker and is_person:
            self.last_speaker, self.spoke_at = speaker, index
        self.last_said = speaker or self.last_said


def is_person(sent: Span, speaker: str | None, context: SpeakerContext) -> bool:
    """Whether a speaker is a person: a PERSON of the sentence or one the article names."""
    if not speaker:
        return False
    if any(e.label_ == "PERSON" and e.text in speaker for e in sent.ents):
        return True
    if speaker in context.names or context.fullest(speaker) != speaker:
        return True
    # A name the small model mislabels ("Julián Isaías Rodríguez" as GPE), not an
    # organisation: two to four capitalised words.
    words = speaker.split()
    organisation = any(e.label_ == "ORG" and e.text in speaker for e in sent.ents)
    if len(words) == 1 and words[0][:1].isupper() and speaker not in context.organisations:
        # a surname the small model did not tag ("Maróth said"), not a named organisation
        labels = {e.label_ for e in sent.ents if speaker in e.text}
        return not labels - {"PERSON"} and any(
            t.text == speaker and t.tag_ == "NNP" and t.dep_ == "nsubj" for t in sent
        )
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not organisation


def _short_forms(sent: Span) -> dict[str, str]:
    """ "the California Department of Forestry and Fire Protection (CalFire)": CalFire's name."""
    doc, found = sent.doc, {}
    for token in sent:
        i = token.i
        if token.text != "(" or i + 2 >= sent.end or doc[i + 2].text != ")":
            continue
        short = doc[i + 1]
        if not _SHORT_FORM.fullmatch(short.text):
            continue
        j = i  # back over the name: capitalised words and the small words inside it
        while (j > sent.start and (doc[j - 1].is_title or doc[j - 1].is_upper)) or (
            j > sent.start + 1 and doc[j - 1].lower_ in _NAME_JOINS and doc[j - 2].is_title
        ):
            j -= 1
        words = [t.text for t in doc[j:i]]
        while words and (words[0].lower() in _NAME_JOINS or words[0].lower() == "the"):
            words = words[1:]
        if len(words) >= 2 and all(w.isalpha() or w == "&" for w in words):
            found[short.text] = " ".join(words)
    return found


def _titled(sent: Span) -> list[tuple[str, str]]:
    """ "Commissioner Albert Muchanga", "Governor Alexander Pimentel": (title, person)."""
    doc, found = sent.doc, []
    for entity in sent.ents:
        if entity.label_ == "ORG":  # "The Harbour Herald, an industry publication,"
            described = [c for c in entity.root.children if c.dep_ == "appos" and c.tag_ == "NN"]
            found += [(c.lower_, _plain(entity.text)) for c in described]
        if not is_person_entity(entity):
            continue
        first, *rest = entity.text.split()
        if rest and first.lower() in _ROLE_WORDS:  # "King Maha Vajiralongkorn" in one entity
            found.append((first.lower(), _plain(" ".join(rest))))
            continue
        described = [c for c in entity.root.children if c.dep_ == "appos" and c.tag_ == "NN"]
        found += [(c.lower_, _plain(entity.text)) for c in described]  # "X, the utility,"
        before = doc[entity.start - 1] if entity.start > sent.start else None
        titled = before is not None and before.is_alpha and not before.ent_type_
        if before is not None and titled and before.tag_ in ("NN", "NNP") and len(before) > 2:
            found.append((before.lower_, _plain(entity.text)))
    return found


def _starts(name: list[str], words: list[str]) -> bool:
    return len(name) > len(words) and name[: len(words)] == words


def _contains(name: list[str], words: list[str]) -> bool:
    n = len(words)
    return any(name[i : i + n] == words for i in range(len(name) - n + 1))


def _plain(name: str) -> str:
    words = name.strip(" ,.;:“”\"'").split()
    while words and (words[0].lower() in _TITLES or words[0].lower() == "the"):
        words = words[1:]
    if words and words[-1] in ("'s", "’s"):
        words = words[:-1]
    return " ".join(words).removesuffix("'s").removesuffix("’s")
