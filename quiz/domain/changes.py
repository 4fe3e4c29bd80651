"""What changed between two versions of a question, in words an author reads."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SHOWN = 70  # characters of a changed value shown in the history


def _flat(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flat(item, f"{path}.{key}" if path else str(key)))
        return out
    if isinstance(value, list):
        out = {}
        for n, item in enumerate(value):
            out.update(_flat(item, f"{path}[{n}]"))
        return out
    return {path: value}


def _short(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= SHOWN else text[: SHOWN - 1] + "…")


def changes(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[str]:
    """One line per field that changed from *old* to *new* (all of *new* when it is the first)."""
    if old is None:
        return ["first version"]
    before, after = _flat(old), _flat(new)
    lines = []
    for path in sorted(set(before) | set(after)):
        if path not in before:
            lines.append(f"{path} added: {_short(after[path])}")
        elif path not in after:
            lines.append(f"{path} removed (was {_short(before[path])})")
        elif before[path] != after[path]:
            lines.append(f"{path}: {_short(before[path])} → {_short(after[path])}")
    return lines or ["no change to the content (moved between banks)"]
