"""Answer forms, described without a form library: each question type says which controls
take its answer; the web layer renders them (quiz.web.forms.answers)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

FieldKind = Literal["radio", "checkboxes", "text", "select"]


@dataclass(frozen=True)
class FormField:
    """One control of an answer form, described without a form library."""

    name: str
    label: str
    kind: FieldKind
    required: str  # the message when nothing is given
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    placeholder: str = ""  # select: the empty first choice
    max_length: int = 200
    attrs: tuple[tuple[str, str], ...] = ()  # extra HTML attributes (inputmode, ...)


@dataclass(frozen=True)
class AnswerForm:
    fields: tuple[FormField, ...]
    hint: str = ""  # shown under the prompt


class InvalidAnswer(ValueError):
    """Submitted values that do not make an answer; *field* None: the form as a whole."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


FormValues = Mapping[str, Any]
FormData = dict[str, str | list[str]]
