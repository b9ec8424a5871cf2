"""A project: one SQLite file holding documents, labels, annotators and their annotations.

`Store` is the one door to the data for the CLI, the UI and the tests; its parts
(`documents`, `labels`, `annotations`, `review_decisions`) each keep one table family.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import NotFoundError, ValidationError
from annotator.core.model import GOLD_LAYER, ROLES, Annotator
from annotator.core.resources import default_scheme_path
from annotator.core.store.annotations import Annotations
from annotator.core.store.database import now, open_database, open_read_only
from annotator.core.store.documents import Documents
from annotator.core.store.labels import Labels, load_scheme
from annotator.core.store.notes import Notes
from annotator.core.store.progress import annotator_progress
from annotator.core.store.project_word_counts import ProjectWordCounts
from annotator.core.store.review_decisions import ReviewDecisions
from annotator.core.store.sqlite_lib import Database
from annotator.core.store.suggestions import Suggestions
from annotator.core.text.word_counts import WordCounts


def _check_name(name: str) -> str:
    if not isinstance(name, str):
        raise ValidationError("an annotator name must be text")
    name = name.strip()
    if not name or len(name) > 100 or any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise ValidationError(
            "an annotator name must be 1–100 characters without control characters"
        )
    return name


class Store:
    """An open project database."""

    def __init__(self, db: Database, path: Path, created: bool) -> None:
        self.db = db
        self.path = path
        self.created = created
        self.labels = Labels(db)
        self.documents = Documents(db)
        self.annotations = Annotations(db, self.labels)
        self.review_decisions = ReviewDecisions(db)
        self.suggestions = Suggestions(db)
        self.notes = Notes(db)
        self._word_counts = ProjectWordCounts(self.documents)

    @classmethod
    def open(cls, path: str | Path, scheme: str | Path | None = None) -> Store:
        """Open or create a project; a new one gets the label scheme (default: bundled)."""
        path = Path(path)
        fresh = not path.exists() or path.stat().st_size == 0
        # read the scheme before creating anything: a bad scheme leaves no file behind
        labels = load_scheme(scheme or default_scheme_path()) if fresh else []
        db, created = open_database(path)
        store = cls(db, path, created)
        if created:
            store.labels.install(labels or load_scheme(scheme or default_scheme_path()))
        return store

    @classmethod
    def open_read_only(cls, path: str | Path) -> Store:
        """Open an existing project for reading only (see `database.open_read_only`)."""
        return cls(open_read_only(path), Path(path), created=False)

    def close(self) -> None:
        """Close the connection (every edit is committed already)."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group several operations into one all-or-nothing transaction."""
        with self.db.atomic():
            yield self

    # -- annotators ----------------------------------------------------------------
    def ensure_annotator(self, name: str, role: str = "annotator") -> Annotator:
        """The annotator with this name, created with `role` if new ("gold" is reserved)."""
        name = _check_name(name)
        if name == GOLD_LAYER:
            raise ValidationError(f'"{GOLD_LAYER}" is the adjudicated layer, not a person')
        return self._ensure(name, role)

    def gold_layer_id(self) -> int | None:
        """The gold layer's id, None while nobody has adjudicated (reads only)."""
        row = self.db.execute("SELECT id FROM annotators WHERE name = ?", [GOLD_LAYER]).fetchone()
        return row[0] if row else None

    def gold_layer(self) -> Annotator:
        """The adjudicated layer that reviewers edit (created on first use)."""
        return self._ensure(GOLD_LAYER, "reviewer")

    def layer_and_writer(self, name: str, reviewer: str | None = None) -> tuple[int, int | None]:
        """(layer id, actor id) for annotations credited to `name` (an import): a person's
        own layer, written as its owner (None); or gold, written by `reviewer`, who is made
        a reviewer. Gold without a reviewer is refused by `check_may_edit`."""
        if name != GOLD_LAYER:
            return self.ensure_annotator(name).id, None
        actor = None
        if reviewer is not None:
            self.ensure_annotator(reviewer)
            actor = self.set_role(reviewer, "reviewer").id
        layer = self.gold_layer().id
        self.annotations.check_may_edit(actor, layer)
        return layer, actor

    def set_role(self, name: str, role: str) -> Annotator:
        """Make an existing annotator an annotator or a reviewer."""
        if role not in ROLES:
            raise ValidationError(f"role must be one of {', '.join(ROLES)}")
        annotator = self.annotator_by_name(name)
        with self.db.atomic():
            self.db.execute("UPDATE annotators SET role = ? WHERE id = ?", [role, annotator.id])
        return self.annotator(annotator.id)

    def _ensure(self, name: str, role: str) -> Annotator:
        if role not in ROLES:
            raise ValidationError(f"role must be one of {', '.join(ROLES)}")
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO annotators (name, role, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO NOTHING",
                [name, role, now()],
            )
            return self.annotator_by_name(name)

    def annotator_by_name(self, name: str) -> Annotator:
        """The annotator called `name`; NotFoundError if there is none."""
        row = self.db.execute(
            "SELECT id, name, role FROM annotators WHERE name = ?", [name]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no annotator called {name!r}")
        return Annotator(*row)

    def annotator(self, annotator_id: int) -> Annotator:
        """The annotator with this id; NotFoundError if there is none."""
        row = self.db.execute(
            "SELECT id, name, role FROM annotators WHERE id = ?", [annotator_id]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no annotator with id {annotator_id}")
        return Annotator(*row)

    def annotators(self) -> list[Annotator]:
        """All annotators, by name."""
        return [
            Annotator(*row)
            for row in self.db.execute("SELECT id, name, role FROM annotators ORDER BY name")
        ]

    def word_counts(self, document_id: int | None = None) -> WordCounts:
        """How often each word occurs in the project's texts, `document_id`'s included
        (Ctrl+T judges proclitics by it); see `ProjectWordCounts`."""
        return self._word_counts.current(document_id)

    # -- settings --------------------------------------------------------------------
    def setting(self, key: str, default: str | None = None) -> str | None:
        """A project setting (e.g. the language), or `default`."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a project setting."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    # -- numbers ---------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counts for `annotator stats`: documents, spans per label and per annotator, and
        each annotator's progress (documents done, in progress, skipped, flagged)."""
        per_label = dict(
            self.db.execute("SELECT label, COUNT(*) FROM spans GROUP BY label ORDER BY label")
        )
        per_annotator = dict(
            self.db.execute(
                "SELECT a.name, COUNT(s.id) FROM annotators a LEFT JOIN spans s "
                "ON s.annotator_id = a.id GROUP BY a.id ORDER BY a.name"
            )
        )
        relations = dict(
            self.db.execute("SELECT label, COUNT(*) FROM relations GROUP BY label ORDER BY label")
        )
        done = self.db.execute("SELECT COUNT(*) FROM doc_status WHERE status = 'done'").fetchone()
        people = annotator_progress(self.db)
        return {
            "documents": self.documents.count(),
            "spans": sum(per_label.values()),
            "spans_per_label": per_label,
            "spans_per_annotator": per_annotator,
            "relations_per_label": relations,
            "done_marks": done[0],
            # per annotator: done / in progress / skipped / flagged, comments, spans per label
            "annotators": {
                person.name: {
                    "role": person.role,
                    "done": person.done,
                    "in_progress": person.in_progress,
                    "skipped": person.skipped,
                    "flagged": person.flagged,
                    "comments": person.comments,
                    "spans_per_label": person.spans_per_label,
                }
                for person in people
            },
        }
