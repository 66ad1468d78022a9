"""The office calendar: deadlines typed as dd/mm/yyyy, a Phòng's dates before its Sở's, and the
reading other parts use (review_dates_for)."""

import datetime

import pytest

from caitien.audit.models import AuditEvent
from caitien.offices.selectors import review_dates_for
from caitien.offices.services import OfficeError, calendar_set
from caitien.schools.services import membership_add, user_create

URL = "/co-quan/lich/"


@pytest.fixture
def so_specialist(cast):
    user = user_create(username="so_specialist", full_name="Lý Thị Sương", password=cast.password)
    membership_add(user=user, role="office_specialist", office=cast.so)
    return user


def test_the_phong_sets_its_dates_typed_day_month_year(client, cast):
    client.force_login(cast.specialist)
    r = client.post(
        f"{URL}?nam=2025",
        {
            "plan_due": "15/10/2025",
            "mid_review_due": "20-1-2026",
            "final_review_due": "25.05.2026",
            "note": "Gửi sớm",
        },
    )
    assert r.status_code == 302
    dates = review_dates_for(cast.primary, 2025)
    assert (dates.plan_due, dates.mid_review_due, dates.final_review_due) == (
        datetime.date(2025, 10, 15),
        datetime.date(2026, 1, 20),
        datetime.date(2026, 5, 25),
    )
    assert dates.set_by["plan_due"] == cast.phong and dates.note == "Gửi sớm"
    assert AuditEvent.objects.filter(action="office_calendar.update").count() == 1
    page = client.get(f"{URL}?nam=2025").content.decode()
    assert 'value="15/10/2025"' in page and "novalidate" in page and 'type="date"' not in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("plan_due", "15/13/2025", "15/13/2025"),
        ("plan_due", "31/02/2026", "không có trong lịch"),
        ("mid_review_due", "mười lăm", "Chưa hiểu “mười lăm” là ngày nào"),
    ],
)
def test_a_wrong_date_is_explained_and_nothing_saved(client, cast, field, value, message):
    client.force_login(cast.specialist)
    r = client.post(f"{URL}?nam=2025", {field: value})
    assert r.status_code == 400 and message in r.content.decode()
    assert review_dates_for(cast.primary, 2025).plan_due is None


def test_dates_outside_the_school_year_or_in_the_wrong_order_are_refused(cast):
    with pytest.raises(OfficeError, match="nằm ngoài năm học 2025-2026"):
        calendar_set(
            office=cast.phong,
            school_year=2025,
            actor=cast.specialist,
            plan_due=datetime.date(2024, 10, 1),
            mid_review_due=None,
            final_review_due=None,
        )
    with pytest.raises(OfficeError, match="phải sau hạn giám sát cuối học kỳ I"):
        calendar_set(
            office=cast.phong,
            school_year=2025,
            actor=cast.specialist,
            plan_due=None,
            mid_review_due=datetime.date(2026, 5, 1),
            final_review_due=datetime.date(2026, 1, 1),
        )


def test_the_so_dates_reach_schools_whose_phong_left_them_empty(cast, so_specialist, client):
    calendar_set(
        office=cast.so,
        school_year=2025,
        actor=so_specialist,
        plan_due=datetime.date(2025, 10, 30),
        mid_review_due=datetime.date(2026, 1, 30),
        final_review_due=datetime.date(2026, 7, 30),
    )
    calendar_set(
        office=cast.phong,
        school_year=2025,
        actor=cast.specialist,
        plan_due=datetime.date(2025, 10, 15),
        mid_review_due=None,
        final_review_due=None,
    )
    mine = review_dates_for(cast.primary, 2025)
    assert mine.plan_due == datetime.date(2025, 10, 15) and mine.set_by["plan_due"] == cast.phong
    assert mine.mid_review_due == datetime.date(2026, 1, 30) and mine.set_by["mid_review_due"] == cast.so
    other = review_dates_for(cast.other, 2025)
    assert other.plan_due == datetime.date(2025, 10, 30)
    assert review_dates_for(cast.primary, 2026).plan_due is None  # another school year
    client.force_login(cast.specialist)
    page = client.get(f"{URL}?nam=2025").content.decode()
    assert "Hạn của cơ quan cấp trên" in page and "30/10/2025" in page


def test_only_the_office_specialists_set_its_calendar(client, cast, so_specialist):
    with pytest.raises(OfficeError, match="Chỉ chuyên viên của Sở"):
        calendar_set(
            office=cast.so,
            school_year=2025,
            actor=cast.specialist,
            plan_due=None,
            mid_review_due=None,
            final_review_due=None,
        )
    client.force_login(so_specialist)
    r = client.post(f"{URL}?co-quan={cast.phong.pk}&nam=2025", {"plan_due": "15/10/2025"})
    assert r.status_code == 403
    assert "Hạn đang áp dụng" in client.get(f"{URL}?co-quan={cast.phong.pk}&nam=2025").content.decode()
    client.force_login(cast.principal)
    assert client.get(URL).status_code == 403


def test_reminders_before_and_after_the_plan_deadline(cast):
    from caitien.notifications.models import Notification
    from caitien.notifications.reminders import remind
    from caitien.plans.models import Plan

    calendar_set(
        office=cast.phong,
        school_year=2025,
        actor=cast.specialist,
        plan_due=datetime.date(2025, 10, 15),
        mid_review_due=None,
        final_review_due=None,
    )
    Plan.objects.create(
        school=cast.preschool,
        regulation=cast.preschool.regulation,
        start_year=2025,
        end_year=2026,
        status="published",
    )
    remind(today=datetime.date(2025, 10, 1))  # 14 days before: nothing
    assert not Notification.objects.filter(kind__startswith="plan_").exists()
    remind(today=datetime.date(2025, 10, 10))
    remind(today=datetime.date(2025, 10, 11))  # the same reminder is not repeated
    soon = Notification.objects.filter(kind="plan_due_soon")
    # The principal and the vice-principal of Hoà Bình; Hoa Sen published, Lê Lợi has nobody in the cast.
    assert sorted(n.user.username for n in soon) == ["principal", "vice"]
    assert "Còn 5 ngày đến hạn công khai" in soon.first().subject
    remind(today=datetime.date(2025, 10, 20))
    late = Notification.objects.filter(kind="plan_overdue")
    assert late.count() == 2 and "đã quá hạn công khai (15/10/2025)" in late.first().subject
