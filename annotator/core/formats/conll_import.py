"""CoNLL/BIO import: a file of tagged tokens becomes documents and the spans of one layer,
all or nothing (the format is described in `conll`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import AnnotatorError, Cancelled, InputError, ValidationError
from annotator.core.files.line_reader import read_utf8_lines
from annotator.core.formats.conll import (
    DEFAULT_AFTER,
    DEFAULT_ANNOTATOR,
    LAYOUT_KEY,
    SEGMENT_MARKER,
    WOJOOD_TO_DEFAULT,
)
from annotator.core.model import Label
from annotator.core.store import Store
from annotator.core.store.documents import NewDocument
from annotator.core.store.labels import new_label_colour, validate_label
from annotator.core.text.articles import parse_article
from annotator.core.text.decoding import NUL
from annotator.core.text.normalize import normalize_text

# Called with the number of the line just read; returning False cancels the import.
Progress = Callable[[int], bool]

_REPAIRS_SHOWN = 5
_TAG = re.compile(r"O|[BI]-\S+")
_FIELD_SEP = re.compile(r"[ \t\r\f\v]+")


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

    def summary(self, path: Path) -> list[str]:
        """What the command line prints about this file."""
        per_label = ", ".join(f"{name} {n}" for name, n in sorted(self.spans_per_label.items()))
        lines = [
            f"{path}: {self.documents} documents, {self.sentences} sentences, {self.tokens} "
            f"tokens; {self.spans_added} spans ({self.nested_spans} nested, "
            f"{self.nested_percent:.1f}%)"
        ]
        if per_label:
            lines.append(f"  spans per label: {per_label}")
        if self.empty_segments:
            lines.append(
                f"  {self.empty_segments} empty segments ($#$ after $#$): no document, "
                "kept in the layout"
            )
        if self.labels_mapped:
            mapped = ", ".join(f"{a}->{b}" for a, b in sorted(self.labels_mapped.items()))
            lines.append(f"  labels mapped: {mapped}")
        return lines

    def warnings(self, path: Path) -> list[str]:
        """What the command line prints to standard error: tags it had to repair."""
        if not self.repairs:
            return []
        shown = ", ".join(f"line {line} {tag}" for line, tag in self.repairs[:_REPAIRS_SHOWN])
        more = len(self.repairs) - _REPAIRS_SHOWN
        return [
            f"{path}: {len(self.repairs)} I- tags without a B- started a span: "
            f"{shown}{f' and {more} more' if more > 0 else ''}"
        ]

    @property
    def skipped(self) -> list[tuple[int, str]]:
        return []


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
    segment: int = 0
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
        # a document ended, stored when the next one starts (or the file ends) with the
        # marker and blank lines that follow it (`after`)
        self.pending: _Document | None = None
        self.after: list[str] = []

    def error(self, problem: str, line: int | None) -> InputError:
        return InputError(str(self.path), problem, line)

    # -- reading ---------------------------------------------------------------------
    def read_line(self, number: int, line: str) -> None:
        if "\x00" in line:
            raise self.error(NUL, number)
        text = line.strip(" \t\r\f\v")
        if not text.strip():
            self.end_sentence()
            if self.pending is not None and not self.doc.offsets:
                self.after.append("")
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
        self.flush()
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
            self.flush()
            self.segment += 1
            doc.segment = self.segment
            self.pending, self.after = doc, [SEGMENT_MARKER] if marker else []
        elif marker:
            self.report.empty_segments += 1
            if self.pending is not None:
                self.after.append(SEGMENT_MARKER)

    def flush(self) -> None:
        """Store the document that ended, with the layout that followed it."""
        if self.pending is not None:
            doc, self.pending = self.pending, None
            self.store_document(doc, self.after)

    def finish(self) -> None:
        """At the end of the file: store the last document."""
        self.end_document(marker=False)
        self.flush()

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

    def store_document(self, doc: _Document, after: list[str]) -> None:
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
        title = parse_article(text).title or f"{self.path.name} #{doc.segment}"
        meta: dict[str, object] = {
            "conll_file": self.path.name,
            "conll_segment": doc.segment,
            "conll_line": doc.first_line,
        }
        if SEGMENT_MARKER in after and tuple(after) != DEFAULT_AFTER:
            meta[LAYOUT_KEY] = after
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
        importer.finish()
        if report.tokens == 0:
            raise InputError(str(path), "no tokens: the file is empty or holds no token lines")
    return report
