"""The course documents: loading, paragraphs, and finding a quoted passage.

Plain Python, no Flask. A quote is located after normalising only whitespace,
typographic quotes and dashes, and its offsets are reported in the *original* text,
so the app can highlight the exact passage.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quiz.domain.text import TYPOGRAPHIC, normalise


@dataclass(frozen=True)
class Passage:
    """A verbatim quote located in a document: ``text[start:end]`` is the passage."""

    document: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One course document, read-only."""

    id: str
    title: str
    filename: str
    text: str
    short: str = ""  # how questions name it, e.g. "the guide"
    version: int = 1  # documents are versioned; a quote is checked against one version
    _normal: str = field(repr=False, compare=False, default="")
    _index: tuple[int, ...] = field(repr=False, compare=False, default=())

    @classmethod
    def from_text(
        cls, id: str, title: str, filename: str, text: str, short: str = "", version: int = 1
    ) -> Document:
        normal, index = _normalise_with_index(text)
        return cls(id, title, filename, text, short or title, version, normal, tuple(index))

    @property
    def digest(self) -> str:
        """A hash of what a reader sees: title, short name and text."""
        content = "\x00".join((self.title, self.short, self.text))
        return hashlib.sha256(content.encode("utf-8")).hexdigest()

    def find(self, quote: str) -> Passage | None:
        """Locate *quote* (normalised) in this document, or None when it is absent."""
        needle = normalise(quote)
        if not needle:
            return None
        at = self._normal.find(needle)
        if at < 0:
            return None
        start = self._index[at]
        end = self._index[at + len(needle) - 1] + 1
        return Passage(self.id, quote, start, end)

    @property
    def paragraphs(self) -> tuple[tuple[int, int], ...]:
        """(start, end) offsets of each non-blank line, the document's paragraphs."""
        spans = []
        for match in re.finditer(r"[^\n]+", self.text):
            if match.group().strip():
                lead = len(match.group()) - len(match.group().lstrip())
                spans.append((match.start() + lead, match.end()))
        return tuple(spans)


def _normalise_with_index(text: str) -> tuple[str, list[int]]:
    """Normalise like :func:`normalise`, remembering each output char's source offset."""
    out: list[str] = []
    index: list[int] = []
    pending_space = False
    for i, ch in enumerate(text.translate(TYPOGRAPHIC)):
        if ch.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            index.append(i - 1)
            pending_space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


@dataclass(frozen=True)
class Library:
    """The documents listed in ``sources/index.yaml``, by id."""

    documents: dict[str, Document]

    def get(self, document_id: str) -> Document | None:
        return self.documents.get(document_id)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents.values())


class SourcesIndexError(ValueError):
    """The sources index is missing or malformed."""


def load_library(sources_dir: Path) -> Library:
    """Read ``index.yaml`` and every document it lists from *sources_dir*."""
    index_path = sources_dir / "index.yaml"
    try:
        entries = yaml.safe_load(index_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SourcesIndexError(f"{index_path}: cannot read the sources index: {exc}") from exc
    if not isinstance(entries, list):
        raise SourcesIndexError(f"{index_path}: expected a list of documents")
    documents: dict[str, Document] = {}
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not {"id", "title", "file"} <= entry.keys():
            raise SourcesIndexError(f"{index_path}: entry {n} needs id, title and file")
        path = sources_dir / str(entry["file"])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SourcesIndexError(f"{index_path}: entry {entry['id']!r}: {exc}") from exc
        documents[str(entry["id"])] = Document.from_text(
            str(entry["id"]),
            str(entry["title"]),
            str(entry["file"]),
            text,
            str(entry.get("short", "")),
        )
    return Library(documents)


Segment = tuple[str, bool]  # (text, highlighted)


def segments(document: Document, span: tuple[int, int] | None) -> list[list[Segment]]:
    """The document's paragraphs, each split into plain and highlighted runs of text."""
    out = []
    for start, end in document.paragraphs:
        text = document.text[start:end]
        if span is None or span[1] <= start or end <= span[0]:
            out.append([(text, False)])
            continue
        a, b = max(span[0], start) - start, min(span[1], end) - start
        parts = [(text[:a], False), (text[a:b], True), (text[b:], False)]
        out.append([p for p in parts if p[0]])
    return out
