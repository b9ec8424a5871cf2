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
- a document status (new / in progress / done) keeps the newer `updated_at`.

Layers only the target has are never touched. Merging a file again adds nothing; merging
A then B gives the same annotations as B then A unless a layer conflicts.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlite_utils.migrations import Migrations

from annotator.core.errors import AnnotatorError, SchemaError
from annotator.core.model import GOLD_LAYER, ROLES, Label
from annotator.core.store import Store
from annotator.core.store.database import connect_reader, dumps, open_database, read_header
from annotator.core.store.documents import NewDocument, text_hash
from annotator.core.store.schema import check_compatible, pending_migrations
from annotator.core.store.staging import staged_copy

_DOCUMENT_BATCH = 500

SpanKey = tuple[int, int, str]  # (start, end, label): unique within a layer


class MergeError(AnnotatorError):
    """A source cannot be merged (label clash, broken data); the message names the file."""


# -- the report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LayerConflict:
    """One annotator's layer of one document that differs between target and source."""

    source: str
    document_id: int  # in the target
    title: str
    annotator: str
    winner: str  # "source" (the target's layer was replaced) or "target" (kept)
    target_last_edit: str | None
    source_last_edit: str | None
    spans_before: int  # the target's layer before the merge
    spans_after: int  # ... and after it
    source_spans: int
    relations_before: int
    relations_after: int

    def describe(self) -> str:
        """One line for a person."""
        head = f"«{self.title}» (document {self.document_id}), {self.annotator}: "
        if self.winner == "source":
            return (
                head + f"replaced by {self.source}, edited later "
                f"({self.source_last_edit} > {self.target_last_edit}): "
                f"{self.spans_before} → {self.spans_after} spans, "
                f"{self.relations_before} → {self.relations_after} relations"
            )
        why = (
            "same last edit, kept"
            if self.source_last_edit == self.target_last_edit
            else f"kept, edited later here ({self.target_last_edit} ≥ {self.source_last_edit})"
        )
        return (
            head + f"{why}: {self.spans_after} spans stay, "
            f"the {self.source_spans} spans of {self.source} were not merged"
        )


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


@dataclass
class MergeCounts:
    """What a merge (or one source of it) added and changed in the target."""

    documents_added: int = 0
    annotators_added: list[str] = field(default_factory=list)
    labels_added: list[str] = field(default_factory=list)
    spans_added: int = 0
    spans_removed: int = 0  # from target layers replaced by a newer source layer
    relations_added: int = 0
    relations_removed: int = 0
    statuses_updated: int = 0
    layers_added: int = 0  # layers the target did not have
    layers_replaced: list[LayerConflict] = field(default_factory=list)  # the source won
    layers_kept: list[LayerConflict] = field(default_factory=list)  # the target won

    @property
    def conflicts(self) -> list[LayerConflict]:
        """Every layer that differed, whichever side won."""
        return self.layers_replaced + self.layers_kept

    @property
    def changed(self) -> bool:
        """True if the target was changed at all."""
        return bool(
            self.documents_added
            or self.annotators_added
            or self.labels_added
            or self.spans_added
            or self.spans_removed
            or self.relations_added
            or self.relations_removed
            or self.statuses_updated
        )

    def counts_line(self) -> str:
        parts = [
            _count(self.documents_added, "document"),
            _count(len(self.annotators_added), "annotator"),
            _count(len(self.labels_added), "label"),
            _count(self.spans_added, "span"),
            _count(self.relations_added, "relation"),
            _count(self.statuses_updated, "status", "statuses"),
        ]
        line = ", ".join(parts) + " added"
        if self.spans_removed or self.relations_removed:
            line += (
                f"; {_count(self.spans_removed, 'span')}, "
                f"{_count(self.relations_removed, 'relation')} removed with replaced layers"
            )
        return line

    def _absorb(self, other: MergeCounts) -> None:
        self.documents_added += other.documents_added
        self.annotators_added += [
            n for n in other.annotators_added if n not in self.annotators_added
        ]
        self.labels_added += [n for n in other.labels_added if n not in self.labels_added]
        self.spans_added += other.spans_added
        self.spans_removed += other.spans_removed
        self.relations_added += other.relations_added
        self.relations_removed += other.relations_removed
        self.statuses_updated += other.statuses_updated
        self.layers_added += other.layers_added
        self.layers_replaced += other.layers_replaced
        self.layers_kept += other.layers_kept


@dataclass
class SourceReport(MergeCounts):
    """The counts of one source file."""

    path: str = ""


