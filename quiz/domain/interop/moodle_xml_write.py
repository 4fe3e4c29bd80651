"""Writing banks as Moodle XML. Each bank is a category (its id in ``<idnumber>``, its
description in ``<info>``); each question has its id as name and ``<idnumber>``, plain-text
texts, Moodle's own fields for keys and feedback, ordering as the qtype_ordering plugin
writes it, and a ``<quiz_extension>`` element (ignored by Moodle) for what the format has
no place for: the source passage, option ids, a pair's feedback (docs/interop.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from quiz.domain.interop import extension
from quiz.domain.interop.model import BankContent
from quiz.domain.interop.shared import number

Content = Mapping[str, Any]
PLAIN = {"format": "plain_text"}


def _text(parent: Element, tag: str, value: str, attrs: dict[str, str] | None = None) -> Element:
    node = SubElement(parent, tag, attrs if attrs is not None else PLAIN)
    SubElement(node, "text").text = value
    return node


def _simple(parent: Element, tag: str, value: str) -> None:
    SubElement(parent, tag).text = value


def write_moodle_xml(banks: Iterable[BankContent]) -> bytes:
    """The banks as one Moodle XML file (UTF-8)."""
    root = Element("quiz")
    for bank in banks:
        category = SubElement(root, "question", {"type": "category"})
        _text(category, "category", "$course$/top/" + bank.title.replace("/", "//"), {})
        _text(category, "info", bank.description)
        _simple(category, "idnumber", bank.id)
        for content in bank.questions:
            root.append(question(content))
    indent(root, "  ")
    body: bytes = tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def question(content: Content) -> Element:
    kind, write = _WRITERS[str(content["type"])]
    node = Element("question", {"type": kind})
    _text(node, "name", str(content["id"]), {})
    _text(node, "questiontext", str(content.get("prompt", "")))
    _text(node, "generalfeedback", str(content.get("explanation", "")))
    for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0")):
        _simple(node, tag, value)
    _simple(node, "idnumber", str(content["id"]))
    write(node, content)
    if content.get("tags"):
        found = SubElement(node, "tags")
        for tag in content["tags"]:
            _text(found, "tag", tag, {})
    extra = extension.extension_of(content, "xml")
    if extra:
        _simple(node, "quiz_extension", extension.as_text(extra))
    return node


def _answer(parent: Element, fraction: str, value: str, feedback: str = "") -> Element:
    node = _text(parent, "answer", value, {"fraction": fraction, **PLAIN})
    _text(node, "feedback", feedback)
    return node


def _choice(node: Element, content: Content) -> None:
    options = content["options"]
    single = content["type"] == "single"
    right = sum(bool(o.get("correct")) for o in options) or 1
    share = "100" if single else number(round(100 / right, 5))
    for tag, value in (
        ("single", str(single).lower()),
        ("shuffleanswers", "true"),
        ("answernumbering", "abc"),
    ):
        _simple(node, tag, value)
    for o in options:
        fraction = share if o.get("correct") else ("0" if single else f"-{share}")
        _answer(node, fraction, o["text"], o.get("feedback", ""))


def _true_false(node: Element, content: Content) -> None:
    wrong = content.get("wrong_feedback", "")
    for value in (True, False):
        right = value == content["answer"]
        _answer(node, "100" if right else "0", str(value).lower(), "" if right else wrong)


def _short_answer(node: Element, content: Content) -> None:
    _simple(node, "usecase", "0")
    for accepted in content["accepted"]:
        _answer(node, "100", accepted)
    if content.get("wrong_feedback"):
        _answer(node, "0", "*", content["wrong_feedback"])


def _numeric(node: Element, content: Content) -> None:
    key = content["answer"]
    if "min" in key:
        value, tolerance = (key["min"] + key["max"]) / 2, (key["max"] - key["min"]) / 2
    else:
        value, tolerance = key["value"], key.get("tolerance") or 0
    _simple(_answer(node, "100", number(value)), "tolerance", number(tolerance))
    if content.get("wrong_feedback"):
        _simple(_answer(node, "0", "*", content["wrong_feedback"]), "tolerance", "0")
    unit = SubElement(SubElement(node, "units"), "unit")
    _simple(unit, "multiplier", "1")
    _simple(unit, "unit_name", str(content.get("unit", "")))
    for tag, value in (
        ("unitgradingtype", "0"),
        ("unitpenalty", "0"),
        ("showunits", "3"),
        ("unitsleft", "0"),
    ):
        _simple(node, tag, value)


def _matching(node: Element, content: Content) -> None:
    _simple(node, "shuffleanswers", "true")
    rows = [(p["left"], p["right"]) for p in content["pairs"]]
    rows += [("", d["text"]) for d in content.get("distractors") or []]
    for left, right in rows:
        sub = _text(node, "subquestion", left)
        _text(sub, "answer", right, {})


def _ordering(node: Element, content: Content) -> None:
    settings = (
        ("layouttype", "VERTICAL"),
        ("selecttype", "ALL"),
        ("selectcount", "0"),
        ("gradingtype", "ABSOLUTE_POSITION"),
        ("showgrading", "SHOW"),
        ("numberingstyle", "none"),
    )
    for tag, value in settings:
        _simple(node, tag, value)
    _text(node, "incorrectfeedback", content.get("wrong_feedback", ""))
    for n, item in enumerate(content["items"], 1):
        _text(node, "answer", item, {"fraction": str(n), **PLAIN})


_WRITERS: dict[str, tuple[str, Callable[[Element, Content], None]]] = {
    "single": ("multichoice", _choice),
    "multiple": ("multichoice", _choice),
    "true_false": ("truefalse", _true_false),
    "short_answer": ("shortanswer", _short_answer),
    "numeric": ("numerical", _numeric),
    "matching": ("matching", _matching),
    "ordering": ("ordering", _ordering),
}
