"""`annotator train`: train the project's model on one annotator's layer (or gold) and
write it as a spaCy pipeline folder; `--curve` prints the held-out F1 at 25/50/75/100% of
the training documents instead. spaCy is imported only when the command runs."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from annotator.cli.output import echo

if TYPE_CHECKING:
    from annotator.core.store import Store
    from annotator.core.suggest.model.scores import Score


def register(commands) -> dict:
    """Add `train` to the parser; returns its handler."""
    train = commands.add_parser(
        "train",
        help="train a model on an annotator's layer (or gold) for the model recipe",
        description="Train a spaCy pipeline (blank Arabic + beam_ner, and a spancat for "
        "the spans inside others when the layer nests them) on the entity spans of one "
        "layer (quotes, claims and speakers left out), and on its rejected suggestions as "
        "wrong. A fifth of the documents (at least one) is held out to score it. The folder "
        "(default: <project>.models/<layer>/ beside the project file) is written whole or "
        "not at all, replacing an earlier model there; `spacy.load()` opens it and "
        "`annotator suggest model` uses it.",
    )
    whose = train.add_mutually_exclusive_group()
    whose.add_argument(
        "--annotator",
        metavar="NAME",
        help="train on this annotator's layer (default: the project's only annotator)",
    )
    whose.add_argument("--gold", action="store_true", help="train on the gold (reviewed) layer")
    train.add_argument("-o", "--output", metavar="DIR", help="the model folder to write")
    train.add_argument(
        "--epochs", type=int, default=None, metavar="N", help="passes over the data (default 20)"
    )
    train.add_argument(
        "--seed", type=int, default=0, metavar="N", help="random seed: the same seed, data "
        "and machine give the same model (default 0)"
    )  # fmt: skip
    train.add_argument(
        "--curve",
        action="store_true",
        help="print the held-out F1 of models trained on 25/50/75/100%% of the training "
        "documents (like Prodigy's train-curve); writes no model",
    )
    return {"train": run_train}


def _say(args: argparse.Namespace, text: str) -> None:
    """A line at once (the window shows the latest line while the model trains)."""
    echo(args, text)
    sys.stdout.flush()


def _layer(store: Store, args: argparse.Namespace) -> str:
    """The layer to train on: --gold, --annotator NAME, else the only annotator."""
    from annotator.core.errors import NotFoundError, ValidationError
    from annotator.core.model import GOLD_LAYER

    if args.gold:
        if store.gold_layer_id() is None:
            raise NotFoundError("no gold layer yet: review the annotations first")
        return GOLD_LAYER
    if args.annotator is not None:
        return store.annotator_by_name(args.annotator).name
    people = [
        a.name
        for a in store.annotators()
        if a.name != GOLD_LAYER and not a.name.startswith("suggest:")
    ]
    if len(people) == 1:
        return people[0]
    which = ", ".join(people) if people else "none yet"
    raise ValidationError(
        f"train on whose layer? name it with --annotator NAME or --gold (annotators: {which})"
    )


def _figures(score: Score) -> str:
    return f"F1 {score.f1:.3f} (precision {score.precision:.3f}, recall {score.recall:.3f})"


def run_train(args: argparse.Namespace, store: Store) -> None:
    from annotator.core.errors import Cancelled
    from annotator.core.suggest.model.training import DEFAULT_EPOCHS

    layer = _layer(store, args)
    epochs = DEFAULT_EPOCHS if args.epochs is None else args.epochs
    try:
        if args.curve:
            _curve(args, store, layer, epochs)
        else:
            _train(args, store, layer, epochs)
    except KeyboardInterrupt:
        raise Cancelled("training cancelled; no model was written") from None


def _train(args: argparse.Namespace, store: Store, layer: str, epochs: int) -> None:
    from pathlib import Path

    from annotator.core.suggest.model.folder import default_model_dir
    from annotator.core.suggest.model.training import train

    out_dir = Path(args.output) if args.output else default_model_dir(store.path, layer)
    _say(args, f"training on {layer}'s layer, {epochs} epochs…")

    def progress(done: int, total: int, loss: float) -> None:
        _say(args, f"epoch {done}/{total}: loss {loss:.1f}")

    report = train(store, layer, out_dir, epochs, args.seed, progress)
    info = report.info
    if info.rejected:
        _say(args, f"{_count(info.rejected, 'rejected suggestion')} learnt from as wrong")
    if report.nested:
        _say(
            args,
            f"{_count(report.nested, 'nested span')} inside others: learnt by the span "
            "categorizer beside the entity recognizer",
        )
    scored = ""
    if report.held_out is not None:
        _say(args, "held-out scores per label, exact spans at threshold 0.5:")
        for label, score in report.held_out.per_label.items():
            _say(args, f"  {label:<10} {_figures(score)} on {_count(score.gold, 'span')}")
        scored = (
            f"; held-out {_figures(report.held_out.micro)} on "
            f"{_count(info.held_out_documents, 'document')}"
        )
    # the last line is what the window shows when training ends
    _say(
        args,
        f"model written to {report.out_dir}: {_count(info.spans, 'span')} of "
        f"{_count(len(info.labels), 'label')} from {_count(info.documents, 'document')} "
        f"in {report.seconds:.0f} s{scored}",
    )


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _curve(args: argparse.Namespace, store: Store, layer: str, epochs: int) -> None:
    from annotator.core.suggest.model.training import CurvePoint, train_curve

    _say(args, f"learning curve on {layer}'s layer, {epochs} epochs per model")
    _say(args, f"{'share':>6} {'docs':>5} {'spans':>6} {'F1':>6} {'prec':>6} {'recall':>6}")
    last: list[float] = []

    def progress(point: CurvePoint) -> None:
        micro = point.scores.micro
        change = f"  {micro.f1 - last[-1]:+.3f}" if last else ""
        last.append(micro.f1)
        _say(
            args,
            f"{point.share:>6.0%} {point.documents:>5} {point.spans:>6} {micro.f1:>6.3f} "
            f"{micro.precision:>6.3f} {micro.recall:>6.3f}{change}",
        )

    points = train_curve(store, layer, epochs, args.seed, progress)
    held = points[-1].scores.micro.gold if points else 0
    _say(args, f"held-out F1 on the same {held} spans, exact spans at threshold 0.5")


run_train.reads_only = True  # opens the project read-only: training writes only its folder
