"""CoNLL/BIO (IOB2), nested tags included (the Wojood layout): the format as read by
`conll_import` and written by `conll_export`, and the names both use.

File format, as read and as written
-----------------------------------
One token per line, then one or more tags separated by tabs or spaces (both are read;
the export writes tabs unless ``separator="space"``): ``O``, ``B-TYPE`` or ``I-TYPE``.
Each tag column is one nesting level, outer first (Wojood writes ``نابلس I-OCC B-GPE``: a
GPE inside an OCC). A blank line ends a sentence. A line whose token is ``$#$`` (with
``O`` tags or none) is a segment marker. A line that starts with ``#`` is a comment and
skipped, unless it reads as a token line (``# O`` is the token ``#``).

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
    row) store no document and are counted. A segment whose text is stored already is
    the same document (documents are identified by their text), so importing a file
    twice adds nothing.

    The lines between a document's last token and the next document's first token, when
    they are not the usual ``$#$ O`` and one blank line, are kept in the document's meta
    as ``conll_after`` (``["$#$", "$#$", ""]`` for an empty segment, ``["$#$"]`` for a
    marker inside a sentence), so the export lays the file out the same way again.

Import: tags to spans
    In each column, ``B-X`` starts a span of type X and ``I-X`` continues the span of type X
    open in that column on the previous token. ``I-X`` with no span open there, or after a
    span of another type, starts a new span: such repairs are counted and listed in the
    report with their lines. A sentence end, a marker, ``O`` or a missing column (Wojood
    leaves out trailing ``O`` columns) ends the span. Spans are whole tokens; a span's
    text is its tokens joined by single spaces.

Import: labels
    A type is looked up in ``label_map`` first (`WOJOOD_TO_DEFAULT` maps the six Wojood types
    that our default scheme has: PERS -> PERSON, ORG, GPE, LOC, DATE, EVENT; the export's
    ``wojood=True`` maps PERSON back to PERS). A label the project lacks is an error naming
    the line, unless ``create_labels`` adds it (an entity label). Imported spans go to the
    layer of ``annotator`` (default "imported"; "gold" is the adjudicated layer, written
    only with a ``reviewer``), and every imported document is marked in progress in that
    layer, so a segment without entities is still part of the layer and is exported again.
    A folder of ``<annotator>.conll`` files (the per-annotator export, see `conll_folder`)
    gives one layer per file, named by the file.

The whole file is one transaction: an error (a line with no tag, a malformed tag, bytes
that are not UTF-8, a NUL character, an unknown label, an empty file) raises InputError
with the file and line, and nothing of the file stays stored.

Export
    One document per (document, annotator layer), in document order, the layers as
    `export_layers.document_groups` selects them (a document nobody has annotated or opened
    is not exported). Sentences are the lines of the text (split at ``"\\n"``; lines
    without tokens, such as blank lines between paragraphs, are left out), tokens are
    `tokenize` tokens. Documents are separated by a ``$#$ O`` line right after the last
    token of a document, then a blank line (Wojood's own layout), or by the lines kept in
    the document's ``conll_after``; there is no marker after the last document. The file
    holds data only: no comment line, unless ``header=True``. With ``per_annotator`` (see
    `conll_folder`) each annotator's layers go to a file of their own in a folder.

    Tag columns: spans are laid out greedily, each in the first column that is free over
    its tokens, in reading order (outer spans first): for properly nested spans a span's
    column is its nesting depth, outer first. Crossing spans get a further column. With
    ``pad=True`` (default) every line has as many tag columns as the deepest nesting in the
    file, ``O`` padded; ``pad=False`` leaves out trailing ``O`` columns, as Wojood does.
    ``outer_only=True`` writes the first column only (one tag per token, as spaCy's
    ``convert -c ner``, doccano and seqeval read it); the spans of the other columns are
    counted in the report.

    Spans that do not cover whole tokens (a span that leaves out the clitic و of وموسكو)
    follow ``clitics``: "whole-token" (default, as Wojood and ANERcorp annotate) tags the
    whole token, so the span is widened; "split" cuts the token at the span edge, so ``و``
    gets O and ``موسكو`` B-GPE (where a cut would split a character the span is widened
    instead). A span that crosses a line break is cut into one span per line; a span
    holding no token (only spaces) is dropped; two spans that become the same tokens and
    label are written once. The report counts all of these, and says what CoNLL cannot
    carry: relations, span attributes, a layer's "done" status, and (in one file) which
    annotator a layer was.

    Text does not survive a round trip through CoNLL exactly where it is not already
    tokens separated by single spaces: ``بوتين،`` is exported as two tokens and comes back
    as ``بوتين ،``; blank lines are lost (the report counts such documents). Documents
    that came from a CoNLL file come back unchanged.
"""

from __future__ import annotations

from typing import Any

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


DEFAULT_TO_WOJOOD: dict[str, str] = {
    label: kind for kind, label in WOJOOD_TO_DEFAULT.items() if label != kind
}
"""The export's `wojood` mapping: our labels back to Wojood's types (PERSON -> PERS)."""

SEPARATORS: dict[str, str] = {"tab": "\t", "space": " "}
DEFAULT_SEPARATOR = "tab"

LAYOUT_KEY = "conll_after"
DEFAULT_AFTER: tuple[str, ...] = (SEGMENT_MARKER, "")


def layout_after(meta: dict[str, Any]) -> tuple[str, ...]:
    """The lines to write between a document and the next one: the ones its import kept
    in ``meta["conll_after"]`` (markers and blank lines holding at least one marker), else
    a ``$#$`` line and a blank line."""
    kept = meta.get(LAYOUT_KEY) if isinstance(meta, dict) else None
    if (
        isinstance(kept, list)
        and SEGMENT_MARKER in kept
        and all(line in DEFAULT_AFTER for line in kept)
    ):
        return tuple(kept)
    return DEFAULT_AFTER
