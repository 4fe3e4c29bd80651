"""Which paragraphs of each document the questions cite, and which none does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quiz.domain.banks.model import Bank
from quiz.domain.documents import Library


@dataclass(frozen=True)
class DocumentCoverage:
    document: str
    title: str
    questions: int
    paragraphs: int
    uncited: tuple[tuple[int, str], ...]  # (paragraph number, its text)

    @property
    def cited(self) -> int:
        return self.paragraphs - len(self.uncited)


def coverage(banks: Iterable[Bank], library: Library) -> list[DocumentCoverage]:
    """Per document: questions citing it and paragraphs that no passage overlaps."""
    cited: dict[str, set[str]] = {d.id: set() for d in library}
    spans: dict[str, list[tuple[int, int]]] = {d.id: [] for d in library}
    for bank in banks:
        for q in bank.questions:
            for p in q.passages:
                cited[p.document].add(q.id)
                spans[p.document].append((p.start, p.end))
    report = []
    for doc in library:
        uncited = tuple(
            (n, doc.text[s:e])
            for n, (s, e) in enumerate(doc.paragraphs, 1)
            if not any(ps < e and s < pe for ps, pe in spans[doc.id])
        )
        report.append(
            DocumentCoverage(doc.id, doc.title, len(cited[doc.id]), len(doc.paragraphs), uncited)
        )
    return report
