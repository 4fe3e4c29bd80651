"""A spreadsheet's rows (from CSV or XLSX alike) as questions: each column's meaning, and
each type's answer column (docs/interop.md, "Spreadsheets")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quiz.domain.interop import extension
from quiz.domain.interop.model import Category, Imported, Parsed, Problem
from quiz.domain.interop.shared import arranged, question_id, slug, tags, to_number

OPTIONS = 10
COLUMNS = (
    "id", "topic", "type", "prompt", "answer", "unit", "wrongfeedback", "explanation", "tags",
    "document", "quote",
    *(f"option{n}" for n in range(1, OPTIONS + 1)),
    *(f"feedback{n}" for n in range(1, OPTIONS + 1)),
)  # fmt: skip
ALIASES = {"question": "prompt", "category": "topic", "bank": "topic"}
TYPES = {
    "single": "single", "multiple": "multiple", "truefalse": "true_false",
    "shortanswer": "short_answer", "numeric": "numeric", "numerical": "numeric",
    "matching": "matching", "ordering": "ordering",
}  # fmt: skip
_NUMERIC = re.compile(
    r"^\s*(?P<a>[-+]?[\d.eE+-]+)\s*(?:(?P<range>\.\.)|(?P<tol>:|±|\+/?-))\s*(?P<b>[-+]?[\d.eE+-]+)\s*$"
)


class _Refused(ValueError):
    pass


def header_key(name: str) -> str:
    key = re.sub(r"[\s_-]+", "", name.strip().lower())
    return ALIASES.get(key, key)


@dataclass(frozen=True)
class Row:
    number: int
    values: list[str]

    def get(self, head: dict[str, int], key: str) -> str:
        at = head.get(key)
        return self.values[at].strip() if at is not None and at < len(self.values) else ""

    def name(self, head: list[str]) -> str:
        index = {key: n for n, key in enumerate(head)}
        return self.get(index, "id") or " ".join(self.get(index, "prompt").split()[:6])


def _choice(row: Row, head: dict[str, int], kind: str) -> dict[str, Any]:
    numbers = [n for n in range(1, OPTIONS + 1) if row.get(head, f"option{n}")]
    picked = []
    for token in re.split(r"[,;\s]+", row.get(head, "answer").upper()):
        if not token:
            continue
        n = int(token) if token.isdigit() else ord(token) - ord("A") + 1 if len(token) == 1 else 0
        if n not in numbers:
            raise _Refused(
                f"the answer {token!r} names no option (options: {', '.join(map(str, numbers))} or A, B, C...)"
            )
        picked.append(n)
    kind = kind or ("single" if len(picked) == 1 else "multiple")
    options = []
    for n in numbers:
        option: dict[str, Any] = {"text": row.get(head, f"option{n}")}
        if n in picked:
            option["correct"] = True
        if row.get(head, f"feedback{n}"):
            option["feedback"] = row.get(head, f"feedback{n}")
        options.append(option)
    return {"type": kind, "options": options}


def _true_false(row: Row, head: dict[str, int], kind: str) -> dict[str, Any]:
    answer = row.get(head, "answer").lower()
    if answer not in ("true", "t", "yes", "1", "false", "f", "no", "0"):
        raise _Refused(f"a true/false answer is TRUE or FALSE (found {answer!r})")
    return {"type": "true_false", "answer": answer in ("true", "t", "yes", "1")}


def _short(row: Row, head: dict[str, int], kind: str) -> dict[str, Any]:
    accepted = [a.strip() for a in row.get(head, "answer").split("|") if a.strip()]
    return {"type": "short_answer", "accepted": accepted}


def _numeric(row: Row, head: dict[str, int], kind: str) -> dict[str, Any]:
    text = row.get(head, "answer")
    found = _NUMERIC.match(text)
    if found:
        a, b = to_number(found.group("a")), to_number(found.group("b"))
        key = {"min": a, "max": b} if found.group("range") else {"value": a, "tolerance": b}
    else:
        key = {"value": to_number(text)}
    if any(v is None for v in key.values()):
        raise _Refused(f"a numeric answer is 35, 35 ± 5, 35:5 or 30..40 (found {text!r})")
    answer = {k: v for k, v in key.items() if v or k != "tolerance"}
    content: dict[str, Any] = {"type": "numeric", "answer": answer}
    if row.get(head, "unit"):
        content["unit"] = row.get(head, "unit")
    return content


def _matching(row: Row, head: dict[str, int], kind: str) -> dict[str, Any]:
    pairs: list[dict[str, str]] = []
    distractors: list[dict[str, str]] = []
    for n in range(1, OPTIONS + 1):
        cell, feedback = row.get(head, f"option{n}"), row.get(head, f"feedback{n}")
        if not cell:
            continue
        if "->" not in cell:
            raise _Refused(
                f"option {n} of a matching question is 'left -> right' (found {cell[:40]!r})"
            )
        left, _, right = (part.strip() for part in cell.partition("->"))
        found = {"left": left, "right": right} if left else {"text": right}
        (pairs if left else distractors).append(
            {**found, **({"feedback": feedback} if feedback else {})}
        )
    return {
        "type": "matching",
        "pairs": pairs,
        **({"distractors": distractors} if distractors else {}),
    }


def _ordering(row: Row, head: dict[str, int], kind: str) -> dict[str, Any]:
    items = [row.get(head, f"option{n}") for n in range(1, OPTIONS + 1)]
    return {"type": "ordering", "items": [item for item in items if item]}


_READERS: dict[str, Callable[[Row, dict[str, int], str], dict[str, Any]]] = {
    "": _choice, "single": _choice, "multiple": _choice, "true_false": _true_false,
    "short_answer": _short, "numeric": _numeric, "matching": _matching, "ordering": _ordering,
}  # fmt: skip


@dataclass
class _Reader:
    head: dict[str, int]
    questions: list[Imported] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def row(self, row: Row) -> None:
        if not any(row.values):
            return
        where, name = f"row {row.number}", row.name(list(self.head))
        written = row.get(self.head, "type")
        kind = TYPES.get(re.sub(r"[^a-z]", "", written.lower()), "?" if written else "")
        try:
            if kind == "?":
                raise _Refused(
                    f"the type {written!r} is not one of {', '.join(sorted(set(TYPES.values())))}"
                )
            fields = _READERS[kind](row, self.head, kind)
        except _Refused as refused:
            self.errors.append(Problem(where, name, str(refused)))
            return
        self._add(row, fields, where)

    def _add(self, row: Row, fields: dict[str, Any], where: str) -> None:
        def get(key: str) -> str:
            return row.get(self.head, key)

        qid, notes = question_id(get("id"), "", get("prompt"), self.ids)
        content = {"id": qid, "type": fields.pop("type"), "prompt": get("prompt"), **fields}
        content["explanation"] = get("explanation")
        if get("wrongfeedback"):
            content["wrong_feedback"] = get("wrongfeedback")
        found_tags, tag_notes = tags(t for t in re.split(r"[,;\s]+", get("tags")) if t)
        if found_tags:
            content["tags"] = found_tags
        if get("document") or get("quote"):
            content["source"] = {"document": get("document"), "quote": get("quote")}
        extension.apply(content, {}, notes)
        topic = get("topic")
        category = Category(slug(topic, "imported"), topic) if topic else None
        self.questions.append(
            Imported(arranged(content), where, category, tuple(notes + tag_notes))
        )


def read_rows(rows: list[Row], kind: str) -> Parsed:
    if not rows or not any(rows[0].values):
        return Parsed(
            kind,
            errors=(
                Problem(
                    "row 1", "", "the first row must name the columns (type, prompt, answer...)"
                ),
            ),
        )
    keys = [header_key(v) for v in rows[0].values]
    unknown = [
        v for v, k in zip(rows[0].values, keys, strict=True) if v.strip() and k not in COLUMNS
    ]
    missing = [k for k in ("type", "prompt") if k not in keys]
    errors = [
        Problem(
            "row 1",
            "",
            f"the column {v!r} is not one this import knows (docs/interop.md lists them)",
        )
        for v in unknown
    ]
    errors += [Problem("row 1", "", f"the column {k!r} is missing") for k in missing]
    if errors:
        return Parsed(kind, errors=tuple(errors))
    reader = _Reader({k: n for n, k in enumerate(keys) if k})
    for row in rows[1:]:
        reader.row(row)
    if not reader.questions and not reader.errors:
        reader.errors.append(
            Problem("the file", "", "no questions: every row below the header is empty")
        )
    categories = tuple({q.category.id: q.category for q in reader.questions if q.category}.values())
    return Parsed(kind, tuple(reader.questions), tuple(reader.errors), categories)
