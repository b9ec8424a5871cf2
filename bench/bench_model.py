"""Recipe "a model trained on the project" (issue 10): the Wojood sample's `val.txt`
imported as one annotator (`import-conll --map-wojood --create-labels`, as the README
shows), a model trained on all of it, scored on `test.txt` imported as another.

  scores     exact-span matching (same start, end and label) of what the model suggests
             at the default threshold 0.5 (outer spans by `beam_ner`, nested ones by
             `spancat`) against every entity span of the test layer, nested ones too;
             and of its outermost suggestions against the outermost spans: micro
             P / R / F1, and F1 per label
  threshold  the same at thresholds 0.1 … 0.9: what the user's setting buys
  confidence of everything suggested at threshold 0, per confidence band, the share
             that is right (is a 0.9 right more often than a 0.4?)
  curve      F1 on test.txt of models trained on 25/50/75/100% of val.txt's documents
  time       training time, min / median / max of the rounds (default 3, seeds 0, 1, 2),
             each round ours (beam_ner + spancat, with confidences) then spaCy's greedy
             `ner` alone on the same data (the yardstick: what confidences and nested
             spans cost in time, and what they bring)

The data is read from ../shared/data/wojood-sample only (never copied into the repo).

    .venv/bin/python bench/bench_model.py [--quick] [--rounds N] [--epochs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import _data
from summary import summary_line

from annotator.cli.main import main as cli
from annotator.core.store import Store
from annotator.core.suggest.model.examples import (
    LayerExamples,
    gold_entities,
    read_examples,
    text_doc,
)
from annotator.core.suggest.model.predict import suggest_spans
from annotator.core.suggest.model.scores import Scores, span_scores
from annotator.core.suggest.model.training import DEFAULT_EPOCHS, evaluate, fit

WOJOOD = _data.ROOT.parent / "shared" / "data" / "wojood-sample"
MAIN_LABELS = ("PERSON", "ORG", "GPE", "LOC", "DATE", "EVENT", "NORP", "OCC")
TRAIN_TARGET_S = 60  # a retrain in the background should take about a minute at most
THRESHOLDS = (0.1, 0.3, 0.5, 0.7, 0.9)
CURVE = (0.25, 0.5, 0.75, 1.0)
BANDS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.0))


def import_wojood(db: Path) -> None:
    """Each split as its own annotator, every document of it marked done: the corpus is
    annotated throughout, so a document without an entity says "none here" and counts
    (in training and in scoring)."""
    for split in ("val", "test"):
        with Store.open(db) as store:
            before = set(store.documents.ids())
        argv = ["--db", str(db), "import-conll", str(WOJOOD / f"{split}.txt")]
        if cli([*argv, "--annotator", split, "--map-wojood", "--create-labels"]) != 0:
            raise SystemExit(f"could not import {WOJOOD / split}.txt")
        with Store.open(db) as store:
            who = store.annotator_by_name(split).id
            for doc_id in set(store.documents.ids()) - before:
                store.annotations.set_status(doc_id, who, "done")


def greedy_scores(nlp, test: LayerExamples, nested: bool) -> Scores:
    """The greedy `ner`'s own entities (it has no confidences) on the test texts, against
    the outermost gold spans or (`nested`) every one."""
    ner = nlp.get_pipe("ner")
    predicted = {
        (n, ent.start_char, ent.end_char, ent.label_)
        for n, doc in enumerate(test.docs)
        for ent in ner(text_doc(nlp.vocab, doc.text, test.words)).ents
    }
    return span_scores(gold_entities(test, list(range(len(test.docs))), nested), predicted)


def calibration(nlp, test: LayerExamples) -> list[tuple[float, float, int, int]]:
    """(low, high, right, made) per confidence band of everything suggested at 0."""
    gold = gold_entities(test, list(range(len(test.docs))), nested=True)
    bands = [[low, high, 0, 0] for low, high in BANDS]
    for n, doc in enumerate(test.docs):
        for span in suggest_spans(nlp, doc.text, 0.0, "", test.words):
            band = next(b for b in bands if span.confidence < b[1] or b[1] == 1.0)
            band[3] += 1
            band[2] += (n, span.start, span.end, span.label) in gold
    return [(low, high, right, made) for low, high, right, made in bands]


def line(name: str, scores: Scores) -> str:
    m = scores.micro
    return f"{name:<28} P {m.precision:.3f}  R {m.recall:.3f}  F1 {m.f1:.3f}"


def spread(values: list[float]) -> str:
    return f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f}"


def run(rounds: int, epochs: int, curve: bool) -> None:
    import spacy

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "wojood.db"
        import_wojood(db)
        store = Store.open(db)
        vocab = spacy.blank("ar").vocab
        train = read_examples(store, "val", vocab)
        test = read_examples(store, "test", vocab)
        every = list(range(len(test.docs)))
        print(
            f"\ntrain: val.txt, {len(train.docs)} documents, {train.spans} outermost entity "
            f"spans and {train.nested} nested in them; test: test.txt, {len(test.docs)} "
            f"documents, {test.spans} outermost and {test.nested} nested; {epochs} epochs"
        )
        ours_s, greedy_s, ours_f1, greedy_f1, ours_outer, greedy_outer = [], [], [], [], [], []
        best = None
        for seed in range(rounds):
            began = time.perf_counter()
            nlp = fit(vocab, train.docs, epochs, seed, nested=True)
            ours_s.append(time.perf_counter() - began)
            scores = evaluate(nlp, test, every, 0.5)
            outer = evaluate(nlp, test, every, 0.5, nested=False)
            ours_f1.append(scores.micro.f1)
            ours_outer.append(outer.micro.f1)
            print(f"round {seed}: {line('ours, every span', scores)}  {ours_s[-1]:.1f} s")
            print(f"round {seed}: {line('ours, outermost', outer)}")
            if seed == 0:
                best = (nlp, scores)
            began = time.perf_counter()
            greedy = fit(vocab, train.docs, epochs, seed, factory="ner")
            greedy_s.append(time.perf_counter() - began)
            g = greedy_scores(greedy, test, nested=True)
            g_outer = greedy_scores(greedy, test, nested=False)
            greedy_f1.append(g.micro.f1)
            greedy_outer.append(g_outer.micro.f1)
            print(f"round {seed}: {line('greedy ner, every span', g)}  {greedy_s[-1]:.1f} s")
            print(f"round {seed}: {line('greedy ner, outermost', g_outer)}")
        assert best is not None
        nlp, scores = best
        print(f"\ntraining time, min / median / max of {rounds}:")
        print(f"  ours (beam_ner + spancat)  {spread(ours_s)} s")
        print(f"  greedy ner                 {spread(greedy_s)} s")
        print("micro F1 %, min / median / max:")
        print(f"  every span: ours {spread([f * 100 for f in ours_f1])}, "
              f"greedy ner {spread([f * 100 for f in greedy_f1])}")  # fmt: skip
        print(f"  outermost:  ours {spread([f * 100 for f in ours_outer])}, "
              f"greedy ner {spread([f * 100 for f in greedy_outer])}")  # fmt: skip
        print("\nper label (seed 0, threshold 0.5, every span):  F1  P  R  test spans")
        for label in sorted(scores.per_label, key=lambda k: -scores.per_label[k].gold):
            s = scores.per_label[label]
            star = "*" if label in MAIN_LABELS else " "
            print(f"  {star}{label:<10} {s.f1:>22.3f} {s.precision:.3f} {s.recall:.3f} {s.gold:>6}")
        print("\nthreshold (seed 0): what a higher setting buys")
        for threshold in THRESHOLDS:
            print("  " + line(f"at {threshold:.1f}", evaluate(nlp, test, every, threshold)))
        print("\nconfidence (seed 0): of the suggestions in each band, the share that is right")
        for low, high, right, made in calibration(nlp, test):
            share = f"{right / made:.0%}" if made else "-"
            print(f"  {low:.1f} to {high:.1f}  {made:>5} suggestions  {share:>4} right")
        if curve:
            print("\nlearning curve (seed 0): share of val.txt's documents -> F1 on test.txt")
            for share in CURVE:
                picks = train.docs[: max(1, round(len(train.docs) * share))]
                part = fit(vocab, picks, epochs, 0, nested=True)
                s = evaluate(part, test, every, 0.5)
                spans = sum(len(doc.spans["sc"]) for doc in picks)
                m = s.micro
                print(
                    f"  {share:>4.0%}  {len(picks):>3} docs {spans:>4} spans   "
                    f"P {m.precision:.3f}  R {m.recall:.3f}  F1 {m.f1:.3f}"
                )
        store.close()
    median_f1 = statistics.median(ours_f1)
    median_greedy = statistics.median(greedy_f1)
    print(summary_line(
        "model_wojood_f1", f"{median_f1:.3f}", f">=greedy_ner({median_greedy:.3f})",
        median_f1 >= median_greedy,
    ))  # fmt: skip
    median_s = statistics.median(ours_s)
    print(summary_line(
        "model_wojood_train", f"{median_s:.1f}s", f"<={TRAIN_TARGET_S}s", median_s <= TRAIN_TARGET_S
    ))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one round, 5 epochs, no curve")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS)
    args = parser.parse_args()
    if not (WOJOOD / "val.txt").is_file():
        print(f"the Wojood sample is not at {WOJOOD}; nothing measured")
        sys.exit(1)
    if args.quick:
        run(1, 5, curve=False)
    else:
        run(args.rounds, args.epochs, curve=True)


if __name__ == "__main__":
    main()
