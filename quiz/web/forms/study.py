"""Forms of the study features: the session a student chooses, their daily limits, an
appeal against a score and the instructor's decision. Every message is said beside its
field, in words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, IntegerField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, StopValidation, ValidationError
from wtforms.widgets import TextInput

from quiz.domain.appeals import COMMENT_MAX, REPLY_MAX
from quiz.domain.sessions import (
    LENGTH_LABELS,
    LENGTHS,
    SELECTION_LABELS,
    STYLE_LABELS,
    Choice,
    Selection,
    Style,
)
from quiz.domain.study import NEW_RANGE, REVIEW_RANGE, Limits
from quiz.web.forms.answers import MultiCheckboxField


class WholeNumberField(IntegerField):
    """An integer field whose parse error is a sentence, not "Not a valid integer value",
    shown as a text box (so what was typed, even "ten", comes back to be corrected)."""

    widget = TextInput()

    def __init__(self, *args: Any, invalid: str = "Type a whole number.", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invalid = invalid

    def process_formdata(self, valuelist: list[Any]) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(self.invalid) from error


def in_range(low: int, high: int, message: str) -> Any:
    """The number is from *low* to *high*; a value that did not parse was reported once."""

    def check(form: Any, field: Field) -> None:
        if field.data is None:
            raise StopValidation()  # its parse error says what is wrong
        if not low <= field.data <= high:
            raise ValidationError(message)

    return check


class ChoiceField(RadioField):
    """Radio buttons whose unknown value gets the field's own message."""

    def __init__(self, *args: Any, invalid: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invalid = invalid

    def pre_validate(self, form: Any) -> None:
        if self.data not in {c[0] for c in self.iter_choices()}:
            raise StopValidation(self.invalid)


def labelled_choices(labels: dict[Any, str]) -> list[SelectChoice]:
    """Radio or select choices from a mapping of values to their labels."""
    return [SelectChoice(str(key), label) for key, label in labels.items()]


class TopicsField(MultiCheckboxField):
    """Checkboxes whose values ``validate_topics`` checks, with its own words."""

    def pre_validate(self, form: Any) -> None:
        pass


class SessionForm(FlaskForm):
    """Which topics, how many questions, which of them, and how."""

    topics = TopicsField("Topics")
    length = ChoiceField(
        "How many questions",
        choices=labelled_choices(LENGTH_LABELS),
        default="10",
        invalid="Choose 10, 20 or all of them.",
    )
    selection = ChoiceField(
        "Which questions",
        choices=labelled_choices(SELECTION_LABELS),
        default=Selection.ALL.value,
        invalid="Choose all questions, your weak questions or new ones only.",
    )
    style = ChoiceField(
        "How to study",
        choices=labelled_choices(STYLE_LABELS),
        default=Style.QUIZ.value,
        invalid="Choose a quiz or flashcards.",
    )

    def offer(self, banks: Iterable[tuple[str, str]]) -> SessionForm:
        self.topics.choices = [SelectChoice(bank_id, title) for bank_id, title in banks]
        return self

    def validate_topics(self, field: Field) -> None:
        field.data = [t for t in field.data or [] if t]
        if not field.data:
            raise ValidationError("Choose at least one topic.")
        known = {c[0] for c in field.iter_choices()}
        if not set(field.data) <= known:
            raise ValidationError("Choose topics from the list.")

    def choice(self) -> Choice:
        return Choice(
            tuple(self.topics.data),
            LENGTHS[self.length.data],
            Selection(self.selection.data),
            Style(self.style.data),
        )


class SettingsForm(FlaskForm):
    new_per_day = WholeNumberField(
        "New questions per day",
        validators=[in_range(*NEW_RANGE, f"Give a number from {NEW_RANGE[0]} to {NEW_RANGE[1]}.")],
        invalid="Type a whole number, for example 10.",
        render_kw={"inputmode": "numeric"},
    )
    reviews_per_day = WholeNumberField(
        "Reviews per day",
        validators=[
            in_range(*REVIEW_RANGE, f"Give a number from {REVIEW_RANGE[0]} to {REVIEW_RANGE[1]}.")
        ],
        invalid="Type a whole number, for example 100.",
        render_kw={"inputmode": "numeric"},
    )

    def limits(self) -> Limits:
        return Limits(self.new_per_day.data, self.reviews_per_day.data)


class AppealForm(FlaskForm):
    comment = TextAreaField(
        "Why should your answer count?",
        validators=[
            DataRequired("Say in a few words why your answer should count."),
            Length(max=COMMENT_MAX, message=f"Keep it under {COMMENT_MAX} characters."),
        ],
        render_kw={"rows": 3, "maxlength": COMMENT_MAX},
    )


class DecisionForm(FlaskForm):
    reply = StringField(
        "Note to the student (optional)",
        validators=[Length(max=REPLY_MAX, message=f"Keep it under {REPLY_MAX} characters.")],
        render_kw={"maxlength": REPLY_MAX},
    )
    decision = ChoiceField(
        "Decision",
        choices=[SelectChoice("accept", "Accept"), SelectChoice("decline", "Decline")],
        invalid="Choose Accept or Decline.",
    )
