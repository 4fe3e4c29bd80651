"""The catalog this process serves, loaded and checked once at start-up."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, current_app

from quiz.domain.catalog import Catalog

_KEY = "quiz_catalog"


def init_app(app: Flask) -> None:
    catalog = Catalog.load(Path(app.config["QUESTIONS_DIR"]))
    for error in catalog.errors:
        app.logger.warning("bank rejected: %s", error)
    app.extensions[_KEY] = catalog


def current() -> Catalog:
    """The catalog of the app handling this request or command."""
    catalog: Catalog = current_app.extensions[_KEY]
    return catalog
