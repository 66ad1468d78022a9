"""Reads of the staff directory: who a user is in a school, the school's people and groups."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from caitien.people.models import Group, GroupMember, Person


def person_for_user(user, school) -> Person | None:
    """The directory entry of a signed-in user in this school, or None (no entry, another school,
    anonymous). A person is linked to at most one user, so the answer is unique."""
    if school is None or not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(school=school, user=user).first()


def people_of_school(school, *, include_inactive: bool = False) -> QuerySet[Person]:
    """The school's people in directory order; those who left (inactive) only when asked."""
    found = Person.objects.filter(school=school).select_related("user")
    if not include_inactive:
        found = found.filter(active=True)
    return found


def groups_of_school(school) -> QuerySet[Group]:
    """The school's groups with their memberships and members, in three queries whatever their size."""
    memberships = GroupMember.objects.select_related("person").order_by("person__order", "person__full_name")
    return Group.objects.filter(school=school).prefetch_related(Prefetch("memberships", queryset=memberships))


def directory_page(school, *, include_inactive: bool = True) -> tuple[list[Person], list[Group]]:
    """People with their groups, and groups with their members, for the directory page: a fixed
    number of queries whatever the number of people."""
    memberships = GroupMember.objects.select_related("group").order_by("group__kind", "group__name")
    people = list(
        people_of_school(school, include_inactive=include_inactive).prefetch_related(
            Prefetch("group_memberships", queryset=memberships)
        )
    )
    return people, list(groups_of_school(school))


def positions_of_school(school) -> list[str]:
    """The distinct positions (chức vụ) written in the school's directory, in first-seen order."""
    seen: dict[str, None] = {}
    for position in people_of_school(school).exclude(position="").values_list("position", flat=True):
        seen.setdefault(position.strip(), None)
    return list(seen)
