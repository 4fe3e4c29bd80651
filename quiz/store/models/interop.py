"""Imports of other formats (GIFT, Moodle XML, Aiken, spreadsheets): the uploaded file is
kept from its preview to its confirmation, and afterwards as the record of where the
imported drafts came from."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from quiz.store.models.base import Model, When, now_utc


class ContentImport(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    format: Mapped[str] = mapped_column(String(20))  # a key of quiz.domain.interop.FORMATS
    bank_id: Mapped[str] = mapped_column(ForeignKey("bank.id"))  # for questions in no category
    data: Mapped[bytes] = mapped_column(LargeBinary)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    uploaded_at: Mapped[datetime] = mapped_column(When, default=now_utc)
    imported_at: Mapped[datetime | None] = mapped_column(When)  # None: previewed, not confirmed
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # what the import created
