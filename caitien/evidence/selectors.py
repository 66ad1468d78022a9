"""Reads of the evidence register: the register of a school year, the codes of plan rows, public items."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from django.db.models import Prefetch

from caitien.evidence.models import EvidenceCriterion, EvidenceFile, EvidenceItem, EvidenceRow


def codes_by_row(plan_root) -> dict[UUID, list[str]]:
    """The codes of the items linked to each row of the plan's lineage, in code order (one query)."""
    root = plan_root.root if hasattr(plan_root, "root") else plan_root
    result: dict[UUID, list[str]] = defaultdict(list)
    for key, code in (
        EvidenceRow.objects.filter(plan=root)
        .order_by("item_key", "item__code")
        .values_list("item_key", "item__code")
    ):
        result[key].append(code)
    return dict(result)


def items_by_row(plan_root) -> dict[UUID, list[EvidenceItem]]:
    root = plan_root.root if hasattr(plan_root, "root") else plan_root
    result: dict[UUID, list[EvidenceItem]] = defaultdict(list)
    links = EvidenceRow.objects.filter(plan=root).select_related("item").order_by("item__code")
    for link in links:
        result[link.item_key].append(link.item)
    return dict(result)


def register_items(school, school_year, *, public_only: bool = False):
    """The register of a year with criteria and files, in a fixed number of queries."""
    items = EvidenceItem.objects.filter(school=school, school_year=school_year).select_related("regulation")
    if public_only:
        items = items.filter(public=True)
    return items.prefetch_related(
        Prefetch(
            "criterion_links",
            queryset=EvidenceCriterion.objects.select_related("criterion__standard").order_by("order"),
        ),
        Prefetch("files", queryset=EvidenceFile.objects.order_by("uploaded_at", "id")),
    ).order_by("code", "id")


def school_years_of(school) -> list[int]:
    return list(
        EvidenceItem.objects.filter(school=school)
        .values_list("school_year", flat=True)
        .distinct()
        .order_by("-school_year")
    )


def public_evidence_for_plan(plan) -> list[EvidenceItem]:
    """Public items of the plan's school for the school years the plan covers, with their files."""
    years = list(range(plan.start_year, max(plan.end_year, plan.start_year + 1)))
    return list(
        EvidenceItem.objects.filter(school_id=plan.school_id, school_year__in=years, public=True)
        .prefetch_related(Prefetch("files", queryset=EvidenceFile.objects.order_by("uploaded_at", "id")))
        .order_by("school_year", "code")
    )


def codes_of_year(school, school_year) -> set[str]:
    return set(
        EvidenceItem.objects.filter(school=school, school_year=school_year).values_list("code", flat=True)
    )
