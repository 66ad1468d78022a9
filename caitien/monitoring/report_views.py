"""The results report's pages: create from a review, edit, send, receive, comment, download."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from caitien.monitoring import documents, lineage, services
from caitien.monitoring.forms import int_or_none, parse_date
from caitien.monitoring.models import ResultsReport, ReviewPoint
from caitien.monitoring.report import docx as report_docx
from caitien.monitoring.report import pdf as report_pdf
from caitien.planfile.writers import WriteError
from caitien.schools import permissions

DOWNLOADS = {
    "docx": (
        report_docx.write_docx,
        "Word (DOCX)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pdf": (report_pdf.write_pdf, "PDF", "application/pdf"),
}
SECTION_LABELS = (
    ("intro", "Mở đầu"),
    ("overview", "I. Kết quả thực hiện: tình hình chung"),
    ("strengths", "II.1. Ưu điểm"),
    ("shortcomings", "II.2. Hạn chế"),
    ("causes", "II.3. Nguyên nhân của hạn chế"),
    ("recommendations", "III. Kiến nghị, đề xuất (mỗi kiến nghị một dòng)"),
    ("directions", "IV. Phương hướng, nhiệm vụ kỳ tới"),
    ("closing", "Câu kết"),
)


def _report(pk) -> ResultsReport:
    return get_object_or_404(
        ResultsReport.objects.select_related(
            "plan__school__office", "plan__regulation", "point", "sent_by", "received_by"
        ),
        pk=pk,
    )


def _require_view(request, report):
    permissions.require(
        permissions.can_view_report(request.user, report),
        "Hãy đăng nhập để xem báo cáo này."
        if not request.user.is_authenticated
        else "Báo cáo này chưa gửi cơ quan quản lý, hoặc bạn không thuộc trường, cơ quan của báo cáo.",
    )


@require_POST
def report_create(request, point_pk):
    point = get_object_or_404(ReviewPoint.objects.select_related("plan__school"), pk=point_pk)
    plan = lineage.in_force(point.plan) or point.plan
    permissions.require(
        permissions.can_create_report(request.user, plan),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng lập được báo cáo kết quả, khi kế hoạch đã công khai.",
    )
    try:
        report = services.report_create(point=point, actor=request.user)
    except services.MonitoringError as exc:
        messages.error(request, str(exc))
        return redirect("monitoring:review", point_pk=point.pk)
    messages.success(request, "Đã lập dự thảo báo cáo từ kết quả giám sát. Hãy đọc lại, sửa nếu cần rồi gửi.")
    return redirect("monitoring:report", pk=report.pk)


def _context(request, report, **extra):
    doc = documents.point_to_document(report.point, report.plan, report)
    sections = report.sections or {}
    return {
        "report": report,
        "plan": report.plan,
        "doc": doc,
        "section_fields": [
            (k, label, extra.get("mine", {}).get(k, sections.get(k, ""))) for k, label in SECTION_LABELS
        ],
        "comments": report.comments.select_related("author"),
        "downloads": [(fmt, label) for fmt, (_w, label, _m) in DOWNLOADS.items()],
        "recipients_text": "\n".join(report.recipients or []),
        **extra,
    }


def report_detail(request, pk):
    report = _report(pk)
    _require_view(request, report)
    return render(request, "monitoring/report.html", _context(request, report))


@require_POST
def report_update(request, pk):
    report = _report(pk)
    permissions.require(
        permissions.can_edit_report(request.user, report),
        "Báo cáo đã gửi hoặc bạn không sửa được báo cáo này.",
    )
    sections = {k: request.POST[f"section_{k}"] for k, _l in SECTION_LABELS if f"section_{k}" in request.POST}
    header = {
        k: request.POST[k]
        for k in ("title", "place", "signer_title", "signer_name", "recipients")
        if k in request.POST
    }
    try:
        services.report_update(
            report=report,
            actor=request.user,
            sections=sections,
            header=header,
            revision=int_or_none(request.POST.get("revision")),
        )
    except services.EditConflict as exc:
        report.refresh_from_db()
        return render(
            request,
            "monitoring/report.html",
            _context(request, report, edit_error=str(exc), mine=sections),
            status=409,
        )
    except services.MonitoringError as exc:
        return render(
            request,
            "monitoring/report.html",
            _context(request, report, edit_error=str(exc), mine=sections),
            status=400,
        )
    messages.success(request, "Đã lưu báo cáo.")
    return redirect("monitoring:report", pk=report.pk)


@require_POST
def report_send(request, pk):
    report = _report(pk)
    permissions.require(
        permissions.can_send_report(request.user, report),
        "Chỉ Hiệu trưởng ký và gửi báo cáo, khi báo cáo còn là dự thảo.",
    )
    try:
        date = parse_date(request.POST.get("date", ""), label="Ngày ban hành")
        services.report_send(
            report=report,
            actor=request.user,
            number=request.POST.get("number", ""),
            date=date,
            signer=request.POST.get("signer", ""),
        )
    except services.MonitoringError as exc:
        return render(
            request,
            "monitoring/report.html",
            _context(request, report, send_error=str(exc), send_values=request.POST),
            status=400,
        )
    messages.success(request, "Đã gửi báo cáo tới cơ quan quản lý.")
    return redirect("monitoring:report", pk=report.pk)


@require_POST
def report_receive(request, pk):
    report = _report(pk)
    permissions.require(
        permissions.can_receive_report(request.user, report),
        "Chỉ chuyên viên của cơ quan quản lý trường tiếp nhận được báo cáo đã gửi.",
    )
    services.report_receive(report=report, actor=request.user, comment=request.POST.get("comment", ""))
    messages.success(request, "Đã tiếp nhận báo cáo. Nhà trường sẽ nhận được thông báo.")
    return redirect("monitoring:report", pk=report.pk)


@require_POST
def report_comment(request, pk):
    report = _report(pk)
    permissions.require(
        permissions.can_comment_report(request.user, report), "Bạn không góp ý được cho báo cáo này."
    )
    try:
        services.report_comment_add(report=report, actor=request.user, text=request.POST.get("text", ""))
    except services.MonitoringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã gửi góp ý.")
    return redirect(reverse("monitoring:report", args=[report.pk]) + "#comments")


def report_download(request, pk, fmt):
    report = _report(pk)
    _require_view(request, report)
    if fmt not in DOWNLOADS:
        raise Http404
    write, label, mime = DOWNLOADS[fmt]
    doc = documents.point_to_document(report.point, report.plan, report)
    name = f"bao-cao-{report.plan.school.short_code}-{report.point.school_year}-{report.point.kind}".lower()
    with tempfile.TemporaryDirectory(prefix="caitien-") as tmp:
        path = Path(tmp) / f"{name}.{fmt}"
        try:
            write(doc, path)
        except WriteError as exc:
            messages.error(request, f"Chưa tạo được bản {label}: {exc}")
            return redirect("monitoring:report", pk=report.pk)
        data = path.read_bytes()
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
