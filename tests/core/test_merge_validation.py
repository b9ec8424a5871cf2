"""A merge checks every span it copies against its text, as the editor would, and refuses
a source with one it would not take: nothing is merged, the message names the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.team.merge import MergeError, merge_projects
from tests.core.test_merge import LAILA, make_project, snapshot

# "قال" with a fatha after its qaf: position 2 sits between the letter and its mark
MARKED = "هذا نصٌّ فيه قَال مرة واحدة.\n"
FATHA = MARKED.index("\u064e")


def _source(tmp_path: Path) -> tuple[Path, int]:
    """Laila's project with a document of harakat and one good span on it; its span id."""
    path = make_project(tmp_path / "laila.db", [(LAILA, 0, 0)])
    with Store.open(path) as store:
        (doc,) = store.documents.add_many([NewDocument(MARKED, "نص مشكول")]).ids
        who = store.annotator_by_name(LAILA).id
        span = store.annotations.add_span(doc, who, "PERSON", FATHA - 1, FATHA + 1)
    return path, span.id


def _break(path: Path, span_id: int, sql: str, args: list) -> None:
    conn = sqlite3.connect(path)  # what a damaged file or another program could leave
    conn.execute(f"UPDATE spans SET {sql} WHERE id = ?", [*args, span_id])
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("sql", "args", "message"),
    [
        ('"end" = ?', [len(MARKED) + 3], "lies outside the text"),
        ('"end" = ?', [FATHA], "falls inside a character"),
        ("start = ?", [FATHA], "falls inside a character"),
        ("label = ?", ["SAID_BY"], "is a relation label"),
        ("start = ?", [FATHA - 1.5], "whole numbers"),
    ],
)
def test_a_span_the_editor_would_refuse_stops_the_merge(tmp_path: Path, sql, args, message):
    source, span_id = _source(tmp_path)
    _break(source, span_id, sql, args)
    with Store.open(tmp_path / "team.db") as team:
        before = snapshot(team)
        with pytest.raises(MergeError, match=rf"laila\.db: .*{message}.*nothing was merged"):
            merge_projects(team, [source])
        assert snapshot(team) == before


def test_spans_at_every_allowed_edge_are_merged(tmp_path: Path):
    """Whole characters, marks included: edges at 0, at the end, around the mark."""
    source, span_id = _source(tmp_path)
    with Store.open(source) as store:
        doc, who = store.db.execute(
            "SELECT document_id, annotator_id FROM spans WHERE id = ?", [span_id]
        ).fetchone()
        for start, end in ((0, 3), (FATHA + 1, len(MARKED)), (0, len(MARKED))):
            store.annotations.add_span(doc, who, "ORG", start, end)
    with Store.open(tmp_path / "team.db") as team:
        report = merge_projects(team, [source])
        assert report.spans_added == 4 + 1 + 3  # Laila's first layer, then the marked text's
        edges = team.db.execute(
            'SELECT start, "end" FROM spans s JOIN documents d ON d.id = s.document_id '
            "WHERE s.label = 'ORG' AND d.text = ?",
            [MARKED],
        )
        assert sorted(edges) == [(0, 3), (0, len(MARKED)), (FATHA + 1, len(MARKED))]
