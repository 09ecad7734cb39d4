"""Linguistic signals read from the spaCy parse of a sentence, and its claim type.

Each signal that fires adds its combiner weight to the log-odds (claims/combiner.py) and
becomes a reason a reviewer can read. Opinions, questions, predictions and fragments are
never checkworthy, whatever numbers they hold (``NEVER_QUEUED``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from claims.attribution import Attribution
from claims.model import Quantity, TimeSpan
from claims.quantity_context import TOLL_VERBS
from claims.units import is_measure

# Types that are never checkworthy, whatever the score: the product queues no opinions,
# predictions, questions or fragments.
NEVER_QUEUED = frozenset({"opinion", "prediction", "not_claim"})
_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
_HEDGES = frozenset(
    [
        "think",
        "believe",
        "feel",
        "seem",
        "guess",
        "hope",
        "fear",
        "suppose",
        "imagine",
        "wish",
        "doubt",
        "probably",
        "perhaps",
        "maybe",
        "possibly",
        "apparently",
    ]
)
_EVALUATIVE = frozenset(
    [
        "successful",
        "unsuccessful",
        "good",
        "bad",
        "great",
        "terrible",
        "wonderful",
        "awful",
        "important",
        "dramatic",
        "exhausted",
        "mixed",
        "clear",
        "unclear",
        "strong",
        "weak",
        "aggressive",
        "legitimate",
        "wrong",
        "right",
        "fair",
        "unfair",
        "better",
        "worse",
        "best",
        "worst",
    ]
)
_CAUSAL = re.compile(
    r"\b(?:because|due to|as a result|led to|caused|causing|resulted in)\b", re.IGNORECASE
)
# A law, rule, ruling or policy and what it does; not "legal team", "court" or "charged":
# those are events around the law.
_LAW = frozenset(
    [
        "law",
        "laws",
        "bill",
        "statute",
        "statutes",
        "regulation",
        "regulations",
        "decree",
        "ordinance",
        "treaty",
        "constitution",
        "unconstitutional",
        "illegal",
        "unlawful",
        "ruled",
        "ruling",
        "banned",
        "ban",
        "bans",
        "prohibited",
        "prohibits",
        "outlawed",
        "mandatory",
        "compulsory",
    ]
)
# What a law, rule or policy is and does, by the guidelines' law_rule.
_RULE_NOUNS = frozenset(
    {
        "rule", "guideline", "policy", "lockdown", "curfew", "restriction", "sanction",
        "mandate", "legislation", "amendment", "requirement", "referendum", "moratorium",
        "embargo", "tariff", "quota", "subsidy", "licence", "license", "verdict", "injunction",
    }
)  # fmt: skip
_RULE_VERBS = frozenset(
    {
        "forbid", "prohibit", "outlaw", "legalize", "legalise", "criminalize", "criminalise",
        "mandate", "enact", "ratify", "repeal", "exempt", "authorize", "authorise",
        "oblige", "require", "veto", "legislate", "decree",
    }
)  # fmt: skip
_LAW_PASSIVES = frozenset({"allow", "permit", "protect", "require", "forbid", "prohibit", "ban"})
_STATIVE = frozenset(
    {"be", "have", "include", "remain", "await", "coincide", "contain", "consist", "comprise"}
    | {"belong", "own", "lack", "resemble", "exist", "face", "know", "stay"}
    # a role, a home, an allegiance: "served as an adviser", "lived in Gonesse",
    # "had represented Qom", "openly supported independence", "the warnings apply to"
    | {"serve", "represent", "live", "reside", "work", "support", "oppose", "apply"}
)
_STATIVE_PASSIVE = frozenset({"employ", "base", "locate"})  # "was employed with the police"
_FUTURE = frozenset({"will", "shall", "'ll", "gonna"})
_FRAMING_VERBS = frozenset({"find", "see", "tell", "remember", "recall", "notice", "learn"})
_WEAK_MODALS = frozenset({"may", "might", "could", "should", "would", "must", "can", "ought"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
# News: what is reported as planned or expected ("said it would", "is to be sentenced",
# "intended to appeal"), characterised ("praised", "called it ..."), felt ("was
# disappointed") or advised ("travellers were advised to ...") is no checkable claim.
_PLAN_VERBS = frozenset(
    {"plan", "intend", "expect", "aim", "schedule", "vow", "pledge", "promise", "threaten", "hope"}
)
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
# Words of praise, blame or feeling that make a reported statement a view.
_PRAISE = frozenset(
    {
        "iconic", "treasure", "brilliant", "disastrous", "tragic", "fierce", "fiercest",
        "inappropriate", "essential", "boring", "remarkable", "outstanding", "distinguished",
        "loved", "beloved", "heartbroken", "pained", "grief", "shameful", "disgraceful",
        "outrageous", "ridiculous", "absurd", "unacceptable", "irresponsible", "heroic",
        "legendary", "incredible", "amazing", "fantastic", "horrible", "horrific", "appalling",
        "deplorable", "regrettable", "legacy", "passion", "inspiring", "visionary",
    }
)  # fmt: skip
_WISHES = frozenset(
    {"hope", "urge", "wish", "pray", "regret", "thank", "believe", "think", "feel", "expect"}
)
_INTENSIFIERS = frozenset(
    {"deeply", "extremely", "truly", "incredibly", "really", "very", "so", "utterly"}
)
_REPORTING = frozenset(
    {"say", "tell", "report", "claim", "state", "confirm", "announce", "add", "allege", "write"}
)
_APPEAL_VERBS = frozenset(
    {"urge", "call", "ask", "advise", "encourage", "appeal", "implore", "plead", "beg", "exhort"}
    | {"caution", "warn"}
)
_SUBORDINATE = frozenset({"advcl", "relcl", "acl", "xcomp", "pcomp"})
_SPECULATIVE = frozenset({"could", "might", "may"})
_FORECAST_VERBS = frozenset({"expect", "forecast", "predict", "project", "anticipate", "estimate"})
_STANCE_VERBS = frozenset(
    {
        "characterize", "characterise", "praise", "commend", "criticize", "criticise",
        "condemn", "denounce", "liken", "speculate", "welcome", "applaud", "hail", "slam",
        "blast", "lament", "hypothesize", "theorize", "call", "describe", "express",
    }
)  # fmt: skip
_BELIEF_PASSIVES = frozenset({"consider", "regard", "deem", "believe", "think", "rumor"})
_FEELINGS = frozenset(
    {
        "disappointed", "proud", "pleased", "happy", "glad", "sad", "saddened", "concerned",
        "worried", "delighted", "thrilled", "honored", "honoured", "grateful", "shocked",
        "outraged", "hopeful", "optimistic", "confident", "excited", "upset", "angry",
    }
)  # fmt: skip
_ADVICE_VERBS = frozenset({"advise", "urge", "encourage", "recommend", "ask", "instruct", "tell"})


@dataclass(frozen=True)
class Signal:
    """A signal that fired: its name (a combiner weight) and what in the sentence fired it
    ("10 lawmakers", "think"), which claims/reasons.py turns into a reviewer's phrase."""

    name: str
    detail: str = ""


