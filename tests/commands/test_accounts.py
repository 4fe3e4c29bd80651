"""``create-instructor``: the same rules and the same name lookup as sign-up and log-in."""

from __future__ import annotations

import pytest
from flask.cli import FlaskGroup

from quiz.store.models import INSTRUCTOR
from tests.support import GOOD_PASSWORD, is_logged_in, users_named


def flask_cli(runner, *args: str):
    """Run ``flask --app quiz ARGS`` on the test app, as the ``flask`` command does
    (its FlaskGroup loads the app and pushes an app context)."""
    return runner.invoke(FlaskGroup(load_dotenv=False), args=list(args))


def test_create_instructor_command_creates_an_instructor_who_can_log_in(app, runner, auth, client):
    result = flask_cli(runner, "create-instructor", "Ines", "--password", GOOD_PASSWORD)
    assert result.exit_code == 0, result.output
    assert "Instructor 'ines' is ready." in result.output
    [user] = users_named(app, "ines")
    assert user.role == INSTRUCTOR
    assert user.password_hash.startswith("scrypt:")
    assert auth.login("ines", GOOD_PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_create_instructor_command_promotes_an_existing_student(app, runner, create_user):
    create_user("ann")
    result = flask_cli(runner, "create-instructor", "ann", "--password", GOOD_PASSWORD)
    assert result.exit_code == 0, result.output
    [user] = users_named(app, "ann")
    assert user.role == INSTRUCTOR
    assert user.check_password(GOOD_PASSWORD)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "at least 10 characters"),
        ("1234567890", "too easy to guess"),
        ("ines-the-instructor", "must not contain your user name"),
    ],
)
def test_create_instructor_command_rejects_a_weak_password(app, runner, password, message):
    result = flask_cli(runner, "create-instructor", "ines", "--password", password)
    assert result.exit_code != 0
    assert message in result.output
    assert users_named(app, "ines") == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Dr Nurse", "Use 3 to 40 characters"),
        ("x", "Use 3 to 40 characters"),
        ("a/b", "Use 3 to 40"),
    ],
)
def test_create_instructor_refuses_a_user_name_sign_up_would_refuse(app, runner, name, message):
    result = flask_cli(runner, "create-instructor", name, "--password", GOOD_PASSWORD)
    assert result.exit_code != 0
    assert message in result.output
    assert users_named(app, name.strip().lower()) == []


def test_create_instructor_finds_a_user_by_the_same_rule_as_log_in(app, runner, create_user):
    create_user("ann")
    result = flask_cli(runner, "create-instructor", "  ANN ", "--password", GOOD_PASSWORD)
    assert result.exit_code == 0, result.output
    [user] = users_named(app, "ann")  # promoted, not a second account
    assert user.role == INSTRUCTOR
