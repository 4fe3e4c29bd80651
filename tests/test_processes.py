"""Several processes, one truth: an edit saved through one gunicorn worker is served by
every worker, and by another app server on the same PostgreSQL, within 5 seconds, while
no process reloads its catalog on every request."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from quiz import ROOT
from tests.support import GOOD_PASSWORD, TEST_DATABASE_URL

sys.path.insert(0, str(ROOT / "bench"))
from loadtest import Server

WITHIN = 5.0  # seconds
TITLE = "How clonazepam works"
EDITED = "How clonazepam works (edited by one worker)"


def _token(session: requests.Session, url: str) -> str:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', session.get(url, timeout=10).text)
    assert found, url
    return found.group(1)


def _instructor(server: Server) -> requests.Session:
    flask = [str(Path(sys.executable).parent / "flask"), "--app", "quiz"]
    subprocess.run(
        [*flask, "create-instructor", "ines", "--password", GOOD_PASSWORD],
        env=server.env,
        cwd=server.workdir,
        check=True,
        capture_output=True,
    )
    http = requests.Session()
    token = _token(http, server.base + "/login")
    r = http.post(
        server.base + "/login",
        data={"csrf_token": token, "username": "ines", "password": GOOD_PASSWORD},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 302
    return http


def _titles(servers: list[Server], connections: int) -> list[bool]:
    """Whether each of *connections* fresh connections per server shows the edited title."""
    seen = []
    for server in servers:
        for _ in range(connections):
            page = requests.get(server.base + "/", headers={"Connection": "close"}, timeout=10).text
            seen.append(EDITED in page)
    return seen


@pytest.fixture
def servers(tmp_path):
    """One server with 4 workers on SQLite; or two servers with 2 workers each on one PostgreSQL."""
    for name in ("first", "second", "only"):
        (tmp_path / name).mkdir()
    with ExitStack() as stack:
        if TEST_DATABASE_URL:
            engine = create_engine(TEST_DATABASE_URL)
            with engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            engine.dispose()
            made = [
                stack.enter_context(
                    Server(tmp_path / name, workers=2, database_url=TEST_DATABASE_URL)
                )
                for name in ("first", "second")
            ]
        else:
            made = [stack.enter_context(Server(tmp_path / "only", workers=4))]
        yield made


def test_an_edit_through_one_worker_is_served_everywhere_within_five_seconds(servers):
    http = _instructor(servers[0])
    assert not any(_titles(servers, 16))  # every worker has loaded the catalog, unedited
    url = servers[0].base + "/instructor/content/banks/mechanism"
    data = {"csrf_token": _token(http, url), "id": "mechanism", "title": EDITED, "save": "y"}
    assert http.post(url, data=data, allow_redirects=False, timeout=10).status_code == 302
    saved = time.monotonic()
    while not all(_titles(servers, 16)):
        assert time.monotonic() - saved < WITHIN, "a worker still served the old title"
        time.sleep(0.2)
    assert time.monotonic() - saved < WITHIN
