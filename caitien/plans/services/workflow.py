"""The plan's steps: submit, return, approve, publish, revise (a new version)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from caitien.audit.services import audit_record, diff_fields
from caitien.plans.models import Plan, PlanComment
from caitien.plans.services.errors import PlanError, PlanNotReady
from caitien.plans.services.findings import plan_findings
from caitien.plans.services.rows import copy_item, require_editable


@transaction.atomic
def plan_submit(*, plan: Plan, actor) -> Plan:
    """Draft → waiting for approval; refused while the checker finds errors."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    require_editable(plan)
    if not plan.items.exists():
        raise PlanNotReady(
            "Kế hoạch chưa có dòng nào. Hãy thêm các nội dung cải tiến trước khi gửi phê duyệt.", findings=[]
        )
    errors = [f for f in plan_findings(plan) if f.severity == "error"]
    if errors:
        raise PlanNotReady(
            f"Chưa gửi phê duyệt được: kế hoạch còn {len(errors)} lỗi cần sửa.", findings=errors
        )
    plan.status = Plan.Status.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.revision += 1
    plan.save()
    audit_record(
        actor=actor,
        action="plan.submit",
        obj=plan,
        summary=f"Gửi phê duyệt {plan.title}",
        changes={"status": ["draft", "submitted"]},
    )
    return plan


@transaction.atomic
def plan_return(*, plan: Plan, actor, reason: str) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.SUBMITTED:
        raise PlanError("Chỉ trả lại được kế hoạch đang chờ phê duyệt.")
    reason = (reason or "").strip()
    if not reason:
        raise PlanError("Hãy ghi lý do trả lại để người soạn biết cần sửa gì.")
    plan.status = Plan.Status.DRAFT
    plan.revision += 1
    plan.save()
    PlanComment.objects.create(plan=plan, author=actor, text=f"Trả lại để sửa: {reason}")
    audit_record(
        actor=actor,
        action="plan.return",
        obj=plan,
        summary=f"Trả lại {plan.title}: {reason}",
        changes={"status": ["submitted", "draft"]},
    )
    return plan


@transaction.atomic
def plan_approve(
    *, plan: Plan, actor, number: str, date: datetime.date, signer: str, signer_title: str = "HIỆU TRƯỞNG"
) -> Plan:
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.SUBMITTED:
        raise PlanError("Chỉ phê duyệt được kế hoạch đang chờ phê duyệt.")
    number, signer = (number or "").strip(), (signer or "").strip()
    if not number or not signer or not date:
        raise PlanError("Hãy nhập đủ số văn bản (ví dụ: 45/KH-THHB), ngày ban hành và họ tên người ký.")
    changes = diff_fields(plan, {"document_number": number, "date": date, "signer_name": signer})
    plan.document_number, plan.date, plan.signer_name = number, date, signer
    plan.signer_title = (signer_title or plan.signer_title or "HIỆU TRƯỞNG").strip()
    plan.status = Plan.Status.APPROVED
    plan.approved_at, plan.approved_by = timezone.now(), actor
    plan.revision += 1
    plan.save()
    changes["status"] = ["submitted", "approved"]
    audit_record(
        actor=actor,
        action="plan.approve",
        obj=plan,
        changes=changes,
        summary=f"Phê duyệt {plan.title}, số {number}",
    )
    return plan


@transaction.atomic
def plan_publish(*, plan: Plan, actor) -> Plan:
    """Approved → public; the version it adjusts becomes superseded (kept, still public)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.APPROVED:
        raise PlanError("Chỉ công khai được kế hoạch đã phê duyệt.")
    plan.status = Plan.Status.PUBLISHED
    plan.published_at = timezone.now()
    plan.revision += 1
    plan.save()
    root = plan.root
    older = (
        Plan.objects.filter(status=Plan.Status.PUBLISHED)
        .exclude(pk=plan.pk)
        .filter(Q(pk=root.pk) | Q(lineage=root))
    )
    for old in older:
        old.status = Plan.Status.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="plan.supersede",
            obj=old,
            changes={"status": ["published", "superseded"]},
            summary=f"Phiên bản {old.version} được thay bằng phiên bản {plan.version}",
        )
    audit_record(
        actor=actor,
        action="plan.publish",
        obj=plan,
        summary=f"Công khai {plan.title}",
        changes={"status": ["approved", "published"]},
    )
    return plan


@transaction.atomic
def plan_revise(*, plan: Plan, reason: str, actor) -> Plan:
    """Điều chỉnh kế hoạch: a published plan gets a new draft version in the same lineage."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != Plan.Status.PUBLISHED:
        raise PlanError("Chỉ điều chỉnh được kế hoạch đã công khai.")
    reason = (reason or "").strip()
    if not reason:
        raise PlanError("Hãy ghi lý do điều chỉnh kế hoạch (ví dụ: thay đổi kinh phí được cấp).")
    if Plan.objects.filter(previous=plan).exists():
        raise PlanError("Kế hoạch này đã có bản điều chỉnh đang soạn. Hãy mở bản đó để tiếp tục.")
    root = plan.root
    last = Plan.objects.filter(lineage=root).aggregate(m=Max("version"))["m"] or root.version
    copy_fields = (
        "school",
        "regulation",
        "self_assessment",
        "period_kind",
        "start_year",
        "end_year",
        "title",
        "governing_body",
        "school_name",
        "place",
        "sections",
        "priority_issues",
        "monitoring",
        "closing_text",
        "recipients",
        "signer_title",
        "signer_name",
        "source_file",
    )
    new = Plan.objects.create(
        **{f: getattr(plan, f) for f in copy_fields},
        lineage=root,
        version=last + 1,
        previous=plan,
        revision_reason=reason,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    for item in plan.items.all():
        copy_item(item, plan=new, order=item.order)
    audit_record(
        actor=actor,
        action="plan.revise",
        obj=new,
        summary=f"Điều chỉnh {plan.title} (phiên bản {new.version}): {reason}",
    )
    return new
