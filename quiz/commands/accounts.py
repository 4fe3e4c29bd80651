"""``create-instructor``: the first instructor account, by the same rules as sign-up."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from quiz.domain.accounts import password_problem, username_problem
from quiz.store import users


@click.command("create-instructor")
@with_appcontext
@click.argument("username")
@click.password_option(help="The password (asked for when not given).")
def create_instructor(username: str, password: str) -> None:
    """Create an instructor account, or promote an existing user to instructor."""
    name = users.canonical(username)
    problem = username_problem(name) or password_problem(password, name)
    if problem:
        raise click.ClickException(problem)
    users.make_instructor(name, password)
    click.echo(f"Instructor {name!r} is ready.")
