"""Reads for the API: the plans a caller may list."""

from __future__ import annotations

from caitien.plans.models import Plan
from caitien.plans.selectors import LIST_DEFERRED, plans_visible_to
from caitien.schools import permissions


def plans_for(user, *, school=None, status: str | None = None, year: int | None = None):
    """A logged-in user's plans as the web app shows them; anyone else's, the public ones; newest
    first, as one queryset. `year` keeps the plans whose period covers the school year starting then."""
    if getattr(user, "is_authenticated", False):
        qs = plans_visible_to(user, school=school)
    else:
        qs = (
            Plan.objects.filter(status__in=permissions.PUBLIC_STATUSES)
            .select_related("school", "regulation")
            .defer(*LIST_DEFERRED)
            .order_by("-start_year", "school__name", "-version", "-pk")
        )
        if school is not None:
            qs = qs.filter(school=school)
    if status:
        qs = qs.filter(status=status)
    if year is not None:
        qs = qs.filter(start_year__lte=year, end_year__gt=year)
    return qs
