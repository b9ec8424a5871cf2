"""CoNLL/BIO (IOB2) import and export, nested tags included (the Wojood layout).

File format, as read and as written
-----------------------------------
One token per line, then one or more tags separated by spaces or tabs: ``O``, ``B-TYPE``
or ``I-TYPE``. Each tag column is one nesting level, outer first (Wojood writes
``نابلس I-OCC B-GPE``: a GPE inside an OCC). A blank line ends a sentence. A line whose
token is ``$#$`` (with ``O`` tags or none) is a segment marker. A line that starts with
``#`` is a comment and skipped, unless it reads as a token line (``# O`` is the token
``#``): our export's first line is such a comment.

Import: tokens and text
    A sentence's tokens are joined with single spaces, sentences with one ``"\\n"``; so a
    document's text is its sentences, one per line, and token ``k`` of a sentence starts
    one character after the end of token ``k - 1``. The text is then normalized like any
    import (`normalize_text`) and span offsets are carried through that.

Import: documents
    A ``$#$`` marker ends the current document (and the current sentence, even where
    Wojood puts one inside a sentence). Each marker-delimited segment of the file is
    one document; the sentences after the last marker are the last document. A file
    without markers is one document, unless ``sentences_per_document=N``, which also
    ends a document after every N sentences (counted from the document's start, markers
    still end one early). For Wojood the segments are the natural unit: they are the
    source texts' own segments, a few sentences each. Empty segments (two markers in a
    row) store nothing and are counted. A segment whose text is stored already is the
    same document (documents are identified by their text), so importing a file twice
    adds nothing.

Import: tags to spans
    In each column, ``B-X`` starts a span of type X and ``I-X`` continues the span of type X
    open in that column on the previous token. ``I-X`` with no span open there, or after a
    span of another type, starts a new span: such repairs are counted and listed in the
    report with their lines. A sentence end, a marker, ``O`` or a missing column (Wojood
    leaves out trailing ``O`` columns) ends the span. Spans are whole tokens; a span's
    text is its tokens joined by single spaces.

Import: labels
    A type is looked up in ``label_map`` first (`WOJOOD_TO_DEFAULT` maps the six Wojood types
    that our default scheme has: PERS -> PERSON, ORG, GPE, LOC, DATE, EVENT). A label the
    project lacks is an error naming the line, unless ``create_labels`` adds it (an entity
    label). Imported spans go to the layer of ``annotator`` (default "imported"; "gold" is
    the adjudicated layer, written only with a ``reviewer``), and every imported document is
    marked in progress in that layer, so a segment without entities is still part of the
    layer and is exported again.

The whole file is one transaction: an error (a line with no tag, a malformed tag, bytes
that are not UTF-8, a NUL character, an unknown label, an empty file) raises InputError
with the file and line, and nothing of the file stays stored.

Export
    One document per (document, annotator layer), in document order, the layers as
    `export_jsonl.iter_records` selects them (a document nobody has annotated or opened
    is not exported; the filters are the JSONL export's). Sentences are the lines of the text (split
    at ``"\\n"``; lines without tokens, such as blank lines between paragraphs, are left
    out), tokens are `tokenize` tokens. Documents are separated by a ``$#$ O`` line right
    after the last token of a document, then a blank line (Wojood's own layout), so the
    importer reads the same documents back; there is no marker after the last document.

    Tag columns: spans are laid out greedily, each in the first column that is free over
    its tokens, in reading order (outer spans first): for properly nested spans a span's
    column is its nesting depth, outer first. Crossing spans get a further column. With
    ``pad=True`` (default) every line has as many tag columns as the deepest nesting in the
    file, ``O`` padded; ``pad=False`` leaves out trailing ``O`` columns, as Wojood does.

    Spans that do not cover whole tokens (a span that leaves out the clitic و of وموسكو)
    follow ``clitics``: "whole-token" (default, as Wojood and ANERcorp annotate) tags the
    whole token, so the span is widened; "split" cuts the token at the span edge, so ``و``
    gets O and ``موسكو`` B-GPE (where a cut would split a character the span is widened
    instead). A span that crosses a line break is cut into one span per line; a span
    holding no token (only spaces) is dropped; two spans that become the same tokens and
    label are written once. The first line of the file is a comment that says all this
    with numbers: ``# exported by annotator: clitics=whole-token, 1 span widened to whole
    tokens, ...``, and the report carries the same counts.

    Text does not survive a round trip through CoNLL exactly where it is not already
    tokens separated by single spaces: ``بوتين،`` is exported as two tokens and comes back
    as ``بوتين ،``; blank lines are lost. Documents that came from a CoNLL file come back
    unchanged.
"""

