"""What the staff directory pages share: the school of the address, checked against the user."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from caitien.schools import permissions
from caitien.schools.models import School

READ_REFUSED = "Danh sách nhân sự chỉ cán bộ, giáo viên, nhân viên của trường xem được."
MANAGE_REFUSED = "Chỉ Hiệu trưởng, Phó Hiệu trưởng của trường sửa được danh sách nhân sự."


def school_for(request, school_pk, *, manage: bool = False) -> School:
    school = get_object_or_404(School, pk=school_pk)
    permissions.require(permissions.can_view_people(request.user, school), READ_REFUSED)
    if manage:
        permissions.require(permissions.can_manage_people(request.user, school), MANAGE_REFUSED)
    return school
