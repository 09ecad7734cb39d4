"""Sentence encoder: a fine-tuned MiniLM that reads a sentence as a whole.

The spaCy features of claims/scorer.py see words, tags and patterns; this model reads the
sentence with a transformer fine-tuned on ClaimBuster (train/train_encoder.py) and gives
the log-odds that it is check-worthy. It runs with ONNX Runtime on int8 weights, one
thread per run: ``submit`` starts a run in the background and returns a future. Runs go to
one reader thread per core (``READERS``), so a reading never waits for a core that is free:
where the encoder costs more than spaCy (on some CPUs: 20 ms a sentence on an AVX2-only
EPYC, against 2 ms on the machine of the round before), it takes the parser's core once
parsing is done instead of trailing it on one.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from claims.errors import ModelError

MODELS = Path(__file__).parent / "models"
ENCODER_PATH = MODELS / "encoder-v1.onnx"
TOKENIZER_PATH = MODELS / "encoder-v1-tokenizer.json"
MAX_TOKENS = 64
READERS = os.cpu_count() or 1  # concurrent runs: each sentence still runs alone

FloatArray = npt.NDArray[np.float64]

# The tokenizers library would start a thread pool of its own per batch; spaCy has the
# other core.
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class SentenceEncoder:
    """Log-odds of check-worthiness for whole sentences, from the committed ONNX model."""

    def __init__(self, session: Any, tokenizer: Any) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    @classmethod
    def load(
        cls, path: Path | None = None, tokenizer_path: Path | None = None, threads: int = 1
    ) -> SentenceEncoder:
        """Open the model (default: the committed one) with ``threads`` compute threads."""
        path, tokenizer_path = path or ENCODER_PATH, tokenizer_path or TOKENIZER_PATH
        try:
            import onnxruntime
            from tokenizers import Tokenizer

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
            session = onnxruntime.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # ONNX Runtime and tokenizers raise their own types
            raise ModelError(f"cannot load the sentence encoder {path}: {exc}") from exc
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        return cls(session, tokenizer)

    def log_odds(self, texts: Sequence[str]) -> FloatArray:
        """One log-odds per text, in order.

        Each sentence runs alone: int8 activations are scaled per run, so in a padded
        batch a sentence's score would depend on its neighbours. Alone it does not, and
        on these short inputs it is no slower (2.4 s per 1,000 either way).
        """
        out = np.zeros(len(texts), dtype=np.float64)
        for i, encoded in enumerate(self.tokenizer.encode_batch(list(texts))):
            feed = {
                "input_ids": np.asarray([encoded.ids], dtype=np.int64),
                "attention_mask": np.asarray([encoded.attention_mask], dtype=np.int64),
            }
            out[i] = self.session.run(None, feed)[0][0]
        return out

    def submit(self, texts: Sequence[str]) -> Future[FloatArray]:
        """Start ``log_odds`` on a reader thread (ONNX Runtime releases the GIL).

        Readings run side by side, one per reader, each on its own texts: the log-odds of
        a sentence are those it gets alone."""
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="encoder")
            return self._pool.submit(self.log_odds, list(texts))

    def close(self) -> None:
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True)
                self._pool = None


_committed: Future[SentenceEncoder] | None = None
_committed_lock = threading.Lock()


def preload() -> Future[SentenceEncoder]:
    """Start loading the committed encoder on a thread, once per process; the future.

    A command calls this before it imports spaCy: ONNX Runtime builds its session outside
    the GIL, on the other core, while this one imports and loads spaCy.
    """
    global _committed
    with _committed_lock:
        if _committed is None:
            loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encoder-load")
            _committed = loader.submit(SentenceEncoder.load)
            loader.shutdown(wait=False)  # the thread ends once the session is built
        return _committed
