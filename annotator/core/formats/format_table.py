"""The table of formats: names, titles, settings, and where each reader, writer and
sniffer lives. Sniffers are tried in this order, most specific first (a doccano line is
also a JSONL line). Nothing here imports a reader or writer: that happens on first use."""

from __future__ import annotations

from annotator.core.formats.conll import CLITIC_POLICIES, DEFAULT_SEPARATOR, SEPARATORS
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
    folder_option="per_annotator",
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
        FormatOption(
            "--separator",
            "separator",
            "between a token and its tags: tab (default; doccano and CoNLL-U readers need "
            "it) or space (Wojood's layout); the import reads both",
            "export",
            default=DEFAULT_SEPARATOR,
            choices=tuple(SEPARATORS),
        ),
        FormatOption(
            "--outer-only",
            "outer_only",
            "one tag column: the outer spans only (spaCy convert -c ner, doccano, seqeval)",
            "export",
            kind="flag",
        ),
        FormatOption(
            "--per-annotator",
            "per_annotator",
            "write a folder with one <annotator>.conll file per annotator, so an import "
            "gives back each layer",
            "export",
            kind="flag",
        ),
        FormatOption(
            "--map-wojood",
            "map_wojood",
            "write Wojood's type names: PERSON as PERS (the import's --map-wojood, reversed)",
            "export",
            kind="flag",
        ),
        FormatOption(
            "--header-comment",
            "header_comment",
            "start the file with a `# exported by annotator: …` line (our import skips it; "
            "spaCy and doccano do not)",
            "export",
            kind="flag",
        ),
    ),
)

ENTS_LABELS = FormatOption(
    "--ents-labels",
    "ents_labels",
    "labels of the one non-overlapping entity set (doc.ents, ner_tags), comma-separated; "
    "where two overlap the longer is kept (default: every entity-kind label)",
    "export",
)

SPACY = Format(
    name="spacy",
    title="spaCy DocBin (.spacy training data)",
    suffixes=(".spacy",),
    writer=f"{_F}.spacy_docbin:write_spacy_docbin",
    binary=True,
    options=(
        ENTS_LABELS,
        FormatOption(
            "--spans-key",
            "spans_key",
            "the doc.spans key that holds every span, nested ones too (default: sc)",
            "export",
            default="sc",
        ),
    ),
)

HF = Format(
    name="hf",
    title="Hugging Face dataset (token classification folder)",
    writer="annotator.core.team.dataset_agreement:write_hf_dataset_with_agreement",
    output="folder",
    options=(
        ENTS_LABELS,
        FormatOption(
            "--split",
            "split",
            "shares of documents for train,validation,test (default: 0.8,0.1,0.1)",
            "export",
            default="0.8,0.1,0.1",
        ),
        FormatOption(
            "--seed",
            "seed",
            "seed of the shuffle that shares documents out between splits (default: 0)",
            "export",
            default=0,
            kind="int",
        ),
    ),
)

XMI = Format(
    name="xmi",
    title="INCEpTION / UIMA CAS XMI (with TypeSystem.xml)",
    suffixes=(".xmi",),
    reader=f"{_F}.inception.xmi_read:read_xmi",
    writer=f"{_F}.inception.xmi_write:write_xmi",
    sniffer=f"{_F}.inception.xmi_read:sniff_xmi",
    output="folder",
)

WEBANNO_TSV = Format(
    name="webanno-tsv",
    title="INCEpTION / WebAnno TSV 3.3",
    suffixes=(".tsv",),
    reader=f"{_F}.inception.tsv_read:read_webanno_tsv",
    writer=f"{_F}.inception.tsv_write:write_webanno_tsv",
    sniffer=f"{_F}.inception.tsv_read:sniff_webanno_tsv",
    output="folder",
)

LABEL_STUDIO = Format(
    name="label-studio",
    title="Label Studio JSON tasks (with a labeling config)",
    suffixes=(".json",),
    reader=f"{_F}.label_studio.reader:read_label_studio",
    writer=f"{_F}.label_studio.writer:write_label_studio",
    sniffer=f"{_F}.label_studio.tasks_file:sniff_label_studio",
    stdout=True,
    options=(
        FormatOption(
            "--ls-text-key",
            "ls_text_key",
            "the task data field holding the text (default: text, or the only text field)",
            "import",
        ),
        FormatOption(
            "--ls-config",
            "ls_config",
            "where the labeling config goes (default: beside the tasks, TASKS.labeling-config.xml)",
            "export",
        ),
        FormatOption(
            "--ls-emails",
            "ls_emails",
            "write annotator names as completed_by emails (Label Studio's import then "
            "credits its members with those emails, and refuses unknown ones)",
            "export",
            kind="flag",
        ),
    ),
)

BRAT = Format(
    name="brat",
    title="brat standoff (.txt + .ann per document, a folder per annotator)",
    suffixes=(".ann",),
    reader=f"{_F}.brat.brat_import:read_brat",
    writer=f"{_F}.brat.brat_export:write_brat",
    sniffer=f"{_F}.brat.brat_import:sniff_brat",
    output="folder",
)

DOCCANO = Format(
    name="doccano",
    title="doccano JSONL (sequence labelling, relations) and JSON arrays",
    suffixes=(".jsonl", ".json"),
    reader=f"{_F}.doccano.reader:read_doccano",
    writer=f"{_F}.doccano.writer:write_doccano",
    sniffer=f"{_F}.doccano.reader:sniff_doccano",
    stdout=True,
    options=(
        FormatOption(
            "--doccano-shape",
            "doccano_shape",
            "entities (default: entities and relations, for doccano's sequence labelling "
            "with relations) or label (the older [start, end, label] triples; no relations)",
            "export",
            default="entities",
            choices=("entities", "label"),
        ),
    ),
)

# In sniffing order. Each format added by its own module's functions, one entry here.
FORMATS: tuple[Format, ...] = (
    BRAT,
    XMI,
    WEBANNO_TSV,
    LABEL_STUDIO,
    CONLL,
    DOCCANO,
    JSONL,
    SPACY,
    HF,
)
