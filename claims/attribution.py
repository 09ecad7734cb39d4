"""Who said it: speakers, sources ("according to ..."), and quotation marks."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "claim",
        "state",
        "announce",
        "tweet",
        "add",
        "note",
        "report",
        "write",
        "insist",
        "argue",
        "warn",
        "explain",
        "confirm",
        "deny",
        "allege",
        "testify",
        "acknowledge",
        "estimate",
        "reply",
        "declare",
        "assert",
        "admit",
        "disclose",
        "reveal",
        "suggest",
        "maintain",
        "stress",
        "emphasize",
        "emphasise",
        "indicate",
        "accuse",
        "inform",
        "point",  # only "point out"
        "remark",
        "observe",
        "comment",
        "mention",
        "recall",
        "concede",
        "contend",
        "reiterate",
        "speak",  # "spoke to the press: “...”"
    ]
)
_PLATFORMS = frozenset({"Twitter", "Facebook", "Instagram", "YouTube", "TikTok", "WhatsApp"})
_ANNOUNCING = frozenset({"announce", "declare"})
_ALLEGING = frozenset({"accuse"})
_PUBLICATIONS = frozenset(
    {"study", "report", "survey", "paper", "analysis", "statement", "article"}
)
# "according to FAA records", "a report from the NTSB": the records are the agency's words
# ("data" is lemmatised "datum")
_DOCUMENTS = frozenset(
    {
        "report",
        "record",
        "data",
        "datum",
        "figure",
        "statement",
        "document",
        "filing",
        "estimate",
        "advisory",
        "poll",
    }
)
# "a study found ...", "figures show ...": what research and records establish is
# reported like what people say, by those who made them
_WRITTEN = _DOCUMENTS | _PUBLICATIONS  # words that speak for whoever made them
# "the statement read: “...”": what a written text says when it is quoted
_READ = _WRITTEN | {"summary", "letter", "message", "post", "notice", "ruling", "judgment"}
_FINDING = frozenset({"find", "show", "conclude"})
_RESEARCHERS = frozenset({"researcher", "scientist", "investigator", "author"})
_SOURCE_LABELS = frozenset({"ORG", "PERSON", "GPE", "NORP"})
_OFFICES = frozenset({"office", "ministry", "department", "agency", "police", "government"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
# "reported 36 infections", "confirmed two deaths": the object is the information reported
_REPORTING_FIGURES = frozenset({"report", "confirm"})
_RELATIVE = frozenset({"which", "who", "that"})
_RELAYING = frozenset({"say", "report", "tell", "claim", "state"})
# verbs whose object, followed by a verb, is the start of a reported clause ("said several
# acres burned"); not "told", "reported" or "announced", which take real objects
_CLAUSE_VERBS = frozenset(
    {"say", "claim", "state", "maintain", "insist", "argue", "assert", "contend", "allege"}
)
_SPEECH_VERBS = frozenset({"say", "insist", "argue", "assert", "state", "contend"})
# verbs that report words only when the words are a quotation right at them
_QUOTING_VERBS = frozenset({"speak", "respond", "continue", "post"})
# verbs that report a figure as someone's estimate: "put the toll at 40"
_PUTTING = frozenset({"put", "place", "estimate", "show", "peg"})
# verbs that state what something is or what caused it: "attributed the bombing to Houthi
# rebels", "identified the suspect as ...", "described him as an emerging figure"
_ASCRIBING = {"attribute": "to", "ascribe": "to", "identify": "as", "describe": "as"}
_ASCRIBING |= {"characterize": "as", "characterise": "as"}
_NAME_WORDS = frozenset({"of", "and", "the", "for", "&"})  # inside a name: "Bank of England"
_POSSESSIVES = frozenset({"his", "her", "their", "its", "my", "our"})
_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_OPENING = "“‘«"
_CLOSING = "”’»"


@dataclass(frozen=True)
class Attribution:
    speaker: str | None
    source: str | None
    reporting_verb: str | None


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` inside double quotation marks (curly or straight).

    An opening mark left unclosed runs to the end of the text, as a quotation that
    continues into the next paragraph does in news style.
    """
    regions: list[tuple[int, int]] = []
    start: int | None = None
    for i, char in enumerate(text):
        if char == "“" or (char == '"' and start is None):
            start = i
        elif (char == "”" or char == '"') and start is not None:
            regions.append((start, i + 1))
            start = None
    if start is not None:
        regions.append((start, len(text)))
    return regions


