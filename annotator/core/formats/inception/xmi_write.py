"""Writing layers as UIMA CAS XMI (XML 1.0), the format INCEpTION imports with its type
system: `OUT/<annotator>/<document>.xmi` and `OUT/<annotator>/TypeSystem.xml`.

Offsets in a CAS are Java string positions (UTF-16 code units): every begin/end is
converted from our code points with `Utf16Map`. The text is an attribute (`sofaString`),
escaped by ElementTree; never markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import IO, Any

from annotator.core.formats.export_layers import ExportProgress
from annotator.core.formats.export_report import ExportReport
from annotator.core.formats.inception.layer_files import Segments, write_layer_files
from annotator.core.formats.inception.schema import (
    ATTRIBUTES,
    METADATA,
    NAMED_ENTITY,
    RELATION,
    SENTENCE,
    TOKEN,
    attributes_text,
)
from annotator.core.formats.inception.typesystem import type_system_xml
from annotator.core.layers import Layer, LayerFilter
from annotator.core.store import Store
from annotator.core.text.offsets import Utf16Map

XMI_NS = "http://www.omg.org/XMI"
CAS_NS = "http:///uima/cas.ecore"
# XML namespace prefix of each type's package (any prefix will do; these read well)
PREFIXES = {
    "de.tudarmstadt.ukp.dkpro.core.api.ner.type": "ner",
    "de.tudarmstadt.ukp.dkpro.core.api.metadata.type": "metadata",
    "de.tudarmstadt.ukp.dkpro.core.api.segmentation.type": "segmentation",
    "webanno.custom": "custom",
}
# Characters XML 1.0 cannot hold, even escaped.
NOT_XML_10 = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def type_namespace(type_name: str) -> str:
    """The XML namespace UIMA gives a type's package: dots become slashes."""
    package = type_name.rpartition(".")[0]
    return "http:///" + package.replace(".", "/") + ".ecore"


def _qualified(type_name: str) -> str:
    package, _, local = type_name.rpartition(".")
    return f"{PREFIXES[package]}:{local}"


class _Cas:
    """An XMI document being built: ids handed out in order, members of the one view."""

    def __init__(self) -> None:
        attrs = {"xmlns:xmi": XMI_NS, "xmlns:cas": CAS_NS}
        attrs.update({f"xmlns:{p}": type_namespace(f"{k}.X") for k, p in PREFIXES.items()})
        attrs["xmi:version"] = "2.0"
        self.root = ET.Element("xmi:XMI", attrs)
        ET.SubElement(self.root, "cas:NULL", {"xmi:id": "0"})
        self.members: list[str] = []

    def add(self, type_name: str, begin: int, end: int, **features: str) -> str:
        """Add an annotation of the initial view; its xmi:id."""
        xmi_id = str(len(self.members) + 2)  # 0 is NULL, 1 the Sofa
        attrs = {"xmi:id": xmi_id, "sofa": "1", "begin": str(begin), "end": str(end)}
        attrs.update({k: v for k, v in features.items() if v is not None})
        ET.SubElement(self.root, _qualified(type_name), attrs)
        self.members.append(xmi_id)
        return xmi_id

    def finish(self, text: str) -> str:
        ET.SubElement(
            self.root,
            "cas:Sofa",
            {
                "xmi:id": "1",
                "sofaNum": "1",
                "sofaID": "_InitialView",
                "mimeType": "text",
                "sofaString": text,
            },
        )
        ET.SubElement(self.root, "cas:View", {"sofa": "1", "members": " ".join(self.members)})
        ET.indent(self.root, space="")  # one element a line: errors can name the line
        body = ET.tostring(self.root, encoding="unicode")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def render_xmi(layer: Layer, parts: Segments, name: str, report: ExportReport) -> str | None:
    """One layer of one document as an XMI document (None when XML 1.0 cannot hold it)."""
    doc = layer.document
    text = doc.text
    bad = NOT_XML_10.search(text)
    if bad:
        report.note(
            f"document {doc.id} not written: it holds U+{ord(bad.group()):04X}, which "
            "XML 1.0 cannot carry"
        )
        return None
    utf16 = Utf16Map(text).to_utf16
    cas = _Cas()
    cas.add(
        METADATA,
        0,
        utf16(len(text)),
        documentTitle=doc.title or None,
        documentId=str(doc.meta.get("file") or name),
        language="ar",
    )
    tokens = parts.tokens
    for first, stop in parts.sentences:
        cas.add(SENTENCE, utf16(tokens[first][0]), utf16(tokens[stop - 1][1]))
    for start, end in tokens:
        cas.add(TOKEN, utf16(start), utf16(end))
    ids: dict[int, tuple[str, int, int]] = {}
    for span in layer.spans:
        begin, end = utf16(span.start), utf16(span.end)
        ids[span.id] = (cas.add(NAMED_ENTITY, begin, end, value=span.label), begin, end)
        report.spans += 1
    for span in layer.spans:
        if span.attributes:
            _, begin, end = ids[span.id]
            cas.add(
                ATTRIBUTES,
                begin,
                end,
                label=span.label,
                attributes=attributes_text(span.attributes),
            )
    for rel in layer.relations:
        head, child = ids.get(rel.head_id), ids.get(rel.child_id)
        if head is None or child is None:
            continue
        cas.add(RELATION, child[1], child[2], Governor=head[0], Dependent=child[0], label=rel.label)
        report.relations += 1
    return cas.finish(text)


def _write_type_system(folder: Path) -> None:
    (folder / "TypeSystem.xml").write_text(type_system_xml(), encoding="utf-8")


def write_xmi(
    store: Store,
    target: Path | IO[str],
    layers: LayerFilter,
    _options: dict[str, Any],
    progress: ExportProgress | None = None,
) -> ExportReport:
    """Write every selected layer as XMI, with the type system in each annotator folder."""
    return write_layer_files(
        store, target, layers, progress, ".xmi", render_xmi, _write_type_system
    )
