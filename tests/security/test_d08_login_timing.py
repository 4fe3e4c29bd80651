"""D8: a log-in took about 74 ms for an existing user name and 5 ms for an unknown one.

A log-in with a name nobody has checks the password against a dummy hash made like the
real ones, so both take the time of one password hash.
"""

from __future__ import annotations

import statistics
import time

from werkzeug import security as hashing

from tests.support import PASSWORD


def _median_ms(client, username: str, tries: int = 5) -> float:
    times = []
    for _ in range(tries):
        began = time.perf_counter()
        r = client.post("/login", data={"username": username, "password": "wrong password!"})
        times.append((time.perf_counter() - began) * 1000)
        assert r.status_code == 400
    return statistics.median(times)


def test_an_unknown_user_name_costs_a_password_hash_too(app, client, create_user, monkeypatch):
    create_user("ann")
    checked = []
    real = hashing.check_password_hash

    def counting(pwhash: str, password: str) -> bool:
        checked.append(pwhash.split("$", maxsplit=1)[0])
        return real(pwhash, password)

    monkeypatch.setattr(hashing, "check_password_hash", counting)
    from quiz.store import users
    from quiz.store.models import accounts

    monkeypatch.setattr(accounts, "check_password_hash", counting, raising=False)
    monkeypatch.setattr(users, "check_password_hash", counting, raising=False)
    client.post("/login", data={"username": "ann", "password": "wrong password!"})
    client.post("/login", data={"username": "nobody-at-all", "password": "wrong password!"})
    assert len(checked) == 2
    assert checked[0] == checked[1]  # the same method and parameters


def test_known_and_unknown_user_names_take_about_as_long(app, client, create_user):
    create_user("ann", PASSWORD)
    _median_ms(client, "ann", 1)  # warm up (the dummy hash is made once)
    _median_ms(client, "nobody-at-all", 1)
    known, unknown = _median_ms(client, "ann"), _median_ms(client, "nobody-at-all")
    print(f"\nlog-in, median of 5: known user {known:.1f} ms, unknown user {unknown:.1f} ms")
    assert unknown > 0.5 * known
