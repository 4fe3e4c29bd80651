"""D18: with the disk full, the student read "Something went wrong... Your earlier
answers are saved", not that this answer was lost, and /healthz said ok.

Now a write that fails says the answer was NOT saved and to send it again (503, with
Retry-After), nothing is acknowledged that was not stored, /healthz fails while the
database cannot be written (a real write), and all is well again once it can.
"""

from __future__ import annotations

import json
import subprocess
import sys

from quiz import ROOT
from tests.support import sqlite_only

pytestmark = sqlite_only


def test_a_full_disk_is_told_to_the_student_and_to_healthz(tmp_path, questions_dir):
    run = subprocess.run(
        [sys.executable, "-m", "tests.security.disk_full_child", str(tmp_path), str(questions_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["before"] == 302
    assert out["full"] == 503
    assert "Your answer was NOT saved." in out["full_page"]
    assert "send it again" in out["full_page"]
    assert "Traceback" not in out["full_page"]
    assert out["retry_after"] == "60"
    assert out["healthz_full"] == 503
    assert out["stored_while_full"] == 1  # the answer that was refused is not stored
    assert (out["healthz_after"], out["after"], out["stored_after"]) == (200, 302, 2)