from __future__ import annotations

import re
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import IO, Any

from annotator.core.errors import (
    AnnotatorError,
    Cancelled,
    InputError,
    ValidationError,
)
from annotator.core.files.atomic_write import atomic_write
from annotator.core.files.line_reader import read_utf8_lines
from annotator.core.formats.export_jsonl import check_filters, iter_records
from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.labels import new_label_colour, validate_label
from annotator.core.text.articles import parse_article
from annotator.core.text.decoding import NUL
from annotator.core.text.normalize import normalize_text
from annotator.core.text.tokens import tokenize

# Called with the number of the line just read; returning False cancels the import.
Progress = Callable[[int], bool]

SEGMENT_MARKER = "$#$"
CLITIC_POLICIES = ("whole-token", "split")
DEFAULT_ANNOTATOR = "imported"

WOJOOD_TO_DEFAULT: dict[str, str] = {
    "PERS": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "DATE": "DATE",
    "EVENT": "EVENT",
}
"""The Wojood types that have a label in the default scheme. Wojood has 21 types (PERS, NORP,
OCC, ORG, GPE, LOC, FAC, EVENT, DATE, TIME, LANGUAGE, WEBSITE, LAW, PRODUCT, CARDINAL, ORDINAL,
PERCENT, QUANTITY, UNIT, MONEY, CURR); the other 15 need `create_labels`."""

_START = itemgetter(0)
_END = itemgetter(1)
_TAG = re.compile(r"O|[BI]-\S+")
_FIELD_SEP = re.compile(r"[ \t\r\f\v]+")


# -- import ------------------------------------------------------------------------------


@dataclass
class ConllReport:
    """What a CoNLL import read and stored."""

    lines: int = 0
    sentences: int = 0
    tokens: int = 0
    documents_added: int = 0
    documents_existing: int = 0
    spans_added: int = 0
    spans_existing: int = 0  # in the layer already (a re-import), or repeated in the file
    spans_per_label: dict[str, int] = field(default_factory=dict)  # read, after mapping
    nested_spans: int = 0  # spans lying inside another span of their document
    max_depth: int = 0  # the most tag columns a token used
    repairs: list[tuple[int, str]] = field(default_factory=list)  # (line, I- tag) read as B-
    empty_segments: int = 0
    comments: int = 0
    labels_created: list[str] = field(default_factory=list)
    labels_mapped: dict[str, str] = field(default_factory=dict)  # file type -> label

    @property
    def documents(self) -> int:
        return self.documents_added + self.documents_existing

    @property
    def spans(self) -> int:
        """Spans read from the file."""
        return sum(self.spans_per_label.values())

    @property
    def nested_percent(self) -> float:
        return 100.0 * self.nested_spans / self.spans if self.spans else 0.0


@dataclass
class _Span:
    kind: str  # the type in the file
    first: int  # token indexes in the document, inclusive
    last: int
    line: int
    column: int


@dataclass
class _Document:
    parts: list[str] = field(default_factory=list)
    offsets: list[tuple[int, int]] = field(default_factory=list)
    spans: list[_Span] = field(default_factory=list)
    first_line: int = 0
    length: int = 0
    sentences: int = 0
    in_sentence: bool = False

    def add_token(self, token: str, line: int) -> int:
        if self.in_sentence:
            sep = " "
        elif self.offsets:
            sep = "\n"
        else:
            sep = ""
            self.first_line = line
        if not self.in_sentence:
            self.sentences += 1
            self.in_sentence = True
        start = self.length + len(sep)
        self.parts.append(sep + token)
        self.length = start + len(token)
        self.offsets.append((start, self.length))
        return len(self.offsets) - 1


