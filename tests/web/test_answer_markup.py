"""The choice partial writes its radio and checkbox inputs itself (cheaper than WTForms'
widget, docs/performance.md): for every shipped choice question, in a shuffled order,
unanswered, answered and refused, each input is exactly the one WTForms would write."""

from __future__ import annotations

import random
import re

import pytest
from flask import render_template_string
from werkzeug.datastructures import MultiDict

from quiz import ROOT
from quiz.domain.attempts import new_layout
from quiz.domain.banks import load_banks
from quiz.domain.questions import type_of
from quiz.web.forms.answers import answer_form

PARTIAL = (
    '{% from "_macros.html" import field_errors %}{% include "practice/_answer_choice.html" %}'
)
SHIPPED = [q for bank in load_banks(ROOT / "questions").banks for q in bank.questions]
CHOICES = [q for q in SHIPPED if type_of(q).template == "choice"]


def _inputs(html: str) -> list[str]:
    return re.findall(r"<input[^>]*>", html)


def test_the_shipped_banks_have_radio_and_checkbox_questions():
    types = {q.type for q in CHOICES}
    assert len(CHOICES) > 50 and {"single", "multiple", "true_false"} <= types


@pytest.mark.parametrize("answered", ["none", "first", "refused"])
def test_each_input_is_the_one_the_widget_writes(app, answered):
    rng = random.Random(7)
    with app.test_request_context(method="POST"):
        for q in CHOICES:
            entry = new_layout([q], rng)[0]
            shown = [value for value, _ in type_of(q).form(q, entry).fields[0].choices]
            data = MultiDict({"answer": shown[0]} if answered == "first" else {})
            form = answer_form(q, entry, formdata=data)
            if answered == "refused":
                assert not form.validate() and form.answer.errors
            html = render_template_string(PARTIAL, q=q, form=form)
            expected = [str(option()) for option in form.answer]
            assert _inputs(html) == expected, q.id
            assert ("checked" in html) == (answered == "first"), q.id