def inside_quotes(sent: Span, regions: list[tuple[int, int]]) -> bool:
    """True when most of the sentence's characters are inside quotation marks."""
    quoted = sum(
        max(0, min(end, sent.end_char) - max(start, sent.start_char)) for start, end in regions
    )
    return quoted * 2 > len(sent.text)


def crosses_quotation(sent: Span, regions: list[tuple[int, int]]) -> bool:
    """Whether a quotation opens in the sentence and runs on past it ("He said: “X. Y.”")
    or began before it and closes in it ("“X. Y”, Minnis said."): its speaker is the
    quotation's."""
    begin, end = sent.start_char, sent.end_char
    return any(
        (begin <= start < end < stop) or (start < begin < stop <= end) for start, stop in regions
    )


def attribute(sent: Span, last_person: str | None, last_said: str | None = None) -> Attribution:
    """Find the speaker (who a reporting verb says said something) and any "according to"
    source.

    A reporting verb makes a speaker only when it reports something: a clause ("said the
    bridge was closed"), a quotation, or an agent ("was confirmed by his son"). "Guaidó
    declared himself interim president" and "the ministry announced the death" are the
    article's own claims about what someone did. A pronoun subject ("he said") resolves to
    ``last_person``, the person the text last named as speaking; "saying ..." after a
    clause takes that clause's subject; "the same study" is ``last_said``, the last
    speaker of any kind.
    """
    source = _according_to(sent)
    cited = _according_span(sent)
    found: list[tuple[Token, Token, str]] = []
    for token in sent:
        lemma = token.lemma_.lower()
        finding = lemma in _FINDING and _by_research(token)
        quoting = lemma in _QUOTING_VERBS or (lemma in _PUTTING and lemma not in _FINDING)
        quoting = quoting or lemma in _ASCRIBING
        if (
            lemma not in REPORTING_VERBS
            and not finding
            and not quoting
            and not _issues_statement(token, sent)
        ):
            continue
        if token.pos_ != "VERB" or _inside_quotation(sent, token):
            continue  # "“... Court says the prorogation was unlawful.”": the quoted words
        if token.lemma_.lower() == "point" and not any(c.lower_ == "out" for c in token.children):
            continue  # "pointed out", not "pointed a gun"
        if cited[0] <= token.i < cited[1]:
            continue  # "according to a report in which they said ...": the report's words
        if not _reports(token, sent):
            continue
        subject = _statement_from(token) or _reporter(token)
        if subject is None or subject.ent_type_ in ("DATE", "TIME"):
            continue  # "... in May, 2018 identified him": a misparse, a date says nothing
        speaker = _speaker(subject, sent, last_person, last_said)
        if speaker is not None:
            found.append((token, subject, speaker))
    if not found:
        return Attribution(None, source, None)
    verb, _, speaker = found[0]
    for inner, subject, named in found[1:]:
        # "a reporter noted local news reports said ...": the inner source is the speaker
        relayed = inner.dep_ == "ccomp" and inner.head.i == verb.i
        relayed = relayed and inner.lemma_.lower() in _RELAYING  # not "has alleged ties"
        owned = any(c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in subject.children)
        if relayed and subject.lower_ not in _PRONOUNS and not owned:  # not "her husband"
            verb, speaker = inner, named
    return Attribution(speaker, source, verb.lemma_.lower())


