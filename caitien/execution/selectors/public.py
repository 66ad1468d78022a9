"""What the công khai page shows of execution: each row's status, nothing else (no tasks, names,
money or files)."""

from __future__ import annotations

from dataclasses import dataclass

from caitien.execution.derive import status_label
from caitien.execution.selectors.rows import row_views


@dataclass(frozen=True)
class PublicRow:
    index: int
    criterion: str
    status: str
    status_label: str
    evidence: tuple = ()  # public register items' codes, when the register says which are public


def public_statuses(plan, today=None) -> list[PublicRow]:
    if plan.status != "published":
        return []
    public_codes = _public_codes(plan)
    return [
        PublicRow(
            index=r.index,
            criterion=r.item.criterion_code,
            status=r.status,
            status_label=status_label(r.status),
            evidence=tuple(c for c in r.evidence if c in public_codes),
        )
        for r in row_views(plan, today)
    ]


def _public_codes(plan) -> set:
    from caitien.evidence.models import EvidenceItem

    return set(EvidenceItem.objects.filter(school=plan.school, public=True).values_list("code", flat=True))
