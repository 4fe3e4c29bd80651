"""One use case, one transaction: the only place the store commits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask_sqlalchemy.session import Session
from sqlalchemy.orm import scoped_session

from quiz.store.db import db


@contextmanager
def use_case() -> Iterator[scoped_session[Session]]:
    """Run a use case's writes in one transaction: committed when the block ends,
    rolled back (and the error raised again) when anything in it fails."""
    try:
        yield db.session
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def rollback() -> None:
    """Forget whatever the failed request left in the session."""
    db.session.rollback()
