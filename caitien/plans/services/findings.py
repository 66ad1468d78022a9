"""The checker's findings on a saved plan (the one entry point pages, API and workflow use)."""

from __future__ import annotations

from caitien.plans.models import Plan


def plan_findings(plan, items=None) -> list:
    """The checker's findings on the saved plan, with what its self-assessment knows. Read from
    the stored findings while the plan is unchanged (caitien.checks.stored); checked again otherwise.
    `items`: the plan's rows in order (select_related criterion), when the caller has them."""
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

    return stored_findings(plan.pk, signature(document, context, unset), compute)
