"""Writers to one SQLite file take turns: a second writer (another thread, or another
process such as a second gunicorn worker) waits until the first gives its turn back."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import threading

from quiz.store import writers


def test_a_second_thread_waits_for_the_turn(tmp_path):
    path = tmp_path / "quiz.sqlite"
    first = writers.take(path)
    assert first is not None
    got_it = threading.Event()

    def second() -> None:
        turn = writers.take(path)
        got_it.set()
        assert turn is not None
        writers.give_back(turn)

    thread = threading.Thread(target=second)
    thread.start()
    assert not got_it.wait(0.3)  # still waiting while the first writer holds the turn
    writers.give_back(first)
    assert got_it.wait(5)
    thread.join(5)


def _try_lock(path: str, queue: multiprocessing.Queue) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        queue.put("waits")
    else:
        queue.put("got it")
    finally:
        os.close(fd)


def test_another_process_waits_for_the_turn(tmp_path):
    path = tmp_path / "quiz.sqlite"
    turn = writers.take(path)
    assert turn is not None
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_try_lock, args=(f"{path}-writers", results))
    child.start()
    child.join(30)
    assert results.get(timeout=5) == "waits"
    writers.give_back(turn)
    child = context.Process(target=_try_lock, args=(f"{path}-writers", results))
    child.start()
    child.join(30)
    assert results.get(timeout=5) == "got it"


def test_no_turn_where_the_lock_file_cannot_be_made(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError("read-only folder")

    monkeypatch.setattr(writers.os, "open", refused)
    assert writers.take(tmp_path / "elsewhere.sqlite") is None  # the busy handler alone
