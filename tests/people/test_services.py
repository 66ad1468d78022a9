"""Directory writes: what they save, what they refuse (in Vietnamese), what they audit."""

import pytest

from caitien.audit.models import AuditEvent
from caitien.people import selectors, services
from caitien.people.models import Group, GroupMember, Person, ResponsibleMapping


def test_a_person_is_added_with_a_tidy_name_and_an_order(cast):
    first = services.person_create(
        school=cast.primary, full_name="  Nguyễn   Thị  Lan ", actor=cast.principal
    )
    second = services.person_create(school=cast.primary, full_name="Trần Văn Hùng", position=" Kế toán ")
    assert first.full_name == "Nguyễn Thị Lan" and second.position == "Kế toán"
    assert second.order == first.order + 1
    event = AuditEvent.objects.get(action="person.create", object_id=str(first.pk))
    assert event.school == cast.primary and "Nguyễn Thị Lan" in event.summary


def test_a_name_is_required(cast):
    with pytest.raises(services.PeopleRefused, match="Hãy ghi họ và tên"):
        services.person_create(school=cast.primary, full_name="   ")


def test_an_account_of_another_school_is_refused(cast):
    with pytest.raises(services.PeopleRefused, match="không thuộc Trường Tiểu học Hoà Bình"):
        services.person_create(school=cast.primary, full_name="Đỗ Thị Hạnh", user=cast.other_teacher)


def test_an_account_links_to_one_person_only(cast):
    services.person_create(school=cast.primary, full_name="Hoàng Thị Em", user=cast.staff)
    with pytest.raises(services.PeopleRefused, match="đã gắn với Hoàng Thị Em"):
        services.person_create(school=cast.primary, full_name="Hoàng Em", user=cast.staff)


def test_update_records_what_changed_and_can_unlink(cast):
    person = services.person_create(school=cast.primary, full_name="Hoàng Thị Em", user=cast.staff)
    services.person_update(person, position="Văn thư", user=None, actor=cast.principal)
    person.refresh_from_db()
    assert person.position == "Văn thư" and person.user is None
    event = AuditEvent.objects.get(action="person.update")
    assert event.changes["position"] == ["", "Văn thư"]


def test_deactivated_people_leave_the_lists_but_stay_in_the_directory(cast):
    person = services.person_create(school=cast.primary, full_name="Phan Văn Tuấn")
    services.person_set_active(person, active=False, actor=cast.principal)
    assert list(selectors.people_of_school(cast.primary)) == []
    assert list(selectors.people_of_school(cast.primary, include_inactive=True)) == [person]
    assert selectors.inactive_count(cast.primary) == 1
    services.person_set_active(person, active=True, actor=cast.principal)
    assert AuditEvent.objects.filter(action__in=["person.deactivate", "person.activate"]).count() == 2


def test_person_for_user_is_the_users_entry_in_that_school_only(cast):
    person = services.person_create(school=cast.primary, full_name="Hoàng Thị Em", user=cast.staff)
    assert selectors.person_for_user(cast.staff, cast.primary) == person
    assert selectors.person_for_user(cast.staff, cast.other) is None
    assert selectors.person_for_user(cast.vice, cast.primary) is None
    from django.contrib.auth.models import AnonymousUser

    assert selectors.person_for_user(AnonymousUser(), cast.primary) is None


def test_group_names_are_unique_in_a_school_whatever_the_case(cast):
    services.group_create(school=cast.primary, name="Tổ 1", kind=Group.Kind.SUBJECT)
    with pytest.raises(services.PeopleRefused, match="Trường đã có “tổ 1”"):
        services.group_create(school=cast.primary, name="tổ 1", kind=Group.Kind.SUBJECT)
    # Another school may have its own Tổ 1.
    services.group_create(school=cast.other, name="Tổ 1", kind=Group.Kind.SUBJECT)


def test_the_parents_board_is_outside_the_staff_by_default(cast):
    board = services.group_create(school=cast.primary, name="Ban đại diện CMHS", kind=Group.Kind.PARENTS)
    team = services.group_create(school=cast.primary, name="Tổ 2", kind=Group.Kind.SUBJECT)
    assert board.outside and not team.outside


def test_an_unknown_group_kind_is_refused(cast):
    with pytest.raises(services.PeopleRefused, match="Loại tổ, nhóm"):
        services.group_create(school=cast.primary, name="Tổ 3", kind="club")


def test_member_set_adds_then_changes_the_role(cast):
    group = services.group_create(school=cast.primary, name="Tổ 1", kind=Group.Kind.SUBJECT)
    person = services.person_create(school=cast.primary, full_name="Đặng Văn Minh")
    services.member_set(group=group, person=person, actor=cast.principal)
    services.member_set(group=group, person=person, role=GroupMember.Role.LEADER, actor=cast.principal)
    assert GroupMember.objects.get(group=group, person=person).role == "leader"
    services.member_remove(group=group, person=person, actor=cast.principal)
    assert not GroupMember.objects.exists()


def test_a_person_of_another_school_cannot_join(cast):
    group = services.group_create(school=cast.primary, name="Tổ 1", kind=Group.Kind.SUBJECT)
    stranger = services.person_create(school=cast.other, full_name="Đỗ Thị Hạnh")
    with pytest.raises(services.PeopleRefused, match="không thuộc trường"):
        services.member_set(group=group, person=stranger)


def test_mapping_refuses_a_target_of_another_school(cast):
    stranger = services.person_create(school=cast.other, full_name="Đỗ Thị Hạnh")
    with pytest.raises(services.PeopleRefused, match="Hãy chọn một người của trường"):
        services.mapping_set(school=cast.primary, text="cô Hạnh", kind="person", person=stranger)
    with pytest.raises(services.PeopleRefused, match="Hãy chọn"):
        services.mapping_set(school=cast.primary, text="cô Hạnh", kind="anything")
    with pytest.raises(services.PeopleRefused, match="trống"):
        services.mapping_set(school=cast.primary, text=" ; ", kind="nobody")
    assert not ResponsibleMapping.objects.exists()


def test_directory_page_reads_in_constant_queries(cast, django_assert_num_queries):
    group = services.group_create(school=cast.primary, name="Tổ 1", kind=Group.Kind.SUBJECT)
    for n in range(3):
        person = services.person_create(school=cast.primary, full_name=f"Người {n}")
        services.member_set(group=group, person=person)
    with django_assert_num_queries(4):
        people, groups = selectors.directory_page(cast.primary)
        names = [[m.group.name for m in p.group_memberships.all()] for p in people]
        members = [m.person.full_name for g in groups for m in g.memberships.all()]
    assert names == [["Tổ 1"]] * 3 and len(members) == 3
    assert isinstance(people[0], Person)
