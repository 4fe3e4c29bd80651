"""D15: option values were the author's ids ("both-roles", "cold-turkey"), and some gave the
answer away. A choice question's values are now the options' places in this attempt's
shuffled order: they say nothing about which option is right."""

from __future__ import annotations

import re

import pytest

from quiz.store.catalog import current as current_catalog
from quiz.store.models import Response
from tests.support import count_rows, layout_of, position_of, start_attempt


def _values(page: str) -> list[str]:
    return re.findall(r'<input[^>]*name="answer"[^>]*value="([^"]*)"', page)


@pytest.mark.parametrize("question_id", ["fx-single", "fx-multiple"])
@pytest.mark.parametrize("exam", [False, True])
def test_option_values_are_places_not_ids(app, student, client, question_id, exam):
    attempt = start_attempt(client, exam=exam)
    position = position_of(app, attempt, question_id)
    page = client.get(f"/attempts/{attempt}/{position}").get_data(as_text=True)
    with app.app_context():
        ids = {o.id for o in current_catalog().questions[question_id].options}
    values = _values(page)
    assert values == [str(n) for n in range(len(ids))]
    for option_id in ids:
        assert f'"{option_id}"' not in page


def test_the_right_option_is_at_a_different_place_in_different_attempts(app, student, client):
    places = set()
    for _ in range(12):
        attempt = start_attempt(client)
        entry = layout_of(app, attempt)[position_of(app, attempt, "fx-single") - 1]
        places.add(entry.order.index("gaba-a"))
        client.post(f"/attempts/{attempt}/finish")
    assert len(places) > 1


def test_a_value_outside_the_shown_options_is_refused(app, student, client):
    attempt = start_attempt(client)
    position = position_of(app, attempt, "fx-single")
    for value in ("gaba-a", "3", "-1", "99999999999999999999"):
        r = client.post(f"/attempts/{attempt}/{position}", data={"answer": value})
        assert r.status_code == 400
    assert count_rows(app, Response) == 0
