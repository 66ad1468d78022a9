"""The audit log: written by services inside the change's transaction, never edited afterwards."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from caitien.audit.models import AuditEvent
from caitien.audit.services import audit_record, diff_fields
from caitien.schools.models import Office, School
from caitien.schools.services import office_create, school_create


class Boom(Exception):
    pass


def test_a_service_records_who_what_and_when(cast):
    before = timezone.now()
    school = school_create(
        name="Trường Tiểu học Minh Hoà",
        level="tieu_hoc",
        office=cast.phong,
        governing_body="UBND huyện Dầu Tiếng",
        place="Minh Hoà",
        short_code="THMH",
        regulation=cast.primary.regulation,
        actor=cast.admin,
    )
    event = AuditEvent.objects.get(action="school.create", object_id=str(school.pk))
    assert event.actor == cast.admin
    assert event.actor_name == "Đặng Quản Trị"
    assert event.object_type == "school"
    assert event.school == school  # the school is its own scope
    assert event.summary == "Thêm trường Trường Tiểu học Minh Hoà"
    assert before <= event.created_at <= timezone.now()


def test_changes_are_stored_as_json(cast):
    office = cast.phong
    with transaction.atomic():
        changes = diff_fields(office, {"place": "Thị trấn Dầu Tiếng", "name": office.name})
        event = audit_record(
            actor=cast.admin, action="office.update", obj=office, changes=changes, summary="Sửa địa danh"
        )
    event.refresh_from_db()
    assert event.changes == {"place": ["Dầu Tiếng", "Thị trấn Dầu Tiếng"]}
    with transaction.atomic():
        odd = audit_record(
            actor=None,
            action="office.check",
            obj=office,
            changes={"date": datetime.date(2025, 9, 5), "ids": (1, 2)},
        )
    odd.refresh_from_db()
    assert odd.changes == {"date": "2025-09-05", "ids": [1, 2]}
    assert odd.actor is None and odd.actor_name == "hệ thống"


def test_a_rolled_back_change_leaves_no_event(cast):
    events = AuditEvent.objects.count()
    with pytest.raises(Boom), transaction.atomic():
        office_create(
            name="Phòng Giáo dục và Đào tạo huyện Phú Giáo",
            kind=Office.Kind.PHONG,
            parent=cast.so,
            actor=cast.admin,
        )
        assert AuditEvent.objects.count() == events + 1
        raise Boom
    assert AuditEvent.objects.count() == events
    assert not Office.objects.filter(name__contains="Phú Giáo").exists()


def test_a_failing_write_leaves_no_event(cast):
    """A duplicate short code fails inside the service: neither the school nor its event stays."""
    events = AuditEvent.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        school_create(
            name="Trường trùng ký hiệu",
            level="tieu_hoc",
            office=cast.phong,
            governing_body="UBND",
            place="Định Thành",
            short_code=cast.primary.short_code,
            regulation=cast.primary.regulation,
            actor=cast.admin,
        )
    assert AuditEvent.objects.count() == events
    assert not School.objects.filter(name="Trường trùng ký hiệu").exists()


@pytest.mark.django_db(transaction=True)
def test_audit_record_outside_a_transaction_raises(catalog):
    with transaction.atomic():
        office = Office.objects.create(name="Sở Giáo dục và Đào tạo tỉnh Tây Ninh", kind=Office.Kind.SO)
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record(actor=None, action="office.create", obj=office)
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_service_commits_its_event_with_the_change(catalog):
    office = office_create(name="Sở Giáo dục và Đào tạo tỉnh Bình Phước", kind=Office.Kind.SO)
    assert AuditEvent.objects.filter(action="office.create", object_id=str(office.pk)).exists()


def _event(cast):
    with transaction.atomic():
        return audit_record(
            actor=cast.principal, action="plan.create", obj=cast.primary, summary="Tạo kế hoạch"
        )


def test_an_event_cannot_be_changed(cast):
    event = _event(cast)
    event.summary = "Sửa lại lịch sử"
    with pytest.raises(PermissionError, match="không được sửa"):
        event.save()
    with pytest.raises(PermissionError, match="không được sửa"):
        AuditEvent.objects.filter(pk=event.pk).update(summary="Sửa lại lịch sử")
    with pytest.raises(PermissionError, match="không được sửa"):
        AuditEvent.objects.all().update(actor_name="")
    event.refresh_from_db()
    assert event.summary == "Tạo kế hoạch"


def test_an_event_cannot_be_deleted(cast):
    event = _event(cast)
    with pytest.raises(PermissionError, match="không được xóa"):
        event.delete()
    with pytest.raises(PermissionError, match="không được xóa"):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError, match="không được xóa"):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_name_of_who_acted_outlives_their_account(cast):
    event = _event(cast)
    cast.principal.delete()
    event.refresh_from_db()
    assert event.actor is None
    assert event.actor_name == "Nguyễn Văn An"
