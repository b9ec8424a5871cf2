"""The table of formats: names, titles, settings, and where each reader, writer and
sniffer lives. Sniffers are tried in this order, most specific first (a doccano line is
also a JSONL line). Nothing here imports a reader or writer: that happens on first use."""

from __future__ import annotations

from annotator.core.formats.conll import CLITIC_POLICIES
from annotator.core.formats.registry import Format, FormatOption

_F = "annotator.core.formats"

JSONL = Format(
    name="jsonl",
    title="JSONL task lines (ours, Prodigy)",
    suffixes=(".jsonl", ".ndjson"),  # a .json file is JSONL when its content says so
    reader=f"{_F}.import_jsonl:read_jsonl",
    writer=f"{_F}.jsonl_format:write_jsonl_layers",
    sniffer=f"{_F}.jsonl_format:sniff_jsonl",
    stdout=True,
)

CONLL = Format(
    name="conll",
    title="CoNLL / BIO (nested tag columns, as Wojood)",
    suffixes=(".conll", ".conllu", ".bio", ".iob", ".iob2"),
    reader=f"{_F}.conll_format:read_conll",
    writer=f"{_F}.conll_format:write_conll_layers",
    sniffer=f"{_F}.conll_format:sniff_conll",
    stdout=True,
    options=(
        FormatOption(
            "--map-wojood",
            "map_wojood",
            "map Wojood types to the default labels (PERS->PERSON, ORG, GPE, LOC, DATE, EVENT)",
            "import",
            kind="flag",
        ),
        FormatOption(
            "--sentences-per-document",
            "sentences_per_document",
            "also end a document after every N sentences (files without `$#$` lines)",
            "import",
            kind="int",
        ),
        FormatOption(
            "--clitics",
            "clitics",
            "a span that leaves out a clitic such as و: tag the whole token (whole-token, "
            "default) or split the token at the span edge (split)",
            "export",
            default="whole-token",
            choices=CLITIC_POLICIES,
        ),
        FormatOption(
            "--no-pad",
            "no_pad",
            "leave out trailing O columns, as Wojood does",
            "export",
            kind="flag",
        ),
    ),
)

# In sniffing order. Each format added by its own module's functions, one entry here.
FORMATS: tuple[Format, ...] = (
    CONLL,
    JSONL,
)
