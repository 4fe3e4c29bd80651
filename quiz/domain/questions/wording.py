"""How answers and keys read as text: lists without doubled punctuation, quantities with
their unit ("30 hours", "1 hour", "in 2012")."""

from __future__ import annotations

from collections.abc import Iterable

# A whole number in this range, in a unit of years, is a calendar year ("in 2012"), not a
# duration ("2012 years").
CALENDAR_YEARS = range(1000, 3000)


def join_texts(texts: Iterable[str]) -> str:
    """Texts as one list: "A; B; C". A text's own closing full stop is dropped, so a list
    of sentences never reads "….; …" (an ellipsis is kept)."""
    return "; ".join(_unstopped(t) for t in texts)


def _unstopped(text: str) -> str:
    text = text.strip()
    return text if text.endswith("...") or text.endswith("…") else text.removesuffix(".")


def number(value: float) -> str:
    """A number as text: 30 not 30.0, 0.5 as is."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def is_year_unit(unit: str) -> bool:
    return unit.strip().casefold() in ("year", "years", "yr", "yrs")


def is_calendar_year(value: float, unit: str) -> bool:
    return is_year_unit(unit) and float(value).is_integer() and int(value) in CALENDAR_YEARS


def quantity(value: float, unit: str) -> str:
    """*value* with *unit*, read as a person writes it: "1 hour", "30 hours", "2012"."""
    if is_calendar_year(value, unit):
        return number(value)
    word = unit.strip()
    if value == 1 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return f"{number(value)} {word}".strip()


def quantity_range(low: float, high: float, unit: str) -> str:
    """A key range: "30 hours", "between 1 and 4 hours", "between 2010 and 2012"."""
    if low == high:
        return quantity(low, unit)
    if is_calendar_year(low, unit) and is_calendar_year(high, unit):
        return f"between {number(low)} and {number(high)}"
    return f"between {number(low)} and {quantity(high, unit)}"
