"""The checker's findings on a saved plan (the one entry point pages, API and workflow use)."""

from __future__ import annotations

from caitien.plans.models import Plan

# `reader` left out: the whole list, for the product's own decisions (workflow, counts).
INTERNAL = object()


def plan_findings(plan, items=None, *, reader=INTERNAL) -> list:
    """The checker's findings on the saved plan, with what its self-assessment knows. Read from
    the stored findings while the plan is unchanged (caitien.checks.stored); checked again otherwise.
    `items`: the plan's rows in order (select_related criterion), when the caller has them.
    Given the `reader` (a user, possibly anonymous) who will see them, only what that person may
    read: the findings quoting the self-assessment (its levels, its weaknesses) are left out for
    whoever may not read the self-assessment, such as the public reading a published plan."""
    from caitien.checks import run_checks
    from caitien.checks.stored import signature, stored_findings
    from caitien.plans.documents import check_context_for, plan_to_document

    document, context = plan_to_document(plan, items), check_context_for(plan)
    # Approval sets the number and the date: before it, only a wrongly written one is worth a remark.
    unset = {}
    if plan.status in (Plan.Status.DRAFT, Plan.Status.SUBMITTED):
        unset = {"document-number-format": not plan.document_number, "date-format": plan.date is None}

    def compute():
        return [f for f in run_checks(document, context=context) if not unset.get(f.rule)]

    findings = stored_findings(plan.pk, signature(document, context, unset), compute)
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
