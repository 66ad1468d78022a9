"""Home page per role and the office overview."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from caitien.dashboards import selectors
from caitien.schools import permissions
from caitien.schools.models import Office


@login_required
def home(request):
    return render(request, "plans/home.html", {"home": selectors.home_for(request.user)})


@login_required
def office_overview(request, office_pk=None):
    """A specialist's schools: plans and statuses, regulations and self-assessment levels."""
    if office_pk is None:
        offices = permissions.offices_of(request.user)
        permissions.require(
            bool(offices),
            "Trang tổng quan dành cho chuyên viên Phòng/Sở Giáo dục và Đào tạo. "
            "Tài khoản của bạn chưa được gắn với cơ quan quản lý nào.",
        )
        office = offices[0]
    else:
        office = get_object_or_404(Office, pk=office_pk)
        permissions.require(
            permissions.can_view_office(request.user, office),
            "Bạn không phụ trách cơ quan này nên không xem được tổng quan các trường của cơ quan.",
        )
    others = [o for o in permissions.offices_of(request.user) if o.pk != office.pk]
    return render(
        request,
        "dashboards/office.html",
        {"office": office, "rows": selectors.office_overview(office), "other_offices": others},
    )
