"""Reads for plans: lists, rows grouped by school year, suggestions, comparisons."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from caitien.catalog.models import Criterion
from caitien.plans.models import Plan, PlanComment, PlanItem
from caitien.schools import permissions
from caitien.text import fold

# Who typically leads a row, offered beside the school's own people.
COMMON_ROLES = (
    "Hiệu trưởng",
    "Phó Hiệu trưởng",
    "Tổ trưởng chuyên môn",
    "Tổ trưởng tổ văn phòng",
    "Kế toán",
    "Tổng phụ trách Đội",
    "GVCN",
    "Giáo viên",
    "Văn thư",
    "Nhân viên y tế",
    "Nhân viên thư viện",
    "Nhân viên thiết bị",
    "Ban đại diện cha mẹ học sinh",
    "Công đoàn",
    "Đoàn Thanh niên",
    "Hội đồng tự đánh giá",
    "Tổ giám sát",
)

COMPARED_ITEM_FIELDS = (
    ("criterion_code", "Tiêu chí"),
    ("level", "Mức"),
    ("issue", "Nội dung cải tiến"),
    ("expected_result", "Kết quả cần đạt / mục tiêu"),
    ("solutions", "Công việc, giải pháp"),
    ("indicator", "Chỉ số đánh giá"),
    ("lead_text", "Chủ trì"),
    ("coordinators_text", "Phối hợp"),
    ("time_text", "Thời gian"),
    ("budget_text", "Kinh phí"),
    ("funding_source", "Nguồn kinh phí"),
    ("support", "Điều kiện hỗ trợ"),
    ("expected_evidence", "Minh chứng dự kiến"),
    ("status", "Mức độ thực hiện"),
    ("notes", "Ghi chú"),
)


# What a list of plans never shows: the long texts of each plan and the regulation's catalog data.
# Left out, a page of a list sorts a few hundred bytes per plan instead of a hundred kilobytes.
LIST_DEFERRED = (
    "sections",
    "priority_issues",
    "monitoring",
    "recipients",
    "closing_text",
    "revision_reason",
    "regulation__name",
    "regulation__level_rules",
    "regulation__plan_form",
    "regulation__evidence_code",
    "regulation__verification_note",
)


def plans_visible_to(user, school=None):
    """Plans the user may open (drafts only inside their own school), newest first: a queryset that
    asks the database for exactly those (permissions.plan_visibility), with school and regulation."""
    qs = Plan.objects.select_related("school", "regulation").defer(*LIST_DEFERRED)
    condition = permissions.plan_visibility(user)
    if condition is not None:
        qs = qs.filter(condition)
    if school is not None:
        qs = qs.filter(school=school)
    return qs.order_by("-start_year", "school__name", "-version", "-pk")


def with_item_counts(plans) -> list[Plan]:
    """The plans (one page of a list) with `item_count` set, counted in one query."""
    plans = list(plans)
    counts = dict(
        PlanItem.objects.filter(plan__in=[p.pk for p in plans])
        .order_by()
        .values_list("plan")
        .annotate(n=Count("pk"))
    )
    for p in plans:
        p.item_count = counts.get(p.pk, 0)
    return plans


def public_plans(school):
    return list(
        Plan.objects.filter(school=school, status__in=permissions.PUBLIC_STATUSES)
        .select_related("regulation")
        .order_by("-start_year", "-version")
    )


def plan_versions(plan: Plan, reader=None) -> list[Plan]:
    """The plan's versions, oldest first; given the `reader`, only those that person may read (an
    office specialist or the public never learns of a revision the school has not published)."""
    root = plan.root
    versions = list(
        Plan.objects.filter(Q(pk=root.pk) | Q(lineage=root)).select_related("school").order_by("version")
    )
    if reader is None:
        return versions
    from caitien.schools import permissions

    return [
        v for v in versions if permissions.can_view_plan(reader, v) or permissions.can_view_public_plan(v)
    ]


def school_year_of(month: str) -> int | None:
    """The first calendar year of the school year a "YYYY-MM" month falls in (August counts as next)."""
    if (
        not month
        or len(month) < 7
        or not month.isascii()
        or not month[:4].isdigit()
        or not month[5:7].isdigit()
    ):
        return None
    year, m = int(month[:4]), int(month[5:7])
    return year if m >= 8 else year - 1


@dataclass
class RowGroup:
    label: str
    year: int | None
    items: list = field(default_factory=list)


def item_groups(plan: Plan, items=None) -> list[RowGroup]:
    """A multi-year plan's rows by school year (of their first month); one group otherwise."""
    items = list(
        items if items is not None else plan.items.select_related("criterion").order_by("order", "id")
    )
    if plan.period_kind != Plan.PeriodKind.MULTI:
        return [RowGroup(label="", year=None, items=items)]
    groups: dict = {}
    for item in items:
        year = school_year_of(item.start_month)
        groups.setdefault(year, []).append(item)
    out = [
        RowGroup(label=f"Năm học {y}-{y + 1}", year=y, items=groups[y])
        for y in sorted(k for k in groups if k is not None)
    ]
    if None in groups:
        out.append(RowGroup(label="Chưa ghi thời gian", year=None, items=groups[None]))
    return out


