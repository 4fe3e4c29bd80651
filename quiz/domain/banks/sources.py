"""The rules that tie a question to its documents: a quote must stand in its document,
and an explanation must not copy one."""

from __future__ import annotations

import weakref

from quiz.domain.banks.messages import Problems
from quiz.domain.documents import Library, Passage
from quiz.domain.questions.base import SourceSpec
from quiz.domain.text import normalise, words

MIN_QUOTE_CHARS = 20
COPY_RUN_WORDS = 8


class SourceChecks:
    """The checker a type's ``build`` reports to: collects problems, finds passages."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.problems: Problems = []

    def problem(self, field: str, message: str) -> None:
        self.problems.append((field, message))

    def passage(self, source: SourceSpec, field: str) -> Passage | None:
        """The passage *source* quotes, or None (with a problem) when it is not there."""
        document = self.library.get(source.document)
        if document is None:
            known = ", ".join(sorted(self.library.documents))
            self.problem(
                f"{field}.document",
                f"unknown document {source.document!r}; known documents: {known}",
            )
            return None
        if len(normalise(source.quote)) < MIN_QUOTE_CHARS:
            self.problem(
                f"{field}.quote",
                f"the quote is shorter than {MIN_QUOTE_CHARS} characters; "
                "quote the whole sentence or clause",
            )
            return None
        found = document.find(source.quote)
        if found is None:
            self.problem(
                f"{field}.quote",
                f"this text does not occur in document {source.document!r} (compared ignoring "
                "whitespace, typographic quotes and dashes); copy the passage from the document exactly",
            )
        return found

    def explanation(self, text: str) -> None:
        """An explanation is the project's own words: report one that is empty or copied."""
        if not text.strip():
            self.problem(
                "explanation",
                "the explanation is empty; say in your own words why the answer is right",
            )
            return
        copied = copied_run(text, self.library)
        if copied:
            self.problem(
                "explanation",
                f"copies {COPY_RUN_WORDS}+ consecutive words from a document ({copied!r}); "
                "quote only in source.quote and explain in your own words",
            )


def copied_run(text: str, library: Library) -> str | None:
    """The first run of COPY_RUN_WORDS words of *text* that stands in a document."""
    mine = words(text)
    runs = _document_runs(library)
    for i in range(len(mine) - COPY_RUN_WORDS + 1):
        run = tuple(mine[i : i + COPY_RUN_WORDS])
        if run in runs:
            return " ".join(run)
    return None


# Keyed by id(library) with a weak reference to the library itself: an id is reused once
# its library is freed, so the entry only counts when it still refers to *this* library.
_RUNS_CACHE: dict[int, tuple[weakref.ref[Library], frozenset[tuple[str, ...]]]] = {}


def _document_runs(library: Library) -> frozenset[tuple[str, ...]]:
    key = id(library)
    cached = _RUNS_CACHE.get(key)
    if cached is None or cached[0]() is not library:
        runs: set[tuple[str, ...]] = set()
        for document in library:
            w = words(document.text)
            runs.update(
                tuple(w[i : i + COPY_RUN_WORDS]) for i in range(len(w) - COPY_RUN_WORDS + 1)
            )
        cached = (weakref.ref(library), frozenset(runs))
        _RUNS_CACHE[key] = cached
    return cached[1]
