"""`annotator import` of doccano files: files doccano itself wrote (JSONL and JSON arrays,
both shapes), hand-made ones with metadata, the sniffer (which must not claim Label
Studio tasks or our own JSONL), and the array reader streaming in bounded memory."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.formats.doccano import json_array
from annotator.core.formats.doccano.json_array import iter_array
from annotator.core.formats.registry import guess_format
from annotator.core.layers import LayerFilter
from annotator.core.store import Store
from annotator.core.store.layers import iter_layers
from tests.formats.doccano_helpers import FIXTURES, main
from tests.formats.test_every_format import HARD_TEXT

SECOND = "قال الرئيس الروسي فلاديمير بوتين إن موسكو مستعدة للحوار."
# what the fixtures hold: (text, covered text, label) for every span
WANT_SPANS = {
    (HARD_TEXT, "حَمْدَان بن راشد", "PERSON"),
    (HARD_TEXT, "سنبني مدرسة في دبي", "QUOTE"),
    (HARD_TEXT, "دبي", "GPE"),
    (HARD_TEXT, "وزارة خارجية الإمارات", "ORG"),
    (HARD_TEXT, "الإمارات", "GPE"),
    (SECOND, "فلاديمير بوتين", "PERSON"),
    (SECOND, "موسكو", "GPE"),
    (SECOND, "بوتين إن موسكو مستعدة للحوار", "QUOTE"),
}
WANT_RELATIONS = {
    (HARD_TEXT, "سنبني مدرسة في دبي", "حَمْدَان بن راشد", "SAID_BY"),
    (SECOND, "بوتين إن موسكو مستعدة للحوار", "فلاديمير بوتين", "SAID_BY"),
}


def _read_back(db: Path) -> tuple[set, set, set]:
    spans, relations, annotators = set(), set(), set()
    with Store.open(db) as store:
        for layer in iter_layers(store.db, LayerFilter()):
            text = layer.document.text
            annotators.add(layer.annotator)
            by_id = {s.id: text[s.start : s.end] for s in layer.spans}
            spans |= {(text, text[s.start : s.end], s.label) for s in layer.spans}
            relations |= {
                (text, by_id[r.head_id], by_id[r.child_id], r.label) for r in layer.relations
            }
    return spans, relations, annotators


@pytest.mark.parametrize(
    "name",
    [
        "doccano-relations.jsonl",
        "doccano-relations.json",
        "doccano-label.jsonl",
        "doccano-label.json",
    ],
)
def test_files_doccano_wrote_are_told_and_read(tmp_path: Path, capsys, name: str):
    path = FIXTURES / name
    assert guess_format(path).name == "doccano"
    db = tmp_path / "p.db"
    assert main("--db", db, "import", path, "--create-labels", "--annotator", "hala") == 0
    unit = "records" if name.endswith(".json") else "lines"
    assert f"{path}: 2 {unit} read" in capsys.readouterr().out
    spans, relations, annotators = _read_back(db)
    assert spans == WANT_SPANS
    assert relations == (WANT_RELATIONS if "relations" in name else set())
    assert annotators == {"hala"}


def _entity(text: str, word: str, label: str, ident: int) -> dict:
    start = text.index(word)
    return {"id": ident, "label": label, "start_offset": start, "end_offset": start + len(word)}


RECORDS = [
    {
        "id": 9,
        "text": HARD_TEXT,
        "entities": [
            _entity(HARD_TEXT, "حَمْدَان بن راشد", "PERSON", 1),
            _entity(HARD_TEXT, "سنبني مدرسة في دبي", "QUOTE", 2),
        ],
        "relations": [{"id": 1, "from_id": 2, "to_id": 1, "type": "SAID_BY"}],
        "Comments": ["check the quote"],
        "title": "خبر",
        "source": "وام",
        "annotator": "mona",
        "status": "done",
    },
    {"text": SECOND, "label": [[18, 32, "PERSON"]], "desk": "politics"},
]


@pytest.mark.parametrize("layout", ["jsonl", "array", "pretty-array"])
def test_metadata_annotator_and_comments(tmp_path: Path, capsys, layout: str):
    path = tmp_path / ("in.jsonl" if layout == "jsonl" else "in.json")
    if layout == "jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS))
    else:
        indent = 2 if layout == "pretty-array" else None
        path.write_text(json.dumps(RECORDS, ensure_ascii=False, indent=indent))
    db = tmp_path / "p.db"
    assert main("--db", db, "import", path, "--annotator", "sara") == 0
    err = capsys.readouterr().err
    assert f"not imported: {path}: 1 doccano comment(s)" in err
    with Store.open(db) as store:
        docs = {d.text: d for d in store.documents.iter_all()}
        assert (docs[HARD_TEXT].title, docs[HARD_TEXT].source) == ("خبر", "وام")
        assert docs[SECOND].meta == {"desk": "politics"}
        found = {
            (layer.annotator, layer.status, layer.document.text[s.start : s.end])
            for layer in iter_layers(store.db, LayerFilter())
            for s in layer.spans
        }
    assert found == {
        ("mona", "done", "حَمْدَان بن راشد"),
        ("mona", "done", "سنبني مدرسة في دبي"),
        ("sara", "in_progress", "فلاديمير بوتين"),
    }


def test_intent_detection_records_keep_their_spans_and_categories(tmp_path: Path, capsys):
    path = tmp_path / "intent.jsonl"
    record = {"id": 1, "text": SECOND, "cats": ["politics"], "entities": [[18, 32, "PERSON"]]}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "p.db"
    assert main("--db", db, "import", path) == 0
    with Store.open(db) as store:
        (doc,) = store.documents.iter_all()
        assert doc.meta == {"cats": ["politics"]}
        (layer,) = iter_layers(store.db, LayerFilter())
        assert [SECOND[s.start : s.end] for s in layer.spans] == ["فلاديمير بوتين"]


@pytest.mark.parametrize(
    ("content", "claimed"),
    [
        ('{"text": "a", "entities": []}\n', True),
        ('{"text": "a", "label": [[0, 1, "X"]]}\n', True),
        ('[{"text": "a", "label": []}]', True),
        ('[\n  {\n    "text": "a",\n    "entities": [{"id": 1, "start_offset": 0}]}]', True),
        ('{"text": "a", "cats": ["news"], "entities": [[0, 1, "X"]]}\n', True),
        # a Label Studio export, our own JSONL, doccano text classification, plain JSON
        ('[{"data": {"text": "a"}, "annotations": []}]', False),
        ('{"text": "a", "spans": [], "label": []}\n', False),
        ('{"text": "a", "label": ["POSITIVE"]}\n', False),
        ('{"text": "a"}\n', False),
        ("[1, 2]", False),
        ("[" * 5000, False),
    ],
)
def test_the_sniffer_claims_doccano_records_only(tmp_path: Path, content: str, claimed: bool):
    path = tmp_path / "f.json"
    path.write_text(content, encoding="utf-8")
    from annotator.core.formats.doccano.reader import sniff_doccano

    assert sniff_doccano(path) is claimed


def test_an_array_is_read_in_small_chunks_with_the_lines_records_start_on(tmp_path, monkeypatch):
    values = [{"text": f"نص {n} 😀", "label": [[0, 2, "PERSON"]], "n": n} for n in range(40)]
    path = tmp_path / "a.json"
    text = json.dumps(values, ensure_ascii=False, indent=1)
    path.write_text(text, encoding="utf-8")
    starts = [i + 1 for i, line in enumerate(text.split("\n")) if line == " {"]
    monkeypatch.setattr(json_array, "CHUNK", 7)  # cuts inside characters and records
    got = list(iter_array(path))
    assert [e.value for e in got] == values
    assert [e.line for e in got] == starts
    assert [e.number for e in got] == list(range(1, 41))


def test_an_array_is_streamed_in_bounded_memory(tmp_path: Path):
    record = {"text": "قال بوتين إن موسكو مستعدة للحوار. " * 40, "label": [[4, 9, "PERSON"]]}
    line = json.dumps(record, ensure_ascii=False)
    path = tmp_path / "big.json"
    count = 8000
    with path.open("w", encoding="utf-8") as out:
        out.write("[" + ",\n".join([line] * count) + "]")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        seen = sum(1 for _ in iter_array(path))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == count
    assert size > 15_000_000
    # a few chunks (1 MB each) and one record, whatever the size of the file (7.7 MB seen)
    assert peak < 12 * json_array.CHUNK, f"peak {peak / 1e6:.1f} MB, file {size / 1e6:.1f} MB"


_RECORD = st.fixed_dictionaries(
    {"text": st.text(min_size=1), "label": st.lists(st.tuples(st.integers(0, 9), st.text()))}
)


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(_RECORD, max_size=6),
    chunk=st.integers(1, 40),
    indent=st.sampled_from([None, 0, 2]),
)
def test_streaming_an_array_gives_what_loading_it_whole_gives(values, chunk, indent):
    import tempfile

    values = json.loads(json.dumps(values))  # tuples as lists, as JSON has them
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.json"
        path.write_text(json.dumps(values, ensure_ascii=False, indent=indent), encoding="utf-8")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(json_array, "CHUNK", chunk)
            assert [e.value for e in iter_array(path)] == values