def _reports(verb: Token, sent: Span) -> bool:
    """Whether the verb reports content: a clause, a quotation or (passive) an agent."""
    deps = {c.dep_ for c in verb.children}
    if _announces_own_act(verb):
        return False  # "Warren announced she was endorsing Biden": the act is the claim
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses and all(any(s.tag_ == "WP" for s in c.children) for c in clauses):
        return False  # "Berg spoke, who led the campaign": a description, not her words
    if verb.lemma_.lower() in _ANNOUNCING and "agent" in deps and "ccomp" not in deps:
        return False  # "the death was announced by the university": an event
    if verb.lemma_.lower() in _ASCRIBING:  # "attributed the bombing to Houthi rebels"
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        return bool(objects) and _ascribes(verb, objects[0])
    if deps & {"ccomp", "parataxis", "agent"} or verb.dep_ in ("parataxis", "ccomp"):
        return True
    if any(c.dep_ == "prep" and c.lower_ == "that" for c in verb.children):
        return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() in _REPORTING_FIGURES and any(o.tag_ in ("NN", "NNS") for o in objects):
        return True  # "authorities reported 36 infections"
    if verb.lemma_.lower() in _PUTTING and objects and _at_a_figure(verb, objects[0]):
        return True  # "put the death toll at 40", "polls showed support at one percent"
    if verb.lemma_.lower() == "claim" and (
        any(o.lemma_.lower() in ("responsibility", "credit") for o in objects) or "xcomp" in deps
    ):
        return True  # "claimed responsibility for the attack", "claimed to have bought it"
    around = [*verb.children, *(g for c in objects for g in c.children)]
    if verb.lemma_.lower() in _ALLEGING and any(c.lower_ == "of" for c in around):
        return True  # "accused Avenatti of trying to extort Nike": an allegation
    if any(g.tag_ in _FINITE and g.dep_ == "acl" for o in objects for g in o.children):
        return True  # "scientists report spiky skulls evolved ...", parsed as an object
    if verb.lemma_.lower() in _CLAUSE_VERBS and objects and _clause_as_object(verb, objects[0]):
        return True  # "said several acres burned", "maintained an inquiry is what ..."
    if verb.lemma_.lower() in _QUOTING_VERBS:  # "spoke to the press: “...”", not "X spoke, who"
        return _introduces_quotation(verb, sent)
    return any(ch in sent.text for ch in '“”"') and verb.dep_ in ("ROOT", "conj")


def _introduces_quotation(verb: Token, sent: Span) -> bool:
    """Whether the verb's words are a quotation: after it, behind a colon ("responded on
    Twitter: “...”"), or just before its subject ("“...,” Lam continued")."""
    text, doc = sent.doc.text, sent.doc
    after = text[verb.idx : sent.end_char]
    opening = min((after.find(ch) for ch in '“"' if ch in after), default=-1)
    if opening > 0 and ":" in after[:opening]:
        return True
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if not subjects or verb.lemma_.lower() == "speak":
        return False
    before = text[sent.start_char : doc[subjects[0].left_edge.i].idx].rstrip()
    return before.endswith(("”", ',"', '"'))


def _at_a_figure(verb: Token, obj: Token) -> bool:
    """ "estimated the crowd at 10,000", "put the toll at 40": a figure after "at"."""
    preps = [c for c in (*verb.children, *obj.children) if c.dep_ == "prep" and c.lower_ == "at"]
    return any(t.like_num for p in preps for t in p.subtree)


def _ascribes(verb: Token, obj: Token) -> bool:
    """ "attributed the bombing to Houthi rebels", "described Hamza bin Laden as an
    emerging figure": the verb's own preposition ("to", "as") after its object."""
    if verb.dep_ == "relcl" or any(c.dep_ == "neg" for c in verb.children):
        return False  # "a system which the BBC describes as ...", "did not identify him as"
    if obj.tag_ in ("WP", "WDT", "PRP") and obj.lower_ not in ("him", "her", "them"):
        return False  # "what she described as ...", "describes itself as centrist"
    wanted = _ASCRIBING[verb.lemma_.lower()]
    preps = [c for c in (*verb.children, *obj.children) if c.dep_ == "prep" and c.i > obj.i]
    return any(p.lower_ == wanted and any(c.dep_ == "pobj" for c in p.children) for p in preps)


def _clause_as_object(verb: Token, obj: Token) -> bool:
    """Whether the small model parsed a clause without "that" as the verb's object and a
    verb after it: "said several acres [of land] burned" (a participle hung on the
    object, after a verb of speech only: "claimed the body found in the river" is no
    speech), "maintained a bridge is what ..." (a second verb with no subject, "and",
    comma or "because" of its own)."""
    doc = verb.doc
    if verb.lemma_.lower() in _SPEECH_VERBS and any(
        g.dep_ == "acl"
        and g.tag_ in ("VBD", "VBN")
        and g.i > obj.i
        and not any(c.dep_ == "agent" for c in g.children)  # "a prayer written by ..."
        for g in obj.children
    ):
        return True
    joined = [
        c
        for c in verb.children
        if c.dep_ in ("conj", "advcl") and c.i > obj.i and c.tag_ in _FINITE
    ]
    if not joined:
        return False
    first = joined[0]
    chain = [verb, first, *(c for c in first.subtree if c.dep_ == "conj")]
    coordinated = any(c.dep_ in ("cc", "preconj") for v in chain for c in v.children)
    listed = any(t.text in (",", ";") for t in doc[obj.i : first.i])  # "a victory, thanked"
    own = {"nsubj", "nsubjpass", "expl", "mark"}  # "..., because it is": a clause of its own
    return not coordinated and not listed and not any(s.dep_ in own for s in first.children)


