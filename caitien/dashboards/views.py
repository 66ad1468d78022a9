"""Home page per role and the office overview."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from caitien.dashboards import selectors
from caitien.dashboards.access import office_of_request
from caitien.schools import permissions


@login_required
def home(request):
    return render(request, "plans/home.html", {"home": selectors.home_for(request.user)})


@login_required
def office_overview(request, office_pk=None):
    """A specialist's schools: plans and statuses, regulations and self-assessment levels."""
    office = office_of_request(request, office_pk, page="Trang tổng quan")
    others = [o for o in permissions.offices_of(request.user) if o.pk != office.pk]
    return render(
        request,
        "dashboards/office.html",
        {"office": office, "rows": selectors.office_overview(office), "other_offices": others},
    )
