"""Load the one-of-every-type fixture bank (or a small extra bank) for the domain tests.

Plain helpers, no Flask: they copy the real documents into a folder, add the bank
file(s) and run :func:`quiz.banks.load_banks`, failing loudly if a bank is rejected.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from quiz import ROOT
from quiz.banks import Question, load_banks

FIXTURES = Path(__file__).parent / "fixtures"


def _folder_with_sources(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "sources").exists():
        shutil.copytree(ROOT / "questions" / "sources", folder / "sources")
    return folder


def load_questions(folder: Path, bank_text: str | None = None) -> dict[str, Question]:
    """Questions by id from the fixture bank, or from *bank_text* (YAML) when given."""
    folder = _folder_with_sources(folder)
    if bank_text is None:
        shutil.copy(FIXTURES / "all_types.yaml", folder / "fixture.yaml")
    else:
        (folder / "extra.yaml").write_text(bank_text, encoding="utf-8")
    result = load_banks(folder)
    assert result.ok, [str(e) for e in result.errors]
    return {q.id: q for bank in result.banks for q in bank.questions}
