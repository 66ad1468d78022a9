"""The checker's findings on a saved plan (the one entry point pages, API and workflow use)."""

from __future__ import annotations

from caitien.plans.models import Plan

# `reader` left out: the whole list, for the product's own decisions (workflow, counts).
INTERNAL = object()


def plan_findings(plan, *, reader=INTERNAL) -> list:
    """The checker's findings on the saved plan, with what its self-assessment knows. Given the
    `reader` (a user, possibly anonymous) who will see them, only what that person may read: the
    findings quoting the self-assessment (its levels, its weaknesses) are left out for whoever may
    not read the self-assessment, such as the public reading a published plan."""
    from caitien.checks import run_checks
    from caitien.plans.documents import check_context_for, plan_to_document

    findings = run_checks(plan_to_document(plan), context=check_context_for(plan))
    if plan.status in (Plan.Status.DRAFT, Plan.Status.SUBMITTED):
        # Approval sets the number and the date: before it, only a wrongly written one is worth a remark.
        unset = {"document-number-format": not plan.document_number, "date-format": plan.date is None}
        findings = [f for f in findings if not unset.get(f.rule)]
    findings = list(findings)
    if reader is not INTERNAL:
        findings = readable_findings(reader, plan, findings)
    return findings


def readable_findings(reader, plan, findings) -> list:
    from caitien.checks.saved import RULES_FROM_SELF_ASSESSMENT
    from caitien.schools import permissions

    assessment = plan.self_assessment
    if assessment is not None and assessment.school_id == plan.school_id:
        assessment.school = plan.school  # already loaded: the permission asks it
    if assessment is None or permissions.can_view_self_assessment(reader, assessment):
        return list(findings)
    return [f for f in findings if f.rule not in RULES_FROM_SELF_ASSESSMENT]
