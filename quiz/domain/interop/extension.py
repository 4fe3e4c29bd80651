"""Our fields a format has no place for (a question's source, option ids, a pair's
feedback...), written by our exports as an extension (a ``// quiz:`` comment in GIFT, a
``<quiz_extension>`` element in Moodle XML) and read back, so a round trip keeps them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

from quiz.domain.interop.shared import option_ids

Format = Literal["gift", "xml"]


def extension_of(content: Mapping[str, Any], fmt: Format) -> dict[str, Any]:
    """What *content* holds beyond what *fmt* can say."""
    out: dict[str, Any] = {}
    if isinstance(content.get("source"), Mapping):
        out["source"] = dict(content["source"])
    if content.get("options"):
        out["options"] = [
            {"id": o["id"], **({"source": dict(o["source"])} if o.get("source") else {})}
            for o in content["options"]
        ]
    if content.get("pairs"):
        out["pairs"] = [p.get("feedback", "") for p in content["pairs"]]
    if content.get("distractors"):
        out["distractors"] = [d.get("feedback", "") for d in content["distractors"]]
    if content.get("ignore_warnings"):
        out["ignore_warnings"] = list(content["ignore_warnings"])
    if fmt == "gift" and content.get("type") == "numeric":
        out["unit"] = content.get("unit", "")
    answer = content.get("answer")
    if fmt == "xml" and isinstance(answer, Mapping) and "min" in answer:
        out["range"] = [answer["min"], answer.get("max")]  # Moodle keeps value and tolerance
    if fmt == "gift" and content.get("type") == "ordering":
        out["type"] = "ordering"
        out["wrong_feedback"] = content.get("wrong_feedback", "")
    return out


def as_text(extension: Mapping[str, Any]) -> str:
    return json.dumps(dict(extension), ensure_ascii=False, separators=(",", ":"))


def parse(text: str) -> tuple[dict[str, Any], str | None]:
    """The extension in *text*, or a note saying why it was ignored."""
    try:
        found = json.loads(text)
    except ValueError:
        return (
            {},
            "its extension ('quiz:' comment or quiz_extension) is not valid JSON and was ignored",
        )
    if not isinstance(found, dict):
        return {}, "its extension ('quiz:' comment or quiz_extension) is not a JSON object; ignored"
    return found, None


def apply(content: dict[str, Any], extension: Mapping[str, Any], notes: list[str]) -> None:
    """Put the extension's fields back into *content*; a part that no longer fits the
    question (an option added or removed since the export) is left out, with a note."""
    source = extension.get("source")
    if isinstance(source, Mapping) and {"document", "quote"} <= set(source):
        content["source"] = {"document": str(source["document"]), "quote": str(source["quote"])}
    if content.get("type") == "matching" and extension.get("type") == "ordering":
        _ordering(content, notes)
    _options(content, extension.get("options"), notes)
    for key in ("pairs", "distractors"):
        _feedback(content, key, extension.get(key), notes)
    for key in ("unit", "wrong_feedback"):
        if isinstance(extension.get(key), str) and extension[key]:
            content[key] = extension[key]
    warnings = extension.get("ignore_warnings")
    if isinstance(warnings, list) and warnings:
        content["ignore_warnings"] = [str(w) for w in warnings]


def _options(content: dict[str, Any], found: Any, notes: list[str]) -> None:
    options = content.get("options")
    if not options:
        return
    fits = isinstance(found, list) and len(found) == len(options)
    if found is not None and not fits:
        notes.append("the options changed since the export: their ids were made anew")
    extras = found if fits else [{}] * len(options)
    made = option_ids(o["text"] for o in options)
    for n, (option, found_extra) in enumerate(zip(options, extras, strict=True)):
        extra = found_extra if isinstance(found_extra, Mapping) else {}
        given = extra.get("id") if isinstance(extra.get("id"), str) else None
        source = extra.get("source")
        options[n] = {
            "id": given or option.get("id") or made[n],
            **{k: v for k, v in option.items() if k != "id"},
            **({"source": dict(source)} if isinstance(source, Mapping) else {}),
        }


def _feedback(content: dict[str, Any], key: str, found: Any, notes: list[str]) -> None:
    rows = content.get(key)
    if not rows or found is None:
        return
    if not isinstance(found, list) or len(found) != len(rows):
        notes.append(f"the {key} changed since the export: their feedback was left out")
        return
    for row, feedback in zip(rows, found, strict=True):
        if isinstance(feedback, str) and feedback:
            row["feedback"] = feedback


def _ordering(content: dict[str, Any], notes: list[str]) -> None:
    """An ordering question written as matching (item -> its place) becomes ordering again."""
    pairs = content.get("pairs") or []
    places = [p.get("right", "") for p in pairs]
    if content.get("distractors") or sorted(places) != sorted(
        str(n) for n in range(1, len(pairs) + 1)
    ):
        notes.append(
            "marked as an ordering question, but its places are not 1 to n: kept as matching"
        )
        return
    ordered = sorted(pairs, key=lambda p: int(p["right"]))
    for key in ("pairs", "distractors"):
        content.pop(key, None)
    content.update(type="ordering", items=[p["left"] for p in ordered])
