"""Bringing annotators' work together: merge their project files into one (the reviewer's).

Each annotator labels on their own desktop in their own project file; a reviewer merges
those files into a team project. The sources are only read: a read-only connection, or
for a project of an older version a temporary copy brought up to date. A file written by
a newer version, or not a project at all, is refused with `SchemaError`. The whole merge
is one transaction on the target: any error leaves it as it was.

What is matched and how:

- documents by the hash of their text (the `sha256` column); a new one is stored through
  `Documents.add_many`, so hashing and the search column are computed in one place;
- annotators by name, created with the source's role when missing ("gold", the
  adjudicated layer, is merged like any other layer of that name);
- labels by name: one the source uses and the target lacks is added (its shortcut only if
  that key is free in the target); a label defined in both with different kinds stops the
  merge with an error naming the label;
- a layer (one annotator's spans, relations and status on one document) is copied when
  the target lacks it. When both have it and its spans (start, end, label, attributes)
  or relations differ, the layer edited last wins, whole: its last edit is the newest of
  its spans' `updated_at`, its relations' `created_at` and its status' `updated_at`
  (timestamps are copied as they are, so they keep meaning across merges). A deletion
  leaves no timestamp, so a layer that only lost spans cannot look newer; on a tie the
  target's layer stays. Every such conflict is listed in the report;
- a document status (new / in progress / done) keeps the newer `updated_at`;
- skips, flags and comments are added, never removed: a comment unless the same one is
  there, a skip or flag when newer than the annotator's own (`store.notes_transfer`);
- rejected suggestions are added when the target lacks that annotator's rejection of
  that label at those offsets (`store.rejections_transfer`).

Layers only the target has are never touched. Merging a file again adds nothing; merging
A then B gives the same annotations as B then A unless a layer conflicts.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, MergeError, SchemaError
from annotator.core.model import GOLD_LAYER, ROLES
from annotator.core.store import Store
from annotator.core.store.database import SQLiteError, dumps
from annotator.core.store.documents import text_hash
from annotator.core.store.layer_writes import LayerWriter, SpanKey, delete_layer, put_status
from annotator.core.store.merge_source import (
    SourceProject,
    open_source,
    target_layer_rows,
)
from annotator.core.store.notes_transfer import add_note_rows
from annotator.core.store.rejections_transfer import add_rejection_rows
from annotator.core.store.staging import staged_copy
from annotator.core.team.merge_report import LayerConflict, MergeReport, SourceReport

__all__ = ["MergeError", "MergeReport", "merge_projects"]

_DOCUMENT_BATCH = 500


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


# -- layers ------------------------------------------------------------------------------------


def _canonical(attributes: str) -> str:
    """Attributes JSON in the stored form (sorted keys), so equal objects compare equal."""
    return attributes if attributes == "{}" else dumps(json.loads(attributes))


class _Layer:
    """One annotator's spans, relations and status on one document."""

    __slots__ = ("relations", "spans", "status")

    def __init__(self) -> None:
        # (start, end, label) -> (attributes, created_at, updated_at), in creation order
        self.spans: dict[SpanKey, tuple[str, str, str]] = {}
        # (head key, child key, label, created_at)
        self.relations: list[tuple[SpanKey, SpanKey, str, str]] = []
        self.status: tuple[str, str] | None = None  # (status, updated_at)

    def content(self) -> tuple[frozenset, frozenset]:
        return (
            frozenset((key, value[0]) for key, value in self.spans.items()),
            frozenset(rel[:3] for rel in self.relations),
        )

    def last_edit(self) -> str | None:
        stamps = [value[2] for value in self.spans.values()]
        stamps += [rel[3] for rel in self.relations]
        if self.status is not None:
            stamps.append(self.status[1])
        return max(stamps, default=None)

    def is_empty(self) -> bool:
        return not self.spans and not self.relations and self.status is None


def _build_layers(
    spans: Iterable[Sequence[Any]],
    relations: Iterable[Sequence[Any]],
    statuses: Iterable[Sequence[Any]],
) -> dict[int, _Layer]:
    """Layers of one document by annotator id, from rows of that document:
    spans (document, annotator, id, label, start, end, attributes, created_at, updated_at),
    relations (document, annotator, id, head_id, child_id, label, created_at),
    statuses (document, annotator, status, updated_at)."""
    layers: dict[int, _Layer] = {}
    keys: dict[int, tuple[int, SpanKey]] = {}
    for _doc, annotator, span_id, label, start, end, attributes, created, updated in spans:
        key = (start, end, label)
        keys[span_id] = (annotator, key)
        layer = layers.get(annotator) or layers.setdefault(annotator, _Layer())
        layer.spans[key] = (_canonical(attributes), created, updated)
    for _doc, annotator, rel_id, head, child, label, created in relations:
        ends = keys.get(head), keys.get(child)
        if ends[0] is None or ends[1] is None or annotator != ends[0][0] or annotator != ends[1][0]:
            raise ValueError(f"relation {rel_id} links spans outside its layer")
        layers.setdefault(annotator, _Layer()).relations.append(
            (ends[0][1], ends[1][1], label, created)
        )
    for _doc, annotator, status, updated in statuses:
        layers.setdefault(annotator, _Layer()).status = (status, updated)
    return layers