def _announces_own_act(verb: Token) -> bool:
    """ "announced she was endorsing", "declared he would resign": an announcement of the
    speaker's own act, which the article reports as an event."""
    if verb.lemma_.lower() not in _ANNOUNCING:
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    subjects = [s for c in clauses for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(s.lower_ in _PRONOUNS for s in subjects)


def _reporter(verb: Token) -> Token | None:
    """Who does the reporting: the subject, the agent of a passive, or for "..., saying"
    the subject of the clause it hangs on. An expletive "it" reports nothing."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    named = [c for c in subjects if c.ent_type_ and c.tag_ in ("NNP", "NNPS")]
    chosen = named or subjects  # "news broadcaster NRK", parsed as two subjects
    subject = chosen[-1] if chosen else None
    if subject is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":  # "X cited Article 5 and said, ..."
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        subject = _subject_after_date(verb)
    paper = verb.head  # "issued a statement saying ...": the issuer
    saying = verb.dep_ == "acl" and verb.tag_ == "VBG" and paper.dep_ == "dobj"
    if subject is None and saying and paper.lemma_.lower() in _WRITTEN:
        subject = next((c for c in paper.head.children if c.dep_ == "nsubj"), None)
    return None if subject is None or subject.lower_ == "there" else subject


def _subject_after_date(verb: Token) -> Token | None:
    """ "On Friday Ford Motor Company announced ...", which the small model reads as "on
    Friday Ford Motor Company": the name that ends the date's phrase right before the
    verb is its subject."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i > verb.i:
            continue
        name = next((c for c in prep.children if c.dep_ == "pobj"), None)
        dated = any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)
        if name is not None and dated and name.i == verb.i - 1 and name.ent_type_ in _SOURCE_LABELS:
            return name
    return None


def last_person_before(sent: Span, position: int | None = None) -> str | None:
    """The last PERSON entity in the sentence before ``position`` (a token index)."""
    stop = sent.end if position is None else position
    people = [e for e in sent.ents if is_person_entity(e) and e.end <= stop]
    return _clean(people[-1].text) if people else None


def is_person_entity(entity: Span) -> bool:
    """A PERSON entity, but not a platform the small model takes for one ("on Twitter")."""
    return entity.label_ == "PERSON" and entity.text not in _PLATFORMS


