"""Copying the live SQLite database while the app serves (SQLite's online backup API)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from quiz.store.db import db


class BackupError(RuntimeError):
    """The copy could not be made or did not check out."""


def database_file() -> Path | None:
    """The SQLite file the app uses, or None for another database."""
    return sqlite_path(str(db.engine.url))


def sqlite_path(uri: str) -> Path | None:
    """The file behind a SQLite database URL, or None for another database."""
    url = make_url(uri)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def backup_sqlite(source: Path, target: Path, pages_per_step: int = 1024) -> None:
    """Copy a live SQLite database consistently with SQLite's online backup API.

    Writers may go on meanwhile: the copy is a snapshot as of the end of the backup.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(tmp)
    try:
        src.backup(dst, pages=pages_per_step, sleep=0.005)
        check = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"the copy failed its integrity check: {check}")
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        dst.close()
        src.close()
    tmp.replace(target)
