"""Import of the staff list from Excel: upload, preview with a message per row, then save.

The preview is kept in the session between the two steps (a few kilobytes for a school's staff);
the file itself is never stored.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from caitien.people.forms import StaffFileForm
from caitien.people.staff_import import (
    MAX_FILE_BYTES,
    StaffFileRefused,
    StaffSheet,
    read_staff_xlsx,
    staff_import_apply,
)
from caitien.people.views.common import school_for


def _session_key(school) -> str:
    return f"people-import-{school.pk}"


@login_required
def staff_import(request, school_pk):
    school = school_for(request, school_pk, manage=True)
    form = StaffFileForm(request.POST or None, request.FILES or None)
    sheet = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size > MAX_FILE_BYTES:
                    # Say it before reading a large upload into memory.
                    raise StaffFileRefused(
                        f"Tệp “{upload.name}” quá lớn ({upload.size / 1024 / 1024:.1f} MB, tối đa "
                        f"{MAX_FILE_BYTES // 1024 // 1024} MB). Hãy xóa hình ảnh, trang tính thừa rồi lưu lại."
                    )
                sheet = read_staff_xlsx(upload.read(), upload.name, school)
            except StaffFileRefused as refusal:
                form.add_error("file", str(refusal))
                status = 400
            else:
                request.session[_session_key(school)] = sheet.as_data()
        else:
            status = 400
    return render(
        request,
        "people/import.html",
        {"school": school, "form": form, "sheet": sheet, "max_mb": MAX_FILE_BYTES // 1024 // 1024},
        status=status,
    )


@require_POST
@login_required
def staff_import_confirm(request, school_pk):
    school = school_for(request, school_pk, manage=True)
    data = request.session.get(_session_key(school))
    if not data:
        messages.error(request, "Không còn bản xem trước để lưu (có thể đã lưu rồi). Hãy tải tệp lên lại.")
        return redirect("people:import", school_pk=school.pk)
    try:
        sheet = StaffSheet.from_data(data)
    except (KeyError, TypeError):
        request.session.pop(_session_key(school), None)
        messages.error(request, "Bản xem trước không đọc được nữa. Hãy tải tệp lên lại.")
        return redirect("people:import", school_pk=school.pk)
    result = staff_import_apply(school=school, sheet=sheet, actor=request.user)
    request.session.pop(_session_key(school), None)
    text = f"Đã nhập danh sách nhân sự: thêm {result.created} người, cập nhật {result.updated} người"
    if result.skipped:
        text += f", bỏ qua {result.skipped} dòng"
    if result.groups_created:
        text += f"; tạo mới {len(result.groups_created)} tổ, nhóm: {', '.join(result.groups_created)}"
    messages.success(request, text + ".")
    return redirect("people:directory", school_pk=school.pk)