def budget_totals(items) -> dict:
    """Total of one-off amounts, and recurring amounts per month / per year, in đồng."""
    total = {"once": 0, "month": 0, "year": 0}
    for item in items:
        for a in item.budget_amounts or []:
            total[a.get("per") or "once"] = total.get(a.get("per") or "once", 0) + int(a.get("vnd") or 0)
    return total


def criteria_of(regulation) -> list[Criterion]:
    return list(
        Criterion.objects.filter(standard__regulation=regulation)
        .select_related("standard")
        .order_by("standard__number", "position")
    )


def criteria_search(regulation, query: str) -> list[dict]:
    """Criteria of the regulation grouped by standard, matched without diacritics ("co so vat chat")
    on the code, the criterion's and the standard's names; only when none match, on indicator texts."""
    q = fold(query)
    criteria = criteria_of(regulation)
    found = [c for c in criteria if not q or q in fold(f"{c.code} {c.name} {c.standard.name}")]
    if not found and q:
        found = [c for c in criteria if q in (c.search_text or "")]
    return criteria_groups(found)


def criteria_groups(found) -> list[dict]:
    """Criteria (as criteria_of gives them) grouped by standard."""
    groups: dict = {}
    for c in found:
        g = groups.setdefault(
            c.standard.number, {"number": c.standard.number, "name": c.standard.name, "criteria": []}
        )
        g["criteria"].append(c)
    return list(groups.values())


def plan_columns(plan: Plan) -> list[dict]:
    """The table columns of the plan's form (2018 table or 57/2026 Mẫu số 2), from the catalog data."""
    return list((plan.regulation.plan_form or {}).get("columns") or [])


def plan_sections(plan: Plan) -> list[dict]:
    """The form's text sections (not the table itself), each with the plan's current text."""
    out = []
    for s in (plan.regulation.plan_form or {}).get("sections") or []:
        if s["key"] in ("content", "priority_issues", "monitoring"):
            continue
        out.append({**s, "text": (plan.sections or {}).get(s["key"], "")})
    return out


def plan_document_parts(plan: Plan) -> list[dict]:
    """Every section of the plan form in its order, as the printed plan reads: text sections with
    the plan's text, the plan table where the form puts it ("content"), and the 57/2026 small tables.
    Each part: key, number, title, kind ("text" | "content" | "priority_issues" | "monitoring"), text."""
    parts = []
    for s in (plan.regulation.plan_form or {}).get("sections") or []:
        kind = s["key"] if s["key"] in ("content", "priority_issues", "monitoring") else "text"
        parts.append(
            {**s, "kind": kind, "text": (plan.sections or {}).get(s["key"], "") if kind == "text" else ""}
        )
    return parts


TABLE_FIELDS = {
    "priority_issues": ("standard", "criteria", "current_state", "limitation", "cause"),
    "monitoring": ("moment", "content", "result", "adjustment", "assessor"),
}


def plan_tables(plan: Plan, blank_rows: int = 2) -> list[dict]:
    """The form's small tables (57/2026: IV priority issues, VI monitoring) with the plan's rows and
    a few blank rows to fill; the monitoring table's blank rows start at the form's moments."""
    out = []
    for s in (plan.regulation.plan_form or {}).get("sections") or []:
        fields = TABLE_FIELDS.get(s["key"])
        if not fields or not s.get("columns"):
            continue
        labels = list(s["columns"])
        if labels and labels[0] == "TT":
            labels = labels[1:]
        current = [
            [str(row.get(f) if row.get(f) is not None else "") for f in fields]
            for row in getattr(plan, s["key"]) or []
        ]
        moments = (
            [m for m in s.get("rows", []) if m not in {r[0] for r in current}]
            if s["key"] == "monitoring"
            else []
        )
        blanks = max(blank_rows, len(moments))
        rows = current + [
            [moments[i] if i < len(moments) else ""] + [""] * (len(fields) - 1) for i in range(blanks)
        ]
        out.append(
            {
                "key": s["key"],
                "number": s.get("number", ""),
                "title": s["title"],
                "columns": list(zip(fields, labels, strict=False)),
                "rows": rows,
            }
        )
    return out


# --- comparing two versions ---------------------------------------------------------------------


@dataclass
class RowDiff:
    kind: str  # "added" | "removed" | "changed" | "same"
    old: PlanItem | None
    new: PlanItem | None
    fields: list = field(default_factory=list)  # [(label, old, new)]


def _key(item: PlanItem) -> str:
    return item.criterion_code or f"#{item.order}"


