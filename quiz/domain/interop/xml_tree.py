"""Parsing XML safely into a small tree that knows each element's line.

defusedxml's SAX parser refuses entity declarations (so an "XML bomb" never expands),
external references and remote DTDs; every failure becomes one message naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

from quiz.domain.interop.model import FileRefused
from quiz.domain.interop.shared import decode


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Node] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def child(self, tag: str) -> Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> Iterator[Node]:
        return (c for c in self.children if c.tag == tag)

    def value(self, *path: str) -> str:
        """The text at *path* below this element ('' when absent)."""
        node: Node | None = self
        for tag in path:
            node = node.child(tag) if node else None
        return node.text if node else ""


class _Builder(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[Node] = [Node("(document)", {}, 0)]
        self.locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        line = self.locator.getLineNumber() if self.locator else 0
        node = Node(name, dict(attrs.items()), line or 0)
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def endElement(self, name: str) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        self.stack[-1].parts.append(content)


def parse(data: bytes, filename: str) -> Node:
    """The root element of *data*, or FileRefused with a message naming the line."""
    declared = re.match(rb"<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)", data[:200].lstrip())
    if declared is None or declared.group(1).lower() in (b"utf-8", b"utf8"):
        decode(data, filename)  # refuses text that is not UTF-8, naming the file
    import defusedxml.sax
    from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden

    builder = _Builder()
    try:
        defusedxml.sax.parseString(data, builder, forbid_dtd=False)
    except EntitiesForbidden:
        raise FileRefused(
            f"{filename} declares XML entities, which this app refuses: an entity can expand "
            "to gigabytes (an 'XML bomb'). Export the questions again without a DOCTYPE"
        ) from None
    except DTDForbidden:  # pragma: no cover - DTDs are allowed; their entities are not
        raise FileRefused(f"{filename} has a DOCTYPE, which this app refuses") from None
    except DefusedXmlException as error:
        raise FileRefused(
            f"{filename} refers to outside resources ({error}); remove them"
        ) from None
    except SAXParseException as error:
        raise FileRefused(
            f"{filename} is not well-formed XML: line {error.getLineNumber()}, column "
            f"{(error.getColumnNumber() or 0) + 1}: {error.getMessage()}"
        ) from None
    roots = builder.stack[0].children
    if not roots:
        raise FileRefused(f"{filename} has no XML element")
    return roots[0]