class _Importer:
    def __init__(
        self,
        store: Store,
        path: Path,
        writer: Callable[[], tuple[int, int | None]],
        label_map: Mapping[str, str],
        create_labels: bool,
        sentences_per_document: int | None,
        report: ConllReport,
    ) -> None:
        self.store = store
        self.path = path
        self.writer = writer
        # (layer, actor) taken when the first document is stored, so a refusal names its line
        self.layer_and_actor: tuple[int, int | None] | None = None
        self.label_map = label_map
        self.create_labels = create_labels
        self.per_document = sentences_per_document
        self.report = report
        self.known = store.labels.names()
        self.doc = _Document()
        self.open: dict[int, _Span] = {}
        self.segment = 0

    def error(self, problem: str, line: int | None) -> InputError:
        return InputError(str(self.path), problem, line)

    # -- reading ---------------------------------------------------------------------
    def read_line(self, number: int, line: str) -> None:
        if "\x00" in line:
            raise self.error(NUL, number)
        text = line.strip(" \t\r\f\v")
        if not text.strip():
            self.end_sentence()
            return
        fields = _FIELD_SEP.split(text)
        token, tags = fields[0], fields[1:]
        tags_ok = all(_TAG.fullmatch(tag) for tag in tags)
        if token == SEGMENT_MARKER:
            if any(tag != "O" for tag in tags):
                raise self.error(
                    f"the segment marker {SEGMENT_MARKER} has a tag other than O", number
                )
            self.end_document(marker=True)
            return
        if token.startswith("#") and not (tags and tags_ok):
            self.report.comments += 1
            return
        if not tags:
            raise self.error(f"no tag after the token {token!r}", number)
        if not tags_ok:
            bad = next(tag for tag in tags if not _TAG.fullmatch(tag))
            raise self.error(f"malformed tag {bad!r} (expected O, B-TYPE or I-TYPE)", number)
        self.add_token(number, token, tags)

    def add_token(self, number: int, token: str, tags: list[str]) -> None:
        index = self.doc.add_token(token, number)
        self.report.tokens += 1
        used = len(tags)
        while used and tags[used - 1] == "O":
            used -= 1
        self.report.max_depth = max(self.report.max_depth, used)
        for column in range(max(len(tags), max(self.open, default=-1) + 1)):
            tag = tags[column] if column < len(tags) else "O"
            current = self.open.get(column)
            if tag == "O":
                self.close(column)
                continue
            kind = tag[2:]
            if tag[0] == "I" and current is not None and current.kind == kind:
                current.last = index
                continue
            if tag[0] == "I":
                self.report.repairs.append((number, tag))
            self.close(column)
            self.open[column] = _Span(kind, index, index, number, column)

    def close(self, column: int) -> None:
        span = self.open.pop(column, None)
        if span is not None:
            self.doc.spans.append(span)

    def end_sentence(self) -> None:
        for column in sorted(self.open):
            self.close(column)
        if self.doc.in_sentence:
            self.doc.in_sentence = False
            self.report.sentences += 1
            if self.per_document and self.doc.sentences >= self.per_document:
                self.end_document(marker=False)

    def end_document(self, marker: bool) -> None:
        self.end_sentence()
        doc, self.doc = self.doc, _Document()
        if doc.offsets:
            self.segment += 1
            self.store_document(doc)
        elif marker:
            self.report.empty_segments += 1

    # -- storing ---------------------------------------------------------------------
    def label_for(self, span: _Span) -> str:
        name = self.label_map.get(span.kind, span.kind)
        if name != span.kind:
            self.report.labels_mapped[span.kind] = name
        if name in self.known:
            return name
        if not self.create_labels:
            mappable = span.kind in WOJOOD_TO_DEFAULT and span.kind not in self.label_map
            hint = f", or --map-wojood for {WOJOOD_TO_DEFAULT[span.kind]}" if mappable else ""
            raise self.error(
                f"unknown label {name!r} (use --create-labels to add it{hint})", span.line
            )
        colour = new_label_colour(len(self.report.labels_created))
        label = Label(name=name, kind="entity", colour=colour, description=f"from {self.path.name}")
        try:
            validate_label(label)
            self.store.labels.add(label)
        except ValidationError as exc:
            raise self.error(str(exc), span.line) from exc
        self.known.add(name)
        self.report.labels_created.append(name)
        return name

    def store_document(self, doc: _Document) -> None:
        report = self.report
        original = "".join(doc.parts)
        try:
            normalized = normalize_text(original)
        except ValueError as exc:
            raise self.error(str(exc), doc.first_line) from exc
        text = normalized.text
        if not text.strip():
            raise self.error(
                "the tokens of this document are all removed by normalization", doc.first_line
            )
        title = parse_article(text).title or f"{self.path.name} #{self.segment}"
        meta = {
            "conll_file": self.path.name,
            "conll_segment": self.segment,
            "conll_line": doc.first_line,
        }
        result = self.store.documents.add_many([NewDocument(text=text, title=title, meta=meta)])
        report.documents_added += result.added
        report.documents_existing += result.existing
        doc_id = result.ids[0]
        if self.layer_and_actor is None:
            try:
                self.layer_and_actor = self.writer()
            except AnnotatorError as exc:
                raise self.error(str(exc), doc.first_line) from exc
        layer, actor = self.layer_and_actor

        in_line_order = sorted(doc.spans, key=lambda span: (span.line, span.column))
        labelled = [(span, self.label_for(span)) for span in in_line_order]
        labelled.sort(key=lambda item: (item[0].first, -item[0].last, item[0].column))
        furthest = -1
        existing = {(s.start, s.end, s.label) for s in self.store.annotations.spans(doc_id, layer)}
        for span, label in labelled:
            report.spans_per_label[label] = report.spans_per_label.get(label, 0) + 1
            if furthest >= span.last:
                report.nested_spans += 1
            furthest = max(furthest, span.last)
            start = normalized.map_offset(doc.offsets[span.first][0])
            end = normalized.map_offset(doc.offsets[span.last][1])
            if start >= end:
                raise self.error("the span's tokens are all removed by normalization", span.line)
            if (start, end, label) in existing:
                report.spans_existing += 1
                continue
            try:
                self.store.annotations.add_span(doc_id, layer, label, start, end, actor_id=actor)
            except AnnotatorError as exc:
                raise self.error(str(exc), span.line) from exc
            existing.add((start, end, label))
            report.spans_added += 1
        if self.store.annotations.status(doc_id, layer) == "new":
            self.store.annotations.set_status(doc_id, layer, "in_progress")


