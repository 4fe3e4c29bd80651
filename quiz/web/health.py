"""Health check for load balancers and process managers."""

from __future__ import annotations

from flask import Blueprint, jsonify
from werkzeug.wrappers import Response as HttpResponse

from quiz.store.health import database_ok

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz() -> tuple[HttpResponse, int]:
    """200 when the database answers a query, 503 otherwise."""
    if not database_ok():
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok"), 200
