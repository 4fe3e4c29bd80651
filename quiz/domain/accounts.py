"""Account rules: what makes a user name valid and a password too weak."""

from __future__ import annotations

import re

MIN_PASSWORD = 10
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
# The most common passwords that pass the length rule; enough to stop the obvious.
COMMON = {
    "1234567890",
    "0123456789",
    "qwertyuiop",
    "password12",
    "password123",
    "passw0rd123",
    "iloveyou12",
    "abcdefghij",
    "qwerty1234",
    "1q2w3e4r5t",
    "letmein123",
    "welcome123",
    "aaaaaaaaaa",
    "1111111111",
    "0000000000",
    "administrator",
    "clonazepam",
    "klonopin12",
}


def username_problem(username: str) -> str | None:
    if not USERNAME.match(username):
        return (
            "Use 3 to 40 characters: lowercase letters, digits, dots, dashes or underscores, "
            "starting with a letter or digit."
        )
    return None


def password_problem(password: str, username: str = "") -> str | None:
    """Why *password* is too weak, or None when it is acceptable."""
    if len(password) < MIN_PASSWORD:
        return f"Choose a password of at least {MIN_PASSWORD} characters."
    if password.lower() in COMMON or len(set(password)) < 4:
        return "That password is too easy to guess. Choose a less common one."
    if username and username.lower() in password.lower():
        return "The password must not contain your user name."
    return None
