"""Crash stress: the UI's edit path killed with SIGKILL 20 times loses no acknowledged edit.

A child process builds the same `Session` + `Editor` the window uses (offscreen Qt) and
makes random edits with a seeded RNG: spans with random label keys on random word
selections, relabels, QUOTE -> speaker links (to an existing span, or to a new SPEAKER
span made from the selection), deletions. Before each call it prints an intent line
`I {...}`; after the call has returned it prints an acknowledgement `A {...}` with the
resulting ids. The parent kills it at a random moment, then checks that the database
passes `PRAGMA integrity_check` and holds exactly the acknowledged edits, replayed on an
in-memory model. The one edit in flight (an intent without its acknowledgement) may be
absent or present as a whole, nothing else. Each round continues from the database the
previous kill left.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from annotator.core.formats.import_text import import_text_files
from annotator.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 20
TOTAL_EDITS = 2000
SEED = 20261121
ANNOTATOR = "stress"

CHILD = r"""
import json, os, random, re, sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(["stress"])
from annotator.core.store import Store
from annotator.ui.editing import Editor
from annotator.ui.session import Session

store = Store.open(sys.argv[1])
rng = random.Random(int(sys.argv[2]))
me = store.ensure_annotator(sys.argv[3])
session = Session(store, me)
editor = Editor(session)
keys = {l.shortcut: l.name for l in store.labels.all() if l.shortcut and l.kind != "relation"}
kinds = {l.name: l.kind for l in store.labels.all()}
key_list = sorted(keys)
docs = store.documents.ids()
words = {d: [m.span() for m in re.finditer(r"\S+", store.documents.text(d))] for d in docs}

def say(kind, payload):
    sys.stdout.write(kind + " " + json.dumps(payload) + "\n")
    sys.stdout.flush()

def selection(doc):
    spans = words[doc]
    first = rng.randrange(len(spans))
    last = min(len(spans) - 1, first + rng.choice([0, 0, 0, 1, 2]))
    # anywhere inside the first and last word: the editor snaps to whole words
    start = rng.randrange(spans[first][0], spans[first][1])
    end = rng.randrange(spans[last][0] + 1, spans[last][1] + 1)
    if end == start:  # an empty selection would relabel the current span instead
        end = start + 1
    return start, end

def rels():
    return {r.id: (r.head_id, r.child_id, r.label) for r in editor.relations}

def span_row(span):
    return [span.id, span.label, span.start, span.end]

while True:
    if editor.document_id is None or rng.random() < 0.08:
        editor.load(rng.choice(docs))
    doc = editor.document_id
    op = rng.choices(["create", "relabel", "link", "delete"], [5, 2, 3, 2])[0]
    spans = list(editor.spans)
    quotes = [s for s in spans if s.label == "QUOTE"]
    if op in ("relabel", "delete") and not spans:
        op = "create"
    if op == "link" and not quotes:
        op, forced = "create", "QUOTE"
    else:
        forced = None
    if op == "create":
        label = forced or keys[rng.choice(key_list)]
        start, end = selection(doc)
        bounds = editor.selection_to_span(start, end, False)
        say("I", {"op": "create", "doc": doc, "label": label, "bounds": bounds})
        span = editor.apply_label(label, start, end)
        say("A", {"op": "create", "doc": doc, "span": span_row(span) if span else None})
    elif op == "relabel":
        span = rng.choice(spans)
        label = keys[rng.choice(key_list)]
        say("I", {"op": "relabel", "id": span.id, "label": label})
        after = editor.relabel(span.id, label)
        say("A", {"op": "relabel", "id": span.id, "label": label, "ok": after is not None})
    elif op == "delete":
        span = rng.choice(spans)
        editor.set_current(span.id)
        say("I", {"op": "delete", "id": span.id})
        ok = editor.delete_current()
        say("A", {"op": "delete", "id": span.id, "ok": ok})
    else:
        head = rng.choice(quotes)
        editor.set_current(head.id)  # a QUOTE made current is the head of the next link
        others = [s for s in spans if s.id != head.id]
        if others and rng.random() < 0.4:
            child = rng.choice(others)
            start, end, exact = child.start, child.end, True
        else:
            (start, end), exact = selection(doc), False
        bounds = editor.selection_to_span(start, end, exact)
        existing = next(  # a span SAID_BY may take as its child (else words make a speaker)
            (s.id for s in spans if (s.start, s.end) == tuple(bounds) and s.id != head.id
             and kinds[s.label] in ("entity", "speaker")),
            None,
        )
        before = rels()
        say("I", {"op": "link", "doc": doc, "head": head.id, "bounds": bounds,
                  "existing": existing})
        child = editor.link("SAID_BY", start, end, exact)
        added = [[rid, *rel] for rid, rel in rels().items() if rid not in before]
        new_child = span_row(child) if child is not None and existing is None else None
        say("A", {"op": "link", "head": head.id, "child": new_child, "relations": added})
