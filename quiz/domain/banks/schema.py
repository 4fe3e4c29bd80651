"""The bank file's shape: its header, and one question spec per registered type.

Structural rules (fields, types, unknown fields) are pydantic's; rules that need the
documents or span fields are each type's ``build`` and :mod:`quiz.domain.banks.sources`.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from quiz.domain.questions import TYPES
from quiz.domain.questions.base import Slug, Spec, Text


class BankSpec(Spec):
    """The bank header; questions are validated one by one so errors name their id."""

    id: Slug
    title: Text
    description: Text = ""
    order: int = 100  # where the bank stands in the list of topics (lower first)
    questions: list[dict[str, Any]]


# The union of every registered type's spec, told apart by its ``type`` tag.
_SPECS = tuple(t.spec for t in TYPES.values())
QUESTION_ADAPTER: TypeAdapter[Any] = TypeAdapter(
    Annotated[Union[_SPECS], Field(discriminator="type")]  # type: ignore[arg-type]  # noqa: UP007
)
