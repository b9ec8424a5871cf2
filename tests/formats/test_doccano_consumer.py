"""doccano itself reads our export: its importer (`data_import`, as its upload page runs
it) stores every entity at the right characters and every relation, in both shapes; and
the files its exporter then writes (JSONL, and a JSON array) come back into a fresh
project with the same annotations.

doccano cannot share our venv (it pins pandas<2, SQLAlchemy<2, chardet<5 and Django 4;
`doccano-transformer` no longer imports with spaCy 3 and reads only doccano 1.0's
`labels`/`annotations` keys), so it runs in a venv of its own, through
`doccano_harness.py`. Make one with:

    python3.11 -m venv /tmp/doccano-venv
    /tmp/doccano-venv/bin/pip install doccano==1.8.4 "marshmallow<4" "numpy<2"

and point DOCCANO_PYTHON at its python (default: /tmp/doccano-venv/bin/python). Without
it these tests are skipped; the files doccano wrote are kept in tests/fixtures/doccano
and read in `test_doccano_read.py` either way.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from annotator.core.store import Store
from tests.formats.doccano_helpers import build, layers, main

DOCCANO_PYTHON = Path(os.environ.get("DOCCANO_PYTHON", "/tmp/doccano-venv/bin/python"))
HARNESS = Path(__file__).with_name("doccano_harness.py")

pytestmark = pytest.mark.skipif(
    not DOCCANO_PYTHON.exists(),
    reason=f"no doccano venv at {DOCCANO_PYTHON} (set DOCCANO_PYTHON; see the docstring)",
)


def _run_doccano(jobs: list[dict[str, Any]], folder: Path) -> list[dict[str, Any]]:
    spec = folder / "jobs.json"
    spec.write_text(json.dumps(jobs), encoding="utf-8")
    done = subprocess.run(
        [str(DOCCANO_PYTHON), str(HARNESS), str(spec)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict[str, Any]:
    """Our project, our two exports, and what doccano made of them."""
    folder = tmp_path_factory.mktemp("doccano")
    db = folder / "source.db"
    with Store.open(db) as store:
        build(store)
        ours = layers(store, attributes=False)
    for shape in ("entities", "label"):
        out = folder / f"{shape}.jsonl"
        assert (
            main("--db", db, "export", "--format", "doccano", "--doccano-shape", shape, "-o", out)
            == 0
        )
    jobs = [
        {"path": str(folder / "entities.jsonl"), "shape": "entities"},
        {"path": str(folder / "label.jsonl"), "shape": "label"},
        {"path": str(folder / "entities.jsonl"), "shape": "entities", "overlapping": False},
    ]
    for n, job in enumerate(jobs):
        job["export_to"] = str(folder / f"doccano-export-{n}")
    results = _run_doccano(jobs, folder)
    return {"ours": ours, "results": results, "folder": folder}


def _as_layers(examples: list[dict[str, Any]], relations: bool = True) -> Counter:
    """doccano's examples in the form of `layers` (the annotator is a metadata key)."""
    found: Counter = Counter()
    for example in examples:
        text = example["text"]
        spans = frozenset((s, e, label, text[s:e], "") for s, e, label in example["spans"])
        links = frozenset(
            (tuple(head), tuple(child), label) for head, child, label in example["relations"]
        )
        found[(example["meta"]["annotator"], text, spans, links if relations else frozenset())] += 1
    return found


def _no_relations(wanted: Counter) -> Counter:
    return Counter({(a, t, s, frozenset()): n for (a, t, s, _r), n in wanted.items()})


def test_doccano_stores_every_entity_at_its_characters_and_every_relation(run):
    result = run["results"][0]
    assert result["errors"] == []
    assert _as_layers(result["examples"]) == run["ours"]
    # our document metadata is doccano's example metadata
    metas = [e["meta"] for e in result["examples"]]
    assert all({"title", "annotator", "status", "sha256"} <= set(m) for m in metas)


def test_doccano_reads_the_label_shape(run):
    result = run["results"][1]
    assert result["errors"] == []
    assert _as_layers(result["examples"]) == _no_relations(run["ours"])


def test_without_allow_overlapping_doccano_drops_nested_spans_as_our_note_says(run):
    result = run["results"][2]
    flat = _as_layers(result["examples"])
    assert flat != run["ours"]
    for (_annotator, _text, spans, _links), _n in flat.items():
        ordered = sorted(spans)
        assert all(a[1] <= b[0] for a, b in pairwise(ordered))


@pytest.mark.parametrize("job", [0, 1])
@pytest.mark.parametrize("kind", ["JSONL", "JSON"])
def test_what_doccano_exports_comes_back(run, tmp_path: Path, capsys, job: int, kind: str):
    exported = Path(run["results"][job]["exported"][kind])
    db = tmp_path / "back.db"
    assert main("--db", db, "import", exported, "--create-labels") == 0
    unit = "records" if kind == "JSON" else "lines"
    assert f"{exported}: 4 {unit} read" in capsys.readouterr().out
    with Store.open(db) as store:
        back = layers(store, attributes=False)
    assert back == (run["ours"] if job == 0 else _no_relations(run["ours"]))
