"""Review points and reviews: the monitoring team's record of each row at each point."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from caitien.audit.services import audit_record, diff_fields
from caitien.monitoring import calendar, lineage, rules
from caitien.monitoring.models import ENTRY_FIELDS, Recommendation, ReviewEntry, ReviewPoint
from caitien.monitoring.services.errors import EditConflict, MonitoringError
from caitien.plans.models import Plan, PlanItem
from caitien.text import nfc

REVIEW_TEXT_FIELDS = ("judgement", "strengths", "shortcomings", "causes", "next_steps", "reviewers_text")


def _clean(value) -> str:
    return nfc(str(value or "")).replace("\r\n", "\n").strip()


def _point_label(plan: Plan, spec_label: str, year: int) -> str:
    if plan.period_kind == Plan.PeriodKind.MULTI:
        return f"{spec_label} năm học {year}-{year + 1}"
    return spec_label


@transaction.atomic
def review_points_ensure(*, plan: Plan, actor=None) -> list[ReviewPoint]:
    """The regulation's default review points (Cuối học kỳ I, Cuối năm học) for every school year
    of the plan, created once on the plan's lineage; existing points are kept as they are."""
    root = plan.root
    existing = {(p.school_year, p.kind) for p in ReviewPoint.objects.filter(plan=root)}
    specs = rules.point_specs(plan.regulation)
    made = []
    for year in lineage.school_years(plan):
        dates = calendar.default_dates(plan.regulation, plan.school, year)
        for spec in specs:
            if (year, spec.kind) in existing:
                continue
            try:
                with transaction.atomic():
                    made.append(
                        ReviewPoint.objects.create(
                            plan=root,
                            school_year=year,
                            kind=spec.kind,
                            label=_point_label(plan, spec.label, year),
                            planned_date=dates[spec.kind],
                        )
                    )
            except IntegrityError:  # created meanwhile by another request
                continue
    if made:
        audit_record(
            actor=actor,
            action="review_point.create",
            obj=root,
            summary=f"Lập lịch giám sát nội bộ: {', '.join(p.label for p in made)}",
            changes={"points": [f"{p.label}: {p.planned_date:%d/%m/%Y}" for p in made]},
        )
    return list(ReviewPoint.objects.filter(plan=root).order_by("planned_date", "id"))


def _require_reviewable(plan: Plan) -> Plan:
    current = lineage.in_force(plan)
    if current is None:
        raise MonitoringError(
            "Kế hoạch chưa công khai nên chưa giám sát được. Hãy phê duyệt và công khai kế hoạch trước."
        )
    return current


def _school_year_of(plan: Plan, day: datetime.date) -> int:
    year = day.year if day.month >= 8 else day.year - 1
    years = lineage.school_years(plan)
    return min(max(year, years[0]), years[-1])


@transaction.atomic
def review_point_add(*, plan: Plan, actor, label: str, planned_date: datetime.date) -> ReviewPoint:
    """An extra review point (giám sát thêm), beyond the regulation's two a year."""
    _require_reviewable(plan)
    label = _clean(label)
    if not label:
        raise MonitoringError("Hãy đặt tên cho lần giám sát, ví dụ: Giữa học kỳ II.")
    if planned_date is None:
        raise MonitoringError("Hãy nhập ngày dự kiến giám sát dạng ngày/tháng/năm, ví dụ 15/03/2026.")
    point = ReviewPoint.objects.create(
        plan=plan.root,
        school_year=_school_year_of(plan, planned_date),
        kind=ReviewPoint.Kind.EXTRA,
        label=label[:120],
        planned_date=planned_date,
    )
    audit_record(
        actor=actor,
        action="review_point.create",
        obj=point,
        school=plan.school,
        summary=f"Thêm lần giám sát “{point.label}” ngày {planned_date:%d/%m/%Y}",
    )
    return point


