"""Banks: files -> validated, immutable Bank and Question objects. Plain Python.

Every way a question enters the app goes through :func:`check_question`, so a bank file,
and later the browser editor or an import, get the same checks and the same messages.
"""

from quiz.domain.banks.coverage import DocumentCoverage, coverage
from quiz.domain.banks.loader import (
    check_bank_data,
    check_bank_file,
    check_question,
    load_banks,
    parse_bank_file,
    question_version,
)
from quiz.domain.banks.model import Bank, BankError, LoadResult
from quiz.domain.banks.sources import COPY_RUN_WORDS, MIN_QUOTE_CHARS

__all__ = [
    "COPY_RUN_WORDS",
    "MIN_QUOTE_CHARS",
    "Bank",
    "BankError",
    "DocumentCoverage",
    "LoadResult",
    "check_bank_data",
    "check_bank_file",
    "check_question",
    "coverage",
    "load_banks",
    "parse_bank_file",
    "question_version",
]
