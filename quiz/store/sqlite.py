"""How the app opens a SQLite database file, and how it notices the file is gone.

- Every connection: WAL, a busy timeout, the chosen durability, foreign keys.
- Opened read-write, never created (``mode=rw``): a missing file is an error, not a new
  empty database. Only the migrations (``flask db upgrade``) create the file.
- Each connection remembers which file it opened (device and inode). A write first checks
  that the path still names that file, so an answer is never acknowledged after being
  written to a deleted or replaced database (:func:`file_replaced`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import event

_KEY = "quiz_sqlite_file"


def database_path(engine: Any) -> Path | None:
    """The file of a SQLite engine; None for another database or an in-memory one."""
    url = engine.url
    if not url.drivername.startswith("sqlite"):
        return None
    name = url.database or ""
    if name in ("", ":memory:") or name.startswith("file:") or url.query.get("uri"):
        return None
    return Path(name)


def configure(engine: Any, synchronous: str) -> None:
    """Per connection: open the file read-write (never create it), the pragmas, and
    remember which file it is."""
    path = database_path(engine)
    if path is not None:

        @event.listens_for(engine, "do_connect")
        def read_write(_dialect: Any, _record: Any, cargs: list[Any], cparams: Any) -> None:
            cargs[:1] = [f"file:{quote(str(path))}?mode=rw"]
            cparams["uri"] = True

    @event.listens_for(engine, "connect")
    def settings(dbapi_connection: Any, record: Any) -> None:
        if not isinstance(dbapi_connection, sqlite3.Connection):
            return
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        if path is not None:
            record.info[_KEY] = (path, _identity(path))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def opened_path(connection_info: dict[str, Any]) -> Path | None:
    """The file this connection opened (None: not a file, e.g. in memory)."""
    opened = connection_info.get(_KEY)
    return None if opened is None else Path(opened[0])


def file_replaced(connection_info: dict[str, Any]) -> bool:
    """Whether the file this connection opened was deleted or replaced since."""
    opened = connection_info.get(_KEY)
    if opened is None:
        return False
    path, identity = opened
    return identity is None or _identity(path) != identity


def create_if_missing(engine: Any) -> None:
    """Create an empty database file (the migrations then build the schema); the app's
    own connections never create one."""
    path = database_path(engine)
    if path is not None and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        sqlite3.connect(path).close()
