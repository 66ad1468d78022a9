"""The audit log and the schools in the admin: the log is read-only; admin edits are logged."""

import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from caitien.audit.models import AuditEvent
from caitien.audit.services import audit_record
from caitien.schools.models import Membership, Role, School


@pytest.fixture
def admin_client(client, cast):
    cast.admin.is_staff = cast.admin.is_superuser = True
    cast.admin.save()
    client.force_login(cast.admin)
    return client


def test_the_log_lists_and_filters_events(admin_client, cast):
    with transaction.atomic():
        audit_record(
            actor=cast.principal, action="plan.publish", obj=cast.primary, summary="Công khai kế hoạch"
        )
    url = reverse("admin:audit_auditevent_changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Công khai kế hoạch" in html and "trường" in html
    by_action = admin_client.get(url, {"action": "plan.publish"}).context["cl"].result_list
    assert [e.action for e in by_action] == ["plan.publish"]
    by_school = admin_client.get(url, {"school__id__exact": cast.other.pk}).context["cl"].result_list
    assert {e.school_id for e in by_school} == {cast.other.pk}
    today = timezone.localtime(by_action[0].created_at)
    by_day = (
        admin_client.get(
            url,
            {"created_at__day": today.day, "created_at__month": today.month, "created_at__year": today.year},
        )
        .context["cl"]
        .result_list
    )
    assert len(by_day) == AuditEvent.objects.count()


def test_nobody_adds_changes_or_deletes_events(admin_client, cast):
    event = AuditEvent.objects.first()
    assert admin_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    page = admin_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    admin_client.post(reverse("admin:audit_auditevent_change", args=[event.pk]), {"summary": "Sửa lịch sử"})
    assert (
        admin_client.post(
            reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    event.refresh_from_db()
    assert event.summary != "Sửa lịch sử"
    changelist = admin_client.get(reverse("admin:audit_auditevent_changelist")).content.decode()
    assert "delete_selected" not in changelist


def test_a_school_changed_in_the_admin_is_logged(admin_client, cast):
    school = cast.preschool
    url = reverse("admin:schools_school_change", args=[school.pk])
    data = {
        "name": school.name,
        "level": school.level,
        "office": school.office_id,
        "governing_body": school.governing_body,
        "place": "Thị trấn Dầu Tiếng",
        "address": "",
        "short_code": school.short_code,
        "regulation": school.regulation_id,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="school.update", object_id=str(school.pk))
    assert event.actor == cast.admin and event.school == school
    assert event.changes == {"place": ["Định Thành", "Thị trấn Dầu Tiếng"]}


def test_a_user_page_has_the_full_name_and_the_roles(admin_client, cast):
    html = admin_client.get(reverse("admin:schools_user_change", args=[cast.principal.pk])).content.decode()
    assert 'name="full_name"' in html and "Nguyễn Văn An" in html
    assert 'name="memberships-0-role"' in html
    listing = admin_client.get(reverse("admin:schools_user_changelist")).content.decode()
    assert "Hiệu trưởng (Chủ tịch Hội đồng tự đánh giá) (Trường Tiểu học Hoà Bình)" in listing


def test_a_role_added_in_the_admin_is_logged(admin_client, cast):
    response = admin_client.post(
        reverse("admin:schools_membership_add"),
        {
            "user": cast.other_teacher.pk,
            "role": Role.COUNCIL_MEMBER,
            "school": cast.other.pk,
            "position": "Tổ trưởng",
        },
    )
    assert response.status_code == 302
    m = Membership.objects.get(user=cast.other_teacher, role=Role.COUNCIL_MEMBER)
    assert AuditEvent.objects.filter(
        action="membership.create", object_id=str(m.pk), school=cast.other
    ).exists()


def test_deleting_schools_in_bulk_is_logged(admin_client, cast, catalog):
    extra = School.objects.create(
        name="Trường Tiểu học Tạm",
        level="tieu_hoc",
        office=cast.phong,
        governing_body="UBND",
        place="Định Thành",
        short_code="THTAM",
        regulation=catalog["tt17-2018"],
    )
    response = admin_client.post(
        reverse("admin:schools_school_changelist"),
        {"action": "delete_selected", "_selected_action": [extra.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not School.objects.filter(pk=extra.pk).exists()
    assert AuditEvent.objects.filter(action="school.delete", object_id=str(extra.pk)).exists()


def test_actions_and_objects_read_in_vietnamese(admin_client, cast):
    with transaction.atomic():
        audit_record(actor=cast.principal, action="plan_item.create", obj=cast.primary, summary="Thêm dòng")
    html = admin_client.get(reverse("admin:audit_auditevent_changelist")).content.decode()
    assert "Thêm dòng kế hoạch" in html and "Thêm trường" in html
    assert "trường số" in html
    assert "plan_item.create" not in html.replace("action=plan_item.create", "")
    assert "Show counts" not in html
    assert re.findall(r'data-filter-title="([^"]+)"', html) == ["hành động", "trường", "thời điểm"]


def test_whole_actions_read_as_a_sentence():
    """Some actions read wrongly as "<verb> <object>" ("Tạo từ năm trước kế hoạch")."""
    from caitien.audit.admin import action_label

    assert action_label("plan.from_previous") == "Tạo kế hoạch từ kế hoạch năm trước"
    assert action_label("plan.from_assessment") == "Tạo kế hoạch từ báo cáo tự đánh giá"
    assert action_label("plan.supersede") == "Kế hoạch được thay bằng phiên bản mới"
    assert action_label("plan.approve") == "Phê duyệt kế hoạch"