def import_conll(
    store: Store,
    path: str | Path,
    *,
    annotator: str | None = None,
    create_labels: bool = False,
    label_map: Mapping[str, str] | None = None,
    sentences_per_document: int | None = None,
    progress: Progress | None = None,
    reviewer: str | None = None,
) -> ConllReport:
    """Import a CoNLL/BIO file (nested tag columns allowed) in one transaction.

    See the module docstring for how tokens, sentences, segments and tag columns become
    documents and spans. Into the gold layer only with a `reviewer`. `progress` is called
    with each line number; False cancels.
    """
    path = Path(path)
    if sentences_per_document is not None and (
        isinstance(sentences_per_document, bool)
        or not isinstance(sentences_per_document, int)
        or sentences_per_document < 1
    ):
        raise ValidationError("sentences_per_document must be a whole number of at least 1")
    report = ConllReport()
    with store.transaction():
        who = annotator or DEFAULT_ANNOTATOR
        importer = _Importer(
            store,
            path,
            lambda: store.layer_and_writer(who, reviewer),
            dict(label_map or {}),
            create_labels,
            sentences_per_document,
            report,
        )
        for number, line in read_utf8_lines(path, "CoNLL"):
            importer.read_line(number, line)
            report.lines = number
            if progress is not None and not progress(number):
                raise Cancelled("import cancelled; nothing was stored")
        importer.end_document(marker=False)
        if report.tokens == 0:
            raise InputError(str(path), "no tokens: the file is empty or holds no token lines")
    return report


# -- export ------------------------------------------------------------------------------


