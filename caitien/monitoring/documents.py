"""Saved reviews as documents: the results report (report.model.ReportDocument), its default texts,
and what the 57/2026 plan export takes from the reviews (section VI and column (10))."""

from __future__ import annotations

from collections import Counter

from caitien.monitoring import lineage, rules
from caitien.monitoring.models import ItemClosure, Recommendation, ResultsReport, ReviewEntry, ReviewPoint
from caitien.monitoring.report.model import ReportDocument, ReportRow, ReportSection
from caitien.planfile.model import Signer

SECTION_KEYS = (
    "intro",
    "overview",
    "strengths",
    "shortcomings",
    "causes",
    "recommendations",
    "directions",
    "closing",
)
MEANING_WORDS = {
    "done": "hoàn thành",
    "in_progress": "đang thực hiện",
    "not_started": "chưa thực hiện",
    "not_done": "chưa hoàn thành",
}


def period_phrase(point: ReviewPoint) -> str:
    year = f"năm học {point.school_year}-{point.school_year + 1}"
    if point.kind == ReviewPoint.Kind.SEMESTER_1:
        return f"học kỳ I {year}"
    if point.kind == ReviewPoint.Kind.YEAR_END:
        return year
    label = point.label[:1].lower() + point.label[1:]
    return label if "năm học" in label else f"{label} {year}"


def report_title(point: ReviewPoint) -> str:
    return f"Kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục {period_phrase(point)}"


def _directions_title(point: ReviewPoint) -> str:
    if point.kind == ReviewPoint.Kind.SEMESTER_1:
        return "PHƯƠNG HƯỚNG, NHIỆM VỤ HỌC KỲ II"
    if point.kind == ReviewPoint.Kind.YEAR_END:
        return f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC {point.school_year + 1}-{point.school_year + 2}"
    return "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"


def _day(d) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _entries(point: ReviewPoint, plan) -> dict[int, ReviewEntry]:
    return {e.item_id: e for e in ReviewEntry.objects.filter(point=point, item__plan=plan)}


def _closures(point: ReviewPoint, plan) -> dict[int, ItemClosure]:
    if point.kind != ReviewPoint.Kind.YEAR_END:
        return {}
    return {c.item_id: c for c in ItemClosure.objects.filter(item__plan=plan)}


def status_counts(point: ReviewPoint, plan) -> Counter:
    """How many rows the review put at each counted meaning (done, in_progress, …)."""
    found = Counter()
    for e in _entries(point, plan).values():
        meaning = rules.meaning_of(plan.regulation, e.status)
        if meaning:
            found[meaning] += 1
    return found


def default_sections(point: ReviewPoint, plan) -> dict[str, str]:
    """The report's texts as the review left them, for the principal to adjust."""
    school = plan.school_name or plan.school.name
    period = period_phrase(point)
    basis = f"Kế hoạch số {plan.document_number}" if plan.document_number else "Kế hoạch"
    if plan.date:
        basis += f" ngày {_day(plan.date)}"
    when = f" ngày {_day(point.recorded_on)}" if point.recorded_on else ""
    intro = (
        f"Thực hiện {basis} của {school} về cải tiến chất lượng giáo dục {plan.period_label}; căn cứ kết quả "
        f"giám sát nội bộ {point.label[:1].lower() + point.label[1:]}{when}, {school} báo cáo kết quả thực hiện "
        f"kế hoạch {period} như sau:"
    )
    total = plan.items.count()
    counts = status_counts(point, plan)
    parts = [f"{n} nội dung {MEANING_WORDS[m]}" for m, n in sorted(counts.items(), key=lambda x: -x[1])]
    overview = f"Kế hoạch có {total} nội dung cải tiến."
    if parts:
        overview += " Đến thời điểm giám sát: " + ", ".join(parts) + "."
    unreviewed = total - sum(counts.values())
    if unreviewed > 0:
        overview += f" Còn {unreviewed} nội dung chưa được đánh giá."
    if point.judgement:
        overview += "\n" + point.judgement
    recs = Recommendation.objects.filter(point=point).order_by("order", "id")
    return {
        "intro": intro,
        "overview": overview,
        "strengths": point.strengths,
        "shortcomings": point.shortcomings,
        "causes": point.causes,
        "recommendations": "\n".join(f"- Đối với {r.addressed_to}: {r.text}" for r in recs),
        "directions": point.next_steps or _unfinished_directions(point, plan),
        "closing": f"Trên đây là báo cáo kết quả thực hiện kế hoạch cải tiến chất lượng giáo dục {period} của {school}./.",
    }


