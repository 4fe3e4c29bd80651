"""Command-line tools: ``flask --app quiz <command>``, every command in one list."""

from __future__ import annotations

from flask import Flask

from quiz.commands import accounts, analysis, backup, banks, content

COMMANDS = (
    banks.check_banks,
    banks.bank_report,
    accounts.create_instructor,
    analysis.item_analysis,
    analysis.demo_data,
    backup.backup,
    content.banks,
)


def init_app(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)
