"""Reading Aiken, Moodle's one-line multiple-choice format::

    Which neurotransmitter does clonazepam enhance?
    A. Dopamine
    B) GABA
    ANSWER: B

The question's lines, then options lettered ``A.`` or ``A)``, then ``ANSWER:`` and the
right letter; a blank line may stand between questions. Aiken has no feedback and no
explanation: the checker names what each question still needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quiz.domain.interop import extension
from quiz.domain.interop.model import FileRefused, Imported, Parsed, Problem
from quiz.domain.interop.shared import arranged, decode, question_id

_OPTION = re.compile(r"^([A-Za-z])[.)]\s+(.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)


@dataclass
class _Question:
    line: int
    prompt: list[str] = field(default_factory=list)
    options: list[tuple[str, str]] = field(default_factory=list)  # (letter, text)


@dataclass
class _Reader:
    questions: list[Imported] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    current: _Question | None = None

    def line(self, number: int, text: str) -> None:
        text = text.strip()
        if not text:
            return
        option, answer = _OPTION.match(text), _ANSWER.match(text)
        if answer and self.current is not None:
            self._finish(self.current, answer.group(1).strip(), number)
            self.current = None
        elif option and self.current is not None and self.current.prompt:
            self.current.options.append((option.group(1).upper(), option.group(2).strip()))
        elif self.current is not None and self.current.options:
            self._unfinished(self.current)
            self.current = _Question(number, [text])
        else:
            self.current = self.current or _Question(number)
            self.current.prompt.append(text)

    def _unfinished(self, question: _Question) -> None:
        message = "no 'ANSWER:' line after the options (write ANSWER: and the right letter)"
        self.errors.append(Problem(f"line {question.line}", _name(question), message))

    def _finish(self, question: _Question, letter: str, number: int) -> None:
        letters = [found for found, _text in question.options]
        where, name = f"line {question.line}", _name(question)
        if len(question.options) < 2:
            self.errors.append(
                Problem(where, name, "a question needs at least two lettered options (A. or A))")
            )
            return
        if letter.upper() not in letters:
            message = f"line {number}: ANSWER: {letter!r} is not one of the options' letters ({', '.join(letters)})"
            self.errors.append(Problem(where, name, message))
            return
        options = [
            {"text": text, **({"correct": True} if found == letter.upper() else {})}
            for found, text in question.options
        ]
        prompt = " ".join(question.prompt)
        qid, _notes = question_id("", "", prompt, self.ids)
        content = {
            "id": qid,
            "type": "single",
            "prompt": prompt,
            "options": options,
            "explanation": "",
        }
        extension.apply(content, {}, [])
        self.questions.append(Imported(arranged(content), where))


def _name(question: _Question) -> str:
    return " ".join(" ".join(question.prompt).split()[:6])


def read_aiken(data: bytes, filename: str) -> Parsed:
    """Every question of an Aiken file, or every error in it."""
    try:
        text = decode(data, filename)
    except FileRefused as refused:
        return Parsed("aiken", errors=(Problem("the file", "", refused.message),))
    reader = _Reader()
    for number, line in enumerate(text.split("\n"), 1):
        reader.line(number, line)
    if reader.current is not None:
        reader._unfinished(reader.current)
    if not reader.questions and not reader.errors:
        reader.errors.append(Problem("the file", "", "no questions found: is this an Aiken file?"))
    return Parsed("aiken", tuple(reader.questions), tuple(reader.errors))
