"""Escalation pages: the school's list and form, one escalation with its exchange, the office queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from caitien.dashboards.access import office_of_request
from caitien.dashboards.paging import page_of
from caitien.dashboards.xlsx import xlsx_response
from caitien.escalations import selectors, services
from caitien.escalations.forms import AnswerForm, EscalationForm
from caitien.escalations.models import Escalation
from caitien.plans.models import PlanItem
from caitien.schools import permissions
from caitien.schools.models import School
from caitien.web.params import whole_number


def _school_of_request(request):
    schools = permissions.schools_of(request.user)
    wanted = request.GET.get("truong", "")
    if whole_number(wanted) is not None:
        school = get_object_or_404(School, pk=whole_number(wanted))
        permissions.require(
            permissions.can_view_school(request.user, school),
            "Bạn không thuộc trường này nên không xem được.",
        )
        return school
    permissions.require(
        bool(schools),
        "Trang đề xuất cấp trên dành cho cán bộ của trường. Chuyên viên Phòng/Sở xem ở “Đề xuất của các trường”.",
    )
    return schools[0]


@login_required
def school_list(request):
    """The school's escalations and the rows that look like they need one."""
    school = _school_of_request(request)
    can_create = permissions.can_create_escalation(request.user, school)
    return render(
        request,
        "escalations/school.html",
        {
            "school": school,
            "escalations": selectors.escalations_of_school(school),
            "suggestions": selectors.suggested_rows(school) if can_create else [],
            "can_create": can_create,
        },
    )


@login_required
def create(request):
    item = None
    if whole_number(request.GET.get("dong")) is not None:
        item = get_object_or_404(
            PlanItem.objects.select_related("plan__school__office"), pk=whole_number(request.GET["dong"])
        )
        school = item.plan.school
    else:
        school = _school_of_request(request)
    permissions.require(
        permissions.can_create_escalation(request.user, school),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng của trường gửi được đề xuất lên cấp trên.",
    )
    initial = {}
    if item is not None:
        suggestion = selectors.suggestion_for(item) or {}
        initial = {
            "kind": suggestion.get("kind", Escalation.Kind.OTHER),
            "addressee": suggestion.get("addressee", Escalation.Addressee.PHONG),
            "title": suggestion.get("title") or item.expected_result[:300],
            "amount": f"{item.budget_total:,}".replace(",", ".") if item.budget_total else "",
            "reason": item.issue,
            "steps_taken": "",
        }
    form = EscalationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            escalation = services.escalation_create(
                actor=request.user,
                item=item,
                school=school,
                kind=data["kind"],
                addressee=data["addressee"],
                title=data["title"],
                amount_vnd=data["amount"],
                reason=data["reason"],
                steps_taken=data["steps_taken"],
            )
        except services.EscalationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã gửi đề xuất tới {escalation.office.name}.")
            return redirect("escalations:detail", pk=escalation.pk)
    return render(
        request,
        "escalations/new.html",
        {"form": form, "item": item, "school": school},
        status=400 if form.errors else 200,
    )


def _escalation(pk) -> Escalation:
    return get_object_or_404(
        Escalation.objects.select_related(
            "school__office__parent", "office__parent", "forwarded_from", "item", "plan"
        ),
        pk=pk,
    )


def _answer_form(escalation, data=None):
    parent = escalation.office.parent
    return AnswerForm(data, can_forward_to=f"lên {parent.name}" if parent else "cấp trên")


@login_required
def detail(request, pk):
    escalation = _escalation(pk)
    permissions.require(
        permissions.can_view_escalation(request.user, escalation),
        "Đề xuất này thuộc trường khác; bạn không xem được.",
    )
    return _detail(request, escalation, _answer_form(escalation))


def _detail(request, escalation, form, status=200):
    return render(
        request,
        "escalations/detail.html",
        {
            "escalation": escalation,
            "events": escalation.events.select_related("office"),
            "form": form if permissions.can_answer_escalation(request.user, escalation) else None,
            "back_url": (
                f"{reverse('escalations:school')}?truong={escalation.school_id}"
                if permissions.school_roles(request.user, escalation.school)
                else reverse("escalations:queue")
            ),
        },
        status=status,
    )


@login_required
@require_POST
def answer(request, pk):
    escalation = _escalation(pk)
    permissions.require(
        permissions.can_answer_escalation(request.user, escalation),
        f"Chỉ chuyên viên của {escalation.office.name} trả lời được đề xuất này, khi đề xuất chưa được giải quyết xong.",
    )
    form = _answer_form(escalation, request.POST)
    if form.is_valid():
        try:
            escalation = services.escalation_answer(
                escalation=escalation,
                actor=request.user,
                state=form.cleaned_data["state"],
                text=form.cleaned_data["text"],
            )
        except services.EscalationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã ghi trả lời: {escalation.get_state_display()}.")
            return redirect("escalations:detail", pk=escalation.pk)
    return _detail(request, escalation, form, status=400)


# --- the office queue ------------------------------------------------------------------------------


XLSX_COLUMNS = (
    "Ngày gửi",
    "Trường",
    "Ký hiệu",
    "Loại",
    "Gửi tới",
    "Nội dung đề xuất",
    "Kinh phí đề nghị (đồng)",
    "Lý do",
    "Nhà trường đã làm",
    "Cơ quan đang xử lý",
    "Trạng thái",
    "Ý kiến của Phòng khi chuyển",
    "Trả lời",
)


def escalation_row(e) -> list:
    """One escalation as a row of the XLSX tables (columns XLSX_COLUMNS)."""
    return [
        timezone.localtime(e.created_at).date(),
        e.school.name,
        e.school.short_code,
        e.get_kind_display(),
        e.get_addressee_display(),
        e.title,
        e.amount_vnd,
        e.reason,
        e.steps_taken,
        e.office.name,
        e.get_state_display(),
        e.forward_note,
        e.answer,
    ]


@login_required
def queue(request, office_pk=None):
    office = office_of_request(request, office_pk, page="Hàng đề xuất")
    scope = "below" if request.GET.get("pham_vi") == "duoi" else "mine"
    filters = {
        "state": request.GET.get("trang_thai", "open"),
        "kind": request.GET.get("loai", ""),
        "school_code": request.GET.get("truong", "").strip(),
        "q": request.GET.get("q", "").strip(),
    }
    if filters["state"] not in ("", "open", *Escalation.State.values):
        filters["state"] = "open"
    if filters["kind"] not in ("", *Escalation.Kind.values):
        filters["kind"] = ""
    qs = selectors.office_queue(office, scope=scope, **filters)
    if request.GET.get("tai") == "xlsx":
        rows = [escalation_row(e) for e in qs]
        return xlsx_response(f"de-xuat-{office.code}", "Đề xuất cấp trên", XLSX_COLUMNS, rows)
    return render(
        request,
        "escalations/queue.html",
        {
            "office": office,
            "page": page_of(request, qs),
            "totals": selectors.queue_totals(qs),
            "scope": scope,
            "filters": filters,
            "states": Escalation.State.choices,
            "kinds": Escalation.Kind.choices,
            "other_offices": [o for o in permissions.offices_of(request.user) if o.pk != office.pk],
        },
    )
