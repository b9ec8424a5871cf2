"""A merge carries annotators' rejected suggestions into the team project: added when
missing (mapped to the target's documents and annotators), never doubled on a re-merge."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Suggested, SuggestedSpan
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.team.merge import merge_projects

TEXTS = ("قال بوتين إن روسيا ستواصل.", "زار ماكرون فرنسا، ثم بكين.", "نص للمراجع وحده.")
REJECTED = {TEXTS[0]: "روسيا", TEXTS[1]: "فرنسا", TEXTS[2]: "وحده"}


def _annotator_project(path: Path, who: str, texts: tuple[str, ...]) -> Path:
    """A project holding `texts` in this order, where `who` rejected one GPE per text."""
    with Store.open(path) as store:
        docs = store.documents.add_many([NewDocument(t, t[:6]) for t in texts]).ids
        me = store.ensure_annotator(who).id
        for doc, text in zip(docs, texts, strict=True):
            word = REJECTED[text]
            start = text.index(word)
            made = Suggested([SuggestedSpan("GPE", start, start + len(word))])
            store.suggestions.replace(doc, "quotes", None, made)
            store.suggestions.reject(store.suggestions.for_layer(doc, me)[0], me)
    return path


def test_rejections_are_merged_once_with_the_targets_ids(tmp_path: Path):
    # the target holds the texts in another order, and a third one first: ids differ
    target_path = tmp_path / "team.db"
    with Store.open(target_path) as target:
        target.documents.add_many([NewDocument(t, t[:6]) for t in reversed(TEXTS)])
        target.ensure_annotator("someone")
    mona = _annotator_project(tmp_path / "mona.db", "mona", TEXTS[:2])
    with Store.open(target_path) as target:
        report = merge_projects(target, [mona])
        assert report.rejections_added == 2
        assert "2 rejected suggestions added" in report.counts_line()
        who = target.annotator_by_name("mona").id
        got = {
            (target.documents.text(r.document_id)[r.start : r.end], r.label, r.recipe)
            for r in target.suggestions.rejections(who)
        }
        assert got == {("روسيا", "GPE", "quotes"), ("فرنسا", "GPE", "quotes")}
        again = merge_projects(target, [mona])
        assert again.rejections_added == 0
        assert len(target.suggestions.rejections()) == 2


def test_a_dry_run_stores_no_rejection(tmp_path: Path):
    target_path = tmp_path / "team.db"
    Store.open(target_path).close()
    mona = _annotator_project(tmp_path / "mona.db", "mona", TEXTS)
    with Store.open(target_path) as target:
        report = merge_projects(target, [mona], dry_run=True)
        assert report.rejections_added == 3
        assert target.suggestions.rejections() == []
