"""The recipes that make suggestions, by name, and the one path that runs a recipe over
documents and stores what it suggests (the CLI's `annotator suggest`, the window's
background runs).

A recipe is a factory `make(store, annotator_id, options) -> suggest(document)`: what it
needs from the project (the annotator's tagged names, a model) is read once by `make`;
`suggest` sees only the document, so it may run in a worker thread.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.changes import Changes
from annotator.core.errors import Cancelled, NotFoundError
from annotator.core.model import Document, Suggested
from annotator.core.suggest.threshold import at_least

if TYPE_CHECKING:
    from annotator.core.store import Store

SuggestFn = Callable[[Document], Suggested]


@dataclass(frozen=True)
class Recipe:
    """A recipe's name, what it does (for `--help` and the window), where its factory
    lives ("module:function", loaded on first use) and whether its suggestions depend on
    the annotator (their tagged spans, their model) or on the text alone."""

    name: str
    title: str
    factory: str
    per_annotator: bool

    def make(self, store: Store, annotator_id: int | None, options: dict[str, Any]) -> SuggestFn:
        module, _, function = self.factory.partition(":")
        return getattr(importlib.import_module(module), function)(store, annotator_id, options)


RECIPES: dict[str, Recipe] = {
    recipe.name: recipe
    for recipe in (
        Recipe(
            "quotes",
            "quotations and their speakers, by rules",
            "annotator.core.suggest.quote_recipe:make",
            False,
        ),
        Recipe(
            "propagate",
            "what you tagged, on its other occurrences (folded, through proclitics)",
            "annotator.core.suggest.propagation:make",
            True,
        ),
        Recipe(
            "model",
            "entities from a model trained on the project",
            "annotator.core.suggest.model.recipe:make",
            True,
        ),
    )
}


def get_recipe(name: str) -> Recipe:
    """The recipe of that name, or NotFoundError listing the known ones."""
    try:
        return RECIPES[name]
    except KeyError:
        raise NotFoundError(
            f"no recipe called {name!r}; known recipes: {', '.join(RECIPES)}"
        ) from None


@dataclass
class RunReport:
    """What a run did: documents seen, suggestions made, and what changed."""

    recipe: str
    documents: int = 0
    suggestions: int = 0
    changes: Changes = field(default_factory=Changes)


# (documents done, documents in all) -> keep going?
RunProgress = Callable[[int, int], bool]


def suggest_documents(
    suggest: SuggestFn, documents: Iterable[Document]
) -> Iterator[tuple[int, Suggested]]:
    """Each document's suggestions, lazily (no store access: safe in a worker)."""
    for document in documents:
        yield document.id, suggest(document)


def run_recipe(
    store: Store,
    name: str,
    annotator_id: int | None,
    document_ids: list[int] | None = None,
    options: dict[str, Any] | None = None,
    progress: RunProgress | None = None,
    batch: int = 200,
) -> RunReport:
    """Run a recipe over documents (all when None) and store its suggestions, `batch`
    documents per transaction; a text-only recipe stores them for everyone. An option
    "threshold" keeps only suggestions at least that sure."""
    recipe = get_recipe(name)
    options = dict(options or {})
    suggest = at_least(recipe.make(store, annotator_id, options), options.get("threshold"))
    owner = annotator_id if recipe.per_annotator else None
    ids = store.documents.ids() if document_ids is None else list(document_ids)
    report = RunReport(name)
    for begin in range(0, len(ids), batch):
        chunk = ids[begin : begin + batch]
        made = list(suggest_documents(suggest, store.documents.iter_all(chunk)))
        report.changes = report.changes | store.suggestions.replace_many(name, owner, made)
        report.documents += len(made)
        report.suggestions += sum(len(s.spans) for _, s in made)
        if progress is not None and not progress(report.documents, len(ids)):
            raise Cancelled(f"suggesting stopped after {report.documents} documents")
    return report
