"""HTTP: blueprints, forms and per-page view data. Views parse the request, call the
store and the domain, and render; they never touch the database session."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from quiz.domain.attempts import mode_word
from quiz.domain.questions import TYPES, RegistryError, check_registry, type_of
from quiz.domain.times import aware
from quiz.web import (
    auth,
    authoring,
    classes,
    decks,
    errors,
    exam,
    health,
    history,
    inputs,
    instructor,
    links,
    practice,
    review,
    security,
    sources,
    study,
    tokens,
)
from quiz.web.extensions import csrf, limiter, login_manager
from quiz.web.pages import when

BLUEPRINTS = (
    auth,
    practice,
    history,
    sources,
    health,
    review,
    study,
    classes,
    exam,
    instructor,
    authoring,
    decks,
)


def init_app(app: Flask) -> None:
    """Extensions, security headers, error pages and every blueprint."""
    check_answer_partials(Path(app.template_folder or "templates"))
    inputs.init_app(app)
    csrf.init_app(app)
    tokens.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    app.jinja_env.globals.update(mode_word=mode_word, type_of=type_of, utc=aware)
    app.jinja_env.filters["tidy"] = tidy
    app.context_processor(when.helpers)
    app.context_processor(links.helpers)
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
    share_macros(app)


SHARED_MACROS = "_macros.html"


def share_macros(app: Flask) -> None:
    """The macros of ``templates/_macros.html`` as globals of every template, made once.
    Importing them (``{% from ... import %}``) on each render cost a page about 15 us:
    Jinja checks the importing context's globals against the macro module's on every
    import. The module is made as an import without context makes it, so the macros see
    the same names (the environment's globals) as before; last, so it sees them all. A
    change to the file needs a restart, even in debug mode."""
    module = app.jinja_env.get_template(SHARED_MACROS).module
    macros = {name: value for name, value in vars(module).items() if not name.startswith("_")}
    app.jinja_env.globals.update(macros)


def tidy(text: str) -> str:
    """A stored list of texts without the ".;" that answers stored before lists were
    joined without their texts' full stops show."""
    return str(text).replace(".; ", "; ")


def check_answer_partials(templates: Path) -> None:
    """Every question type's answer partial exists: a missing one fails start-up."""
    check_registry()
    for name, qtype in TYPES.items():
        partial = templates / "practice" / f"_answer_{qtype.template}.html"
        if not partial.is_file():
            raise RegistryError(f"question type {name!r}: its template {partial} is missing")
