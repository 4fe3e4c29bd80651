"""The tables, one module per area. The schema changes only through migrations
(``migrations/``); a new area adds its module here and to the imports below, so every
table is registered before the first query."""

from quiz.store.models.accounts import INSTRUCTOR, STUDENT, User
from quiz.store.models.attempts import Attempt, Response
from quiz.store.models.base import now_utc
from quiz.store.models.reviews import ReviewCard, ReviewLog
from quiz.store.models.study import Appeal, StudySettings

__all__ = [
    "INSTRUCTOR",
    "STUDENT",
    "Appeal",
    "Attempt",
    "Response",
    "ReviewCard",
    "ReviewLog",
    "StudySettings",
    "User",
    "now_utc",
]
