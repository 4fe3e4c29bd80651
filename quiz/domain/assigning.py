"""An assignment as an instructor sets it: what is wrong with the settings (each problem
beside its field), and which questions one attempt gets. Plain Python."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quiz.domain.attempts import Mode
from quiz.domain.courses import Counting, Reveal, Selection, Window, draw
from quiz.domain.questions import Question

MAX_TIME_LIMIT_S = 24 * 3600  # a day
MAX_ATTEMPTS = 100


@dataclass(frozen=True)
class AssignmentSpec:
    """Everything an assignment's form sets."""

    title: str
    selection: Selection
    bank_ids: tuple[str, ...]
    question_ids: tuple[str, ...]
    draw_count: int | None
    mode: Mode
    window: Window
    time_limit_s: int | None
    attempts_allowed: int | None  # None: as many as the student likes
    counting: Counting
    reveal: Reveal
    weight: float


@dataclass(frozen=True)
class Offer:
    """What can be assigned now: each open bank's questions (retired banks are absent)."""

    banks: Mapping[str, Sequence[Question]]
    titles: Mapping[str, str]

    def question(self, question_id: str) -> Question | None:
        for questions in self.banks.values():
            for q in questions:
                if q.id == question_id:
                    return q
        return None


def problems(spec: AssignmentSpec, offer: Offer) -> list[tuple[str, str]]:
    """(field, message) for every setting that cannot work, in the form's order."""
    out = _selection_problems(spec, offer)
    out += spec.window.problems()
    if spec.time_limit_s is not None and not 0 < spec.time_limit_s <= MAX_TIME_LIMIT_S:
        out.append(("time_limit", "Give a time limit from 1 minute to 24 hours, or none."))
    if spec.attempts_allowed is not None and not 0 < spec.attempts_allowed <= MAX_ATTEMPTS:
        out.append(("attempts_allowed", f"Allow from 1 to {MAX_ATTEMPTS} attempts, or any."))
    if spec.mode is Mode.EXAM and spec.reveal is Reveal.AFTER_EACH:
        out.append(
            ("reveal", "An exam shows no answer before it is submitted: choose a later time.")
        )
    if spec.mode is Mode.FLASHCARDS:
        out.append(("mode", "Assign practice or an exam."))
    if spec.reveal is Reveal.AFTER_CLOSE and not (spec.window.closes_at or spec.window.due_at):
        out.append(("reveal", "Set a due or close date, or show the answers after submitting."))
    if not 0 <= spec.weight <= 1000:
        out.append(("weight", "Give a weight from 0 to 1000."))
    return out


def _selection_problems(spec: AssignmentSpec, offer: Offer) -> list[tuple[str, str]]:
    retired = [b for b in spec.bank_ids if b not in offer.banks]
    if retired:
        return [("bank_ids", f"No longer offered (retired or removed): {', '.join(retired)}.")]
    if spec.selection is Selection.BANK and len(spec.bank_ids) != 1:
        return [("bank_ids", "Choose one topic to assign whole.")]
    if spec.selection is Selection.CHOSEN:
        return _chosen_problems(spec, offer)
    if spec.selection is Selection.RANDOM:
        if not spec.bank_ids:
            return [("bank_ids", "Choose the topics to draw questions from.")]
        pool = sum(len(offer.banks[b]) for b in spec.bank_ids)
        if not spec.draw_count or not 0 < spec.draw_count <= pool:
            return [
                ("draw_count", f"Draw from 1 to {pool} questions (the topics chosen hold {pool}).")
            ]
    return []


def _chosen_problems(spec: AssignmentSpec, offer: Offer) -> list[tuple[str, str]]:
    if not spec.question_ids:
        return [("question_ids", "Choose at least one question.")]
    missing = [q for q in spec.question_ids if offer.question(q) is None]
    if missing:
        return [("question_ids", f"No longer offered: {', '.join(missing)}.")]
    return []


def pool(spec: AssignmentSpec, offer: Offer) -> list[Question]:
    """Every question an attempt may get (still offered), in the banks' order: the bank,
    the chosen ones, or all those a draw picks from."""
    if spec.selection is Selection.CHOSEN:
        return [q for q in (offer.question(i) for i in spec.question_ids) if q is not None]
    return list({q.id: q for b in spec.bank_ids for q in offer.banks.get(b, ())}.values())


def questions_for(spec: AssignmentSpec, offer: Offer, rng: random.Random) -> list[Question]:
    """The questions one attempt gets: the bank, the chosen ones (those still offered), or
    a fresh draw of N from the banks."""
    found = pool(spec, offer)
    if spec.selection is not Selection.RANDOM:
        return found
    by_id = {q.id: q for q in found}
    return [by_id[i] for i in draw(list(by_id), spec.draw_count or len(found), rng)]