@transaction.atomic
def review_point_update(
    *, point: ReviewPoint, actor, planned_date: datetime.date, label: str | None = None
) -> ReviewPoint:
    if planned_date is None:
        raise MonitoringError("Hãy nhập ngày dự kiến giám sát dạng ngày/tháng/năm, ví dụ 31/01/2026.")
    values = {"planned_date": planned_date}
    if label is not None and point.kind == ReviewPoint.Kind.EXTRA:
        if not _clean(label):
            raise MonitoringError("Tên lần giám sát đang trống.")
        values["label"] = _clean(label)[:120]
    changes = diff_fields(point, values)
    if changes:
        for k, v in values.items():
            setattr(point, k, v)
        point.save(update_fields=[*values, "updated_at"])
        audit_record(
            actor=actor,
            action="review_point.update",
            obj=point,
            school=point.plan.school,
            changes=changes,
            summary=f"Đổi lịch “{point.label}” sang {planned_date:%d/%m/%Y}",
        )
    return point


@transaction.atomic
def review_point_delete(*, point: ReviewPoint, actor) -> None:
    if point.kind != ReviewPoint.Kind.EXTRA:
        raise MonitoringError(
            "Lần giám sát theo quy định (cuối học kỳ I, cuối năm học) không xóa được; chỉ đổi được ngày."
        )
    if point.entries.exists() or point.recommendations.exists():
        raise MonitoringError("Lần giám sát này đã có kết quả ghi nhận nên không xóa được.")
    audit_record(
        actor=actor,
        action="review_point.delete",
        obj=point,
        school=point.plan.school,
        summary=f"Xóa lần giám sát “{point.label}”",
    )
    point.delete()


def _entry_values(regulation, raw: dict) -> dict:
    values = {f: _clean(raw.get(f, "")) for f in ENTRY_FIELDS if f in raw}
    if values.get("status"):
        allowed = rules.status_labels(regulation)
        match = next((v for v in allowed if v.casefold() == values["status"].casefold()), None)
        if match is None:
            raise MonitoringError(
                f"Mức độ thực hiện “{values['status']}” không có trong {regulation.label}. Hãy chọn một trong: "
                + ", ".join(allowed)
                + "."
            )
        values["status"] = match
    for name, limit in (("indicator_value", 200), ("indicator_target", 200), ("evidence_codes", 600)):
        if name in values and len(values[name]) > limit:
            raise MonitoringError(
                f"Ô “{ReviewEntry._meta.get_field(name).verbose_name}” dài quá {limit} ký tự."
            )
    return values


@transaction.atomic
def review_entries_save(*, point: ReviewPoint, actor, rows: list[dict]) -> tuple[int, list[EditConflict]]:
    """Save the review of several rows at once (the review page posts every row).

    Each row is {"item": PlanItem pk, "revision": the entry's revision when the page was read (None
    for a new entry), and the fields of ENTRY_FIELDS}. A row with nothing written is not recorded.
    A row someone else saved meanwhile is not overwritten: it comes back as an EditConflict, the
    others are saved. Returns (rows saved, conflicts)."""
    plan = _require_reviewable(point.plan)
    items = {i.pk: i for i in PlanItem.objects.filter(plan=plan, pk__in=[r.get("item") for r in rows])}
    cleaned = []
    for raw in rows:
        item = items.get(raw.get("item"))
        if item is None:
            raise MonitoringError(
                "Một dòng của trang này không còn trong kế hoạch đang áp dụng. Hãy tải lại trang."
            )
        cleaned.append((item, raw.get("revision"), _entry_values(plan.regulation, raw)))
    existing = {
        e.item_id: e for e in ReviewEntry.objects.select_for_update().filter(point=point, item__in=items)
    }
    conflicts, created, updated, changed_rows = [], [], [], []
    reviewer = actor if getattr(actor, "pk", None) else None
    for item, revision, values in cleaned:
        entry = existing.get(item.pk)
        if entry is None:
            if not (values.get("status") or values.get("result")):
                continue  # nothing recorded for this row yet
            if revision not in (None, ""):
                conflicts.append(
                    EditConflict(f"Dòng {item.order} vừa bị xóa kết quả. Hãy tải lại trang.", current=None)
                )
                continue
            created.append(ReviewEntry(point=point, item=item, reviewer=reviewer, **values))
            changed_rows.append(item.order)
            continue
        if revision not in (None, "") and int(revision) != entry.revision:
            conflicts.append(
                EditConflict(
                    f"Dòng {item.order}: người khác vừa lưu kết quả trước bạn. Phần của bạn ở dòng này chưa được lưu; "
                    "hãy xem giá trị họ đã lưu rồi nhập lại.",
                    current=entry,
                )
            )
            continue
        if not diff_fields(entry, values):
            continue
        for k, v in values.items():
            setattr(entry, k, v)
        entry.revision += 1
        entry.reviewer = reviewer or entry.reviewer
        entry.updated_at = timezone.now()
        updated.append(entry)
        changed_rows.append(item.order)
    # One statement each for new and changed rows: a 30-row review is saved in a fixed number of queries.
    ReviewEntry.objects.bulk_create(created)
    ReviewEntry.objects.bulk_update(updated, [*ENTRY_FIELDS, "revision", "reviewer", "updated_at"])
    saved = len(created) + len(updated)
    if saved:
        if point.recorded_on is None:
            point.recorded_on = timezone.localdate()
            point.save(update_fields=["recorded_on", "updated_at"])
        audit_record(
            actor=actor,
            action="review.entries",
            obj=point,
            school=plan.school,
            summary=f"Ghi kết quả giám sát “{point.label}”: {saved} dòng",
            changes={"rows": sorted(changed_rows)},
        )
    return saved, conflicts


