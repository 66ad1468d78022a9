"""The solution library ("Trường khác đã làm gì"): for one criterion, what the rows of other schools'
published plans do about it — solutions, result indicators, leads — grouped when alike and ranked
by how many schools used them and how many of those rows were completed.

Published plans are public, so schools are named. Alike means sharing most of their words once
diacritics, case, punctuation and small function words are set aside (Jaccard similarity of the
word sets); the group shows its most frequent wording.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from caitien.plans.models import Plan, PlanItem
from caitien.text import fold

ALIKE = 0.5  # share of words two solutions must have in common to be one group
MAX_ROWS = 5000  # rows read for one criterion (a province has about a thousand)
STOP = set(
    "va cac cho cua theo moi de tu trong voi nhung duoc la co mot nhu tai ve khi sau truoc den nay do hoac "
    "tren duoi cung da se viec".split()
)
# The plan's own "mức độ thực hiện" column, when it says the row was completed.
DONE_WORDS = {"hoan thanh", "da hoan thanh", "dat"}
# Other parts tell which rows are done: f(item ids) -> set of item ids.
DONE_ITEMS: list = []


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", fold(text)) if len(w) > 1 and w not in STOP)


def alike(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class Group:
    text: str  # the most frequent wording
    words: frozenset
    rows: list = field(
        default_factory=list
    )  # (item id, school id, school name, solutions, indicator, lead, done)
    variants: Counter = field(default_factory=Counter)

    @property
    def schools(self) -> list[str]:
        seen = {}
        for _pk, school_id, name, *_rest in self.rows:
            seen.setdefault(school_id, name)
        return list(seen.values())

    @property
    def school_count(self) -> int:
        return len({r[1] for r in self.rows})

    @property
    def done_schools(self) -> int:
        return len({r[1] for r in self.rows if r[6]})

    @property
    def done_rows(self) -> int:
        return sum(1 for r in self.rows if r[6])

    @property
    def indicators(self) -> list[str]:
        return [t for t, _n in Counter(r[4] for r in self.rows if r[4].strip()).most_common(3)]

    @property
    def leads(self) -> list[str]:
        return [t for t, _n in Counter(r[5] for r in self.rows if r[5].strip()).most_common(3)]

    @property
    def wordings(self) -> list[tuple[str, int]]:
        return self.variants.most_common()

    @property
    def vals_json(self) -> str:
        """What the editor's "use" button sends (htmx hx-vals)."""
        return json.dumps(
            {"solution": self.text, "indicator": (self.indicators or [""])[0]}, ensure_ascii=False
        )

    def matches(self, needle: str) -> bool:
        haystack = fold(" ".join([self.text, *self.variants, *self.indicators, *self.leads, *self.schools]))
        return needle in haystack


def library(criterion, *, exclude_school=None, q: str = "", limit: int = 20) -> list[Group]:
    """The groups of solutions other schools published for `criterion` (a catalog Criterion),
    best first; `q` keeps those whose texts contain it (without diacritics)."""
    rows = (
        PlanItem.objects.filter(criterion=criterion, plan__status=Plan.Status.PUBLISHED)
        .exclude(solutions="")
        .order_by("-plan__start_year", "pk")
        .values_list(
            "pk", "plan__school_id", "plan__school__name", "solutions", "indicator", "lead_text", "status"
        )
    )
    if exclude_school is not None:
        rows = rows.exclude(plan__school=exclude_school)
    rows = list(rows[:MAX_ROWS])
    done = set()
    for f in DONE_ITEMS:
        done |= f([r[0] for r in rows])
    counted = Counter(r[3].strip() for r in rows)
    groups: list[Group] = []
    group_of: dict[str, Group] = {}
    # Group the distinct wordings (most used first), then hang every row on its wording's group.
    for text, _n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])):
        own = words(text)
        home = next((g for g in groups if alike(own, g.words) >= ALIKE), None)
        if home is None:
            home = Group(text=text, words=own)
            groups.append(home)
        group_of[text] = home
    for pk, school_id, name, solutions, indicator, lead, status in rows:
        home = group_of[solutions.strip()]
        is_done = pk in done or fold(status) in DONE_WORDS
        home.rows.append((pk, school_id, name, solutions, indicator, lead, is_done))
        home.variants[solutions.strip()] += 1
    if q:
        needle = fold(q)
        groups = [g for g in groups if g.matches(needle)]
    groups.sort(key=lambda g: (-g.school_count, -g.done_schools, -len(g.rows), g.text))
    return groups[:limit]
