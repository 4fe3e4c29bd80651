"""The tables, one module per area. The schema changes only through migrations
(``migrations/``); a new area adds its module here and to the imports below, so every
table is registered before the first query."""

from quiz.store.models.accounts import INSTRUCTOR, STUDENT, User
from quiz.store.models.attempts import Attempt, Response
from quiz.store.models.base import now_utc
from quiz.store.models.content import (
    Bank,
    CatalogRevision,
    Document,
    DocumentVersion,
    QuestionRecord,
    QuestionVersion,
    Status,
)
from quiz.store.models.courses import (
    Assignment,
    AssignmentExtension,
    AuditEntry,
    Course,
    CourseInstructor,
    Enrollment,
)
from quiz.store.models.interop import ContentImport
from quiz.store.models.reviews import ReviewCard, ReviewLog
from quiz.store.models.study import Appeal, StudySettings

__all__ = [
    "INSTRUCTOR",
    "STUDENT",
    "Appeal",
    "Assignment",
    "AssignmentExtension",
    "Attempt",
    "AuditEntry",
    "Bank",
    "CatalogRevision",
    "ContentImport",
    "Course",
    "CourseInstructor",
    "Document",
    "DocumentVersion",
    "Enrollment",
    "QuestionRecord",
    "QuestionVersion",
    "Response",
    "ReviewCard",
    "ReviewLog",
    "Status",
    "StudySettings",
    "User",
    "now_utc",
]
