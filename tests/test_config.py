"""Settings: defaults, the environment parsed by type, the two host-given names."""

from __future__ import annotations

import pytest

from quiz import create_app
from quiz.config import DEFAULTS, ConfigError, from_environment, parse_bool


@pytest.mark.parametrize("text", ["false", "False", "FALSE", "0", "no", "off", ""])
def test_a_switch_written_as_false_is_off(text):
    assert parse_bool("QUIZ_SECURE_COOKIES", text) is False


@pytest.mark.parametrize("text", ["true", "True", "1", "yes", "on"])
def test_a_switch_written_as_true_is_on(text):
    assert parse_bool("QUIZ_SECURE_COOKIES", text) is True


def test_a_switch_that_is_neither_is_an_error_naming_it():
    with pytest.raises(ConfigError, match="QUIZ_SECURE_COOKIES must be true or false"):
        parse_bool("QUIZ_SECURE_COOKIES", "sometimes")


def test_the_environment_gives_typed_settings_for_known_keys_only():
    found = from_environment(
        {
            "QUIZ_SECURE_COOKIES": "False",
            "QUIZ_RATELIMIT_ENABLED": "0",
            "QUIZ_SQLITE_SYNCHRONOUS": "full",
            "QUIZ_WORKERS": "4",  # gunicorn's, not the app's
            "QUIZ_CLOCK": "anything",  # tests only
        }
    )
    assert found == {
        "SECURE_COOKIES": False,
        "RATELIMIT_ENABLED": False,
        "SQLITE_SYNCHRONOUS": "full",
    }


def test_secret_key_and_database_url_are_read_and_the_old_postgres_scheme_fixed():
    found = from_environment({"SECRET_KEY": "s3cret", "DATABASE_URL": "postgres://u:p@h/db"})
    assert found == {"SECRET_KEY": "s3cret", "SQLALCHEMY_DATABASE_URI": "postgresql://u:p@h/db"}


def test_every_setting_the_app_reads_has_a_default():
    for key in (
        "SECURE_COOKIES",
        "CLOCK",
        "QUESTIONS_DIR",
        "RATELIMIT_LOGIN_ACCOUNT",
        "RATELIMIT_LOGIN_ADDRESS",
        "RATELIMIT_SIGNUP",
        "MAX_CONTENT_LENGTH",
        "SQLITE_SYNCHRONOUS",
    ):
        assert key in DEFAULTS


def _app(monkeypatch, tmp_path, **environ):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'c.sqlite'}")
    monkeypatch.setenv("SECRET_KEY", "config-test")
    for key, value in environ.items():
        monkeypatch.setenv(key, value)
    return create_app()


@pytest.mark.parametrize(("value", "secure"), [("False", False), ("false", False), ("true", True)])
def test_secure_cookies_follow_the_environment(monkeypatch, tmp_path, value, secure):
    app = _app(monkeypatch, tmp_path, QUIZ_SECURE_COOKIES=value)
    assert bool(app.config.get("SESSION_COOKIE_SECURE")) is secure
    assert bool(app.config.get("REMEMBER_COOKIE_SECURE")) is secure


def test_an_unknown_sqlite_durability_stops_the_app_with_a_message(monkeypatch, tmp_path):
    with pytest.raises(ConfigError, match="SQLITE_SYNCHRONOUS must be one of"):
        _app(monkeypatch, tmp_path, QUIZ_SQLITE_SYNCHRONOUS="sometimes")


def test_an_unknown_postgres_durability_stops_the_app_with_a_message(monkeypatch, tmp_path):
    with pytest.raises(ConfigError, match="POSTGRES_SYNCHRONOUS_COMMIT must be one of off, "):
        _app(monkeypatch, tmp_path, QUIZ_POSTGRES_SYNCHRONOUS_COMMIT="later")


def test_the_postgres_durability_is_read_from_the_environment(monkeypatch, tmp_path):
    assert _app(monkeypatch, tmp_path).config["POSTGRES_SYNCHRONOUS_COMMIT"] == "off"
    app = _app(monkeypatch, tmp_path, QUIZ_POSTGRES_SYNCHRONOUS_COMMIT="ON")
    assert app.config["POSTGRES_SYNCHRONOUS_COMMIT"] == "on"
