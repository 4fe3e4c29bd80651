"""What a request reads from the app: the clock and the catalog.

Views pass ``now()`` down, so the domain and the store never read a clock themselves and
tests set one (``app.config["CLOCK"]``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app

from quiz.domain.catalog import Catalog
from quiz.store import catalog


def now() -> datetime:
    clock = current_app.config.get("CLOCK")
    moment: datetime = clock() if clock else datetime.now(UTC)
    return moment


def current_catalog() -> Catalog:
    return catalog.current()
