"""Writing audit events. Call inside the transaction of the change it records."""

from django.db import transaction

from caitien.audit.models import AuditEvent


def audit_record(
    *, actor, action: str, obj, summary: str = "", changes: dict | None = None, school=None
) -> AuditEvent:
    if not transaction.get_connection().in_atomic_block:
        # An event outside the change's transaction could survive a rolled-back change.
        raise RuntimeError("audit_record must run inside the transaction of the change")
    if school is None:
        school = getattr(obj, "school", None)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(getattr(actor, "display_name", "") or str(actor or "hệ thống"))[:150],
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk),
        school=school,
        summary=summary[:300],
        changes=_jsonable(changes or {}),
    )


def diff_fields(obj, new_values: dict) -> dict:
    """{"field": [old, new]} for the fields whose value changes."""
    out = {}
    for name, new in new_values.items():
        old = getattr(obj, name)
        if old != new:
            out[name] = [old, new]
    return out


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# The actions audit_access writes: attempts and refusals, not changes of the data.
ACCESS_ACTIONS = ("login", "login.failed", "login.locked", "logout", "password.change", "access.refused")


def audit_access(*, actor, action: str, summary: str = "", actor_name: str = "", object_id="") -> AuditEvent:
    """A security event (login, failed login, lockout, refusal): it records an attempt, not a change,
    so it is written in its own transaction and stays when the request's work is rolled back."""
    user = actor if getattr(actor, "pk", None) else None
    with transaction.atomic():
        return AuditEvent.objects.create(
            actor=user,
            actor_name=(actor_name or getattr(user, "display_name", "") or str(user or "khách"))[:150],
            action=action,
            object_type="user",
            object_id=str(object_id or getattr(user, "pk", "") or "")[:40],
            summary=summary[:300],
        )
