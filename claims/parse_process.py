"""spaCy in a process of its own: it parses on one core while this one builds the claims.

spaCy and claimdesk's own per-sentence work (quotes, speakers, quantities, times, scores,
storing) both hold the GIL, so in one process they take turns on one core while the
second core only runs the sentence encoder. A `ParseProcess` runs the pipeline in a child
process (``python -m claims.parse_process MODEL``) and streams the parsed docs back as
``Doc.to_dict`` (tokens, tags, parse, entities and ``doc.tensor``: everything the claims
read), pickled, a few batches ahead of the caller. (``Doc.to_bytes`` would be the same
dict through msgpack, whose every call looks up srsly's entry points: 16 times slower.)

The child gets exactly the batches spaCy would form in this process (``batch_size``
consecutive texts), so its docs are those of an in-process parse. It starts when asked
(a one-off `extract` asks first thing, so it imports and loads spaCy while this process
imports the rest), parses one request at a time, and ends when this process closes its
input or exits.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import signal
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from queue import SimpleQueue
from typing import IO, TYPE_CHECKING, Any, TypeVar

from claims.errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

C = TypeVar("C")
AHEAD = 2  # batches sent beyond the one being read: the child never waits for work


class ParseProcessFailed(ModelError):
    """The spaCy process could not load its pipeline, failed on a batch or ended."""


class ParseProcess:
    """spaCy's pipeline ``model`` in a child process; ``pipe`` as ``Language.pipe`` has it."""

    def __init__(self, model: str) -> None:
        self.model = model
        self._child = subprocess.Popen(
            [sys.executable, "-m", "claims.parse_process", model],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # it reports its failures as replies
        )
        self._requests: SimpleQueue[tuple[list[str], int] | None] = SimpleQueue()
        # A thread writes the requests, so a long batch never blocks this one on a full pipe.
        self._sender = threading.Thread(target=self._send, name="parse-requests", daemon=True)
        self._sender.start()
        self._lock = threading.Lock()  # one stream of batches at a time
        self._vocab: Vocab | None = None
        self._broken: str | None = None
        self._early: tuple[list[str], int] | None = None  # a request sent ahead (prefetch)

    @property
    def pid(self) -> int:
        return self._child.pid

    def vocab(self) -> Vocab:
        """The vocabulary docs are read into (the child's language); waits for the model."""
        if self._vocab is None:
            from spacy.util import get_lang_class
            from spacy.vocab import create_vocab

            lang = self._receive()  # "ready": the child loaded its pipeline
            self._vocab = create_vocab(lang, get_lang_class(lang).Defaults)
        return self._vocab

    def prefetch(self, texts: list[str], batch_size: int) -> None:
        """Parse ``texts`` now, before a stream asks: a one-off's article, while this process
        still imports the rest. A first batch of the same texts uses this parse; any other
        first batch lets it go unused."""
        with self._lock:
            if self._early is None and texts:
                self._early = (list(texts), batch_size)
                self._requests.put(self._early)

    def pipe(
        self, texts: Iterable[Any], *, as_tuples: bool = False, batch_size: int = 128
    ) -> Iterator[Any]:
        """Parsed docs of ``texts`` in order (with their contexts when ``as_tuples``)."""
        items = texts if as_tuples else ((text, None) for text in texts)
        for doc, context in self._stream(items, batch_size):
            yield (doc, context) if as_tuples else doc

    def _stream(self, items: Iterable[tuple[str, C]], batch_size: int) -> Iterator[tuple[Doc, C]]:
        with self._lock:
            vocab = self.vocab()
            early, self._early = self._early, None
            waiting: deque[list[C]] = deque()  # contexts of the batches sent, oldest first
            try:
                iterator = iter(items)
                while chunk := list(islice(iterator, batch_size)):
                    request = ([text for text, _ in chunk], batch_size)
                    if early is not None and early != request:
                        self._receive()  # its reply comes first: not this batch's
                    if early != request:
                        self._requests.put(request)
                    early = None
                    waiting.append([context for _, context in chunk])
                    if len(waiting) > AHEAD:
                        yield from self._docs(vocab, waiting.popleft())
                while waiting:
                    yield from self._docs(vocab, waiting.popleft())
            finally:  # the caller stopped early: read the replies nobody will use
                if early is not None and self._broken is None:
                    self._receive()
                while waiting and self._broken is None:
                    waiting.popleft()
                    self._receive()

    def _docs(self, vocab: Vocab, contexts: list[C]) -> Iterator[tuple[Doc, C]]:
        from spacy.tokens import Doc

        for data, context in zip(self._receive(), contexts, strict=True):
            yield Doc(vocab).from_dict(data), context

    def _send(self) -> None:
        stream = self._child.stdin
        assert stream is not None
        while (request := self._requests.get()) is not None:
            try:
                pickle.dump(request, stream, protocol=pickle.HIGHEST_PROTOCOL)
                stream.flush()
            except OSError:  # the child ended; the reader reports why
                return
        with contextlib.suppress(OSError):
            stream.close()

    def _receive(self) -> Any:
        if self._broken is not None:
            raise ParseProcessFailed(self._broken)
        stream = self._child.stdout
        assert stream is not None
        try:
            kind, value = pickle.load(stream)
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):  # ValueError: closed
            code = self._child.wait()
            self._broken = f"the spaCy process for {self.model!r} ended (exit code {code})"
            raise ParseProcessFailed(self._broken) from None
        if kind == "error":
            self._broken = value
            raise ParseProcessFailed(value)
        return value

    def close(self) -> None:
        """Let the child end and wait for it: its input closes, and so do its replies, so a
        child still writing one (a stream left unread by a failure) ends too."""
        self._broken = self._broken or f"the spaCy process for {self.model!r} was closed"
        self._requests.put(None)
        if self._child.stdout is not None:
            self._child.stdout.close()
        self._sender.join(timeout=10)
        try:
            self._child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._child.kill()
            self._child.wait()


