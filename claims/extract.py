"""From documents to claims: segment, structure, score."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING, TypeVar, cast

from spacy.language import Language
from spacy.tokens import Doc

from claims.attribution import (
    Attribution,
    attribute,
    crosses_quotation,
    inside_quotes,
    quoted_regions,
)
from claims.combiner import DEFAULT_THRESHOLD, RULES_ONLY, Combiner
from claims.detect import assess
from claims.encoder import FloatArray, SentenceEncoder
from claims.encoder import preload as preload_encoder
from claims.model import Assessment, Claim, Document, Entity, Quantity, Sentence, TimeSpan
from claims.nlp import DEFAULT_MODEL, load_pipeline
from claims.quantities import extract_quantities
from claims.scorer import CheckworthinessModel
from claims.segment import MAX_PARAGRAPH, ParsedSentence, parse_documents
from claims.speakers import SpeakerContext, is_person
from claims.timeanaphora import TimeContext, refer_back, requote
from claims.timeexpr import extract_times

if TYPE_CHECKING:
    from claims.parse_process import ParseProcess

T = TypeVar("T")
_NO_DOCUMENT = Document("", "-", "-", None, "none", "")
_UNSCORED = Assessment(0.0, False, "not_claim", ())
_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "MONEY", "PERCENT"}
)


@dataclass
class Extractor:
    """Turns documents into claims with one spaCy pipeline and the scoring models.

    The sentence encoder works on its reader threads: while spaCy parses the next
    batch, it reads the sentences of the last one. With a ``parser`` (a spaCy process of
    its own, claims.parse_process) spaCy parses there and ``nlp`` is None.
    """

    nlp: Language | None
    model: CheckworthinessModel | None = None
    combiner: Combiner = RULES_ONLY
    threshold: float = DEFAULT_THRESHOLD
    batch_size: int = 128
    encoder: SentenceEncoder | None = None
    parser: ParseProcess | None = None

    @property
    def _pipeline(self) -> Language:
        if self.parser is not None:  # it has Language.pipe's signature, all that is used
            return cast(Language, self.parser)
        if self.nlp is None:
            raise ValueError("an Extractor needs a spaCy pipeline or a parse process")
        return self.nlp

    def extract(self, documents: Iterable[Document]) -> Iterator[tuple[Document, list[Claim]]]:
        """Yield each document with every sentence as a Claim (checkworthy or not), in order.

        ``documents`` is read as spaCy needs it: a generator is never read far ahead.
        """
        pending: deque[tuple[Document, list[ParsedSentence], Future[FloatArray] | None]]
        pending = deque()
        try:
            for document, parsed in parse_documents(self._pipeline, documents, self.batch_size):
                pending.append((document, parsed, self._read(p.sentence.text for p in parsed)))
                # Finish documents whose encoding is done; hold the rest so the encoder
                # keeps working while spaCy parses the next batch.
                while pending and (len(pending) > self.batch_size or _done(pending[0][2])):
                    yield self._finish(*pending.popleft())
            while pending:
                yield self._finish(*pending.popleft())
        finally:  # the caller stopped early or failed: drop the readings nobody will use
            for _, _, read in pending:
                if read is not None:
                    read.cancel()

    def _read(self, texts: Iterable[str]) -> Future[FloatArray] | None:
        return self.encoder.submit(list(texts)) if self.encoder else None

    def _finish(
        self, document: Document, parsed: list[ParsedSentence], read: Future[FloatArray] | None
    ) -> tuple[Document, list[Claim]]:
        # A reading the encoder thread has not started is done here instead: once spaCy
        # has parsed everything, its core is free. None makes claims_of read inline.
        # Otherwise the reading is collected once everything but the scores is built.
        reading = None if read is None or read.cancel() else read
        return document, self.claims_of(document, parsed, reading=reading)

    def score_lines(self, lines: Iterable[str]) -> Iterator[Claim]:
        """Score each line as one sentence, in order (`claimdesk score`).

        Lines are independent: no speaker carries over from one to the next. An empty
        line yields a not_claim that is not checkworthy.
        """
        # The encoder reads a chunk ahead: while spaCy parses and the claims of one chunk
        # are built, it is already on the next.
        # A failure reading the next chunk (bad bytes in the input) waits until this
        # chunk's claims are out.
        chunks = (self._start(chunk) for chunk in batched(map(str.strip, lines), self.batch_size))
        upcoming = next(chunks, None)
        while upcoming is not None:
            chunk, texts, read = upcoming
            failure: Exception | None = None
            try:
                upcoming = next(chunks, None)
            except Exception as exc:  # re-raised below, once this chunk is yielded
                failure, upcoming = exc, None
            docs = list(self._pipeline.pipe(texts, batch_size=self.batch_size))
            parsed = [
                ParsedSentence(Sentence(doc.text, 0, len(doc.text), i, i), doc[:])
                for i, doc in enumerate(docs)
                if doc.text
            ]
            log_odds = read.result() if read is not None else None
            scored = iter(
                self.claims_of(_NO_DOCUMENT, parsed, carry_context=False, encoder_log_odds=log_odds)
            )
            for i, text in enumerate(chunk):
                if docs[i].text:
                    yield next(scored)
                    continue
                reason = (
                    "- an empty line" if not text else f"- {len(text):,} characters: not a sentence"
                )
                sentence = Sentence(text, 0, len(text), i, i)
                yield Claim(sentence, Assessment(0.0, False, "not_claim", (reason,)))
            if failure is not None:
                raise failure

    def _start(self, chunk: list[str]) -> tuple[list[str], list[str], Future[FloatArray] | None]:
        """A chunk of lines, the texts spaCy gets, and the encoder's work on them."""
        # A line too long to be one sentence is reported, not parsed.
        texts = [text if len(text) <= MAX_PARAGRAPH else "" for text in chunk]
        return chunk, texts, self._read(text for text in texts if text)

    def claims_of(
        self,
        document: Document,
        parsed: list[ParsedSentence],
        carry_context: bool = True,
        encoder_log_odds: FloatArray | None = None,
        reading: Future[FloatArray] | None = None,
    ) -> list[Claim]:
        """Every sentence of ``parsed`` as a Claim; ``reading``: the encoder at work on them.

        Quotes, speakers, quantities and times are found first, while the encoder may still
        be reading; the scores come last.
        """
        predictions = self.model.predict([p.span for p in parsed]) if self.model else None
        regions: dict[int, list[tuple[int, int]]] = {}
        claims: list[Claim] = []
        people = SpeakerContext.of([p.span for p in parsed]) if carry_context else None
        quote_speakers: dict[int, str] = {}
        dated = TimeContext(published=document.published)
        found: list[tuple[Attribution, bool, tuple[Quantity, ...], tuple[TimeSpan, ...]]] = []
        for i, item in enumerate(parsed):
            span, sentence = item.span, item.sentence
            doc: Doc = span.doc
            if id(doc) not in regions:
                regions[id(doc)] = quoted_regions(doc.text)
            in_quote = inside_quotes(span, regions[id(doc)])
            attribution = (
                attribute(span, people.referent(i), people.last_said)
                if people
                else attribute(span, None)
            )
            speaker = people.fullest(attribution.speaker, i) if people else attribution.speaker
            if speaker and (in_quote or crosses_quotation(span, regions[id(doc)])):
                quote_speakers[sentence.paragraph] = speaker  # "He said: “X. Y.”": Y is his
            quantities = tuple(extract_quantities(span))
            times = tuple(extract_times(span, document.published))
            if carry_context:  # "the same day", "at 11:30 am": from what the article dated
                past = any(t.tag_ == "VBD" for t in span)
                times = tuple(requote(span, times, dated))  # "“today,” she said"
                times += tuple(refer_back(span.text, times, dated, past, span))
                dated.update(times, span.text, span)
            found.append((attribution, in_quote, quantities, times))
            claims.append(
                Claim(
                    sentence=sentence,
                    assessment=_UNSCORED,
                    quantities=quantities,
                    times=times,
                    speaker=speaker,
                    source=people.fullest(attribution.source, i) if people else attribution.source,
                    entities=tuple(
                        Entity(e.text, e.label_) for e in span.ents if e.label_ in _ENTITY_LABELS
                    ),
                    in_quote=in_quote,
                    flags=_flags(document, times),
                )
            )
            # "He said" in the next sentences most often means this sentence's speaker.
            if people is not None:
                people.update(i, span, speaker, is_person(span, speaker, people))
        if reading is not None:
            encoder_log_odds = reading.result()
        elif self.encoder is not None and encoder_log_odds is None:
            encoder_log_odds = self.encoder.log_odds([p.span.text for p in parsed])
        for i, (item, (attribution, in_quote, quantities, times)) in enumerate(
            zip(parsed, found, strict=True)
        ):
            prediction = predictions[i] if predictions is not None else None
            assessment = assess(
                item.span,
                quantities,
                times,
                attribution,
                in_quote,
                model_probability=prediction.probability if prediction else None,
                model_features=prediction.contributions if prediction else (),
                threshold=self.threshold,
                combiner=self.combiner,
                encoder_log_odds=(
                    float(encoder_log_odds[i]) if encoder_log_odds is not None else None
                ),
                in_article=carry_context,
            )
            claims[i] = replace(claims[i], assessment=assessment)
        return _fill_quote_speakers(claims, quote_speakers)


