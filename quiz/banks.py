"""Loading and checking question banks: files -> validated, immutable Bank objects.

Plain Python, no Flask. ``load_banks`` reads every ``*.yaml`` bank in a folder, checks
each one completely against :mod:`quiz.schema` and the rules below, and returns the banks
that passed together with every error found. A bank with any error is rejected whole.

Run ``python -m quiz.banks [QUESTIONS_DIR]`` to check the banks from a shell.
"""

from __future__ import annotations

import hashlib
import json
import sys
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from quiz.documents import Library, Passage, load_library
from quiz.schema import QUESTION_TYPES, AnyQuestionSpec, BankSpec, SourceSpec
from quiz.text import normalise, normalise_answer, words

MIN_QUOTE_CHARS = 20
COPY_RUN_WORDS = 8

_QUESTION_ADAPTER: TypeAdapter[Any] = TypeAdapter(AnyQuestionSpec)


@dataclass(frozen=True)
class BankError:
    """One problem in a bank file, in words a bank author understands."""

    file: str
    question: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"question {self.question!r}, " if self.question else ""
        return f"{self.file}: {where}field {self.field!r}: {self.message}"


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool
    feedback: str
    passage: Passage | None = None


@dataclass(frozen=True)
class Pair:
    left: str
    right: str
    feedback: str


@dataclass(frozen=True)
class NumericKey:
    """Right when ``low <= response <= high``."""

    low: float
    high: float
    unit: str


