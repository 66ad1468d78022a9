"""Downloads and the public pages (công khai)."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from caitien.planfile.writers import WriteError
from caitien.plans import selectors
from caitien.plans.documents import plan_to_document
from caitien.plans.downloads import plan_document_bytes
from caitien.plans.models import Plan
from caitien.plans.views.common import (
    DOWNLOADS,
    load_plan,
    plan_context,
    private_reason,
)
from caitien.schools import permissions
from caitien.schools.models import School
from caitien.web import ratelimit


def plan_download(request, pk, fmt):
    plan = load_plan(pk)
    permissions.hide_unreadable_plan(request.user, plan)
    permissions.require(
        permissions.can_download_plan(request.user, plan),
        f"Bạn không tải được kế hoạch này. {private_reason(plan)}",
    )
    doc = plan_to_document(plan)
    name = f"ke-hoach-{plan.school.short_code}-{plan.start_year}-{plan.end_year}-v{plan.version}".lower()
    if fmt == "json":
        response = HttpResponse(doc.to_json(indent=2), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    if fmt not in DOWNLOADS:
        raise Http404
    wait = ratelimit.over_limit(request, "plan-download")
    if wait:
        return ratelimit.too_many(request, wait, "văn bản kế hoạch")
    write, label, mime = DOWNLOADS[fmt]
    try:
        data = plan_document_bytes(plan, doc, fmt, write, stem=name)
    except WriteError as exc:
        messages.error(request, f"Chưa tạo được bản {label}: {exc}")
        back = "plans:detail" if permissions.can_view_plan(request.user, plan) else "plans:public"
        return redirect(back, pk=plan.pk)
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def public_plan(request, pk):
    plan = load_plan(pk)
    permissions.hide_unreadable_plan(request.user, plan)
    permissions.require(
        permissions.can_view_public_plan(plan),
        "Kế hoạch này chưa được công khai. Trường sẽ công khai sau khi Hiệu trưởng phê duyệt.",
    )
    ctx = plan_context(request, plan, light=True, checked=False)
    ctx["newer"] = Plan.objects.filter(previous=plan, status__in=permissions.PUBLIC_STATUSES).first()
    if "evidence_index" not in ctx:  # codes cited in rows link to public register items only
        from caitien.evidence.selectors import evidence_index_for_plan

        ctx["evidence_index"] = evidence_index_for_plan(plan, public_only=True)
    if permissions.can_view_public_progress(plan):
        from caitien.execution.selectors.public import public_statuses

        ctx["execution_rows"] = public_statuses(plan)
    return render(request, "plans/public.html", ctx)


def public_list(request, school_pk):
    school = get_object_or_404(School, pk=school_pk)
    return render(
        request, "plans/public_list.html", {"school": school, "plans": selectors.public_plans(school)}
    )


def public_index(request):
    """/cong-khai/: every school that published a plan, by office, with its public plans."""
    query = request.GET.get("q", "").strip()[:100]
    page = selectors.public_index(query=query, page=request.GET.get("trang"))
    return render(request, "plans/public_index.html", {"page": page, "q": query})


def signed_scan_file(request, pk):
    """The signed, stamped scan, for whoever may read the plan (the public, once published)."""
    plan = load_plan(pk)
    permissions.hide_unreadable_plan(request.user, plan)
    permissions.require(
        permissions.can_view_public_plan(plan) or permissions.can_view_plan(request.user, plan),
        f"Bạn không tải được bản scan của kế hoạch này. {private_reason(plan)}",
    )
    if not plan.signed_scan:
        raise Http404("Kế hoạch này chưa có bản scan có chữ ký, đóng dấu.")
    try:
        handle = default_storage.open(plan.signed_scan.name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Không tìm thấy tệp bản scan; hãy báo nhà trường tải lại.") from exc
    name = f"ke-hoach-{plan.school.short_code}-{plan.start_year}-{plan.end_year}-v{plan.version}-ban-ky.pdf"
    return FileResponse(handle, content_type="application/pdf", as_attachment=True, filename=name.lower())
