"""What the forms offer: the school's people and its evidence register."""

from __future__ import annotations


def people_choices(school) -> list:
    try:  # the directory's own ordering and filters when the people app provides them
        from caitien.people.selectors import people_of_school

        return list(people_of_school(school))
    except ImportError:
        from caitien.people.models import Person

        return list(Person.objects.filter(school=school, active=True).order_by("order", "full_name"))


def evidence_choices(school) -> list:
    from caitien.evidence.models import EvidenceItem

    return list(EvidenceItem.objects.filter(school=school).order_by("-school_year", "code")[:300])
