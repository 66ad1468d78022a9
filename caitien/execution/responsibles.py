"""Who leads (chủ trì) and coordinates (phối hợp) each row, as people of the school's directory.

The row names them in words ("Phó Hiệu trưởng", "Tổ chuyên môn 4-5", "Hoàng Thị Em"); the editor may
also have linked users. Resolution is done once per distinct text of the plan, with the directory
loaded once, so a page asks a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from caitien.text import fold

_SEPARATORS = re.compile(r"[,;/+\n]|\bva\b|\bcung\b")


@dataclass
class Leads:
    lead_users: set = field(default_factory=set)  # user ids
    coordinator_users: set = field(default_factory=set)

    @property
    def all_users(self) -> set:
        return self.lead_users | self.coordinator_users


class Directory:
    """The school's people and groups, loaded once; `users_for(text)` → user ids named by the text."""

    def __init__(self, school):
        from caitien.people.models import GroupMember, Person

        self.people = list(
            Person.objects.filter(school=school, active=True).only("full_name", "position", "user_id")
        )
        self.groups: dict[str, set] = {}
        for name, user_id in GroupMember.objects.filter(
            group__school=school, person__active=True
        ).values_list("group__name", "person__user_id"):
            self.groups.setdefault(fold(name), set()).add(user_id)
        self._cache: dict[str, set] = {}

    def users_for(self, text: str) -> set:
        key = fold(text)
        if key not in self._cache:
            self._cache[key] = {u for u in self._resolve(key) if u}
        return self._cache[key]

    def _resolve(self, folded: str) -> set:
        found = set()
        for phrase in (p.strip(" .-") for p in _SEPARATORS.split(folded)):
            if not phrase:
                continue
            for person in self.people:
                name, position = fold(person.full_name), fold(person.position)
                if phrase == name or (position and phrase == position):
                    found.add(person.user_id)
            for group, members in self.groups.items():
                if phrase == group or (len(phrase) > 4 and phrase in group):
                    found |= members
        return found


def leads_by_row(items, school) -> dict:
    """{row key: Leads} for the rows given (with lead_people/coordinator_people prefetched)."""
    directory = Directory(school)
    out = {}
    for item in items:
        leads = Leads(
            lead_users={u.pk for u in item.lead_people.all()} | directory.users_for(item.lead_text),
            coordinator_users={u.pk for u in item.coordinator_people.all()}
            | directory.users_for(item.coordinators_text),
        )
        out[item.key] = leads
    return out


def row_leads(item) -> Leads:
    """The leads of one row (a permission check on one row or one task)."""
    cached = getattr(item, "_caitien_leads", None)
    if cached is None:
        cached = leads_by_row([item], item.plan.school)[item.key]
        item._caitien_leads = cached
    return cached
