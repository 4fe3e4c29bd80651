"""Reading bank files: strict YAML, the header, each question through its type.

A bank with any error is rejected whole; ``load_banks`` returns the banks that passed
together with every error found, so one broken file never stops the others.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from quiz.domain.banks.hostile import MAX_BANK_BYTES, Refused, check_nodes
from quiz.domain.banks.messages import Problems, pydantic_problems
from quiz.domain.banks.model import Bank, BankError, LoadResult
from quiz.domain.banks.schema import QUESTION_ADAPTER, BankSpec
from quiz.domain.banks.sources import SourceChecks
from quiz.domain.documents import Library, load_library
from quiz.domain.questions import TYPES, Question


def load_banks(questions_dir: Path, library: Library | None = None) -> LoadResult:
    """Load and check every bank in *questions_dir*; reject each bank with an error whole."""
    library = library or load_library(questions_dir / "sources")
    banks: list[Bank] = []
    errors: list[BankError] = []
    seen_questions: dict[str, str] = {}
    seen_banks: dict[str, str] = {}
    for path in sorted(questions_dir.glob("*.yaml")):
        name = f"{questions_dir.name}/{path.name}"
        bank, bank_errors = check_bank_file(path, library, name)
        if bank is not None:
            bank_errors += _cross_bank_errors(bank, name, seen_banks, seen_questions)
        errors += bank_errors
        if bank is not None and not bank_errors:
            banks.append(bank)
            seen_banks[bank.id] = name
            seen_questions.update({q.id: name for q in bank.questions})
    return LoadResult(tuple(banks), tuple(errors))


def _cross_bank_errors(
    bank: Bank, name: str, seen_banks: dict[str, str], seen_questions: dict[str, str]
) -> list[BankError]:
    errors = []
    if bank.id in seen_banks:
        message = f"bank id {bank.id!r} is already used by {seen_banks[bank.id]}"
        errors.append(BankError(name, None, "id", message))
    for q in bank.questions:
        if q.id in seen_questions:
            message = (
                f"question id is already used in {seen_questions[q.id]}; "
                "ids must be unique across all banks"
            )
            errors.append(BankError(name, q.id, "id", message))
    return errors


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe YAML loader that refuses a key given twice in one mapping (the first
    would otherwise be dropped silently). libyaml's parser when PyYAML has it: the pure
    Python one took most of the start-up time (docs/performance.md)."""


def _mapping_without_duplicates(loader: Any, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the field {key!r} is given twice in one mapping", key_node.start_mark
            )
        seen.add(key)
    return dict(loader.construct_mapping(node))


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)


def check_bank_file(
    path: Path, library: Library, name: str | None = None
) -> tuple[Bank | None, list[BankError]]:
    """Parse and check one bank file. Returns the bank (None if unreadable) and its errors.
    A hostile file (huge, aliases, odd keys, endless numbers) gets a message, like any
    other mistake, in bounded time and memory; it never stops the other banks."""
    name = name or path.name
    try:
        raw = parse_bank_file(path)
    except Refused as refused:
        return None, [BankError(name, refused.question, refused.field, refused.message)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        return None, [BankError(name, None, "(file)", f"this is not valid YAML{line}: {problem}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [BankError(name, None, "(file)", f"cannot read the file: {exc}")]
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        message = f"cannot read the file ({type(exc).__name__}): {str(exc)[:200]}"
        return None, [BankError(name, None, "(file)", message)]
    return check_bank_data(raw, library, name)


def parse_bank_file(path: Path) -> Any:
    """The YAML of a bank file, read strictly (a key given twice is an error), its nodes
    checked (hostile.check_nodes) before any is built; raises Refused for a hostile file."""
    size = path.stat().st_size
    if size > MAX_BANK_BYTES:
        raise Refused(
            None,
            "(file)",
            f"the file has {size:,} bytes; a bank file may have at most {MAX_BANK_BYTES:,}: "
            "split it into several banks",
        )
    loader = _StrictLoader(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_nodes(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def check_bank_data(raw: Any, library: Library, name: str) -> tuple[Bank | None, list[BankError]]:
    """Check an already-parsed bank mapping (see :func:`check_bank_file`)."""
    if not isinstance(raw, dict):
        message = "a bank file must be a mapping with id, title and questions"
        return None, [BankError(name, None, "(file)", message)]
    try:
        spec = BankSpec.model_validate(raw)
    except ValidationError as exc:
        return None, [BankError(name, None, field, msg) for field, msg in pydantic_problems(exc)]
    errors: list[BankError] = []
    questions: list[Question] = []
    ids: set[str] = set()
    for n, raw_q in enumerate(spec.questions, 1):
        qid = str(raw_q.get("id") or f"#{n} (no id)")
        if qid in ids:
            errors.append(BankError(name, qid, "id", "this id is used twice in this bank"))
        ids.add(qid)
        question, problems = check_question(raw_q, spec.id, library)
        errors += [BankError(name, qid, field, msg) for field, msg in problems]
        if question is not None:
            questions.append(question)
    if not spec.questions:
        errors.append(BankError(name, None, "questions", "the bank has no questions"))
    bank = Bank(spec.id, spec.title, spec.description, name, tuple(questions), spec.order)
    return bank, errors


def check_question(
    raw: dict[str, Any], bank_id: str, library: Library
) -> tuple[Question | None, Problems]:
    """One question through the same checks wherever it comes from."""
    try:
        spec = QUESTION_ADAPTER.validate_python(raw)
    except ValidationError as exc:
        return None, pydantic_problems(exc, tagged=True)
    checks = SourceChecks(library)
    passage = checks.passage(spec.source, "source")
    checks.explanation(spec.explanation)
    if not spec.prompt.strip():
        checks.problem("prompt", "the prompt is empty")
    common = {
        "id": spec.id,
        "bank": bank_id,
        "type": spec.type,
        "prompt": spec.prompt.strip(),
        "explanation": spec.explanation.strip(),
        "passage": passage,
        "version": question_version(raw),
        "tags": tuple(spec.tags),
        "ignore_warnings": tuple(spec.ignore_warnings),
    }
    question = TYPES[spec.type].build(spec, common, checks)
    if checks.problems or passage is None or question is None:
        return None, checks.problems
    return question, checks.problems


def question_version(raw: dict[str, Any]) -> str:
    """A short hash of the question's content: any edit gives a new version."""
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
