"""Classes: creating and archiving them, joining with a code, removing a student, adding a
co-instructor; and who an instructor may see (only the students of their classes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.exc import IntegrityError

from quiz.domain.courses import join_code, normal_code
from quiz.store.db import db
from quiz.store.models import INSTRUCTOR, STUDENT, Course, CourseInstructor, Enrollment, User
from quiz.store.unit import use_case
from quiz.store.users import find_user


class CourseError(ValueError):
    """A change to a class that cannot be made, with the field it is about."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def create(name: str, term: str, instructor_id: int, now: datetime) -> Course:
    """A new class taught by *instructor_id*, with a fresh join code."""
    for _ in range(5):  # a clash of random codes is rare; try another
        course = Course(name=name, term=term, join_code=join_code(), created_at=now)
        try:
            with use_case() as session:
                session.add(course)
                session.flush()
                session.add(
                    CourseInstructor(course_id=course.id, user_id=instructor_id, added_at=now)
                )
        except IntegrityError:
            continue
        return course
    raise CourseError("name", "No join code could be made; try again.")


def teaches(instructor_id: int, course_id: int) -> bool:
    query = select(
        exists().where(
            CourseInstructor.course_id == course_id, CourseInstructor.user_id == instructor_id
        )
    )
    return bool(db.session.scalar(query))


def taught_by(instructor_id: int, archived: bool = False) -> list[Course]:
    """The classes *instructor_id* teaches (archived ones only when asked), newest first."""
    query = (
        select(Course)
        .join(CourseInstructor, CourseInstructor.course_id == Course.id)
        .where(CourseInstructor.user_id == instructor_id)
        .order_by(Course.created_at.desc())
    )
    if not archived:
        query = query.where(Course.archived_at.is_(None))
    return list(db.session.execute(query).scalars())


def get(course_id: int) -> Course | None:
    return db.session.get(Course, course_id)


def by_code(code: str) -> Course | None:
    query = select(Course).where(
        Course.join_code == normal_code(code), Course.archived_at.is_(None)
    )
    return db.session.execute(query).scalar_one_or_none()


def join(course: Course, user_id: int, now: datetime) -> bool:
    """Enroll a student; False when they were in the class already."""
    with use_case() as session:
        found = session.get(Enrollment, (course.id, user_id))
        if found is not None and found.removed_at is None:
            return False
        if found is None:
            session.add(Enrollment(course_id=course.id, user_id=user_id, joined_at=now))
        else:
            found.removed_at, found.joined_at = None, now
    return True


def remove_student(course_id: int, user_id: int, now: datetime) -> None:
    """Take a student out of a class (their work stays)."""
    with use_case() as session:
        found = session.get(Enrollment, (course_id, user_id))
        if found is not None:
            found.removed_at = now


def add_instructor(course_id: int, username: str, now: datetime) -> User:
    """Add a co-instructor by user name (an instructor account)."""
    user = find_user(username)
    if user is None or user.role != INSTRUCTOR:
        raise CourseError("username", "No instructor has that user name.")
    with use_case() as session:
        if session.get(CourseInstructor, (course_id, user.id)) is None:
            session.add(CourseInstructor(course_id=course_id, user_id=user.id, added_at=now))
    return user


def set_archived(course_id: int, archived: bool, now: datetime) -> None:
    with use_case() as session:
        course = session.get(Course, course_id)
        if course is not None:
            course.archived_at = now if archived else None


@dataclass(frozen=True)
class Member:
    user_id: int
    username: str
    joined_at: datetime


def roster(course_id: int) -> list[Member]:
    """The students in a class now, by name."""
    query = (
        select(User.id, User.username, Enrollment.joined_at)
        .join(Enrollment, Enrollment.user_id == User.id)
        .where(Enrollment.course_id == course_id, Enrollment.removed_at.is_(None))
        .order_by(User.username)
    )
    return [Member(*row) for row in db.session.execute(query)]


def instructors(course_id: int) -> list[str]:
    query = (
        select(User.username)
        .join(CourseInstructor, CourseInstructor.user_id == User.id)
        .where(CourseInstructor.course_id == course_id)
        .order_by(User.username)
    )
    return list(db.session.execute(query).scalars())


def courses_of_student(user_id: int) -> list[Course]:
    query = (
        select(Course)
        .join(Enrollment, Enrollment.course_id == Course.id)
        .where(
            Enrollment.user_id == user_id,
            Enrollment.removed_at.is_(None),
            Course.archived_at.is_(None),
        )
        .order_by(Course.name)
    )
    return list(db.session.execute(query).scalars())


def visible_students(instructor_id: int, course_id: int | None = None) -> Any:
    """A subquery of the ids of the students *instructor_id* may see: those in their
    classes (or in *course_id*, one of them). Every instructor read filters by it."""
    query = (
        select(Enrollment.user_id)
        .join(CourseInstructor, CourseInstructor.course_id == Enrollment.course_id)
        .where(CourseInstructor.user_id == instructor_id, Enrollment.removed_at.is_(None))
    )
    if course_id is not None:
        query = query.where(Enrollment.course_id == course_id)
    return query.distinct().scalar_subquery()


def sees_student(instructor_id: int, student_id: int) -> bool:
    query = select(
        exists()
        .where(Enrollment.user_id == student_id, Enrollment.removed_at.is_(None))
        .where(
            Enrollment.course_id == CourseInstructor.course_id,
            CourseInstructor.user_id == instructor_id,
        )
    )
    return bool(db.session.scalar(query))


def student_count(course_id: int) -> int:
    query = select(func.count()).where(
        Enrollment.course_id == course_id, Enrollment.removed_at.is_(None)
    )
    return int(db.session.scalar(query) or 0)


def is_student(user: User) -> bool:
    return user.role == STUDENT