# -- merging -----------------------------------------------------------------------------------


def merge_projects(
    target: Store, sources: Iterable[str | Path], *, dry_run: bool = False
) -> MergeReport:
    """Merge project files into `target`, all or nothing; see the module docstring.

    The merge runs on a snapshot of the target (`staging.staged_copy`), so other windows
    and commands keep writing meanwhile; the layers it changed are stored in one short
    transaction at the end. With `dry_run`, everything is done and reported, nothing
    stored.
    """
    paths = [Path(p) for p in sources]
    report = MergeReport(target=str(target.path), dry_run=dry_run)
    for path in paths:
        if _same_file(path, target.path):
            raise MergeError(f"{path}: this is the target project itself")
    with staged_copy(target, keep=not dry_run) as stage:
        work = stage.store
        with work.transaction():
            by_hash = work.documents.ids_by_hash()
            for path in paths:
                source = _merge_source(work, path, by_hash, shown=target.path)
                report.sources.append(source)
                report._absorb(source)
    return report


def _merge_source(target: Store, path: Path, by_hash: dict[str, int], shown: Path) -> SourceReport:
    counts = SourceReport(path=str(path))
    with open_source(path) as source:
        try:
            _SourceMerge(target, source, path, counts, by_hash, shown).run()
        except (SchemaError, MergeError):
            raise
        except AnnotatorError as exc:
            raise MergeError(f"{path}: {exc}; nothing was merged") from exc
        except (SQLiteError, ValueError) as exc:
            raise MergeError(
                f"{path}: cannot merge this project ({exc}); nothing was merged"
            ) from exc
    return counts


