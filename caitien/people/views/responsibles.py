"""Who is responsible for a plan's rows: the "Người phụ trách" page, the school's mappings of texts,
and the picker beside the row editor's Chủ trì / Phối hợp cells."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from caitien.people import selectors, services
from caitien.people.forms import MappingForm
from caitien.people.models import ResponsibleMapping
from caitien.people.resolve import SchoolDirectory
from caitien.people.views.common import school_for
from caitien.plans.models import Plan, PlanItem
from caitien.schools import permissions

PICKER_FIELDS = {"lead_text": "Chủ trì", "coordinators_text": "Phối hợp"}


def _plan(request, plan_pk) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("school", "regulation"), pk=plan_pk)
    permissions.require(
        permissions.can_view_responsibles(request.user, plan),
        "Trang người phụ trách chỉ cán bộ, giáo viên, nhân viên của trường xem được.",
    )
    return plan


@login_required
def plan_responsibles(request, plan_pk):
    plan = _plan(request, plan_pk)
    return _responsibles_page(request, plan)


def _responsibles_page(request, plan, form_errors=None, status=200):
    directory = SchoolDirectory.load(plan.school)
    items = list(PlanItem.objects.filter(plan=plan).order_by("order", "pk"))
    rows, unresolved = selectors.plan_responsibles(plan.school, items, directory)
    can_map = permissions.can_map_responsibles(request.user, plan)
    return render(
        request,
        "people/plan_responsibles.html",
        {
            "plan": plan,
            "school": plan.school,
            "rows": rows,
            "unresolved": unresolved,
            "can_map": can_map,
            "targets": selectors.mapping_targets(directory) if can_map else None,
            "form_errors": form_errors or {},
        },
        status=status,
    )


@require_POST
@login_required
def plan_mapping_set(request, plan_pk):
    plan = _plan(request, plan_pk)
    permissions.require(
        permissions.can_map_responsibles(request.user, plan),
        "Chỉ Hiệu trưởng, Phó Hiệu trưởng gán được cách ghi người phụ trách cho cả trường.",
    )
    form = MappingForm(request.POST, school=plan.school)
    if not form.is_valid():
        text = request.POST.get("text", "")
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        return _responsibles_page(request, plan, form_errors={text: errors}, status=400)
    resolved = form.cleaned_data["resolved"]
    try:
        mapping = services.mapping_set(
            school=plan.school, text=form.cleaned_data["text"], actor=request.user, **resolved
        )
    except services.PeopleRefused as refusal:
        return _responsibles_page(
            request, plan, form_errors={form.cleaned_data["text"]: [str(refusal)]}, status=400
        )
    target = mapping.person or mapping.group or mapping.position or "không phải người cụ thể"
    messages.success(
        request, f"Từ nay “{mapping.text}” ứng với {target} trong mọi kế hoạch của {plan.school.name}."
    )
    return redirect(reverse("people:plan_responsibles", args=[plan.pk]) + "#unresolved")


@login_required
def mappings(request, school_pk):
    school = school_for(request, school_pk)
    found = ResponsibleMapping.objects.filter(school=school).select_related("person", "group")
    return render(
        request,
        "people/mappings.html",
        {
            "school": school,
            "mappings": found,
            "can_manage": permissions.can_manage_people(request.user, school),
        },
    )


@require_POST
@login_required
def mapping_delete(request, school_pk, pk):
    school = school_for(request, school_pk, manage=True)
    mapping = get_object_or_404(ResponsibleMapping, pk=pk, school=school)
    text = mapping.text
    services.mapping_delete(mapping, actor=request.user)
    messages.success(request, f"Đã bỏ cách ghi “{text}”: các dòng ghi như vậy lại hiện là chưa rõ.")
    return redirect("people:mappings", school_pk=school.pk)


@login_required
def picker(request, plan_pk, item_pk):
    """Suggestions for the Chủ trì / Phối hợp cell being typed in: people, positions and groups of
    the school matching the last piece of the text, and how the whole cell is understood."""
    plan = get_object_or_404(Plan.objects.select_related("school"), pk=plan_pk)
    permissions.require(permissions.can_edit_plan(request.user, plan), "Bạn không sửa được kế hoạch này.")
    item = get_object_or_404(PlanItem, pk=item_pk, plan=plan)
    field = request.GET.get("o", "")
    if field not in PICKER_FIELDS:
        field = "lead_text"
    text = request.GET.get(field, getattr(item, field))[:2000]
    directory = SchoolDirectory.load(plan.school)
    return render(
        request,
        "people/_picker.html",
        {
            "item": item,
            "field": field,
            "target_id": f"f-{item.pk}-{field}",
            "suggestions": selectors.picker_suggestions(
                directory, text, selectors.accounts_without_entry(plan.school)
            ),
            "understood": selectors.understood(plan.school, text, directory),
        },
    )
