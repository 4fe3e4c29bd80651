"""Questions in and out of the formats teachers and students already use: GIFT and Moodle
XML (both ways), Aiken and spreadsheets (CSV, XLSX) in, Anki decks out. Plain Python:
bytes in, bank mappings (the bank file's shape) and errors with their line or row out.
docs/interop.md maps each format's constructs and says what is lost each way."""

from __future__ import annotations

from collections.abc import Callable

from quiz.domain.interop.aiken import read_aiken
from quiz.domain.interop.gift import read_gift
from quiz.domain.interop.model import BankContent, FileRefused, Imported, Parsed, Problem
from quiz.domain.interop.moodle_xml import read_moodle_xml
from quiz.domain.interop.sheet import read_sheet

FORMATS = {"gift": "GIFT", "xml": "Moodle XML", "aiken": "Aiken", "csv": "CSV", "xlsx": "XLSX"}


def format_of(filename: str, chosen: str = "") -> str | None:
    """The format to read *filename* in: the one chosen, else its ending's (a ``.txt`` file
    is GIFT, as Moodle writes it, unless Aiken is chosen)."""
    if chosen in FORMATS:
        return chosen
    name = filename.lower()
    if name.endswith(".txt"):
        return "gift"
    return next((key for key in FORMATS if name.endswith("." + key)), None)


def read(data: bytes, filename: str, fmt: str) -> Parsed:
    """The questions of *data* read as *fmt* (a key of FORMATS)."""
    readers: dict[str, Callable[[bytes, str], Parsed]] = {
        "gift": read_gift,
        "xml": read_moodle_xml,
        "aiken": read_aiken,
        "csv": read_sheet,
        "xlsx": read_sheet,
    }
    if fmt in ("csv", "xlsx") and not filename.lower().endswith("." + fmt):
        filename = f"{filename}.{fmt}"
    return readers[fmt](data, filename)


__all__ = [
    "FORMATS",
    "BankContent",
    "FileRefused",
    "Imported",
    "Parsed",
    "Problem",
    "format_of",
    "read",
]