@dataclass
class MergeReport(MergeCounts):
    """Totals of a merge, the counts per source, and every conflict with its outcome."""

    target: str = ""
    sources: list[SourceReport] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        """A few lines for the command line or a dialog."""
        verb = "would merge" if self.dry_run else "merged"
        lines = [f"{verb} {_count(len(self.sources), 'project')} into {self.target}"]
        for source in self.sources:
            lines.append(f"  {source.path}: {source.counts_line()}")
            if source.annotators_added:
                lines.append(f"    new annotators: {', '.join(source.annotators_added)}")
            if source.labels_added:
                lines.append(f"    new labels: {', '.join(source.labels_added)}")
        if len(self.sources) > 1:
            lines.append(f"  total: {self.counts_line()}")
        lines.append(
            f"layers: {self.layers_added} added, {len(self.layers_replaced)} replaced by a "
            f"newer source, {len(self.layers_kept)} kept (newer here)"
        )
        for conflict in self.conflicts:
            lines.append(f"  conflict: {conflict.describe()}")
        if not self.changed:
            lines.append("nothing new: the target already holds all of it")
        elif self.dry_run:
            lines.append("dry run: the target was not changed")
        return "\n".join(lines)


# -- opening a source --------------------------------------------------------------------------


@contextlib.contextmanager
def open_source(path: str | Path) -> Iterator[sqlite3.Connection]:
    """A connection that reads a project file without ever writing to it.

    A file written by a newer version, or that is not a project, raises `SchemaError`
    (naming the file). A project of an older version is copied to a temporary file and
    the copy brought up to date, so that the merge reads the schema it knows.
    """
    path = Path(path)
    conn, missing = _connect_read_only(path)
    try:
        if not missing:
            yield conn
            return
        with tempfile.TemporaryDirectory(prefix="annotator-merge-") as folder:
            copy = Path(folder) / path.name
            upgraded = _upgraded_copy(conn, path, copy)
            conn.close()
            try:
                yield upgraded
            finally:
                upgraded.close()
    finally:
        conn.close()


