"""Writes to self-assessments. Every change is audited in its own transaction."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from caitien.assessments import levels
from caitien.assessments.models import (
    CriterionAssessment,
    IndicatorResult,
    SelfAssessment,
    StandardAssessment,
)
from caitien.audit.services import audit_record, diff_fields
from caitien.catalog.models import Criterion, Standard
from caitien.text import nfc


class AssessmentError(ValueError):
    """A write that cannot be done, with a Vietnamese message for the person who asked."""


class EditConflict(AssessmentError):
    """Someone else saved the same texts since this form was opened."""

    def __init__(self, message: str, current):
        super().__init__(message)
        self.current = current


CONFLICT_MESSAGE = (
    "{who} vừa lưu nội dung này trong lúc bạn đang sửa, nên phần của bạn chưa được lưu. "
    "Hãy xem nội dung mới nhất bên dưới, chép lại phần bạn cần giữ rồi bấm Lưu lần nữa."
)


@transaction.atomic
def self_assessment_create(*, school, start_year: int, actor, target_level: int = 2) -> SelfAssessment:
    """One self-assessment per school and school year, under the school's current regulation, with a
    row for every criterion (and, for regulations that ask for it, every standard)."""
    regulation = school.regulation
    start_year = int(start_year)
    max_level = levels.max_criterion_level(regulation)
    if not 1 <= int(target_level) <= max_level:
        raise AssessmentError(f"Mức hướng tới phải từ 1 đến {max_level} theo {regulation.label}.")
    if SelfAssessment.objects.filter(school=school, start_year=start_year, regulation=regulation).exists():
        raise AssessmentError(
            f"{school.name} đã có tự đánh giá năm học {start_year}-{start_year + 1}. Hãy mở bản đó để tiếp tục."
        )
    try:
        with transaction.atomic():
            assessment = SelfAssessment.objects.create(
                school=school,
                regulation=regulation,
                start_year=start_year,
                end_year=start_year + 1,
                target_level=int(target_level),
                created_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError as exc:  # a second click racing the first
        raise AssessmentError(
            f"{school.name} đã có tự đánh giá năm học {start_year}-{start_year + 1}. Hãy mở bản đó để tiếp tục."
        ) from exc
    criteria = Criterion.objects.filter(standard__regulation=regulation).order_by(
        "standard__number", "position"
    )
    CriterionAssessment.objects.bulk_create(
        CriterionAssessment(self_assessment=assessment, criterion=c) for c in criteria
    )
    if _asks_standard_texts(regulation):
        StandardAssessment.objects.bulk_create(
            StandardAssessment(self_assessment=assessment, standard=s)
            for s in Standard.objects.filter(regulation=regulation).order_by("number")
        )
    audit_record(
        actor=actor,
        action="self_assessment.create",
        obj=assessment,
        summary=f"Tạo tự đánh giá {assessment.cycle_label}",
        changes={"regulation": regulation.slug, "target_level": assessment.target_level},
    )
    return assessment


def _asks_standard_texts(regulation) -> bool:
    """Thông tư 57/2026 asks for strengths and weaknesses per standard too."""
    return regulation.level_rules.get("kind") == "mandatory_plus"


@transaction.atomic
def indicator_result_set(
    *, assessment: CriterionAssessment, indicator, met: bool, actor
) -> CriterionAssessment:
    """Record one indicator as met or not, then recompute the criterion's and the school's levels."""
    if indicator.criterion_id != assessment.criterion_id:
        raise AssessmentError(
            "Chỉ báo này không thuộc tiêu chí đang đánh giá. Hãy tải lại trang rồi thử lại."
        )
    met = bool(met)
    # Two council members ticking at once: the school level is recomputed one after the other.
    SelfAssessment.objects.select_for_update().filter(pk=assessment.self_assessment_id).first()
    result, created = IndicatorResult.objects.get_or_create(
        assessment=assessment, indicator=indicator, defaults={"met": met}
    )
    changed = created or result.met != met
    if not created and changed:
        result.met = met
        result.save(update_fields=["met", "updated_at"])
    before = assessment.level_reached
    _recompute(assessment)
    if changed:
        audit_record(
            actor=actor,
            action="self_assessment.indicator",
            obj=assessment,
            school=assessment.self_assessment.school,
            summary=f"Tiêu chí {assessment.criterion.code}, Mức {indicator.level} {indicator.letter}: "
            f"{'Đạt' if met else 'Không đạt'}".replace("  ", " "),
            changes={
                "indicator": indicator.pk,
                "met": met,
                "level_reached": [before, assessment.level_reached],
            },
        )
    return assessment


def _recompute(assessment: CriterionAssessment) -> None:
    """The criterion's level from its indicator results, then the school's from all criteria."""
    reg = assessment.self_assessment.regulation.registry
    crit = reg.criterion(assessment.criterion.code)
    by_level: dict[int, list[bool]] = {}
    answers = {
        (r.indicator.level, r.indicator.position): r.met
        for r in assessment.indicator_results.select_related("indicator")
    }
    for level in crit.levels:
        by_level[level] = [answers.get((level, pos), False) for pos in range(len(crit.indicators_at(level)))]
    level = levels.criterion_level(by_level, crit)
    if level != assessment.level_reached:
        # updated_by stays the last author of the texts: the conflict message names them.
        assessment.level_reached = level
        assessment.save(update_fields=["level_reached", "updated_at"])
    sa = assessment.self_assessment
    by_code = dict(sa.criteria.values_list("criterion__code", "level_reached"))
    school = levels.school_level(by_code, reg)
    if school != sa.school_level_reached:
        sa.school_level_reached = school
        sa.save(update_fields=["school_level_reached", "updated_at"])


def _check_revision(obj, expected_revision) -> None:
    if expected_revision is None:
        return
    try:
        expected = int(expected_revision)
    except (TypeError, ValueError):
        expected = -1
    if expected != obj.revision:
        who = obj.updated_by.display_name if obj.updated_by_id else "Người khác"
        raise EditConflict(CONFLICT_MESSAGE.format(who=who), current=obj)


@transaction.atomic
def criterion_assessment_update(
    *,
    assessment: CriterionAssessment,
    actor,
    current_state: str,
    strengths: str,
    weaknesses: str,
    improvement: str | None = None,
    expected_revision=None,
) -> CriterionAssessment:
    """Save the council's texts for one criterion. With `expected_revision`, refuse to overwrite a
    newer save by someone else (EditConflict carries the saved version)."""
    locked = (
        CriterionAssessment.objects.select_for_update(of=("self",))
        .select_related("updated_by", "criterion")
        .get(pk=assessment.pk)
    )
    _check_revision(locked, expected_revision)
    values = {
        "current_state": _clean(current_state),
        "strengths": _clean(strengths),
        "weaknesses": _clean(weaknesses),
    }
    if improvement is not None:
        values["improvement"] = _clean(improvement)
    return _save_texts(
        locked,
        values,
        actor=actor,
        action="self_assessment.criterion",
        summary=f"Sửa nhận định tiêu chí {locked.criterion.code}",
    )


@transaction.atomic
def standard_assessment_update(
    *, assessment: StandardAssessment, actor, strengths: str, weaknesses: str, expected_revision=None
) -> StandardAssessment:
    """Strengths and weaknesses of one standard (Thông tư 57/2026), with the same conflict check."""
    locked = (
        StandardAssessment.objects.select_for_update(of=("self",))
        .select_related("updated_by", "standard")
        .get(pk=assessment.pk)
    )
    _check_revision(locked, expected_revision)
    values = {"strengths": _clean(strengths), "weaknesses": _clean(weaknesses)}
    return _save_texts(
        locked,
        values,
        actor=actor,
        action="self_assessment.standard",
        summary=f"Sửa nhận định tiêu chuẩn {locked.standard.number}",
    )


def _save_texts(locked, values: dict, *, actor, action: str, summary: str):
    """Write the changed texts of a locked criterion or standard assessment, bump its revision, audit."""
    changes = diff_fields(locked, values)
    if changes:
        for name, value in values.items():
            setattr(locked, name, value)
        locked.revision += 1
        locked.updated_by = actor if getattr(actor, "pk", None) else None
        locked.save()
        audit_record(
            actor=actor,
            action=action,
            obj=locked,
            school=locked.self_assessment.school,
            summary=summary,
            changes=changes,
        )
    return locked


@transaction.atomic
def criterion_assignees_set(*, assessment: CriterionAssessment, users, actor) -> CriterionAssessment:
    """Who drafts this criterion (shown on their home page)."""
    before = sorted(assessment.assignees.values_list("pk", flat=True))
    after = sorted({u.pk for u in users})
    if before != after:
        assessment.assignees.set(after)
        audit_record(
            actor=actor,
            action="self_assessment.assign",
            obj=assessment,
            school=assessment.self_assessment.school,
            summary=f"Phân công tiêu chí {assessment.criterion.code}",
            changes={"assignees": [before, after]},
        )
    return assessment


def _clean(text) -> str:
    return nfc(str(text or "")).replace("\r\n", "\n").strip()
