"""The row editor: the sheet, row saves answered with that row only (htmx), row tools, sections.

A row save posts only the cells the person changed, with what the page showed for every cell
(`was_<field>`), so two people editing different cells of one row both succeed. The answer is the
row as saved (static/caitien/editor.js merges it into the cells nobody is typing in) and, out of
band, the row findings, the plan's findings and the totals. Structural changes (add, duplicate,
move, delete, undo) answer with the sheet; their cost does not grow with the number of rows.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from caitien.audit.models import AuditEvent
from caitien.plans import limits, selectors, services
from caitien.plans.models import PlanItem
from caitien.plans.views.common import is_htmx, load_plan, plan_context, refuse_view, require_edit
from caitien.schools import permissions
from caitien.web.inputs import format_month
from caitien.web.params import whole_number

# Rarely used columns sit under their row behind a toggle, so a 1280 px screen never scrolls
# sideways (column widths: app.css, "The row editor").
SECONDARY_COLUMNS = ("support", "notes", "expected_evidence", "status")
# What a row form may post besides its cells.
ROW_EXTRAS = ("budget_vnd", "standard_number", "months_auto", "budget_auto")


def sheet_layout(columns) -> dict:
    main = [c for c in columns if c["key"] not in SECONDARY_COLUMNS]
    more = [c for c in columns if c["key"] in SECONDARY_COLUMNS]
    return {
        "main_columns": main,
        "more_columns": more,
        "more_keys": [c["key"] for c in more],
        "has_criterion_column": any(c["key"] == "criterion" for c in columns),
        "sheet_kind": "wide" if len(main) > 7 else "narrow",
        "answer_limit": limits.ANSWER_LIMIT,
    }


def _attach_comments(plan, items) -> None:
    by_key = selectors.row_comments(plan)
    for item in items:
        item.office_comments = by_key.get(item.key, [])


def _attach_weaknesses(plan, items) -> None:
    """The weakness the self-assessment found for each row's criterion, shown under the row: the
    row states a target, and the writer keeps the starting point in view while writing it."""
    found = selectors.assessment_weaknesses(plan, [i.criterion_id for i in items if i.criterion_id])
    for item in items:
        item.assessment_weakness = found.get(item.criterion_id, "")


def rows_context(request, plan, *, light: bool = True, **extra) -> dict:
    """What a row needs to be drawn: the plan context (findings, totals) and the sheet layout."""
    ctx = plan_context(request, plan, light=light, **extra)
    ctx.update(sheet_layout(ctx["columns"]))
    _attach_comments(plan, ctx["items"])
    _attach_weaknesses(plan, ctx["items"])
    return ctx


def editor_context(request, plan, **extra) -> dict:
    ctx = rows_context(request, plan, light=False, **extra)
    criteria = selectors.criteria_of(plan.regulation)
    ctx["criteria"] = criteria
    ctx["status_values"] = (plan.regulation.plan_form or {}).get("status_values") or []
    ctx["criteria_groups"] = selectors.criteria_groups(criteria)
    # The form's text sections and small tables, in the order of the plan form.
    tables = {t["key"]: {**t, "kind": "table"} for t in selectors.plan_tables(plan)}
    texts = {s["key"]: {**s, "kind": "text"} for s in ctx["sections"]}
    order = [s["key"] for s in (plan.regulation.plan_form or {}).get("sections") or []]
    ctx["form_parts"] = [tables.get(k) or texts[k] for k in order if k in tables or k in texts]
    ctx["section_limit"] = limits.SECTION_LIMIT
    ctx["header_limits"] = limits.HEADER_LIMITS
    ctx["cell_limit"] = limits.SMALL_TABLE_CELL_LIMIT
    return ctx


def plan_edit(request, pk):
    plan = load_plan(pk)
    refuse_view(request, plan)
    require_edit(request, plan)
    return render(request, "plans/edit.html", editor_context(request, plan))


def _sheet_response(request, plan, anchor="", **extra):
    if is_htmx(request):
        ctx = editor_context(request, plan, focus_row=anchor, **extra)
        return render(request, "plans/_sheet.html", ctx)
    if extra.get("deleted") is not None:
        messages.info(request, f"Đã xóa dòng {extra['deleted'].order}.")
    return redirect(reverse("plans:edit", args=[plan.pk]) + (f"#{anchor}" if anchor else ""))


def _item(plan, item_pk) -> PlanItem:
    return get_object_or_404(PlanItem, pk=item_pk, plan=plan)


@require_POST
def item_add(request, pk):
    plan = load_plan(pk)
    require_edit(request, plan)
    after = None
    if whole_number(request.POST.get("after")) is not None:
        after = PlanItem.objects.filter(plan=plan, pk=whole_number(request.POST["after"])).first()
    item = services.plan_item_add(plan=plan, actor=request.user, after=after)
    return _sheet_response(request, plan, f"row-{item.pk}")


def _posted_row(request) -> tuple[dict, dict | None, int | None]:
    """The cells a row form posted, what the page showed for each (None from a page without
    scripts), and the revision it was based on."""
    values = {k: request.POST[k] for k in (*services.ITEM_TEXT_FIELDS, *ROW_EXTRAS) if k in request.POST}
    base = {k[4:]: v for k, v in request.POST.items() if k.startswith("was_")} or None
    revision = request.POST.get("revision", "")
    return values, base, whole_number(revision)


def _input_value(name, value) -> str:
    """A saved value as the row's input box shows it."""
    if name in ("start_month", "end_month"):
        return format_month(value)
    if name == "budget_vnd":
        return f"{int(value):,}".replace(",", ".") if value else ""
    return "" if value is None else str(value)


