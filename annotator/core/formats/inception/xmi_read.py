"""Reading UIMA CAS XMI (INCEpTION's export, cassis, ours) with the type system beside it.

Named entities become spans labelled with their `value`; `webanno.custom.NewsAttributes`
gives their attributes and `webanno.custom.NewsRelation` (or any type with `Governor` and
`Dependent` pointing at named entities and a `label`) their relations. UIMA offsets are
UTF-16 positions, converted to code points with `Utf16Map`. Tokens, sentences and metadata
are not needed; any other annotation type is counted and named in a warning.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.files.safe_xml import XmlNode, parse_xml
from annotator.core.formats.inception.layer_read import (
    LayerFile,
    LayerFilesReport,
    read_layer_files,
)
from annotator.core.formats.inception.schema import (
    ATTRIBUTES,
    DEPENDENT,
    GOVERNOR,
    IGNORED_TYPES,
    METADATA,
    NAMED_ENTITY,
    has_files,
    layer_files,
    parse_attributes,
)
from annotator.core.formats.inception.typesystem import (
    TypeSystem,
    find_type_system,
    read_type_system,
)
from annotator.core.formats.parsed import ParsedLine, ParsedRelation, ParsedSpan
from annotator.core.formats.registry import head_text
from annotator.core.formats.store_parsed import ImportOptions
from annotator.core.store import Store
from annotator.core.text.offsets import Utf16Map, check_span_bounds

XMI_NS = "http://www.omg.org/XMI"
XMI_ID = f"{XMI_NS} id"
INITIAL_VIEW = "_InitialView"


def sniff_xmi(path: Path) -> bool:
    """An `.xmi` file, an XML file whose root is `xmi:XMI`, or a folder holding `.xmi`
    files (in it or in its subfolders)."""
    if path.is_dir():
        return has_files(path, ".xmi") is not None
    if path.suffix.lower() == ".xmi":
        return True
    head = head_text(path, 2048).lstrip()
    return head.startswith("<?xml") and "<xmi:XMI" in head


def read_xmi(store: Store, path: Path, options: ImportOptions) -> LayerFilesReport:
    """Import an XMI file or a folder of them (`<annotator>/<document>.xmi`)."""
    files = list(layer_files(path, ".xmi"))
    systems: dict[Path, TypeSystem] = {}  # each type system file read once

    def parse(xmi: Path, root: Path) -> LayerFile:
        return parse_xmi_file(xmi, root, systems)

    return read_layer_files(store, path, ".xmi", options, parse, files)


def _type_name(node: XmlNode) -> str:
    """The UIMA type of an element: its namespace `http:///a/b.ecore` is package `a.b`."""
    namespace = node.namespace
    if not (namespace.startswith("http:///") and namespace.endswith(".ecore")):
        return ""
    package = namespace[len("http:///") : -len(".ecore")].replace("/", ".")
    return f"{package}.{node.local}"


def _sofa(path: Path, top: XmlNode) -> tuple[str, str]:
    """(xmi:id, text) of the initial view's Sofa."""
    sofas = [n for n in top.children if _type_name(n) == "uima.cas.Sofa"]
    sofa = next((s for s in sofas if s.attrs.get("sofaID") == INITIAL_VIEW), None)
    sofa = sofa or (sofas[0] if sofas else None)
    if sofa is None or "sofaString" not in sofa.attrs:
        line = sofa.line if sofa is not None else top.line
        raise InputError(str(path), "no document text (a cas:Sofa with a sofaString)", line)
    return sofa.attrs.get(XMI_ID, ""), sofa.attrs["sofaString"]


class _Offsets:
    """UTF-16 begin/end of an element to code points, checked against the text."""

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text, self.map = path, text, Utf16Map(text)

    def __call__(self, node: XmlNode, what: str) -> tuple[int, int]:
        where = f"{what} {node.attrs.get('begin')}..{node.attrs.get('end')}"
        try:
            begin, end = int(node.attrs.get("begin", "")), int(node.attrs.get("end", ""))
        except ValueError:
            problem = f"{where}: begin and end must be whole numbers"
            raise InputError(str(self.path), problem, node.line) from None
        try:
            start, stop = self.map.to_codepoint(begin), self.map.to_codepoint(end)
        except ValueError as exc:
            raise InputError(str(self.path), f"{where}: {exc}", node.line) from None
        problem = check_span_bounds(self.text, start, stop)
        if problem is not None:
            raise InputError(str(self.path), f"{where}: {problem}", node.line)
        return start, stop


