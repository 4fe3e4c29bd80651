"""The answers between a GIFT question's braces, told apart and read as Moodle does:
'#' numeric, '~' choice, '=' with '->' matching, T/TRUE/F/FALSE true/false, otherwise
short answer. Weights (``%50%``) and per-answer feedback (``#``) are read; what has no
place here (partial credit, feedback on a right answer) is dropped with a note."""

from __future__ import annotations

import re
from typing import Any

from quiz.domain.interop import mapping
from quiz.domain.interop.gift_text import restore, text_of
from quiz.domain.interop.mapping import Answer, Fields
from quiz.domain.interop.shared import to_number

_WEIGHT = re.compile(r"^%(-?\d{1,3}(?:\.\d*)?)%")


class Refused(ValueError):
    """A question this app cannot import, with the line it starts on."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def _answer(raw: str, fmt: str, default_weight: float) -> Answer:
    raw = raw.strip()
    weight = default_weight
    found = _WEIGHT.match(raw)
    if found:
        weight, raw = float(found.group(1)), raw[found.end() :]
    text, _, feedback = raw.partition("#")
    return Answer(weight, text_of(text, fmt)[1], text_of(feedback, fmt)[1])


def _split(text: str, markers: str, line: int, first_allowed: bool) -> list[tuple[str, str]]:
    """(marker, rest) for each answer; text before the first marker is refused unless
    *first_allowed* (an answer without a marker, as Moodle reads short answers)."""
    parts = re.split(f"(?=[{re.escape(markers)}])", text)
    head = parts.pop(0).strip()
    if head and not first_allowed:
        raise Refused(
            f"text before the first answer ({head[:40]!r}): start each answer with ~ or =", line
        )
    return ([("", head)] if head else []) + [(p[0], p[1:]) for p in parts]


def answers(text: str, fmt: str, line: int) -> Fields:
    """The type and its fields (a bank mapping's part), with notes on what was lost."""
    if not text:
        raise Refused(
            "empty braces {}: Moodle reads this as an essay question, which this app has no type for",
            line,
        )
    if text.startswith("#"):
        return _numeric(text[1:], fmt, line)
    if "~" in text:
        return _choice(text, fmt, line)
    if "=" in text and "->" in text:
        return _matching(text, fmt, line)
    head = text.partition("#")[0].strip()
    if head in ("T", "TRUE", "F", "FALSE"):
        return _true_false(text, fmt)
    return _short(text, fmt, line)


def _choice(text: str, fmt: str, line: int) -> Fields:
    parts = _split(text, "~=", line, False)
    found = [_answer(rest, fmt, 100.0 if marker == "=" else 0.0) for marker, rest in parts]
    return mapping.choice(found, single="=" in text)


def _true_false(text: str, fmt: str) -> Fields:
    head, wrong, right = [*text.split("#", 2), "", ""][:3]
    answer = head.strip() in ("T", "TRUE")
    return mapping.true_false(answer, text_of(wrong, fmt)[1], text_of(right, fmt)[1])


def _short(text: str, fmt: str, line: int) -> Fields:
    return mapping.short([_answer(rest, fmt, 100.0) for _m, rest in _split(text, "=", line, True)])


def _matching(text: str, fmt: str, line: int) -> Fields:
    pairs: list[dict[str, Any]] = []
    distractors: list[dict[str, Any]] = []
    for _marker, rest in _split(text, "=", line, False):
        if "->" not in rest:
            raise Refused(
                f"a matching answer needs 'left -> right' (found {rest.strip()[:40]!r})", line
            )
        left, _, right = rest.partition("->")
        left_text, right_text = text_of(left, fmt)[1], restore(right).strip()
        if left_text:
            pairs.append({"left": left_text, "right": right_text})
        else:
            distractors.append({"text": right_text})
    content: dict[str, Any] = {"type": "matching", "pairs": pairs}
    if distractors:
        content["distractors"] = distractors
    return content, []


def _numeric(text: str, fmt: str, line: int) -> Fields:
    wrong = ""
    if "~" in text:
        text, _, rest = text.partition("~")
        wrong = text_of(rest.partition("#")[2], fmt)[1]
    found = [_answer(rest, fmt, 100.0) for _m, rest in _split(text, "=", line, True)]
    if not any(a.weight >= 100 for a in found):
        raise Refused("a numeric question needs an answer with full credit, e.g. {#35:5}", line)
    return mapping.numeric([(a, _number_key(a.text, line)) for a in found], wrong)


def _number_key(text: str, line: int) -> dict[str, float]:
    """``35``, ``35:5`` (value and tolerance) or ``30..40`` (min and max)."""
    at = text.find("..", 1)
    if at > 0:
        values = {"min": to_number(text[:at]), "max": to_number(text[at + 2 :])}
    elif ":" in text:
        value, _, tolerance = text.partition(":")
        values = {"value": to_number(value), "tolerance": to_number(tolerance)}
    else:
        values = {"value": to_number(text)}
    if any(v is None for v in values.values()):
        raise Refused(f"not a number: {text!r} (write 35, 35:5 or 30..40)", line)
    return {k: v for k, v in values.items() if v is not None and not (k == "tolerance" and v == 0)}
