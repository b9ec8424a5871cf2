"""Reading layers: the one place that gathers spans, relations and status per document
and annotator. Streams in document order, a chunk of documents per query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter

from annotator.core.layers import DocumentLayers, Layer, LayerFilter
from annotator.core.model import Relation, Span
from annotator.core.store.annotations import _REL_COLS, _SPAN_COLS, _relation, _span
from annotator.core.store.documents import DOCUMENT_COLUMNS, document_from_row
from annotator.core.store.sqlite_lib import Database

_CHUNK = 100  # documents per query
# Read from the spans' unique index alone, without their table rows.
_BARE_SPAN_COLS = 'id, document_id, annotator_id, label, start, "end"'

# A layer exists where an annotator has spans or a status row on a document.
_LAYER_KEYS = (
    "SELECT document_id, annotator_id FROM spans UNION "
    "SELECT document_id, annotator_id FROM doc_status"
)


def count_layers(db: Database) -> int:
    """How many (document, annotator) layers the project holds (an export's total)."""
    return db.execute(f"SELECT COUNT(*) FROM ({_LAYER_KEYS})").fetchone()[0]


def working_annotator_ids(db: Database) -> set[int]:
    """The annotators (gold included) with at least one layer."""
    return {row[0] for row in db.execute(f"SELECT annotator_id FROM ({_LAYER_KEYS})")}


def layer_names(db: Database, document_id: int, leave_out: str) -> list[str]:
    """Names of the annotators with a layer on a document (spans or a status mark), by
    name, all but `leave_out` (the gold layer, for review)."""
    rows = db.execute(
        "SELECT DISTINCT a.name FROM annotators a WHERE a.name != ? AND a.id IN ("
        "SELECT annotator_id FROM spans WHERE document_id = ? UNION "
        "SELECT annotator_id FROM doc_status WHERE document_id = ?) ORDER BY a.name",
        [leave_out, document_id, document_id],
    )
    return [row[0] for row in rows]


def iter_document_layers(
    db: Database,
    layer_filter: LayerFilter,
    documents: Iterable[int] | None = None,
    *,
    details: bool = True,
) -> Iterator[DocumentLayers]:
    """Per document (in id order) the layers `layer_filter` selects, each with the
    filtered spans and the relations between them; documents without such a layer are
    left out. `documents` narrows the documents read; `details=False` leaves out the
    spans' attributes and timestamps (a quicker read, for comparing layers). The filter
    is not checked here (see `LayerFilter.check`)."""
    people = dict(db.execute("SELECT id, name FROM annotators"))
    if layer_filter.annotators is not None:
        wanted_names = set(layer_filter.annotators)
        people = {key: name for key, name in people.items() if name in wanted_names}
    only = set(documents) if documents is not None else None
    chunk: dict[int, list[int]] = {}
    keys = db.execute(_LAYER_KEYS + " ORDER BY 1, 2")
    for doc_id, group in groupby(keys, key=itemgetter(0)):
        if only is not None and doc_id not in only:
            continue
        who = [annotator_id for _, annotator_id in group if annotator_id in people]
        if who:
            chunk[doc_id] = who
        if len(chunk) >= _CHUNK:
            yield from _read_chunk(db, chunk, people, layer_filter, details)
            chunk = {}
    if chunk:
        yield from _read_chunk(db, chunk, people, layer_filter, details)


def _bare_span(row: tuple) -> Span:
    return Span(*row)


def _rows_by_document(db: Database, sql: str, ids: list[int]) -> dict[int, list[tuple]]:
    grouped: defaultdict[int, list[tuple]] = defaultdict(list)
    for row in db.execute(sql.format(marks=",".join("?" * len(ids))), ids):
        grouped[row[1]].append(row)
    return grouped


def _read_chunk(
    db: Database,
    chunk: dict[int, list[int]],
    people: dict[int, str],
    layer_filter: LayerFilter,
    details: bool,
) -> Iterator[DocumentLayers]:
    ids = list(chunk)
    marks = ",".join("?" * len(ids))
    statuses = {
        (doc, who): status
        for doc, who, status in db.execute(
            f"SELECT document_id, annotator_id, status FROM doc_status "
            f"WHERE document_id IN ({marks})",
            ids,
        )
    }
    if layer_filter.done_only:
        chunk = {
            doc: kept
            for doc, who in chunk.items()
            if (kept := [a for a in who if statuses.get((doc, a)) == "done"])
        }
        ids = list(chunk)
        if not ids:
            return
        marks = ",".join("?" * len(ids))
    documents = {
        row[0]: document_from_row(row)
        for row in db.execute(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id IN ({marks})", ids
        )
    }
    span_rows = _rows_by_document(
        db,
        f"SELECT {_SPAN_COLS if details else _BARE_SPAN_COLS} FROM spans "
        'WHERE document_id IN ({marks}) ORDER BY document_id, start, "end" DESC, id',
        ids,
    )
    relation_rows = _rows_by_document(
        db,
        f"SELECT {_REL_COLS} FROM relations WHERE document_id IN ({{marks}}) "
        "ORDER BY document_id, id",
        ids,
    )
    for doc_id, who in chunk.items():
        document = documents[doc_id]
        make = _span if details else _bare_span
        every_span = [make(row) for row in span_rows.get(doc_id, ())]
        layers = {
            annotator_id: Layer(
                document,
                annotator_id,
                people[annotator_id],
                statuses.get((doc_id, annotator_id), "new"),
            )
            for annotator_id in who
        }
        for span in every_span:
            layer = layers.get(span.annotator_id)
            if layer is not None and layer_filter.keeps_label(span.label):
                layer.spans.append(span)
        _add_relations(layers, [_relation(row) for row in relation_rows.get(doc_id, ())])
        yield DocumentLayers(document, list(layers.values()), every_span)


def _add_relations(layers: dict[int, Layer], relations: list[Relation]) -> None:
    """Give each layer the relations whose two spans it kept."""
    kept: dict[int, set[int]] = {}
    for rel in relations:
        layer = layers.get(rel.annotator_id)
        if layer is None:
            continue
        if rel.annotator_id not in kept:
            kept[rel.annotator_id] = {span.id for span in layer.spans}
        span_ids = kept[rel.annotator_id]
        if rel.head_id in span_ids and rel.child_id in span_ids:
            layer.relations.append(rel)


def iter_layers(db: Database, layer_filter: LayerFilter) -> Iterator[Layer]:
    """The layers `layer_filter` selects, one at a time, in document then annotator
    order."""
    for group in iter_document_layers(db, layer_filter):
        yield from group.layers


# -- plain rows, for measures over many layers -------------------------------------------


def layer_span_rows(
    db: Database, annotator_ids: list[int]
) -> Iterator[tuple[int, int, list[tuple[int, int, int, str]]]]:
    """Per layer of these annotators, in document then annotator order: (document,
    annotator, [(span id, start, end, label)…]). Plain tuples read from one index, for
    agreement, which compares hundreds of thousands of spans."""
    marks = ",".join("?" * len(annotator_ids))
    cursor = db.execute(
        f'SELECT document_id, annotator_id, id, start, "end", label FROM spans '
        f"WHERE annotator_id IN ({marks}) ORDER BY document_id, annotator_id",
        annotator_ids,
    )
    for (doc, who), group in groupby(cursor, key=itemgetter(0, 1)):
        yield doc, who, [row[2:] for row in group]


def layer_relation_rows(
    db: Database, annotator_ids: list[int]
) -> Iterator[tuple[int, int, int, int, str]]:
    """(document, annotator, head id, child id, label) of these annotators' relations."""
    marks = ",".join("?" * len(annotator_ids))
    yield from db.execute(
        f"SELECT document_id, annotator_id, head_id, child_id, label FROM relations "
        f"WHERE annotator_id IN ({marks})",
        annotator_ids,
    )


def layer_status_keys(db: Database, annotator_ids: list[int]) -> Iterator[tuple[int, int]]:
    """(document, annotator) of these annotators' status rows (a status alone makes a
    layer)."""
    marks = ",".join("?" * len(annotator_ids))
    yield from db.execute(
        f"SELECT document_id, annotator_id FROM doc_status WHERE annotator_id IN ({marks})",
        annotator_ids,
    )
