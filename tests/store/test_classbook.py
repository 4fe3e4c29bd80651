"""The class gradebook's reads: the attempts summed up by the database (one row per student
and assignment) agree with the domain summing up each attempt, for every way an attempt
can stand (finished, timed out, open, reset) and for best, last and mean."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quiz.domain.attempts import Kind, Mode, ended_at, percent
from quiz.domain.courses import Counting, Reveal, Selection
from quiz.domain.standings import Taken, summarise
from quiz.store import classbook
from quiz.store.db import db
from quiz.store.models import Assignment, Attempt, Course, Enrollment

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)

# (minutes before NOW it started, finished minutes after start or None, deadline minutes
#  after start or None, score out of 4, reset)
attempt_shapes = st.tuples(
    st.integers(10, 500),
    st.one_of(st.none(), st.integers(1, 9)),
    st.one_of(st.none(), st.integers(1, 600)),
    st.integers(0, 4),
    st.booleans(),
)


@pytest.fixture
def course(app, create_user):
    ann = create_user("ann")
    with app.app_context():
        found = Course(name="Class", term="", join_code="CLASS123")
        db.session.add(found)
        db.session.flush()
        db.session.add(Enrollment(course_id=found.id, user_id=ann))
        ids = {}
        for counting in Counting:
            a = Assignment(
                course_id=found.id,
                title=str(counting),
                selection=Selection.BANK,
                bank_ids=["fixture"],
                question_ids=[],
                mode=Mode.PRACTICE,
                counting=counting,
                reveal=Reveal.AFTER_EACH,
            )
            db.session.add(a)
            db.session.flush()
            ids[counting] = a.id
        db.session.commit()
        yield found.id, ann, ids
        db.session.remove()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(shapes=st.lists(attempt_shapes, max_size=5))
def test_the_grouped_read_agrees_with_summing_up_each_attempt(course, shapes):
    course_id, ann, ids = course
    db.session.query(Attempt).delete()
    taken: dict[int, list[Taken]] = {i: [] for i in ids.values()}
    for n, (ago, done, limit, score, reset) in enumerate(shapes):
        for assignment_id in ids.values():
            started = NOW - timedelta(minutes=ago, seconds=n)
            finished = started + timedelta(minutes=done) if done is not None else None
            deadline = started + timedelta(minutes=limit) if limit is not None else None
            db.session.add(
                Attempt(
                    user_id=ann,
                    kind=Kind.ASSIGNMENT,
                    mode=Mode.PRACTICE,
                    assignment_id=assignment_id,
                    layout=[],
                    score=float(score),
                    max_score=4,
                    started_at=started,
                    finished_at=finished,
                    deadline_at=deadline,
                    discarded_at=NOW if reset else None,
                )
            )
            if not reset:
                ended = ended_at(finished, deadline, NOW)
                taken[assignment_id].append(Taken(started, ended, percent(score, 4)))
    db.session.commit()
    facts = classbook.facts(course_id, NOW)
    for assignment_id, attempts in taken.items():
        expected = summarise(attempts)
        found = facts.taken.get((ann, assignment_id))
        if not attempts:
            assert found is None
            continue
        assert found is not None
        assert (found.attempts, found.first_end) == (expected.attempts, expected.first_end)
        assert found.best == pytest.approx(expected.best)
        assert found.mean == pytest.approx(expected.mean)
        if assignment_id == ids[Counting.LAST]:  # the latest is read only where it counts
            assert found.last == pytest.approx(expected.last)
