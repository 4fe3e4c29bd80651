"""quiz: a self-study quiz grounded in its source documents.

Importing ``quiz`` (or ``quiz.domain``) loads no framework: Flask comes in with
:func:`create_app`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from quiz.config import ROOT

if TYPE_CHECKING:
    from flask import Flask

__all__ = ["ROOT", "create_app"]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app: settings, extensions, the store, the web layer and the commands."""
    # Imported here, not at the top, so that importing quiz.domain loads no framework.
    from flask import Flask  # noqa: PLC0415

    from quiz import commands, config, store, web  # noqa: PLC0415

    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    config.load(app.config, Path(app.instance_path), test_config)
    store.init_app(app)
    web.init_app(app)
    commands.init_app(app)
    return app
