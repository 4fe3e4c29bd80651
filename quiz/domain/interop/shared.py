"""What every format shares: decoding, ids, numbers, the mapping's canonical form, and the
extension fields our own exports add where a format has no place for a field."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from quiz.domain.banks.schema import QUESTION_ADAPTER
from quiz.domain.interop.model import FileRefused

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_ID = 80


def decode(data: bytes, filename: str) -> str:
    """The file's text: UTF-8 (a byte-order mark is dropped), newlines made plain."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            f"{filename} is not UTF-8 text (byte 0x{data[error.start]:02x} at position "
            f"{error.start} cannot be read); save or export it as UTF-8 and upload it again"
        ) from None
    if "\x00" in text:
        raise FileRefused(f"{filename} holds binary data, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def slug(text: str, fallback: str = "question") -> str:
    """An id from *text*: lowercase ASCII letters, digits and '-', at most 60 characters."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    made = ""
    for word in words:
        if len(made) + len(word) + 1 > 60:
            break
        made = f"{made}-{word}" if made else word
    return made or fallback


def unique(base: str, taken: set[str]) -> str:
    """*base*, or *base* with the first free number (``-2``, ``-3``...); added to *taken*."""
    made, n = base, 1
    while made in taken:
        n += 1
        made = f"{base[: MAX_ID - 6]}-{n}"
    taken.add(made)
    return made


def question_id(given: str, title: str, prompt: str, taken: set[str]) -> tuple[str, list[str]]:
    """The id of an imported question: the file's id, else one made from its title or
    prompt; unique within the file. Notes say when the file's id had to change."""
    notes = []
    if given:
        made = given if SLUG.match(given) and len(given) <= MAX_ID else slug(given)
        if made != given:
            notes.append(f"the id {given!r} became {made!r} (ids use a-z, 0-9 and '-')")
    else:
        made = slug(title or " ".join(prompt.split()[:8]))
    return unique(made, taken), notes


def option_ids(texts: Iterable[str]) -> list[str]:
    """An id for each option, made from its text, unique within the question."""
    taken: set[str] = set()
    return [unique(slug(text, "option")[:40].strip("-") or "option", taken) for text in texts]


def tags(values: Iterable[str]) -> tuple[list[str], list[str]]:
    """Tags as ids (``Chapter 1`` -> ``chapter-1``), without repeats, and notes on changes."""
    out: list[str] = []
    notes = []
    for value in values:
        made = value if SLUG.match(value) and len(value) <= MAX_ID else slug(value, "")
        if not made:
            notes.append(f"the tag {value!r} has no letters or digits and was left out")
            continue
        if made != value:
            notes.append(f"the tag {value!r} became {made!r}")
        if made not in out:
            out.append(made)
    return out, notes


def number(value: float) -> str:
    """A number as text without a needless ``.0`` (``30``, ``0.5``, ``1e-06``)."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def to_number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def canonical(content: Mapping[str, Any]) -> dict[str, Any]:
    """*content* as the checker reads it, defaults left out: two mappings of the same
    question are equal here however they were written (``correct: false``, ``30`` or
    ``30.0``). A mapping the schema refuses is returned as it is."""
    try:
        spec = QUESTION_ADAPTER.validate_python(dict(content))
    except ValidationError:
        return dict(content)
    dumped: dict[str, Any] = spec.model_dump(exclude_defaults=True)
    return dumped


_ORDER = (
    "id",
    "type",
    "prompt",
    "options",
    "answer",
    "unit",
    "accepted",
    "pairs",
    "distractors",
    "items",
    "wrong_feedback",
    "explanation",
    "source",
    "tags",
    "ignore_warnings",
)


def arranged(content: dict[str, Any]) -> dict[str, Any]:
    """*content* with its keys in the order a bank file has them."""
    rank = {key: n for n, key in enumerate(_ORDER)}
    return dict(sorted(content.items(), key=lambda item: rank.get(item[0], len(rank))))
