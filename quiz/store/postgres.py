"""How the app's connections to PostgreSQL are set up: each asks for the durability the
settings chose (``POSTGRES_SYNCHRONOUS_COMMIT``, docs/deployment.md).

With ``off`` a commit returns before its log reaches the disk, as SQLite's ``NORMAL``
does: nothing is lost when the app or a worker crashes, the database is never left
inconsistent, and the last fraction of a second of commits may be lost if the machine
itself fails. Waiting for the disk on every commit was an answer's slowest 1% on this
benchmark machine (docs/performance.md).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event


def configure(engine: Any, synchronous_commit: str) -> None:
    """Every new connection of *engine* (a PostgreSQL one) starts with this setting."""
    if engine.url.get_backend_name() != "postgresql":
        return

    @event.listens_for(engine, "do_connect")
    def durability(_dialect: Any, _record: Any, _cargs: list[Any], cparams: Any) -> None:
        option = f"-c synchronous_commit={synchronous_commit}"
        cparams["options"] = f"{cparams.get('options', '')} {option}".strip()
