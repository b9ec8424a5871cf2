"""What every writer reads: the layers a filter selects, document by document, with
progress and cancelling for the window's export dialog."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from annotator.core.errors import Cancelled
from annotator.core.layers import DocumentLayers, Layer, LayerFilter
from annotator.core.store import Store
from annotator.core.store.layers import count_layers, iter_document_layers

# (layers done, layers in the project) -> keep going?
ExportProgress = Callable[[int, int], bool]


def document_groups(
    store: Store, layers: LayerFilter, progress: ExportProgress | None = None
) -> Iterator[DocumentLayers]:
    """Each document with its selected layers (and every span of it, for token edges), in
    document order, after checking the filter. `progress` is told after each document;
    when it returns False the export stops with Cancelled (the writer writes nothing)."""
    layers.check(store)
    total = count_layers(store.db) if progress is not None else 0
    done = 0
    for group in iter_document_layers(store.db, layers):
        yield group
        if progress is not None:
            done += len(group.layers)
            if not progress(done, max(total, done)):
                raise Cancelled("export cancelled; no file was written")


def selected_layers(
    store: Store, layers: LayerFilter, progress: ExportProgress | None = None
) -> Iterator[Layer]:
    """The selected layers one by one (see `document_groups`)."""
    for group in document_groups(store, layers, progress):
        yield from group.layers