def plan_compare(a: Plan, b: Plan) -> dict:
    """Row-by-row and section differences from version `a` to version `b`. Rows are paired by
    criterion (in order, so a criterion with two rows pairs its first with the first), else by position."""
    old_rows = list(a.items.order_by("order", "id"))
    new_rows = list(b.items.order_by("order", "id"))
    pending: dict[str, list[PlanItem]] = {}
    for row in old_rows:
        pending.setdefault(_key(row), []).append(row)
    rows = []
    for row in new_rows:
        match = pending.get(_key(row)) or []
        old = match.pop(0) if match else None
        if old is None:
            rows.append(RowDiff("added", None, row))
            continue
        changed = [
            (label, getattr(old, f), getattr(row, f))
            for f, label in COMPARED_ITEM_FIELDS
            if getattr(old, f) != getattr(row, f)
        ]
        rows.append(RowDiff("changed" if changed else "same", old, row, changed))
    for leftovers in pending.values():
        rows.extend(RowDiff("removed", old, None) for old in leftovers)
    titles = {
        s["key"]: f"{s.get('number', '')}. {s['title']}".strip(". ")
        for s in (b.regulation.plan_form or {}).get("sections") or []
    }
    sections = []
    for key in sorted(set(a.sections or {}) | set(b.sections or {})):
        before, after = (a.sections or {}).get(key, ""), (b.sections or {}).get(key, "")
        if before != after:
            sections.append({"key": key, "title": titles.get(key, key), "old": before, "new": after})
    header = [
        (label, getattr(a, f), getattr(b, f))
        for f, label in (
            ("title", "Trích yếu"),
            ("document_number", "Số văn bản"),
            ("date", "Ngày ban hành"),
            ("signer_name", "Người ký"),
            ("closing_text", "Câu kết"),
        )
        if getattr(a, f) != getattr(b, f)
    ]
    return {
        "rows": rows,
        "sections": sections,
        "header": header,
        "counts": {k: sum(1 for r in rows if r.kind == k) for k in ("added", "removed", "changed", "same")},
    }


def lineage_filter(plan: Plan) -> Q:
    root = plan.root
    return Q(plan_id=root.pk) | Q(plan__lineage_id=root.pk)


def row_comments(plan: Plan) -> dict:
    """Comments on rows, by row key, from every version of the plan (a comment follows its row into
    the revised versions), oldest first."""
    comments = (
        PlanComment.objects.filter(lineage_filter(plan), item_key__isnull=False)
        .select_related("author", "answered_by", "plan")
        .order_by("created_at", "id")
    )
    out: dict = {}
    for c in comments:
        out.setdefault(c.item_key, []).append(c)
    return out


def plan_comments(plan: Plan) -> list:
    """Every comment of the plan's versions for the comments panel: this version's, and those on
    earlier versions still waiting for the school's answer."""
    comments = (
        PlanComment.objects.filter(lineage_filter(plan))
        .filter(Q(plan=plan) | Q(state=PlanComment.State.NEW))
        .select_related("author", "answered_by", "item", "plan")
        .order_by("created_at", "id")
    )
    return list(comments)


def public_index(*, query: str = "", page=None, per_page: int = 40):
    """The public index (/cong-khai/): schools that published a plan, by office then name, a page
    at a time, each with its public plans (school.public_plans). Matches the school's or the
    office's name without diacritics. Two queries whatever the number of schools."""
    from django.core.paginator import Paginator

    from caitien.schools.models import School

    schools = (
        School.objects.filter(plans__status__in=permissions.PUBLIC_STATUSES)
        .distinct()
        .select_related("office")
        .order_by("office__name", "name")
    )
    if query:
        q = fold(query)
        ids = [
            s.pk
            for s in schools.only("pk", "name", "office__name")
            if q in fold(f"{s.name} {s.office.name if s.office_id else ''}")
        ]
        schools = schools.filter(pk__in=ids)
    result = Paginator(schools, per_page).get_page(page)
    shown = list(result.object_list)
    plans = (
        Plan.objects.filter(school__in=shown, status__in=permissions.PUBLIC_STATUSES)
        .select_related("regulation")
        .order_by("-start_year", "-version")
    )
    by_school: dict = {}
    for p in plans:
        by_school.setdefault(p.school_id, []).append(p)
    for s in shown:
        s.public_plans = by_school.get(s.pk, [])
    result.object_list = shown
    return result


def assessment_weaknesses(plan, criterion_ids) -> dict[int, str]:
    """{criterion id: the weaknesses its self-assessment wrote} for the plan's own self-assessment."""
    if not plan.self_assessment_id or not criterion_ids:
        return {}
    from caitien.assessments.models import CriterionAssessment

    rows = CriterionAssessment.objects.filter(
        self_assessment_id=plan.self_assessment_id, criterion_id__in=set(criterion_ids)
    ).exclude(weaknesses="")
    return {cid: text.strip() for cid, text in rows.values_list("criterion_id", "weaknesses")}