def _speaker(
    subject: Token, sent: Span, last_person: str | None, last_said: str | None = None
) -> str | None:
    if subject.lower_ in _RELATIVE:  # "the council, which said ...": the council
        clause = subject.head
        if clause.dep_ != "relcl" or clause.head.i == subject.i:
            return None
        return _speaker(clause.head, sent, last_person, last_said)
    if subject.lower_ == "they" and last_said:
        return last_said  # "they said": whoever reported last, a person or not
    if subject.lower_ == "it":  # "It said ...": the organisation that reported last
        return last_said if last_said and subject.dep_ == "nsubj" else None
    if subject.lower_ in _PRONOUNS and subject.lower_ not in ("i", "we"):
        return last_person_before(sent, subject.i) or last_person
    if subject.lower_ in ("i", "we"):
        return None
    doc: Doc = subject.doc
    if any(c.lower_ == "same" for c in subject.children) and last_said:
        return last_said  # "the same study noted": whoever reported last
    name = next((c for c in subject.children if c.dep_ == "appos"), None)
    if name is not None and subject.tag_ in ("NN", "NNS"):
        described = range(name.left_edge.i, name.right_edge.i + 1)
        person = [e for e in sent.ents if is_person_entity(e) and e.start in described]
        if person and not _proper(name):  # "his widow, former tennis player Pam Shriver"
            return _clean(person[-1].text)
    if name is not None and subject.tag_ in ("NN", "NNS"):
        organisation = _organisation_named(sent, name)
        if organisation is not None:  # "the militant organisation, the Islamic State ...,"
            return organisation
    if name is not None and subject.tag_ in ("NN", "NNS") and _proper(name):
        # "his ambassador to Italy, Julián Isaías Rodríguez": the name
        words = [t for t in name.subtree if t.dep_ != "punct"]
        return _clean(doc[words[0].i : words[-1].i + 1].text)
    for ent in sent.ents:
        if ent.start <= subject.i < ent.end and ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
            of = [c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"]
            if ent.label_ == "ORG" and of and ent.end <= of[0].i:  # "ABC of Australia"
                return _clean(doc[ent.start : of[0].right_edge.i + 1].text)
            first, *rest = ent.text.split(" ", 1)
            return _clean(rest[0] if first in _PLATFORMS and rest else ent.text)  # "Twitter West"
    if subject.lemma_.lower() in _READ:
        author = _document_source(sent, subject)  # "JHU data indicated": JHU
        if author is not None:
            return author
        own = any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in subject.children)
        if own and last_person:  # "his statement read": the person's words
            return last_person
    if subject.lemma_.lower() in _PUBLICATIONS:  # "a study in the Journal of ...": the journal
        named = [e for e in sent.ents if e.label_ in ("ORG", "WORK_OF_ART")]
        inside = [
            e for e in named if subject.left_edge.i <= e.start and e.end <= subject.right_edge.i + 1
        ]
        if inside:
            return _clean(inside[0].text)
    owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    if owner is not None and not (owner.lower_ in ("his", "her") and last_person):
        owner = None  # "the WHO's website" keeps its owner; "his family" names it below
    relative = [t for t in subject.children if t.dep_ in ("relcl", "acl") and t.i > subject.i]
    stop = min((t.left_edge.i for t in relative), default=subject.right_edge.i + 1)
    words = [
        t
        for t in subject.subtree
        if t.dep_ not in ("det", "punct")
        and not _dated(t, subject)
        and not _is(t, owner)
        and t.i < stop  # "the statement, which was posted on Twitter": the statement
    ]
    if not words:
        return None
    person_named = _person_in(sent, words[0].i, words[-1].i + 1)
    if person_named is not None and owner is None:
        return person_named  # "Police director Vladimir Rebic", "Mike McCready of Pearl Jam"
    phrase = _clean(doc[words[0].i : words[-1].i + 1].text)
    if owner is not None and owner.lower_ in ("his", "her") and last_person:
        return f"{last_person}'s {phrase}"  # "his family" after "Hosni Mubarak"
    return phrase


def _organisation_named(sent: Span, name: Token) -> str | None:
    """The organisation an apposition names: "the Bank of England", and "the Islamic State
    of Iraq and the Levant" where the small model's entity stops at "and"."""
    entity = next((e for e in sent.ents if e.start <= name.i < e.end), None)
    if entity is None or entity.label_ not in ("ORG", "NORP", "GPE"):
        return None
    words = [t for t in name.subtree if t.dep_ != "punct"]
    words = words[1:] if words and words[0].dep_ == "det" else words
    if words and all(t.is_title or t.lower_ in _NAME_WORDS for t in words):
        return _clean(sent.doc[words[0].i : words[-1].i + 1].text)
    return _clean(_without_possessive(entity).text)


def _proper(name: Token) -> bool:
    """A name in apposition: "Julián Isaías Rodríguez" (which the small model may tag
    oddly), not "a Ph.D. candidate at the University of Florida"."""
    words = [t for t in name.subtree if t.dep_ != "punct"]
    return all(t.tag_ in ("NNP", "NNPS") or t.text[:1].isupper() for t in words)


def _is(token: Token, other: Token | None) -> bool:
    return other is not None and token.i == other.i


def _dated(token: Token, subject: Token) -> bool:
    """A time modifier of the subject is no part of its name: "Reports as of Wednesday"."""
    prep = next((a for a in token.ancestors if a.dep_ == "prep" and a.head.i == subject.i), None)
    if token.dep_ == "prep" and token.head.i == subject.i:
        prep = token
    return prep is not None and any(t.ent_type_ in ("DATE", "TIME") for t in prep.subtree)


def _according_span(sent: Span) -> tuple[int, int]:
    """The token range of an "according to ..." phrase, or (0, 0)."""
    for token in sent[:-2]:
        if token.lower_ == "according" and token.nbor(1).lower_ == "to":
            return token.i, token.nbor(1).right_edge.i + 1
    return 0, 0


