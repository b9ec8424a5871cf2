"""bratiaa, brat's agreement tool, on our brat export of two annotators' layers gives the
same exact-match span F1 as `annotator agree` on the project: both count a span as
agreed when start, end and label are the same, and sum over the documents both
annotators worked on (bratiaa: the `.ann` names both folders hold)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.formats.registry import get_format
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from tests.formats.brat_helpers import build


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    with Store.open(tmp_path / "p.db") as store:
        build(store, tmp_path)
        get_format("brat").write(store, tmp_path / "out", LayerFilter(), {})
    return tmp_path / "p.db", tmp_path / "out"


def _ours(db: Path, capsys) -> dict:
    assert main(["--db", str(db), "agree", "--json", "-"]) == 0
    return json.loads(capsys.readouterr().out)


def test_bratiaa_and_annotator_agree_give_the_same_exact_f1(project, capsys):
    from bratiaa import compute_f1_agreement

    db, out = project
    theirs = compute_f1_agreement(str(out))
    ours = _ours(db, capsys)
    total, _ = theirs.mean_sd_total()
    ours_total = ours["overall"]["exact_f1"]
    assert 0.5 < ours_total < 1  # the annotators differ: a figure that can disagree
    assert total == pytest.approx(ours_total, abs=1e-12)
    by_label, _ = theirs.mean_sd_per_label()
    theirs_labels = dict(zip(theirs.labels, by_label, strict=True))
    for label, scores in ours["summary"].items():
        assert theirs_labels[label] == pytest.approx(scores["exact_f1"], abs=1e-12), label
    print(f"\nbratiaa mean F1 {total:.6f}; annotator agree exact F1 {ours_total:.6f}")


def test_a_document_only_one_annotator_did_counts_for_neither(project, capsys, tmp_path):
    from bratiaa import compute_f1_agreement

    db, _ = project
    with Store.open(db) as store:
        doc = next(store.documents.iter_all())
        layer, _ = store.layer_and_writer("lina")  # a third annotator, on one document
        store.annotations.add_span(doc.id, layer, "PERSON", 0, 3)
        get_format("brat").write(
            store, tmp_path / "two", LayerFilter.of(annotators=["mona", "sara"]), {}
        )
    theirs = compute_f1_agreement(str(tmp_path / "two"))
    ours = _ours(db, capsys)
    pair = next(p for p in ours["pairs"] if {p["a"], p["b"]} == {"mona", "sara"})
    assert theirs.mean_sd_total()[0] == pytest.approx(pair["overall"]["exact_f1"], abs=1e-12)
