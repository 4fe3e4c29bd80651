"""The practice loop: pick a topic or a session, answer one question per page (or turn
flashcards), see why, finish; resume or discard what is unfinished; appeal a score."""

from __future__ import annotations

from quiz.web.practice import cards, home, questions, summary  # noqa: F401  (routes join bp)
from quiz.web.practice.common import bp

__all__ = ["bp"]
