"""The home page per role: what needs attention now."""

import pytest
from django.urls import reverse

from caitien.assessments import services as assessment_services
from caitien.people.models import Person
from caitien.plans.models import Plan, PlanComment, PlanItem
from caitien.plans.services import plan_create


def make_plan(cast, status, title, school=None):
    plan = plan_create(
        school=school or cast.primary, actor=cast.principal, start_year=2026, end_year=2027, title=title
    )
    Plan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()
    return plan


def home(client, user):
    client.force_login(user)
    r = client.get(reverse("home"))
    assert r.status_code == 200
    return r.content.decode()


@pytest.fixture
def sa(cast):
    return assessment_services.self_assessment_create(
        school=cast.primary, start_year=2026, actor=cast.principal
    )


def test_anonymous_goes_to_login(client, db):
    r = client.get(reverse("home"))
    assert r.status_code == 302 and reverse("login") in r["Location"]


def test_principal_sees_plans_to_approve_drafts_with_errors_and_unassessed_criteria(client, cast, sa):
    make_plan(cast, "submitted", "Kế hoạch chờ ký")
    make_plan(cast, "draft", "Dự thảo còn trống")
    body = home(client, cast.principal)
    assert "Kế hoạch chờ bạn phê duyệt" in body and "Kế hoạch chờ ký" in body
    submitted = Plan.objects.get(title="Kế hoạch chờ ký")
    assert f'href="{reverse("plans:detail", kwargs={"pk": submitted.pk})}"' in body
    assert "Dự thảo còn lỗi cần sửa" in body and "Dự thảo còn trống" in body and " lỗi</span>" in body
    assert "27 tiêu chí chưa đánh giá" in body and "Tiêu chí 1.1:" in body


def test_principal_without_self_assessment_is_offered_to_create_one(client, cast):
    body = home(client, cast.principal)
    assert "Trường chưa có tự đánh giá" in body and reverse("assessments:index") in body


def test_council_member_sees_assigned_criteria_and_drafts(client, cast, sa):
    ca = sa.criteria.get(criterion__code="2.3")
    assessment_services.criterion_assignees_set(assessment=ca, users=[cast.council], actor=cast.principal)
    make_plan(cast, "draft", "Dự thảo năm học mới")
    make_plan(cast, "submitted", "Kế hoạch chờ ký")
    body = home(client, cast.council)
    assert "Tiêu chí bạn được phân công, chưa đánh giá" in body and "Tiêu chí 2.3:" in body
    assert "Dự thảo kế hoạch đang soạn" in body and "Dự thảo năm học mới" in body
    assert "Kế hoạch chờ bạn phê duyệt" not in body  # only the principal signs


def test_assessed_criterion_leaves_the_assigned_list(client, cast, sa):
    ca = sa.criteria.get(criterion__code="2.3")
    assessment_services.criterion_assignees_set(assessment=ca, users=[cast.council], actor=cast.principal)
    assessment_services.indicator_result_set(
        assessment=ca, indicator=ca.criterion.indicators.first(), met=True, actor=cast.council
    )
    body = home(client, cast.council)
    assert "Tiêu chí bạn được phân công" not in body and "26 tiêu chí chưa đánh giá" in body


def test_vice_sees_drafts(client, cast):
    make_plan(cast, "draft", "Dự thảo của Phó Hiệu trưởng")
    assert "Dự thảo của Phó Hiệu trưởng" in home(client, cast.vice)


def test_monitor_sees_published_plans_to_follow_but_no_drafts(client, cast):
    make_plan(cast, "published", "Kế hoạch đã công khai 2026")
    make_plan(cast, "draft", "Dự thảo nội bộ")
    body = home(client, cast.monitor)
    assert "Kế hoạch đã công khai cần theo dõi" in body and "Kế hoạch đã công khai 2026" in body
    assert "Dự thảo nội bộ" not in body


def test_monitor_without_published_plan_is_told_so(client, cast):
    assert "chưa có kế hoạch nào được công khai" in home(client, cast.monitor)


def test_staff_sees_rows_they_lead_and_the_published_plan(client, cast):
    plan = make_plan(cast, "published", "Kế hoạch chung của trường")
    mine = PlanItem.objects.create(
        plan=plan,
        order=1,
        criterion_code="5.2",
        expected_result="Tổ chức chuyên đề đọc sách mỗi tháng",
        time_text="Tháng 10/2026",
    )
    mine.lead_people.add(cast.staff)
    PlanItem.objects.create(plan=plan, order=2, criterion_code="3.1", expected_result="Sửa mái phòng học")
    body = home(client, cast.staff)
    assert "Nội dung bạn chủ trì" in body and "Tổ chức chuyên đề đọc sách mỗi tháng" in body
    assert "Sửa mái phòng học" not in body
    assert "Kế hoạch chung của trường" in body
    assert "Tiêu chí bạn được phân công" not in body and "Dự thảo" not in body


