"""Which office an office page is about: the one in the address, else the specialist's first office."""

from django.shortcuts import get_object_or_404

from caitien.schools import permissions
from caitien.schools.models import Office


def office_of_request(request, office_pk=None, *, page: str) -> Office:
    """`page` names the page in the refusals ("Trang tổng quan", "Hàng đề xuất")."""
    if office_pk is None:
        offices = permissions.offices_of(request.user)
        permissions.require(
            bool(offices),
            f"{page} dành cho chuyên viên Phòng/Sở Giáo dục và Đào tạo. "
            "Tài khoản của bạn chưa được gắn với cơ quan quản lý nào.",
        )
        return offices[0]
    office = get_object_or_404(Office, pk=office_pk)
    permissions.require(
        permissions.can_view_office(request.user, office),
        "Bạn không phụ trách cơ quan này nên không xem được các trường và đề xuất của cơ quan.",
    )
    return office
