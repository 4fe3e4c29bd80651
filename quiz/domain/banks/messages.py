"""pydantic's validation errors, in words a bank author understands."""

from __future__ import annotations

from pydantic import ValidationError

from quiz.domain.questions import QUESTION_TYPES

Problems = list[tuple[str, str]]

_MESSAGES = {
    "missing": "this field is required",
    "extra_forbidden": "unknown field (check its spelling against docs/banks.md)",
    "string_type": "must be text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "list_type": "must be a list",
    "dict_type": "must be a mapping (field: value)",
    "model_type": "must be a mapping (field: value)",
    "model_attributes_type": "must be a mapping (field: value)",
    "string_pattern_mismatch": "use lowercase letters, digits and '-' only",
    "string_too_long": "is too long",
    "union_tag_not_found": "this field is required",
}


def pydantic_problems(exc: ValidationError, tagged: bool = False) -> Problems:
    """(field, message) pairs; *tagged*: locations start with the question type's tag."""
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
            known = ", ".join(QUESTION_TYPES)
            out.append(("type", f"unknown question type {given!r}; use one of {known}"))
            continue
        message = _MESSAGES.get(kind, err["msg"])
        if kind == "literal_error":
            message = f"use one of {err.get('ctx', {}).get('expected', 'the documented values')}"
        if kind == "string_type" and isinstance(err.get("input"), bool):
            message += (
                " (YAML reads bare yes/no/true/false as true or false: put the text in quotes)"
            )
        out.append((field_name(loc) or "(file)", message))
    return out


def field_name(loc: list[int | str]) -> str:
    """``questions[2].options[0].text`` from pydantic's location tuple."""
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name
