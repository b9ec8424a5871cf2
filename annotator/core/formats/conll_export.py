"""CoNLL/BIO export: layers written as tokens with nested tag columns (the format is
described in `conll`)."""

from __future__ import annotations

import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import IO

from annotator.core.errors import ValidationError
from annotator.core.files.atomic_write import atomic_write
from annotator.core.formats.conll import CLITIC_POLICIES, SEGMENT_MARKER
from annotator.core.layers import LayerFilter
from annotator.core.model import Span
from annotator.core.store import Store
from annotator.core.store.layers import iter_layers
from annotator.core.text.tokens import tokenize

_START = itemgetter(0)
_END = itemgetter(1)


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

    def document_lines(self, text: str, spans: list[Span]) -> list[list[str]]:
        """The sentences of one document layer, each a list of `token TAG…` lines."""
        report = self.report
        report.spans += len(spans)
        lines = text.split("\n")
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        pieces: list[list[_Piece]] = [[] for _ in lines]
        for order, span in enumerate(spans):
            first = bisect_right(starts, span.start) - 1
            last = bisect_right(starts, max(span.start, span.end - 1)) - 1
            for number in range(first, last + 1):
                lo = starts[number]
                start = max(span.start, lo) - lo
                end = min(span.end, lo + len(lines[number])) - lo
                if start < end:
                    pieces[number].append(_Piece(span.id, span.label, start, end, order))
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
        report.dropped += len({span.id for span in spans} - set(kept))
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
    LayerFilter.of(annotators, labels).check(store)


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
        for layer in iter_layers(store.db, LayerFilter.of(annotators, labels, done_only)):
            for span in layer.spans:
                if any(ch.isspace() for ch in span.label):
                    raise ValidationError(
                        f"label {span.label!r} holds a space, which a CoNLL tag cannot; "
                        "rename it or leave it out (--label)"
                    )
            sentences = exporter.document_lines(layer.document.text, layer.spans)
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
