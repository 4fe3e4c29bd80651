"""Fields that never echo back more than they accept: a refused value is shown again cut
to the field's limit, so a huge post cannot make a huge page."""

from __future__ import annotations

from typing import Any

from wtforms import DateField, StringField


class _Bounded:
    """Renders at most ``limit`` characters of the submitted value."""

    limit = 200

    def __init__(self, *args: Any, limit: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if limit is not None:
            self.limit = limit

    def _value(self) -> str:
        value: str = super()._value()  # type: ignore[misc]
        return value[: self.limit]


class BoundedString(_Bounded, StringField):
    """A text field (the limit: its ``Length(max=...)``, given as ``limit``)."""


class BoundedDate(_Bounded, DateField):
    limit = 10  # YYYY-MM-DD
