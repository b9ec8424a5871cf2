"""Training a model on one layer of the project (an annotator's, or gold): spaCy's
`beam_ner` on a blank Arabic pipeline, in this process, seeded, on a held-out split of
the documents; and the learning curve (`train-curve`) on the same split."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import Cancelled, ValidationError
from annotator.core.store import Store
from annotator.core.suggest.model.examples import (
    NEGATIVE_KEY,
    SPANS_KEY,
    LayerExamples,
    gold_entities,
    read_examples,
)
from annotator.core.suggest.model.folder import ModelInfo, check_target, write_model
from annotator.core.suggest.model.predict import NESTED_PIPE, PIPE, inside, suggest_spans
from annotator.core.suggest.model.scores import Scores, span_scores

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

MIN_SPANS = 20
MIN_DOCUMENTS = 4
HELD_OUT = 0.2  # share of the documents kept out of training to score the model
DEFAULT_EPOCHS = 20
DEFAULT_THRESHOLD = 0.5
BEAM_WIDTH = 8
BATCH_SIZE = 2  # documents per update: small projects need many updates (bench_model.py)
DROPOUT = 0.2
CURVE_SHARES = (0.25, 0.5, 0.75, 1.0)
NGRAMS = 5  # the longest nested span the span categorizer considers, in tokens

# (epochs done, epochs in all, loss of the last epoch)
TrainProgress = Callable[[int, int, float], None]
# polled between batches: True stops training (Cancelled, nothing written)
IsCancelled = Callable[[], bool]


@dataclass
class Split:
    """The examples of a layer, and which of them train the model and which score it."""

    examples: LayerExamples
    train: list[int]
    held_out: list[int]

    def spans(self, picks: Sequence[int]) -> int:
        return sum(len(self.examples.docs[pick].ents) for pick in picks)


@dataclass
class TrainReport:
    """What `train` did: the model's marker (its figures), where it was written, the
    held-out scores, the nested spans `ner` could not learn, and how long it took."""

    info: ModelInfo
    out_dir: Path
    held_out: Scores | None
    nested: int
    seconds: float


@dataclass
class CurvePoint:
    """The held-out scores of a model trained on a share of the training documents."""

    share: float
    documents: int
    spans: int
    scores: Scores
    seconds: float


def split_examples(
    store: Store, layer: str, vocab: Vocab, seed: int, held_out: float = HELD_OUT
) -> Split:
    """The layer's examples split by document (shuffled with `seed`): `held_out` of them,
    at least one, to score; the rest to train. Too few: one line saying how many more."""
    examples = read_examples(store, layer, vocab)
    documents, spans = len(examples.docs), examples.spans
    if spans < MIN_SPANS or documents < MIN_DOCUMENTS:
        more = []
        if spans < MIN_SPANS:
            more.append(f"{MIN_SPANS - spans} more entity spans")
        if documents < MIN_DOCUMENTS:
            more.append(f"{MIN_DOCUMENTS - documents} more annotated documents")
        raise ValidationError(
            f"too few examples to train on {layer}'s layer: {spans} entity spans in "
            f"{documents} documents; annotate {' and '.join(more)} (at least {MIN_SPANS} "
            f"spans in {MIN_DOCUMENTS} documents)"
        )
    order = list(range(documents))
    random.Random(seed).shuffle(order)
    kept = min(documents - 1, max(1, round(documents * held_out))) if held_out > 0 else 0
    return Split(examples, sorted(order[kept:]), sorted(order[:kept]))


def fit(
    vocab: Vocab,
    docs: Sequence[Doc],
    epochs: int,
    seed: int,
    progress: TrainProgress | None = None,
    cancelled: IsCancelled | None = None,
    factory: str = "beam_ner",
    nested: bool = False,
) -> Language:
    """A blank Arabic pipeline with `beam_ner` trained on `docs` (gold in `doc.ents`),
    and with `nested` a `spancat` too (every entity span in `doc.spans["sc"]`); `factory`
    "ner" trains spaCy's greedy one instead (no scores: the bench's yardstick)."""
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    if epochs < 1:
        raise ValidationError(f"--epochs must be 1 or more, not {epochs}")
    fix_random_seed(seed)
    nlp = spacy.blank("ar", vocab=vocab)
    config: dict = {"incorrect_spans_key": NEGATIVE_KEY}
    if factory == "beam_ner":
        config["beam_width"] = BEAM_WIDTH
    nlp.add_pipe(factory, name=PIPE, config=config)
    if nested:
        suggester = {"@misc": "spacy.ngram_suggester.v1", "sizes": list(range(1, NGRAMS + 1))}
        nlp.add_pipe(
            "spancat", name=NESTED_PIPE, config={"spans_key": SPANS_KEY, "suggester": suggester}
        )
    examples = [
        Example(
            Doc(vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]), doc
        )
        for doc in docs
    ]
    optimizer = nlp.initialize(lambda: examples)
    shuffle = random.Random(seed)
    for epoch in range(epochs):
        shuffle.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=BATCH_SIZE):
            if cancelled is not None and cancelled():
                raise Cancelled("training cancelled; no model was written")
            nlp.update(batch, sgd=optimizer, drop=DROPOUT, losses=losses)
        if progress is not None:
            progress(epoch + 1, epochs, float(losses.get(PIPE, 0.0)))
    return nlp


def evaluate(
    nlp: Language,
    examples: LayerExamples,
    picks: Sequence[int],
    threshold: float,
    nested: bool = True,
) -> Scores:
    """Exact-span scores of what the model suggests at `threshold` on the chosen
    examples' texts (read on our tokens, as the recipe reads a document), against every
    entity span; without `nested`, of its outermost suggestions against the outermost
    entities."""
    predicted = set()
    for pick in picks:
        spans = suggest_spans(nlp, examples.docs[pick].text, threshold, "", examples.words)
        predicted.update(
            (pick, span.start, span.end, span.label)
            for span in spans
            if nested or not any(inside(span, other) for other in spans)
        )
    return span_scores(gold_entities(examples, list(picks), nested), predicted)


def train(
    store: Store,
    layer: str,
    out_dir: Path,
    epochs: int = DEFAULT_EPOCHS,
    seed: int = 0,
    progress: TrainProgress | None = None,
    cancelled: IsCancelled | None = None,
    held_out: float = HELD_OUT,
) -> TrainReport:
    """Train on `layer` (an annotator's name, or "gold") and write the model to
    `out_dir` whole, replacing an earlier model there; scored on the held-out documents
    at the default threshold. Cancelling or failing leaves `out_dir` as it was."""
    import spacy

    check_target(out_dir)
    began = time.perf_counter()
    vocab = spacy.blank("ar").vocab
    split = split_examples(store, layer, vocab, seed, held_out)
    train_docs = [split.examples.docs[pick] for pick in split.train]
    nested = split.examples.nested > 0
    nlp = fit(vocab, train_docs, epochs, seed, progress, cancelled, nested=nested)
    scores = (
        evaluate(nlp, split.examples, split.held_out, DEFAULT_THRESHOLD) if split.held_out else None
    )
    info = ModelInfo(
        layer=layer,
        labels=list(nlp.get_pipe(PIPE).labels),
        spacy_version=spacy.__version__,
        trained_at=datetime.now(UTC).isoformat(timespec="seconds"),
        documents=len(split.train),
        spans=split.spans(split.train),
        epochs=epochs,
        seed=seed,
        held_out_documents=len(split.held_out),
        held_out_spans=split.spans(split.held_out),
        held_out_f1=round(scores.micro.f1, 4) if scores else None,
        held_out_precision=round(scores.micro.precision, 4) if scores else None,
        held_out_recall=round(scores.micro.recall, 4) if scores else None,
        nested=nested,
        rejected=sum(
            len(split.examples.docs[pick].spans.get(NEGATIVE_KEY, [])) for pick in split.train
        ),
    )
    if cancelled is not None and cancelled():
        raise Cancelled("training cancelled; no model was written")
    write_model(nlp, info, out_dir)
    return TrainReport(info, out_dir, scores, split.examples.nested, time.perf_counter() - began)


def train_curve(
    store: Store,
    layer: str,
    epochs: int = DEFAULT_EPOCHS,
    seed: int = 0,
    progress: Callable[[CurvePoint], None] | None = None,
    cancelled: IsCancelled | None = None,
    shares: Sequence[float] = CURVE_SHARES,
) -> list[CurvePoint]:
    """Held-out scores of models trained on growing shares of the training documents
    (the first 25%, 50%… of them in the seeded order), all scored on the same held-out
    documents: does more annotation still help? Nothing is written."""
    import spacy

    vocab = spacy.blank("ar").vocab
    split = split_examples(store, layer, vocab, seed)
    order = list(split.train)
    random.Random(seed + 1).shuffle(order)
    points = []
    for share in shares:
        began = time.perf_counter()
        picks = order[: max(1, round(len(order) * share))]
        docs = [split.examples.docs[p] for p in picks]
        nlp = fit(vocab, docs, epochs, seed, None, cancelled, nested=split.examples.nested > 0)
        scores = evaluate(nlp, split.examples, split.held_out, DEFAULT_THRESHOLD)
        point = CurvePoint(
            share, len(picks), split.spans(picks), scores, time.perf_counter() - began
        )
        points.append(point)
        if progress is not None:
            progress(point)
    return points
