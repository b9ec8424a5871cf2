"""Parsing XML from input files safely: no DTD, no entities, every element with its line.

Expat would expand entities declared in a DOCTYPE (a few hundred bytes can grow into
gigabytes) and `xml.etree` keeps no line numbers. `parse_xml` refuses any DOCTYPE or
entity declaration, turns any XML error into an InputError naming the file and line, and
returns plain `XmlNode` records that know the line they started on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from annotator.core.errors import InputError
from annotator.core.files.input_files import read_input

NS_SEP = " "  # between a namespace URI and a local name in `XmlNode.tag`


@dataclass
class XmlNode:
    """One element: `tag` is "uri local" for namespaced names, else the bare name."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[XmlNode] = field(default_factory=list)
    text: str = ""

    @property
    def local(self) -> str:
        """The name without its namespace."""
        return self.tag.rpartition(NS_SEP)[2]

    @property
    def namespace(self) -> str:
        return self.tag.rpartition(NS_SEP)[0]

    def find(self, local: str) -> XmlNode | None:
        """The first child called `local` (any namespace)."""
        return next((c for c in self.children if c.local == local), None)

    def child_text(self, local: str) -> str:
        """The stripped text of the first child called `local`, "" when missing."""
        node = self.find(local)
        return node.text.strip() if node is not None else ""


class _Refused(Exception):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def parse_xml(path: Path) -> XmlNode:
    """The root element of the XML file at `path`; InputError (file and line) when it is
    not well-formed, declares a DOCTYPE or entities, or is too large to read."""
    data = read_input(path)
    parser = expat.ParserCreate(namespace_separator=NS_SEP)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[XmlNode] = []
    roots: list[XmlNode] = []

    def refuse(*_args: object) -> None:
        raise _Refused("declares a DOCTYPE or entities, which are refused")

    def start(tag: str, attrs: dict[str, str]) -> None:
        node = XmlNode(tag, attrs, parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        if stack:
            stack[-1].text += data

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise InputError(str(path), exc.problem, parser.CurrentLineNumber) from None
    except expat.ExpatError as exc:
        problem = f"not well-formed XML ({expat.errors.messages[exc.code]})"
        raise InputError(str(path), problem, exc.lineno) from None
    except RecursionError:
        raise InputError(str(path), "XML nested too deeply", parser.CurrentLineNumber) from None
    if not roots:
        raise InputError(str(path), "no XML element", 1)
    return roots[0]
