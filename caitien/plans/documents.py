"""A saved plan as a plan document (caitien.planfile.model), and what the checker knows about it.

Writers print documents and the checker judges them, so both work on the saved plan through these
two functions and never read the database themselves.
"""

from __future__ import annotations

from caitien.planfile.model import Document, Item, MonitoringEntry, PriorityIssue, Signer, amount_from_dict


def item_to_document_item(item) -> Item:
    criterion = item.criterion_code or (item.criterion.code if item.criterion_id else None)
    return Item(
        criterion=criterion or None,
        level=item.level or None,
        expected_result=item.expected_result,
        solutions=item.solutions,
        lead=item.lead,
        time_text=item.time_text,
        start=item.start_month or None,
        end=item.end_month or None,
        budget_text=item.budget_text,
        budget_amounts=[amount_from_dict(a) for a in item.budget_amounts or [] if isinstance(a, dict)],
        support=item.support,
        notes=item.notes,
        issue=item.issue,
        standard=item.standard_number,
        indicator=item.indicator,
        expected_evidence=item.expected_evidence,
        status=item.status,
        coordinators=item.coordinators_text,
        funding_source=item.funding_source,
    )


def plan_to_document(plan) -> Document:
    school = plan.school
    regulation = plan.regulation
    items = list(plan.items.select_related("criterion").order_by("order", "id"))
    signer = (
        Signer(title=plan.signer_title, name=plan.signer_name)
        if (plan.signer_title or plan.signer_name)
        else None
    )
    doc = Document(
        source=plan.source_file,
        governing_body=plan.governing_body or school.governing_body or None,
        school=plan.school_name or school.name,
        school_level=school.level,
        circular=regulation.code,
        document_number=plan.document_number or None,
        place=plan.place or school.place or None,
        date=plan.date.isoformat() if plan.date else None,
        title=plan.title or None,
        period={"start_year": plan.start_year, "end_year": plan.end_year},
        items=[item_to_document_item(i) for i in items],
        signer=signer,
        recipients=list(plan.recipients or []),
        regulation=regulation.slug,
        sections={k: v for k, v in (plan.sections or {}).items() if isinstance(v, str)},
        closing_text=plan.closing_text,
        priority_issues=[PriorityIssue(**_known(PriorityIssue, x)) for x in plan.priority_issues or []],
        monitoring=[MonitoringEntry(**_known(MonitoringEntry, x)) for x in plan.monitoring or []],
    )
    # Under 57/2026 section VI and column (10) come from the monitoring team's recorded reviews.
    from caitien.monitoring.documents import with_reviews

    return with_reviews(plan, doc)


def check_context_for(plan):
    """What the checker may know beyond the document: the self-assessment's levels and weaknesses."""
    from caitien.checks import CheckContext

    levels, weaknesses, target = {}, {}, None
    assessment = plan.self_assessment
    if assessment is not None:
        from caitien.assessments.selectors import criterion_levels

        levels = dict(criterion_levels(assessment))
        target = assessment.target_level
        for ca in assessment.criteria.select_related("criterion"):
            if ca.weaknesses.strip():
                weaknesses[ca.criterion.code] = ca.weaknesses.strip()
    values = {"criterion_levels": levels, "weaknesses": weaknesses, "target_level": target, "saved": True}
    from caitien.execution.facts import execution_facts

    values["execution"] = execution_facts(plan)
    from caitien.evidence.selectors import register_for_checks

    values["evidence_register"] = register_for_checks(plan)
    return CheckContext(**_known(CheckContext, values))


def _known(cls, data: dict) -> dict:
    from dataclasses import fields, is_dataclass

    if is_dataclass(cls):
        names = {f.name for f in fields(cls)}
    else:  # a plain class: pass what its constructor names
        import inspect

        names = set(inspect.signature(cls).parameters)
    return {k: v for k, v in (data or {}).items() if k in names}
