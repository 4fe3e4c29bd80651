"""Authoring forms, described without a form library: each question type lists the fields
of its bank mapping an author fills in; these functions turn form values into the bank
mapping (the exchange format the checker reads) and back, and name the form field behind
each checker message, so a message is shown beside the field it is about.

Form names: a top-level field by its name (``prompt``); a group's field as
``group-field`` (``answer-value``, ``source-quote``); a row's field as ``rows-N-field``
(``options-2-feedback``), where a dotted field name is joined with ``_``
(``options-2-source_quote`` for ``options[2].source.quote``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

EditKind = Literal[
    "text", "textarea", "lines", "check", "truefalse", "number", "hidden", "document"
]


@dataclass(frozen=True)
class EditField:
    name: str  # its key in the bank mapping; dotted for a nested key ("source.quote")
    label: str
    kind: EditKind = "text"
    hint: str = ""


@dataclass(frozen=True)
class EditRows:
    """A list of mappings (options, pairs, distractors): a fixed number of rows, blank ones
    left out."""

    name: str
    label: str
    fields: tuple[EditField, ...]
    rows: int
    hint: str = ""


@dataclass(frozen=True)
class EditGroup:
    """A nested mapping (the numeric key's value, tolerance, min and max)."""

    name: str
    label: str
    fields: tuple[EditField, ...]
    hint: str = ""


EditPart = EditField | EditRows | EditGroup


@dataclass(frozen=True)
class Editor:
    parts: tuple[EditPart, ...]


WRONG_FEEDBACK = EditField(
    "wrong_feedback", "Feedback for a wrong answer", "textarea", "Say why a wrong answer is wrong."
)
OPTION_SOURCE = (
    EditField("source.document", "Passage of this option: document", "document"),
    EditField("source.quote", "Passage of this option: quote (optional)", "textarea"),
)


def form_name(path: str, rows: Mapping[str, list[int]] | None = None) -> str:
    """The form field a checker message about *path* belongs to (see the module's names).
    *rows* maps each list to the form row of each kept item (blank rows were dropped)."""
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]
    if not parts:
        return ""
    head = str(parts[0])
    if len(parts) > 1 and isinstance(parts[1], int):
        index = parts[1]
        if rows is not None and head in rows and index < len(rows[head]):
            index = rows[head][index]
        rest = "_".join(str(p) for p in parts[2:])
        return f"{head}-{index}-{rest}" if rest else f"{head}-{index}"
    return "-".join([head, "_".join(str(p) for p in parts[1:])]) if len(parts) > 1 else head


def _value(kind: EditKind, value: Any) -> Any:
    """A form value as the bank mapping holds it; None when left blank."""
    if kind in ("check", "truefalse", "lines"):
        return _SPECIAL[kind](value)
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    if kind == "number":
        return _number(text)
    return text


def _number(text: str) -> Any:
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    try:
        return float(text)
    except ValueError:
        return text  # the checker says it must be a number, beside this field


def _lines(value: Any) -> list[str] | None:
    lines = [line.strip() for line in str(value or "").splitlines()]
    return [line for line in lines if line] or None


def _truefalse(value: Any) -> bool | None:
    return (
        {"true": True, "false": False}.get(str(value).lower()) if value not in (None, "") else None
    )


_SPECIAL = {
    "check": lambda value: True if value else None,
    "truefalse": _truefalse,
    "lines": _lines,
}


def _put(target: dict[str, Any], dotted: str, value: Any) -> None:
    *path, last = dotted.split(".")
    for key in path:
        target = target.setdefault(key, {})
    target[last] = value


