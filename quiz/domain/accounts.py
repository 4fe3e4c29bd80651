"""Account rules: what makes a user name valid and a password too weak.

A password is too weak when it is short, when it contains the user name, when it is on
the shipped list of the 10,000 most common passwords (``quiz/data/common-passwords.txt``)
or is one of them with digits, symbols or spaces added at either end or with letters
swapped for look-alike digits (``Password1!``, ``p@ssw0rd2024``), or when it is a simple
pattern: a few characters repeated (``abcdabcdab``) or a run (``abcdefghij``, ``9876543210``).
"""

from __future__ import annotations

import itertools
import re
import string
from functools import cache
from pathlib import Path

MIN_PASSWORD = 10
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
COMMON_FILE = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt"
# Words of this site's subject that the general list cannot know.
SITE_WORDS = frozenset({"clonazepam", "klonopin", "benzodiazepine", "administrator", "quiz"})
_PADDING = string.digits + string.punctuation + string.whitespace
_LOOKALIKES = str.maketrans("0134578@$!|", "oieastbasil")
TOO_EASY = "That password is too easy to guess."
COMMON = (
    f"{TOO_EASY} It is one of the 10,000 most common passwords, or one of them with digits "
    "or symbols added. Choose something less common: a few unrelated words work well."
)
PATTERN = (
    f"{TOO_EASY} It is a simple pattern (characters repeated, or a run such as abcdef or "
    "54321). Choose something less predictable: a few unrelated words work well."
)


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list, in lower case, and this site's own words."""
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in lines if w and not w.startswith("#")) | SITE_WORDS


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
    if username and username.lower() in password.lower():
        return "The password must not contain your user name."
    if is_common(password):
        return COMMON
    if is_pattern(password):
        return PATTERN
    return None


def is_common(password: str) -> bool:
    """On the list, or on it once padding at the ends and look-alike digits are undone."""
    lower = password.lower()
    core = lower.strip(_PADDING)
    forms = {lower, core, lower.translate(_LOOKALIKES), core.translate(_LOOKALIKES)}
    forms |= {f.strip(_PADDING) for f in forms} | {f.replace(" ", "") for f in forms}
    listed = common_passwords()
    return any(f in listed for f in forms if len(f) >= 4)


def is_pattern(password: str) -> bool:
    """Few distinct characters, a short unit repeated, or a run up or down."""
    text = password.lower()
    if len(set(text)) < 4:
        return True
    repeats = any(
        all(text[i] == text[i % unit] for i in range(len(text)))
        for unit in range(1, len(text) // 2 + 1)
    )
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(text)}
    return repeats or steps in ({1}, {-1})