@dataclass
class ConllExportReport:
    """What a CoNLL export wrote, and what it had to change to fit spans to tokens."""

    clitics: str = "whole-token"
    documents: int = 0  # (document, annotator layer) pairs written
    sentences: int = 0
    tokens: int = 0
    spans: int = 0  # spans of the layers exported
    widened: int = 0  # spans widened to the edges of the tokens they touch
    split: int = 0  # spans whose tokens were split at their edges (clitics="split")
    cut_at_lines: int = 0  # spans crossing a line break, written as one span per line
    dropped: int = 0  # spans holding no token (only spaces)
    merged: int = 0  # spans written once because another span got the same tokens and label
    max_depth: int = 0  # tag columns needed

    def header(self) -> str:
        """The comment line that starts the file and says what the export did."""

        def count(n: int, what: str) -> str:
            return f"{n} span{'' if n == 1 else 's'} {what}"

        parts = [count(self.widened, "widened to whole tokens")]
        if self.clitics == "split" or self.split:
            parts.append(count(self.split, "split from the rest of their tokens"))
        parts += [
            count(self.cut_at_lines, "cut at line breaks"),
            count(self.dropped, "dropped (no token)"),
            count(self.merged, "merged (same tokens and label)"),
        ]
        return (
            f"# exported by annotator: clitics={self.clitics}, {', '.join(parts)}; "
            f"{self.documents} document{'' if self.documents == 1 else 's'}, "
            f"{self.spans} span{'' if self.spans == 1 else 's'}, "
            f"{self.max_depth} tag column{'' if self.max_depth == 1 else 's'}"
        )


@dataclass
class _Piece:
    span_id: int
    label: str
    start: int  # character offsets within the line
    end: int
    order: int
    first: int = -1
    last: int = -1


