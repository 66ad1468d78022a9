"""Reads for escalations: the office's queue and its totals, a school's list, and the rows whose
text asks a higher level for something (the suggestion to escalate them)."""

from __future__ import annotations

import re

from django.db.models import Count, Q, Sum

from caitien.escalations.models import Escalation
from caitien.plans.models import Plan, PlanItem
from caitien.text import fold

# What a row says when the school cannot solve it alone (matched without diacritics).
TRIGGERS = re.compile(
    r"\btham muu\b|\bde nghi\b|\bkien nghi(?: voi)? cap tren\b|\bde xuat(?: voi)? (?:ubnd|uy ban)\b"
)
# The first kind whose words the row uses; the order matters (land before buildings' equipment).
KIND_WORDS = (
    (
        Escalation.Kind.LAND,
        r"\bquy dat\b|\bdat dai\b|\bgiao (?:them )?dat\b|\bmo rong\b|\bxay (?:dung|moi)\b|\bkhuon vien\b",
    ),
    (
        Escalation.Kind.STAFFING,
        r"\bbien che\b|\bdinh muc\b|\bnhan su\b|\btuyen dung\b|\bthieu giao vien\b|\bgiao vien\b",
    ),
    (
        Escalation.Kind.EQUIPMENT,
        r"\bthiet bi\b|\bmay (?:chieu|tinh)\b|\bban ghe\b|\bco so vat chat\b|\bsua chua\b|\bphong hoc\b|\bchong tham\b",
    ),
    (Escalation.Kind.FUNDING, r"\bkinh phi\b|\bngan sach\b|\bbo tri von\b"),
    (Escalation.Kind.PROFESSIONAL, r"\bchuyen mon\b|\btap huan\b|\bboi duong\b"),
)
SUGGESTED_STATUSES = (Plan.Status.APPROVED, Plan.Status.PUBLISHED)


def _row_words(item) -> str:
    return fold(" ".join((item.solutions, item.issue, item.expected_result, item.support, item.notes)))


def suggestion_for(item) -> dict | None:
    """When the row's text asks a higher level ("tham mưu", "đề nghị", "kiến nghị cấp trên",
    "đề xuất UBND"): the escalation it suggests (kind, addressee, title, amount); else None."""
    words = _row_words(item)
    found = TRIGGERS.search(words)
    if not found:
        return None
    kind = next((k for k, pattern in KIND_WORDS if re.search(pattern, words)), Escalation.Kind.OTHER)
    if re.search(r"\bubnd\b|\buy ban\b", words):
        addressee = Escalation.Addressee.UBND
    elif re.search(r"\bso (?:gd|giao duc)", words):
        addressee = Escalation.Addressee.SO
    else:
        addressee = Escalation.Addressee.PHONG
    title = (item.expected_result or item.issue or item.solutions).strip()
    return {
        "kind": kind,
        "addressee": addressee,
        "title": title[:300],
        "amount_vnd": item.budget_total or None,
        "phrase": found.group(0),
    }


def suggested_rows(school) -> list[dict]:
    """Rows of the school's approved or published plans that ask a higher level for something and
    were not escalated yet, each with its suggestion."""
    items = (
        PlanItem.objects.filter(plan__school=school, plan__status__in=SUGGESTED_STATUSES)
        .filter(escalations__isnull=True)
        .select_related("plan")
        .order_by("-plan__start_year", "order")
    )
    out = []
    for item in items:
        s = suggestion_for(item)
        if s is not None:
            out.append({"item": item, **s})
    return out


def escalations_of_school(school):
    return Escalation.objects.filter(school=school).select_related("office", "item", "plan")


def office_queue(
    office, *, scope: str = "mine", state: str = "", kind: str = "", school_code: str = "", q: str = ""
):
    """The office's escalations. scope "mine": what the office holds or forwarded; "below": every
    escalation of the schools under the office (a Sở looking at its Phòng's queues, read only)."""
    if scope == "below":
        ids = [o.pk for o in office.covered_offices()]
        qs = Escalation.objects.filter(school__office__in=ids)
    else:
        qs = Escalation.objects.filter(Q(office=office) | Q(forwarded_from=office))
    if state == "open":
        qs = qs.filter(state__in=Escalation.OPEN_STATES)
    elif state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    if school_code:
        qs = qs.filter(school__short_code__iexact=school_code)
    qs = qs.select_related("school", "office", "forwarded_from", "school__office")
    if q:
        # Search without diacritics: an office holds hundreds of escalations, not millions; fold them here.
        needle = fold(q)
        rows = qs.values_list("pk", "title", "school__name")
        keep = [pk for pk, title, name in rows if needle in fold(f"{title} {name}")]
        qs = qs.filter(pk__in=keep)
    return qs


def queue_totals(qs) -> dict:
    """Counts and money of a queue: open, by kind, by state and the schools asking the most."""
    open_qs = qs.filter(state__in=Escalation.OPEN_STATES)
    labels = dict(Escalation.Kind.choices)
    by_kind = {
        row["kind"]: row
        for row in qs.order_by()
        .values("kind")
        .annotate(
            count=Count("pk"),
            amount=Sum("amount_vnd"),
            open=Count("pk", filter=Q(state__in=Escalation.OPEN_STATES)),
        )
    }
    by_state = dict(qs.order_by().values_list("state").annotate(n=Count("pk")))
    schools = list(
        qs.order_by()
        .values("school__name", "school__short_code")
        .annotate(count=Count("pk"), amount=Sum("amount_vnd"))
        .order_by("-count", "school__name")[:10]
    )
    aggregate = open_qs.aggregate(n=Count("pk"), amount=Sum("amount_vnd"))
    return {
        "open": aggregate["n"] or 0,
        "open_amount_vnd": aggregate["amount"] or 0,
        "by_kind": [
            {
                "kind": k,
                "label": labels[k],
                "count": by_kind.get(k, {}).get("count", 0),
                "open": by_kind.get(k, {}).get("open", 0),
                "amount_vnd": by_kind.get(k, {}).get("amount") or 0,
            }
            for k in Escalation.Kind.values
        ],
        "by_state": [
            {"state": s, "label": label, "count": by_state.get(s, 0)} for s, label in Escalation.State.choices
        ],
        "schools": schools,
        "total": sum(by_state.values()),
    }
