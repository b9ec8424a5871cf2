"""`export --format hf`, read back by `datasets.load_dataset`: the splits, `ner_tags` as a
ClassLabel with our tag names, tokens and tags aligned with the text, a split by whole
documents that the seed changes, and a card whose counts and agreement match the data."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")  # a local folder: never the network

import datasets

from annotator.cli.main import main
from annotator.core.formats.hf_dataset.split import SPLITS, split_sizes
from annotator.core.layers import LayerFilter
from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.layers import iter_layers
from annotator.core.team.agreement import compute_agreement

from .test_spacy_docbin import ENTITY_LABELS, HARD_TEXT, _outer, build_project


def _export(db: Path, out: Path, *options: str) -> int:
    return main(["--db", str(db), "export", "--format", "hf", "-o", str(out), *options])


def _load(folder: Path, tmp_path: Path) -> datasets.DatasetDict:
    return datasets.load_dataset(str(folder), cache_dir=str(tmp_path / "hf-cache"))


def _rows(dataset: datasets.DatasetDict) -> list[tuple[str, dict[str, Any]]]:
    return [(split, row) for split in dataset for row in dataset[split]]


def _expected_tags(row: dict[str, Any], spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * len(row["tokens"])
    for start, end, label in _outer(spans, ENTITY_LABELS):
        inside = [
            i
            for i, (s, e) in enumerate(zip(row["token_starts"], row["token_ends"], strict=True))
            if start <= s and e <= end
        ]
        for n, i in enumerate(inside):
            tags[i] = f"{'I' if n else 'B'}-{label}"
    return tags


def test_load_dataset_reads_splits_class_labels_and_aligned_tags(seeded: Store, tmp_path: Path):
    hard = build_project(seeded)
    out = tmp_path / "dataset"
    assert _export(seeded.path, out) == 0
    dataset = _load(out, tmp_path)
    assert list(dataset) == list(SPLITS)
    names = [label.name for label in seeded.labels.all() if label.kind == "entity"]
    tag_names = ["O", *(f"{e}-{n}" for n in names for e in "BI")]
    feature = dataset["train"].features["ner_tags"].feature
    assert isinstance(feature, datasets.ClassLabel) and feature.names == tag_names
    layers = {(la.document.id, la.annotator): la for la in iter_layers(seeded.db, LayerFilter())}
    seen = set()
    for _split, row in _rows(dataset):
        layer = layers[row["document_id"], row["annotator"]]
        seen.add((row["document_id"], row["annotator"]))
        text = row["text"]
        assert text == layer.document.text
        assert len(row["tokens"]) == len(row["ner_tags"]) == len(row["token_starts"])
        for token, start, end in zip(
            row["tokens"], row["token_starts"], row["token_ends"], strict=True
        ):
            assert token == text[start:end] and not token.isspace()
        assert "".join(row["tokens"]) == "".join(text.split())  # every character but spaces
        spans = [(s["start"], s["end"], s["label"]) for s in row["spans"]]
        assert sorted(spans) == sorted((s.start, s.end, s.label) for s in layer.spans)
        assert all(s["text"] == text[s["start"] : s["end"]] for s in row["spans"])
        assert [feature.int2str(t) for t in row["ner_tags"]] == _expected_tags(row, spans)
        links = [(spans[r["head"]], spans[r["child"]], r["label"]) for r in row["relations"]]
        by_id = {s.id: (s.start, s.end, s.label) for s in layer.spans}
        assert links == [(by_id[r.head_id], by_id[r.child_id], r.label) for r in layer.relations]
    assert seen == set(layers)
    hard_rows = [row for _, row in _rows(dataset) if row["document_id"] == hard]
    assert len(hard_rows) == 2 and hard_rows[0]["text"] == HARD_TEXT
    tagged = [
        (tok, feature.int2str(tag))
        for tok, tag in zip(hard_rows[0]["tokens"], hard_rows[0]["ner_tags"], strict=True)
        if tag
    ]
    assert tagged == [
        ("حَمْدَان", "B-PERSON"), ("بن", "I-PERSON"), ("راشد", "I-PERSON"), ("دبي", "B-GPE"),
        ("وزارة", "B-ORG"), ("خارجية", "I-ORG"), ("الإمارات", "I-ORG"), ("موسكو", "B-GPE"),
    ]  # fmt: skip
    assert hard_rows[0]["tokens"][0] == "😀"


def _split_of(folder: Path, tmp_path: Path) -> dict[int, str]:
    dataset = _load(folder, tmp_path)
    split_of: dict[int, set[str]] = {}
    for split, row in _rows(dataset):
        split_of.setdefault(row["document_id"], set()).add(split)
    assert all(len(splits) == 1 for splits in split_of.values()), split_of
    return {doc: splits.pop() for doc, splits in split_of.items()}


def test_split_is_by_whole_document_and_follows_the_seed(seeded: Store, tmp_path: Path):
    build_project(seeded)
    splits = {}
    for seed in range(4):
        assert _export(seeded.path, tmp_path / f"s{seed}", "--seed", str(seed)) == 0
        splits[seed] = _split_of(tmp_path / f"s{seed}", tmp_path)
        sizes = [list(splits[seed].values()).count(name) for name in SPLITS]
        assert sizes == [4, 1, 1]  # six documents at 0.8, 0.1, 0.1
    assert len({tuple(sorted(s.items())) for s in splits.values()}) > 1
    assert _export(seeded.path, tmp_path / "again", "--seed", "2") == 0
    assert _split_of(tmp_path / "again", tmp_path) == splits[2]
    assert _export(seeded.path, tmp_path / "half", "--split", "0.5,0.5,0") == 0
    halves = _split_of(tmp_path / "half", tmp_path)
    assert sorted(halves.values()) == ["train"] * 3 + ["validation"] * 3
    assert not (tmp_path / "half" / "test.jsonl").exists()


def _table(card: str, heading: str) -> dict[str, list[str]]:
    section = card.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("|")]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows[2:]}


def test_card_counts_annotators_and_agreement_match_the_data(seeded: Store, tmp_path: Path):
    build_project(seeded)
    out = tmp_path / "dataset"
    assert _export(seeded.path, out) == 0
    card = (out / "README.md").read_text(encoding="utf-8")
    dataset = _load(out, tmp_path)
    feature = dataset["train"].features["ner_tags"].feature
    labels = _table(card, "Labels")
    for column, split in enumerate(SPLITS):
        mentions = {}
        for row in dataset[split]:
            for tag in row["ner_tags"]:
                name = feature.int2str(tag)
                if name.startswith("B-"):
                    mentions[name[2:]] = mentions.get(name[2:], 0) + 1
        for label in ENTITY_LABELS:
            assert labels[label][column] == str(mentions.get(label, 0)), (label, split)
    every = sum(len(row["spans"]) for _, row in _rows(dataset))
    assert sum(int(cells[-1]) for cells in labels.values()) == every
    assert _table(card, "Annotators") == {"a": ["6"], "b": ["6"]}
    assert "unknown — set by the project owner" in card
    docs = sorted({row["document_id"] for _, row in _rows(dataset)})
    names = [label.name for label in seeded.labels.all() if label.kind == "entity"]
    expected = compute_agreement(seeded, ["a", "b"], names, docs).overall
    overall = _table(card, "Agreement")["all labels"]
    assert overall[0] == f"{expected.exact_f1:.3f}" and expected.exact_f1 < 1
    assert overall[3] == f"{expected.alpha:.3f}"

    alone = tmp_path / "alone"
    assert _export(seeded.path, alone, "--annotator", "a") == 0
    card = (alone / "README.md").read_text(encoding="utf-8")
    assert "None: no document was annotated by two or more annotators" in card


def test_label_names_are_data_in_yaml_and_markdown(store: Store, tmp_path: Path):
    from annotator.core.store.documents import NewDocument

    odd = 'A"B\\|C: *x* <b>'
    store.labels.add(Label(name=odd, kind="entity", colour="#cfe2f3"))
    text = "زار الوفد موسكو"
    doc = store.documents.add_many([NewDocument(text, "t")]).ids[0]
    store.annotations.add_span(doc, store.ensure_annotator("a").id, odd, 10, 15)
    out = tmp_path / "odd"
    assert _export(store.path, out, "--ents-labels", f"{odd},GPE") == 0
    dataset = _load(out, tmp_path)
    names = dataset["train"].features["ner_tags"].feature.names
    assert names == ["O", "B-GPE", "I-GPE", f"B-{odd}", f"I-{odd}"]  # scheme order
    assert dataset["train"][0]["ner_tags"] == [0, 0, 3]
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "<b>" not in card.split("---", 2)[2]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--split", "0.5,0.5"], "give three shares"),
        (["--split", "a,b,c"], "give three shares"),
        (["--split", "0.8,0.1,-0.1"], "give three shares"),
        (["--split", "0.8,0.3,0.1"], "add up to 1.2, not 1"),
        (["--ents-labels", "NOPE"], "no label called 'NOPE'"),
        (["--done-only"], "no layer to export"),
        (["--spans-key", "x"], "--spans-key applies to spacy, not hf"),
    ],
)
def test_bad_options_fail_in_one_line_and_make_no_folder(
    seeded: Store, tmp_path: Path, capsys, options: list[str], message: str
):
    build_project(seeded)
    out = tmp_path / "dataset"
    assert _export(seeded.path, out, *options) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert not list(tmp_path.glob("dataset*"))


def test_an_occupied_target_is_left_alone(seeded: Store, tmp_path: Path, capsys):
    build_project(seeded)
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("mine", encoding="utf-8")
    assert _export(seeded.path, full) == 1
    assert "folder is not empty" in capsys.readouterr().err
    assert [p.name for p in full.iterdir()] == ["keep.txt"]
    assert _export(seeded.path, full / "keep.txt") == 1
    assert "is a file" in capsys.readouterr().err
    assert _export(seeded.path, Path("-")) == 1
    assert "give -o PATH" in capsys.readouterr().err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_split_sizes_share_every_document_and_fill_every_asked_split():
    for ratios in ((0.8, 0.1, 0.1), (0.5, 0.5, 0.0), (1.0, 0.0, 0.0), (0.34, 0.33, 0.33)):
        wanted = sum(1 for r in ratios if r > 0)
        for count in range(40):
            sizes = split_sizes(count, ratios)
            assert sum(sizes) == count and min(sizes) >= 0
            assert all(s == 0 for s, r in zip(sizes, ratios, strict=True) if r == 0)
            if count >= wanted:
                assert all(s > 0 for s, r in zip(sizes, ratios, strict=True) if r > 0)
            for s, r in zip(sizes, ratios, strict=True):
                assert abs(s - count * r) < 1 + (count >= wanted), (count, ratios, sizes)
    assert split_sizes(10, (0.8, 0.1, 0.1)) == [8, 1, 1]
    assert split_sizes(6, (0.8, 0.1, 0.1)) == [4, 1, 1]


def test_card_yaml_is_what_datasets_reads(seeded: Store, tmp_path: Path):
    """The card's header parsed by the Hub's own reader gives the features we declare."""
    from huggingface_hub import DatasetCard

    build_project(seeded)
    out = tmp_path / "dataset"
    assert _export(seeded.path, out, "--ents-labels", "PERSON") == 0
    data = DatasetCard.load(out / "README.md").data.to_dict()
    features = datasets.Features._from_yaml_list(data["dataset_info"]["features"])
    assert features["ner_tags"].feature.names == ["O", "B-PERSON", "I-PERSON"]
    assert data["license"] == "unknown"
    files = {c["split"]: c["path"] for c in data["configs"][0]["data_files"]}
    assert files == {name: f"{name}.jsonl" for name in SPLITS}
    assert re.search(r"^unknown — set by the project owner$", out.joinpath("README.md").read_text(
        encoding="utf-8"), re.M)  # fmt: skip


def test_an_entity_over_whitespace_only_is_said_not_tagged(store: Store, tmp_path: Path, capsys):
    from annotator.core.store.documents import NewDocument

    text = "قال بوتين\n\nإن روسيا"
    doc = store.documents.add_many([NewDocument(text, "t")]).ids[0]
    layer = store.ensure_annotator("a").id
    store.annotations.add_span(doc, layer, "ORG", 9, 10)  # the first line break only
    store.annotations.add_span(doc, layer, "GPE", 14, 19)
    out = tmp_path / "spaces"
    assert _export(store.path, out) == 0
    err = capsys.readouterr().err
    assert "note: 1 span of PERSON, ORG, GPE, LOC, DATE, EVENT not in ner_tags: they hold" in err
    (row,) = _load(out, tmp_path)["train"]
    assert row["tokens"] == ["قال", "بوتين", "إن", "روسيا"]
    assert row["ner_tags"] == [0, 0, 0, 5]  # B-GPE; the ORG has no token
    assert [s["text"] for s in row["spans"]] == ["\n", "روسيا"]
