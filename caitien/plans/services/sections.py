"""The plan's section texts, header fields and the small tables of the 57/2026 form."""

from __future__ import annotations

from django.db import transaction

from caitien.audit.services import audit_record, diff_fields
from caitien.plans.models import Plan
from caitien.plans.services.errors import EditConflict
from caitien.plans.services.rows import require_editable

SECTION_HEADER_FIELDS = (
    "title",
    "governing_body",
    "school_name",
    "place",
    "closing_text",
    "signer_title",
    "signer_name",
)


@transaction.atomic
def plan_update_sections(
    *,
    plan: Plan,
    actor,
    sections: dict | None = None,
    header: dict | None = None,
    revision: int | None = None,
    priority_issues: list | None = None,
    monitoring: list | None = None,
) -> Plan:
    """Saves the plan's section texts (keyed as the plan form's sections), header fields and the
    small tables of the 57/2026 form (priority issues, monitoring)."""
    current = Plan.objects.select_for_update().get(pk=plan.pk)
    require_editable(current)
    if revision is not None and int(revision) != current.revision:
        raise EditConflict(
            "Người khác vừa lưu phần này của kế hoạch trước bạn. Hãy xem nội dung họ đã lưu, "
            "rồi tải lại trang và nhập lại phần của bạn.",
            current=current,
        )
    new_values = {}
    if sections is not None:
        merged = dict(current.sections or {})
        merged.update({k: str(v).strip() for k, v in sections.items()})
        new_values["sections"] = merged
    for name in SECTION_HEADER_FIELDS:
        if header and name in header:
            new_values[name] = str(header[name] or "").strip()
    if priority_issues is not None:
        new_values["priority_issues"] = [_priority_issue(x) for x in priority_issues]
    if monitoring is not None:
        new_values["monitoring"] = [
            {
                k: str(x.get(k) or "").strip()
                for k in ("moment", "content", "result", "adjustment", "assessor")
            }
            for x in monitoring
        ]
    if header and "recipients" in header:
        recipients = header["recipients"]
        if isinstance(recipients, str):
            recipients = [r.strip(" -;") for r in recipients.splitlines() if r.strip(" -;")]
        new_values["recipients"] = list(recipients)
    changes = diff_fields(current, new_values)
    if changes:
        for name, value in new_values.items():
            setattr(current, name, value)
        current.revision += 1
        current.save()
        audit_record(
            actor=actor,
            action="plan.update",
            obj=current,
            changes=changes,
            summary=f"Sửa nội dung {current.title}",
        )
    plan.__dict__.update(
        {
            k: getattr(current, k)
            for k in (
                "revision",
                "sections",
                *SECTION_HEADER_FIELDS,
                "recipients",
                "priority_issues",
                "monitoring",
            )
        }
    )
    return current


def _priority_issue(row: dict) -> dict:
    raw = str(row.get("standard") or "").strip().removeprefix("Tiêu chuẩn").strip()
    return {
        "standard": int(raw) if raw.isdigit() else None,
        **{k: str(row.get(k) or "").strip() for k in ("criteria", "current_state", "limitation", "cause")},
    }


# --- workflow ---------------------------------------------------------------------------------------