def _last_editor(item) -> str:
    event = (
        AuditEvent.objects.filter(object_type="planitem", object_id=str(item.pk)).only("actor_name").first()
    )
    return event.actor_name if event else ""


def _conflict_response(request, plan, item_pk, conflict, values):
    fields = [
        {
            "name": name,
            "label": services.field_label(name),
            "input": _input_value(name, value),
            "shown": _input_value(name, value),
        }
        for name, value in conflict.changed.items()
    ]
    ctx = {
        "plan": plan,
        "row_pk": item_pk,
        "conflict": conflict,
        "conflict_fields": fields,
        "conflict_by": _last_editor(conflict.current) if conflict.current else "",
    }
    if is_htmx(request):
        return render(request, "plans/_row_conflict.html", ctx, status=409)
    ctx.pop("plan")
    ctx = editor_context(request, plan, **ctx, mine=values)
    return render(request, "plans/edit.html", ctx, status=409)


def item_update(request, pk, item_pk):
    plan = load_plan(pk)
    refuse_view(request, plan)
    require_edit(request, plan)
    if request.method == "GET":  # one row as saved now (after a conflict)
        ctx = rows_context(request, plan)
        item = next((i for i in ctx["items"] if i.pk == item_pk), None)
        if item is None:
            raise Http404
        return render(request, "plans/_row.html", {**ctx, "item": item})
    # The service reads the row itself (locked), within this plan; a row gone is a conflict.
    item = PlanItem(pk=item_pk, plan_id=plan.pk)
    values, base, revision = _posted_row(request)
    try:
        item = services.plan_item_update(
            item=item, actor=request.user, values=values, revision=revision, base=base
        )
    except services.EditConflict as exc:
        return _conflict_response(request, plan, item_pk, exc, values)
    except services.RowInputError as exc:
        if is_htmx(request):
            ctx = {"field": exc.field, "message": str(exc)}
            return render(request, "plans/_row_refused.html", ctx, status=400)
        ctx = editor_context(request, plan, row_refused=exc, refused_item=item_pk, mine=values)
        return render(request, "plans/edit.html", ctx, status=400)
    except services.PlanError as exc:
        permissions.require(False, str(exc))
    if not is_htmx(request):
        return redirect(reverse("plans:edit", args=[plan.pk]) + f"#row-{item.pk}")
    ctx = rows_context(request, plan)
    saved = next(i for i in ctx["items"] if i.pk == item.pk)
    return render(request, "plans/_row_saved.html", {**ctx, "saved": saved, "now": timezone.localtime()})


