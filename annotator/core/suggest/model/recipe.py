"""The "model" recipe: entities suggested by the model trained on the project, with
their confidence; only spans at least `threshold` sure (default 0.5) are suggested."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import NotFoundError
from annotator.core.model import GOLD_LAYER, Document, Suggested
from annotator.core.store import Store
from annotator.core.suggest.model.folder import MARKER, ModelInfo, default_model_dir, load_model
from annotator.core.suggest.model.predict import suggest_spans
from annotator.core.suggest.model.training import DEFAULT_THRESHOLD
from annotator.core.suggest.threshold import check_threshold

if TYPE_CHECKING:
    from spacy.language import Language

# Loaded models by folder and marker (a retrained model has a new marker): the window
# makes the recipe each time a document opens, and loading takes a few tenths of a second.
_LOADED: OrderedDict[tuple[str, int, int], tuple[Language, ModelInfo]] = OrderedDict()
_LOADED_MAX = 2
_LOADING = threading.Lock()


def cached_model(folder: Path) -> tuple[Language, ModelInfo]:
    """`load_model(folder)`, kept while its marker file is unchanged."""
    try:
        stat = (folder / MARKER).stat()
        key = (str(folder.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return load_model(folder)  # refused there, with its one line
    with _LOADING:
        if key not in _LOADED:
            _LOADED[key] = load_model(folder)
            while len(_LOADED) > _LOADED_MAX:
                _LOADED.popitem(last=False)
        _LOADED.move_to_end(key)
        return _LOADED[key]


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
    nlp, info = cached_model(folder)
    note = f"model ({info.layer}):"
    words = store.word_counts()  # proclitics are cut off as in training

    def suggest(document: Document) -> Suggested:
        return Suggested(suggest_spans(nlp, document.text, threshold, note, words))

    return suggest
