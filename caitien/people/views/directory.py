"""The staff directory of a school: people, groups and members; added, edited, deactivated."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from caitien.people import selectors, services
from caitien.people.forms import GroupForm, MemberForm, PersonForm
from caitien.people.models import Group, GroupMember, Person
from caitien.people.views.common import READ_REFUSED, school_for
from caitien.schools import permissions


@login_required
def directory_home(request):
    """/nhan-su/: the directory of the user's school (the first one, for someone in several)."""
    schools = [
        s for s in permissions.schools_of(request.user) if permissions.can_view_people(request.user, s)
    ]
    permissions.require(bool(schools), READ_REFUSED)
    return redirect("people:directory", school_pk=schools[0].pk)


@login_required
def directory(request, school_pk):
    school = school_for(request, school_pk)
    show_left = request.GET.get("da-nghi") == "1"
    people, groups = selectors.directory_page(school, include_inactive=show_left)
    return render(
        request,
        "people/directory.html",
        {
            "school": school,
            "people": people,
            "groups": groups,
            "show_left": show_left,
            "left_count": 0 if show_left else selectors.inactive_count(school),
            "can_manage": permissions.can_manage_people(request.user, school),
            "other_schools": [s for s in permissions.schools_of(request.user) if s.pk != school.pk],
        },
    )


def _person_values(form) -> dict:
    data = form.cleaned_data
    values = {k: data.get(k) or "" for k in ("full_name", "position", "email", "phone")}
    if data.get("order") is not None:
        values["order"] = data["order"]
    return values


@login_required
def person_add(request, school_pk):
    school = school_for(request, school_pk, manage=True)
    form = PersonForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(
                school=school, user=form.cleaned_data.get("user"), actor=request.user, **_person_values(form)
            )
        except services.PeopleRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Đã thêm {person.full_name} vào danh sách nhân sự.")
            return redirect("people:directory", school_pk=school.pk)
    return render(request, "people/person_form.html", {"school": school, "form": form, "person": None})


@login_required
def person_edit(request, school_pk, pk):
    school = school_for(request, school_pk, manage=True)
    person = get_object_or_404(Person, pk=pk, school=school)
    initial = {
        "full_name": person.full_name,
        "position": person.position,
        "email": person.email,
        "phone": person.phone,
        "order": person.order,
        "user": person.user_id,
    }
    form = PersonForm(request.POST or None, initial=initial, school=school, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                person, actor=request.user, user=form.cleaned_data.get("user"), **_person_values(form)
            )
        except services.PeopleRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Đã lưu thông tin của {person.full_name}.")
            return redirect("people:directory", school_pk=school.pk)
    memberships = person.group_memberships.select_related("group")
    return render(
        request,
        "people/person_form.html",
        {"school": school, "form": form, "person": person, "memberships": memberships},
    )


@require_POST
@login_required
def person_active(request, school_pk, pk):
    school = school_for(request, school_pk, manage=True)
    person = get_object_or_404(Person, pk=pk, school=school)
    active = request.POST.get("active") == "1"
    services.person_set_active(person, active=active, actor=request.user)
    if active:
        messages.success(request, f"{person.full_name} đã trở lại danh sách đang công tác.")
    else:
        messages.success(
            request,
            f"{person.full_name} đã được đánh dấu thôi công tác. Các dòng kế hoạch, việc đã giao vẫn giữ tên; "
            "xem lại ở “Người đã thôi công tác”.",
        )
    return redirect("people:directory", school_pk=school.pk)


@login_required
def group_add(request, school_pk):
    school = school_for(request, school_pk, manage=True)
    form = GroupForm(request.POST or None, initial={"kind": request.GET.get("loai", Group.Kind.SUBJECT)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outside = data["outside"] or data["kind"] == Group.Kind.PARENTS
            group = services.group_create(
                school=school, name=data["name"], kind=data["kind"], outside=outside, actor=request.user
            )
        except services.PeopleRefused as refusal:
            form.add_error("name", str(refusal))
        else:
            messages.success(request, f"Đã thêm {group.name}. Hãy thêm thành viên bên dưới.")
            return redirect("people:group_edit", school_pk=school.pk, pk=group.pk)
    return render(request, "people/group_form.html", {"school": school, "form": form, "group": None})


@login_required
def group_edit(request, school_pk, pk):
    school = school_for(request, school_pk, manage=True)
    group = get_object_or_404(Group, pk=pk, school=school)
    form = GroupForm(
        request.POST or None, initial={"name": group.name, "kind": group.kind, "outside": group.outside}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.group_update(
                group, name=data["name"], kind=data["kind"], outside=data["outside"], actor=request.user
            )
        except services.PeopleRefused as refusal:
            form.add_error("name", str(refusal))
        else:
            messages.success(request, f"Đã lưu {group.name}.")
            return redirect("people:group_edit", school_pk=school.pk, pk=group.pk)
    return _group_page(request, school, group, form, MemberForm(school=school))


def _group_page(request, school, group, form, member_form, status=200):
    members = group.memberships.select_related("person").order_by("person__order", "person__full_name")
    return render(
        request,
        "people/group_form.html",
        {
            "school": school,
            "group": group,
            "form": form,
            "member_form": member_form,
            "members": members,
            "roles": GroupMember.Role.choices,
        },
        status=status,
    )


@require_POST
@login_required
def group_delete(request, school_pk, pk):
    school = school_for(request, school_pk, manage=True)
    group = get_object_or_404(Group, pk=pk, school=school)
    name = group.name
    services.group_delete(group, actor=request.user)
    messages.success(request, f"Đã xóa {name}. Những người trong tổ vẫn còn trong danh sách nhân sự.")
    return redirect("people:directory", school_pk=school.pk)


@require_POST
@login_required
def member_add(request, school_pk, pk):
    """Add a member with a role, or change the role of one already in the group."""
    school = school_for(request, school_pk, manage=True)
    group = get_object_or_404(Group, pk=pk, school=school)
    member_form = MemberForm(request.POST, school=school)
    if not member_form.is_valid():
        form = GroupForm(initial={"name": group.name, "kind": group.kind, "outside": group.outside})
        return _group_page(request, school, group, form, member_form, status=400)
    person = member_form.cleaned_data["person"]
    member = services.member_set(
        group=group, person=person, role=member_form.cleaned_data["role"], actor=request.user
    )
    messages.success(request, f"{person.full_name}: {member.get_role_display().lower()} của {group.name}.")
    return redirect(reverse("people:group_edit", args=[school.pk, group.pk]) + "#members")


@require_POST
@login_required
def member_remove(request, school_pk, pk, person_pk):
    school = school_for(request, school_pk, manage=True)
    group = get_object_or_404(Group, pk=pk, school=school)
    person = get_object_or_404(Person, pk=person_pk, school=school)
    services.member_remove(group=group, person=person, actor=request.user)
    messages.success(request, f"{person.full_name} không còn trong {group.name}.")
    return redirect(reverse("people:group_edit", args=[school.pk, group.pk]) + "#members")
