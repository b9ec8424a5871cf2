"""The dataset card (README.md): a YAML header `datasets.load_dataset` reads (the data
files of each split and the features, `ner_tags` as a ClassLabel with our tag names), then
labels, counts, annotators, agreement, license and how the data was made.

Names from the project (labels, annotators) are escaped: the card is never markup."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotator.core.formats.hf_dataset.rows import CLASS_LABEL, COLUMNS, FEATURES
from annotator.core.formats.hf_dataset.split import SPLITS

LICENSE = "unknown — set by the project owner"

# What YAML may not hold as it is in a double-quoted scalar (non-printable characters and
# line breaks, which PyYAML would read as a new line).
_YAML_ESCAPE = re.compile(
    "[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ud800-\\udfff\\ufeff\\ufffe\\uffff]"
)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def yaml_string(value: str) -> str:
    """`value` as a YAML double-quoted scalar."""
    inner = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _YAML_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", inner) + '"'


def md(value: object) -> str:
    """Plain text for a Markdown table cell or line (markup characters escaped)."""
    return " ".join(_MARKDOWN.sub(r"\\\1", str(value)).split())


@dataclass
class SplitFacts:
    """One split's counts."""

    rows: int = 0
    documents: int = 0
    tokens: int = 0
    tags: Counter[str] = field(default_factory=Counter)  # entity mentions in ner_tags
    spans: Counter[str] = field(default_factory=Counter)  # every span, by label


@dataclass
class DatasetFacts:
    """What the card says."""

    name: str
    labels: tuple[str, ...]
    tag_names: list[str]
    splits: dict[str, SplitFacts]  # the splits written, in SPLITS order
    annotators: Counter[str]  # rows per annotator
    filters: str
    seed: int
    ratios: tuple[float, float, float]
    agreement: list[str]
    notes: list[str]


def _feature_yaml(feature: Any, indent: str, tag_names: list[str]) -> list[str]:
    """The lines under a feature's name (see `rows.FEATURES` for the shapes)."""
    if feature == CLASS_LABEL:
        lines = [f"{indent}class_label:", f"{indent}  names:"]
        lines += [f"{indent}    '{i}': {yaml_string(name)}" for i, name in enumerate(tag_names)]
        return lines
    if isinstance(feature, str):
        return [f"{indent}dtype: {feature}"]
    if isinstance(feature, list):
        (inner,) = feature
        if isinstance(inner, str) and inner != CLASS_LABEL:
            return [f"{indent}list: {inner}"]
        return [f"{indent}list:", *_feature_yaml(inner, indent + "  ", tag_names)]
    lines = []
    for name, inner in feature:
        lines.append(f"{indent}- name: {name}")
        lines += _feature_yaml(inner, indent + "  ", tag_names)
    return lines


def yaml_header(facts: DatasetFacts) -> list[str]:
    """The card's YAML front matter."""
    lines = [
        "---",
        "language:",
        "- ar",
        "license: unknown",
        f"pretty_name: {yaml_string(facts.name)}",
        "task_categories:",
        "- token-classification",
        "task_ids:",
        "- named-entity-recognition",
        "configs:",
        "- config_name: default",
        "  data_files:",
    ]
    for split in facts.splits:
        lines += [f"  - split: {split}", f"    path: {split}.jsonl"]
    lines += ["dataset_info:", "  features:"]
    lines += _feature_yaml(FEATURES, "  ", facts.tag_names)
    lines.append("---")  # no `splits`: `datasets` wants their size in bytes of Arrow data
    return lines


def _count_table(facts: DatasetFacts) -> list[str]:
    splits = list(facts.splits)
    lines = [
        "| label | " + " | ".join(splits) + " | all spans |",
        "|---|" + "---:|" * (len(splits) + 1),
    ]
    every = Counter()
    for counts in facts.splits.values():
        every.update(counts.spans)
    tagged = set(facts.labels)
    others = sorted(label for label, n in every.items() if n and label not in tagged)
    for label in [*facts.labels, *others]:
        cells = [
            str(facts.splits[split].tags[label]) if label in tagged else "–" for split in splits
        ]
        lines.append(f"| {md(label)} | " + " | ".join(cells) + f" | {every[label]} |")
    return lines


def card_text(facts: DatasetFacts) -> str:
    """The whole README.md."""
    splits = facts.splits
    ratio_text = ", ".join(
        f"{name} {ratio:g}" for name, ratio in zip(SPLITS, facts.ratios, strict=True)
    )
    lines = [
        *yaml_header(facts),
        "",
        f"# {md(facts.name)}",
        "",
        "Arabic news articles annotated for named entities, quotes, speakers and claims, "
        "as token classification data: one row per article per annotator layer.",
        "",
        "```python",
        "from datasets import load_dataset",
        'dataset = load_dataset("path/to/this/folder")',
        'names = dataset["train"].features["ner_tags"].feature.names',
        "```",
        "",
        "## Labels",
        "",
        f"`ner_tags` are IOB2 tags over {', '.join(map(md, facts.labels)) or 'no label'} "
        f"({len(facts.tag_names)} tags, `O` first). Entity mentions tagged per split, and "
        "every span per label in the `spans` column (nested and overlapping spans included, "
        "and labels that are not tags):",
        "",
        *_count_table(facts),
        "",
        "## Splits",
        "",
        "| split | rows | documents | tokens |",
        "|---|---:|---:|---:|",
        *(f"| {n} | {c.rows} | {c.documents} | {c.tokens} |" for n, c in splits.items()),
        "",
        f"Split by document (every layer of a document is in the same split), shuffled with "
        f"seed {facts.seed}, shares {ratio_text}.",
        "",
        "## Annotators",
        "",
        "| annotator | rows |",
        "|---|---:|",
        *(f"| {md(name)} | {rows} |" for name, rows in sorted(facts.annotators.items())),
        "",
        "## Agreement",
        "",
        *facts.agreement,
        "",
        "## Columns",
        "",
        *(f"- `{name}`: {text}" for name, text in COLUMNS.items()),
        "",
        "## How it was made",
        "",
        f"Exported by the Arabic news annotator (`annotator export --format hf`) from the "
        f"project {md(facts.name)}; {md(facts.filters)}. Tokens come from its Arabic-aware "
        "tokenizer, cut at every span edge of every layer of the text, so every span covers "
        "whole tokens (a clitic left out of a span, as in و|موسكو, is a token of its own). "
        "Where two entity spans overlap, `ner_tags` keep the longer (outer) one.",
        *([""] + [f"- {md(note)}" for note in facts.notes] if facts.notes else []),
        "",
        "## License",
        "",
        LICENSE,
        "",
    ]
    return "\n".join(lines)
