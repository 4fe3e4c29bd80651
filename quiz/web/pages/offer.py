"""What can be assigned now: the served topics and their questions (a retired topic is
not served, so not offered)."""

from __future__ import annotations

from quiz.domain.assigning import Offer
from quiz.web.context import current_catalog


def offer_now() -> Offer:
    catalog = current_catalog()
    banks = [b for b in catalog.banks.values() if b.questions]  # an empty topic is not offered
    return Offer({b.id: b.questions for b in banks}, {b.id: b.title for b in banks})
