"""The "model" recipe: entities suggested by the model trained on the project, with
their confidence; only spans at least `threshold` sure (default 0.5) are suggested."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.core.errors import NotFoundError
from annotator.core.model import GOLD_LAYER, Document, Suggested
from annotator.core.store import Store
from annotator.core.suggest.model.folder import default_model_dir, load_model
from annotator.core.suggest.model.predict import suggest_spans
from annotator.core.suggest.model.training import DEFAULT_THRESHOLD
from annotator.core.suggest.threshold import check_threshold


def model_dir(store: Store, annotator_id: int | None) -> Path:
    """The model a recipe uses by default: the annotator's own (`annotator train
    --annotator NAME`), else gold's; NotFoundError saying how to train one."""
    names = [store.annotator(annotator_id).name] if annotator_id is not None else []
    names.append(GOLD_LAYER)
    folders = [default_model_dir(store.path, name) for name in names]
    for folder in folders:
        if folder.is_dir():
            return folder
    raise NotFoundError(
        f"no model trained yet (looked in {', '.join(map(str, folders))}): train one with "
        f"`annotator train --annotator {names[0]}`"
    )


def make(
    store: Store, annotator_id: int | None, options: dict[str, Any]
) -> Callable[[Document], Suggested]:
    """Load the model once (`options["model"]`: its folder, default `model_dir`); the
    function it returns reads only the document (safe in a worker thread)."""
    folder = Path(options["model"]) if options.get("model") else model_dir(store, annotator_id)
    threshold = options.get("threshold")
    threshold = DEFAULT_THRESHOLD if threshold is None else check_threshold(float(threshold))
    nlp, info = load_model(folder)
    note = f"model ({info.layer}):"

    def suggest(document: Document) -> Suggested:
        return Suggested(suggest_spans(nlp, document.text, threshold, note))

    return suggest
