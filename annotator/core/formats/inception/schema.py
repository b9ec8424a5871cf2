"""The INCEpTION layers our annotations map to, shared by the XMI and TSV readers and
writers, and the file layout of an export (one folder per annotator layer).

Every span is a DKPro `NamedEntity` whose `value` is our label: INCEpTION attaches a
relation layer to one span layer, and SAID_BY links a QUOTE to a PERSON, so quotes,
speakers and claims sit in the same layer as the entities they link to. A span's
attributes (a claim's checkworthy, stance) go to `webanno.custom.NewsAttributes` over the
same characters (`label` names the span's label, `attributes` holds them as JSON);
relations are `webanno.custom.NewsRelation` (Governor = head, Dependent = child, `label`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NAMED_ENTITY = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
ATTRIBUTES = "webanno.custom.NewsAttributes"
RELATION = "webanno.custom.NewsRelation"
SENTENCE = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence"
TOKEN = "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
ANNOTATION = "uima.tcas.Annotation"
DOCUMENT_ANNOTATION = "uima.tcas.DocumentAnnotation"

GOVERNOR, DEPENDENT = "Governor", "Dependent"

# Types other tools put in a CAS that say nothing we keep (read without a warning).
IGNORED_TYPES = frozenset(
    {
        SENTENCE,
        TOKEN,
        METADATA,
        DOCUMENT_ANNOTATION,
        "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.TagsetDescription",
        "de.tudarmstadt.ukp.clarin.webanno.api.type.CASMetadata",
    }
)


@dataclass(frozen=True)
class TypeDef:
    """One type of the type system we write: name, supertype, (feature, range) pairs."""

    name: str
    supertype: str
    features: tuple[tuple[str, str], ...]


STRING = "uima.cas.String"

TYPES: tuple[TypeDef, ...] = (
    TypeDef(METADATA, DOCUMENT_ANNOTATION, (("documentTitle", STRING), ("documentId", STRING))),
    TypeDef(SENTENCE, ANNOTATION, ()),
    TypeDef(TOKEN, ANNOTATION, ()),
    TypeDef(NAMED_ENTITY, ANNOTATION, (("value", STRING), ("identifier", STRING))),
    TypeDef(ATTRIBUTES, ANNOTATION, (("label", STRING), ("attributes", STRING))),
    TypeDef(
        RELATION,
        ANNOTATION,
        ((GOVERNOR, NAMED_ENTITY), (DEPENDENT, NAMED_ENTITY), ("label", STRING)),
    ),
)

TYPE_SYSTEM_NAMES = ("TypeSystem.xml", "typesystem.xml")


def attributes_text(attributes: dict[str, Any]) -> str:
    """A span's attributes as the JSON text the `attributes` feature holds."""
    return json.dumps(attributes, ensure_ascii=False, sort_keys=True)


def parse_attributes(text: str) -> dict[str, Any]:
    """The attributes a feature holds; ValueError when it is not a JSON object of
    plain values."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise ValueError(f"attributes {text[:60]!r} are not JSON") from None
    if not isinstance(value, dict) or not all(
        isinstance(v, str | int | float | bool) for v in value.values()
    ):
        raise ValueError(f"attributes {text[:60]!r} are not an object of plain values")
    return value


# ---- the files of an export ------------------------------------------------------------

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def safe_name(name: str) -> str:
    """`name` usable as a file or folder name on every system."""
    cleaned = _UNSAFE.sub("_", name).strip().lstrip(".")
    return cleaned or "_"


def document_name(document_id: int, meta: dict[str, Any], taken: set[str]) -> str:
    """A file name (without suffix) for a document: its source file's name when it has one,
    else `document-<id>`; made unique among `taken` (which it joins)."""
    source = meta.get("file")
    stem = Path(source).stem if isinstance(source, str) and source.strip() else ""
    name = safe_name(stem) if stem else f"document-{document_id}"
    if name in taken:
        name = f"{name}-{document_id}"
    taken.add(name)
    return name


def layer_files(root: Path, suffix: str) -> Iterator[tuple[Path, str | None]]:
    """The files ending in `suffix` under `root` (or `root` itself), each with the
    annotator its folder names: a file in `root/<annotator>/` belongs to that annotator,
    a file directly in `root` (or named alone) to none."""
    if root.is_file():
        yield root, None
        return
    for path in sorted(root.rglob(f"*{suffix}")):
        if not path.is_file():
            continue
        parts = path.relative_to(root).parts
        yield path, parts[0] if len(parts) > 1 else None


def has_files(root: Path, suffix: str, limit: int = 200) -> Path | None:
    """A file ending in `suffix` in `root` or its subfolders (one level deep), looking at
    no more than `limit` entries (a folder of 100,000 articles is not listed); None if
    there is none."""
    seen = 0
    folders = [root]
    for depth in range(2):
        next_folders = []
        for folder in folders:
            try:
                entries = os.scandir(folder)
            except OSError:
                continue
            with entries:
                for entry in entries:
                    seen += 1
                    if seen > limit:
                        return None
                    if entry.name.lower().endswith(suffix) and entry.is_file():
                        return Path(entry.path)
                    if depth == 0 and entry.is_dir():
                        next_folders.append(Path(entry.path))
        folders = next_folders
    return None