def parse_xmi_file(
    path: Path, root: Path, systems: dict[Path, TypeSystem] | None = None
) -> LayerFile:
    """One XMI document: its text, named entities, their attributes and relations
    (`systems` keeps the type systems already read, by file)."""
    system_path = find_type_system(path, root)
    if system_path is None:
        raise InputError(
            str(path),
            "no TypeSystem.xml beside it: an XMI file is read with its type system",
            1,
        )
    systems = systems if systems is not None else {}
    if system_path not in systems:
        systems[system_path] = read_type_system(system_path)
    system = systems[system_path]
    top = parse_xml(path)
    if top.tag != f"{XMI_NS} XMI":
        raise InputError(str(path), "not UIMA CAS XMI (the root is not xmi:XMI)", top.line)
    sofa_id, text = _sofa(path, top)
    offsets = _Offsets(path, text)
    layer = LayerFile(ParsedLine(text, {"file": path.name}, None, None, [], []))
    by_id: dict[str, ParsedSpan] = {}
    attributes: dict[tuple[int, int, str], tuple[dict, int]] = {}
    relations: list[XmlNode] = []
    ignored: Counter[str] = Counter()
    for node in top.children:
        name = _type_name(node)
        if name.startswith("uima.cas."):
            continue
        if not system.declares(name):
            problem = f"type {name or node.tag!r} is not declared in {system_path.name}"
            raise InputError(str(path), problem, node.line)
        if node.attrs.get("sofa", sofa_id) != sofa_id:
            ignored[f"{name} (another view)"] += 1
        elif system.is_a(name, NAMED_ENTITY):
            _named_entity(node, offsets, layer, by_id, ignored)
        elif system.is_a(name, ATTRIBUTES):
            start, end = offsets(node, "NewsAttributes")
            try:
                values = parse_attributes(node.attrs.get("attributes", "{}"))
            except ValueError as exc:
                raise InputError(str(path), str(exc), node.line) from None
            attributes[(start, end, node.attrs.get("label", ""))] = (values, node.line)
        elif GOVERNOR in system.features.get(name, ()) or GOVERNOR in node.attrs:
            relations.append(node)
        elif system.is_a(name, METADATA):
            _metadata(node, layer.parsed.meta)
        elif name not in IGNORED_TYPES:
            ignored[name] += 1
    _attach_attributes(path, layer, attributes)
    for node in relations:
        _relation(path, node, layer, by_id, ignored)
    layer.notes.extend(
        f"{count} {'annotation' if count == 1 else 'annotations'} of type {name} not read"
        for name, count in sorted(ignored.items())
    )
    return layer


def _named_entity(
    node: XmlNode,
    offsets: _Offsets,
    layer: LayerFile,
    by_id: dict[str, ParsedSpan],
    ignored: Counter[str],
) -> None:
    start, end = offsets(node, "NamedEntity")
    label = node.attrs.get("value", "").strip()
    if not label:
        ignored["NamedEntity without a value"] += 1
        return
    span = ParsedSpan(start, end, label, refs=[node.attrs.get(XMI_ID, "")])
    layer.parsed.spans.append(span)
    by_id[node.attrs.get(XMI_ID, "")] = span
    layer.label_lines.setdefault(label, node.line)


def _metadata(node: XmlNode, meta: dict) -> None:
    title, document = node.attrs.get("documentTitle"), node.attrs.get("documentId")
    if title:
        meta["title"] = title
    if document:
        meta["file"] = document


def _attach_attributes(
    path: Path, layer: LayerFile, attributes: dict[tuple[int, int, str], tuple[dict, int]]
) -> None:
    spans = {(s.start, s.end, s.label): s for s in layer.parsed.spans}
    for key, (values, line) in attributes.items():
        span = spans.get(key)
        if span is None:
            problem = f"NewsAttributes for {key[2]!r} cover no NamedEntity of that label"
            raise InputError(str(path), problem, line)
        span.attributes = values


def _relation(
    path: Path,
    node: XmlNode,
    layer: LayerFile,
    by_id: dict[str, ParsedSpan],
    ignored: Counter[str],
) -> None:
    head, child = node.attrs.get(GOVERNOR), node.attrs.get(DEPENDENT)
    label = (node.attrs.get("label") or node.attrs.get("value") or "").strip()
    if head is None or child is None or not label:
        ignored[f"{node.local} without Governor, Dependent or label"] += 1
        return
    for role, ref in ((GOVERNOR, head), (DEPENDENT, child)):
        if ref not in by_id:
            problem = f"{node.local} {role} {ref} is not a NamedEntity of this document"
            raise InputError(str(path), problem, node.line)
    layer.parsed.relations.append(ParsedRelation(head, child, label))
    layer.label_lines.setdefault(label, node.line)
