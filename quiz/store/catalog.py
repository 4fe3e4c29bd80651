"""The catalog this process serves: built from the database, rebuilt only when the
content's revision moves.

Each process keeps its catalog in memory. At most once every ``CATALOG_CHECK_SECONDS`` (a
second by default) a request reads the revision, one indexed row, and rebuilds the catalog
when another process (or this one) changed the content. An edit saved through any worker
or app server is therefore served everywhere within that interval plus a rebuild.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from flask import Flask, current_app

from quiz.domain.catalog import EMPTY, Catalog
from quiz.store import content

_KEY = "quiz_catalog"


@dataclass
class Served:
    """What one process serves and when it last looked."""

    catalog: Catalog = EMPTY
    revision: int = -1
    checked: float = float("-inf")
    lock: threading.Lock = field(default_factory=threading.Lock)


def init_app(app: Flask) -> None:
    app.extensions[_KEY] = Served()


def current() -> Catalog:
    """The catalog of the app handling this request or command, fresh within the interval."""
    served: Served = current_app.extensions[_KEY]
    interval = float(current_app.config["CATALOG_CHECK_SECONDS"])
    if time.monotonic() - served.checked < interval:
        return served.catalog
    with served.lock:
        revision = content.revision()
        if revision != served.revision:
            catalog = Catalog.build(content.document_sources(), content.bank_sources(), revision)
            for error in catalog.errors:
                current_app.logger.warning("question not served: %s", error)
            served.catalog, served.revision = catalog, revision
        served.checked = time.monotonic()
    return served.catalog


def forget() -> None:
    """Look at the revision on the next request (after this process changed the content)."""
    served: Served = current_app.extensions[_KEY]
    served.checked = float("-inf")
