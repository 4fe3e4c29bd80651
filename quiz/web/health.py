"""Health check for load balancers and process managers."""

from __future__ import annotations

from flask import Blueprint, jsonify
from werkzeug.wrappers import Response as HttpResponse

from quiz.store.health import database_problem

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz() -> tuple[HttpResponse, int]:
    """200 when the database answers, has its schema and takes a write; 503 otherwise."""
    problem = database_problem()
    if problem is not None:
        return jsonify(status="error", database="unavailable", problem=problem), 503
    return jsonify(status="ok", database="ok"), 200