def _fields(fields: tuple[EditField, ...], values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in fields:
        value = _value(field.kind, values.get(field.name.replace(".", "_")))
        if value is not None:
            _put(out, field.name, value)
    return out


def to_content(
    editor: Editor, values: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The type's part of the bank mapping from form *values* (rows as lists of mappings,
    groups as mappings), and for each list the form row of each item kept."""
    content: dict[str, Any] = {}
    kept: dict[str, list[int]] = {}
    for part in editor.parts:
        if isinstance(part, EditRows):
            rows = [_fields(part.fields, row or {}) for row in values.get(part.name) or []]
            kept[part.name] = [n for n, row in enumerate(rows) if _filled(part, row)]
            content[part.name] = [_with_id(part, rows[n], n) for n in kept[part.name]]
        elif isinstance(part, EditGroup):
            content[part.name] = _fields(part.fields, values.get(part.name) or {})
        else:
            value = _value(part.kind, values.get(part.name))
            if value is not None:
                content[part.name] = value
    return content, kept


def _filled(part: EditRows, row: dict[str, Any]) -> bool:
    """A row counts when anything but its hidden id is filled in."""
    return any(key != "id" for key in row)


def _with_id(part: EditRows, row: dict[str, Any], n: int) -> dict[str, Any]:
    """Options need an id: a new row gets one from its place."""
    if any(f.name == "id" for f in part.fields) and "id" not in row:
        return {"id": f"option-{n + 1}", **row}
    return row


def to_values(editor: Editor, content: Mapping[str, Any]) -> dict[str, Any]:
    """Form values showing *content* (the inverse of :func:`to_content`), rows padded with
    blank ones up to the editor's count."""
    values: dict[str, Any] = {}
    for part in editor.parts:
        if isinstance(part, EditRows):
            rows = [_row_values(part.fields, item) for item in content.get(part.name) or []]
            values[part.name] = rows + [{}] * max(0, part.rows - len(rows))
        elif isinstance(part, EditGroup):
            values[part.name] = _row_values(part.fields, content.get(part.name) or {})
        else:
            values[part.name] = _shown(part.kind, content.get(part.name))
    return values


def _row_values(fields: tuple[EditField, ...], item: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for field in fields:
        value: Any = item
        for key in field.name.split("."):
            value = value.get(key) if isinstance(value, Mapping) else None
        out[field.name.replace(".", "_")] = _shown(field.kind, value)
    return out


def _shown(kind: EditKind, value: Any) -> Any:
    if kind == "lines":
        return "\n".join(str(v) for v in value or [])
    if kind == "truefalse":
        return "" if value is None else ("true" if value else "false")
    if kind == "check":
        return bool(value)
    return "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))


def question_content(
    type_name: str, editor: Editor, common: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """The whole bank mapping of a question from its authoring form, keys in the order a
    bank file has them: id, type, prompt, the type's fields, explanation, source, tags."""
    own, kept = to_content(editor, values)
    content: dict[str, Any] = {"id": str(common.get("id") or "").strip(), "type": type_name}
    # Empty text stays in, so the checker names it ("the prompt is empty") with the rest.
    content["prompt"] = _value("textarea", common.get("prompt")) or ""
    content.update(own)
    content["explanation"] = _value("textarea", common.get("explanation")) or ""
    source = {
        key: value
        for key, value in (("document", common.get("document")), ("quote", common.get("quote")))
        if _value("text", value) is not None
    }
    content["source"] = {k: str(v).strip() for k, v in source.items()}
    tags = [t.strip() for t in re.split(r"[,\s]+", str(common.get("tags") or "")) if t.strip()]
    if tags:
        content["tags"] = tags
    silenced = [str(code) for code in common.get("ignore_warnings") or []]
    if silenced:
        content["ignore_warnings"] = silenced
    return content, kept


def common_values(content: Mapping[str, Any]) -> dict[str, Any]:
    """The authoring form's common fields showing *content*."""
    source = content.get("source") or {}
    return {
        "id": content.get("id", ""),
        "prompt": content.get("prompt", ""),
        "explanation": content.get("explanation", ""),
        "document": source.get("document", "") if isinstance(source, Mapping) else "",
        "quote": source.get("quote", "") if isinstance(source, Mapping) else "",
        "tags": ", ".join(str(t) for t in content.get("tags") or []),
        "ignore_warnings": list(content.get("ignore_warnings") or []),
    }
