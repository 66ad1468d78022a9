"""The office's demo: the demo Phòng has a dozen more schools in every state, escalations in every
state (one forwarded to the Sở), both offices' calendars, and a Sở specialist; run twice, nothing changes."""

import io

import pytest
from django.core.management import call_command

from caitien.escalations.models import Escalation
from caitien.offices import demo
from caitien.offices.models import OfficeCalendar
from caitien.plans.models import Plan
from caitien.schools.models import Office, School, User


@pytest.fixture
def built(db):
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_demo_phong_has_schools_in_every_state(built, client):
    phong = Office.objects.get(code="PGD-GODAU")
    generated = School.objects.filter(office=phong, short_code__startswith="GD")
    assert generated.count() == 12 and School.objects.filter(office=phong).count() == 15
    client.force_login(User.objects.get(username="chuyenvien"))
    r = client.get("/tong-quan/")
    lines = r.context["page"].object_list
    statuses = {line.plan_status for line in lines}
    assert statuses == {"none", "draft", "submitted", "approved", "published"}
    assert any(line.plan_status == "published" and line.plan_days_late for line in lines)
    assert any(line.plan_status == "published" and not line.late for line in lines)
    assert any(line.assessment_id is None for line in lines) and r.context["weak"]
    assert r.context["totals"]["escalations_open"] == 3
    assert "chuyenvien_so" in built and "gd_ht0001" in built


def test_escalations_in_every_state_and_the_so_sees_the_forwarded_one(built, client):
    assert set(Escalation.objects.values_list("state", flat=True)) == {
        "sent",
        "received",
        "forwarded",
        "resolved",
        "unresolvable",
    }
    forwarded = Escalation.objects.get(state="forwarded")
    assert forwarded.office.code == "SO-TAYNINH" and forwarded.forward_note
    assert client.login(username="chuyenvien_so", password="caitien123")
    queue = client.get("/de-xuat/co-quan/").content.decode()
    assert forwarded.title in queue and forwarded.forward_note in queue
    assert OfficeCalendar.objects.count() == 2


def test_running_the_demo_again_changes_nothing(built):
    counts = (School.objects.count(), Plan.objects.count(), Escalation.objects.count(), User.objects.count())
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert (
        School.objects.count(),
        Plan.objects.count(),
        Escalation.objects.count(),
        User.objects.count(),
    ) == counts
    assert "chuyenvien_so" in out.getvalue()
    assert [x.username for x in demo.logins()] == ["chuyenvien_so"]