@transaction.atomic
def review_update(*, point: ReviewPoint, actor, values: dict, revision: int | None = None) -> ReviewPoint:
    """The review's overall texts (judgement, strengths, shortcomings, causes, next steps, reviewers)
    and its date."""
    _require_reviewable(point.plan)
    current = ReviewPoint.objects.select_for_update().get(pk=point.pk)
    if revision is not None and int(revision) != current.revision:
        raise EditConflict(
            "Người khác vừa lưu phần đánh giá chung trước bạn. Hãy xem nội dung họ đã lưu, rồi nhập lại phần của bạn.",
            current=current,
        )
    new = {f: _clean(values[f]) for f in REVIEW_TEXT_FIELDS if f in values}
    if "reviewers_text" in new:
        new["reviewers_text"] = new["reviewers_text"][:300]
    if "recorded_on" in values:
        new["recorded_on"] = values["recorded_on"]
    changes = diff_fields(current, new)
    if changes:
        for k, v in new.items():
            setattr(current, k, v)
        if current.recorded_on is None:
            current.recorded_on = timezone.localdate()
        current.revision += 1
        current.updated_by = actor if getattr(actor, "pk", None) else None
        current.save()
        audit_record(
            actor=actor,
            action="review.update",
            obj=current,
            school=current.plan.school,
            changes=changes,
            summary=f"Ghi đánh giá chung “{current.label}”",
        )
    return current


@transaction.atomic
def recommendation_add(
    *,
    point: ReviewPoint,
    actor,
    text: str,
    addressee_kind: str,
    addressee: str = "",
    item: PlanItem | None = None,
) -> Recommendation:
    _require_reviewable(point.plan)
    text = _clean(text)
    if not text:
        raise MonitoringError("Kiến nghị đang trống. Hãy viết nội dung kiến nghị.")
    if addressee_kind not in Recommendation.Addressee.values:
        raise MonitoringError("Hãy chọn kiến nghị gửi tới ai (Hiệu trưởng, một tổ, cơ quan quản lý…).")
    addressee = _clean(addressee)[:200]
    if addressee_kind == Recommendation.Addressee.GROUP and not addressee:
        raise MonitoringError("Hãy ghi tên tổ hoặc bộ phận nhận kiến nghị, ví dụ: Tổ chuyên môn khối 4.")
    if item is not None and item.plan.root.pk != point.plan_id:
        raise MonitoringError("Dòng được nêu không thuộc kế hoạch này.")
    order = (point.recommendations.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    rec = Recommendation.objects.create(
        point=point,
        item=item,
        text=text,
        addressee_kind=addressee_kind,
        addressee=addressee,
        order=order,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="recommendation.create",
        obj=rec,
        school=point.plan.school,
        summary=f"Kiến nghị gửi {rec.addressed_to} (“{point.label}”)",
    )
    return rec


@transaction.atomic
def recommendation_delete(*, recommendation: Recommendation, actor) -> None:
    if recommendation.action:
        raise MonitoringError(
            "Kiến nghị đã được giao thành việc hoặc đã đề xuất lên cấp trên nên không xóa được."
        )
    audit_record(
        actor=actor,
        action="recommendation.delete",
        obj=recommendation,
        school=recommendation.point.plan.school,
        summary=f"Xóa kiến nghị: {recommendation.text[:120]}",
    )
    recommendation.delete()
