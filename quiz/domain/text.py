"""Text normalisation shared by the checker (quotes) and the grader (short answers)."""

from __future__ import annotations

import re
import unicodedata

# Typographic characters forgiven when a quote is compared with its document.
TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_PUNCT = re.compile(r"[^\w\s-]|(?<!\w)-|-(?!\w)")
_ARTICLE = re.compile(r"^(?:a|an|the) ")


def normalise(text: str) -> str:
    """Return *text* with typographic quotes/dashes made plain and whitespace collapsed."""
    return " ".join(text.translate(TYPOGRAPHIC).split())


def words(text: str) -> list[str]:
    """Lower-case words of *text*, for comparing prose regardless of punctuation."""
    return _WORD.findall(normalise(text).lower())


def normalise_answer(text: str) -> str:
    """Canonical form of a short answer: NFKC, casefold, no punctuation but inner
    hyphens, whitespace collapsed, a leading article dropped."""
    text = unicodedata.normalize("NFKC", text).translate(TYPOGRAPHIC).casefold()
    text = " ".join(_PUNCT.sub(" ", text).split())
    return _ARTICLE.sub("", text)
