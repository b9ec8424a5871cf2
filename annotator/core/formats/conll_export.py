"""CoNLL/BIO export: layers written as tokens with nested tag columns (the format is
described in `conll`). `write_conll` writes one file or stream; `conll_folder` writes one
file per annotator with the same pieces (`ConllSettings`, `LayerWriter`, `ConllFile`)."""

from __future__ import annotations

import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import IO

from annotator.core.errors import ValidationError
from annotator.core.files.atomic_write import atomic_write
from annotator.core.formats.conll import (
    CLITIC_POLICIES,
    DEFAULT_SEPARATOR,
    DEFAULT_TO_WOJOOD,
    SEGMENT_MARKER,
    SEPARATORS,
    layout_after,
)
from annotator.core.formats.export_layers import ExportProgress, document_groups
from annotator.core.layers import Layer, LayerFilter
from annotator.core.model import Document, Span
from annotator.core.store import Store
from annotator.core.text.tokens import tokenize

_START = itemgetter(0)
_END = itemgetter(1)

Sentence = list[tuple[str, list[str]]]  # (token, tags outer first, trailing O left out)


@dataclass(frozen=True)
class ConllSettings:
    """How spans become tags: the clitic policy, padding with O columns, the column
    separator ("tab"/"space"), the outer column only, Wojood's type names (PERSON ->
    PERS), and a first comment line saying what the export did."""

    clitics: str = "whole-token"
    pad: bool = True
    separator: str = DEFAULT_SEPARATOR
    outer_only: bool = False
    wojood: bool = False
    header: bool = False

    def check(self) -> None:
        if self.clitics not in CLITIC_POLICIES:
            raise ValidationError(f"clitics must be one of {', '.join(CLITIC_POLICIES)}")
        if self.separator not in SEPARATORS:
            raise ValidationError(f"separator must be one of {', '.join(SEPARATORS)}")


def _count(n: int, what: str, plural: str | None = None) -> str:
    return f"{n} {what if n == 1 else plural or what + 's'}"


@dataclass
class ConllExportReport:
    """What a CoNLL export wrote, what it had to change to fit spans to tokens, and what
    CoNLL could not carry."""

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
    inner: int = 0  # spans of inner columns left out (outer_only)
    relations: int = 0  # relations of the layers exported: CoNLL has no links
    attributes: int = 0  # spans with attributes (checkworthy…): CoNLL has tags only
    done: int = 0  # layers marked done: an import marks its layers in progress
    respaced: int = 0  # documents whose text is not tokens joined by single spaces
    annotators: list[str] = field(default_factory=list)  # layers' annotators, first seen first
    files: int = 0  # files written (more than one with per_annotator)

    def policy(self) -> str:
        """What the export did, in one line (the export's first note)."""
        parts = [_count(self.widened, "span") + " widened to whole tokens"]
        if self.clitics == "split" or self.split:
            parts.append(_count(self.split, "span") + " split from the rest of their tokens")
        parts += [
            _count(self.cut_at_lines, "span") + " cut at line breaks",
            _count(self.dropped, "span") + " dropped (no token)",
            _count(self.merged, "span") + " merged (same tokens and label)",
        ]
        return (
            f"clitics={self.clitics}, {', '.join(parts)}; {_count(self.documents, 'document')}, "
            f"{_count(self.spans, 'span')}, {_count(self.max_depth, 'tag column')}"
        )

    def header(self) -> str:
        """The comment line `header=True` starts the file with."""
        return f"# exported by annotator: {self.policy()}"

    def notes(self, per_annotator: bool = False) -> list[str]:
        """What the export changed or could not carry, one line each, the policy first."""
        notes = [self.policy()]
        if self.inner:
            notes.append(
                f"{_count(self.inner, 'nested span')} not carried: --outer-only writes the "
                "outer column only"
            )
        if self.relations:
            notes.append(f"{_count(self.relations, 'relation')} not carried: CoNLL has no links")
        if self.attributes:
            notes.append(
                f"attributes of {_count(self.attributes, 'span')} not carried: CoNLL has tags only"
            )
        if self.done:
            notes.append(
                f"{_count(self.done, 'layer')} marked done: the status is not carried "
                "(an import marks its layers in progress)"
            )
        if len(self.annotators) > 1 and not per_annotator:
            notes.append(
                f"{len(self.annotators)} annotators' layers in one file: importing it gives "
                "one layer; --per-annotator writes one file per annotator"
            )
        if self.respaced:
            notes.append(
                f"spacing of {_count(self.respaced, 'document')} not carried: tokens come "
                "back joined by single spaces, one line per sentence"
            )
        return notes


