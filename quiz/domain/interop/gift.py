"""Reading GIFT, Moodle's plain-text format, as Moodle's own reader reads it.

A question is a block of lines between blank lines: ``//`` comment lines (``[id:...]``,
``[tag:...]`` and our ``quiz:`` extension among them), an optional ``::title::``, the
text, and the answers in braces; ``$CATEGORY:`` blocks move the following questions to a
bank. Escapes ``\\~ \\= \\# \\{ \\} \\: \\\\ \\n`` stand for the character itself (and,
written by our export only, ``\\%`` and ``\\>``). docs/interop.md maps every construct.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from quiz.domain.interop import extension
from quiz.domain.interop.gift_answers import Refused, answers
from quiz.domain.interop.gift_text import protect, restore, text_of
from quiz.domain.interop.model import Category, FileRefused, Imported, Parsed, Problem
from quiz.domain.interop.shared import arranged, decode, question_id, slug, tags

_META = re.compile(r"\[(id|tag):((?:\\.|[^\]\\])*)\]")


@dataclass
class _Block:
    line: int  # where the block starts
    lines: list[tuple[int, str]]  # its lines that are not comments, with their numbers
    comments: list[str]

    def line_of(self, offset: int) -> int:
        """The file's line number of a character offset in the joined text."""
        for number, text in self.lines:
            if offset <= len(text):
                return number
            offset -= len(text) + 1
        return self.lines[-1][0] if self.lines else self.line


def _blocks(text: str) -> Iterator[_Block]:
    block: _Block | None = None
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            if block is not None:
                yield block
            block = None
            continue
        block = block or _Block(number, [], [])
        if line.strip().startswith("//"):
            block.comments.append(line.strip()[2:])
        else:
            block.lines.append((number, line))
    if block is not None:
        yield block


@dataclass
class _Reader:
    filename: str
    questions: list[Imported] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    category: Category | None = None

    def block(self, block: _Block) -> None:
        meta = _meta(block.comments)
        body = "\n".join(text for _, text in block.lines).strip()
        if not body:
            return
        body = protect(body)
        if body.startswith("$CATEGORY:"):
            self._category(body[len("$CATEGORY:") :], meta)
            return
        try:
            meta.title, content, notes = _question(body, block)
        except Refused as refused:
            name = meta.given_id or _first_words(body)
            self.errors.append(Problem(f"line {refused.line or block.line}", name, refused.message))
            return
        self._add(content, notes, meta, f"line {block.line}")

    def _category(self, path: str, meta: _Meta) -> None:
        name = _last_segment(restore(path).strip())
        self.category = Category(slug(meta.given_id or name, "imported"), name or "Imported")
        self.categories.append(self.category)

    def _add(self, content: dict[str, Any], notes: list[str], meta: _Meta, where: str) -> None:
        given = meta.given_id
        if given and given in self.ids:
            self.errors.append(Problem(where, given, "this id is used twice in the file"))
            return
        qid, id_notes = question_id(given, meta.title, content["prompt"], self.ids)
        found_tags, tag_notes = tags(meta.tags)
        content = {"id": qid, **content}
        if found_tags:
            content["tags"] = found_tags
        notes = [*id_notes, *tag_notes, *notes]
        extension.apply(content, meta.extension or {}, notes)
        notes += meta.notes
        self.questions.append(Imported(arranged(content), where, self.category, tuple(notes)))


@dataclass
class _Meta:
    given_id: str = ""
    title: str = ""
    tags: list[str] = field(default_factory=list)
    extension: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


def _meta(comments: list[str]) -> _Meta:
    meta = _Meta()
    for comment in comments:
        text = comment.strip()
        if text.startswith("quiz:"):
            meta.extension, note = extension.parse(text[len("quiz:") :])
            meta.notes += [note] if note else []
            continue
        for kind, raw in _META.findall(text):
            value = re.sub(r"\\(.)", r"\1", raw).strip()
            if kind == "id":
                meta.given_id = value
            else:
                meta.tags.append(value)
    return meta


def _question(body: str, block: _Block) -> tuple[str, dict[str, Any], list[str]]:
    """The question's title, its own fields (without id and tags) and notes, or Refused."""
    title = ""
    if body.startswith("::"):
        end = body.find("::", 2)
        if end < 0:
            raise Refused("the title has no closing '::'", block.line)
        title, body = restore(body[2:end]).strip(), body[end + 2 :].strip()
    start, finish = _braces(body, block)
    answer_text = body[start + 1 : finish].strip()
    after = body[finish + 1 :].strip()
    prompt = body[:start] + ("_____" + body[finish + 1 :] if after else "")
    general = ""
    if "####" in answer_text:
        at = answer_text.rfind("####")
        answer_text, general = answer_text[:at].strip(), answer_text[at + 4 :]
    fmt, prompt_text = text_of(prompt)
    content, notes = answers(answer_text, fmt, block.line_of(start))
    content = {"type": content.pop("type"), "prompt": prompt_text, **content}
    content["explanation"] = text_of(general, fmt)[1]
    return title, content, notes


def _braces(body: str, block: _Block) -> tuple[int, int]:
    """Where the answers' '{' and '}' are; Refused when they do not pair up."""
    start, finish = body.find("{"), body.find("}")
    if start < 0 and finish < 0:
        raise Refused(
            "no answers in braces { }: Moodle reads this as a description (text without a "
            "question), which this app has no type for; write \\{ and \\} for braces in a text",
            block.line,
        )
    if start < 0 or (0 <= finish < start):
        raise Refused(
            "unbalanced braces: a '}' with no '{' before it (write \\} for a brace in a text)",
            block.line_of(finish),
        )
    if finish < 0:
        raise Refused(
            "unbalanced braces: the '{' opening the answers is never closed with '}'",
            block.line_of(start),
        )
    extra = re.search(r"[{}]", body[start + 1 : finish] + " " + body[finish + 1 :])
    if extra is not None:
        raise Refused(
            f"unbalanced braces: a second '{extra.group()}' (one pair of braces per question; "
            "write \\{ or \\} for a brace in a text)",
            block.line_of(start),
        )
    return start, finish


def _first_words(body: str) -> str:
    """How an error names a question without an id: its title, else its first words."""
    if body.startswith("::") and body.find("::", 2) > 0:
        return restore(body[2 : body.find("::", 2)]).strip()
    return " ".join(restore(body.split("{", 1)[0]).split()[:6])


def _last_segment(path: str) -> str:
    """The last name in a Moodle category path ('$course$/top/Mechanism'); '//' is a '/'."""
    parts = path.replace("//", "\ufdef").split("/")
    return parts[-1].replace("\ufdef", "/").strip()


def read_gift(data: bytes, filename: str) -> Parsed:
    """Every question of a GIFT file, or every error in it."""
    try:
        text = decode(data, filename)
    except FileRefused as refused:
        return Parsed("gift", errors=(Problem("the file", "", refused.message),))
    if re.search("[\ufdd0-\ufdef]", text):
        message = "it holds Unicode noncharacters (U+FDD0 to U+FDEF); remove them"
        return Parsed("gift", errors=(Problem("the file", "", message),))
    reader = _Reader(filename)
    for block in _blocks(text):
        reader.block(block)
    if not reader.questions and not reader.errors:
        reader.errors.append(Problem("the file", "", "no questions found: is this a GIFT file?"))
    return Parsed("gift", tuple(reader.questions), tuple(reader.errors), tuple(reader.categories))
