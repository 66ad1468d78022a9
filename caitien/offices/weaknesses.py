"""Common weaknesses across an office's schools: per criterion, how many schools stand below each
level in their latest self-assessment, how many rows of this year's plans address it, how many of
those are done. Where training or money is needed shows at the top."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F

from caitien.assessments.models import CriterionAssessment
from caitien.catalog.models import Criterion, Regulation


def weak_criteria(lines) -> list[dict]:
    """One entry per criterion assessed in the lines' latest self-assessments, most schools below
    their target level first. Each: regulation (code), regulation_slug, regulation_label, criterion
    (code), name, schools_assessed, schools_below (below the school's target level), below {1, 2, 3:
    schools below that level}, rows (this year's plan rows on it), rows_done, criterion_id."""
    assessments = [line.assessment_id for line in lines if line.assessment_id]
    if not assessments:
        return []
    found = defaultdict(lambda: {"assessed": 0, "below_target": 0, "below": {1: 0, 2: 0, 3: 0}})
    grouped = (
        CriterionAssessment.objects.filter(self_assessment_id__in=assessments)
        .order_by()
        .values_list("criterion_id", "level_reached", "self_assessment__target_level")
        .annotate(n=Count("pk"))
    )
    for criterion_id, level, target, n in grouped:
        entry = found[criterion_id]
        entry["assessed"] += n
        for k in (1, 2, 3):
            if level < k:
                entry["below"][k] += n
        if level < (target or 2):
            entry["below_target"] += n
    planned = defaultdict(int)
    for line in lines:
        for criterion_id, n in line.criteria_rows.items():
            planned[criterion_id] += n
    done = defaultdict(int)
    for line in lines:
        for criterion_id, n in line.criteria_done.items():
            done[criterion_id] += n
    criteria = Criterion.objects.filter(pk__in=list(found)).values_list(
        "pk",
        "code",
        "name",
        "position",
        "standard__number",
        "standard__regulation__slug",
        "standard__regulation__code",
        "standard__regulation__appendix",
    )
    out = []
    for pk, code, name, position, standard, slug, reg_code, appendix in criteria:
        entry = found[pk]
        out.append(
            {
                "regulation": f"{reg_code} {appendix}" if appendix else reg_code,
                "regulation_slug": slug,
                "regulation_label": Regulation(code=reg_code, appendix=appendix).label,
                "criterion": code,
                "criterion_id": pk,
                "name": name,
                "schools_assessed": entry["assessed"],
                "schools_below": entry["below_target"],
                "below": dict(entry["below"]),
                "rows": planned.get(pk, 0),
                "rows_done": done.get(pk, 0),
                "position": (standard, position),
            }
        )
    out.sort(key=lambda e: (-e["schools_below"], e["regulation_slug"], e["position"]))
    return out


def schools_below_target(lines, criterion_id: int) -> set[int]:
    """The schools among `lines` whose latest self-assessment has the criterion below their target."""
    assessments = [line.assessment_id for line in lines if line.assessment_id]
    return set(
        CriterionAssessment.objects.filter(
            self_assessment_id__in=assessments,
            criterion_id=criterion_id,
            level_reached__lt=F("self_assessment__target_level"),
        ).values_list("self_assessment__school_id", flat=True)
    )
