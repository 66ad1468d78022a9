"""Reads for the API: the plans a caller may list."""

from __future__ import annotations

from caitien.plans.models import Plan
from caitien.plans.selectors import plans_visible_to
from caitien.schools import permissions


def plans_for(user, *, school=None, status: str | None = None, year: int | None = None) -> list[Plan]:
    """A logged-in user's plans as the web app shows them; anyone else's, the public ones.
    `year` keeps the plans whose period covers the school year starting that year."""
    if getattr(user, "is_authenticated", False):
        plans = plans_visible_to(user, school=school)
    else:
        qs = (
            Plan.objects.filter(status__in=permissions.PUBLIC_STATUSES)
            .select_related("school", "regulation")
            .order_by("-start_year", "school__name", "-version")
        )
        if school is not None:
            qs = qs.filter(school=school)
        plans = [p for p in qs if permissions.can_view_public_plan(p)]
    if status:
        plans = [p for p in plans if p.status == status]
    if year is not None:
        plans = [p for p in plans if p.start_year <= year < p.end_year]
    return plans
