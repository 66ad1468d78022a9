"""What needs a person's attention now, per role; and the office overview of its schools."""

from __future__ import annotations

from django.utils import timezone

from caitien.assessments import levels
from caitien.assessments.models import SelfAssessment
from caitien.assessments.selectors import unassessed_criteria
from caitien.execution.models import Status
from caitien.execution.selectors.mine import my_work
from caitien.plans.models import Plan, PlanComment, PlanItem
from caitien.plans.services import plan_findings
from caitien.schools import permissions
from caitien.schools.models import Office, Role, School
from caitien.schools.permissions import PUBLIC_STATUSES

LIST_LIMIT = 8  # a home page lists a few, then links to the full list


def home_for(user) -> dict:
    """The home page's sections: one block per school the user belongs to, the office block for a
    specialist, and the admin block for a system administrator."""
    work = my_work(user, timezone.localdate())
    return {
        "schools": [school_block(user, s, work) for s in permissions.schools_of(user)],
        "offices": [office_block(o) for o in permissions.offices_of(user)],
        "is_admin": permissions.is_system_admin(user),
        "all_offices": list(Office.objects.order_by("name")) if permissions.is_system_admin(user) else [],
    }


def school_block(user, school, work=None) -> dict:
    roles = permissions.school_roles(user, school)
    plans = list(
        Plan.objects.filter(school=school).select_related("regulation").order_by("-start_year", "-version")
    )
    sa = latest_self_assessment(school)
    block = {
        "school": school,
        "roles": sorted(Role(r).label for r in roles),
        "assessment": sa,
        "published": [p for p in plans if p.status == Plan.Status.PUBLISHED],
    }
    if sa is not None:
        block["assessment_level"] = levels.level_label(sa.school_level_reached)
    if Role.PRINCIPAL in roles:
        block["awaiting_approval"] = [p for p in plans if p.status == Plan.Status.SUBMITTED]
        block["drafts_with_errors"] = drafts_with_errors([p for p in plans if p.status == Plan.Status.DRAFT])
    if roles & {Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.COUNCIL_MEMBER}:
        # Sent back by the principal: the reason stays on top until the plan is submitted again.
        block["returned"] = [p for p in plans if p.status == Plan.Status.DRAFT and p.return_reason]
    if roles & {Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.COUNCIL_MEMBER} and sa is not None:
        block["unassessed"] = unassessed_criteria(sa)
    if roles & {Role.VICE_PRINCIPAL, Role.COUNCIL_MEMBER}:
        block["drafts"] = [p for p in plans if p.status == Plan.Status.DRAFT]
        if sa is not None:
            block["assigned"] = unassessed_criteria(sa, assignee=user)
    if Role.MONITORING_MEMBER in roles:
        block["to_follow"] = block["published"]
    if Role.STAFF in roles or roles & {Role.VICE_PRINCIPAL, Role.COUNCIL_MEMBER, Role.MONITORING_MEMBER}:
        block["my_rows"] = list(
            PlanItem.objects.filter(
                plan__school=school,
                lead_people=user,
                plan__status__in=[Plan.Status.PUBLISHED, Plan.Status.APPROVED],
            )
            .select_related("plan")
            .order_by("plan__start_year", "order")[:50]
        )
    if work is not None and work.person is not None and work.person.school_id == school.pk:
        # The tasks given to this person in the plans being carried out, overdue first: the first
        # thing a teacher opens the site for.
        block["tasks"] = [t for t in work.tasks if t.task.status not in (Status.DONE, Status.NOT_DONE)]
        block["tasks_overdue"] = sum(1 for t in block["tasks"] if t.overdue)
    block["can_create_self_assessment"] = permissions.can_create_self_assessment(user, school)
    block["can_create_plan"] = permissions.can_create_plan(user, school)
    return block


def latest_self_assessment(school) -> SelfAssessment | None:
    return (
        SelfAssessment.objects.filter(school=school)
        .select_related("regulation")
        .order_by("-start_year")
        .first()
    )


def drafts_with_errors(drafts) -> list[dict]:
    """Draft plans and their count of checker errors (only those that have errors)."""
    out = []
    for plan in drafts:
        errors = checker_error_count(plan)
        if errors:
            out.append({"plan": plan, "errors": errors})
    return out


def checker_error_count(plan) -> int:
    """Errors the plan checker finds in a saved plan (the ones that block sending it for approval)."""
    return sum(1 for f in plan_findings(plan) if f.severity == "error")


def office_block(office) -> dict:
    """For a specialist's home: the office's schools with published and submitted plans, recent comments."""
    schools = list(School.objects.filter(office__in=office.covered_offices()).order_by("name"))
    plans = Plan.objects.filter(school__in=schools)
    with_published = set(plans.filter(status=Plan.Status.PUBLISHED).values_list("school_id", flat=True))
    return {
        "office": office,
        "school_count": len(schools),
        "published": plans.filter(status=Plan.Status.PUBLISHED).count(),
        "awaiting": plans.filter(status=Plan.Status.SUBMITTED).count(),
        "without_published": [s for s in schools if s.pk not in with_published],
        # Comments on drafts stay inside the school, like the drafts themselves.
        "comments": list(
            PlanComment.objects.filter(plan__school__in=schools, plan__status__in=PUBLIC_STATUSES)
            .select_related("plan__school", "author")
            .order_by("-created_at")[:LIST_LIMIT]
        ),
    }
