"""The plan's section texts, header fields and the small tables of the 57/2026 form."""

from __future__ import annotations

from django.db import transaction

from caitien.audit.services import audit_record, diff_fields
from caitien.plans import limits
from caitien.plans.models import Plan
from caitien.plans.services.errors import EditConflict, SectionInputError
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
    current = Plan.objects.select_for_update().select_related("regulation").get(pk=plan.pk)
    require_editable(current)
    _check_lengths(current, sections, header, {"priority_issues": priority_issues, "monitoring": monitoring})
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
        "standard": int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 4 else None,
        **{k: str(row.get(k) or "").strip() for k in ("criteria", "current_state", "limitation", "cause")},
    }


# --- workflow ---------------------------------------------------------------------------------------


def _check_lengths(plan: Plan, sections: dict | None, header: dict | None, tables: dict) -> None:
    """Refuses (SectionInputError) the first text past its limit, naming it, before anything is saved."""
    titles = {x["key"]: x for x in (plan.regulation.plan_form or {}).get("sections") or []}

    def check(label, text, limit, field):
        refusal = limits.too_long(label, str(text or "").strip(), limit)
        if refusal:
            raise SectionInputError(refusal, field=field)

    for key, text in (sections or {}).items():
        s = titles.get(key, {})
        label = f"Mục {s.get('number', '')}. {s.get('title', key)}".replace("Mục . ", "Mục ")
        check(label, text, limits.SECTION_LIMIT, f"section_{key}")
    for name, text in (header or {}).items():
        if name in limits.HEADER_LIMITS:
            label = (
                "Nơi nhận"
                if name == "recipients"
                else str(Plan._meta.get_field(name).verbose_name).capitalize()
            )
            text = "\n".join(text) if isinstance(text, list) else text
            check(label, text, limits.HEADER_LIMITS[name], name)
    for key, rows in tables.items():
        for n, row in enumerate(rows or [], start=1):
            for field, text in row.items():
                s = titles.get(key, {})
                label = f"Một ô ở dòng {n} của bảng “{s.get('title', key)}”"
                check(label, text, limits.SMALL_TABLE_CELL_LIMIT, f"{key}-{n - 1}-{field}")
