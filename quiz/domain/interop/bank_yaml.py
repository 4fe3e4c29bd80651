"""One bank as a bank file (docs/banks.md), the app's own exchange format."""

from __future__ import annotations

import yaml

from quiz.domain.interop.model import BankContent


def write_bank_yaml(bank: BankContent) -> str:
    data = {"id": bank.id, "title": bank.title, "description": bank.description}
    return yaml.safe_dump(
        {**data, "questions": list(bank.questions)}, sort_keys=False, allow_unicode=True, width=100
    )
