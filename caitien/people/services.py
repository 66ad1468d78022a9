"""Writes of the staff directory. Each change runs in its own transaction with its audit event.

Services check what forms cannot (a user account belongs to the school, a group of the same school);
they raise PeopleRefused with a Vietnamese message the page shows as it is.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from caitien.audit.services import audit_record, diff_fields
from caitien.people.models import Group, GroupMember, Person, ResponsibleMapping
from caitien.people.resolve import normalize
from caitien.text import nfc

PERSON_FIELDS = ("full_name", "position", "email", "phone", "order")


class PeopleRefused(ValueError):
    """A change the directory refuses; str(error) is the message for the person."""


def _clean(value: str) -> str:
    return " ".join(nfc(value or "").split())


def _check_user(school, user, person: Person | None = None) -> None:
    if user is None:
        return
    if not user.memberships.filter(school=school).exists():
        raise PeopleRefused(
            f"Tài khoản {user.display_name} không thuộc {school.name}: hãy chọn tài khoản của cán bộ trong trường."
        )
    taken = Person.objects.filter(user=user).exclude(pk=getattr(person, "pk", None)).first()
    if taken is not None:
        raise PeopleRefused(f"Tài khoản {user.display_name} đã gắn với {taken.full_name}.")


def _next_order(school) -> int:
    return (Person.objects.filter(school=school).aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def person_create(
    *,
    school,
    full_name: str,
    position: str = "",
    email: str = "",
    phone: str = "",
    user=None,
    order: int | None = None,
    actor=None,
) -> Person:
    full_name = _clean(full_name)
    if not full_name:
        raise PeopleRefused("Hãy ghi họ và tên.")
    _check_user(school, user)
    person = Person.objects.create(
        school=school,
        full_name=full_name,
        position=_clean(position),
        email=(email or "").strip(),
        phone=_clean(phone),
        user=user,
        order=order if order is not None else _next_order(school),
    )
    audit_record(
        actor=actor, action="person.create", obj=person, summary=f"Thêm {person} vào danh sách nhân sự"
    )
    return person


@transaction.atomic
def person_update(person: Person, *, actor=None, user=..., **values) -> Person:
    """Change the given fields (full_name, position, email, phone, order) and, when passed, the linked
    account (None unlinks it)."""
    unknown = set(values) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    cleaned = {k: (_clean(v) if isinstance(v, str) and k != "email" else v) for k, v in values.items()}
    if "email" in cleaned:
        cleaned["email"] = (cleaned["email"] or "").strip()
    if "full_name" in cleaned and not cleaned["full_name"]:
        raise PeopleRefused("Hãy ghi họ và tên.")
    if user is not ...:
        _check_user(person.school, user, person)
        cleaned["user"] = user
    changes = diff_fields(person, cleaned)
    for name, value in cleaned.items():
        setattr(person, name, value)
    person.save()
    if changes:
        audit_record(
            actor=actor, action="person.update", obj=person, summary=f"Sửa {person}", changes=changes
        )
    return person


@transaction.atomic
def person_set_active(person: Person, *, active: bool, actor=None) -> Person:
    """Deactivate someone who left (kept for the rows and tasks that name them) or bring them back."""
    if person.active == active:
        return person
    person.active = active
    person.save(update_fields=["active"])
    summary = f"{person.full_name} {'trở lại công tác' if active else 'thôi công tác'}"
    audit_record(
        actor=actor, action="person.activate" if active else "person.deactivate", obj=person, summary=summary
    )
    return person


def _check_group_name(school, name: str, group: Group | None = None) -> str:
    name = _clean(name)
    if not name:
        raise PeopleRefused("Hãy ghi tên tổ, nhóm.")
    same = Group.objects.filter(school=school, name__iexact=name).exclude(pk=getattr(group, "pk", None))
    if same.exists():
        raise PeopleRefused(f"Trường đã có “{name}”: hãy đặt tên khác hoặc sửa tổ, nhóm đó.")
    return name


@transaction.atomic
def group_create(*, school, name: str, kind: str, outside: bool | None = None, actor=None) -> Group:
    """A group; the parents' board (Ban đại diện CMHS) is outside the staff unless said otherwise."""
    name = _check_group_name(school, name)
    if kind not in Group.Kind.values:
        raise PeopleRefused("Loại tổ, nhóm không có trong danh sách.")
    if outside is None:
        outside = kind == Group.Kind.PARENTS
    group = Group.objects.create(school=school, name=name, kind=kind, outside=outside)
    audit_record(actor=actor, action="group.create", obj=group, summary=f"Thêm {group.name}")
    return group


