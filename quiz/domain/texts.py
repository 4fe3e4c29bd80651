"""Documents from what an author uploads or pastes: plain text, Markdown or HTML, reduced
to plain text (one paragraph a line, headings on their own lines), and a document's
blocks for display: headings and paragraphs with their offsets in the text.

HTML is parsed, never passed through: scripts, styles and every tag are dropped, so an
uploaded document cannot bring markup or script into a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from quiz.domain.documents import Document

Format = Literal["text", "markdown", "html"]
_DROPPED = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "head")
_BLOCKS = (
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "br",
    "section",
)


def format_of(filename: str) -> Format:
    name = filename.lower()
    if name.endswith((".md", ".markdown")):
        return "markdown"
    if name.endswith((".html", ".htm")):
        return "html"
    return "text"


def to_plain_text(source: str, kind: Format) -> str:
    """The text a document keeps: paragraphs separated by a blank line."""
    from bs4 import (
        BeautifulSoup,
    )
    from markdown_it import MarkdownIt

    if kind == "markdown":
        source, kind = MarkdownIt("commonmark", {"html": False}).render(source), "html"
    if kind == "html":
        soup = BeautifulSoup(source, "html.parser")
        for tag in soup(list(_DROPPED)):
            tag.decompose()
        for tag in soup.find_all(list(_BLOCKS)):
            tag.insert_before("\n\n")
            tag.insert_after("\n\n")
        source = soup.get_text()
    lines = (" ".join(line.split()) for line in source.replace("\r\n", "\n").split("\n"))
    paragraphs = [p for p in re.split(r"\n{2,}", "\n".join(lines)) if p.strip()]
    return "\n\n".join(" ".join(p.split("\n")).strip() for p in paragraphs) + "\n"


@dataclass(frozen=True)
class Block:
    kind: Literal["heading", "paragraph"]
    start: int
    end: int
    text: str


def looks_like_heading(text: str) -> bool:
    """A short line that does not end a sentence or introduce a list reads as a heading."""
    stripped = text.strip()
    return (
        0 < len(stripped) <= 80
        and stripped[-1] not in ".:;,"
        and not stripped[0].islower()
        and "  " not in stripped
    )


def blocks(document: Document) -> list[Block]:
    """The document as headings and paragraphs, each with its offsets in the text."""
    return [
        Block(
            "heading" if looks_like_heading(document.text[s:e]) else "paragraph",
            s,
            e,
            document.text[s:e],
        )
        for s, e in document.paragraphs
    ]
