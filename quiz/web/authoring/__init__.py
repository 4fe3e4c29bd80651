"""Authoring in the browser, for instructors: topics (banks), questions and documents."""

from __future__ import annotations

from quiz.web.authoring import banks as banks
from quiz.web.authoring import documents as documents
from quiz.web.authoring import interop as interop
from quiz.web.authoring import questions as questions
from quiz.web.authoring.common import bp

__all__ = ["banks", "bp", "documents", "interop", "questions"]