@transaction.atomic
def group_update(group: Group, *, name: str, kind: str, outside: bool, actor=None) -> Group:
    values = {"name": _check_group_name(group.school, name, group), "kind": kind, "outside": outside}
    if kind not in Group.Kind.values:
        raise PeopleRefused("Loại tổ, nhóm không có trong danh sách.")
    changes = diff_fields(group, values)
    for key, value in values.items():
        setattr(group, key, value)
    group.save()
    if changes:
        audit_record(
            actor=actor, action="group.update", obj=group, summary=f"Sửa {group.name}", changes=changes
        )
    return group


@transaction.atomic
def group_delete(group: Group, *, actor=None) -> None:
    audit_record(actor=actor, action="group.delete", obj=group, summary=f"Xóa {group.name}")
    group.delete()


@transaction.atomic
def member_set(
    *, group: Group, person: Person, role: str = GroupMember.Role.MEMBER, actor=None
) -> GroupMember:
    """Put a person in a group with a role, or change their role there."""
    if person.school_id != group.school_id:
        raise PeopleRefused(f"{person.full_name} không thuộc trường của {group.name}.")
    if role not in GroupMember.Role.values:
        raise PeopleRefused("Vai trò trong tổ không có trong danh sách.")
    member, created = GroupMember.objects.get_or_create(group=group, person=person, defaults={"role": role})
    if not created and member.role != role:
        member.role = role
        member.save(update_fields=["role"])
    elif not created:
        return member
    audit_record(
        actor=actor,
        action="group.member",
        obj=group,
        summary=f"{person.full_name}: {member.get_role_display()} của {group.name}",
    )
    return member


@transaction.atomic
def member_remove(*, group: Group, person: Person, actor=None) -> None:
    deleted, _ = GroupMember.objects.filter(group=group, person=person).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="group.member_remove",
            obj=group,
            summary=f"{person.full_name} rời {group.name}",
        )


@transaction.atomic
def mapping_set(
    *, school, text: str, kind: str, person=None, group=None, position: str = "", actor=None
) -> ResponsibleMapping:
    """What a lead or coordinator text means in this school, from now on for every plan."""
    text = _clean(text)
    key = normalize(text)
    if not key:
        raise PeopleRefused("Cách ghi trống: không có gì để gán.")
    kinds = ResponsibleMapping.Kind
    if kind not in kinds.values:
        raise PeopleRefused(f"Hãy chọn “{text}” ứng với một người, một tổ, một chức vụ hay không ai cụ thể.")
    if kind == kinds.PERSON and (person is None or person.school_id != school.pk):
        raise PeopleRefused(f"Hãy chọn một người của trường cho “{text}”.")
    if kind == kinds.GROUP and (group is None or group.school_id != school.pk):
        raise PeopleRefused(f"Hãy chọn một tổ, nhóm của trường cho “{text}”.")
    if kind == kinds.POSITION and not _clean(position):
        raise PeopleRefused(f"Hãy chọn một chức vụ cho “{text}”.")
    values = {
        "text": text[:200],
        "kind": kind,
        "person": person if kind == kinds.PERSON else None,
        "group": group if kind == kinds.GROUP else None,
        "position": _clean(position) if kind == kinds.POSITION else "",
        "created_by": actor if getattr(actor, "pk", None) else None,
    }
    mapping, _ = ResponsibleMapping.objects.update_or_create(school=school, key=key[:200], defaults=values)
    target = mapping.person or mapping.group or mapping.position or mapping.get_kind_display()
    audit_record(actor=actor, action="people.mapping", obj=mapping, summary=f"“{text}” ứng với {target}")
    return mapping


@transaction.atomic
def mapping_delete(mapping: ResponsibleMapping, *, actor=None) -> None:
    audit_record(
        actor=actor, action="people.mapping_delete", obj=mapping, summary=f"Bỏ cách ghi “{mapping.text}”"
    )
    mapping.delete()