@require_POST
def item_delete(request, pk, item_pk):
    plan = load_plan(pk)
    require_edit(request, plan)
    deleted = services.plan_item_delete(item=_item(plan, item_pk), actor=request.user)
    return _sheet_response(request, plan, deleted=deleted)


@require_POST
def item_restore(request, pk, item_pk):
    plan = load_plan(pk)
    require_edit(request, plan)
    item = get_object_or_404(PlanItem.all_objects, pk=item_pk, plan=plan)
    item = services.plan_item_restore(item=item, actor=request.user)
    return _sheet_response(request, plan, f"row-{item.pk}")


@require_POST
def item_duplicate(request, pk, item_pk):
    plan = load_plan(pk)
    require_edit(request, plan)
    copy = services.plan_item_duplicate(item=_item(plan, item_pk), actor=request.user)
    return _sheet_response(request, plan, f"row-{copy.pk}")


@require_POST
def item_move(request, pk, item_pk, direction):
    if direction not in ("up", "down"):
        raise Http404
    plan = load_plan(pk)
    require_edit(request, plan)
    item = services.plan_item_move(item=_item(plan, item_pk), actor=request.user, direction=direction)
    return _sheet_response(request, plan, f"row-{item.pk}")


def _posted_tables(request, plan) -> dict:
    tables = {}
    for table in selectors.plan_tables(plan):
        key, fields = table["key"], [f for f, _label in table["columns"]]
        count = whole_number(request.POST.get(f"{key}-count"))
        if count is None:
            continue
        rows = [
            {f: request.POST.get(f"{key}-{i}-{f}", "").strip() for f in fields}
            for i in range(min(count, 200))
        ]
        # a row counts once something beyond its first cell (the moment, the standard) is written
        tables[key] = [r for r in rows if any(r[f] for f in fields[1:])]
    return tables


@require_POST
def plan_sections(request, pk):
    plan = load_plan(pk)
    require_edit(request, plan)
    keys = [s["key"] for s in selectors.plan_sections(plan)]
    sections = {k: request.POST[f"section_{k}"] for k in keys if f"section_{k}" in request.POST}
    header = {
        k: request.POST[k] for k in (*services.SECTION_HEADER_FIELDS, "recipients") if k in request.POST
    }
    tables = _posted_tables(request, plan)
    revision = request.POST.get("revision", "")
    try:
        services.plan_update_sections(
            plan=plan,
            actor=request.user,
            sections=sections,
            header=header,
            revision=whole_number(revision),
            **tables,
        )
    except services.EditConflict as exc:
        plan.refresh_from_db()
        ctx = editor_context(request, plan, section_conflict=exc, mine_sections=sections, mine_header=header)
        return render(request, "plans/edit.html", ctx, status=409)
    except services.SectionInputError as exc:
        # Keep every text as typed: the page is drawn with the person's own texts.
        for key, value in sections.items():
            plan.sections = {**(plan.sections or {}), key: value}
        for key, value in header.items():
            if key != "recipients":
                setattr(plan, key, value)
        for key, rows in tables.items():
            setattr(plan, key, rows)
        ctx = editor_context(request, plan, sections_refused=exc)
        if "recipients" in header:
            ctx["recipients_text"] = header["recipients"]
        return render(request, "plans/edit.html", ctx, status=400)
    messages.success(request, "Đã lưu phần nội dung của kế hoạch.")
    return redirect(reverse("plans:edit", args=[plan.pk]) + "#sections")


def criteria_search(request, pk):
    plan = load_plan(pk)
    refuse_view(request, plan)
    groups = selectors.criteria_search(plan.regulation, request.GET.get("q", ""))
    return render(
        request, "plans/_criteria.html", {"plan": plan, "groups": groups, "q": request.GET.get("q", "")}
    )