class _SourceMerge:
    """The merge of one source file into the target (inside the target's transaction)."""

    def __init__(
        self,
        target: Store,
        source: SourceProject,
        path: Path,
        counts: SourceReport,
        by_hash: dict[str, int],
        shown: Path,
    ) -> None:
        self.target = target
        self.shown = shown  # the project's own path, for messages
        self.db = target.db
        self.src = source
        self.path = path
        self.counts = counts
        self.by_hash = by_hash
        self.documents: dict[int, int] = {}  # source id -> target id
        self.new_documents: set[int] = set()  # target ids stored by this source
        self.annotators: dict[int, tuple[int, str]] = {}  # source id -> (target id, name)

    def run(self) -> None:
        # One read transaction: every query sees the same state of the source, even if
        # its annotator's application is writing to it meanwhile.
        self.src.begin()
        self._labels()
        self._annotators()
        self._documents()
        self._layers()
        self._notes()
        self._rejections()

    # -- labels, annotators, documents -------------------------------------------------------
    def _labels(self) -> None:
        mine = {label.name: label for label in self.target.labels.all()}
        theirs = self.src.labels()
        for label in theirs:
            if label.name in mine and mine[label.name].kind != label.kind:
                raise MergeError(
                    f"{self.path}: label {label.name!r} is of kind {label.kind} there but of "
                    f"kind {mine[label.name].kind} in {self.shown}; rename it in one of the "
                    "projects (annotator labels edit) and merge again. Nothing was merged."
                )
        used = self.src.used_labels()
        taken = {label.shortcut for label in mine.values() if label.shortcut}
        for label in theirs:
            if label.name in mine or label.name not in used:
                continue
            key = label.shortcut if label.shortcut and label.shortcut not in taken else None
            mine[label.name] = self.target.labels.add(replace(label, shortcut=key))
            taken.add(key)
            self.counts.labels_added.append(label.name)

    def _annotators(self) -> None:
        known = {annotator.name for annotator in self.target.annotators()}
        for theirs in self.src.annotators():
            if theirs.name == GOLD_LAYER:
                person = self.target.gold_layer()
            else:
                role = theirs.role if theirs.role in ROLES else ROLES[0]
                person = self.target.ensure_annotator(theirs.name, role)
            if person.name not in known:
                known.add(person.name)
                self.counts.annotators_added.append(person.name)
            self.annotators[theirs.id] = (person.id, person.name)

    def _documents(self) -> None:
        missing: list[int] = []
        for source_id, sha in self.src.document_hashes():
            found = self.by_hash.get(sha)
            if found is None:
                missing.append(source_id)
            else:
                self.documents[source_id] = found
        for at in range(0, len(missing), _DOCUMENT_BATCH):
            rows = self.src.documents(missing[at : at + _DOCUMENT_BATCH])
            result = self.target.documents.add_many(document for _id, document in rows)
            self.counts.documents_added += result.added
            for (source_id, document), target_id in zip(rows, result.ids, strict=True):
                self.documents[source_id] = target_id
                self.by_hash[text_hash(document.text)] = target_id
                self.new_documents.add(target_id)

    # -- layers ------------------------------------------------------------------------------
    def _layers(self) -> None:
        self.writer = LayerWriter(self.db)  # after _labels: it reads the label scheme
        for source_doc, (span_rows, rel_rows, status_rows) in self.src.layer_rows():
            doc = self.documents[source_doc]
            try:
                theirs = _build_layers(span_rows, rel_rows, status_rows)
            except ValueError as exc:
                raise MergeError(f"{self.path}: document {source_doc}: {exc}") from exc
            people = [self.annotators[source_annotator] for source_annotator in theirs]
            mine = (
                {}
                if doc in self.new_documents
                else _build_layers(
                    *target_layer_rows(self.db, doc, [annotator for annotator, _name in people])
                )
            )
            for (annotator, name), layer in zip(people, theirs.values(), strict=True):
                self._merge_layer(doc, annotator, name, layer, mine.get(annotator))

    def _merge_layer(
        self, doc: int, annotator: int, name: str, theirs: _Layer, mine: _Layer | None
    ) -> None:
        if mine is None or mine.is_empty():
            self._insert(doc, annotator, name, theirs)
            self.counts.layers_added += 1
        elif mine.content() != theirs.content():
            mine_edit, their_edit = mine.last_edit(), theirs.last_edit()
            source_wins = their_edit is not None and (mine_edit is None or their_edit > mine_edit)
            if source_wins:
                self._delete(doc, annotator, mine)
                self._insert(doc, annotator, name, theirs)
            after = theirs if source_wins else mine
            conflict = LayerConflict(
                source=str(self.path),
                document_id=doc,
                title=self._title(doc),
                annotator=name,
                winner="source" if source_wins else "target",
                target_last_edit=mine_edit,
                source_last_edit=their_edit,
                spans_before=len(mine.spans),
                spans_after=len(after.spans),
                source_spans=len(theirs.spans),
                relations_before=len(mine.relations),
                relations_after=len(after.relations),
            )
            (self.counts.layers_replaced if source_wins else self.counts.layers_kept).append(
                conflict
            )
        self._merge_status(doc, annotator, theirs, mine)

    def _notes(self) -> None:
        """Skips, flags and comments: added, never replacing any (notes_transfer)."""
        people = {source: target for source, (target, _name) in self.annotators.items()}
        rows = self.src.note_rows()
        self.counts.notes_added += add_note_rows(self.db, rows, self.documents, people)

    def _rejections(self) -> None:
        """Rejected suggestions: added when the target lacks them (rejections_transfer)."""
        people = {source: target for source, (target, _name) in self.annotators.items()}
        rows = self.src.rejection_rows()
        self.counts.rejections_added += add_rejection_rows(self.db, rows, self.documents, people)

    def _title(self, doc: int) -> str:
        return self.target.documents.field([doc], "title")[doc]

    def _merge_status(self, doc: int, annotator: int, theirs: _Layer, mine: _Layer | None) -> None:
        if theirs.status is None:
            return
        current = mine.status if mine is not None else None
        if current is not None and current[1] >= theirs.status[1]:
            return
        put_status(self.db, doc, annotator, *theirs.status)
        self.counts.statuses_updated += 1

    def _delete(self, doc: int, annotator: int, layer: _Layer) -> None:
        delete_layer(self.db, doc, annotator)
        self.counts.spans_removed += len(layer.spans)
        self.counts.relations_removed += len(layer.relations)

    def _insert(self, doc: int, annotator: int, name: str, layer: _Layer) -> None:
        """Store a layer's spans and relations (the target has none of this layer)."""
        try:
            self.writer.insert(doc, annotator, layer.spans, layer.relations)
        except AnnotatorError as exc:
            raise MergeError(
                f"{self.path}: document {doc}, layer of {name}: {exc}; nothing was merged"
            ) from exc
        self.counts.spans_added += len(layer.spans)
        self.counts.relations_added += len(layer.relations)
