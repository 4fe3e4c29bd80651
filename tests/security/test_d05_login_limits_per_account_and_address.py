"""D5: the log-in limit was per client address only, so one person behind a school's NAT
(or the reverse proxy) locked out the whole class; successful log-ins counted too.

Now failed log-ins are counted per account and, separately and more loosely, per
address; successes are not counted. The counters live in RATELIMIT_STORAGE_URI, so with
Redis every worker and server shares them (tested against a real redis-server when
Debian's package is installed, skipped otherwise).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections import Counter

import pytest

from tests.support import PASSWORD, make_app

LIMITS = {
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_LOGIN_ACCOUNT": "5 per minute",  # smaller than the defaults (10 and 100):
    "RATELIMIT_LOGIN_ADDRESS": "20 per minute",  # the same behaviour, fewer slow hashes
}
WRONG = "not the password"


def _login(client, name: str, password: str, address: str = "10.0.0.1") -> int:
    data = {"username": name, "password": password}
    return client.post("/login", data=data, environ_base={"REMOTE_ADDR": address}).status_code


@pytest.fixture
def limited(tmp_path, questions_dir, create_user_in):
    app = make_app(tmp_path, questions_dir, **LIMITS)
    create_user_in(app, ["teacher", *(f"student{n:02}" for n in range(50))])
    return app


@pytest.fixture
def create_user_in():
    from quiz.store.db import db
    from quiz.store.models import User

    def create(app, names):
        with app.app_context():
            template = User(username="template")
            template.set_password(PASSWORD)  # one hash for all: hashing is slow on purpose
            for name in names:
                db.session.add(User(username=name, password_hash=template.password_hash))
            db.session.commit()

    return create


def test_one_person_hammering_an_account_does_not_lock_out_the_class(limited):
    attacker = limited.test_client()
    attack = Counter(_login(attacker, "teacher", WRONG) for _ in range(30))
    assert attack == {400: 5, 429: 25}
    students = Counter(_login(limited.test_client(), f"student{n:02}", PASSWORD) for n in range(50))
    assert students == {302: 50}  # same address, all in
    print(
        f"\n30 wrong passwords for one account: {dict(attack)}; 50 students after: {dict(students)}"
    )


def test_successful_log_ins_are_not_counted(limited):
    assert Counter(_login(limited.test_client(), "student01", PASSWORD) for _ in range(30)) == {
        302: 30
    }


def test_many_names_tried_from_one_address_close_that_address_only(limited):
    client = limited.test_client()
    spray = Counter(_login(client, f"guess{n}", WRONG) for n in range(21))
    assert spray == {400: 20, 429: 1}
    assert _login(limited.test_client(), "student01", PASSWORD) == 429  # that address: closed
    assert _login(limited.test_client(), "student01", PASSWORD, "10.0.0.2") == 302


def test_the_limited_page_is_the_apps_own(limited):
    for _ in range(6):
        r = limited.test_client().post(
            "/login",
            data={"username": "teacher", "password": WRONG},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},
        )
    assert r.status_code == 429
    assert "Too many attempts" in r.get_data(as_text=True)


def test_forwarded_addresses_count_only_behind_a_configured_proxy(tmp_path, questions_dir):
    for proxies, expected in ((0, {400: 20, 429: 1}), (1, {400: 21})):
        app = make_app(tmp_path / str(proxies), questions_dir, PROXY_FIX_X_FOR=proxies, **LIMITS)
        client = app.test_client()
        codes = Counter(
            client.post(
                "/login",
                data={"username": f"guess{n}", "password": WRONG},
                headers={"X-Forwarded-For": f"192.0.2.{n}"},
            ).status_code
            for n in range(21)
        )
        assert codes == expected


# ----------------------------------------------------- shared by workers: Redis


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = _free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        yield f"redis://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_two_workers_share_the_counters_in_redis(
    tmp_path, questions_dir, redis_url, create_user_in
):
    settings = {**LIMITS, "RATELIMIT_STORAGE_URI": redis_url}
    first = make_app(tmp_path / "a", questions_dir, **settings)
    second = make_app(tmp_path / "b", questions_dir, **settings)  # another worker or server
    create_user_in(first, ["teacher"])
    codes = [_login((first if n % 2 else second).test_client(), "teacher", WRONG) for n in range(8)]
    assert Counter(codes) == {400: 5, 429: 3}  # 5 in all, not 5 per worker
    import redis

    stored = redis.Redis.from_url(redis_url).keys("*account:teacher*")
    assert stored  # the counter is in Redis, where every worker and server reads it
