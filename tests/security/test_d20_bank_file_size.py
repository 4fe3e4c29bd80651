"""D20: no size limit on bank files; a 50 MB bank kept start-up busy for minutes.

A bank file over 1,000,000 bytes (``MAX_BANK_BYTES``, 20 times the largest shipped bank) is refused
before it is read, with a message saying how big it is and what to do.
"""

from __future__ import annotations

import shutil
import time

from quiz.domain.banks import load_banks
from tests.support import FIXTURES

ONE = (
    "  - id: big-{n}\n    type: true_false\n    prompt: P{n}\n    answer: true\n"
    "    wrong_feedback: W\n    explanation: E\n    source: {{document: guide, quote: Q}}\n"
)


def _bank(tmp_path, questions: int):
    folder = tmp_path / "questions"
    shutil.copytree(FIXTURES.parent.parent / "questions" / "sources", folder / "sources")
    shutil.copy(FIXTURES / "all_types.yaml", folder / "fixture.yaml")
    body = "".join(ONE.format(n=n) for n in range(questions))
    (folder / "big.yaml").write_text(f"id: big\ntitle: Big\nquestions:\n{body}", encoding="utf-8")
    return folder


def test_a_bank_file_over_the_limit_is_refused_at_once_with_its_size(tmp_path):
    folder = _bank(tmp_path, 20_000)  # about 3.5 MB
    size = (folder / "big.yaml").stat().st_size
    assert size > 1_000_000
    began = time.perf_counter()
    result = load_banks(folder)
    assert time.perf_counter() - began < 2
    (error,) = result.errors
    assert (error.file, error.question, error.field) == ("questions/big.yaml", None, "(file)")
    assert f"{size:,} bytes" in error.message and "at most 1,000,000" in error.message
    assert "split it" in error.message
    assert [b.id for b in result.banks] == ["fixture"]


def test_a_bank_file_under_the_limit_is_read(tmp_path):
    folder = _bank(tmp_path, 20)
    result = load_banks(folder)
    assert not any("bytes" in e.message for e in result.errors)