_started: dict[str, ParseProcess] = {}
_started_lock = threading.Lock()


def started(model: str) -> ParseProcess:
    """This process's spaCy process for ``model``, started on the first call."""
    with _started_lock:
        if model not in _started:
            _started[model] = ParseProcess(model)
        return _started[model]


@atexit.register
def _close_all() -> None:
    with _started_lock:
        for process in _started.values():
            process.close()
        _started.clear()


def serve(model: str, requests: IO[bytes], replies: IO[bytes]) -> None:
    """The child: load ``model``, then parse each batch of texts until the input ends."""

    def reply(kind: str, value: Any) -> None:
        pickle.dump((kind, value), replies, protocol=pickle.HIGHEST_PROTOCOL)
        replies.flush()

    try:
        from claims.nlp import load_pipeline

        nlp = load_pipeline(model)
    except Exception as exc:  # ModelError, or whatever spaCy raises on a broken model
        reply("error", str(exc))
        return
    reply("ready", nlp.lang)
    while True:
        try:
            texts, batch_size = pickle.load(requests)
        except EOFError:  # this process's parent is done: nothing to tidy up
            replies.close()
            os._exit(0)
        try:
            docs = [doc.to_dict() for doc in nlp.pipe(texts, batch_size=batch_size)]
        except Exception as exc:
            reply("error", f"the spaCy process failed on a batch: {type(exc).__name__}: {exc}")
            return
        reply("docs", docs)


def main() -> None:
    # Ctrl-C reaches the whole process group: the parent decides; the child ends when its
    # input closes. The protocol has stdin and stdout to itself: anything a library
    # prints goes to stderr.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    requests, replies = os.fdopen(os.dup(0), "rb"), os.fdopen(os.dup(1), "wb")
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    serve(sys.argv[1], requests, replies)


if __name__ == "__main__":
    main()
