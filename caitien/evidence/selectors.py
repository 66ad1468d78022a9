"""Reads of the evidence register: the register of a school year, the codes of plan rows, public items."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
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


def register_regulation(school, school_year):
    """The regulation the year's register follows: that of its items, else the school's."""
    from caitien.catalog.models import Regulation

    first = (
        EvidenceItem.objects.filter(school=school, school_year=school_year)
        .order_by("id")
        .values_list("regulation_id", flat=True)
        .first()
    )
    if first is not None:
        return Regulation.objects.get(pk=first)
    return school.regulation


@dataclass
class CriterionGroup:
    criterion: object  # catalog Criterion, None for the school's general items
    items: list = field(default_factory=list)  # items whose code is of this criterion
    shared: list = field(default_factory=list)  # items of another criterion that also serve this one


@dataclass
class StandardGroup:
    standard: object
    criteria: list


def grouped_register(items, regulation) -> tuple[list[StandardGroup], CriterionGroup]:
    """The items under their standards and criteria (the first criterion holds the item, the others
    list it as shared), plus the general items that serve no criterion."""
    from caitien.catalog.models import Criterion

    criteria = list(
        Criterion.objects.filter(standard__regulation=regulation)
        .select_related("standard")
        .order_by("standard__number", "position")
    )
    groups = {c.pk: CriterionGroup(criterion=c) for c in criteria}
    general = CriterionGroup(criterion=None)
    for item in items:
        links = list(item.criterion_links.all())
        if not links or links[0].criterion_id not in groups:
            general.items.append(item)
        else:
            groups[links[0].criterion_id].items.append(item)
        for link in links[1:]:
            if link.criterion_id in groups:
                groups[link.criterion_id].shared.append(item)
    standards: dict[int, StandardGroup] = {}
    for criterion in criteria:
        standard = standards.setdefault(
            criterion.standard_id, StandardGroup(standard=criterion.standard, criteria=[])
        )
        standard.criteria.append(groups[criterion.pk])
    return list(standards.values()), general


def evidence_index(school, school_year=None, *, public_only: bool = False) -> dict[str, int]:
    """code → item id, for turning codes written in texts into links (one query). Without a year,
    every year of the school (the latest year's item wins a code written in several years)."""
    items = EvidenceItem.objects.filter(school=school)
    if school_year is not None:
        items = items.filter(school_year=school_year)
    if public_only:
        items = items.filter(public=True)
    return dict(items.order_by("school_year", "id").values_list("code", "id"))


def evidence_index_for_plan(plan, *, public_only: bool = False) -> dict[str, int]:
    years = list(range(plan.start_year, max(plan.end_year, plan.start_year + 1)))
    items = EvidenceItem.objects.filter(school_id=plan.school_id, school_year__in=years)
    if public_only:
        items = items.filter(public=True)
    return dict(items.order_by("school_year", "id").values_list("code", "id"))


def for_criterion_page(self_assessment, criterion) -> dict:
    """What the self-assessment criterion page shows of the register: the codes its texts may cite
    (as links) and the items serving the criterion, from the years the self-assessment covers."""
    years = list(
        range(self_assessment.start_year, max(self_assessment.end_year, self_assessment.start_year + 1))
    )
    items = list(
        EvidenceItem.objects.filter(
            school_id=self_assessment.school_id, school_year__in=years, criterion_links__criterion=criterion
        )
        .prefetch_related(Prefetch("files", queryset=EvidenceFile.objects.order_by("uploaded_at", "id")))
        .order_by("school_year", "code")
        .distinct()
    )
    index = dict(
        EvidenceItem.objects.filter(school_id=self_assessment.school_id, school_year__in=years)
        .order_by("school_year", "id")
        .values_list("code", "id")
    )
    return {"evidence_index": index, "criterion_evidence": items, "evidence_year": years[0]}


def register_json(school, school_year, *, public_only: bool = False) -> dict:
    """The register as the contract of `caitien evidence --json` and GET /api/schools/{code}/evidence."""
    from caitien.evidence import codes

    regulation = register_regulation(school, school_year)
    items = list(register_items(school, school_year, public_only=public_only))
    rows: dict[int, list[dict]] = defaultdict(list)
    for item_id, plan_id, key in EvidenceRow.objects.filter(item__in=[i.pk for i in items]).values_list(
        "item_id", "plan_id", "item_key"
    ):
        rows[item_id].append({"plan": plan_id, "item_key": str(key)})
    return {
        "school": school.short_code,
        "school_year": school_year,
        "regulation": regulation.slug,
        "code_format": codes.spec_for(regulation)["format"],
        "items": [
            {
                "code": item.code,
                "name": item.name,
                "number_date": item.number_date,
                "issued_on": item.issued_on.isoformat() if item.issued_on else None,
                "issuer": item.issuer,
                "location": item.location,
                "notes": item.notes,
                "public": item.public,
                "criteria": [link.criterion.code for link in item.criterion_links.all()],
                "files": [
                    {"name": f.original_name, "content_type": f.content_type, "size": f.size}
                    for f in item.files.all()
                ],
                "rows": [] if public_only else rows.get(item.pk, []),
            }
            for item in items
        ],
    }


def register_for_checks(plan) -> dict[str, list[tuple[str, str]]]:
    """The register of the plan's years for the checker: code -> [(name, number and date)]."""
    years = list(range(plan.start_year, max(plan.end_year, plan.start_year + 1)))
    register: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, name, number, issued in (
        EvidenceItem.objects.filter(school_id=plan.school_id, school_year__in=years)
        .order_by("school_year", "code")
        .values_list("code", "name", "number_date", "issued_on")
    ):
        register[code].append((name, number or (issued.strftime("%d/%m/%Y") if issued else "")))
    return dict(register)
