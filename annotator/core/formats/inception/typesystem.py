"""The UIMA type system beside every XMI file: written from `schema.TYPES`, and read (safely)
to know which types and features an XMI file may use."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.files.safe_xml import parse_xml
from annotator.core.formats.inception.schema import TYPE_SYSTEM_NAMES, TYPES

RESOURCE_NS = "http://uima.apache.org/resourceSpecifier"


def type_system_xml() -> str:
    """TypeSystem.xml declaring the types our XMI files use (UIMA's built-in ones aside)."""
    root = ET.Element("typeSystemDescription", {"xmlns": RESOURCE_NS})
    types = ET.SubElement(root, "types")
    for typedef in TYPES:
        node = ET.SubElement(types, "typeDescription")
        ET.SubElement(node, "name").text = typedef.name
        ET.SubElement(node, "description")
        ET.SubElement(node, "supertypeName").text = typedef.supertype
        if typedef.features:
            features = ET.SubElement(node, "features")
            for name, range_type in typedef.features:
                feature = ET.SubElement(features, "featureDescription")
                ET.SubElement(feature, "name").text = name
                ET.SubElement(feature, "description")
                ET.SubElement(feature, "rangeTypeName").text = range_type
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


@dataclass
class TypeSystem:
    """The types a type system file declares: name -> (supertype, feature names)."""

    path: Path
    supertypes: dict[str, str] = field(default_factory=dict)
    features: dict[str, set[str]] = field(default_factory=dict)

    def declares(self, name: str) -> bool:
        """True for a declared type and for UIMA's own (`uima.*`)."""
        return name in self.supertypes or name.startswith("uima.")

    def is_a(self, name: str, ancestor: str) -> bool:
        """True if `name` is `ancestor` or inherits from it."""
        seen: set[str] = set()
        while name and name not in seen:
            if name == ancestor:
                return True
            seen.add(name)
            name = self.supertypes.get(name, "")
        return False


def find_type_system(xmi: Path, root: Path) -> Path | None:
    """The type system file beside `xmi`, or in a folder above it up to `root`."""
    folder = xmi.parent
    while True:
        for name in TYPE_SYSTEM_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        if folder == root or root not in folder.parents:
            return None
        folder = folder.parent


def read_type_system(path: Path) -> TypeSystem:
    """The types `path` declares; InputError (file, line) if it is not a type system."""
    top = parse_xml(path)
    if top.local != "typeSystemDescription":
        raise InputError(str(path), "not a UIMA type system (typeSystemDescription)", top.line)
    system = TypeSystem(path)
    types = top.find("types")
    for node in types.children if types is not None else []:
        if node.local != "typeDescription":
            continue
        name = node.child_text("name")
        if not name:
            raise InputError(str(path), "a typeDescription without a name", node.line)
        system.supertypes[name] = node.child_text("supertypeName") or "uima.cas.TOP"
        features = node.find("features")
        system.features[name] = {
            f.child_text("name")
            for f in (features.children if features is not None else [])
            if f.local == "featureDescription"
        }
    return system