def _unfinished_directions(point: ReviewPoint, plan) -> str:
    """Section IV when the review wrote no next steps: the rows still to finish, by their TT (a
    heading with nothing under it is what the rendered report showed before)."""
    entries, closures = _entries(point, plan), _closures(point, plan)
    left = []
    for n, item in enumerate(plan.items.order_by("order", "id"), start=1):
        closure, entry = closures.get(item.pk), entries.get(item.pk)
        if closure is not None:
            if not closure.achieved:
                left.append(n)
        elif entry is None or rules.meaning_of(plan.regulation, entry.status) != "done":
            left.append(n)
    if not left:
        return "Duy trì, phát huy kết quả các nội dung đã hoàn thành."
    which = "chưa đạt" if closures else "chưa hoàn thành"
    when = "trong năm học tiếp theo" if point.kind == ReviewPoint.Kind.YEAR_END else "trong kỳ tới"
    return f"Tiếp tục thực hiện {when} {len(left)} nội dung {which} (TT {', '.join(map(str, left))})."


def default_recipients(plan) -> list[str]:
    from caitien.plans.services import default_recipients as plan_recipients

    office = plan_recipients(plan.school)[0]
    return [office, "Hội đồng trường (để biết)", f"Lưu: VT, Tổ giám sát {plan.school.short_code}".strip()]


def report_rows(point: ReviewPoint, plan) -> list[ReportRow]:
    entries, closures = _entries(point, plan), _closures(point, plan)
    rows = []
    for n, item in enumerate(plan.items.order_by("order", "id"), start=1):
        entry, closure = entries.get(item.pk), closures.get(item.pk)
        content = item.issue or item.expected_result
        if item.criterion_code and not item.issue:
            content = f"Tiêu chí {item.criterion_code}: {content}"
        result = (closure.result if closure and closure.result else "") or (entry.result if entry else "")
        if entry and entry.indicator_value:
            figure = f"Chỉ số đạt: {entry.indicator_value}"
            if entry.indicator_target:
                figure += f" (cần đạt {entry.indicator_target})"
            result = f"{result}\n{figure}" if result else figure
        rows.append(
            ReportRow(
                order=n,
                content=content,
                result=result,
                evidence=entry.evidence_codes if entry else "",
                status=closure.label if closure else (entry.status if entry else "Chưa đánh giá"),
                cause=(closure.cause if closure else "") or (entry.cause if entry else ""),
            )
        )
    return rows


def _sections(point: ReviewPoint, texts: dict) -> list[ReportSection]:
    def part(n, title, key):
        body = (texts.get(key) or "").strip()
        return f"{n}. {title}\n{body}" if body else f"{n}. {title}\nKhông có."

    return [
        ReportSection(
            "I", "KẾT QUẢ THỰC HIỆN", "1. Tình hình chung\n" + texts.get("overview", ""), table=True
        ),
        ReportSection(
            "II",
            "ĐÁNH GIÁ CHUNG",
            "\n".join(
                [
                    part(1, "Ưu điểm", "strengths"),
                    part(2, "Hạn chế", "shortcomings"),
                    part(3, "Nguyên nhân của hạn chế", "causes"),
                ]
            ),
        ),
        ReportSection("III", "KIẾN NGHỊ, ĐỀ XUẤT", texts.get("recommendations") or "Không có kiến nghị."),
        ReportSection("IV", _directions_title(point), texts.get("directions") or ""),
    ]


