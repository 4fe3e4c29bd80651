"""Health check for load balancers and process managers."""

from __future__ import annotations

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from quiz.extensions import db

bp = Blueprint("health", __name__)


@bp.route("/healthz")
def healthz():
    """200 when the database answers a query, 503 otherwise."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unavailable"), 503
    return jsonify(status="ok", database="ok")
