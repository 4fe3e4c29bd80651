"""The answer partials write their radio, checkbox and select controls themselves from
WTForms' choices (cheaper than WTForms' widgets, docs/performance.md): for every shipped
question of those kinds, in a shuffled order, unanswered, answered and refused, each
control is exactly the markup WTForms' widget would write."""

from __future__ import annotations

import random
import re

import pytest
from flask import render_template_string
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from quiz import ROOT
from quiz.domain.attempts import new_layout
from quiz.domain.banks import load_banks
from quiz.domain.questions import type_of
from quiz.web.forms.answers import answer_form

SHIPPED = [q for bank in load_banks(ROOT / "questions").banks for q in bank.questions]
CHOICES = [q for q in SHIPPED if type_of(q).template == "choice"]
SELECTS = [q for q in SHIPPED if type_of(q).template == "selects"]


def _partial(name: str) -> str:
    return '{% from "_macros.html" import field_errors %}{% include "practice/' + name + '" %}'


def _widget(field, **attributes) -> str:
    return str(field(**attributes))


def test_the_shipped_banks_have_questions_of_each_kind():
    assert len(CHOICES) > 50 and {"single", "multiple", "true_false"} <= {q.type for q in CHOICES}
    assert len(SELECTS) > 5 and {"matching", "ordering"} <= {q.type for q in SELECTS}


def _data(q, entry, answered: str) -> MultiDict:
    """Form data: nothing, the first choice of every control, or nothing (to refuse)."""
    if answered != "first":
        return MultiDict()
    return MultiDict({f.name: f.choices[0][0] for f in type_of(q).form(q, entry).fields})


def _rendered(app, questions, partial: str, answered: str, seed: int):
    """Each question shown in a shuffled order with *answered*'s data, its form (validated
    when *answered* is "refused") and the partial's HTML."""
    rng = random.Random(seed)
    with app.test_request_context(method="POST"):
        for q in questions:
            entry = new_layout([q], rng)[0]
            form = answer_form(q, entry, formdata=_data(q, entry, answered))
            refused = answered == "refused" and not form.validate()
            assert refused == (answered == "refused"), q.id
            yield q, form, render_template_string(_partial(partial), q=q, form=form)


@pytest.mark.parametrize("answered", ["none", "first", "refused"])
def test_each_choice_input_is_the_one_the_widget_writes(app, answered):
    for q, form, html in _rendered(app, CHOICES, "_answer_choice.html", answered, 7):
        if answered == "refused":
            assert form.answer.errors, q.id
        expected = [str(option()) for option in form.answer]
        assert re.findall(r"<input[^>]*>", html) == expected, q.id
        assert ("checked" in html) == (answered == "first"), q.id


@pytest.mark.parametrize("answered", ["none", "first", "refused"])
def test_each_select_is_the_one_the_widget_writes(app, answered):
    for q, form, html in _rendered(app, SELECTS, "_answer_selects.html", answered, 11):
        expected = []
        for field in form.fields():
            invalid = {"aria-describedby": f"{field.id}-errors", "aria-invalid": "true"}
            expected.append(_widget(field, **(invalid if field.errors else {})))
        assert re.findall(r"<select.*?</select>", html, re.S) == expected, q.id
        assert ("selected" in html) == (answered == "first"), q.id
        assert Markup.escape(q.prompt) in html
