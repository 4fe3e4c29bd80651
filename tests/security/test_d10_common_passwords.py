"""D10: weak passwords were accepted (``Password1!``, ``abcdabcdab``): the list held 18
strings. Passwords are now checked against the shipped list of the 10,000 most common
ones (also with digits or symbols added, or look-alike digits), and simple patterns."""

from __future__ import annotations

import pytest

from quiz.domain.accounts import password_problem
from quiz.store.models import User
from tests.support import GOOD_PASSWORD, count_rows

WEAK = [
    "Password1!",
    "abcdabcdab",
    "p@ssw0rd2024",
    "Qwertyuiop!",
    "Dragon123456",
    "2023!!!love!!!2023",
    "abcdefghij",
    "9876543210",
    "iloveyou12345",
    "Clonazepam2024",
]


@pytest.mark.parametrize("password", WEAK)
def test_sign_up_refuses_a_common_or_patterned_password_with_a_clear_message(app, client, password):
    r = client.post("/signup", data={"username": "bob", "password": password, "confirm": password})
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "That password is too easy to guess." in page
    assert "a few unrelated words" in page
    assert count_rows(app, User) == 0


@pytest.mark.parametrize(
    "password", [GOOD_PASSWORD, "correct horse battery", "mydogisfluffy", "Tr0ub4dor&3xyz"]
)
def test_uncommon_passwords_are_accepted(password):
    assert password_problem(password, "bob") is None


def test_the_shipped_list_has_ten_thousand_passwords():
    from quiz.domain.accounts import common_passwords

    listed = common_passwords()
    assert len(listed) >= 10_000
    assert {"123456", "password", "qwerty", "dragon"} <= listed


def test_create_instructor_uses_the_same_rule(runner):
    result = runner.invoke(args=["create-instructor", "ines", "--password", "Password1!"])
    assert result.exit_code != 0
    assert "too easy to guess" in result.output
