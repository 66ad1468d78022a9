"""The signed, stamped document as scanned (PDF), attached when the plan is published.

The upload is checked by content, not by its name: a PDF header, a document PDFium can open, at
least one page, no password, within the size limit. It is stored through Django's default storage
under a name of our own; a replaced scan's file is removed once the change is committed (a change
rolled back after the file was written leaves an unreferenced file, never a missing one).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from caitien.audit.services import audit_record
from caitien.plans import limits
from caitien.plans.models import Plan
from caitien.plans.services.errors import PlanError

SCAN_MAX_BYTES = getattr(settings, "CAITIEN_SCAN_MAX_BYTES", 20 * 1024 * 1024)


class ScanRefused(PlanError):
    """The uploaded file is not a usable scan of the signed plan; the message says why."""


def check_scan(data: bytes, name: str = "") -> int:
    """The number of pages of a scan, or ScanRefused saying what is wrong with the file."""
    label = f"Tệp “{name}”" if name else "Tệp đã chọn"
    if not data:
        raise ScanRefused(f"{label} không có nội dung. Hãy chọn lại bản scan (PDF).")
    if len(data) > SCAN_MAX_BYTES:
        raise ScanRefused(
            f"{label} nặng {limits.number(len(data) // (1024 * 1024))} MB, quá giới hạn "
            f"{limits.number(SCAN_MAX_BYTES // (1024 * 1024))} MB. Hãy scan ở độ phân giải thấp hơn "
            "(200 dpi là đủ đọc) hoặc nén tệp PDF rồi tải lại."
        )
    if not data[:1024].lstrip().startswith(b"%PDF-"):
        raise ScanRefused(
            f"{label} không phải tệp PDF. Hãy lưu bản scan dưới dạng PDF (máy scan và ứng dụng "
            "scan trên điện thoại đều có lựa chọn này) rồi tải lại."
        )
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ScanRefused(
                f"{label} có mật khẩu. Hãy lưu lại bản không đặt mật khẩu rồi tải lên."
            ) from exc
        raise ScanRefused(f"{label} bị hỏng hoặc không đọc được. Hãy scan lại rồi tải lên.") from exc
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages < 1:
        raise ScanRefused(f"{label} không có trang nào. Hãy scan lại rồi tải lên.")
    return pages


@transaction.atomic
def plan_attach_signed_scan(*, plan: Plan, actor, data: bytes, name: str = "") -> Plan:
    """Attaches (or replaces) the plan's signed scan. Only an approved or published plan has one."""
    plan = Plan.objects.select_for_update().select_related("school").get(pk=plan.pk)
    if plan.status not in (Plan.Status.APPROVED, Plan.Status.PUBLISHED):
        raise PlanError("Chỉ kế hoạch đã phê duyệt mới có bản scan có chữ ký, đóng dấu.")
    pages = check_scan(data, name)
    old = plan.signed_scan.name if plan.signed_scan else ""
    plan.signed_scan.save(f"{plan.pk}.pdf", ContentFile(data), save=False)
    plan.save(update_fields=["signed_scan", "updated_at"])
    if old:
        transaction.on_commit(lambda: default_storage.delete(old))
    new = plan.signed_scan.name
    audit_record(
        actor=actor,
        action="plan.signed_scan",
        obj=plan,
        changes={"signed_scan": [old or None, new]},
        summary=f"Đính kèm bản scan có chữ ký, đóng dấu ({pages} trang) của {plan.title}",
    )
    return plan
