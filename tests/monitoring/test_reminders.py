"""Review points remind: 14 days before, and once passed with nothing recorded."""

import datetime

from caitien.monitoring import services
from caitien.monitoring.models import ReviewPoint
from caitien.notifications.models import Notification
from caitien.notifications.reminders import remind


def test_a_published_plan_gets_its_points_and_reminders(published, cast, mailoutbox):
    """No one opened the monitoring page: the pass itself makes the points, then reminds of them."""
    result = remind(today=datetime.date(2026, 1, 20))
    assert ReviewPoint.objects.count() == 2
    assert result["reminders"]["by_kind"] == {"review_due_soon": 3}
    told = Notification.objects.filter(kind="review_due_soon")
    assert {n.user for n in told} == {cast.principal, cast.vice, cast.monitor}
    assert told[0].subject == "Còn 11 ngày đến lần giám sát nội bộ “Cuối học kỳ I” (31/01/2026)"
    again = remind(today=datetime.date(2026, 1, 21))
    assert again["reminders"]["new"] == 0 and again["reminders"]["existing"] == 3


def test_a_passed_point_without_a_record(published, cast):
    services.review_points_ensure(plan=published, actor=None)
    remind(today=datetime.date(2026, 2, 3))
    missed = Notification.objects.filter(kind="review_missed")
    assert missed.count() == 3
    assert missed[0].subject == "Đã hết học kỳ I, chưa ghi nhận lần giám sát nội bộ nào"
    assert missed[0].url == f"/giam-sat/{ReviewPoint.objects.get(kind='semester_1').pk}/"


def test_a_recorded_point_reminds_no_one(published, cast):
    services.review_points_ensure(plan=published, actor=None)
    point = ReviewPoint.objects.get(kind="semester_1")
    services.review_entries_save(
        point=point, actor=cast.monitor, rows=[{"item": published.items.first().pk, "status": "Hoàn thành"}]
    )
    assert remind(today=datetime.date(2026, 2, 3))["reminders"]["due"] == 0


def test_a_moved_date_reminds_again(published, cast):
    services.review_points_ensure(plan=published, actor=None)
    remind(today=datetime.date(2026, 1, 20))
    point = ReviewPoint.objects.get(kind="semester_1")
    services.review_point_update(point=point, actor=cast.principal, planned_date=datetime.date(2026, 2, 1))
    assert remind(today=datetime.date(2026, 1, 21))["reminders"]["new"] == 3