def load_extractor(
    model_name: str = DEFAULT_MODEL,
    threshold: float | None = None,
    batch_size: int = 128,
    parse_process: bool = False,
) -> Extractor:
    """The configured extractor: spaCy pipeline, trained scorer and score combiner.

    The sentence encoder (ONNX Runtime builds its session outside the GIL) and the
    scoring models load on a second thread while spaCy loads on this one. With
    ``parse_process`` spaCy loads and parses in a process of its own (claims.parse_process)
    and this one keeps only a vocabulary to read its docs into.
    """
    nlp, parser = None, None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="load-models") as pool:
        scoring = pool.submit(_scoring_models)
        if parse_process:
            from claims.parse_process import started

            parser = started(model_name)
            parser.vocab()  # the child has loaded its pipeline: one failure, one place
        else:
            nlp = load_pipeline(model_name)
        model, combiner, encoder = scoring.result()
    return Extractor(
        nlp=nlp,
        model=model,
        combiner=combiner,
        encoder=encoder,
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        batch_size=batch_size,
        parser=parser,
    )


def _flags(document: Document, times: tuple[TimeSpan, ...]) -> tuple[str, ...]:
    flags: list[str] = []
    if document.published is None and document is not _NO_DOCUMENT:
        flags.append("no publication date: find when the article was published")
    if any(not t.resolved for t in times):
        flags.append("relative date unresolved: no publication date")
    return tuple(flags)


def _scoring_models() -> tuple[CheckworthinessModel, Combiner, SentenceEncoder]:
    return CheckworthinessModel.load(), Combiner.load(), preload_encoder().result()


def _done(read: Future[FloatArray] | None) -> bool:
    return read is None or read.done()


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _fill_quote_speakers(claims: list[Claim], speakers: dict[int, str]) -> list[Claim]:
    """A quoted sentence without its own "he said" takes its paragraph's quoted speaker."""
    return [
        replace(c, speaker=speakers[c.sentence.paragraph])
        if c.in_quote and c.speaker is None and c.sentence.paragraph in speakers
        else c
        for c in claims
    ]
