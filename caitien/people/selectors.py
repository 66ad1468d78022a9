"""Reads of the staff directory: who a user is in a school, the school's people and groups."""

from __future__ import annotations

import re

from django.db.models import Prefetch, QuerySet

from caitien.people.models import Group, GroupMember, Person
from caitien.people.resolve import SchoolDirectory, normalize, resolve_responsibles
from caitien.plans.selectors import COMMON_ROLES
from caitien.schools.models import Membership
from caitien.text import fold


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


def inactive_count(school) -> int:
    return Person.objects.filter(school=school, active=False).count()


# --- who is responsible for rows ---------------------------------------------------------------


def understood(school, text: str, directory):
    """How a whole Chủ trì / Phối hợp cell is understood (for the line under the picker)."""
    return resolve_responsibles(school, text, directory=directory)


def plan_responsibles(school, items, directory) -> tuple[list[dict], list[dict]]:
    """Each row's lead and coordinator texts resolved, and the texts nobody was found for, once each
    with the rows that use them (in the order they first appear). No query: `directory` holds the
    school."""
    rows, unresolved = [], {}
    for item in items:
        lead = resolve_responsibles(school, item.lead_text, directory=directory)
        coordinators = resolve_responsibles(school, item.coordinators_text, directory=directory)
        rows.append({"item": item, "lead": lead, "coordinators": coordinators})
        for text in [*lead.unresolved, *coordinators.unresolved]:
            entry = unresolved.setdefault(normalize(text), {"text": text, "rows": []})
            if item.order not in entry["rows"]:
                entry["rows"].append(item.order)
    return rows, list(unresolved.values())


def mapping_targets(directory) -> dict:
    """What an unresolved text may be mapped to: the school's people, groups and positions."""
    positions = list(dict.fromkeys([*(p.position for p in directory.people if p.position), *COMMON_ROLES]))
    return {
        "people": [(f"person:{p.pk}", str(p)) for p in directory.people],
        "groups": [(f"group:{g.pk}", g.name) for g in directory.groups],
        "positions": [(f"position:{name}", name) for name in positions],
    }


PICKER_LIMIT = 8


def accounts_without_entry(school) -> list[tuple[str, str]]:
    """(name, position) of the school's accounts not yet in its directory, so a school that has not
    typed its staff list still gets its people offered in the picker."""
    found: dict[int, tuple[str, str]] = {}
    memberships = (
        Membership.objects.filter(school=school, user__person__isnull=True)
        .select_related("user")
        .order_by("user__full_name", "user__username")
    )
    for m in memberships:
        name, position = found.get(m.user_id, (m.user.display_name, ""))
        found[m.user_id] = (name, position or m.position)
    return list(found.values())


def picker_suggestions(directory, text: str, accounts: list[tuple[str, str]] = ()) -> list[dict]:
    """People, groups and positions matching the last piece of a Chủ trì / Phối hợp cell, what the
    piece resolves to first: "GVCN khối 5" offers the two homeroom teachers of grade 5, "ke t" offers
    "Kế toán" and the accountant, "ttcm" the subject team leaders."""
    piece = re.split(r"[,;\n+/]", text or "")[-1].strip(" -–*.:")
    if not piece:
        return []
    query, meaning = fold(piece), normalize(piece)
    named = resolve_responsibles(directory.school, piece, directory=directory)
    named_people = {p.pk for p in named.people}
    named_groups = {g.pk for g in named.groups}
    candidates = []
    for p in directory.people:
        label = f"{p.full_name} — {p.position}" if p.position else p.full_name
        candidates.append((p.pk in named_people, "Người", label, p.full_name))
    for name, position in accounts:
        candidates.append((False, "Người", f"{name} — {position}" if position else name, name))
    for g in directory.groups:
        candidates.append((g.pk in named_groups, "Tổ, nhóm", g.name, g.name))
    positions = dict.fromkeys([*(p.position for p in directory.people if p.position), *COMMON_ROLES])
    for position in positions:
        candidates.append((False, "Chức vụ", position, position))
    ranked = []
    for is_named, kind, label, value in candidates:
        if value == piece:
            continue
        folded = fold(label)
        if is_named:
            rank = 0
        elif folded.startswith(query) or (meaning and normalize(value).startswith(meaning)):
            rank = 1
        elif query in folded or (meaning and meaning in normalize(value)):
            rank = 2
        else:
            continue
        ranked.append((rank, kind != "Người", label, {"kind": kind, "label": label, "value": value}))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked[:PICKER_LIMIT]]


def responsibilities_of(person: Person, items, directory=None) -> list[tuple[object, str]]:
    """The rows among `items` that `person` leads or coordinates, as (item, "lead" | "coordinator"),
    by name, position or a group they belong to (the lead wins when both). For "Việc của tôi"."""
    directory = directory or SchoolDirectory.load(person.school)
    found = []
    for item in items:
        for role, text in (("lead", item.lead_text), ("coordinator", item.coordinators_text)):
            named = resolve_responsibles(person.school, text, directory=directory)
            if any(p.pk == person.pk for p in named.everyone()):
                found.append((item, role))
                break
    return found