"""


@dataclass
class Model:
    """The expected spans {id: (doc, label, start, end)} and links {id: (head, child, label)}."""

    spans: dict[int, tuple] = field(default_factory=dict)
    rels: dict[int, tuple] = field(default_factory=dict)

    def copy(self) -> Model:
        return Model(dict(self.spans), dict(self.rels))

    def delete_span(self, span_id: int) -> None:
        del self.spans[span_id]
        self.rels = {k: r for k, r in self.rels.items() if span_id not in (r[0], r[1])}

    def apply(self, ack: dict) -> None:
        """Replay one acknowledged edit."""
        op = ack["op"]
        if op == "create":
            if ack["span"] is not None:
                span_id, label, start, end = ack["span"]
                assert span_id not in self.spans, ack
                self.spans[span_id] = (ack["doc"], label, start, end)
        elif op == "relabel":
            if ack["ok"]:
                doc, _old, start, end = self.spans[ack["id"]]
                self.spans[ack["id"]] = (doc, ack["label"], start, end)
        elif op == "delete":
            if ack["ok"]:
                self.delete_span(ack["id"])
        elif op == "link":
            if ack["child"] is not None:
                span_id, label, start, end = ack["child"]
                assert span_id not in self.spans and label == "SPEAKER", ack
                doc = self.spans[ack["head"]][0]
                self.spans[span_id] = (doc, label, start, end)
            for rel_id, head, child, label in ack["relations"]:
                assert rel_id not in self.rels and head == ack["head"], ack
                assert head in self.spans and child in self.spans, ack
                self.rels[rel_id] = (head, child, label)
        else:  # pragma: no cover
            raise AssertionError(ack)


def read_state(path: Path) -> tuple[Model, str, list]:
    conn = sqlite3.connect(path)
    try:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        (who,) = conn.execute("SELECT id FROM annotators WHERE name = ?", [ANNOTATOR]).fetchone()
        spans = {
            row[0]: tuple(row[1:])
            for row in conn.execute(
                'SELECT id, document_id, label, start, "end" FROM spans WHERE annotator_id = ?',
                [who],
            )
        }
        rels = {
            row[0]: tuple(row[1:])
            for row in conn.execute(
                "SELECT id, head_id, child_id, label FROM relations WHERE annotator_id = ?", [who]
            )
        }
    finally:
        conn.close()
    return Model(spans, rels), check, fk


def in_flight_outcomes(model: Model, intent: dict, actual: Model) -> str | None:
    """Which outcome of the unacknowledged edit `actual` shows: "absent" or "present";
    None if it is neither (half an edit, or anything else)."""
    if actual == model:
        return "absent"
    op = intent["op"]
    new_spans = {k: v for k, v in actual.spans.items() if k not in model.spans}
    new_rels = {k: v for k, v in actual.rels.items() if k not in model.rels}
    if op == "create":
        expected = (intent["doc"], intent["label"], *intent["bounds"])
        ok = (
            list(new_spans.values()) == [expected]
            and actual.rels == model.rels
            and all(actual.spans.get(k) == v for k, v in model.spans.items())
        )
        return "present" if ok else None
    if op == "relabel":
        after = model.copy()
        doc, _old, start, end = after.spans[intent["id"]]
        after.spans[intent["id"]] = (doc, intent["label"], start, end)
        return "present" if actual == after else None
    if op == "delete":
        after = model.copy()
        after.delete_span(intent["id"])
        return "present" if actual == after else None
    if op == "link":
        unchanged = all(actual.spans.get(k) == v for k, v in model.spans.items()) and all(
            actual.rels.get(k) == v for k, v in model.rels.items()
        )
        if not unchanged or len(new_rels) > 1:
            return None
        if intent["existing"] is not None:
            expected = {(intent["head"], intent["existing"], "SAID_BY")}
            ok = not new_spans and set(new_rels.values()) == expected
            return "present" if ok else None
        if list(new_spans.values()) != [(intent["doc"], "SPEAKER", *intent["bounds"])]:
            return None
        (speaker,) = new_spans  # a new speaker always comes with its link
        linked = set(new_rels.values()) == {(intent["head"], speaker, "SAID_BY")}
        return "present" if linked else None
    raise AssertionError(intent)  # pragma: no cover


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_ui_edits_loses_no_acknowledged_edit(tmp_path: Path):
    db = tmp_path / "stress.db"
    with Store.open(db) as store:
        import_text_files(store, [ROOT / "seeds"])
        store.ensure_annotator(ANNOTATOR)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    rng = random.Random(SEED)
    model = Model()
    kills = verified = in_flight = 0
    outcomes: dict[str, int] = {}
    started = time.monotonic()
    for round_ in range(ROUNDS):
        left = TOTAL_EDITS - verified
        share = max(left // (ROUNDS - round_), 1)
        target = rng.randint(share // 2, share * 3 // 2) if round_ < ROUNDS - 1 else left
        target = max(target, 1)
        stderr_path = tmp_path / f"child{round_}.err"
        with stderr_path.open("w") as stderr:
            proc = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(db), str(SEED + round_), ANNOTATOR],
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=env,
            )
            lines: list[bytes] = []
            acks = 0
            deadline = time.monotonic() + 60
            while acks < target and time.monotonic() < deadline:
                line = proc.stdout.readline()
                if not line:
                    break
                lines.append(line)
                acks += line.startswith(b"A ")
            time.sleep(rng.uniform(0, 0.004))  # a random moment: mid-edit, mostly
            os.kill(proc.pid, signal.SIGKILL)
            lines += proc.stdout.read().splitlines(keepends=True)
            proc.stdout.close()
            assert proc.wait() == -signal.SIGKILL, stderr_path.read_text()
        kills += 1
        assert acks >= target, f"round {round_}: {stderr_path.read_text()}"

        intent = None
        for raw in lines:
            if not raw.endswith(b"\n"):
                break  # a line cut by the kill was never acknowledged
            kind, payload = raw[:1], json.loads(raw[2:])
            if kind == b"I":
                assert intent is None, "an intent without its acknowledgement"
                intent = payload
            else:
                assert intent is not None and intent["op"] == payload["op"]
                model.apply(payload)
                verified += 1
                intent = None

        actual, check, fk = read_state(db)
        assert check == "ok", f"round {round_}: integrity_check: {check}"
        assert fk == [], f"round {round_}: foreign keys: {fk}"
        if intent is None:
            assert actual == model, f"round {round_}: the database differs from the acked edits"
            outcome = "between edits"
        else:
            in_flight += 1
            outcome = in_flight_outcomes(model, intent, actual)
            assert outcome is not None, (
                f"round {round_}: the database is neither without nor with the edit in "
                f"flight {intent}:\nexpected {model}\nfound {actual}"
            )
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        model = actual  # the next round continues from what is stored

    elapsed = time.monotonic() - started
    print(
        f"\ncrash stress: {kills} kills survived, {verified} acknowledged edits verified, "
        f"{in_flight} kills mid-edit ({outcomes}), {len(model.spans)} spans and "
        f"{len(model.rels)} links at the end, {elapsed:.1f} s"
    )
    assert kills == ROUNDS
    assert verified >= TOTAL_EDITS
    assert len(model.spans) > 20 and len(model.rels) > 5


HALF_LINK = r"""
import os, sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(["half"])
from annotator.core.store.annotations import Annotations
from annotator.core.store import Store
from annotator.ui.editing import Editor
from annotator.ui.session import Session

store = Store.open(sys.argv[1])
editor = Editor(Session(store, store.ensure_annotator("half")))
doc = store.documents.ids()[0]
editor.load(doc)
quote = editor.apply_label("QUOTE", 0, 3)
editor.set_current(quote.id)
Annotations.add_relation = lambda *a, **k: os._exit(9)  # dies after the span
editor.link("SAID_BY", 10, 14)
"""


def test_link_with_a_new_speaker_is_all_or_nothing(tmp_path: Path):
    """The process dies between making the SPEAKER span and linking it: neither stays."""
    db = tmp_path / "half.db"
    with Store.open(db) as store:
        import_text_files(store, [ROOT / "seeds"])
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", HALF_LINK, str(db)], env=env, capture_output=True, timeout=60
    )
    assert result.returncode == 9, result.stderr
    conn = sqlite3.connect(db)
    labels = sorted(row[0] for row in conn.execute("SELECT label FROM spans"))
    links = conn.execute("SELECT COUNT(*) FROM relations").fetchone()[0]
    conn.close()
    assert (labels, links) == (["QUOTE"], 0)
