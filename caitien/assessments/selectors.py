"""Reads of self-assessments, for the pages, the plans and the checker."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef

from caitien.assessments import levels
from caitien.assessments.models import CriterionAssessment, IndicatorResult, SelfAssessment
from caitien.schools.models import User
from caitien.schools.permissions import AUTHORS


def criterion_levels(assessment: SelfAssessment) -> dict[str, int]:
    """{"1.1": 2, ...}: the level each criterion reached, as computed from its indicators."""
    return dict(assessment.criteria.values_list("criterion__code", "level_reached"))


def weak_criteria(assessment: SelfAssessment) -> list[dict]:
    """Criteria the next plan should take up: those with a weakness written or below the target
    level, in catalog order. Each: code, name, level (reached), weaknesses, mandatory."""
    target = assessment.target_level
    out = []
    for ca in _criteria(assessment):
        if ca.weaknesses.strip() or ca.level_reached < target:
            out.append(
                {
                    "code": ca.criterion.code,
                    "name": ca.criterion.name,
                    "level": ca.level_reached,
                    "weaknesses": ca.weaknesses,
                    "mandatory": ca.criterion.mandatory,
                }
            )
    return out


def _criteria(assessment):
    return assessment.criteria.select_related("criterion__standard").order_by(
        "criterion__standard__number", "criterion__position"
    )


def with_progress(queryset):
    """Criterion assessments annotated with `assessed` (any indicator answered) and `answered`."""
    answered = IndicatorResult.objects.filter(assessment=OuterRef("pk"))
    return queryset.annotate(assessed=Exists(answered), answered=Count("indicator_results"))


def unassessed_criteria(assessment: SelfAssessment, *, assignee=None):
    """Criteria with no indicator answered yet (optionally only those assigned to one person)."""
    qs = with_progress(_criteria(assessment)).filter(assessed=False)
    if assignee is not None:
        qs = qs.filter(assignees=assignee)
    return list(qs)


def assessment_overview(assessment: SelfAssessment) -> dict:
    """Everything the self-assessment page shows: standards with their criteria and levels."""
    reg = assessment.regulation.registry
    criteria = list(with_progress(_criteria(assessment)).prefetch_related("assignees"))
    standard_texts = {
        s.standard.number: s for s in assessment.standards.select_related("standard", "updated_by")
    }
    standards = []
    for std in reg.standards:
        rows = [ca for ca in criteria if ca.criterion.standard.number == std.number]
        standards.append(
            {
                "number": std.number,
                "name": std.name,
                "criteria": rows,
                "texts": standard_texts.get(std.number),
            }
        )
    done = sum(1 for ca in criteria if ca.assessed)
    return {
        "standards": standards,
        "total": len(criteria),
        "assessed": done,
        "school_level": assessment.school_level_reached,
        "school_level_label": levels.level_label(assessment.school_level_reached),
        "rules_text": reg.level_rules.get("description", ""),
        "level4_outside": reg.level_rules.get("kind") == "cumulative",
        "weak": weak_criteria(assessment),
    }


def criterion_page(ca: CriterionAssessment) -> dict:
    """One criterion: its indicators by level with the council's answers, and neighbours."""
    answers = dict(ca.indicator_results.values_list("indicator_id", "met"))
    by_level = []
    for ind in ca.criterion.indicators.order_by("level", "position"):
        if not by_level or by_level[-1]["level"] != ind.level:
            by_level.append({"level": ind.level, "indicators": []})
        by_level[-1]["indicators"].append(
            {"indicator": ind, "met": answers.get(ind.pk), "answered": ind.pk in answers}
        )
    ids = list(_criteria(ca.self_assessment).values_list("pk", flat=True))
    i = ids.index(ca.pk)
    return {
        "levels": by_level,
        "previous_pk": ids[i - 1] if i > 0 else None,
        "next_pk": ids[i + 1] if i + 1 < len(ids) else None,
        "position": i + 1,
        "total": len(ids),
    }


def assessments_of_school(school) -> list[SelfAssessment]:
    return list(
        SelfAssessment.objects.filter(school=school).select_related("regulation").order_by("-start_year")
    )


def latest_assessment(school) -> SelfAssessment | None:
    return (
        SelfAssessment.objects.filter(school=school)
        .select_related("regulation")
        .order_by("-start_year")
        .first()
    )


def possible_assignees(school) -> list:
    """People who can draft a criterion: the school's principal, vice-principals and council members."""
    return list(
        User.objects.filter(memberships__school=school, memberships__role__in=sorted(AUTHORS))
        .distinct()
        .order_by("full_name", "username")
    )
