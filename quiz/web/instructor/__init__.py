"""The instructor area: gradebook, a student's attempts, per-bank scores, item analysis,
passages and CSV exports. Every view is for instructors only."""

from __future__ import annotations

from quiz.web.instructor import (  # noqa: F401  (their routes join bp)
    appeals,
    assignments,
    classbook,
    classes,
    exports,
    grading,
    pages,
)
from quiz.web.instructor.common import bp

__all__ = ["bp"]
