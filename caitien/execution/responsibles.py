"""Who leads (chủ trì) and coordinates (phối hợp) each row, as people of the school's directory.

The row names them in words ("Phó Hiệu trưởng", "Tổ chuyên môn 4-5", "Hoàng Thị Em"), which the staff
directory's resolver understands; the editor may also have linked users. The directory is loaded
once and each distinct text resolved once, so a page asks a fixed number of queries whatever the
number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from caitien.text import fold


@dataclass
class Leads:
    lead_users: set = field(default_factory=set)  # user ids
    coordinator_users: set = field(default_factory=set)

    @property
    def all_users(self) -> set:
        return self.lead_users | self.coordinator_users


class Directory:
    """The school's directory loaded once (caitien.people.resolve); `users_for(text)` → the user ids
    of the people a lead or coordinator text names (members of a group named count)."""

    def __init__(self, school):
        from caitien.people.resolve import SchoolDirectory

        self.school = school
        self.directory = SchoolDirectory.load(school)
        self._cache: dict[str, set] = {}

    def users_for(self, text: str) -> set:
        from caitien.people.resolve import resolve_responsibles

        key = fold(text)
        if not key:
            return set()
        if key not in self._cache:
            found = resolve_responsibles(self.school, text, directory=self.directory)
            self._cache[key] = {p.user_id for p in found.everyone() if p.user_id}
        return self._cache[key]


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