def _overlapping(tokens: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Indexes (first, last) of the tokens that share a character with [start, end)."""
    first = bisect_right(tokens, start, key=_END)
    last = bisect_left(tokens, end, key=_START) - 1
    return (first, last) if first <= last else None


def _beyond(tokens: list[tuple[int, int]], run: tuple[int, int], start: int, end: int) -> bool:
    """True if the tokens of `run` reach past [start, end) (the span cuts a token)."""
    return tokens[run[0]][0] < start or tokens[run[1]][1] > end


class _Exporter:
    def __init__(self, clitics: str, report: ConllExportReport) -> None:
        self.clitics = clitics
        self.report = report

    def document_lines(self, text: str, spans: list[dict[str, Any]]) -> list[list[str]]:
        """The sentences of one document layer, each a list of `token TAG…` lines."""
        report = self.report
        report.spans += len(spans)
        lines = text.split("\n")
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        pieces: list[list[_Piece]] = [[] for _ in lines]
        for order, span in enumerate(spans):
            first = bisect_right(starts, span["start"]) - 1
            last = bisect_right(starts, max(span["start"], span["end"] - 1)) - 1
            for number in range(first, last + 1):
                lo = starts[number]
                start = max(span["start"], lo) - lo
                end = min(span["end"], lo + len(lines[number])) - lo
                if start < end:
                    pieces[number].append(_Piece(span["id"], span["label"], start, end, order))
        widened: set[int] = set()
        split: set[int] = set()
        kept: dict[int, int] = {}  # span id -> lines it is written in
        merged: set[int] = set()
        sentences: list[list[str]] = []
        for line, line_pieces in zip(lines, pieces, strict=True):
            tokens = tokenize(line)
            if not tokens:
                continue
            cut_tokens = tokens
            if self.clitics == "split":
                cut_tokens = tokenize(
                    line, {p for piece in line_pieces for p in (piece.start, piece.end)}
                )
            written: set[tuple[int, int, str]] = set()
            placed: list[_Piece] = []
            for piece in line_pieces:
                run = _overlapping(cut_tokens, piece.start, piece.end)
                if run is None:
                    continue
                kept[piece.span_id] = kept.get(piece.span_id, 0) + 1
                if _beyond(cut_tokens, run, piece.start, piece.end):
                    widened.add(piece.span_id)
                elif cut_tokens is not tokens:
                    whole = _overlapping(tokens, piece.start, piece.end)
                    if whole is not None and _beyond(tokens, whole, piece.start, piece.end):
                        split.add(piece.span_id)
                piece.first, piece.last = run
                key = (piece.first, piece.last, piece.label)
                if key in written:
                    merged.add(piece.span_id)
                    continue
                written.add(key)
                placed.append(piece)
            tags = _columns(placed, len(cut_tokens))
            report.max_depth = max(report.max_depth, max(len(row) for row in tags))
            sentences.append(
                [
                    f"{line[t_start:t_end]} {' '.join(row or ['O'])}"
                    for (t_start, t_end), row in zip(cut_tokens, tags, strict=True)
                ]
            )
            report.tokens += len(cut_tokens)
        report.sentences += len(sentences)
        report.widened += len(widened)
        report.split += len(split - widened)
        report.cut_at_lines += sum(1 for lines_used in kept.values() if lines_used > 1)
        report.dropped += len({span["id"] for span in spans} - set(kept))
        report.merged += len(merged)
        return sentences


def _columns(pieces: list[_Piece], size: int) -> list[list[str]]:
    """Tags of each token, one per column, trailing O left out: each piece goes to the
    first column free over its tokens, outer (longer) pieces first."""
    tags: list[list[str]] = [[] for _ in range(size)]
    busy_until: list[int] = []  # per column: the last token used
    for piece in sorted(pieces, key=lambda p: (p.first, -p.last, p.order)):
        column = next((c for c, last in enumerate(busy_until) if last < piece.first), None)
        if column is None:
            column = len(busy_until)
            busy_until.append(-1)
        busy_until[column] = piece.last
        for index in range(piece.first, piece.last + 1):
            row = tags[index]
            row.extend(["O"] * (column + 1 - len(row)))
            row[column] = f"{'B' if index == piece.first else 'I'}-{piece.label}"
    return tags


def _pad(line: str, depth: int) -> str:
    have = line.count(" ")
    return line + " O" * (depth - have) if have < depth else line


def _check_filters(
    store: Store, annotators: Iterable[str] | None, labels: Iterable[str] | None, clitics: str
) -> None:
    if clitics not in CLITIC_POLICIES:
        raise ValidationError(f"clitics must be one of {', '.join(CLITIC_POLICIES)}")
    check_filters(store, annotators, labels)


def write_conll(
    store: Store,
    out: IO[str],
    *,
    annotators: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    done_only: bool = False,
    clitics: str = "whole-token",
    pad: bool = True,
) -> ConllExportReport:
    """Write the export to an open text stream (see `export_conll`)."""
    annotators = list(annotators) if annotators is not None else None
    labels = list(labels) if labels is not None else None
    _check_filters(store, annotators, labels, clitics)
    report = ConllExportReport(clitics=clitics)
    exporter = _Exporter(clitics, report)
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as body:
        records = iter_records(
            store,
            annotators=annotators,
            labels=list(labels) if labels is not None else None,
            done_only=done_only,
        )
        for record in records:
            for span in record["spans"]:
                if any(ch.isspace() for ch in span["label"]):
                    raise ValidationError(
                        f"label {span['label']!r} holds a space, which a CoNLL tag cannot; "
                        "rename it or leave it out (--label)"
                    )
            sentences = exporter.document_lines(record["text"], record["spans"])
            if not sentences:
                continue
            if report.documents:
                body.write(f"{SEGMENT_MARKER} O\n\n")
            report.documents += 1
            for number, sentence in enumerate(sentences):
                if number:
                    body.write("\n")
                body.write("".join(line + "\n" for line in sentence))
        report.max_depth = max(report.max_depth, 1)
        out.write(report.header() + "\n")
        body.seek(0)
        for line in body:
            out.write(_pad(line[:-1], report.max_depth) + "\n" if pad and line != "\n" else line)
    return report


def export_conll(
    store: Store,
    out: str | Path | IO[str],
    *,
    annotators: Iterable[str] | None = None,
    labels: Iterable[str] | None = None,
    done_only: bool = False,
    clitics: str = "whole-token",
    pad: bool = True,
) -> ConllExportReport:
    """Export annotation layers as CoNLL/BIO with nested tag columns (see the module
    docstring). `out` is a file name (written whole or not at all, see `atomic_write`) or
    an open text stream. Filters as for the JSONL export."""
    options = {
        "annotators": annotators,
        "labels": labels,
        "done_only": done_only,
        "clitics": clitics,
        "pad": pad,
    }
    if not isinstance(out, str | Path):
        return write_conll(store, out, **options)
    _check_filters(store, annotators, labels, clitics)
    with atomic_write(out) as handle:
        return write_conll(store, handle, **options)
