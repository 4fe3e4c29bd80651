"""GIFT's escapes and text formats.

Before a question is taken apart, each escape becomes a placeholder (a Unicode
noncharacter, which no text holds) so that ``\\=`` is never read as an answer's start;
each text is given back its characters, its ``[html]``/``[plain]``/``[markdown]``/
``[moodle]`` prefix taken off and, for HTML, reduced to plain text.
"""

from __future__ import annotations

import re

from quiz.domain.texts import to_plain_text

# The character each escape stands for: Moodle's, then the two our export adds.
_ESCAPES = "\\:#={}~%>"
_PLACEHOLDER = {c: chr(0xFDD0 + n) for n, c in enumerate(_ESCAPES)}
_NEWLINE = chr(0xFDE0)
_BACK = str.maketrans({**{v: k for k, v in _PLACEHOLDER.items()}, _NEWLINE: "\n"})
FORMATS = ("moodle", "html", "plain", "markdown")
_PREFIX = re.compile(r"\[(moodle|html|plain|markdown)\]")


def _protected(match: re.Match[str]) -> str:
    char = match.group(1)
    if char == "n":
        return _NEWLINE
    return _PLACEHOLDER.get(char, match.group(0))


def protect(text: str) -> str:
    """*text* with each escape replaced by its placeholder (an unknown escape is kept)."""
    return re.sub(r"\\(.)", _protected, text, flags=re.DOTALL)


def restore(text: str) -> str:
    """The characters the placeholders stand for."""
    return text.translate(_BACK)


def text_of(raw: str, default: str = "moodle") -> tuple[str, str]:
    """A text's format (its prefix, else *default*) and its plain text."""
    raw = raw.strip()
    found = _PREFIX.match(raw)
    fmt = found.group(1) if found else default
    body = restore(raw[found.end() :] if found else raw).strip()
    if fmt == "html" and body:
        body = to_plain_text(body, "html").strip()
    return fmt, body


# ------------------------------------------------------------------------- writing

_WRITE = str.maketrans(
    {
        "\\": "\\\\",
        ":": "\\:",
        "#": "\\#",
        "=": "\\=",
        "{": "\\{",
        "}": "\\}",
        "~": "\\~",
        "\n": "\\n",
        "\r": "",
    }
)


def escape(text: str) -> str:
    """*text* written so GIFT reads it back as it is (Moodle shows our ``\\%``/``\\>`` as
    written: they only occur before a leading '%' and in '->')."""
    out = text.translate(_WRITE).replace("->", "-\\>")
    return "\\" + out if out.startswith("%") else out


def written(text: str) -> str:
    """An answer's or a feedback's text: escaped, and marked plain when it starts with '['
    (which would otherwise read as a format prefix)."""
    out = escape(text)
    return "[plain]" + out if out.startswith("[") else out
