"""The results report: drafted from a review, edited, sent to the office, received, commented."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from caitien.audit.services import audit_record, diff_fields
from caitien.monitoring import documents, lineage
from caitien.monitoring.models import ReportComment, ResultsReport, ReviewPoint
from caitien.monitoring.services.errors import EditConflict, MonitoringError
from caitien.notifications.kinds import Kind
from caitien.notifications.services import notify_many
from caitien.text import nfc


def _clean(value) -> str:
    return nfc(str(value or "")).replace("\r\n", "\n").strip()


def office_people(school):
    """Office specialists who oversee the school (its Phòng and the offices above)."""
    from caitien.schools.models import Role, User

    offices, office = [], school.office
    while office is not None:
        offices.append(office.pk)
        office = office.parent
    return list(
        User.objects.filter(
            is_active=True, memberships__role=Role.OFFICE_SPECIALIST, memberships__office_id__in=offices
        ).distinct()
    )


def school_leaders(school):
    from caitien.schools.models import Role, User

    return list(
        User.objects.filter(
            Q(memberships__role=Role.PRINCIPAL) | Q(memberships__role=Role.VICE_PRINCIPAL),
            is_active=True,
            memberships__school=school,
        ).distinct()
    )


@transaction.atomic
def report_create(*, point: ReviewPoint, actor) -> ResultsReport:
    """A draft report for the review point, its texts taken from the review (one report per point)."""
    plan = lineage.in_force(point.plan)
    if plan is None:
        raise MonitoringError("Kế hoạch chưa công khai nên chưa lập được báo cáo kết quả.")
    existing = ResultsReport.objects.filter(point=point).first()
    if existing is not None:
        return existing
    report = ResultsReport.objects.create(
        plan=plan,
        point=point,
        title=documents.report_title(point),
        place=plan.place or plan.school.place,
        sections=documents.default_sections(point, plan),
        recipients=documents.default_recipients(plan),
        signer_title=plan.signer_title or "HIỆU TRƯỞNG",
        signer_name=plan.signer_name,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(actor=actor, action="report.create", obj=report, summary=f"Lập báo cáo {report.title}")
    return report


@transaction.atomic
def report_update(
    *, report: ResultsReport, actor, sections: dict, header: dict, revision: int | None
) -> ResultsReport:
    current = ResultsReport.objects.select_for_update().get(pk=report.pk)
    if current.status != ResultsReport.Status.DRAFT:
        raise MonitoringError("Báo cáo đã gửi cơ quan quản lý nên không sửa được nữa.")
    if revision is not None and int(revision) != current.revision:
        raise EditConflict(
            "Người khác vừa lưu báo cáo này trước bạn. Hãy xem nội dung họ đã lưu rồi nhập lại phần của bạn.",
            current=current,
        )
    values = {}
    merged = dict(current.sections or {})
    merged.update({k: _clean(v) for k, v in sections.items() if k in documents.SECTION_KEYS})
    values["sections"] = merged
    if "title" in header:
        title = _clean(header["title"])
        if not title:
            raise MonitoringError("Trích yếu của báo cáo đang trống.")
        values["title"] = title[:300]
    for name, limit in (("place", 100), ("signer_title", 100), ("signer_name", 150)):
        if name in header:
            values[name] = _clean(header[name])[:limit]
    if "recipients" in header:
        lines = header["recipients"]
        if isinstance(lines, str):
            lines = [x.strip(" -;.") for x in lines.splitlines()]
        values["recipients"] = [x for x in lines if x]
    changes = diff_fields(current, values)
    if changes:
        for k, v in values.items():
            setattr(current, k, v)
        current.revision += 1
        current.save()
        audit_record(
            actor=actor,
            action="report.update",
            obj=current,
            changes=changes,
            summary=f"Sửa báo cáo {current.title}",
        )
    return current


@transaction.atomic
def report_send(
    *, report: ResultsReport, actor, number: str, date: datetime.date, signer: str
) -> ResultsReport:
    """Draft → sent to the office: the principal gives the number (…/BC-…), the date and signs."""
    report = ResultsReport.objects.select_for_update().select_related("plan__school").get(pk=report.pk)
    if report.status != ResultsReport.Status.DRAFT:
        raise MonitoringError("Báo cáo này đã được gửi.")
    number, signer = _clean(number), _clean(signer)
    if not number or not signer or date is None:
        raise MonitoringError(
            f"Hãy nhập đủ số báo cáo (ví dụ: 12/BC-{report.plan.school.short_code}), ngày ban hành và họ tên người ký."
        )
    if "/BC" not in number.upper():
        raise MonitoringError(f"Số của báo cáo có ký hiệu BC, ví dụ: 12/BC-{report.plan.school.short_code}.")
    report.document_number, report.date, report.signer_name = number[:60], date, signer[:150]
    report.status = ResultsReport.Status.SENT
    report.sent_at, report.sent_by = timezone.now(), actor
    report.revision += 1
    report.save()
    audit_record(
        actor=actor,
        action="report.send",
        obj=report,
        changes={"status": ["draft", "sent"], "document_number": number},
        summary=f"Gửi cơ quan quản lý báo cáo {report.title}, số {number}",
    )
    school = report.plan.school
    notify_many(
        users=office_people(school),
        kind=Kind.REPORT_SUBMITTED,
        subject=f"{school.name} gửi báo cáo số {number}: {report.title}",
        body=f"Báo cáo kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục của {school.name}, ký ngày {date:%d/%m/%Y}.",
        url=reverse("monitoring:report", args=[report.pk]),
        obj=report,
    )
    return report


@transaction.atomic
def report_receive(*, report: ResultsReport, actor, comment: str = "") -> ResultsReport:
    """Sent → received by the office, optionally with its comment; the school is told."""
    report = ResultsReport.objects.select_for_update().select_related("plan__school").get(pk=report.pk)
    if report.status != ResultsReport.Status.SENT:
        raise MonitoringError("Chỉ tiếp nhận được báo cáo trường đã gửi mà chưa tiếp nhận.")
    report.status = ResultsReport.Status.RECEIVED
    report.received_at, report.received_by = timezone.now(), actor
    report.revision += 1
    report.save()
    comment = _clean(comment)
    if comment:
        ReportComment.objects.create(report=report, author=actor, text=comment)
    audit_record(
        actor=actor,
        action="report.receive",
        obj=report,
        changes={"status": ["sent", "received"]},
        summary=f"Tiếp nhận báo cáo {report.document_number}" + (" kèm góp ý" if comment else ""),
    )
    notify_many(
        users=school_leaders(report.plan.school),
        kind=Kind.REPORT_RECEIVED,
        subject=f"{actor.display_name} đã tiếp nhận báo cáo số {report.document_number}",
        body=comment,
        url=reverse("monitoring:report", args=[report.pk]),
        obj=report,
    )
    return report


@transaction.atomic
def report_comment_add(*, report: ResultsReport, actor, text: str) -> ReportComment:
    from caitien.schools import permissions

    text = _clean(text)
    if not text:
        raise MonitoringError("Góp ý đang trống. Hãy viết nội dung góp ý.")
    comment = ReportComment.objects.create(report=report, author=actor, text=text)
    audit_record(
        actor=actor,
        action="report.comment",
        obj=comment,
        school=report.plan.school,
        summary=f"Góp ý báo cáo {report.title}",
    )
    if permissions.oversees(actor, report.plan.school):
        notify_many(
            users=school_leaders(report.plan.school),
            kind=Kind.REPORT_RECEIVED,
            subject=f"{actor.display_name} góp ý báo cáo {report.document_number or report.title}",
            body=text,
            url=reverse("monitoring:report", args=[report.pk]) + "#comments",
            obj=report,
        )
    return comment
