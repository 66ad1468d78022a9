"""What the plan pages share: loading a plan, refusing with the right reason, the page context."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from caitien.evidence.selectors import evidence_index_for_plan
from caitien.planfile.writers.docx import write_docx
from caitien.planfile.writers.pdf import write_pdf
from caitien.planfile.writers.xlsx import write_xlsx
from caitien.plans import limits, selectors, services
from caitien.plans.models import Plan
from caitien.schools import permissions
from caitien.web.inputs import format_date

DOWNLOADS = {
    "docx": (
        write_docx,
        "Word (DOCX)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": (write_pdf, "PDF", "application/pdf"),
    "xlsx": (write_xlsx, "Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def load_plan(pk) -> Plan:
    return get_object_or_404(Plan.objects.select_related("school", "regulation", "self_assessment"), pk=pk)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def private_reason(plan) -> str:
    """Why someone outside the school cannot read a plan yet, in the words of its real state."""
    return {
        Plan.Status.DRAFT: "Kế hoạch này đang là dự thảo nội bộ của trường; chỉ cán bộ của trường xem được.",
        Plan.Status.SUBMITTED: "Kế hoạch này đang chờ Hiệu trưởng phê duyệt, chưa công khai; chỉ cán bộ "
        "của trường xem được.",
        Plan.Status.APPROVED: "Kế hoạch này đã được phê duyệt nhưng trường chưa công khai; chỉ cán bộ "
        "của trường xem được cho tới khi công khai.",
    }.get(plan.status, "Bạn không thuộc trường hoặc cơ quan quản lý của kế hoạch này.")


def refuse_view(request, plan):
    permissions.hide_unreadable_plan(request.user, plan)
    reason = private_reason(plan)
    if not request.user.is_authenticated:
        reason = "Hãy đăng nhập bằng tài khoản của trường để xem kế hoạch này."
    permissions.require(permissions.can_view_plan(request.user, plan), reason)


def findings_by_row(plan, items, findings):
    """Findings keyed by row pk (the checker counts rows 0-based in document order), and the rest."""
    by_row, general = {}, []
    for f in findings:
        index = getattr(f, "item", None)
        if index is not None and 0 <= index < len(items):
            by_row.setdefault(items[index].pk, []).append(f)
        else:
            general.append(f)
    return by_row, general


def available_downloads():
    return [(fmt, label) for fmt, (_write, label, _mime) in DOWNLOADS.items()]


def plan_context(request, plan, *, light: bool = False, checked: bool = True, **extra):
    """The plan's rows with their findings, and what the plan pages show around them. `light`:
    only what a row of the editor needs (no versions, no comments panel); `checked=False`: no
    findings at all (the public page never shows them)."""
    items = list(plan.items.select_related("criterion").order_by("order", "id"))
    findings = services.plan_findings(plan, items, reader=request.user) if checked else []
    by_row, general = findings_by_row(plan, items, findings)
    for item in items:
        item.findings = by_row.get(item.pk, [])
    return {
        "plan": plan,
        "items": items,
        "groups": selectors.item_groups(plan, items),
        "columns": selectors.plan_columns(plan),
        "sections": selectors.plan_sections(plan),
        "parts": selectors.plan_document_parts(plan),
        "findings": findings,
        "general_findings": general,
        "error_count": sum(1 for f in findings if f.severity == "error"),
        "totals": selectors.budget_totals(items),
        "versions": [] if light else selectors.plan_versions(plan, reader=request.user),
        "comments": [] if light else selectors.plan_comments(plan),
        "downloads": available_downloads(),
        "plan_form": plan.regulation.plan_form or {},
        **extra,
    }


def require_edit(request, plan):
    reason = "Bạn không sửa được kế hoạch này."
    if plan.status != Plan.Status.DRAFT:
        reason = services.not_editable_reason(plan)
    elif not request.user.is_authenticated:
        reason = "Hãy đăng nhập để soạn kế hoạch."
    else:
        reason = "Chỉ Hiệu trưởng, Phó Hiệu trưởng và thành viên Hội đồng tự đánh giá của trường soạn được kế hoạch."
    permissions.require(permissions.can_edit_plan(request.user, plan), reason)


def detail_context(request, plan, **extra):
    """The plan page's context: the plan, its approval form (when the principal may approve) and
    what the comments panel needs."""
    from caitien.plans.forms import ApproveForm

    approve_form = extra.pop("approve_form", None)
    if approve_form is None:
        approve_form = ApproveForm(
            initial={
                "number": plan.document_number,
                "signer": plan.signer_name or getattr(request.user, "display_name", ""),
                "signer_title": plan.signer_title or "HIỆU TRƯỞNG",
            }
        )
    approve_form.fields["number"].widget.attrs["placeholder"] = f"ví dụ: 45/KH-{plan.school.short_code}"
    first, last = services.approval_window(plan)
    approve_form.fields[
        "date"
    ].help_text = (
        f"Từ {format_date(first)} đến {format_date(last)} (thời gian của kế hoạch, thêm một năm mỗi phía)."
    )
    return plan_context(
        request,
        plan,
        approve_form=approve_form,
        comment_limit=limits.COMMENT_LIMIT,
        reason_limit=limits.REASON_LIMIT,
        evidence_index=evidence_index_for_plan(plan),  # codes cited in rows become links
        **extra,
    )