def test_rows_of_a_draft_are_not_listed_to_staff(client, cast):
    plan = make_plan(cast, "draft", "Bản nháp")
    item = PlanItem.objects.create(plan=plan, order=1, expected_result="Việc chưa duyệt")
    item.lead_people.add(cast.staff)
    assert "Việc chưa duyệt" not in home(client, cast.staff)


def test_specialist_sees_office_counts_and_comments(client, cast):
    plan = make_plan(cast, "published", "Kế hoạch Hoà Bình")
    make_plan(cast, "submitted", "Chờ duyệt Lê Lợi", school=cast.secondary)
    make_plan(cast, "published", "Kế hoạch của Phòng khác", school=cast.other)
    PlanComment.objects.create(
        plan=plan, author=cast.specialist, text="Cần ghi rõ người chủ trì ở tiêu chí 5.2."
    )
    draft = make_plan(cast, "draft", "Dự thảo Hoà Bình")
    PlanComment.objects.create(plan=draft, author=cast.vice, text="Góp ý nội bộ cho dự thảo")
    body = home(client, cast.specialist)
    assert "Phòng Giáo dục và Đào tạo huyện Dầu Tiếng" in body
    assert (
        "3 trường · <strong>1</strong> kế hoạch đã công khai · <strong>1</strong> kế hoạch đang chờ" in body
    )
    assert "Trường chưa công khai kế hoạch" in body and "Trường THCS Lê Lợi" in body
    assert "Cần ghi rõ người chủ trì ở tiêu chí 5.2." in body
    assert "Góp ý nội bộ cho dự thảo" not in body
    assert reverse("dashboards:office_detail", args=[cast.phong.pk]) in body


def test_admin_sees_links_to_admin_and_catalog(client, cast):
    body = home(client, cast.admin)
    assert reverse("admin:index") in body and reverse("catalog:index") in body
    assert reverse("dashboards:office_detail", args=[cast.so.pk]) in body


def test_teacher_of_another_school_sees_only_their_school(client, cast):
    make_plan(cast, "published", "Kế hoạch Hoà Bình")
    body = home(client, cast.other_teacher)
    assert "Trường Tiểu học Lai Uyên" in body and "Kế hoạch Hoà Bình" not in body


def test_a_teacher_sees_the_tasks_given_to_them_overdue_first_and_not_the_finished_ones(client, cast):
    import datetime

    from caitien.execution import services as execution
    from caitien.execution.models import Task
    from tests.execution.conftest import rows_of
    from tests.monitoring.conftest import make_published
    from tests.plans.conftest import ROWS

    plan = make_published(cast, ROWS)
    teacher = Person.objects.create(
        school=cast.primary, full_name=cast.staff.display_name, position="Giáo viên", user=cast.staff
    )
    rows, today = rows_of(plan), datetime.date.today()

    def task(title, row, due_in_days, **fields):
        t = execution.task_create(
            plan=plan, item_key=rows[row].key, title=title, owner=teacher, actor=cast.principal
        )
        Task.objects.filter(pk=t.pk).update(due=today + datetime.timedelta(days=due_in_days), **fields)
        return t

    later = task("Chuẩn bị tiết dạy mẫu", 0, 60)
    late = task("Nộp biên bản sinh hoạt tổ", 1, -3)
    task("Việc đã làm xong", 0, -10, status="done", progress=100)
    body = home(client, cast.staff)
    assert "Việc được giao cho bạn" in body and "2 việc chưa xong" in body and "1 quá hạn" in body
    assert body.index("Nộp biên bản sinh hoạt tổ") < body.index("Chuẩn bị tiết dạy mẫu")
    assert (
        reverse("execution:task", args=[late.pk]) in body
        and reverse("execution:task", args=[later.pk]) in body
    )
    assert "Việc đã làm xong" not in body and reverse("execution:mine") in body
    # The published plan links to its progress, and the principal (no task of their own) sees no task list.
    assert reverse("execution:plan", args=[plan.pk]) in body
    assert "Việc được giao cho bạn" not in home(client, cast.principal)