@dataclass
class _Piece:
    span_id: int
    label: str
    start: int  # character offsets within the line
    end: int
    order: int
    first: int = -1
    last: int = -1
    column: int = -1


def _overlapping(tokens: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Indexes (first, last) of the tokens that share a character with [start, end)."""
    first = bisect_right(tokens, start, key=_END)
    last = bisect_left(tokens, end, key=_START) - 1
    return (first, last) if first <= last else None


def _beyond(tokens: list[tuple[int, int]], run: tuple[int, int], start: int, end: int) -> bool:
    """True if the tokens of `run` reach past [start, end) (the span cuts a token)."""
    return tokens[run[0]][0] < start or tokens[run[1]][1] > end


def _assign_columns(pieces: list[_Piece]) -> None:
    """Put each piece in the first column free over its tokens, outer (longer) first."""
    busy_until: list[int] = []  # per column: the last token used
    for piece in sorted(pieces, key=lambda p: (p.first, -p.last, p.order)):
        column = next((c for c, last in enumerate(busy_until) if last < piece.first), None)
        if column is None:
            column = len(busy_until)
            busy_until.append(-1)
        busy_until[column] = piece.last
        piece.column = column


def _tags(pieces: list[_Piece], size: int) -> list[list[str]]:
    """Tags of each token, one per column, trailing O left out."""
    tags: list[list[str]] = [[] for _ in range(size)]
    for piece in pieces:
        for index in range(piece.first, piece.last + 1):
            row = tags[index]
            row.extend(["O"] * (piece.column + 1 - len(row)))
            row[piece.column] = f"{'B' if index == piece.first else 'I'}-{piece.label}"
    return tags


class LayerWriter:
    """Turns one annotator layer of a document into sentences of tagged tokens, counting
    in `report` what it changed and what CoNLL cannot carry."""

    def __init__(self, settings: ConllSettings, report: ConllExportReport) -> None:
        self.settings = settings
        self.report = report
        self.label_map: Mapping[str, str] = DEFAULT_TO_WOJOOD if settings.wojood else {}

    def layer(self, layer: Layer) -> list[Sentence]:
        """The sentences of `layer` (none if its text holds no token)."""
        report = self.report
        if layer.annotator not in report.annotators:
            report.annotators.append(layer.annotator)
        report.relations += len(layer.relations)
        report.attributes += sum(1 for span in layer.spans if span.attributes)
        report.done += layer.status == "done"
        for span in layer.spans:
            label = self.label_map.get(span.label, span.label)
            if any(ch.isspace() for ch in label):
                raise ValidationError(
                    f"label {label!r} holds a space, which a CoNLL tag cannot; "
                    "rename it or leave it out (--label)"
                )
        return self.document_lines(layer.document.text, layer.spans)

    def document_lines(self, text: str, spans: list[Span]) -> list[Sentence]:
        """The sentences of one document layer, each a list of (token, tags)."""
        report = self.report
        report.spans += len(spans)
        lines = text.split("\n")
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        pieces: list[list[_Piece]] = [[] for _ in lines]
        for order, span in enumerate(spans):
            label = self.label_map.get(span.label, span.label)
            first = bisect_right(starts, span.start) - 1
            last = bisect_right(starts, max(span.start, span.end - 1)) - 1
            for number in range(first, last + 1):
                lo = starts[number]
                start = max(span.start, lo) - lo
                end = min(span.end, lo + len(lines[number])) - lo
                if start < end:
                    pieces[number].append(_Piece(span.id, label, start, end, order))
        widened: set[int] = set()
        split: set[int] = set()
        kept: dict[int, int] = {}  # span id -> lines it is written in
        merged: set[int] = set()
        inner: set[int] = set()
        outer: set[int] = set()
        sentences: list[Sentence] = []
        rebuilt: list[str] = []
        for line, line_pieces in zip(lines, pieces, strict=True):
            tokens = tokenize(line)
            if not tokens:
                continue
            cut_tokens = tokens
            if self.settings.clitics == "split":
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
            _assign_columns(placed)
            if self.settings.outer_only:
                inner.update(p.span_id for p in placed if p.column)
                outer.update(p.span_id for p in placed if not p.column)
                placed = [p for p in placed if not p.column]
            tags = _tags(placed, len(cut_tokens))
            report.max_depth = max(report.max_depth, max(len(row) for row in tags))
            words = [line[t_start:t_end] for t_start, t_end in cut_tokens]
            sentences.append(list(zip(words, tags, strict=True)))
            rebuilt.append(" ".join(words))
            report.tokens += len(cut_tokens)
        report.sentences += len(sentences)
        report.widened += len(widened)
        report.split += len(split - widened)
        report.cut_at_lines += sum(1 for lines_used in kept.values() if lines_used > 1)
        report.dropped += len({span.id for span in spans} - set(kept))
        report.merged += len(merged)
        report.inner += len(inner - outer)
        report.respaced += bool(sentences) and "\n".join(rebuilt) != text
        return sentences


class ConllFile:
    """One output file being built: documents go to a temporary body first, since
    padding needs the deepest nesting of the whole file."""

    def __init__(self, settings: ConllSettings) -> None:
        self.separator = SEPARATORS[settings.separator]
        self.pad = settings.pad
        self.header = settings.header
        # closed by `finish`, or by its writer's `finally` after an error
        self.body: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115
            "w+", encoding="utf-8", newline="\n"
        )
        self.documents = 0
        self.depth = 0
        self.after: tuple[str, ...] = ()  # the lines to write before the next document

    def add(self, document: Document, sentences: list[Sentence]) -> None:
        """Write one document layer, after the separator lines of the previous one."""
        sep, body = self.separator, self.body
        for line in self.after:
            body.write(f"{SEGMENT_MARKER}{sep}O\n" if line else "\n")
        self.after = layout_after(document.meta)
        self.documents += 1
        for number, sentence in enumerate(sentences):
            if number:
                body.write("\n")
            for token, tags in sentence:
                self.depth = max(self.depth, len(tags))
                body.write(f"{token}{sep}{sep.join(tags or ['O'])}\n")

    def finish(self, out: IO[str], report: ConllExportReport) -> None:
        """Copy the body to `out` (the header first if asked), padded, and close it."""
        report.files += 1
        depth = max(self.depth, 1)
        if self.header:
            out.write(report.header() + "\n")
        sep = self.separator
        self.body.seek(0)
        for line in self.body:
            if self.pad and line != "\n":
                have = line.count(sep)
                line = line[:-1] + f"{sep}O" * (depth - have) + "\n" if have < depth else line
            out.write(line)
        self.body.close()


def write_conll(
    store: Store,
    out: IO[str],
    layers: LayerFilter,
    settings: ConllSettings,
    progress: ExportProgress | None = None,
) -> ConllExportReport:
    """Write the layers `layers` selects to an open text stream (see `conll`)."""
    settings.check()
    report = ConllExportReport(clitics=settings.clitics)
    writer = LayerWriter(settings, report)
    file = ConllFile(settings)
    try:
        for group in document_groups(store, layers, progress):
            for layer in group.layers:
                sentences = writer.layer(layer)
                if sentences:
                    file.add(group.document, sentences)
                    report.documents += 1
        report.max_depth = max(report.max_depth, 1)
        file.finish(out, report)
    finally:
        file.body.close()
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
    separator: str = DEFAULT_SEPARATOR,
    outer_only: bool = False,
    wojood: bool = False,
    header: bool = False,
    progress: ExportProgress | None = None,
) -> ConllExportReport:
    """Export annotation layers as CoNLL/BIO with nested tag columns (see `conll`). `out`
    is a file name (written whole or not at all, see `atomic_write`) or an open text
    stream. Filters as for the JSONL export."""
    layers = LayerFilter.of(annotators, labels, done_only)
    settings = ConllSettings(clitics, pad, separator, outer_only, wojood, header)
    settings.check()
    layers.check(store)  # before a file is made
    if not isinstance(out, str | Path):
        return write_conll(store, out, layers, settings, progress)
    with atomic_write(out) as handle:
        return write_conll(store, handle, layers, settings, progress)