def read_signals(
    sent: Span,
    quantities: tuple[Quantity, ...],
    times: tuple[TimeSpan, ...],
    attribution: Attribution,
    in_quote: bool,
) -> list[Signal]:
    """The linguistic signals that fire on a sentence, each with what fired it."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    lowers = {t.lower_ for t in words}
    lemmas = {t.lemma_.lower() for t in words}
    named = [e for e in sent.ents if e.label_ in _NAMED]
    signals: list[Signal] = []

    def fire(name: str, detail: str = "") -> None:
        signals.append(Signal(name, detail))

    if quantities:
        fire("quantity", ", ".join(q.text for q in quantities[:3]))
    if any(t.start for t in times):
        fire("date", ", ".join(t.text for t in times if t.start)[:80])
    if named:
        fire("entities", ", ".join(_distinct_names(named)[:3]))
    if attribution.source:
        fire("source", attribution.source)
    if attribution.speaker:
        fire("speaker", attribution.speaker)
    if _has_past_event(sent):
        fire("past_tense")
    if sent.text.rstrip(" ”\"’'").endswith("?"):
        fire("question")
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        fire("fragment")
    if len(words) < 6:
        fire("short")
    stance = lemmas & _HEDGES or lowers & (_WEAK_MODALS | _FUTURE)
    if lowers & _FIRST_PERSON and stance:
        fire("first_person_opinion", ", ".join(sorted(stance)))
    elif lowers & _FIRST_PERSON and not in_quote:
        fire("first_person")
    if lemmas & _HEDGES:
        fire("hedge", ", ".join(sorted(lemmas & _HEDGES)))
    if lowers & _EVALUATIVE and not quantities:
        fire("evaluative", ", ".join(sorted(lowers & _EVALUATIVE)))
    if _is_conditional(sent):
        fire("conditional", next(t.text for t in sent if not t.is_punct))
    if _is_future(sent):
        fire("future")
    elif planned := _reported_future(sent):
        fire("reported_future", planned)
    if not quantities and (view := _stance(sent)):
        fire("stance", view)
    if advice := _advice(sent):
        fire("advice", advice)
    if not named and not quantities and not any(t.start for t in times):
        fire("nothing_checkable")
    return signals


def _distinct_names(entities: list[Span]) -> list[str]:
    """Names as a reviewer reads them: once each, without a possessive ("Ford's")."""
    names: list[str] = []
    for entity in entities:
        name = re.sub(r"[’']s$", "", entity.text).strip()
        if name and name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def classify(
    sent: Span,
    fired: set[str],
    quantities: tuple[Quantity, ...],
    score: float = 0.0,
    strong: float = 1.0,
    in_article: bool = False,
) -> str:
    """The claim type, from the strongest evidence down.

    ``in_article``: the sentence is news prose, read from an article. Reported plans,
    schedules and forecasts, appeals, reported views and characterisations are then
    predictions, appeals and opinions (the news gold's conventions). Debate annotators
    label many such sentences check-worthy, so lines given to `claimdesk score` keep the
    debate reading (ClaimBuster dev F1 0.922 with these rules off, 0.907 with them on).

    Questions, fragments with nothing checkable, first-person hypotheticals ("If I
    would ...") and the future tense are never claims to queue, whatever the score (the
    product queues no predictions). Hedges and evaluative words make an opinion only
    while the score is below ``strong``: "I think we lost two million jobs" is still a
    checkable claim.
    """
    text = sent.text.lower()
    checkable = fired & {"quantity", "date", "entities", "source"}
    if "question" in fired or ("fragment" in fired and not checkable):
        return "not_claim"
    if "short" in fired and not checkable and score < strong:
        return "not_claim"
    if "conditional" in fired and fired & {"first_person", "first_person_opinion"}:
        return "opinion"
    beside = in_article and _figure_beside(sent, quantities)
    if "future" in fired and "past_tense" not in fired and not beside:
        return "prediction"
    if in_article and _reports_an_expectation(sent) and not beside:
        return "prediction"
    if in_article and _exhorts(sent):
        return "not_claim"  # an exhortation is no claim, whatever it names
    opinion_markers = fired & {"first_person_opinion", "hedge", "evaluative", "conditional"}
    if opinion_markers and score < strong and not fired & {"quantity", "date", "source"}:
        return "opinion"
    attributed = fired & {"speaker", "source"}  # "According to the study, X": who says so
    if in_article and attributed and _reports_a_view(sent, quantities):
        return "opinion"  # a quoted or reported opinion is judged by what it says
    if in_article and "stance" in fired and not quantities and not _joined_past(sent.root):
        return "opinion"  # "praised", "characterized the attack as", "called it a step back"
    if "nothing_checkable" in fired and not attributed and "past_tense" not in fired:
        if _compares(sent):
            return "comparison"
        if _states_a_cause(sent, text):
            return "causal"
        return "other" if not _states_a_rule(sent) else "law_rule"
    # The guidelines' order: quantity, comparison, causal, law_rule, ...; a number only in
    # an aside ("Kurdi, a three-year-old boy, ...") is not what the claim turns on.
    if any(_claim_turns_on(sent, q) for q in quantities):
        return "quantity"
    if _compares(sent):
        return "comparison"
    if _states_a_cause(sent, text):
        return "causal"
    if _states_a_rule(sent):
        return "law_rule"
    if fired & {"speaker", "source"}:
        return "attribution"  # "Officials said the bridge was closed", whatever the tense
    if _is_state(sent):
        return "other"  # "Mubarak was the President from 1981 until 2011": no event
    if "past_tense" in fired or "date" in fired or sent.root.tag_ == "VBD":
        return "event"
    return "other"


def _states_a_cause(sent: Span, text: str) -> bool:
    """ "because", "due to", "led to", "caused" in the main clause: as a word, not inside
    one ("called to" holds no "led to"). A cause inside a relative clause or an aside
    ("a crater caused by the water", "before moving there due to a job") is not what
    the sentence claims, nor is one inside what someone is reported to have said; "was
    due to stand down" is a schedule, not a cause."""
    for match in _CAUSAL.finditer(text):
        words = sent.char_span(match.start(), match.end(), alignment_mode="expand")
        if words is None:
            continue
        if match.group(0) == "due to" and words.end < sent.end and sent.doc[words.end].tag_ == "VB":
            continue
        if _in_main_clause(words[0]):
            return True
    return False


def _in_main_clause(token: Token) -> bool:
    """Whether the token belongs to the sentence's main clause (or one joined to it); a
    misparsed sentence whose root is no verb gives the benefit of the doubt."""
    root = token.sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return True
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ != "ROOT":
        verb = verb.head
    if token.dep_ == "mark" and verb.dep_ == "advcl":  # "because the pilot fell ill"
        verb = verb.head
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.i == root.i


def _states_a_rule(sent: Span) -> bool:
    """ "The Act lists jackals as protected", "gatherings were allowed", "the court ruled"."""
    if any(
        (t.lower_ in _LAW and t.dep_ != "compound") or (t.text == "Act" and t.tag_ == "NNP")
        for t in sent
    ):  # not "a law firm", "law enforcement"
        return True
    # In the main clause only: not "protests began after the government announced new
    # lockdown measures", "a policy speech", or rules someone is quoted on.
    if any(
        t.lemma_.lower() in _RULE_NOUNS and t.pos_ == "NOUN" and t.dep_ != "compound"
        and _in_main_clause(t)
        for t in sent
    ):  # fmt: skip
        return True  # "the guidelines list", "a curfew was imposed", "new restrictions"
    if any(
        t.lemma_.lower() in _RULE_VERBS and t.pos_ == "VERB" and _in_main_clause(t) for t in sent
    ):
        return True  # "forbids", "were required to", "outlawed"
    root = sent.root
    passive = any(c.dep_ == "auxpass" for c in root.children) or root.tag_ == "VBN"
    if passive and root.lemma_.lower() in _LAW_PASSIVES:
        return True
    # "allowed him to run for a fourth term": a permission, not "allowed to cool"
    return any(
        t.lemma_.lower() in ("allow", "permit") and t.pos_ == "VERB"
        and any(c.dep_ in ("dobj", "nsubjpass") for c in t.children)
        and any(c.dep_ in ("xcomp", "ccomp") for c in t.children)
        for t in sent
    )  # fmt: skip


def _is_state(sent: Span) -> bool:
    """A sentence about how things are or were (its main verb is "be", "have", "include",
    "remain", ...) rather than something that happened."""
    root = sent.root
    passive = any(c.dep_ == "auxpass" for c in root.children)
    lemma = root.lemma_.lower()
    if not (lemma in _STATIVE and not passive) and not (lemma in _STATIVE_PASSIVE and passive):
        return False
    deps = {c.dep_ for c in root.children}
    if root.lemma_.lower() == "have" and any(  # "customers had water restored"
        c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VBN" for c in root.children
    ):
        return False
    if root.lemma_ == "be" and root.tag_ == "VBD" and not deps & {"attr", "acomp", "ccomp"}:
        # "Navalny was in a coma", "crews were on the scene": where someone was, then
        return not any(c.dep_ == "prep" or c.lower_ == "there" for c in root.children)
    verbs = [t for t in root.children if t.dep_ == "conj" and t.pos_ == "VERB"]
    return all(v.lemma_.lower() in _STATIVE for v in verbs)


def _has_past_event(sent: Span) -> bool:
    """Whether the main verb (or one joined to it) tells of something that happened: the
    simple past, the perfect ("has died", "had been suffering"), the past progressive
    ("was rushing"), the past passive ("was named"); not the present passive ("is
    located", "are considered"), which tells how things are."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):  # misparsed: "A species of ray ... was named after"
        verbs = [t for t in sent if t.dep_ not in ("relcl", "acl", "amod") and t.tag_ != "VB"]
    else:
        verbs = [root, *(t for t in root.children if t.dep_ == "conj" and t.pos_ == "VERB")]
    return any(_tells_a_past(v) for v in verbs)


def _tells_a_past(verb: Token) -> bool:
    if verb.lemma_.lower() in ("be", "seem", "feel"):
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD":
        return True
    perfect = any(a.lemma_.lower() == "have" for a in auxes)
    past_aux = any(a.tag_ == "VBD" for a in auxes)
    if verb.tag_ == "VBN":
        present_passive = any(a.dep_ == "auxpass" and a.tag_ in ("VBZ", "VBP") for a in auxes)
        return perfect or past_aux or not present_passive
    if verb.tag_ == "VB":  # "did not announce"
        return any(a.lemma_.lower() == "do" and a.tag_ == "VBD" for a in auxes)
    return verb.tag_ == "VBG" and (past_aux or perfect)  # "was rushing", "had been suffering"


def _reported_future(sent: Span) -> str:
    """What marks a plan or an expectation reported in the past ("said it would", "was to
    open", "planned to", "is expected to"); empty when there is none."""
    root = sent.root
    clauses = [root, *(c for c in root.children if c.dep_ in ("ccomp", "conj"))]
    for clause in clauses:
        auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
        if clause is not root and any(a.lower_ in _FUTURE_AUX for a in auxes):
            return next(a.text for a in auxes if a.lower_ in _FUTURE_AUX)
        to_clause = any(
            c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in clause.children
        )
        if clause.lemma_ == "be" and to_clause:
            return f"{clause.text} to"  # "was to open", "is to be sentenced"
        if clause.lemma_.lower() in _PLAN_VERBS and to_clause:
            return clause.text
    for token in sent:  # "Local firefighters planned to continue ..." parsed as a fragment
        plans = token.lemma_.lower() in _PLAN_VERBS and token.tag_.startswith("VB")
        if plans and any(c.dep_ == "xcomp" for c in token.children):
            return token.text
    return ""


def _reports_a_view(sent: Span, quantities: tuple[Quantity, ...]) -> bool:
    """What someone is reported to have said is a view, not a fact: praise, a feeling, a
    wish or an appeal ("said Munk had been a world treasure", "said, 'Iran deeply regrets
    this disastrous mistake'", "said she was proud to endorse him"), with no figure in it.
    The words reported are those in quotation marks, else the reported clause."""
    content = _reported_words(sent)
    if not content or any(
        content[0].idx <= sent.start_char + q.start < content[-1].idx + 1 for q in quantities
    ):
        return False
    lowers = {t.lower_ for t in content}
    lemmas = {t.lemma_.lower() for t in content}
    if lowers & (_EVALUATIVE | _PRAISE | _FEELINGS):
        return True
    if lowers & _FIRST_PERSON and lemmas & _WISHES:
        return True
    # "deeply regrets", "extremely pained"; a superlative is a comparison, not a view
    return any(t.lower_ in _INTENSIFIERS and t.head.pos_ in ("ADJ", "VERB") for t in content)


def _reported_words(sent: Span) -> list[Token]:
    quoted = _quoted_tokens(sent)
    if quoted:
        return quoted
    root = sent.root
    clauses = [c for c in root.children if c.dep_ == "ccomp"]
    return sorted((t for c in clauses for t in c.subtree), key=lambda t: t.i)


def _quoted_tokens(sent: Span) -> list[Token]:
    """The tokens inside a quotation, counting the marks from the start of the paragraph
    (a quotation may open in an earlier sentence), in one pass over the sentence."""
    marks = _quote_marks(sent.doc.text[: sent.start_char])
    inside: list[Token] = []
    for token in sent:
        if marks % 2 == 1:
            inside.append(token)
        marks += _quote_marks(token.text)
    return inside


def _quote_marks(text: str) -> int:
    return text.count('"') + text.count("“") + text.count("”")


def _figure_beside(sent: Span, quantities: tuple[Quantity, ...]) -> bool:
    """A weighty figure outside what is planned or expected: "More than 95% of the
    participants indicated they would use the kits again" turns on the 95%, "are to find a
    new leader after she was defeated by a 149 vote margin" on the margin."""
    root = sent.root
    for q in quantities:
        words = sent.char_span(q.start, max(q.end, q.start + 1), "expand")
        if words is None or not _weighty(q):
            continue
        number = next((t for t in words if t.like_num or t.pos_ == "NUM"), words.root)
        path = [number, *number.ancestors]
        if any(t.dep_ == "advcl" and t.tag_ in ("VBD", "VBN") for t in path):
            return True  # "after she lost by a 149 vote margin": what happened
        clause = next((t for t in path if t.head.i == root.i and t.i != root.i), None)
        if clause is not None and clause.dep_ in ("nsubj", "nsubjpass"):
            return True  # but not "expected winds of 100 mph": what is expected
    return False


def _weighty(quantity: Quantity) -> bool:
    """A share, a sum, a measure, an estimate or a large figure: a claim wherever it stands."""
    return (
        quantity.comparator != "="
        or abs(quantity.value) >= 100
        or "percent" in quantity.unit
        or is_measure(quantity.unit)
    )


def _reports_an_expectation(sent: Span) -> bool:
    """The main clause tells of a plan, schedule or forecast, and nothing that happened
    beside it: "the party is scheduled to continue", "authorities expected winds of
    100 mph", "the agency predicted the storm would weaken", "his term was to end in
    August"; not "she was elected in 2005 and was due to stand down in August"."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX"):
        return False
    joined = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if any(_tells_a_past(v) for v in joined):
        return False
    lemma = root.lemma_.lower()
    to_clause = any(
        c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in root.children
    )
    will = any(
        c.dep_ == "ccomp" and any(a.lower_ in _FUTURE_AUX for a in c.children if a.dep_ == "aux")
        for c in root.children
    )
    if lemma in _FORECAST_VERBS:
        expects = lemma != "estimate" and any(c.dep_ == "dobj" for c in root.children)
        # "the deal is expected by the end of the year", "rain is forecast for Friday"
        expected = lemma != "estimate" and any(c.dep_ == "auxpass" for c in root.children)
        return to_clause or will or expects or expected  # "estimated the damage at $5m"
    if lemma in _PLAN_VERBS or lemma in ("schedule", "set", "due", "slate"):
        # "is scheduled to continue", "is scheduled for March 3"
        scheduled_for = lemma != "set" and any(
            c.dep_ == "prep" and c.lower_ == "for" for c in root.children
        )
        return to_clause or (scheduled_for and lemma in ("schedule", "slate"))
    if lemma == "be" and to_clause and root.tag_ in ("VBD", "VBZ", "VBP"):
        return True
    # Not "told": "Guaidó told The Washington Post this month that he would take an offer"
    # reports what someone told a named outlet, the seed's must-find claim.
    reports = lemma in _REPORTING - {"tell"} or lemma in ("indicate", "stress", "reiterate", "warn")
    if reports and not any(c.dep_ == "neg" for c in root.children):  # "did not announce"
        clauses = [c for c in root.children if c.dep_ == "ccomp"]
        # an announced rule is a law_rule: "announced masks would become compulsory"
        return any(_tells_of_the_future(c) for c in clauses) and not _states_a_rule(sent)
    return False


def _joined_past(verb: Token) -> bool:
    """Whether a verb joined to this one tells of something that happened."""
    return any(
        c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and _tells_a_past(c) for c in verb.children
    )


def _tells_of_the_future(clause: Token) -> bool:
    """A reported clause about what will or may be: "the board would begin an inquiry",
    "it could be inevitable", "Benin was to join", "it planned to join", "this is not
    likely to happen again"; not "he would have died" (what did not happen)."""
    if _joined_past(clause):  # "is expected to win, but only secured 39 delegates"
        return False
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    modal = [a for a in auxes if a.lower_ in _FUTURE_AUX | _SPECULATIVE]
    if modal and not any(a.lemma_.lower() == "have" for a in auxes):
        return True
    to_clause = any(
        c.dep_ == "xcomp" and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
        for c in clause.children
    )
    lemma = clause.lemma_.lower()
    if to_clause and (lemma in _PLAN_VERBS or (lemma == "be" and clause.tag_ == "VBD")):
        return True
    return any(  # "is likely to happen", "is expected to"
        c.dep_ == "acomp" and c.lower_ in ("likely", "unlikely", "expected", "set", "due")
        and any(
            g.dep_ == "xcomp" and any(a.lower_ == "to" and a.dep_ == "aux" for a in g.children)
            for g in c.children
        )
        for c in clause.children
    )  # fmt: skip


def _stance(sent: Span) -> str:
    """A characterisation, a feeling or a belief reported instead of a fact ("praised",
    "called it a step back", "was disappointed", "are considered talismans")."""
    root = sent.root
    lemma = root.lemma_.lower()
    children = {c.dep_ for c in root.children}
    if lemma in _STANCE_VERBS and root.pos_ == "VERB":
        if lemma == "call" and "oprd" not in children:
            return ""  # "called for", "called the police": no characterisation
        if lemma == "describe" and not any(c.lower_ == "as" for c in root.children):
            return ""
        if lemma == "express" and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in ("desire", "hope", "concern", "wish")
            for c in root.children
        ):
            return ""
        return root.text
    for token in sent:
        if token.lower_ in _FEELINGS and token.dep_ in ("acomp", "ccomp", "ROOT", "xcomp"):
            return token.text
        if token.lemma_.lower() in _BELIEF_PASSIVES and token.tag_ == "VBN":
            head = token if token.dep_ != "conj" else token.head
            if any(c.dep_ == "auxpass" for c in head.children) or token.dep_ == "conj":
                return token.text
    return ""


def _advice(sent: Span) -> str:
    """Advice or an appeal in the passive ("travellers were advised to contact ...")."""
    root = sent.root
    deps = {c.dep_ for c in root.children}
    if root.lemma_.lower() in _ADVICE_VERBS and {"auxpass", "xcomp"} <= deps:
        return root.text
    return ""


def _is_conditional(sent: Span) -> bool:
    first = next((t for t in sent if not t.is_punct), None)
    return first is not None and first.lower_ in ("if", "unless", "suppose", "imagine")


def _is_future(sent: Span) -> bool:
    root = sent.root
    auxes = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    if auxes & _FUTURE:
        # "You will find that the worst schools get the most money": the future only
        # frames a claim about now; the clause it introduces is what is asserted.
        framing = root.lemma_.lower() in _FRAMING_VERBS
        finite = ("VBD", "VBZ", "VBP")  # "see the deficit grow" is still a prediction
        return not (framing and any(c.dep_ == "ccomp" and c.tag_ in finite for c in root.children))
    if root.lemma_ in ("go", "expect", "plan") and any(c.dep_ == "xcomp" for c in root.children):
        return root.lemma_ != "go" or root.tag_ == "VBG"
    return False


def _compares(sent: Span) -> bool:
    """ "higher than", "fewer ... than", "the largest", "the most popular"."""
    words = [t for t in sent if not _aside(t)]  # "López, the most popular prisoner, escaped"
    if any(t.tag_ in ("JJR", "RBR") for t in words) and any(t.lower_ == "than" for t in words):
        return True
    return any(
        _is_record(t)
        or (t.tag_ == "JJS" and not _quantifier(t))
        or (t.tag_ == "RBS" and t.i + 1 < len(t.doc) and t.nbor(1).tag_ == "JJ")
        for t in words
    )


def _claim_turns_on(sent: Span, quantity: Quantity) -> bool:
    """Whether the claim rests on the number: not when it only describes someone in an
    apposition or a possessor ("the princess, 67, announced", "47-year-old Ana's office
    said")."""
    words = sent.char_span(quantity.start, max(quantity.end, quantity.start + 1), "expand")
    if words is None or quantity.end <= quantity.start:
        return True
    number = next((t for t in words if t.like_num or t.pos_ == "NUM"), words.root)
    path = [number, *number.ancestors]
    if any(t.dep_ in ("appos", "poss") for t in path):
        return False
    if _in_speaker_phrase(number) and "percent" not in quantity.unit:
        return False  # "three people familiar with the talks said"; but "95% of them said"
    # A small exact count in a clause of its own ("after failing to win any of the
    # fourteen contests", "before the jet crashed", "for the seven hour drive") tells
    # of the event around it; a share, a sum, a measure, an estimate or a large figure
    # is a claim wherever it stands.
    weighty = _weighty(quantity)
    subordinate = any(t.dep_ in _SUBORDINATE for t in path)
    toll = any(t.lemma_.lower() in TOLL_VERBS for t in path)  # "..., killing four": the toll
    return weighty or toll or not subordinate


def _in_speaker_phrase(token: Token) -> bool:
    """Whether the token is in the subject of a reporting verb: who said it, not what."""
    for head in [token, *token.ancestors]:
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_.lower() in _REPORTING:
            return any(c.dep_ in ("ccomp", "parataxis") for c in head.head.children)
    return False


def _exhorts(sent: Span) -> bool:
    """An appeal, a request or advice: "called on drivers to slow down", "urged people
    to comply", "asked for patience", "travellers were advised to call"."""
    root = sent.root
    if root.lemma_.lower() not in _APPEAL_VERBS or root.pos_ != "VERB":
        return False
    if _joined_past(root) or any(t.tag_ in ("VBD", "VBN") for t in sent if t.i < root.i):
        return False  # "The hotel was evacuated and police urged people to stay inside"
    to_clause = any(  # "to stay", an infinitive: not "called to the harbour"
        c.dep_ in ("xcomp", "ccomp")
        and c.pos_ in ("VERB", "AUX")
        and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
        for c in root.children
    )
    lemma = root.lemma_.lower()
    active = not any(c.dep_ == "auxpass" for c in root.children)
    asks_for = active and any(  # "asked for patience", "called on the government"
        c.dep_ == "prep"
        and (
            c.lower_ == "for"
            or (c.lower_ == "on" and lemma == "call")
            or (c.lower_ == "against" and lemma in ("caution", "warn"))
        )
        and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)  # "on Monday"
        for c in root.children
    )
    return to_clause or (
        asks_for and lemma in ("ask", "call", "appeal", "plead", "caution", "warn")
    )


def _is_record(token: Token) -> bool:
    """ "the first royal to run", "the last continent to report", "the first such case",
    "became the first": a rank claimed as a record, not "the first round"."""
    if token.lower_ not in ("first", "last", "only") or token.dep_ != "amod":
        return False
    noun = token.head
    after = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
    infinitive = any(
        c.dep_ in ("acl", "relcl") and any(a.lower_ == "to" for a in c.children)
        for c in noun.children
    )
    complement = noun.dep_ in ("attr", "oprd") or (
        noun.dep_ == "dobj" and noun.head.lemma_ == "make"
    )
    return infinitive or after in ("such", "ever", "-") or (complement and token.lower_ != "only")


def _quantifier(token: Token) -> bool:
    """ "most farms", "least of all": a quantifier, not "the most", "the largest"."""
    before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return token.lower_ in ("most", "least") and before != "the"


def _aside(token: Token) -> bool:
    """Whether the token is inside an apposition: a description, not the claim."""
    return any(a.dep_ == "appos" for a in [token, *token.ancestors])
