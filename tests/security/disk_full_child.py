"""Run by test_d18_disk_full.py in a process of its own: a student answers while the
files may not grow (RLIMIT_FSIZE, as on a full disk), then again once they may.
Prints what happened as JSON. Not a test module: it changes a limit of its process."""

from __future__ import annotations

import json
import resource
import signal
import sys
from pathlib import Path

from quiz.store.models import Response
from tests.support import PASSWORD, count_rows, make_app, post_answer, start_attempt


def main(folder: Path, questions: Path) -> None:
    app = make_app(folder, questions)
    with app.app_context():
        from quiz.store.users import create_student

        create_student("ann", PASSWORD)
    client = app.test_client()
    client.post("/login", data={"username": "ann", "password": PASSWORD})
    attempt = start_attempt(client)
    out = {"before": post_answer(client, app, attempt, 1).status_code}
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
    sizes = [p.stat().st_size for p in folder.glob("test.sqlite*")]
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (max(sizes), hard))
    full = post_answer(client, app, attempt, 2)
    out |= {
        "full": full.status_code,
        "full_page": full.get_data(as_text=True),
        "retry_after": full.headers.get("Retry-After"),
        "healthz_full": client.get("/healthz").status_code,
    }
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    out |= {
        "stored_while_full": count_rows(app, Response),
        "healthz_after": client.get("/healthz").status_code,
        "after": post_answer(client, app, attempt, 2).status_code,
        "stored_after": count_rows(app, Response),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
