"""The checker's findings on a saved plan (the one entry point pages, API and workflow use)."""

from __future__ import annotations

from caitien.plans.models import Plan


def plan_findings(plan) -> list:
    """The checker's findings on the saved plan, with what its self-assessment knows."""
    from caitien.checks import run_checks
    from caitien.plans.documents import check_context_for, plan_to_document

    findings = run_checks(plan_to_document(plan), context=check_context_for(plan))
    if plan.status in (Plan.Status.DRAFT, Plan.Status.SUBMITTED):
        # Approval sets the number and the date: before it, only a wrongly written one is worth a remark.
        unset = {"document-number-format": not plan.document_number, "date-format": plan.date is None}
        findings = [f for f in findings if not unset.get(f.rule)]
    return list(findings)
