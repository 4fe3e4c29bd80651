"""Writing banks as GIFT for Moodle's import. Each bank is a ``$CATEGORY``; each question
carries its id and tags as ``[id:]``/``[tag:]`` comments, its title is its id, its texts
are marked ``[plain]``, and a ``// quiz:`` comment keeps what GIFT has no place for (the
source passage, option ids, a pair's feedback, a numeric unit; docs/interop.md). An
ordering question is written as matching: each item against its place (1, 2, 3...)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from quiz.domain.interop import extension
from quiz.domain.interop.gift_text import escape, written
from quiz.domain.interop.model import BankContent
from quiz.domain.interop.shared import number

Content = Mapping[str, Any]


def write_gift(banks: Iterable[BankContent]) -> str:
    """The banks as one GIFT file."""
    out = [
        "// Written by quiz for Moodle's GIFT import. The 'quiz:' comments keep what GIFT has",
        "// no place for (source passages, option ids...), so importing this file back loses nothing.",
        "",
    ]
    for bank in banks:
        path = bank.title.replace("/", "//").replace("\n", " ")
        out += [f"// [id:{bank.id}]", f"$CATEGORY: $course$/top/{path}", ""]
        out += [question(content) + "\n" for content in bank.questions]
    return "\n".join(out)


def question(content: Content) -> str:
    """One question as a GIFT block (no blank line inside)."""
    head = f"// [id:{content['id']}]" + "".join(f" [tag:{t}]" for t in content.get("tags") or [])
    lines = [head]
    extra = extension.extension_of(content, "gift")
    if extra:
        lines.append("// quiz: " + extension.as_text(extra))
    body = _WRITERS[str(content["type"])](content)
    explanation = content.get("explanation") or ""
    if explanation:
        body.append("\t####" + written(explanation))
    prompt = "[plain]" + escape(str(content.get("prompt", "")))
    lines.append(f"::{content['id']}::{prompt}{{")
    return "\n".join([*lines, *body, "}"])


def _feedback(text: str) -> str:
    return "#" + written(text) if text else ""


def _single(content: Content) -> list[str]:
    return [
        ("\t=" if o.get("correct") else "\t~")
        + written(o["text"])
        + _feedback(o.get("feedback", ""))
        for o in content["options"]
    ]


def _multiple(content: Content) -> list[str]:
    right = sum(bool(o.get("correct")) for o in content["options"]) or 1
    weight = number(round(100 / right, 5))
    return [
        (f"\t~%{weight}%" if o.get("correct") else f"\t~%-{weight}%")
        + written(o["text"])
        + _feedback(o.get("feedback", ""))
        for o in content["options"]
    ]


def _true_false(content: Content) -> list[str]:
    answer = "TRUE" if content["answer"] else "FALSE"
    return ["\t" + answer + _feedback(content.get("wrong_feedback", ""))]


def _short_answer(content: Content) -> list[str]:
    lines = ["\t=" + written(a) for a in content["accepted"]]
    if content.get("wrong_feedback"):
        lines.append("\t=%0%*" + _feedback(content["wrong_feedback"]))
    return lines


def _numeric(content: Content) -> list[str]:
    key = content["answer"]
    if "min" in key:
        written_key = f"{number(key['min'])}..{number(key['max'])}"
    else:
        tolerance = key.get("tolerance") or 0
        written_key = number(key["value"]) + (f":{number(tolerance)}" if tolerance else "")
    lines = ["\t#", "\t=" + written_key]
    if content.get("wrong_feedback"):
        lines.append("\t~" + _feedback(content["wrong_feedback"]))
    return lines


def _matching(content: Content) -> list[str]:
    lines = [f"\t={written(p['left'])} -> {escape(p['right'])}" for p in content["pairs"]]
    lines += [f"\t= -> {escape(d['text'])}" for d in content.get("distractors") or []]
    return lines


def _ordering(content: Content) -> list[str]:
    return [f"\t={written(item)} -> {n}" for n, item in enumerate(content["items"], 1)]


_WRITERS: dict[str, Callable[[Content], list[str]]] = {
    "single": _single,
    "multiple": _multiple,
    "true_false": _true_false,
    "short_answer": _short_answer,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
}