@dataclass(frozen=True)
class Question:
    """A checked question. Type-specific fields are empty for the other types."""

    id: str
    bank: str
    type: str
    prompt: str
    explanation: str
    passage: Passage
    version: str
    tags: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()  # single, multiple
    answer: bool | None = None  # true_false
    pairs: tuple[Pair, ...] = ()  # matching
    distractors: tuple[Option, ...] = ()  # matching (extra right-hand choices)
    accepted: tuple[str, ...] = ()  # short_answer
    numeric: NumericKey | None = None  # numeric
    items: tuple[str, ...] = ()  # ordering, in the correct order
    wrong_feedback: str = ""
    ignore_warnings: tuple[str, ...] = ()  # lint codes this question silences (quiz/lint.py)

    @property
    def passages(self) -> tuple[Passage, ...]:
        """The question's passage and any wrong-option passages."""
        extra = tuple(o.passage for o in self.options if o.passage)
        return (self.passage, *extra)


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    description: str
    file: str
    questions: tuple[Question, ...]
    order: int = 100

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class LoadResult:
    banks: tuple[Bank, ...]
    errors: tuple[BankError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------- loading


def load_banks(questions_dir: Path, library: Library | None = None) -> LoadResult:
    """Load and check every bank in *questions_dir*; reject each bank with an error whole."""
    library = library or load_library(questions_dir / "sources")
    banks: list[Bank] = []
    errors: list[BankError] = []
    seen_questions: dict[str, str] = {}
    seen_banks: dict[str, str] = {}
    for path in sorted(questions_dir.glob("*.yaml")):
        name = _display_name(path, questions_dir)
        bank, bank_errors = check_bank_file(path, library, name)
        if bank is not None:
            bank_errors += _cross_bank_errors(bank, name, seen_banks, seen_questions)
        errors += bank_errors
        if bank is not None and not bank_errors:
            banks.append(bank)
            seen_banks[bank.id] = name
            seen_questions.update({q.id: name for q in bank.questions})
    return LoadResult(tuple(banks), tuple(errors))


def _display_name(path: Path, questions_dir: Path) -> str:
    return f"{questions_dir.name}/{path.name}"


def _cross_bank_errors(
    bank: Bank, name: str, seen_banks: dict[str, str], seen_questions: dict[str, str]
) -> list[BankError]:
    errors = []
    if bank.id in seen_banks:
        errors.append(
            BankError(name, None, "id", f"bank id {bank.id!r} is already used by {seen_banks[bank.id]}")
        )
    for q in bank.questions:
        if q.id in seen_questions:
            errors.append(
                BankError(name, q.id, "id", f"question id is already used in {seen_questions[q.id]}; ids must be unique across all banks")
            )
    return errors


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe YAML loader that refuses a key given twice in one mapping (the first
    would otherwise be dropped silently). libyaml's parser when PyYAML has it: the pure
    Python one took most of the start-up time (docs/performance.md)."""


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    seen: set = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the field {key!r} is given twice in one mapping", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def check_bank_file(path: Path, library: Library, name: str | None = None) -> tuple[Bank | None, list[BankError]]:
    """Parse and check one bank file. Returns the bank (None if unreadable) and its errors."""
    name = name or path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)  # noqa: S506 - safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return None, [BankError(name, None, "(file)", f"this is not valid YAML{line}: {problem}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [BankError(name, None, "(file)", f"cannot read the file: {exc}")]
    return check_bank_data(raw, library, name)


def check_bank_data(raw: Any, library: Library, name: str) -> tuple[Bank | None, list[BankError]]:
    """Check an already-parsed bank mapping (see :func:`check_bank_file`)."""
    if not isinstance(raw, dict):
        return None, [BankError(name, None, "(file)", "a bank file must be a mapping with id, title and questions")]
    try:
        spec = BankSpec.model_validate(raw)
    except ValidationError as exc:
        return None, [BankError(name, None, field, msg) for field, msg in _pydantic_errors(exc)]
    errors: list[BankError] = []
    questions: list[Question] = []
    ids: set[str] = set()
    for n, raw_q in enumerate(spec.questions, 1):
        qid = str(raw_q.get("id") or f"#{n} (no id)")
        if qid in ids:
            errors.append(BankError(name, qid, "id", "this id is used twice in this bank"))
        ids.add(qid)
        question, problems = _check_question(raw_q, spec.id, library)
        errors += [BankError(name, qid, field, msg) for field, msg in problems]
        if question is not None:
            questions.append(question)
    if not spec.questions:
        errors.append(BankError(name, None, "questions", "the bank has no questions"))
    return Bank(spec.id, spec.title, spec.description, name, tuple(questions), spec.order), errors


# ------------------------------------------------------------------- one question

Problems = list[tuple[str, str]]


def _check_question(raw: dict, bank_id: str, library: Library) -> tuple[Question | None, Problems]:
    try:
        spec = _QUESTION_ADAPTER.validate_python(raw)
    except ValidationError as exc:
        return None, _pydantic_errors(exc, tagged=True)
    problems: Problems = []
    passage = _check_source(spec.source, "source", library, problems)
    if not spec.explanation.strip():
        problems.append(("explanation", "the explanation is empty; say in your own words why the answer is right"))
    else:
        copied = _copied_run(spec.explanation, library)
        if copied:
            problems.append(("explanation", f"copies {COPY_RUN_WORDS}+ consecutive words from a document ({copied!r}); quote only in source.quote and explain in your own words"))
    if not spec.prompt.strip():
        problems.append(("prompt", "the prompt is empty"))
    fields = _TYPE_CHECKS[spec.type](spec, library, problems)
    if problems or passage is None:
        return None, problems
    question = Question(
        id=spec.id,
        bank=bank_id,
        type=spec.type,
        prompt=spec.prompt.strip(),
        explanation=spec.explanation.strip(),
        passage=passage,
        version=question_version(raw),
        tags=tuple(spec.tags),
        wrong_feedback=getattr(spec, "wrong_feedback", "").strip(),
        ignore_warnings=tuple(spec.ignore_warnings),
        **fields,
    )
    return question, problems


def question_version(raw: dict) -> str:
    """A short hash of the question's content: any edit gives a new version."""
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


def _check_source(source: SourceSpec, field: str, library: Library, problems: Problems) -> Passage | None:
    document = library.get(source.document)
    if document is None:
        known = ", ".join(sorted(library.documents))
        problems.append((f"{field}.document", f"unknown document {source.document!r}; known documents: {known}"))
        return None
    if len(normalise(source.quote)) < MIN_QUOTE_CHARS:
        problems.append((f"{field}.quote", f"the quote is shorter than {MIN_QUOTE_CHARS} characters; quote the whole sentence or clause"))
        return None
    passage = document.find(source.quote)
    if passage is None:
        problems.append((f"{field}.quote", f"this text does not occur in document {source.document!r} (compared ignoring whitespace, typographic quotes and dashes); copy the passage from the document exactly"))
    return passage


def _copied_run(text: str, library: Library) -> str | None:
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
_RUNS_CACHE: dict[int, tuple[weakref.ref, frozenset[tuple[str, ...]]]] = {}


def _document_runs(library: Library) -> frozenset[tuple[str, ...]]:
    key = id(library)
    cached = _RUNS_CACHE.get(key)
    if cached is None or cached[0]() is not library:
        runs = set()
        for document in library:
            w = words(document.text)
            runs.update(tuple(w[i : i + COPY_RUN_WORDS]) for i in range(len(w) - COPY_RUN_WORDS + 1))
        cached = (weakref.ref(library), frozenset(runs))
        _RUNS_CACHE[key] = cached
    return cached[1]


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dupes = []
    for v in values:
        if v in seen:
            dupes.append(v)
        seen.add(v)
    return dupes


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _check_options(spec: Any, library: Library, problems: Problems) -> dict:
    options = []
    for dup in _duplicates(o.id for o in spec.options):
        problems.append(("options", f"option id {dup!r} is used twice"))
    for dup in _duplicates(_key(o.text) for o in spec.options):
        problems.append(("options", f"two options have the same text {dup!r}"))
    for i, o in enumerate(spec.options):
        where = f"options[{i}]"
        if not o.text.strip():
            problems.append((f"{where}.text", f"option {o.id!r} has no text"))
        if not o.correct and not o.feedback.strip():
            problems.append((f"{where}.feedback", f"wrong option {o.id!r} has no feedback; say why it is wrong"))
        passage = _check_source(o.source, f"{where}.source", library, problems) if o.source else None
        options.append(Option(o.id, o.text.strip(), o.correct, o.feedback.strip(), passage))
    return {"options": tuple(options)}


def _check_single(spec: Any, library: Library, problems: Problems) -> dict:
    fields = _check_options(spec, library, problems)
    correct = sum(o.correct for o in spec.options)
    if len(spec.options) < 2:
        problems.append(("options", "a single-choice question needs at least 2 options"))
    if correct != 1:
        problems.append(("options", f"a single-choice question needs exactly one option with correct: true (found {correct})"))
    return fields


def _check_multiple(spec: Any, library: Library, problems: Problems) -> dict:
    fields = _check_options(spec, library, problems)
    correct = sum(o.correct for o in spec.options)
    if len(spec.options) < 3:
        problems.append(("options", "a multiple-choice question needs at least 3 options"))
    if correct < 2:
        problems.append(("options", f"a multiple-choice question needs at least two correct options (found {correct}); use type single for one"))
    if correct == len(spec.options):
        problems.append(("options", "a multiple-choice question needs at least one wrong option"))
    return fields


def _need_wrong_feedback(spec: Any, problems: Problems) -> None:
    if not spec.wrong_feedback.strip():
        problems.append(("wrong_feedback", "wrong_feedback is missing; say why a wrong answer is wrong"))


def _check_true_false(spec: Any, library: Library, problems: Problems) -> dict:
    _need_wrong_feedback(spec, problems)
    return {"answer": spec.answer}


def _check_matching(spec: Any, library: Library, problems: Problems) -> dict:
    if len(spec.pairs) < 2:
        problems.append(("pairs", "a matching question needs at least 2 pairs"))
    for dup in _duplicates(_key(p.left) for p in spec.pairs):
        problems.append(("pairs", f"the left item {dup!r} appears twice"))
    rights = [p.right for p in spec.pairs] + [d.text for d in spec.distractors]
    for dup in _duplicates(_key(r) for r in rights):
        problems.append(("pairs", f"the right-hand choice {dup!r} appears twice (pairs and distractors together)"))
    for i, p in enumerate(spec.pairs):
        if not p.left.strip() or not p.right.strip():
            problems.append((f"pairs[{i}]", "a pair needs both left and right text"))
        if not p.feedback.strip():
            problems.append((f"pairs[{i}].feedback", f"pair {p.left!r} has no feedback; say why another match is wrong"))
    for i, d in enumerate(spec.distractors):
        if not d.feedback.strip():
            problems.append((f"distractors[{i}].feedback", f"distractor {d.text!r} has no feedback; say why it matches nothing"))
    pairs = tuple(Pair(p.left.strip(), p.right.strip(), p.feedback.strip()) for p in spec.pairs)
    distractors = tuple(
        Option(f"d{i}", d.text.strip(), False, d.feedback.strip()) for i, d in enumerate(spec.distractors)
    )
    return {"pairs": pairs, "distractors": distractors}


def _check_short_answer(spec: Any, library: Library, problems: Problems) -> dict:
    _need_wrong_feedback(spec, problems)
    normal = [normalise_answer(a) for a in spec.accepted]
    if not spec.accepted:
        problems.append(("accepted", "a short-answer question needs at least one accepted answer"))
    if any(not n for n in normal):
        problems.append(("accepted", "an accepted answer is empty once punctuation is removed"))
    for dup in _duplicates(normal):
        problems.append(("accepted", f"two accepted answers are the same once normalised ({dup!r})"))
    return {"accepted": tuple(a.strip() for a in spec.accepted)}


def _check_numeric(spec: Any, library: Library, problems: Problems) -> dict:
    _need_wrong_feedback(spec, problems)
    a = spec.answer
    if not spec.unit.strip():
        problems.append(("unit", "give the unit of the answer (for example hours, mg, percent)"))
    if a.value is not None and (a.min is not None or a.max is not None):
        problems.append(("answer", "give either value (with tolerance) or min and max, not both"))
        return {}
    if a.value is not None:
        if a.tolerance < 0:
            problems.append(("answer.tolerance", "the tolerance cannot be negative"))
        return {"numeric": NumericKey(a.value - abs(a.tolerance), a.value + abs(a.tolerance), spec.unit.strip())}
    if a.min is None or a.max is None:
        problems.append(("answer", "give value (with an optional tolerance), or both min and max"))
        return {}
    if a.min > a.max:
        problems.append(("answer", f"min ({a.min:g}) is greater than max ({a.max:g})"))
    return {"numeric": NumericKey(a.min, a.max, spec.unit.strip())}


def _check_ordering(spec: Any, library: Library, problems: Problems) -> dict:
    _need_wrong_feedback(spec, problems)
    if len(spec.items) < 3:
        problems.append(("items", "an ordering question needs at least 3 items"))
    for dup in _duplicates(_key(i) for i in spec.items):
        problems.append(("items", f"the item {dup!r} appears twice"))
    return {"items": tuple(i.strip() for i in spec.items)}


_TYPE_CHECKS = {
    "single": _check_single,
    "multiple": _check_multiple,
    "true_false": _check_true_false,
    "matching": _check_matching,
    "short_answer": _check_short_answer,
    "numeric": _check_numeric,
    "ordering": _check_ordering,
}
assert set(_TYPE_CHECKS) == set(QUESTION_TYPES)


# -------------------------------------------------------------- pydantic messages

_MESSAGES = {
    "missing": "this field is required",
    "extra_forbidden": "unknown field (check its spelling against docs/banks.md)",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "list_type": "must be a list",
    "dict_type": "must be a mapping (field: value)",
    "model_type": "must be a mapping (field: value)",
    "model_attributes_type": "must be a mapping (field: value)",
    "string_pattern_mismatch": "use lowercase letters, digits and '-' only",
    "string_too_long": "is too long",
    "union_tag_not_found": "this field is required",
}


def _pydantic_errors(exc: ValidationError, tagged: bool = False) -> Problems:
    """Problems from a pydantic error; *tagged*: the location starts with the question type."""
    out: Problems = []
    for err in exc.errors():
        loc = list(err["loc"])
        if tagged and loc and loc[0] in QUESTION_TYPES:
            loc = loc[1:]  # only the union's tag, not a field that happens to share its name
        kind = err["type"]
        if kind == "union_tag_not_found":
            loc = ["type"]
        if kind == "union_tag_invalid":
            given = err.get("ctx", {}).get("tag")
            out.append(("type", f"unknown question type {given!r}; use one of {', '.join(QUESTION_TYPES)}"))
            continue
        message = _MESSAGES.get(kind, err["msg"])
        if kind == "string_type" and isinstance(err.get("input"), bool):
            message += " (YAML reads bare yes/no/true/false as true or false: put the text in quotes)"
        out.append((_loc_to_field(loc) or "(file)", message))
    return out


def _loc_to_field(loc: list) -> str:
    field = ""
    for part in loc:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    return field


# ------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class DocumentCoverage:
    document: str
    title: str
    questions: int
    paragraphs: int
    uncited: tuple[tuple[int, str], ...]  # (paragraph number, its text)


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
        paragraphs = doc.paragraphs
        uncited = tuple(
            (n, doc.text[s:e])
            for n, (s, e) in enumerate(paragraphs, 1)
            if not any(ps < e and s < pe for ps, pe in spans[doc.id])
        )
        report.append(DocumentCoverage(doc.id, doc.title, len(cited[doc.id]), len(paragraphs), uncited))
    return report


def iter_questions(banks: Iterable[Bank]) -> Iterator[Question]:
    for bank in banks:
        yield from bank.questions


def main(argv: list[str] | None = None) -> int:
    """Check the banks in a folder from the shell; exit 1 when any bank has an error."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "questions"
    result = load_banks(folder)
    for error in result.errors:
        print(error)
    total = sum(len(b.questions) for b in result.banks)
    print(f"{len(result.banks)} bank(s) loaded, {total} question(s), {len(result.errors)} error(s)")
    return 1 if result.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