def _according_to(sent: Span) -> str | None:
    for token in sent[:-2]:
        if token.lower_ == "according" and token.nbor(1).lower_ == "to":
            if _quoted_at(sent, token):
                continue  # "“... according to royal laws ...”": the quoted speaker's words
            objects = [c for c in token.nbor(1).children if c.dep_ == "pobj"]
            if objects and objects[0].tag_ in ("WDT", "WP"):
                return None  # "an agreement, according to which ...": a document, no one
            if objects:  # "a statement, as well as ...": the source ends before the list
                head = objects[0]
                cut = [c.i for c in head.children if c.dep_ in ("cc", "conj", "punct")]
                cut += [t.left_edge.i for t in head.subtree if t.dep_ == "relcl"]  # "in which"
                cut = [i for i in cut if i > head.i]
                subtree = [t for t in head.subtree if not cut or t.i < min(cut)]
                first, last = subtree[0].i, subtree[-1].i + 1
                # "a tweet on Monday by US Secretary of State Mike Pompeo": the person
                person = _person_in(sent, first, last) or _titled_person(sent, head, last)
                return person or _document_source(sent, head) or _clean(sent.doc[first:last].text)
    return None


def _titled_person(sent: Span, head: Token, end: int) -> str | None:
    """The person a title introduces, parsed outside the title's phrase: "according to Ohio
    Senator Mark Tully", "according to the county's chief medic, Paul Green, ..."."""
    if head.ent_type_ == "PERSON":
        return None
    doc, j = sent.doc, end
    comma = j < sent.end and doc[j].text == ","
    j += comma
    while j < sent.end and j - end < 4 and not doc[j].ent_type_ and doc[j].is_title:
        j += 1  # the rest of a title: "Senator", "Chief Inspector"
    entity = next((e for e in sent.ents if e.start == j and is_person_entity(e)), None)
    if entity is None:
        return None
    closed = entity.end < sent.end and doc[entity.end].text in (",", ")")
    if comma and (not closed or head.tag_ not in ("NN", "NNS")):
        return None  # "according to police, John Smith was arrested": the next clause
    return _clean(entity.text)


def _document_source(sent: Span, head: Token) -> str | None:
    """Who a document comes from: "according to Federal Aviation Administration records",
    "a 1989 report from the NTSB", "a survey published by Pew", "a report citing the
    mayor's office"."""
    if head.lemma_.lower() not in _READ:
        return None
    for child in head.children:
        inner: Token | None = None
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            inner = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ == "acl" and child.lemma_.lower() in ("cite", "quote"):
            inner = next((c for c in child.children if c.dep_ == "dobj"), None)
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # "published by", "collected by"
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            inner = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if inner is not None and _names_someone(sent, inner):
            entity = next((e for e in sent.ents if e.start <= inner.i < e.end), None)
            if entity is not None and entity.label_ in _SOURCE_LABELS and entity.end > _cut(inner):
                # "the National Oceanic and Atmospheric Administration", cut at "and" below
                return _clean(_without_possessive(entity).text)
            words = [
                t
                for t in inner.subtree
                if t.dep_ not in ("det", "punct") and not _dated(t, inner) and t.i < _cut(inner)
            ]
            if words:
                return _person_in(sent, words[0].i, words[-1].i + 1) or _clean(
                    sent.doc[words[0].i : words[-1].i + 1].text
                )
    owners = [
        e
        for e in sent.ents
        if e.label_ in ("ORG", "PERSON")
        and e.start >= head.left_edge.i
        and e.end <= head.i
        and all(_owner_to_head(t) for t in sent.doc[e.end : head.i])
    ]
    # "Federal Aviation Administration records", "Johns Hopkins University (JHU) data",
    # "the World Bank's latest estimate"
    if owners:
        return _clean(_without_possessive(owners[-1]).text)
    owner = next((c for c in head.children if c.dep_ == "poss" and c.tag_ == "NNP"), None)
    if owner is None:  # "Stardom's official statement", a name the small model did not tag
        return None
    words = [t for t in owner.subtree if t.tag_ != "POS" and t.dep_ != "det"]
    return _clean(sent.doc[words[0].i : words[-1].i + 1].text) if words else None


def _without_possessive(entity: Span) -> Span:
    """ "The World Bank's" as its entity may run: World Bank."""
    if len(entity) > 1 and entity[-1].tag_ == "POS":
        entity = entity[:-1]
    if len(entity) > 1 and entity[0].dep_ == "det":
        entity = entity[1:]
    return entity


