"""Reading Moodle XML (question/format/xml): categories, multichoice, truefalse,
shortanswer, numerical, matching and ordering (the qtype_ordering plugin), with their
per-answer and general feedback, id numbers and tags. Parsed by :mod:`xml_tree`, which
refuses entities; HTML texts are reduced to plain text. docs/interop.md maps it all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quiz.domain.interop import extension, mapping
from quiz.domain.interop.mapping import Answer, Fields
from quiz.domain.interop.model import Category, FileRefused, Imported, Parsed, Problem
from quiz.domain.interop.shared import arranged, question_id, slug, tags, to_number
from quiz.domain.interop.xml_tree import Node, parse
from quiz.domain.texts import to_plain_text

SUPPORTED = ("multichoice", "truefalse", "shortanswer", "numerical", "matching", "ordering")


class _Refused(ValueError):
    pass


def text(node: Node | None) -> str:
    """The plain text of a Moodle text element (``<text>`` inside, a format attribute)."""
    if node is None:
        return ""
    raw = node.value("text") if node.child("text") else node.text
    if node.attrs.get("format", "html") in ("html", "moodle_auto_format") and "<" in raw:
        return to_plain_text(raw, "html").strip()
    return raw.strip()


def _answers(question: Node) -> list[Answer]:
    return [
        Answer(to_number(a.attrs.get("fraction", "0")) or 0.0, text(a), text(a.child("feedback")))
        for a in question.all("answer")
    ]


def _multichoice(q: Node) -> Fields:
    single = q.value("single").strip().lower() not in ("false", "0")
    return mapping.choice(_answers(q), single)


def _truefalse(q: Node) -> Fields:
    found = _answers(q)
    right = next((a for a in found if a.weight >= 100), None)
    wrong = next((a for a in found if a is not right), None)
    if right is None or right.text.lower() not in ("true", "false"):
        raise _Refused("a truefalse question needs the answer 'true' or 'false' with fraction 100")
    return mapping.true_false(
        right.text.lower() == "true", wrong.feedback if wrong else "", right.feedback
    )


def _shortanswer(q: Node) -> Fields:
    content, notes = mapping.short(_answers(q))
    if q.value("usecase").strip() == "1":
        notes.append("case-sensitive matching is not kept: answers here ignore case")
    return content, notes


def _numerical(q: Node) -> Fields:
    keys = []
    wrong = ""
    for node, found in zip(q.all("answer"), _answers(q), strict=True):
        if found.text == "*":
            wrong = found.feedback
            continue
        value, tolerance = to_number(found.text), to_number(node.value("tolerance") or "0")
        if value is None or tolerance is None:
            raise _Refused(f"not a number: {found.text!r}")
        keys.append((found, {"value": value, **({"tolerance": tolerance} if tolerance else {})}))
    if not any(a.weight >= 100 for a, _key in keys):
        raise _Refused("a numerical question needs an answer with fraction 100")
    content, notes = mapping.numeric(keys, wrong)
    units = [
        u
        for u in (q.child("units") or Node("", {}, 0)).all("unit")
        if (to_number(u.value("multiplier") or "1") or 0) == 1
    ]
    if units:
        content["unit"] = units[0].value("unit_name").strip()
    return content, notes


def _matching(q: Node) -> Fields:
    pairs, distractors = [], []
    for sub in q.all("subquestion"):
        left, right = text(sub), sub.value("answer", "text").strip()
        if left:
            pairs.append({"left": left, "right": right})
        else:
            distractors.append({"text": right})
    content: dict[str, Any] = {"type": "matching", "pairs": pairs}
    if distractors:
        content["distractors"] = distractors
    return content, []


def _ordering(q: Node) -> Fields:
    items = sorted(_answers(q), key=lambda a: a.weight)
    content: dict[str, Any] = {"type": "ordering", "items": [a.text for a in items]}
    wrong = text(q.child("incorrectfeedback"))
    if wrong:
        content["wrong_feedback"] = wrong
    return content, []


_READERS: dict[str, Callable[[Node], Fields]] = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "matching": _matching,
    "ordering": _ordering,
}


@dataclass
class _Reader:
    questions: list[Imported] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    category: Category | None = None

    def question(self, q: Node) -> None:
        kind = q.attrs.get("type", "")
        where, name = f"line {q.line}", q.value("name", "text").strip()
        if kind == "category":
            self._category(q)
            return
        if kind not in _READERS:
            message = (
                f"question type {kind!r} cannot be imported: this app has no such type "
                f"(it imports {', '.join(SUPPORTED)})"
            )
            self.errors.append(Problem(where, name, message))
            return
        try:
            fields, notes = _READERS[kind](q)
        except _Refused as refused:
            self.errors.append(Problem(where, name, str(refused)))
            return
        self._add(q, fields, notes, where)

    def _category(self, q: Node) -> None:
        path = q.value("category", "text").strip()
        title = path.replace("//", "\ufdef").split("/")[-1].replace("\ufdef", "/").strip()
        given = q.value("idnumber").strip()
        self.category = Category(
            slug(given or title, "imported"), title or "Imported", text(q.child("info"))
        )
        self.categories.append(self.category)

    def _add(self, q: Node, fields: dict[str, Any], notes: list[str], where: str) -> None:
        given, title = q.value("idnumber").strip(), q.value("name", "text").strip()
        if given and given in self.ids:
            self.errors.append(Problem(where, given, "this id number is used twice in the file"))
            return
        prompt = text(q.child("questiontext"))
        qid, id_notes = question_id(given, title, prompt, self.ids)
        content = {"id": qid, "type": fields.pop("type"), "prompt": prompt, **fields}
        content["explanation"] = text(q.child("generalfeedback"))
        found_tags, tag_notes = tags(
            t.value("text").strip() for t in (q.child("tags") or Node("", {}, 0)).all("tag")
        )
        if found_tags:
            content["tags"] = found_tags
        notes = [*id_notes, *tag_notes, *notes]
        if list(q.all("file")) or any(list(n.all("file")) for n in q.children):
            notes.append("its images or files are not imported")
        extra, note = (
            extension.parse(q.value("quiz_extension")) if q.child("quiz_extension") else ({}, None)
        )
        if note:
            notes.append(note)
        if (
            content["type"] == "numeric"
            and isinstance(extra.get("range"), list)
            and len(extra["range"]) == 2
        ):
            content["answer"] = {"min": extra["range"][0], "max": extra["range"][1]}
        extension.apply(content, extra, notes)
        self.questions.append(Imported(arranged(content), where, self.category, tuple(notes)))


def read_moodle_xml(data: bytes, filename: str) -> Parsed:
    """Every question of a Moodle XML file, or every error in it."""
    try:
        root = parse(data, filename)
    except FileRefused as refused:
        return Parsed("xml", errors=(Problem("the file", "", refused.message),))
    if root.tag != "quiz":
        message = f"the root element is <{root.tag}>, not <quiz>: is this a Moodle XML file?"
        return Parsed("xml", errors=(Problem(f"line {root.line}", "", message),))
    reader = _Reader()
    for q in root.all("question"):
        reader.question(q)
    if not reader.questions and not reader.errors:
        reader.errors.append(Problem("the file", "", "no questions found in <quiz>"))
    return Parsed("xml", tuple(reader.questions), tuple(reader.errors), tuple(reader.categories))
