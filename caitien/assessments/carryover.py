"""Next year's self-assessment started from last year's, so the council updates instead of retyping:
every indicator result, every text (criteria and standards) and every evidence link is copied; the
levels come out the same until the council changes something. Evidence items keep their code and
year (an item of 2025-2026 stays MC.1.2.01 of 2025-2026)."""

from __future__ import annotations

from django.db import transaction

from caitien.assessments.models import (
    CriterionAssessment,
    CriterionEvidence,
    IndicatorResult,
    SelfAssessment,
    StandardAssessment,
)
from caitien.assessments.services import AssessmentError, self_assessment_create
from caitien.audit.services import audit_record

TEXTS = ("current_state", "strengths", "weaknesses", "improvement")


def _evidence_of_year(previous: SelfAssessment) -> dict[int, list[int]]:
    """{criterion id: evidence item ids} of the register of last year, for criteria whose
    self-assessment named no item itself."""
    from caitien.evidence.models import EvidenceCriterion

    out: dict[int, list[int]] = {}
    for criterion_id, item_id in (
        EvidenceCriterion.objects.filter(item__school=previous.school, item__school_year=previous.start_year)
        .order_by("item__code", "item_id")
        .values_list("criterion_id", "item_id")
    ):
        out.setdefault(criterion_id, []).append(item_id)
    return out


@transaction.atomic
def self_assessment_from_previous(
    *, previous: SelfAssessment, actor, start_year: int | None = None
) -> SelfAssessment:
    """A new self-assessment for the next school year, starting from `previous`."""
    start = int(start_year or previous.start_year + 1)
    if start <= previous.start_year:
        raise AssessmentError("Tự đánh giá mới phải của năm học sau năm học của bản cũ.")
    if previous.school.regulation_id != previous.regulation_id:
        raise AssessmentError(
            f"Trường đã chuyển sang {previous.school.regulation.label}; tiêu chí khác với {previous.regulation.label} "
            "nên không chép được kết quả cũ. Hãy tạo tự đánh giá mới."
        )
    new = self_assessment_create(
        school=previous.school, start_year=start, actor=actor, target_level=previous.target_level
    )
    old_rows = {
        ca.criterion_id: ca
        for ca in previous.criteria.prefetch_related("indicator_results", "evidence_links")
    }
    register = _evidence_of_year(previous)
    rows = list(new.criteria.all())
    results, links = [], []
    for ca in rows:
        old = old_rows.get(ca.criterion_id)
        if old is None:
            continue
        for name in TEXTS:
            setattr(ca, name, getattr(old, name))
        ca.level_reached = old.level_reached
        results.extend(
            IndicatorResult(assessment=ca, indicator_id=r.indicator_id, met=r.met)
            for r in old.indicator_results.all()
        )
        items = [link.item_id for link in old.evidence_links.all()] or register.get(ca.criterion_id, [])
        links.extend(
            CriterionEvidence(assessment=ca, item_id=item_id, order=n) for n, item_id in enumerate(items)
        )
    CriterionAssessment.objects.bulk_update(rows, [*TEXTS, "level_reached"])
    IndicatorResult.objects.bulk_create(results)
    CriterionEvidence.objects.bulk_create(links)
    old_standards = {s.standard_id: s for s in previous.standards.all()}
    standards = list(new.standards.all())
    for s in standards:
        old = old_standards.get(s.standard_id)
        if old is not None:
            s.strengths, s.weaknesses = old.strengths, old.weaknesses
    StandardAssessment.objects.bulk_update(standards, ["strengths", "weaknesses"])
    new.school_level_reached = previous.school_level_reached
    new.carried_from = previous
    new.save(update_fields=["school_level_reached", "carried_from", "updated_at"])
    audit_record(
        actor=actor,
        action="self_assessment.carry",
        obj=new,
        summary=f"Tạo tự đánh giá {new.cycle_label} từ tự đánh giá {previous.cycle_label}",
        changes={"criteria": len(rows), "indicator_results": len(results), "evidence_links": len(links)},
    )
    return new