def _connect_read_only(path: Path) -> tuple[sqlite3.Connection, list[str]]:
    """A read-only connection to a project of ours, and the migrations it still lacks."""
    name = str(path)
    if not path.is_file():
        raise MergeError(f"{name}: no such project file")
    try:
        header = read_header(path, 16)
    except OSError as exc:
        raise MergeError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    if header is not None and header != b"SQLite format 3\x00":
        raise SchemaError(
            f"{name}: not an annotation project (not an SQLite database, empty or damaged)"
        )
    conn = connect_reader(path)
    try:
        check_compatible(conn, name)  # newer version, or an SQLite file of something else
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if Migrations.migrations_table not in tables:
            raise SchemaError(f"{name}: this SQLite file is not an annotation project (empty)")
        missing = pending_migrations(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise SchemaError(f"{name}: cannot read the project database ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    return conn, missing


def _upgraded_copy(conn: sqlite3.Connection, path: Path, copy: Path) -> sqlite3.Connection:
    """Copy an older project (consistently, WAL included) and migrate the copy."""
    try:
        target = sqlite3.connect(copy)
        try:
            conn.backup(target)
        finally:
            target.close()
        db, _created = open_database(copy)
        db.close()
    except (sqlite3.Error, OSError) as exc:
        raise SchemaError(
            f"{path}: this project is of an older version and could not be brought up to "
            f"date for the merge ({exc}); the file was not changed"
        ) from exc
    return sqlite3.connect(copy)


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


def _by_document(*cursors: Iterable[Sequence[Any]]) -> Iterator[tuple[int, list[list[Any]]]]:
    """Walk cursors ordered by document id (their first column) together: for each
    document, its rows of every cursor."""
    streams = [groupby(cursor, key=itemgetter(0)) for cursor in cursors]
    heads = [next(stream, None) for stream in streams]
    while any(head is not None for head in heads):
        doc = min(head[0] for head in heads if head is not None)
        groups: list[list[Any]] = []
        for index, head in enumerate(heads):
            if head is not None and head[0] == doc:
                groups.append(list(head[1]))
                heads[index] = next(streams[index], None)
            else:
                groups.append([])
        yield doc, groups


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
            by_hash = dict(work.db.execute("SELECT sha256, id FROM documents"))
            for path in paths:
                source = _merge_source(work, path, by_hash, shown=target.path)
                report.sources.append(source)
                report._absorb(source)
    return report


def _merge_source(target: Store, path: Path, by_hash: dict[str, int], shown: Path) -> SourceReport:
    counts = SourceReport(path=str(path))
    with open_source(path) as conn:
        try:
            _SourceMerge(target, conn, path, counts, by_hash, shown).run()
        except (SchemaError, MergeError):
            raise
        except AnnotatorError as exc:
            raise MergeError(f"{path}: {exc}; nothing was merged") from exc
        except (sqlite3.Error, ValueError) as exc:
            raise MergeError(
                f"{path}: cannot merge this project ({exc}); nothing was merged"
            ) from exc
    return counts


class _SourceMerge:
    """The merge of one source file into the target (inside the target's transaction)."""

    def __init__(
        self,
        target: Store,
        conn: sqlite3.Connection,
        path: Path,
        counts: SourceReport,
        by_hash: dict[str, int],
        shown: Path,
    ) -> None:
        self.target = target
        self.shown = shown  # the project's own path, for messages
        self.db = target.db.conn
        self.src = conn
        self.path = path
        self.counts = counts
        self.by_hash = by_hash
        self.documents: dict[int, int] = {}  # source id -> target id
        self.new_documents: set[int] = set()  # target ids stored by this source
        self.annotators: dict[int, tuple[int, str]] = {}  # source id -> (target id, name)
        self.kinds: dict[str, str] = {}
        self.relation_rules: dict[str, tuple[list[str] | None, list[str] | None]] = {}

    def run(self) -> None:
        # One read transaction: every query sees the same state of the source, even if
        # its annotator's application is writing to it meanwhile.
        self.src.execute("BEGIN")
        self._labels()
        self._annotators()
        self._documents()
        self._layers()

    # -- labels, annotators, documents -------------------------------------------------------
    def _labels(self) -> None:
        mine = {label.name: label for label in self.target.labels.all()}
        theirs = self.src.execute(
            "SELECT name, kind, colour, shortcut, description, options FROM labels "
            "ORDER BY position, name"
        ).fetchall()
        for name, kind, *_ in theirs:
            if name in mine and mine[name].kind != kind:
                raise MergeError(
                    f"{self.path}: label {name!r} is of kind {kind} there but of kind "
                    f"{mine[name].kind} in {self.shown}; rename it in one of the "
                    "projects (annotator labels edit) and merge again. Nothing was merged."
                )
        used = {
            row[0]
            for row in self.src.execute(
                "SELECT DISTINCT label FROM spans UNION SELECT DISTINCT label FROM relations"
            )
        }
        taken = {label.shortcut for label in mine.values() if label.shortcut}
        for name, kind, colour, shortcut, description, options in theirs:
            if name in mine or name not in used:
                continue
            key = shortcut if shortcut and shortcut not in taken else None
            label = Label(name, kind, colour, key, description or "", 0, json.loads(options))
            mine[name] = self.target.labels.add(label)
            taken.add(key)
            self.counts.labels_added.append(name)
        self.kinds = {name: label.kind for name, label in mine.items()}
        self.relation_rules = {
            name: (label.options.get("head"), label.options.get("child"))
            for name, label in mine.items()
            if label.kind == "relation"
        }

    def _annotators(self) -> None:
        for source_id, name, role in self.src.execute(
            "SELECT id, name, role FROM annotators ORDER BY id"
        ).fetchall():
            known = self.db.execute("SELECT 1 FROM annotators WHERE name = ?", [name]).fetchone()
            if name == GOLD_LAYER:
                person = self.target.gold_layer()
            else:
                person = self.target.ensure_annotator(name, role if role in ROLES else ROLES[0])
            if known is None:
                self.counts.annotators_added.append(person.name)
            self.annotators[source_id] = (person.id, person.name)

    def _documents(self) -> None:
        missing: list[int] = []
        for source_id, sha in self.src.execute("SELECT id, sha256 FROM documents ORDER BY id"):
            found = self.by_hash.get(sha)
            if found is None:
                missing.append(source_id)
            else:
                self.documents[source_id] = found
        for at in range(0, len(missing), _DOCUMENT_BATCH):
            batch = missing[at : at + _DOCUMENT_BATCH]
            rows = self.src.execute(
                "SELECT id, text, title, source, published, meta FROM documents "
                f"WHERE id IN ({','.join('?' * len(batch))}) ORDER BY id",
                batch,
            ).fetchall()
            result = self.target.documents.add_many(
                NewDocument(text, title, source, published, json.loads(meta))
                for _id, text, title, source, published, meta in rows
            )
            self.counts.documents_added += result.added
            for row, target_id in zip(rows, result.ids, strict=True):
                self.documents[row[0]] = target_id
                self.by_hash[text_hash(row[1])] = target_id
                self.new_documents.add(target_id)

    # -- layers ------------------------------------------------------------------------------
    def _layers(self) -> None:
        spans = self.src.execute(
            'SELECT document_id, annotator_id, id, label, start, "end", attributes, '
            "created_at, updated_at FROM spans ORDER BY document_id, annotator_id, id"
        )
        relations = self.src.execute(
            "SELECT document_id, annotator_id, id, head_id, child_id, label, created_at "
            "FROM relations ORDER BY document_id, annotator_id, id"
        )
        statuses = self.src.execute(
            "SELECT document_id, annotator_id, status, updated_at FROM doc_status "
            "ORDER BY document_id, annotator_id"
        )
        for source_doc, (span_rows, rel_rows, status_rows) in _by_document(
            spans, relations, statuses
        ):
            doc = self.documents[source_doc]
            try:
                theirs = _build_layers(span_rows, rel_rows, status_rows)
            except ValueError as exc:
                raise MergeError(f"{self.path}: document {source_doc}: {exc}") from exc
            people = [self.annotators[source_annotator] for source_annotator in theirs]
            mine = (
                {}
                if doc in self.new_documents
                else self._target_layers(doc, [annotator for annotator, _name in people])
            )
            for (annotator, name), layer in zip(people, theirs.values(), strict=True):
                self._merge_layer(doc, annotator, name, layer, mine.get(annotator))

    def _target_layers(self, doc: int, annotators: list[int]) -> dict[int, _Layer]:
        """The target's layers of these annotators on a document."""
        which = f"document_id = ? AND annotator_id IN ({','.join('?' * len(annotators))})"
        args = [doc, *annotators]
        db = self.db
        return _build_layers(
            db.execute(
                'SELECT document_id, annotator_id, id, label, start, "end", attributes, '
                f"created_at, updated_at FROM spans WHERE {which} ORDER BY annotator_id, id",
                args,
            ),
            db.execute(
                "SELECT document_id, annotator_id, id, head_id, child_id, label, created_at "
                f"FROM relations WHERE {which} ORDER BY annotator_id, id",
                args,
            ),
            db.execute(
                f"SELECT document_id, annotator_id, status, updated_at FROM doc_status "
                f"WHERE {which}",
                args,
            ),
        )

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

    def _title(self, doc: int) -> str:
        return self.db.execute("SELECT title FROM documents WHERE id = ?", [doc]).fetchone()[0]

    def _merge_status(self, doc: int, annotator: int, theirs: _Layer, mine: _Layer | None) -> None:
        if theirs.status is None:
            return
        current = mine.status if mine is not None else None
        if current is not None and current[1] >= theirs.status[1]:
            return
        self.db.execute(
            "INSERT INTO doc_status (document_id, annotator_id, status, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator_id) "
            "DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
            [doc, annotator, *theirs.status],
        )
        self.counts.statuses_updated += 1

    def _delete(self, doc: int, annotator: int, layer: _Layer) -> None:
        self.db.execute(
            "DELETE FROM relations WHERE document_id = ? AND annotator_id = ?", [doc, annotator]
        )
        self.db.execute(
            "DELETE FROM spans WHERE document_id = ? AND annotator_id = ?", [doc, annotator]
        )
        self.counts.spans_removed += len(layer.spans)
        self.counts.relations_removed += len(layer.relations)

    def _insert(self, doc: int, annotator: int, name: str, layer: _Layer) -> None:
        """Store a layer's spans and relations (the target has none of this layer)."""
        db = self.db
        try:
            self.target.annotations.check_spans(doc, ((lb, s, e) for s, e, lb in layer.spans))
        except AnnotatorError as exc:
            raise MergeError(
                f"{self.path}: document {doc}, layer of {name}: {exc}; nothing was merged"
            ) from exc
        if layer.spans:
            db.executemany(
                'INSERT INTO spans (document_id, annotator_id, label, start, "end", attributes, '
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (doc, annotator, label, start, end, attributes, created, updated)
                    for (start, end, label), (attributes, created, updated) in layer.spans.items()
                ],
            )
            self.counts.spans_added += len(layer.spans)
        if not layer.relations:
            return
        ids = {
            (start, end, label): span_id
            for span_id, label, start, end in db.execute(
                'SELECT id, label, start, "end" FROM spans WHERE document_id = ? '
                "AND annotator_id = ?",
                [doc, annotator],
            )
        }
        rows = []
        for head, child, label, created in layer.relations:
            self._check_relation(doc, name, head, child, label)
            rows.append((doc, annotator, ids[head], ids[child], label, created))
        db.executemany(
            "INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.counts.relations_added += len(rows)

    def _check_relation(self, doc: int, name: str, head: SpanKey, child: SpanKey, label: str):
        """The target's rules for a relation label (which kinds it links) hold."""
        if label not in self.relation_rules:
            raise MergeError(f"{self.path}: {label!r} is not a relation label in the target")
        for role, allowed, span in zip(
            ("head", "child"), self.relation_rules[label], (head, child), strict=True
        ):
            kind = self.kinds.get(span[2])
            if allowed and kind not in allowed:
                raise MergeError(
                    f"{self.path}: document {doc}, layer of {name}: {label} links a "
                    f"{span[2]} ({kind}) span as its {role}, which the target's scheme does "
                    f"not allow ({' or '.join(allowed)}); nothing was merged"
                )
