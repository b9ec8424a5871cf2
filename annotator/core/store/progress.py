"""Per annotator progress: documents done, in progress, skipped and flagged, and spans per
label (what `annotator stats`, the window's Progress dialog and the report show)."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.model import GOLD_LAYER
from annotator.core.store.sqlite_lib import Database


@dataclass
class AnnotatorProgress:
    """One annotator's work on the project (gold is the reviewers' layer)."""

    name: str
    role: str
    done: int = 0
    in_progress: int = 0
    skipped: int = 0
    flagged: int = 0
    comments: int = 0
    spans_per_label: dict[str, int] = field(default_factory=dict)

    @property
    def spans(self) -> int:
        return sum(self.spans_per_label.values())


def annotator_progress(db: Database, include_gold: bool = True) -> list[AnnotatorProgress]:
    """Every annotator's progress, by name (a few grouped queries over indexes)."""
    people: dict[int, AnnotatorProgress] = {
        who: AnnotatorProgress(name, role)
        for who, name, role in db.execute("SELECT id, name, role FROM annotators ORDER BY name")
        if include_gold or name != GOLD_LAYER
    }
    for who, status, count in db.execute(
        "SELECT annotator_id, status, COUNT(*) FROM doc_status "
        "WHERE status IN ('done', 'in_progress') GROUP BY annotator_id, status"
    ):
        if who in people:
            setattr(people[who], status, count)
    for who, kind, count in db.execute(
        "SELECT annotator_id, kind, COUNT(*) FROM document_flags GROUP BY annotator_id, kind"
    ):
        if who in people:
            setattr(people[who], kind, count)
    for who, count in db.execute("SELECT annotator_id, COUNT(*) FROM comments GROUP BY 1"):
        if who in people:
            people[who].comments = count
    for who, label, count in db.execute(
        "SELECT annotator_id, label, COUNT(*) FROM spans GROUP BY annotator_id, label "
        "ORDER BY annotator_id, label"
    ):
        if who in people:
            people[who].spans_per_label[label] = count
    return list(people.values())