def _owner_to_head(token: Token) -> bool:
    """What may stand between a document's owner and the document: its short form in
    brackets, a possessive, a describing adjective ("latest")."""
    return token.text in ("(", ")", "'s", "’s") or token.is_upper or token.dep_ == "amod"


def _by_research(verb: Token) -> bool:
    """Whether a verb of finding has research or records for its subject ("a study found",
    "figures from the WHO showed", "researchers concluded"), not "police found the car"."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(s.lemma_.lower() in _WRITTEN or s.lemma_.lower() in _RESEARCHERS for s in subjects)


def _names_someone(sent: Span, token: Token) -> bool:
    """Whether a phrase names an organisation or person, or an office that speaks."""
    span = range(token.left_edge.i, token.right_edge.i + 1)
    named = any(e.label_ in _SOURCE_LABELS and e.start in span for e in sent.ents)
    return named or token.lemma_.lower() in _OFFICES


def _cut(head: Token) -> int:
    """Where a phrase's name ends: before a list, a relative clause or a comma."""
    cut = [c.i for c in head.children if c.dep_ in ("cc", "conj", "punct") and c.i > head.i]
    cut += [t.left_edge.i for t in head.subtree if t.dep_ == "relcl" and t.i > head.i]
    return min(cut, default=head.right_edge.i + 1)


def _person_in(sent: Span, start: int, end: int) -> str | None:
    """The one person a phrase names, without titles or affiliation; not an owner ("Hosni
    Mubarak's family" is the family)."""
    doc = sent.doc
    people = [
        e
        for e in sent.ents
        if is_person_entity(e)
        and start <= e.start
        and e.end <= end
        and not (e.end < len(doc) and doc[e.end].tag_ == "POS")
        and not any(t.tag_ == "POS" or t.dep_ == "poss" for t in e)
    ]
    return _clean(people[0].text) if len(people) == 1 else None


def _issues_statement(verb: Token, sent: Span) -> bool:
    """ "The government issued a statement: “...”": issuing a statement with its words;
    "the statement read: “...”", "reads the judge's ruling": a document's words, quoted."""
    if verb.lemma_.lower() == "read":
        read = [c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in _READ]
        return bool(read) and any(ch in sent.text for ch in '“”"')
    if verb.lemma_.lower() not in ("issue", "release", "publish"):
        return False
    stated = any(c.dep_ == "dobj" and c.lemma_.lower() == "statement" for c in verb.children)
    return stated and any(ch in sent.text for ch in ':“”"')


def _statement_from(verb: Token) -> Token | None:
    """ "The palace issued a statement from the king: “...”": the king speaks."""
    if verb.lemma_.lower() not in ("issue", "release", "publish"):
        return None
    statements = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "statement"]
    for statement in statements:
        for prep in statement.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by"):
                return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _inside_quotation(sent: Span, token: Token) -> bool:
    """Whether ``token`` is inside quotation marks: opened before it in the sentence, or
    closed after it without opening (a quotation running on from the last sentence)."""
    if _quoted_at(sent, token):
        return True
    after = sent.doc.text[token.idx : sent.end_char]
    before = sent.doc.text[sent.start_char : token.idx]
    closes = after.find("”")
    return closes >= 0 and "“" not in after[:closes] and "“" not in before


def _quoted_at(sent: Span, token: Token) -> bool:
    """Whether ``token`` stands inside a quotation opened earlier in the sentence, or, for
    straight marks, earlier in the text: in '"X. Y", Minnis said.' the mark before "said"
    closes the quotation that the sentence before opened."""
    before = sent.doc.text[sent.start_char : token.idx]
    opened = before.count("“") - before.count("”")
    if opened != 0 or '"' not in before:
        return opened > 0
    return sent.doc.text[: token.idx].count('"') % 2 == 1


def _clean(text: str) -> str:
    """A name without the punctuation around it, a bracketed short form or an indefinite
    article: "World Wonder Ring Stardom (Stardom)" is World Wonder Ring Stardom, "a
    hospital spokesperson" is hospital spokesperson (as the annotators name a source)."""
    if " (" in text and (text.endswith(")") or ")" not in text.split(" (", 1)[1]):
        text = text.split(" (", 1)[0]
    text = text.strip(" ,.;:" + _OPENING + _CLOSING + '"')
    first, _, rest = text.partition(" ")
    return rest if first in ("a", "an") and rest else text  # "a hospital spokesperson"
