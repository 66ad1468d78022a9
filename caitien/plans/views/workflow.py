"""The plan's steps: submit, return, approve, publish (with a preview and the signed scan), revise."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from caitien.plans import limits, services
from caitien.plans.forms import ApproveForm, PublishForm
from caitien.plans.views.common import detail_context, load_plan, plan_context
from caitien.schools import permissions


def _moved_on(request, plan, exc):
    """The step was asked of a plan that moved on meanwhile: the second of two clicks, or two people
    at once. The plan page says what happened instead of an error page."""
    plan.refresh_from_db()
    messages.warning(
        request,
        f"{exc} Kế hoạch hiện ở bước “{plan.get_status_display()}”: có thể thao tác này vừa được thực "
        "hiện (bấm hai lần, hoặc một người khác vừa làm). Hãy xem lại trang kế hoạch.",
    )
    return redirect("plans:detail", pk=plan.pk)


@require_POST
def plan_submit(request, pk):
    plan = load_plan(pk)
    permissions.require(
        permissions.can_submit_plan(request.user, plan),
        "Chỉ người soạn kế hoạch của trường gửi phê duyệt được, và chỉ khi kế hoạch còn là dự thảo.",
    )
    try:
        services.plan_submit(plan=plan, actor=request.user)
    except services.PlanNotReady as exc:
        plan.refresh_from_db()
        ctx = detail_context(request, plan, submit_refused=str(exc), submit_errors=exc.findings)
        return render(request, "plans/detail.html", ctx, status=400)
    except services.PlanError as exc:
        return _moved_on(request, plan, exc)
    messages.success(request, "Đã gửi kế hoạch để Hiệu trưởng phê duyệt.")
    return redirect("plans:detail", pk=plan.pk)


@require_POST
def plan_return(request, pk):
    plan = load_plan(pk)
    permissions.require(
        permissions.can_return_plan(request.user, plan),
        "Chỉ Hiệu trưởng trả lại được kế hoạch đang chờ phê duyệt.",
    )
    reason = request.POST.get("reason", "")
    try:
        services.plan_return(plan=plan, actor=request.user, reason=reason)
    except services.PlanError as exc:
        ctx = detail_context(request, plan, return_error=str(exc), return_text=reason)
        return render(request, "plans/detail.html", ctx, status=400)
    messages.success(
        request, "Đã trả lại kế hoạch về dự thảo; người soạn sẽ thấy lý do ở đầu trang soạn thảo."
    )
    return redirect("plans:detail", pk=plan.pk)


@require_POST
def plan_approve(request, pk):
    plan = load_plan(pk)
    permissions.require(
        permissions.can_approve_plan(request.user, plan),
        "Chỉ Hiệu trưởng của trường phê duyệt được, và chỉ khi kế hoạch đang chờ phê duyệt.",
    )
    form = ApproveForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.plan_approve(
                plan=plan,
                actor=request.user,
                number=d["number"],
                date=d["date"],
                signer=d["signer"],
                signer_title=d["signer_title"],
            )
        except services.ApprovalDateError as exc:
            form.add_error("date", str(exc))
        except services.PlanError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Đã phê duyệt kế hoạch, số {d['number']}. Bước tiếp theo: công khai kế hoạch "
                "(có thể đính kèm bản scan có chữ ký, đóng dấu).",
            )
            return redirect("plans:detail", pk=plan.pk)
    ctx = detail_context(request, plan, approve_form=form)
    return render(request, "plans/detail.html", ctx, status=400)


def _publish_page(request, plan, form, status=200):
    ctx = plan_context(request, plan, light=True, form=form, preview=True)
    return render(request, "plans/publish.html", ctx, status=status)


def plan_publish(request, pk):
    """GET: the confirmation, with the public page as it will read and the scan to attach.
    POST: publishes (attaching the scan when one was chosen)."""
    plan = load_plan(pk)
    permissions.require(
        permissions.can_publish_plan(request.user, plan),
        "Chỉ Hiệu trưởng công khai được, và chỉ khi kế hoạch đã được phê duyệt.",
    )
    if request.method != "POST":
        return _publish_page(request, plan, PublishForm())
    form = PublishForm(request.POST, request.FILES)
    if not form.is_valid():
        return _publish_page(request, plan, form, status=400)
    upload = form.cleaned_data.get("scan")
    try:
        services.plan_publish(
            plan=plan,
            actor=request.user,
            scan=upload.read() if upload else None,
            scan_name=upload.name if upload else "",
        )
    except services.ScanRefused as exc:
        form.add_error("scan", str(exc))
        return _publish_page(request, plan, form, status=400)
    except services.PlanError as exc:
        return _moved_on(request, plan, exc)
    messages.success(
        request, "Đã công khai kế hoạch. Cơ quan quản lý và mọi người xem được kế hoạch ở trang công khai."
    )
    return redirect("plans:detail", pk=plan.pk)


@require_POST
def plan_signed_scan(request, pk):
    """Attaches or replaces the signed scan of an approved or published plan."""
    plan = load_plan(pk)
    permissions.require(
        permissions.can_attach_signed_scan(request.user, plan),
        "Chỉ Hiệu trưởng đính kèm được bản scan, và chỉ khi kế hoạch đã được phê duyệt.",
    )
    form = PublishForm(request.POST, request.FILES)
    upload = form.cleaned_data.get("scan") if form.is_valid() else None
    try:
        if upload is None:
            raise services.ScanRefused("Hãy chọn tệp PDF của bản scan có chữ ký, đóng dấu.")
        services.plan_attach_signed_scan(plan=plan, actor=request.user, data=upload.read(), name=upload.name)
    except services.ScanRefused as exc:
        ctx = detail_context(request, plan, scan_error=str(exc))
        return render(request, "plans/detail.html", ctx, status=400)
    messages.success(request, "Đã đính kèm bản scan; trang công khai cho tải bản này.")
    return redirect("plans:detail", pk=plan.pk)


def plan_revise(request, pk):
    plan = load_plan(pk)
    permissions.require(
        permissions.can_revise_plan(request.user, plan),
        "Chỉ Hiệu trưởng điều chỉnh được, và chỉ kế hoạch đã công khai.",
    )
    error, reason = "", request.POST.get("reason", "")
    if request.method == "POST":
        try:
            new = services.plan_revise(plan=plan, reason=reason, actor=request.user)
        except services.PlanError as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                f"Đã tạo phiên bản {new.version} để điều chỉnh. Bản đang công khai giữ "
                "nguyên cho tới khi bản mới được phê duyệt và công khai.",
            )
            return redirect("plans:edit", pk=new.pk)
    ctx = {"plan": plan, "error": error, "reason": reason, "reason_limit": limits.REASON_LIMIT}
    return render(request, "plans/revise.html", ctx, status=400 if error else 200)
