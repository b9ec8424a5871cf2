"""A merge works on a snapshot: other writers go on meanwhile, and a layer edited in the
project during the merge is never overwritten by the merge's older view of it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.store import Store
from annotator.core.store.documents import text_hash
from annotator.core.store.listing import document_ids
from annotator.core.store.staging import ConcurrentEditError
from annotator.core.team import merge as merge_module
from annotator.core.team.merge import MergeError, merge_projects
from tests.core.test_merge import EXTRA, LAILA, NEWER, annotate, make_project, set_stamps


def _during_merge(monkeypatch: pytest.MonkeyPatch, action) -> list[str]:
    """Run `action` once, while the merge compares layers (after its reading began)."""
    done: list[str] = []
    real = merge_module._SourceMerge._layers

    def layers(self) -> None:
        if not done:
            action()
            done.append("ran")
        real(self)

    monkeypatch.setattr(merge_module._SourceMerge, "_layers", layers)
    return done


def _writer(db: Path) -> sqlite3.Connection:
    """Another program's connection that gives up after 0.2 s of waiting for the lock."""
    return sqlite3.connect(db, timeout=0.2, isolation_level=None)


def test_other_writers_go_on_while_a_merge_runs(tmp_path: Path, monkeypatch):
    laila = make_project(tmp_path / "laila.db", [(LAILA, 0, 0), (LAILA, 1, 0)])
    team = make_project(tmp_path / "team.db", [("huda", 2, 0)])
    with Store.open(team) as store:
        other = _writer(team)

        def another_program_writes() -> None:
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO settings (key, value) VALUES ('other', 'x')")
            other.execute("COMMIT")

        ran = _during_merge(monkeypatch, another_program_writes)
        report = merge_projects(store, [laila])
        other.close()
        assert ran == ["ran"]
        assert store.setting("other") == "x"  # the other program's commit stands
        assert report.layers_added == 2
        assert store.stats()["spans_per_annotator"] == {LAILA: 8, "huda": 4}


def test_a_layer_edited_during_the_merge_stops_it(tmp_path: Path, monkeypatch):
    laila = make_project(tmp_path / "laila.db", [(LAILA, 0, 0)])
    team = make_project(tmp_path / "team.db", [(LAILA, 0, 1)])
    with Store.open(laila) as source:
        sha = source.db.execute("SELECT sha256 FROM documents WHERE id = 1").fetchone()[0]
    set_stamps(laila, LAILA, sha, NEWER)  # the source's layer wins: the merge replaces it
    with Store.open(team) as store:
        before = store.stats()

        def the_window_tags() -> None:
            with Store.open(team) as window:
                who = window.annotator_by_name(LAILA).id
                doc = window.documents.ids()[0]
                window.annotations.add_span(doc, who, "DATE", 0, 3)

        _during_merge(monkeypatch, the_window_tags)
        with pytest.raises(ConcurrentEditError, match=f"layer of {LAILA}"):
            merge_projects(store, [laila])
        after = store.stats()
    assert after["spans"] == before["spans"] + 1  # the window's tag, and nothing else
    assert after["spans_per_label"]["DATE"] == before["spans_per_label"].get("DATE", 0) + 1


def test_a_dry_run_stores_nothing(tmp_path: Path):
    laila = make_project(tmp_path / "laila.db", [(LAILA, 0, 0)])
    team = make_project(tmp_path / "team.db", [])
    with Store.open(team) as store:
        report = merge_projects(store, [laila], dry_run=True)
        assert report.layers_added == 1
        assert store.stats()["spans"] == 0
        annotate(store, "huda", 1)  # the project works as before
        assert store.stats()["spans"] == 4


def test_a_damaged_sources_out_of_bounds_span_is_refused(tmp_path: Path):
    laila = make_project(tmp_path / "laila.db", [(LAILA, 0, 0)])
    conn = sqlite3.connect(laila)
    conn.execute("UPDATE spans SET start = 0, \"end\" = 999999 WHERE label = 'PERSON'")
    conn.commit()
    conn.close()
    team = make_project(tmp_path / "team.db", [])
    with Store.open(team) as store:
        with pytest.raises(MergeError, match=r"PERSON 0\.\.999999: span 0\.\.999999 lies outside"):
            merge_projects(store, [laila])
        assert store.stats()["spans"] == 0


def test_documents_a_merge_adds_are_found_by_search(tmp_path: Path):
    """The snapshot keeps no search index of its own; the project indexes what it adds."""
    omar = make_project(tmp_path / "omar.db", [("omar", 0, 0)], extra=True)
    team = make_project(tmp_path / "team.db", [])
    with Store.open(team) as store:
        phrase = "لا يوجد إلا عند عمر"
        assert document_ids(store, None, query=phrase) == []
        merge_projects(store, [omar])
        extra = store.documents.id_for_hash(text_hash(EXTRA))
        assert document_ids(store, None, query=phrase) == [extra]
        assert extra in document_ids(store, None, query="بوتين")