def point_to_document(point: ReviewPoint, plan=None, report: ResultsReport | None = None) -> ReportDocument:
    """The results report of a review point: the saved report's texts and header when there is
    one, else the review's own texts (a draft with room for the number and the date)."""
    plan = plan or (report.plan if report else lineage.in_force(point.plan) or point.plan)
    texts = dict(default_sections(point, plan))
    if report is not None:
        texts.update({k: v for k, v in (report.sections or {}).items() if k in SECTION_KEYS})
    school = plan.school
    signer_title = (report.signer_title if report else "") or plan.signer_title or "HIỆU TRƯỞNG"
    signer_name = (report.signer_name if report else "") or plan.signer_name
    return ReportDocument(
        school=plan.school_name or school.name,
        governing_body=plan.governing_body or school.governing_body,
        school_level=school.level,
        regulation=plan.regulation.slug,
        document_number=(report.document_number if report else "") or None,
        place=(report.place if report else "") or plan.place or school.place,
        date=report.date.isoformat() if report and report.date else None,
        title=report.title if report else report_title(point),
        intro=texts.get("intro", ""),
        sections=_sections(point, texts),
        rows=report_rows(point, plan),
        closing_text=texts.get("closing", ""),
        recipients=list(report.recipients) if report and report.recipients else default_recipients(plan),
        signer=Signer(title=signer_title, name=signer_name),
        period={"start_year": point.school_year, "end_year": point.school_year + 1},
    )


# --- the plan's own export under 57/2026: section VI and column (10) from the recorded reviews ------------


def with_reviews(plan, doc):
    """Fill the plan document's monitoring table (section VI) and "Mức độ thực hiện" (column (10))
    from the recorded reviews, where the plan's form has them. Moments nobody recorded keep what the
    plan's authors wrote (or stay blank to fill in by hand)."""
    from caitien.planfile.model import MonitoringEntry

    form = plan.regulation.plan_form or {}
    has_table = any(s.get("key") == "monitoring" for s in form.get("sections", []))
    has_column = any(c.get("key") == "status" for c in form.get("columns", []))
    if not (has_table or has_column) or plan.status not in ("published", "superseded"):
        return doc
    points = list(ReviewPoint.objects.filter(plan_id=plan.root.pk).order_by("planned_date", "id"))
    if not points:
        return doc
    items = list(plan.items.order_by("order", "id").values_list("pk", flat=True))
    entries: dict[int, list[ReviewEntry]] = {}
    for e in ReviewEntry.objects.filter(point__in=points, item__plan=plan).select_related("item", "reviewer"):
        entries.setdefault(e.point_id, []).append(e)
    if has_column:
        latest = {}
        for p in points:  # in date order: the last review of a row wins
            for e in entries.get(p.pk, []):
                if e.status:
                    latest[e.item_id] = e.status
        for pk, item in zip(items, doc.items, strict=False):
            if pk in latest:
                item.status = latest[pk]
    if has_table:
        typed = {(m.moment or "").strip().casefold(): m for m in doc.monitoring}
        rows = []
        for p in points:
            mine = entries.get(p.pk, [])
            if not mine and not p.judgement:
                rows.append(typed.get(p.label.casefold()) or MonitoringEntry(moment=p.label))
                continue
            counts = Counter(rules.meaning_of(plan.regulation, e.status) for e in mine if e.status)
            summary = ", ".join(f"{n} nội dung {MEANING_WORDS[m]}" for m, n in counts.most_common() if m)
            when = f" ({_day(p.recorded_on)})" if p.recorded_on else ""
            adjustments = "\n".join(
                f"Nội dung {e.item.order}: {e.adjustment}"
                for e in sorted(mine, key=lambda e: e.item.order)
                if e.adjustment
            )
            reviewers = p.reviewers_text or ", ".join(
                sorted({e.reviewer.display_name for e in mine if e.reviewer})
            )
            rows.append(
                MonitoringEntry(
                    moment=f"{p.label}{when}",
                    content=f"Tiến độ, kết quả thực hiện {len(items)} nội dung cải tiến",
                    result="\n".join(
                        x
                        for x in (summary[:1].upper() + summary[1:] + "." if summary else "", p.judgement)
                        if x
                    ),
                    adjustment=adjustments,
                    assessor=reviewers,
                )
            )
        doc.monitoring = rows
    return doc
