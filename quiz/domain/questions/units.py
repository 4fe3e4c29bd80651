"""Reading a typed quantity: "30", "30 hours", "30 hrs", "every 3 days", "in 1975",
"1.5 days" for a key in hours (converted with ``pint``), "500 mcg" for a key in mg.

The number may follow a few leading words from a fixed list (``LEADING``: "every", "in",
"about"...); other words before it make the text unreadable rather than guessed at ("not
3", "less than 3"). After the number may come the question's unit in any common spelling
(its plural or singular, an abbreviation pint knows: h, hr, hrs, mg, mcg, yr...) or
another unit of the same kind, converted; or nothing.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

LEADING = (
    "every", "each", "in", "about", "around", "approximately", "approx", "roughly", "circa",
    "ca", "after", "within", "for", "at", "by", "the", "year", "it", "is", "was", "once",
)  # fmt: skip
_LEAD = re.compile(r"^\s*((?:[a-z]+\.?\s+)*)(?=[-+~≈.,\d])", re.IGNORECASE)
_NUMBER = re.compile(
    r"^\s*[~≈]?\s*([-+]?(?:[1-9]\d{0,2}(?:[, ]\d{3})+(?!\d)(?:\.\d*)?|\d+(?:[.,]\d*)?|[.,]\d+)(?:e[-+]?\d+)?)\s*(.*)",
    re.IGNORECASE | re.DOTALL,
)
_THOUSANDS = re.compile(r"^[-+]?[1-9]\d{0,2}(?:[, ]\d{3})+(?:\.\d*)?$")
_UNIT_TEXT = re.compile(r"^[a-zµμ%/. ]{1,24}$", re.IGNORECASE)
ALIASES = {"wk": "week", "wks": "weeks", "mo": "month", "mos": "months", "μg": "µg"}
ALIASES |= {"tab": "tablet", "tabs": "tablets", "pill": "pills", "yo": "years", "y": "years"}


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70}
_TENS |= {"eighty": 80, "ninety": 90}
_WORD_NUMBER = re.compile(
    rf"\b(?:({'|'.join(_TENS)})(?:[- ]({'|'.join(_ONES[1:10])}))?|({'|'.join(_ONES)}))\b",
    re.IGNORECASE,
)


def _digits(text: str) -> str:
    """Number words written as digits ("three" → "3", "twenty-one" → "21"), so a student
    who spells the number out is read as one who types it."""

    def value(match: re.Match[str]) -> str:
        tens, unit, alone = match.groups()
        if alone:
            return str(_ONES.index(alone.casefold()))
        return str(_TENS[tens.casefold()] + (_ONES.index(unit.casefold()) if unit else 0))

    return _WORD_NUMBER.sub(value, text)


def parse_quantity(text: str, unit: str = "") -> float | None:
    """The number in *text*, in *unit*, or None when the text is not a number in a unit of
    that kind. A comma followed by exactly three digits groups thousands; otherwise it
    is a decimal comma. A number may be spelled out ("three days")."""
    rest = _without_leading_words(_digits(str(text)))
    match = _NUMBER.match(rest) if rest is not None else None
    if not match:
        return None
    number, tail = match.group(1), match.group(2).strip()
    if _THOUSANDS.match(number):  # "1,000,000" or "1 000 000": digit groups, not decimals
        number = number.replace(",", "").replace(" ", "")
    try:
        value = float(number.replace(",", "."))
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return _in_unit(value, tail, unit)


def _without_leading_words(text: str) -> str | None:
    lead = _LEAD.match(text)
    if lead is None:
        return text
    words = [w.rstrip(".").casefold() for w in lead.group(1).split()]
    if any(w not in LEADING for w in words) or len(words) > 3:
        return None
    return text[lead.end() :]


def _in_unit(value: float, given: str, unit: str) -> float | None:
    """*value* given in the unit *given* (perhaps empty), expressed in *unit*."""
    given = given.rstrip(".").strip()
    if given.casefold().endswith(" old") and _kind(unit) == "[time]":
        given = given[: -len(" old")].strip()
    if not given or same_unit(given, unit):
        return value
    if not unit or not _UNIT_TEXT.match(given):
        return None
    return _converted(value, ALIASES.get(given.casefold(), given), unit)


def same_unit(given: str, unit: str) -> bool:
    """The question's own unit, in its singular or plural, or % for percent."""
    a, b = given.casefold().rstrip("."), unit.casefold()
    if not b:
        return False
    a = ALIASES.get(a, a)
    return a == b or a.rstrip("s") == b.rstrip("s") or (a == "%" and b.startswith("percent"))


def _converted(value: float, given: str, unit: str) -> float | None:
    registry = _registry()
    try:
        quantity = registry.Quantity(value, registry.parse_units(given))
        target = registry.parse_units(ALIASES.get(unit.casefold(), unit))
        if quantity.dimensionality != target.dimensionality:
            return None
        converted = float(quantity.to(target).magnitude)
    except Exception:  # pint's many errors (undefined, syntax, dimensionality): not a unit
        return None
    return converted if math.isfinite(converted) else None


def _kind(unit: str) -> str:
    try:
        return str(_registry().parse_units(unit).dimensionality)
    except Exception:  # a unit pint does not know (tablets, pills)
        return ""


@cache
def _registry() -> Any:
    """pint's unit registry, made once, when a unit first needs converting (~0.4 s)."""
    import pint  # noqa: PLC0415  (slow to import; most answers never need it)

    return pint.UnitRegistry()
