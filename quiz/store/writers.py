"""Writers to one SQLite file take turns, in the order they arrive.

SQLite lets one writer at a time hold its lock; a writer that finds it taken sleeps in
growing steps (its busy handler: 1, 2, 5 … 100 ms) and tries again, so under load one
answer in a hundred waited up to a tenth of a second for a lock long since free. Here a
writer first waits for its turn on an operating-system file lock beside the database
(``<database>-writers``, ``flock``): the kernel wakes the next waiter the moment the turn
is given back, so the queue moves at the speed of the writes. Threads of one process
queue on a lock of their own first (``flock`` does not tell threads apart). The database's
own lock and busy timeout still guard every writer that does not come through here.
"""

from __future__ import annotations

import fcntl
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

# QUIZ_WRITER_QUEUE=off leaves writers to SQLite's busy handler alone (for comparing, in
# bench/bench_writes.py, the tail with and without the queue)
ENABLED = os.environ.get("QUIZ_WRITER_QUEUE", "on") != "off"
_GUARD = threading.Lock()
_TURNS: dict[tuple[int, Path], Turn] = {}


@dataclass
class Turn:
    """The queue of one process for one database file."""

    fd: int
    threads: threading.Lock = field(default_factory=threading.Lock)


def _turn_for(path: Path) -> Turn | None:
    key = (os.getpid(), path)  # a forked worker opens its own file: flock is per open file
    with _GUARD:
        found = _TURNS.get(key)
        if found is None:
            try:
                fd = os.open(f"{path}-writers", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:
                return None  # a folder we may not write to: the busy handler alone, as before
            found = _TURNS[key] = Turn(fd)
        return found


def take(path: Path) -> Turn | None:
    """Wait for this writer's turn at *path*; give it back with :func:`give_back`."""
    turn = _turn_for(path) if ENABLED else None
    if turn is None:
        return None
    turn.threads.acquire()
    try:
        fcntl.flock(turn.fd, fcntl.LOCK_EX)
    except BaseException:
        turn.threads.release()
        raise
    return turn


def give_back(turn: Turn) -> None:
    fcntl.flock(turn.fd, fcntl.LOCK_UN)
    turn.threads.release()
