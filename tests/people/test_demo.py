"""The demo's staff directories: about 25 people in the primary school with positions and groups, the
demo users linked to their entry, and the demo plans' Chủ trì / Phối hợp texts understood."""

import io
import unicodedata

from django.core.management import call_command

from caitien.people.demo import people_demo_load
from caitien.people.models import Group, Person
from caitien.people.resolve import SchoolDirectory, resolve_responsibles
from caitien.people.selectors import person_for_user
from caitien.plans.models import PlanItem
from caitien.schools.models import School, User


def test_the_demo_schools_have_their_staff(db):
    call_command("demo", stdout=io.StringIO())
    primary = School.objects.get(short_code="THTP")
    people = Person.objects.filter(school=primary)
    assert 24 <= people.count() <= 30
    assert set(Group.objects.filter(school=primary).values_list("kind", flat=True)) == {
        "board",
        "office",
        "subject",
        "grade",
        "council",
        "monitoring",
        "parents",
        "other",
    }
    assert Group.objects.get(school=primary, kind="parents").outside
    for username in ("hieutruong", "phohieutruong", "hoidong", "giamsat", "giaovien"):
        user = User.objects.get(username=username)
        assert person_for_user(user, primary).full_name == user.full_name
    assert person_for_user(User.objects.get(username="hieutruong_mn"), School.objects.get(short_code="MNHM"))
    for person in Person.objects.all():
        assert unicodedata.is_normalized("NFC", person.full_name + person.position)

    # The demo plans' texts resolve; what is left is a handful for the principal to map.
    unresolved = set()
    for school in School.objects.filter(short_code__in=["THTP", "MNHM", "THCSBĐ"]):
        directory = SchoolDirectory.load(school)
        for item in PlanItem.objects.filter(plan__school=school):
            for text in (item.lead_text, item.coordinators_text):
                found = resolve_responsibles(school, text, directory=directory)
                unresolved.update(found.unresolved)
                assert found.people or found.groups or found.unresolved or not text.strip()
    assert unresolved and len(unresolved) <= 8, unresolved

    # Running again adds nobody.
    assert people_demo_load() == 0
    call_command("demo", stdout=io.StringIO())
    assert Person.objects.filter(school=primary).count() == people.count()
