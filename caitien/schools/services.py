"""Writes for offices, schools and people. Each change is audited in its own transaction."""

from django.db import transaction

from caitien.audit.services import audit_record
from caitien.catalog.models import Regulation
from caitien.schools.models import Membership, Office, Role, School, User


@transaction.atomic
def office_create(
    *, name: str, kind: str, parent: Office | None = None, place: str = "", code: str = "", actor=None
) -> Office:
    """`code` is the office's short code (PGD-GODAU); when empty one is made from the kind and place."""
    office = Office.objects.create(
        name=name, kind=kind, parent=parent, place=place, code=code.strip().upper()
    )
    audit_record(actor=actor, action="office.create", obj=office, summary=f"Thêm cơ quan {name}")
    return office


@transaction.atomic
def school_create(
    *,
    name: str,
    level: str,
    office: Office,
    governing_body: str,
    place: str,
    short_code: str,
    regulation: Regulation,
    address: str = "",
    actor=None,
) -> School:
    school = School.objects.create(
        name=name,
        level=level,
        office=office,
        governing_body=governing_body,
        place=place,
        short_code=short_code,
        regulation=regulation,
        address=address,
    )
    audit_record(
        actor=actor, action="school.create", obj=school, school=school, summary=f"Thêm trường {name}"
    )
    return school


@transaction.atomic
def user_create(*, username: str, full_name: str, password: str, email: str = "", actor=None) -> User:
    user = User.objects.create_user(username=username, password=password, email=email, full_name=full_name)
    audit_record(
        actor=actor, action="user.create", obj=user, summary=f"Thêm người dùng {full_name}", school=None
    )
    return user


@transaction.atomic
def membership_add(
    *,
    user: User,
    role: str,
    school: School | None = None,
    office: Office | None = None,
    position: str = "",
    actor=None,
) -> Membership:
    m = Membership.objects.create(user=user, role=role, school=school, office=office, position=position)
    user.__dict__.pop("_caitien_memberships", None)
    audit_record(
        actor=actor,
        action="membership.create",
        obj=m,
        school=school,
        summary=f"Giao vai trò {Role(role).label} cho {user.display_name}",
    )
    return m
